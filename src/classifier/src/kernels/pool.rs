//! AVERAGE_POOL_2D (uint8, reference pooling.h): integer mean over the taps inside the image,
//! rounded half up; input and output share one quantisation.

use super::conv::Window;

#[derive(Debug, Clone)]
pub struct AveragePool {
    pub window: Window,
    pub channels: usize,
    pub min: i32,
    pub max: i32,
}

impl AveragePool {
    pub fn run(&self, input: &[u8], output: &mut [u8]) {
        let w = &self.window;
        let c = self.channels;
        assert_eq!(input.len(), w.in_h * w.in_w * c);
        assert_eq!(output.len(), w.out_h * w.out_w * c);
        let mut sums = vec![0i32; c];
        for oy in 0..w.out_h {
            for ox in 0..w.out_w {
                sums.fill(0);
                let mut count = 0;
                for ky in 0..w.kernel_h {
                    let Some(y) = w.input_y(oy, ky) else { continue };
                    for kx in 0..w.kernel_w {
                        let Some(x) = w.input_x(ox, kx) else { continue };
                        count += 1;
                        for (s, &v) in sums.iter_mut().zip(&input[(y * w.in_w + x) * c..(y * w.in_w + x + 1) * c]) {
                            *s += v as i32;
                        }
                    }
                }
                let out = &mut output[(oy * w.out_w + ox) * c..(oy * w.out_w + ox + 1) * c];
                for (o, &s) in out.iter_mut().zip(&sums) {
                    *o = ((s + count / 2) / count.max(1)).clamp(self.min, self.max) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_average_rounds_half_up() {
        // 2x2 input, 2x2 VALID window -> one pixel; channel 0 sums 1+2+3+4 = 10 -> 2.5 -> 3.
        let pool = AveragePool { window: Window::new((2, 2), (2, 2), (1, 1), false), channels: 2, min: 0, max: 255 };
        let mut out = [0u8; 2];
        pool.run(&[1, 10, 2, 10, 3, 10, 4, 11], &mut out);
        assert_eq!(out, [3, 10]);
    }

    #[test]
    fn same_padding_divides_by_taps_inside_the_image() {
        // 2x2 input, 3x3 SAME window: the top-left output averages the 4 pixels, not 9.
        let pool = AveragePool { window: Window::new((2, 2), (3, 3), (1, 1), true), channels: 1, min: 0, max: 255 };
        let mut out = [0u8; 4];
        pool.run(&[8, 8, 8, 12], &mut out);
        assert_eq!(out, [9, 9, 9, 9]);
    }
}
