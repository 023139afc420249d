//! The instruction set the kernels run with, in a module of its own: an `Isa` can only be made here, and only from what
//! the CPU said, so safe code elsewhere cannot hand the AVX2 kernels to a CPU without AVX2.

/// The instruction set the kernels run with. All produce bit-identical results. Made only by [`Isa::detect`],
/// [`Isa::all_available`] and [`Isa::scalar`]:
///
/// ```compile_fail
/// // The kind is private to this module: no Isa can claim AVX2 without the CPU check.
/// let isa = mobilenet_classify::kernels::Isa(mobilenet_classify::kernels::Kind::Avx2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Isa(Kind);

/// What an [`Isa`] is, for the kernels' dispatch inside this crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Scalar,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    Simd128,
}

impl Isa {
    /// The best instruction set this process can use.
    pub fn detect() -> Isa {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            return Isa(Kind::Avx2);
        }
        // simd128 is a property of the module: a runtime that could not run it would have refused to load it.
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return Isa(Kind::Simd128);
        #[allow(unreachable_code)]
        Isa(Kind::Scalar)
    }

    /// The portable kernels, which run everywhere.
    pub fn scalar() -> Isa {
        Isa(Kind::Scalar)
    }

    /// Every instruction set available here, for tests that compare them.
    pub fn all_available() -> Vec<Isa> {
        let mut isas = vec![Isa::scalar()];
        if Isa::detect() != Isa::scalar() {
            isas.push(Isa::detect());
        }
        isas
    }

    pub(crate) fn kind(self) -> Kind {
        self.0
    }

    pub fn name(self) -> &'static str {
        match self.0 {
            Kind::Scalar => "scalar",
            #[cfg(target_arch = "x86_64")]
            Kind::Avx2 => "avx2",
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            Kind::Simd128 => "simd128",
        }
    }
}
