//! DEPTHWISE_CONV_2D (NHWC, uint8). Each output pixel is a channel-wise sum over the kernel taps,
//! so the inner loop runs along channels: contiguous in NHWC, and it autovectorises.

use super::conv::Window;
use super::Isa;
use crate::quant::Requantize;

/// Channels per register-resident accumulator chunk (MobileNetV2's channel counts are multiples).
const LANES: usize = 16;
/// Kernel taps per output pixel the kernel supports (MobileNetV2 uses 3x3).
pub const MAX_TAPS: usize = 25;

#[derive(Debug, Clone)]
pub struct Depthwise {
    pub window: Window,
    pub in_channels: usize,
    pub multiplier: usize,
    pub input_zero_point: i32,
    /// [kernel_h * kernel_w][out_channels], zero point subtracted.
    weights: Vec<i16>,
    bias: Vec<i32>,
    pub requantize: Requantize,
}

#[derive(Debug, Default)]
pub struct DepthwiseScratch {
    input: Vec<i16>,
    acc: Vec<i32>,
}

impl Depthwise {
    /// `weights` is TFLite's [1][kernel_h][kernel_w][out_channels] layout.
    pub fn new(window: Window, in_channels: usize, multiplier: usize, input_zero_point: i32, weights: &[u8], weight_zero_point: i32, bias: &[i32], requantize: Requantize) -> Depthwise {
        let weights = weights.iter().map(|&w| (w as i32 - weight_zero_point) as i16).collect();
        Depthwise { window, in_channels, multiplier, input_zero_point, weights, bias: bias.to_vec(), requantize }
    }

    pub fn out_channels(&self) -> usize {
        self.in_channels * self.multiplier
    }

    pub fn run(&self, isa: Isa, input: &[u8], output: &mut [u8], scratch: &mut DepthwiseScratch) {
        let dw = self;
        super::dispatch!(isa, run(dw: &Depthwise, input: &[u8], output: &mut [u8], scratch: &mut DepthwiseScratch) {
            dw.run_inline(input, output, scratch)
        });
    }

    #[inline(always)]
    fn run_inline(&self, input: &[u8], output: &mut [u8], scratch: &mut DepthwiseScratch) {
        let w = &self.window;
        let c = self.out_channels();
        assert_eq!(input.len(), w.in_h * w.in_w * self.in_channels);
        assert_eq!(output.len(), w.out_h * w.out_w * c);
        // Widen the input once, zero point subtracted and, for a channel multiplier above 1, each
        // input channel repeated so input and output channels line up.
        scratch.input.clear();
        let zp = self.input_zero_point;
        if self.multiplier == 1 {
            scratch.input.extend(input.iter().map(|&v| (v as i32 - zp) as i16));
        } else {
            scratch.input.extend(input.iter().flat_map(|&v| std::iter::repeat((v as i32 - zp) as i16).take(self.multiplier)));
        }
        scratch.acc.resize(c, 0);
        let input = &scratch.input;
        for oy in 0..w.out_h {
            for ox in 0..w.out_w {
                // The taps inside the image, as (input offset, weight offset); padding taps add nothing.
                let mut taps = [(0usize, 0usize); MAX_TAPS];
                let mut count = 0;
                for ky in 0..w.kernel_h {
                    let Some(y) = w.input_y(oy, ky) else { continue };
                    for kx in 0..w.kernel_w {
                        let Some(x) = w.input_x(ox, kx) else { continue };
                        taps[count] = ((y * w.in_w + x) * c, (ky * w.kernel_w + kx) * c);
                        count += 1;
                    }
                }
                let taps = &taps[..count];
                let at = (oy * w.out_w + ox) * c;
                // Channels in register-sized chunks: the accumulators stay in registers over all taps.
                let mut c0 = 0;
                while c0 + LANES <= c {
                    let mut acc: [i32; LANES] = self.bias[c0..c0 + LANES].try_into().unwrap();
                    for &(src, tap) in taps {
                        let src = &input[src + c0..src + c0 + LANES];
                        let tap = &self.weights[tap + c0..tap + c0 + LANES];
                        for j in 0..LANES {
                            acc[j] += src[j] as i32 * tap[j] as i32;
                        }
                    }
                    self.requantize.run(&acc, &mut output[at + c0..at + c0 + LANES]);
                    c0 += LANES;
                }
                if c0 < c {
                    let acc = &mut scratch.acc[c0..c];
                    acc.copy_from_slice(&self.bias[c0..c]);
                    for &(src, tap) in taps {
                        for ((a, &s), &t) in acc.iter_mut().zip(&input[src + c0..src + c]).zip(&self.weights[tap + c0..tap + c]) {
                            *a += s as i32 * t as i32;
                        }
                    }
                    self.requantize.run(acc, &mut output[at + c0..at + c]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quant::QuantizedMultiplier;

    /// 3x3 input, two channels, 3x3 kernel, stride 1, SAME: the corner pixel sees only 4 taps.
    #[test]
    fn padded_taps_contribute_nothing_and_channels_stay_separate() {
        let window = Window::new((3, 3), (3, 3), (1, 1), true);
        // Channel 0 input minus zp 5 is all 1; channel 1 is all 2.
        let input: Vec<u8> = (0..9).flat_map(|_| [6u8, 7]).collect();
        // Every weight minus zp 50 is 1 for channel 0 and 3 for channel 1.
        let weights: Vec<u8> = (0..9).flat_map(|_| [51u8, 53]).collect();
        let requantize = Requantize { multiplier: QuantizedMultiplier::from_real(1.0 - 1e-12), zero_point: 0, min: 0, max: 255 };
        let dw = Depthwise::new(window, 2, 1, 5, &weights, 50, &[0, 1], requantize);
        for isa in Isa::all_available() {
            let mut out = vec![0u8; 18];
            dw.run(isa, &input, &mut out, &mut DepthwiseScratch::default());
            // corner: 4 taps -> ch0 4, ch1 1 + 4*6 = 25; edge: 6 taps -> 6, 37; centre: 9 taps -> 9, 55.
            assert_eq!(&out[0..2], &[4, 25], "{isa:?}");
            assert_eq!(&out[2..4], &[6, 37], "{isa:?}");
            assert_eq!(&out[8..10], &[9, 55], "{isa:?}");
        }
    }

    #[test]
    fn stride_two_and_channel_multiplier() {
        // 4x4 single-channel input, 1x1 kernel, stride 2, multiplier 2 (weights 1 and -1), VALID.
        let window = Window::new((4, 4), (1, 1), (2, 2), false);
        let input: Vec<u8> = (0..16).map(|v| v + 100).collect();
        let requantize = Requantize { multiplier: QuantizedMultiplier::from_real(1.0 - 1e-12), zero_point: 20, min: 0, max: 255 };
        let dw = Depthwise::new(window, 1, 2, 100, &[11, 9], 10, &[0, 0], requantize);
        let mut out = vec![0u8; 8];
        dw.run(Isa::detect(), &input, &mut out, &mut DepthwiseScratch::default());
        // Samples input (0,0)=0, (0,2)=2, (2,0)=8, (2,2)=10 -> (v+20, -v+20).
        assert_eq!(out, vec![20, 20, 22, 18, 28, 12, 30, 10]);
    }
}
