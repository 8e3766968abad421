//! A quantised weight table read in place from an embedded model file:
//! `2^log2` buckets of `columns` little-endian i16 weights, for the models
//! whose label count is known only from their file (the tagger's tags, the
//! parser's transitions, the labeller's relations).
//!
//! Scores are integer sums of quantised weights: the argmax is what the
//! averaged float weights would give up to rounding (one step is
//! 1 / scale of a weight). Assumes the caller checked the header (one
//! pass, 16-bit weights, no transitions).

use super::model::{Kind, ModelError, ModelFile};

/// The weights of one single-pass, 16-bit model.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    bytes: &'a [u8],
    columns: usize,
    mask: u64,
}

impl<'a> Table<'a> {
    /// The table of `file`, which must hold one pass of 16-bit weights
    /// without transitions, in 2^8 to 2^24 buckets.
    pub fn of(file: &ModelFile<'a>, kind: Kind) -> Result<Table<'a>, ModelError> {
        let h = &file.header;
        let bad = |what: String| ModelError::Malformed {
            expected: kind,
            what,
        };
        if h.passes != 1 || h.transitions || h.quantisation.bits != 16 {
            return Err(bad("not one pass of i16 weights".into()));
        }
        // 2^24 buckets of a few columns is already far beyond what a model
        // embedded in the binary should weigh.
        if !(8..=24).contains(&h.log2_buckets) {
            return Err(bad(format!("2^{} buckets", h.log2_buckets)));
        }
        let columns = h.columns as usize;
        if columns == 0 || file.weights.len() != (2 << h.log2_buckets) * columns {
            return Err(bad("weights do not fill the buckets".into()));
        }
        Ok(Table {
            bytes: file.weights,
            columns,
            mask: (1u64 << h.log2_buckets) - 1,
        })
    }

    /// Reads a model file of kind `kind` whose columns are `columns` (the
    /// labels the code names, in column order): the header, then the
    /// table, refusing a file with another number of columns.
    pub fn load(bytes: &'a [u8], kind: Kind, columns: &[&str]) -> Result<Table<'a>, ModelError> {
        let file = super::model::Header::read(bytes, kind)?;
        let table = Table::of(&file, kind)?;
        if table.columns != columns.len() {
            return Err(ModelError::Malformed {
                expected: kind,
                what: format!("{} columns for {} labels", table.columns, columns.len()),
            });
        }
        Ok(table)
    }

    /// Weights per bucket.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Adds the row of every feature to `scores` (at least `columns` long).
    #[inline]
    pub fn add(&self, features: &[u64], scores: &mut [i32]) {
        let width = 2 * self.columns;
        let scores = &mut scores[..self.columns];
        for &f in features {
            let at = (f & self.mask) as usize * width;
            let row = &self.bytes[at..at + width];
            for (s, w) in scores.iter_mut().zip(row.chunks_exact(2)) {
                *s += i16::from_le_bytes([w[0], w[1]]) as i32;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::model::{Header, Provenance};
    use crate::learn::perceptron::Quantisation;

    #[test]
    fn rows_are_added_per_feature() {
        let header = Header {
            labels: vec!["a".into(), "b".into()],
            log2_buckets: 8,
            passes: 1,
            columns: 2,
            quantisation: Quantisation {
                bits: 16,
                target: 100.0,
                outlier_divisor: 0,
            },
            scales: vec![1.0],
            ..Provenance::default().header_fields(Kind::Pos)
        };
        let mut weights = vec![0i32; 256 * 2];
        weights[2 * 3] = 5;
        weights[2 * 3 + 1] = -7;
        weights[2 * 255 + 1] = 300;
        let bytes = header.file_bytes(&[], &[weights]);
        let file = Header::read(&bytes, Kind::Pos).unwrap();
        let table = Table::of(&file, Kind::Pos).unwrap();
        let mut scores = [0i32; 2];
        // Feature 256 + 3 lands in bucket 3.
        table.add(&[3, 259, 255], &mut scores);
        assert_eq!(scores, [10, -14 + 300]);
        let wrong = Header::read(&bytes, Kind::Deps);
        assert!(wrong.is_err());
    }
}
