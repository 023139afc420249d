//! ADD of two uint8 tensors with different scales (TFLite reference add.h, uint8 path): both inputs
//! are rescaled into a common fixed-point scale with 20 bits of headroom, summed, then requantised.

use super::Isa;
use crate::quant::{doubling_high_mul_nonnegative, rounding_divide_by_pot, QuantizedMultiplier};

#[derive(Debug, Clone)]
pub struct Add {
    input1_offset: i32,
    input2_offset: i32,
    input1: QuantizedMultiplier,
    input2: QuantizedMultiplier,
    output: QuantizedMultiplier,
    output_offset: i32,
    min: i32,
    max: i32,
}

const LEFT_SHIFT: i32 = 20;

/// TFLite MultiplyByQuantizedMultiplierSmallerThanOneExp (multipliers here are never negative).
#[inline(always)]
fn scale_down(x: i32, m: QuantizedMultiplier) -> i32 {
    rounding_divide_by_pot(doubling_high_mul_nonnegative(x, m.multiplier as u64), -m.shift)
}

impl Add {
    pub fn new(scale1: f32, zero_point1: i32, scale2: f32, zero_point2: i32, output_scale: f32, output_zero_point: i32, range: (i32, i32)) -> Add {
        // Same float/double mix as TFLite's Prepare: the max is taken in float, the ratios in double.
        let twice_max = 2.0 * scale1.max(scale2) as f64;
        let smaller_than_one = |real: f64| {
            let m = QuantizedMultiplier::from_real(real);
            assert!(m.shift <= 0, "ADD multiplier {real} is not below one");
            m
        };
        Add {
            input1_offset: -zero_point1,
            input2_offset: -zero_point2,
            input1: smaller_than_one(scale1 as f64 / twice_max),
            input2: smaller_than_one(scale2 as f64 / twice_max),
            output: smaller_than_one(twice_max / ((1 << LEFT_SHIFT) as f32 * output_scale) as f64),
            output_offset: output_zero_point,
            min: range.0,
            max: range.1,
        }
    }

    pub fn run(&self, isa: Isa, a: &[u8], b: &[u8], out: &mut [u8]) {
        let add = self;
        super::dispatch!(isa, run(add: &Add, a: &[u8], b: &[u8], out: &mut [u8]) { add.run_inline(a, b, out) });
    }

    #[inline(always)]
    fn run_inline(&self, a: &[u8], b: &[u8], out: &mut [u8]) {
        assert!(a.len() == b.len() && a.len() == out.len());
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            let x = scale_down((x as i32 + self.input1_offset) << LEFT_SHIFT, self.input1);
            let y = scale_down((y as i32 + self.input2_offset) << LEFT_SHIFT, self.input2);
            let sum = scale_down(x + y, self.output) + self.output_offset;
            *o = sum.clamp(self.min, self.max) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_scales_add_real_values() {
        // All scales 0.5: real(a) + real(b) = real(out). zero points 10, 20, 5.
        let add = Add::new(0.5, 10, 0.5, 20, 0.5, 5, (0, 255));
        let mut out = [0u8; 3];
        add.run(Isa::detect(), &[10, 14, 200], &[20, 21, 255], &mut out);
        // (0 + 0) + 5 = 5; (4 + 1) + 5 = 10; (190 + 235) + 5 = 430 -> clamp 255
        assert_eq!(out, [5, 10, 255]);
    }

    #[test]
    fn different_scales_round_to_nearest() {
        // real = 0.1*(a-0) + 0.3*(b-0), output scale 0.2, zp 0: a=3,b=1 -> 0.6/0.2 = 3
        let add = Add::new(0.1, 0, 0.3, 0, 0.2, 0, (0, 255));
        let mut out = [0u8; 2];
        add.run(Isa::scalar(), &[3, 1], &[1, 1], &mut out);
        // a=1,b=1 -> 0.4/0.2 = 2
        assert_eq!(out, [3, 2]);
    }
}
