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

mod isa;
pub use isa::Isa;
pub(crate) use isa::Kind;

/// Runs `$body` (which must only call `#[inline(always)]` code) compiled for `$isa`.
/// On x86_64 the AVX2 arm is a separate function with `#[target_feature(enable = "avx2")]`.
macro_rules! dispatch {
    ($isa:expr, $name:ident($($arg:ident : $ty:ty),* $(,)?) $body:block) => {{
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        unsafe fn avx2($($arg: $ty),*) $body
        #[inline(always)]
        fn portable($($arg: $ty),*) $body
        match $isa.kind() {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: an Isa of kind Avx2 only comes from Isa::detect() after is_x86_feature_detected!("avx2") said yes.
            crate::kernels::Kind::Avx2 => unsafe { avx2($($arg),*) },
            _ => portable($($arg),*),
        }
    }};
}
pub(crate) use dispatch;
