//! The integer kernels of MobileNetV2. Hot loops are written once, as `#[inline(always)]` code that
//! autovectorises, and instantiated per instruction set: on x86_64 an AVX2 copy chosen at run time,
//! on wasm32 whatever the build enables (`simd128` in the simd flavour). The GEMM micro-kernel has
//! explicit intrinsics because the pairwise i16 multiply-add (pmaddwd / i32x4.dot_i16x8_s) is the
//! whole point and autovectorisers do not find it reliably.

pub mod add;
pub mod conv;
pub mod depthwise;
pub mod gemm;
pub mod pool;
pub mod softmax;

/// The instruction set the kernels run with. All produce bit-identical results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isa {
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
            return Isa::Avx2;
        }
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return Isa::Simd128;
        #[allow(unreachable_code)]
        Isa::Scalar
    }

    /// Every instruction set available here, for tests that compare them.
    pub fn all_available() -> Vec<Isa> {
        let mut isas = vec![Isa::Scalar];
        if Isa::detect() != Isa::Scalar {
            isas.push(Isa::detect());
        }
        isas
    }

    pub fn name(self) -> &'static str {
        match self {
            Isa::Scalar => "scalar",
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => "avx2",
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            Isa::Simd128 => "simd128",
        }
    }
}

/// Runs `$body` (which must only call `#[inline(always)]` code) compiled for `$isa`.
/// On x86_64 the AVX2 arm is a separate function with `#[target_feature(enable = "avx2")]`.
macro_rules! dispatch {
    ($isa:expr, $name:ident($($arg:ident : $ty:ty),* $(,)?) $body:block) => {{
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        unsafe fn avx2($($arg: $ty),*) $body
        #[inline(always)]
        fn portable($($arg: $ty),*) $body
        match $isa {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: Isa::Avx2 only exists after is_x86_feature_detected!("avx2") said yes.
            crate::kernels::Isa::Avx2 => unsafe { avx2($($arg),*) },
            _ => portable($($arg),*),
        }
    }};
}
pub(crate) use dispatch;
