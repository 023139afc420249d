//! SOFTMAX for uint8 (TFLite reference softmax.h), in gemmlowp fixed point: exp of the difference
//! to the row maximum, a fixed-point reciprocal of the sum, and scores in units of 1/256.

use crate::quant::{rounding_divide_by_pot, saturating_rounding_doubling_high_mul as mul, saturating_shift_left, QuantizedMultiplier};

/// Integer bits of the scaled input difference (FixedPoint<int32, 5>).
const SCALED_DIFF_INTEGER_BITS: i32 = 5;
/// Integer bits of the sum of exponentials (FixedPoint<int32, 12>).
const ACCUMULATION_INTEGER_BITS: i32 = 12;

#[derive(Debug, Clone)]
pub struct Softmax {
    input_multiplier: i32,
    input_left_shift: i32,
    diff_min: i32,
}

impl Softmax {
    /// TFLite PreprocessSoftmaxScaling and CalculateInputRadius.
    pub fn new(beta: f32, input_scale: f32) -> Softmax {
        let real = (beta as f64 * input_scale as f64 * (1i64 << (31 - SCALED_DIFF_INTEGER_BITS)) as f64)
            .min((1i64 << 31) as f64 - 1.0);
        let m = QuantizedMultiplier::from_real(real);
        assert!(m.shift >= 0, "softmax input multiplier {real} below one");
        let max_input_rescaled = ((1i64 << SCALED_DIFF_INTEGER_BITS) - 1) as f64
            * (1i64 << (31 - SCALED_DIFF_INTEGER_BITS)) as f64
            / (1i64 << m.shift) as f64;
        Softmax { input_multiplier: m.multiplier, input_left_shift: m.shift, diff_min: -(max_input_rescaled.floor() as i32) }
    }

    pub fn run(&self, input: &[u8], output: &mut [u8]) {
        assert_eq!(input.len(), output.len());
        let max = input.iter().copied().max().unwrap_or(0) as i32;
        let scaled_diff = |v: u8| {
            let diff = v as i32 - max;
            (diff >= self.diff_min).then(|| mul(diff * (1 << self.input_left_shift), self.input_multiplier))
        };
        let sum_of_exps: i32 = input
            .iter()
            .filter_map(|&v| scaled_diff(v))
            .map(|d| rounding_divide_by_pot(exp_on_negative_values(d), ACCUMULATION_INTEGER_BITS))
            .sum();
        let (reciprocal, bits_over_unit) = reciprocal(sum_of_exps, ACCUMULATION_INTEGER_BITS);
        for (o, &v) in output.iter_mut().zip(input) {
            *o = match scaled_diff(v) {
                Some(d) => {
                    let p = rounding_divide_by_pot(mul(reciprocal, exp_on_negative_values(d)), bits_over_unit + 31 - 8);
                    p.clamp(0, 255) as u8
                }
                None => 0,
            };
        }
    }
}

/// TFLite GetReciprocal: 1 / x for x with `integer_digits` integer bits, as a Q0.31 value and the
/// number of bits x had above 1.0.
fn reciprocal(x: i32, integer_digits: i32) -> (i32, i32) {
    let headroom_plus_one = (x as u32).leading_zeros() as i32;
    let bits_over_unit = integer_digits - headroom_plus_one;
    let shifted_minus_one = ((x as u32) << headroom_plus_one).wrapping_sub(1 << 31) as i32;
    (one_over_one_plus_x_for_x_in_0_1(shifted_minus_one), bits_over_unit)
}

/// gemmlowp one_over_one_plus_x_for_x_in_0_1: Newton-Raphson division, Q0.31 in and out.
fn one_over_one_plus_x_for_x_in_0_1(a: i32) -> i32 {
    let half_denominator = ((a as i64 + i32::MAX as i64 + 1) / 2) as i32; // RoundingHalfSum(a, One)
    const CONSTANT_48_OVER_17: i32 = 1515870810; // Q2.29
    const CONSTANT_NEG_32_OVER_17: i32 = -1010580540; // Q2.29
    const ONE_Q2: i32 = 1 << 29;
    let mut x = CONSTANT_48_OVER_17 + mul(half_denominator, CONSTANT_NEG_32_OVER_17);
    for _ in 0..3 {
        let half_denominator_times_x = mul(half_denominator, x);
        let one_minus = ONE_Q2 - half_denominator_times_x;
        x += saturating_shift_left(mul(x, one_minus), 2); // Q4 product rescaled to Q2
    }
    saturating_shift_left(x, 1) // ExactMulByPot<-1> then Rescale<0>
}

/// gemmlowp exp_on_negative_values for a Q5.26 input: exp(a) as Q0.31.
fn exp_on_negative_values(a: i32) -> i32 {
    const FRACTIONAL_BITS: i32 = 31 - SCALED_DIFF_INTEGER_BITS;
    const ONE_QUARTER: i32 = 1 << (FRACTIONAL_BITS - 2);
    let a_mod_quarter_minus_one_quarter = (a & (ONE_QUARTER - 1)) - ONE_QUARTER;
    let mut result = exp_on_interval_between_negative_one_quarter_and_0_excl(saturating_shift_left(a_mod_quarter_minus_one_quarter, SCALED_DIFF_INTEGER_BITS));
    let remainder = a_mod_quarter_minus_one_quarter.wrapping_sub(a);
    // exp(-2^e) for e = -2..=4, in Q0.31: the barrel shifter over the remainder's bits.
    const BARREL: [(i32, i32); 7] = [(-2, 1672461947), (-1, 1302514674), (0, 790015084), (1, 290630308), (2, 39332535), (3, 720401), (4, 242)];
    for (exponent, multiplier) in BARREL {
        if remainder & (1 << (FRACTIONAL_BITS + exponent)) != 0 {
            result = mul(result, multiplier);
        }
    }
    if a == 0 {
        i32::MAX
    } else {
        result
    }
}

fn exp_on_interval_between_negative_one_quarter_and_0_excl(a: i32) -> i32 {
    const CONSTANT_TERM: i32 = 1895147668; // exp(-1/8)
    const CONSTANT_1_OVER_3: i32 = 715827883;
    let x = a + (1 << 28); // a + 1/8
    let x2 = mul(x, x);
    let x3 = mul(x2, x);
    let x4 = mul(x2, x2);
    let x4_over_4 = rounding_divide_by_pot(x4, 2);
    let poly = rounding_divide_by_pot(mul(x4_over_4 + x3, CONSTANT_1_OVER_3) + x2, 1);
    CONSTANT_TERM + mul(CONSTANT_TERM, x + poly)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q31(x: i32) -> f64 {
        x as f64 / (1u64 << 31) as f64
    }

    #[test]
    fn fixed_point_exp_tracks_the_real_exp() {
        for real in [-0.01, -0.2, -0.25, -0.9, -1.0, -3.3, -7.9, -20.0] {
            let a = (real * (1 << 26) as f64) as i32;
            let got = q31(exp_on_negative_values(a));
            assert!((got - f64::exp(real)).abs() < 2e-6, "exp({real}) = {got}");
        }
        assert_eq!(exp_on_negative_values(0), i32::MAX);
    }

    #[test]
    fn fixed_point_reciprocal_tracks_the_real_reciprocal() {
        for x in [0.0, 0.1, 0.5, 0.999] {
            let raw = (x * (1u64 << 31) as f64) as i32;
            let got = q31(one_over_one_plus_x_for_x_in_0_1(raw));
            assert!((got - 1.0 / (1.0 + x)).abs() < 1e-6, "1/(1+{x}) = {got}");
        }
    }

    #[test]
    fn probabilities_follow_the_logit_differences() {
        // Input scale 0.1: logits differ by ln(3) ~ 1.1 ≈ 11 steps, so p ≈ 3/4 and 1/4.
        let softmax = Softmax::new(1.0, (3f64.ln() / 11.0) as f32);
        let mut out = [0u8; 3];
        softmax.run(&[100, 89, 0], &mut out);
        // 0.75 * 256 = 192, 0.25 * 256 = 64; the far-below logit underflows to 0.
        assert_eq!(out, [192, 64, 0]);
    }

    #[test]
    fn equal_logits_share_the_probability() {
        let softmax = Softmax::new(1.0, 0.1);
        let mut out = [0u8; 4];
        softmax.run(&[7, 7, 7, 7], &mut out);
        assert_eq!(out, [64, 64, 64, 64]);
    }
}
