//! CONV_2D (NHWC, uint8, per-tensor quantisation) as a GEMM over im2col rows.
//! A 1x1 stride-1 convolution (most of MobileNetV2) needs no im2col: each pixel already is a row.

use super::gemm::{self, PackedWeights, BLOCK_ROWS};
use super::Isa;
use crate::quant::Requantize;

/// Spatial geometry of a convolution or pooling window, with TFLite's SAME/VALID padding resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub in_h: usize,
    pub in_w: usize,
    pub kernel_h: usize,
    pub kernel_w: usize,
    pub stride_h: usize,
    pub stride_w: usize,
    pub pad_top: usize,
    pub pad_left: usize,
    pub out_h: usize,
    pub out_w: usize,
}

impl Window {
    /// TFLite ComputePaddingHeightWidth: SAME pads evenly, the odd pixel goes bottom/right.
    pub fn new(in_hw: (usize, usize), kernel: (usize, usize), stride: (usize, usize), same: bool) -> Window {
        let dim = |input: usize, k: usize, s: usize| {
            let out = if same { input.div_ceil(s) } else { (input + s).saturating_sub(k) / s };
            let total = ((out.max(1) - 1) * s + k).saturating_sub(input);
            (out, total / 2)
        };
        let (out_h, pad_top) = dim(in_hw.0, kernel.0, stride.0);
        let (out_w, pad_left) = dim(in_hw.1, kernel.1, stride.1);
        Window {
            in_h: in_hw.0,
            in_w: in_hw.1,
            kernel_h: kernel.0,
            kernel_w: kernel.1,
            stride_h: stride.0,
            stride_w: stride.1,
            pad_top,
            pad_left,
            out_h,
            out_w,
        }
    }

    /// Input coordinate of kernel tap `k` for output coordinate `o`, or None in the padding.
    #[inline(always)]
    pub fn input_y(&self, o: usize, k: usize) -> Option<usize> {
        (o * self.stride_h + k).checked_sub(self.pad_top).filter(|&y| y < self.in_h)
    }

    #[inline(always)]
    pub fn input_x(&self, o: usize, k: usize) -> Option<usize> {
        (o * self.stride_w + k).checked_sub(self.pad_left).filter(|&x| x < self.in_w)
    }

    fn is_pointwise(&self) -> bool {
        self.kernel_h == 1 && self.kernel_w == 1 && self.stride_h == 1 && self.stride_w == 1
    }
}

#[derive(Debug, Clone)]
pub struct Conv {
    pub window: Window,
    pub in_channels: usize,
    pub input_zero_point: i32,
    pub weights: PackedWeights,
    pub requantize: Requantize,
}

/// Scratch memory reused across runs so inference allocates nothing.
#[derive(Debug, Default)]
pub struct ConvScratch {
    rows: Vec<i16>,
    acc: Vec<i32>,
}

impl Conv {
    /// `weights` is TFLite's OHWI layout, i.e. [out][kernel_h * kernel_w * in_channels].
    pub fn new(window: Window, in_channels: usize, input_zero_point: i32, weights: &[u8], weight_zero_point: i32, bias: &[i32], requantize: Requantize) -> Conv {
        let k = window.kernel_h * window.kernel_w * in_channels;
        let packed = PackedWeights::pack(weights, weight_zero_point, bias, bias.len(), k);
        Conv { window, in_channels, input_zero_point, weights: packed, requantize }
    }

    pub fn run(&self, isa: Isa, input: &[u8], output: &mut [u8], scratch: &mut ConvScratch) {
        let conv = self;
        super::dispatch!(isa, run(conv: &Conv, isa: Isa, input: &[u8], output: &mut [u8], scratch: &mut ConvScratch) {
            conv.run_inline(isa, input, output, scratch)
        });
    }

    #[inline(always)]
    fn run_inline(&self, isa: Isa, input: &[u8], output: &mut [u8], scratch: &mut ConvScratch) {
        let w = &self.window;
        let n = self.weights.n;
        let (kp, np) = (self.weights.padded_k(), self.weights.padded_n());
        let pixels = w.out_h * w.out_w;
        assert_eq!(input.len(), w.in_h * w.in_w * self.in_channels);
        assert_eq!(output.len(), pixels * n);
        scratch.rows.resize(BLOCK_ROWS * kp, 0);
        scratch.acc.resize(BLOCK_ROWS * np, 0);

        let mut pixel = 0;
        while pixel < pixels {
            let rows = BLOCK_ROWS.min(pixels - pixel);
            for r in 0..BLOCK_ROWS {
                let row = &mut scratch.rows[r * kp..(r + 1) * kp];
                if r < rows {
                    self.fill_row(input, pixel + r, row);
                } else {
                    row.fill(0);
                }
            }
            gemm::multiply_rows(isa, &scratch.rows, &self.weights, &mut scratch.acc);
            for r in 0..rows {
                let out = &mut output[(pixel + r) * n..(pixel + r + 1) * n];
                self.requantize.run(&scratch.acc[r * np..r * np + n], out);
            }
            pixel += rows;
        }
    }

    /// One im2col row: the receptive field of output pixel `pixel`, zero point subtracted,
    /// zeros in the padding (TFLite skips out-of-image taps, which is the same sum).
    #[inline(always)]
    fn fill_row(&self, input: &[u8], pixel: usize, row: &mut [i16]) {
        let w = &self.window;
        let c = self.in_channels;
        let zp = self.input_zero_point;
        if w.is_pointwise() {
            for (dst, &src) in row.iter_mut().zip(&input[pixel * c..(pixel + 1) * c]) {
                *dst = (src as i32 - zp) as i16;
            }
            row[c..].fill(0);
            return;
        }
        let (oy, ox) = (pixel / w.out_w, pixel % w.out_w);
        let mut at = 0;
        for ky in 0..w.kernel_h {
            for kx in 0..w.kernel_w {
                let dst = &mut row[at..at + c];
                match (w.input_y(oy, ky), w.input_x(ox, kx)) {
                    (Some(y), Some(x)) => {
                        let src = &input[(y * w.in_w + x) * c..(y * w.in_w + x + 1) * c];
                        for (d, &s) in dst.iter_mut().zip(src) {
                            *d = (s as i32 - zp) as i16;
                        }
                    }
                    _ => dst.fill(0),
                }
                at += c;
            }
        }
        row[at..].fill(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quant::QuantizedMultiplier;

    #[test]
    fn same_padding_puts_the_odd_pixel_at_the_end() {
        // 224 -> 112 with a 3x3 stride-2 kernel: total padding 1, none on top.
        let w = Window::new((224, 224), (3, 3), (2, 2), true);
        assert_eq!((w.out_h, w.out_w, w.pad_top, w.pad_left), (112, 112, 0, 0));
        // 5x5 input, 3x3 stride 1: one pixel each side.
        let w = Window::new((5, 5), (3, 3), (1, 1), true);
        assert_eq!((w.out_h, w.pad_top), (5, 1));
        let w = Window::new((7, 7), (7, 7), (1, 1), false);
        assert_eq!((w.out_h, w.out_w, w.pad_top), (1, 1, 0));
    }

    /// A 3x3 input with one channel, a 2x2 kernel, stride 2, SAME padding: hand-computed.
    #[test]
    fn strided_same_conv_with_zero_points_and_relu6_clamp() {
        let window = Window::new((3, 3), (2, 2), (2, 2), true);
        assert_eq!((window.out_h, window.out_w, window.pad_top, window.pad_left), (2, 2, 0, 0));
        // Input values minus zero point 10: [[1,2,3],[4,5,6],[7,8,9]].
        let input: Vec<u8> = (11..=19).collect();
        // Two output channels. Weights minus zero point 100: ch0 = [[1,0],[0,1]], ch1 = [[-1,-1],[-1,-1]].
        let weights = [101, 100, 100, 101, 99, 99, 99, 99];
        let bias = [0, 100];
        // Multiplier 0.5, output zero point 3, clamp to [3, 15] (a RELU6-like range).
        let requantize = Requantize { multiplier: QuantizedMultiplier::from_real(0.5), zero_point: 3, min: 3, max: 15 };
        let conv = Conv::new(window, 1, 10, &weights, 100, &bias, requantize);
        for isa in Isa::all_available() {
            let mut output = vec![0u8; 2 * 2 * 2];
            conv.run(isa, &input, &mut output, &mut ConvScratch::default());
            // Pixel (0,0): ch0 = 1+5 = 6 -> 3 -> 6; ch1 = 100-(1+2+4+5)=88 -> 44 -> 47 -> clamp 15.
            // Pixel (0,1): taps (0,2),(1,2) in image, (0,3),(1,3) padding: ch0 = 3+0 = 3 -> 1.5 -> 2 -> 5;
            //              ch1 = 100-(3+6) = 91 -> 45.5 -> 46 -> 49 -> 15.
            // Pixel (1,0): ch0 = 7 -> 3.5 -> 4 -> 7; ch1 = 100-(7+8) = 85 -> 42.5 -> 43 -> 15.
            // Pixel (1,1): ch0 = 9 -> 4.5 -> 5 -> 8; ch1 = 100-9 = 91 -> 15.
            assert_eq!(output, vec![6, 15, 5, 15, 7, 15, 8, 15], "{isa:?}");
        }
    }
}
