//! TFLite's integer arithmetic for uint8 models (tensorflow/lite/kernels/internal/common.h,
//! quantization_util.cc and gemmlowp/fixedpoint), bit for bit: every target must print the same scores.

/// gemmlowp SaturatingRoundingDoublingHighMul: a * b / 2^31 rounded half up (its nudge for negative
/// products is 1 - 2^30, then C division truncates), saturating the one overflow case.
#[inline(always)]
pub fn saturating_rounding_doubling_high_mul(a: i32, b: i32) -> i32 {
    if a == b && a == i32::MIN {
        return i32::MAX;
    }
    let ab = a as i64 * b as i64;
    let nudge: i64 = if ab >= 0 { 1 << 30 } else { 1 - (1 << 30) };
    // C++ integer division truncates towards zero; `/` in Rust does the same.
    ((ab + nudge) / (1i64 << 31)) as i32
}

/// gemmlowp RoundingDivideByPOT: x / 2^exponent, rounding half away from zero.
#[inline(always)]
pub fn rounding_divide_by_pot(x: i32, exponent: i32) -> i32 {
    debug_assert!((0..=31).contains(&exponent));
    let mask = ((1i64 << exponent) - 1) as i32;
    let remainder = x & mask;
    let threshold = (mask >> 1) + (x < 0) as i32;
    (x >> exponent) + (remainder > threshold) as i32
}

/// gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent: a saturating left shift.
#[inline(always)]
pub fn saturating_shift_left(x: i32, exponent: i32) -> i32 {
    let threshold = (1i32 << (31 - exponent)) - 1;
    if x > threshold {
        i32::MAX
    } else if x < -threshold {
        i32::MIN
    } else {
        x << exponent
    }
}

/// A real multiplier as TFLite's QuantizeMultiplier stores it: q * 2^shift, q in [2^30, 2^31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuantizedMultiplier {
    pub multiplier: i32,
    pub shift: i32,
}

impl QuantizedMultiplier {
    pub fn from_real(real: f64) -> Self {
        if real == 0.0 {
            return QuantizedMultiplier { multiplier: 0, shift: 0 };
        }
        let (q, mut shift) = frexp(real);
        // TfLiteRound is std::round: half away from zero, as f64::round.
        let mut q_fixed = (q * (1i64 << 31) as f64).round() as i64;
        assert!(q_fixed <= 1i64 << 31);
        if q_fixed == 1i64 << 31 {
            q_fixed /= 2;
            shift += 1;
        }
        if shift < -31 {
            shift = 0;
            q_fixed = 0;
        }
        QuantizedMultiplier { multiplier: q_fixed as i32, shift }
    }

    /// TFLite MultiplyByQuantizedMultiplier (the legacy uint8 kernels' requantisation).
    #[inline(always)]
    pub fn apply(self, x: i32) -> i32 {
        let left = self.shift.max(0);
        let right = (-self.shift).max(0);
        rounding_divide_by_pot(saturating_rounding_doubling_high_mul(x.wrapping_mul(1 << left), self.multiplier), right)
    }
}

/// C's frexp for finite non-zero values: x = q * 2^e with 0.5 <= |q| < 1.
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale into the normal range first.
        let (q, e) = frexp(x * (1u64 << 54) as f64);
        return (q, e - 54);
    }
    let q = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (q, exponent - 1022)
}

/// TFLite CalculateActivationRangeQuantized for uint8 outputs.
pub fn activation_range(activation: crate::tflite::model::Activation, scale: f32, zero_point: i32) -> (i32, i32) {
    use crate::tflite::model::Activation;
    let quantize = |f: f32| zero_point + (f / scale).round() as i32;
    match activation {
        Activation::None => (0, 255),
        Activation::Relu => (quantize(0.0).max(0), 255),
        Activation::Relu6 => (quantize(0.0).max(0), quantize(6.0).min(255)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_high_mul_rounds_half_up() {
        // 2^30 * 3 / 2^31 = 1.5 -> 2; -1.5 -> -1
        assert_eq!(saturating_rounding_doubling_high_mul(1 << 30, 3), 2);
        assert_eq!(saturating_rounding_doubling_high_mul(1 << 30, -3), -1);
        // 0.5 -> 1; -0.5 -> 0; -0.75 -> -1
        assert_eq!(saturating_rounding_doubling_high_mul(1 << 30, 1), 1);
        assert_eq!(saturating_rounding_doubling_high_mul(1 << 30, -1), 0);
        assert_eq!(saturating_rounding_doubling_high_mul(3 << 28, -2), -1);
        assert_eq!(saturating_rounding_doubling_high_mul(i32::MIN, i32::MIN), i32::MAX);
    }

    #[test]
    fn rounding_divide_by_pot_matches_gemmlowp() {
        assert_eq!(rounding_divide_by_pot(5, 1), 3); // 2.5 -> 3
        assert_eq!(rounding_divide_by_pot(-5, 1), -3); // -2.5 -> -3
        assert_eq!(rounding_divide_by_pot(7, 2), 2); // 1.75 -> 2
        assert_eq!(rounding_divide_by_pot(-6, 2), -2); // -1.5 -> -2
        assert_eq!(rounding_divide_by_pot(-5, 2), -1); // -1.25 -> -1
        assert_eq!(rounding_divide_by_pot(123, 0), 123);
    }

    #[test]
    fn quantize_multiplier_normalises_into_q31() {
        let m = QuantizedMultiplier::from_real(0.5);
        assert_eq!(m, QuantizedMultiplier { multiplier: 1 << 30, shift: 0 });
        let m = QuantizedMultiplier::from_real(0.25);
        assert_eq!(m, QuantizedMultiplier { multiplier: 1 << 30, shift: -1 });
        let m = QuantizedMultiplier::from_real(3.0);
        assert_eq!(m, QuantizedMultiplier { multiplier: 3 << 29, shift: 2 });
        // A q that rounds up to 2^31 moves into the next exponent.
        let m = QuantizedMultiplier::from_real(1.0 - 1e-12);
        assert_eq!(m, QuantizedMultiplier { multiplier: 1 << 30, shift: 1 });
        assert_eq!(QuantizedMultiplier::from_real(0.0).apply(12345), 0);
    }

    #[test]
    fn requantisation_scales_and_rounds() {
        let half = QuantizedMultiplier::from_real(0.5);
        assert_eq!(half.apply(7), 4); // 3.5 -> 4
        assert_eq!(half.apply(-7), -3); // -3.5 -> -3: the high multiply rounds half up
        assert_eq!(half.apply(-9), -4); // -4.5 -> -4
        let three = QuantizedMultiplier::from_real(3.0);
        assert_eq!(three.apply(5), 15);
        let small = QuantizedMultiplier::from_real(0.001);
        assert_eq!(small.apply(1500), 2); // 1.5 -> 2
        assert_eq!(small.apply(1499), 1);
    }

    #[test]
    fn relu6_range_follows_output_quantisation() {
        use crate::tflite::model::Activation;
        // scale 6/255 with zero point 0: RELU6 covers the whole uint8 range.
        assert_eq!(activation_range(Activation::Relu6, 6.0 / 255.0, 0), (0, 255));
        // scale 0.1, zero point 10: 0 -> 10, 6 -> 70.
        assert_eq!(activation_range(Activation::Relu6, 0.1, 10), (10, 70));
        assert_eq!(activation_range(Activation::None, 0.1, 10), (0, 255));
    }

    #[test]
    fn frexp_matches_c() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(0.75), (0.75, 0));
        assert_eq!(frexp(1e-310).1, -1029);
    }
}

/// `saturating_rounding_doubling_high_mul(x, m)` for a multiplier m >= 0, written on magnitudes:
/// (|x|*m + 2^30 - neg) >> 31 with the sign restored equals gemmlowp's truncating
/// (x*m + nudge) / 2^31, and an unsigned 32x32->64 product autovectorises (pmuludq on x86_64,
/// i64x2.extmul on wasm simd128) where a signed 64-bit division does not.
#[inline(always)]
pub fn doubling_high_mul_nonnegative(x: i32, m: u64) -> i32 {
    let negative = (x < 0) as u64;
    let magnitude = ((x.unsigned_abs() as u64 * m + (1 << 30) - negative) >> 31) as i32;
    if negative != 0 {
        magnitude.wrapping_neg()
    } else {
        magnitude
    }
}

/// Output requantisation of a conv/depthwise layer, hoisted out of the per-element loop.
#[derive(Debug, Clone, Copy)]
pub struct Requantize {
    pub multiplier: QuantizedMultiplier,
    pub zero_point: i32,
    pub min: i32,
    pub max: i32,
}

impl Requantize {
    /// `acc` (int32 accumulators, bias included) -> clamped uint8, in a loop that autovectorises;
    /// the unit tests check it against `QuantizedMultiplier::apply` element by element.
    #[inline(always)]
    pub fn run(&self, acc: &[i32], out: &mut [u8]) {
        let QuantizedMultiplier { multiplier, shift } = self.multiplier;
        debug_assert!(multiplier >= 0);
        let left = shift.max(0) as u32;
        let right = (-shift).max(0);
        let mask = ((1i64 << right) - 1) as i32;
        let m = multiplier as u32 as u64;
        for (o, &a) in out.iter_mut().zip(acc) {
            let high = doubling_high_mul_nonnegative(a.wrapping_shl(left), m);
            let remainder = high & mask;
            let threshold = (mask >> 1) + (high < 0) as i32;
            let scaled = (high >> right) + (remainder > threshold) as i32;
            *o = (scaled + self.zero_point).clamp(self.min, self.max) as u8;
        }
    }
}

#[cfg(test)]
mod requantize_tests {
    use super::*;

    #[test]
    fn vector_form_equals_reference_form() {
        let mut state = 0x9e3779b97f4a7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for real in [0.0003, 0.0071, 0.13, 0.5, 0.9999, 1.7, 12.0] {
            let multiplier = QuantizedMultiplier::from_real(real);
            let rq = Requantize { multiplier, zero_point: 3, min: 0, max: 255 };
            let mut acc: Vec<i32> = (0..4096).map(|_| (next() as i32) >> (next() % 31)).collect();
            acc.extend([0, 1, -1, i32::MAX, i32::MIN, 1 << 20, -(1 << 20)]);
            let mut out = vec![0u8; acc.len()];
            rq.run(&acc, &mut out);
            for (&a, &o) in acc.iter().zip(&out) {
                let expected = (multiplier.apply(a) + 3).clamp(0, 255) as u8;
                assert_eq!(o, expected, "acc {a}, multiplier {real}");
            }
        }
    }
}
