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
    /// 128-bit vectors on x86_64 (SSE2, which every x86_64 CPU has): the kernels WebAssembly's simd128 runs, as machine
    /// code, so that native can be compared with WebAssembly at the same vector width.
    #[cfg(target_arch = "x86_64")]
    Sse2,
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
        #[cfg(target_arch = "x86_64")]
        isas.push(Isa(Kind::Sse2));
        if !isas.contains(&Isa::detect()) {
            isas.push(Isa::detect());
        }
        isas
    }

    /// The instruction set called `name` ("auto" = [`Isa::detect`]), if this process can use it.
    pub fn by_name(name: &str) -> Result<Isa, String> {
        if name == "auto" {
            return Ok(Isa::detect());
        }
        Isa::all_available().into_iter().find(|isa| isa.name() == name).ok_or_else(|| {
            let names: Vec<&str> = Isa::all_available().iter().map(|isa| isa.name()).collect();
            format!("--isa {name} is not available here; this CPU and build offer auto, {}", names.join(", "))
        })
    }

    pub(crate) fn kind(self) -> Kind {
        self.0
    }

    pub fn name(self) -> &'static str {
        match self.0 {
            Kind::Scalar => "scalar",
            #[cfg(target_arch = "x86_64")]
            Kind::Avx2 => "avx2",
            #[cfg(target_arch = "x86_64")]
            Kind::Sse2 => "sse2",
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            Kind::Simd128 => "simd128",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isas_are_chosen_by_name_and_an_unknown_or_unavailable_one_is_refused_with_the_choices() {
        assert_eq!(Isa::by_name("auto"), Ok(Isa::detect()));
        assert_eq!(Isa::by_name("scalar"), Ok(Isa::scalar()));
        #[cfg(target_arch = "x86_64")]
        assert_eq!(Isa::by_name("sse2").map(Isa::name), Ok("sse2"));
        let refused = Isa::by_name("avx512").unwrap_err();
        assert!(refused.contains("--isa avx512 is not available here") && refused.contains("auto, scalar"), "{refused}");
    }
}
