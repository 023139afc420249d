//! int16 x int16 -> int32 matrix multiply: C[p][n] = bias[n] + sum_k A[p][k] * W[n][k].
//! A holds activations and W weights, both with their zero points already subtracted, so every
//! product is exact in i32 and the pairwise multiply-add instructions do two MACs per lane.

use super::{Isa, Kind};

/// Output channels per packed block: one 256-bit or two 128-bit registers of i16 pairs.
pub const BLOCK_N: usize = 8;
/// Activation rows per micro-kernel call; callers pad A to a multiple of this.
pub const BLOCK_ROWS: usize = 4;

/// W packed as [n / 8][k / 2][n % 8][k % 2]: for one k pair, the 8 output channels' two weights lie
/// side by side, which is the operand layout of pmaddwd / i32x4.dot_i16x8_s.
#[derive(Debug, Clone)]
pub struct PackedWeights {
    pub n: usize,
    pub k_pairs: usize,
    blocks: usize,
    data: Vec<i16>,
    /// Bias padded to whole blocks.
    bias: Vec<i32>,
}

impl PackedWeights {
    /// `weights` is [n][k] uint8 with `zero_point`; `k` may be odd (padded with zero weights).
    pub fn pack(weights: &[u8], zero_point: i32, bias: &[i32], n: usize, k: usize) -> Self {
        assert_eq!(weights.len(), n * k);
        assert_eq!(bias.len(), n);
        let k_pairs = k.div_ceil(2);
        let blocks = n.div_ceil(BLOCK_N);
        let mut data = vec![0i16; blocks * k_pairs * BLOCK_N * 2];
        for o in 0..n {
            for i in 0..k {
                let (block, lane) = (o / BLOCK_N, o % BLOCK_N);
                let index = ((block * k_pairs + i / 2) * BLOCK_N + lane) * 2 + i % 2;
                data[index] = (weights[o * k + i] as i32 - zero_point) as i16;
            }
        }
        let mut padded_bias = bias.to_vec();
        padded_bias.resize(blocks * BLOCK_N, 0);
        PackedWeights { n, k_pairs, blocks, data, bias: padded_bias }
    }

    /// Row length of the accumulator matrix this produces (n rounded up to whole blocks).
    pub fn padded_n(&self) -> usize {
        self.blocks * BLOCK_N
    }

    /// Row length A must have: k rounded up to whole pairs.
    pub fn padded_k(&self) -> usize {
        self.k_pairs * 2
    }

    fn block(&self, b: usize) -> &[i16] {
        let len = self.k_pairs * BLOCK_N * 2;
        &self.data[b * len..(b + 1) * len]
    }
}

/// Computes BLOCK_ROWS rows of C. `a` holds BLOCK_ROWS rows of `w.padded_k()` values;
/// `c` receives BLOCK_ROWS rows of `w.padded_n()` accumulators (bias included).
#[inline(always)]
pub fn multiply_rows(isa: Isa, a: &[i16], w: &PackedWeights, c: &mut [i32]) {
    let kp = w.padded_k();
    let np = w.padded_n();
    assert!(a.len() >= BLOCK_ROWS * kp && c.len() >= BLOCK_ROWS * np);
    match isa.kind() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: an Isa of kind Avx2 only comes from the CPU check (kernels/isa.rs); bounds were checked above.
        Kind::Avx2 => unsafe { avx2::multiply_rows(a, w, c) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: SSE2 is part of x86_64; bounds were checked above.
        Kind::Sse2 => unsafe { sse2::multiply_rows(a, w, c) },
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        // SAFETY: bounds were checked above.
        Kind::Simd128 => unsafe { simd128::multiply_rows(a, w, c) },
        Kind::Scalar => scalar_multiply_rows(a, w, c),
    }
}

fn scalar_multiply_rows(a: &[i16], w: &PackedWeights, c: &mut [i32]) {
    let (kp, np) = (w.padded_k(), w.padded_n());
    for block in 0..w.blocks {
        let packed = w.block(block);
        for r in 0..BLOCK_ROWS {
            let row = &a[r * kp..(r + 1) * kp];
            let mut acc = [0i32; BLOCK_N];
            acc.copy_from_slice(&w.bias[block * BLOCK_N..(block + 1) * BLOCK_N]);
            for (pair, weights) in row.chunks_exact(2).zip(packed.chunks_exact(BLOCK_N * 2)) {
                for lane in 0..BLOCK_N {
                    acc[lane] += pair[0] as i32 * weights[2 * lane] as i32 + pair[1] as i32 * weights[2 * lane + 1] as i32;
                }
            }
            c[r * np + block * BLOCK_N..r * np + (block + 1) * BLOCK_N].copy_from_slice(&acc);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{PackedWeights, BLOCK_N, BLOCK_ROWS};
    use std::arch::x86_64::*;

    /// Two blocks (16 output channels) x 4 rows = 8 accumulators; each k pair costs two weight
    /// loads, four broadcasts and eight pmaddwd.
    #[target_feature(enable = "avx2")]
    pub unsafe fn multiply_rows(a: &[i16], w: &PackedWeights, c: &mut [i32]) {
        let (kp, np) = (w.padded_k(), w.padded_n());
        let mut block = 0;
        while block + 2 <= w.blocks {
            tile::<2>(a, w, c, block, kp, np);
            block += 2;
        }
        if block < w.blocks {
            tile::<1>(a, w, c, block, kp, np);
        }
    }

    #[inline(always)]
    unsafe fn tile<const NB: usize>(a: &[i16], w: &PackedWeights, c: &mut [i32], block: usize, kp: usize, np: usize) {
        let mut acc = [[_mm256_setzero_si256(); NB]; BLOCK_ROWS];
        let mut weights = [std::ptr::null::<i16>(); NB];
        for b in 0..NB {
            let bias = _mm256_loadu_si256(w.bias.as_ptr().add((block + b) * BLOCK_N) as *const __m256i);
            for row in acc.iter_mut() {
                row[b] = bias;
            }
            weights[b] = w.block(block + b).as_ptr();
        }
        let a = a.as_ptr();
        for pair in 0..w.k_pairs {
            let mut wv = [_mm256_setzero_si256(); NB];
            for b in 0..NB {
                wv[b] = _mm256_loadu_si256(weights[b].add(pair * BLOCK_N * 2) as *const __m256i);
            }
            for (r, row) in acc.iter_mut().enumerate() {
                let av = _mm256_set1_epi32((a.add(r * kp + pair * 2) as *const i32).read_unaligned());
                for b in 0..NB {
                    row[b] = _mm256_add_epi32(row[b], _mm256_madd_epi16(av, wv[b]));
                }
            }
        }
        for (r, row) in acc.iter().enumerate() {
            for b in 0..NB {
                _mm256_storeu_si256(c.as_mut_ptr().add(r * np + (block + b) * BLOCK_N) as *mut __m256i, row[b]);
            }
        }
    }
}

/// The simd128 kernel below, instruction for instruction in SSE2: i32x4.dot_i16x8_s is pmaddwd, the lane broadcast
/// i32x4.shuffle is pshufd, v128.load is movdqu. Native at WebAssembly's vector width.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::{PackedWeights, BLOCK_N, BLOCK_ROWS};
    use std::arch::x86_64::*;

    #[inline(always)]
    unsafe fn step<const L: i32>(rows: &[__m128i; BLOCK_ROWS], wp: *const i16, lo: &mut [__m128i; BLOCK_ROWS], hi: &mut [__m128i; BLOCK_ROWS]) {
        let (w_lo, w_hi) = (_mm_loadu_si128(wp as *const __m128i), _mm_loadu_si128(wp.add(8) as *const __m128i));
        for r in 0..BLOCK_ROWS {
            let av = _mm_shuffle_epi32::<L>(rows[r]);
            lo[r] = _mm_add_epi32(lo[r], _mm_madd_epi16(av, w_lo));
            hi[r] = _mm_add_epi32(hi[r], _mm_madd_epi16(av, w_hi));
        }
    }

    pub unsafe fn multiply_rows(a: &[i16], w: &PackedWeights, c: &mut [i32]) {
        let (kp, np) = (w.padded_k(), w.padded_n());
        let a = a.as_ptr();
        for block in 0..w.blocks {
            let bias = w.bias.as_ptr().add(block * BLOCK_N);
            let (bias_lo, bias_hi) = (_mm_loadu_si128(bias as *const __m128i), _mm_loadu_si128(bias.add(4) as *const __m128i));
            let mut lo = [bias_lo; BLOCK_ROWS];
            let mut hi = [bias_hi; BLOCK_ROWS];
            let weights = w.block(block).as_ptr();
            let mut pair = 0;
            while pair + 4 <= w.k_pairs {
                let rows: [__m128i; BLOCK_ROWS] = std::array::from_fn(|r| _mm_loadu_si128(a.add(r * kp + pair * 2) as *const __m128i));
                // pshufd's immediate: lane L in all four positions.
                step::<0x00>(&rows, weights.add(pair * BLOCK_N * 2), &mut lo, &mut hi);
                step::<0x55>(&rows, weights.add((pair + 1) * BLOCK_N * 2), &mut lo, &mut hi);
                step::<0xAA>(&rows, weights.add((pair + 2) * BLOCK_N * 2), &mut lo, &mut hi);
                step::<0xFF>(&rows, weights.add((pair + 3) * BLOCK_N * 2), &mut lo, &mut hi);
                pair += 4;
            }
            while pair < w.k_pairs {
                let rows: [__m128i; BLOCK_ROWS] = std::array::from_fn(|r| _mm_set1_epi32((a.add(r * kp + pair * 2) as *const i32).read_unaligned()));
                step::<0x00>(&rows, weights.add(pair * BLOCK_N * 2), &mut lo, &mut hi);
                pair += 1;
            }
            for r in 0..BLOCK_ROWS {
                let out = c.as_mut_ptr().add(r * np + block * BLOCK_N);
                _mm_storeu_si128(out as *mut __m128i, lo[r]);
                _mm_storeu_si128(out.add(4) as *mut __m128i, hi[r]);
            }
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128 {
    use super::{PackedWeights, BLOCK_N, BLOCK_ROWS};
    use std::arch::wasm32::*;

    /// One k pair (lane L of each row's loaded pairs) times the 8 packed output channels.
    #[inline(always)]
    unsafe fn step<const L: usize>(rows: &[v128; BLOCK_ROWS], wp: *const i16, lo: &mut [v128; BLOCK_ROWS], hi: &mut [v128; BLOCK_ROWS]) {
        let (w_lo, w_hi) = (v128_load(wp as *const v128), v128_load(wp.add(8) as *const v128));
        for r in 0..BLOCK_ROWS {
            let av = i32x4_shuffle::<L, L, L, L>(rows[r], rows[r]);
            lo[r] = i32x4_add(lo[r], i32x4_dot_i16x8(av, w_lo));
            hi[r] = i32x4_add(hi[r], i32x4_dot_i16x8(av, w_hi));
        }
    }

    /// One block (8 output channels, two v128 of i32) x 4 rows = 8 accumulators: small enough that
    /// the runtime's register allocator keeps them in the 16 x86 xmm registers.
    pub unsafe fn multiply_rows(a: &[i16], w: &PackedWeights, c: &mut [i32]) {
        let (kp, np) = (w.padded_k(), w.padded_n());
        let a = a.as_ptr();
        for block in 0..w.blocks {
            let bias = w.bias.as_ptr().add(block * BLOCK_N);
            let (bias_lo, bias_hi) = (v128_load(bias as *const v128), v128_load(bias.add(4) as *const v128));
            let mut lo = [bias_lo; BLOCK_ROWS];
            let mut hi = [bias_hi; BLOCK_ROWS];
            let weights = w.block(block).as_ptr();
            // Four k pairs of a row come in one load and are broadcast by shuffles (one pshufd each
            // after the runtime's compilation) instead of four scalar loads and splats.
            let mut pair = 0;
            while pair + 4 <= w.k_pairs {
                let rows: [v128; BLOCK_ROWS] = std::array::from_fn(|r| v128_load(a.add(r * kp + pair * 2) as *const v128));
                step::<0>(&rows, weights.add(pair * BLOCK_N * 2), &mut lo, &mut hi);
                step::<1>(&rows, weights.add((pair + 1) * BLOCK_N * 2), &mut lo, &mut hi);
                step::<2>(&rows, weights.add((pair + 2) * BLOCK_N * 2), &mut lo, &mut hi);
                step::<3>(&rows, weights.add((pair + 3) * BLOCK_N * 2), &mut lo, &mut hi);
                pair += 4;
            }
            while pair < w.k_pairs {
                let rows: [v128; BLOCK_ROWS] = std::array::from_fn(|r| i32x4_splat((a.add(r * kp + pair * 2) as *const i32).read_unaligned()));
                step::<0>(&rows, weights.add(pair * BLOCK_N * 2), &mut lo, &mut hi);
                pair += 1;
            }
            for r in 0..BLOCK_ROWS {
                let out = c.as_mut_ptr().add(r * np + block * BLOCK_N);
                v128_store(out as *mut v128, lo[r]);
                v128_store(out.add(4) as *mut v128, hi[r]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[u8], a_zp: i32, w: &[u8], w_zp: i32, bias: &[i32], p: usize, n: usize, k: usize) -> Vec<i32> {
        let mut c = vec![0; p * n];
        for r in 0..p {
            for o in 0..n {
                c[r * n + o] = bias[o]
                    + (0..k).map(|i| (a[r * k + i] as i32 - a_zp) * (w[o * k + i] as i32 - w_zp)).sum::<i32>();
            }
        }
        c
    }

    #[test]
    fn every_isa_matches_the_naive_product_including_odd_k_and_n() {
        for &(n, k) in &[(1, 1), (8, 2), (24, 27), (17, 64), (40, 3)] {
            let p = BLOCK_ROWS;
            let a: Vec<u8> = (0..p * k).map(|i| (i * 37 % 256) as u8).collect();
            let w: Vec<u8> = (0..n * k).map(|i| (i * 91 % 256) as u8).collect();
            let bias: Vec<i32> = (0..n as i32).map(|o| o * 1000 - 7000).collect();
            let expected = naive(&a, 128, &w, 119, &bias, p, n, k);
            let packed = PackedWeights::pack(&w, 119, &bias, n, k);
            let (kp, np) = (packed.padded_k(), packed.padded_n());
            let mut a16 = vec![0i16; p * kp];
            for r in 0..p {
                for i in 0..k {
                    a16[r * kp + i] = (a[r * k + i] as i32 - 128) as i16;
                }
            }
            for isa in Isa::all_available() {
                let mut c = vec![0; p * np];
                multiply_rows(isa, &a16, &packed, &mut c);
                for r in 0..p {
                    assert_eq!(&c[r * np..r * np + n], &expected[r * n..(r + 1) * n], "{isa:?} n={n} k={k} row {r}");
                }
            }
        }
    }
}
