//! The model file format every learned model of brief uses: a header that
//! says what the model is and how it was made, then the weights.
//!
//! All numbers little-endian; `str` is a u16 byte length then UTF-8.
//!
//! ```text
//! magic "BRIEFMDL" | version u32 | header length u32 (bytes before the payload)
//! kind str ("ner", "cues")
//! labels: u16 count, str each
//! templates: u16 count, (u8 number, str name) each
//! log2 buckets u32 | passes u32 | columns u32 (weights per bucket and pass)
//! transitions u8 (1: each pass has a (labels + 1) × labels f32 table)
//! epochs u32 | order str | seed u64
//! quantisation: bits u8 | target f32 | outlier divisor u32
//! scales: passes × f32 (integer weight = round(average × scale))
//! settings: u16 count, (str key, str value) each (other training choices)
//! lexicons: u16 count, (str name, u64 byte length, u64 FNV-1a 64) each
//! -- payload --
//! transitions: passes × (labels + 1) × labels f32, row `labels` = start
//! weights: for each bucket, for each pass, `columns` integers of `bits`
//! ```
//!
//! Passes of one bucket are side by side so that a feature's rows in both
//! passes share a cache line. The lexicon fingerprints tell whether the
//! word lists the features read have changed since training
//! ([`Header::check_current`]).
//!
//! Assumes the whole file is in memory (the models are embedded); the
//! reader checks sizes and never panics on a malformed file.

use super::hash::{fnv1a64, Template};
use super::perceptron::Quantisation;
use super::train::{Order, Schedule};
use std::fmt;

/// The eight bytes every model file starts with.
pub const MAGIC: &[u8; 8] = b"BRIEFMDL";
/// The format version this build writes and the only one it reads; bump it
/// when the layout above changes.
pub const VERSION: u32 = 1;

/// Which model a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The entity tagger's model (`models/ner.bin`).
    Ner,
    /// The cue detector's model (`models/cues.bin`).
    Cues,
    /// The part-of-speech tagger's model (`models/pos.bin`).
    Pos,
    /// The dependency parser's transition model (`models/deps.bin`).
    Deps,
    /// The dependency labeller's model (`models/labels.bin`).
    Labels,
    /// The pronoun resolver's ranking model (`models/coref.bin`).
    Coref,
    /// The nominal resolver's ranking model (`models/nominals.bin`).
    Nominals,
}

impl Kind {
    /// The kind as the header spells it ("ner", "cues").
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ner => "ner",
            Kind::Cues => "cues",
            Kind::Pos => "pos",
            Kind::Deps => "deps",
            Kind::Labels => "labels",
            Kind::Coref => "coref",
            Kind::Nominals => "nominals",
        }
    }

    /// The file in the repository.
    pub fn file(self) -> &'static str {
        match self {
            Kind::Ner => "models/ner.bin",
            Kind::Cues => "models/cues.bin",
            Kind::Pos => "models/pos.bin",
            Kind::Deps => "models/deps.bin",
            Kind::Labels => "models/labels.bin",
            Kind::Coref => "models/coref.bin",
            Kind::Nominals => "models/nominals.bin",
        }
    }

    /// The command that retrains it (from the repository root).
    pub fn retrain_command(self) -> &'static str {
        match self {
            Kind::Ner => "cargo run --release --example train-ner",
            Kind::Cues => "cargo run --release --example train-cues",
            Kind::Pos | Kind::Deps | Kind::Labels => "cargo run --release --example train-syntax",
            Kind::Coref => "cargo run --release --example train-coref",
            Kind::Nominals => "cargo run --release --example train-nominals",
        }
    }
}

/// The fingerprint of one lexicon a model's features read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Its path in the repository.
    pub name: String,
    /// Its length in bytes.
    pub len: u64,
    /// The FNV-1a 64 hash of its bytes ([`fnv1a64`]).
    pub fnv1a64: u64,
}

impl Fingerprint {
    /// The fingerprint of the lexicon at path `name` whose contents are
    /// `bytes`.
    pub fn of(name: &str, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            name: name.to_string(),
            len: bytes.len() as u64,
            fnv1a64: fnv1a64(bytes),
        }
    }
}

/// What a model file says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Which model this is; [`Header::read`] refuses another kind.
    pub kind: Kind,
    /// The label names, in the order of the weight columns.
    pub labels: Vec<String>,
    /// The feature templates trained with, as (number, name).
    pub templates: Vec<(u8, String)>,
    /// Log2 of the number of hash buckets (at most 30).
    pub log2_buckets: u32,
    /// Weight tables trained separately over the same buckets and labels,
    /// each with its own scale (at least 1; the entity tagger ships two).
    pub passes: u32,
    /// Weights per bucket and pass (usually one per label).
    pub columns: u32,
    /// Whether each pass has a `(labels + 1) × labels` transition table.
    pub transitions: bool,
    /// Training epochs.
    pub epochs: u32,
    /// The example order's name ([`Order::name`]).
    pub order: String,
    /// The example order's seed (0 for the stride).
    pub seed: u64,
    /// How the averaged weights were turned into integers.
    pub quantisation: Quantisation,
    /// One per pass: integer weight = round(averaged weight × scale).
    pub scales: Vec<f32>,
    /// Other training choices, as key and value ("folds", "4").
    pub settings: Vec<(String, String)>,
    /// The lexicons the features read, as they were in training.
    pub lexicons: Vec<Fingerprint>,
}

/// How a model was trained, beyond its weights: what its header records
/// of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// Epochs and example order.
    pub schedule: Schedule,
    /// Other training choices, as key and value ("folds", "4").
    pub settings: Vec<(String, String)>,
    /// The lexicons the features read, fingerprinted at training time.
    pub lexicons: Vec<Fingerprint>,
}

impl Default for Provenance {
    fn default() -> Self {
        Provenance {
            schedule: Schedule {
                epochs: 0,
                order: Order::Stride,
            },
            settings: Vec::new(),
            lexicons: Vec::new(),
        }
    }
}

impl Provenance {
    /// A header of kind `kind` with these training fields; the model fills
    /// in its labels, templates, sizes and quantisation.
    pub fn header_fields(&self, kind: Kind) -> Header {
        Header {
            kind,
            labels: Vec::new(),
            templates: Vec::new(),
            log2_buckets: 0,
            passes: 0,
            columns: 0,
            transitions: false,
            epochs: self.schedule.epochs as u32,
            order: self.schedule.order.name().to_string(),
            seed: self.schedule.order.seed(),
            quantisation: Quantisation {
                bits: 0,
                target: 0.0,
                outlier_divisor: 0,
            },
            scales: Vec::new(),
            settings: self.settings.clone(),
            lexicons: self.lexicons.clone(),
        }
    }
}

/// Templates as the header lists them.
pub fn template_names(templates: &[Template]) -> Vec<(u8, String)> {
    templates
        .iter()
        .map(|t| (t.id, t.name.to_string()))
        .collect()
}

/// Why a model file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// No `BRIEFMDL` magic: not a model file, or one of the older formats.
    NotAModel {
        /// The kind the caller asked for.
        expected: Kind,
    },
    /// A format version this build does not read.
    Version {
        /// The kind the caller asked for.
        expected: Kind,
        /// The version the file has.
        found: u32,
    },
    /// A model file of another kind.
    WrongKind {
        /// The kind the caller asked for.
        expected: Kind,
        /// The kind the file names.
        found: String,
    },
    /// Truncated, inconsistent sizes or unsupported settings.
    Malformed {
        /// The kind the caller asked for.
        expected: Kind,
        /// What is wrong, for the message.
        what: String,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = |k: &Kind| k.file();
        match self {
            ModelError::NotAModel { expected } => write!(
                f,
                "{}: not a brief model file (no {} magic; retrain with `{}`)",
                file(expected),
                String::from_utf8_lossy(MAGIC),
                expected.retrain_command()
            ),
            ModelError::Version { expected, found } => write!(
                f,
                "{}: model format version {found}, this build reads {VERSION}",
                file(expected)
            ),
            ModelError::WrongKind { expected, found } => write!(
                f,
                "{}: holds a {found:?} model, not a {:?} one",
                file(expected),
                expected.name()
            ),
            ModelError::Malformed { expected, what } => {
                write!(f, "{}: malformed model file: {what}", file(expected))
            }
        }
    }
}

impl std::error::Error for ModelError {}

/// A model file, read in place: its header and the two payload sections.
#[derive(Debug)]
pub struct ModelFile<'a> {
    /// What the file says about itself.
    pub header: Header,
    /// `passes × (labels + 1) × labels` f32 LE, or empty.
    pub transitions: &'a [u8],
    /// `2^log2 × passes × columns` integers of `bits`, LE.
    pub weights: &'a [u8],
}

impl ModelFile<'_> {
    /// Pass `pass`'s transition table, row-major.
    pub fn transitions(&self, pass: usize) -> Vec<f32> {
        let n = self.header.labels.len();
        let size = 4 * n * (n + 1);
        let rows = self.transitions.get(pass * size..(pass + 1) * size);
        rows.unwrap_or_default()
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }
}

impl Header {
    /// The bytes of a model file: this header, then the payload from
    /// `transitions` (one table per pass, or none) and `weights` (one
    /// `2^log2 × columns` table per pass, already quantised).
    pub fn file_bytes(&self, transitions: &[Vec<f32>], weights: &[Vec<i32>]) -> Vec<u8> {
        let (passes, columns) = (self.passes as usize, self.columns as usize);
        assert_eq!(weights.len(), passes, "one weight table per pass");
        assert_eq!(transitions.len(), if self.transitions { passes } else { 0 });
        let mut out = self.header_bytes();
        for table in transitions {
            table
                .iter()
                .for_each(|t| out.extend_from_slice(&t.to_le_bytes()));
        }
        for bucket in 0..1usize << self.log2_buckets {
            for table in weights {
                for &w in &table[bucket * columns..(bucket + 1) * columns] {
                    match self.quantisation.bits {
                        8 => out.push(w as i8 as u8),
                        _ => out.extend_from_slice(&(w as i16).to_le_bytes()),
                    }
                }
            }
        }
        out
    }

    fn header_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(1024));
        w.0.extend_from_slice(MAGIC);
        w.u32(VERSION);
        w.u32(0); // the header length, patched below
        w.str(self.kind.name());
        w.u16(self.labels.len() as u16);
        self.labels.iter().for_each(|l| w.str(l));
        w.u16(self.templates.len() as u16);
        for (id, name) in &self.templates {
            w.0.push(*id);
            w.str(name);
        }
        for v in [self.log2_buckets, self.passes, self.columns] {
            w.u32(v);
        }
        w.0.push(self.transitions as u8);
        w.u32(self.epochs);
        w.str(&self.order);
        w.0.extend_from_slice(&self.seed.to_le_bytes());
        w.0.push(self.quantisation.bits);
        w.0.extend_from_slice(&self.quantisation.target.to_le_bytes());
        w.u32(self.quantisation.outlier_divisor);
        self.scales
            .iter()
            .for_each(|s| w.0.extend_from_slice(&s.to_le_bytes()));
        w.u16(self.settings.len() as u16);
        for (k, v) in &self.settings {
            w.str(k);
            w.str(v);
        }
        w.u16(self.lexicons.len() as u16);
        for l in &self.lexicons {
            w.str(&l.name);
            w.0.extend_from_slice(&l.len.to_le_bytes());
            w.0.extend_from_slice(&l.fnv1a64.to_le_bytes());
        }
        let len = w.0.len() as u32;
        w.0[12..16].copy_from_slice(&len.to_le_bytes());
        w.0
    }

    /// Reads a model file of kind `expected`.
    pub fn read(bytes: &[u8], expected: Kind) -> Result<ModelFile<'_>, ModelError> {
        let bad = |what: &str| ModelError::Malformed {
            expected,
            what: what.to_string(),
        };
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return Err(ModelError::NotAModel { expected });
        };
        let mut r = Reader { bytes: rest, at: 0 };
        let version = r.u32().ok_or_else(|| bad("truncated version"))?;
        if version != VERSION {
            return Err(ModelError::Version {
                expected,
                found: version,
            });
        }
        let header_len = r.u32().ok_or_else(|| bad("truncated header"))? as usize;
        let body = bytes
            .get(MAGIC.len() + 8..header_len)
            .ok_or_else(|| bad("header length beyond the file"))?;
        let mut r = Reader { bytes: body, at: 0 };
        let kind = r.str().ok_or_else(|| bad("truncated kind"))?;
        if kind != expected.name() {
            return Err(ModelError::WrongKind {
                expected,
                found: kind,
            });
        }
        let header =
            Header::read_fields(&mut r, expected).ok_or_else(|| bad("truncated header"))?;
        if r.at != body.len() {
            return Err(bad("header longer than its fields"));
        }
        header
            .split_payload(&bytes[header_len..])
            .map_err(|what| bad(&what))
    }

    /// The fields after the kind.
    fn read_fields(r: &mut Reader, kind: Kind) -> Option<Header> {
        let labels = (0..r.u16()?).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
        let templates = (0..r.u16()?)
            .map(|_| Some((r.u8()?, r.str()?)))
            .collect::<Option<Vec<_>>>()?;
        let (log2_buckets, passes, columns) = (r.u32()?, r.u32()?, r.u32()?);
        let transitions = r.u8()? != 0;
        let (epochs, order, seed) = (r.u32()?, r.str()?, r.u64()?);
        let quantisation = Quantisation {
            bits: r.u8()?,
            target: f32::from_bits(r.u32()?),
            outlier_divisor: r.u32()?,
        };
        let scales = (0..passes.min(1 << 16))
            .map(|_| r.u32().map(f32::from_bits))
            .collect::<Option<Vec<_>>>()?;
        let settings = (0..r.u16()?)
            .map(|_| Some((r.str()?, r.str()?)))
            .collect::<Option<Vec<_>>>()?;
        let lexicons = (0..r.u16()?)
            .map(|_| {
                let name = r.str()?;
                Some(Fingerprint {
                    name,
                    len: r.u64()?,
                    fnv1a64: r.u64()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Header {
            kind,
            labels,
            templates,
            log2_buckets,
            passes,
            columns,
            transitions,
            epochs,
            order,
            seed,
            quantisation,
            scales,
            settings,
            lexicons,
        })
    }

    /// Splits the payload into its sections, checking its size.
    fn split_payload<'a>(self, payload: &'a [u8]) -> Result<ModelFile<'a>, String> {
        let q = &self.quantisation;
        if q.bits != 8 && q.bits != 16 {
            return Err(format!("{}-bit weights", q.bits));
        }
        if self.log2_buckets > 30 || self.passes == 0 || self.scales.len() != self.passes as usize {
            return Err("bad bucket or pass count".into());
        }
        let n = self.labels.len();
        let transition_bytes = match self.transitions {
            true => self.passes as usize * (n + 1) * n * 4,
            false => 0,
        };
        let weight_bytes = (1usize << self.log2_buckets)
            .checked_mul(self.passes as usize * self.columns as usize * (q.bits as usize / 8))
            .ok_or("weights too large")?;
        if payload.len() != transition_bytes + weight_bytes {
            return Err(format!(
                "payload of {} bytes, the header says {}",
                payload.len(),
                transition_bytes + weight_bytes
            ));
        }
        let (transitions, weights) = payload.split_at(transition_bytes);
        Ok(ModelFile {
            header: self,
            transitions,
            weights,
        })
    }

    /// Whether the model was trained with the features and lexicons this
    /// build has: `Err` names what differs and the command that retrains
    /// it. Loading never calls this (a stale model still runs); each
    /// model's unit test does.
    pub fn check_current(
        &self,
        labels: &[&str],
        templates: &[Template],
        lexicons: &[Fingerprint],
    ) -> Result<(), String> {
        let mut changes = Vec::new();
        if self.labels != labels {
            changes.push(format!("labels {:?} are now {labels:?}", self.labels));
        }
        if self.templates != template_names(templates) {
            changes.push("the feature templates changed".to_string());
        }
        for l in lexicons {
            match self.lexicons.iter().find(|m| m.name == l.name) {
                None => changes.push(format!("{} was not read in training", l.name)),
                Some(m) if m != l => changes.push(format!("{} changed", l.name)),
                Some(_) => {}
            }
        }
        for m in &self.lexicons {
            if !lexicons.iter().any(|l| l.name == m.name) {
                changes.push(format!("{} is no longer read", m.name));
            }
        }
        if changes.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{} is stale ({}): retrain it with `{} -- --shared ../shared` and commit the new file",
            self.kind.file(),
            changes.join("; "),
            self.kind.retrain_command()
        ))
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        let len = u16::try_from(s.len()).expect("header strings are short");
        self.u16(len);
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const K: usize>(&mut self) -> Option<[u8; K]> {
        let v = self.bytes.get(self.at..self.at + K)?.try_into().ok()?;
        self.at += K;
        Some(v)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    fn str(&mut self) -> Option<String> {
        let len = self.u16()? as usize;
        let bytes = self.bytes.get(self.at..self.at + len)?;
        self.at += len;
        String::from_utf8(bytes.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            kind: Kind::Cues,
            labels: vec!["other".into(), "head".into()],
            templates: vec![(0, "bias".into()), (3, "word".into())],
            log2_buckets: 3,
            passes: 2,
            columns: 2,
            transitions: true,
            epochs: 4,
            order: "coprime-stride".into(),
            seed: 7,
            quantisation: Quantisation {
                bits: 16,
                target: 8000.0,
                outlier_divisor: 0,
            },
            scales: vec![0.5, 2.0],
            settings: vec![("folds".into(), "4".into())],
            lexicons: vec![Fingerprint::of("data/cues.tsv", b"said\n")],
        }
    }

    fn tables() -> (Vec<Vec<f32>>, Vec<Vec<i32>>) {
        let t = (0..2)
            .map(|p| (0..6).map(|k| (p * 10 + k) as f32).collect())
            .collect();
        let w = (0..2)
            .map(|p| (0..16).map(|k| k * (1 - 2 * p)).collect())
            .collect();
        (t, w)
    }

    #[test]
    fn the_header_round_trips() {
        let (t, w) = tables();
        let bytes = header().file_bytes(&t, &w);
        let file = Header::read(&bytes, Kind::Cues).unwrap();
        assert_eq!(file.header, header());
        assert_eq!(file.transitions(1), t[1]);
        // Bucket 1: pass 0's two columns, then pass 1's.
        let at = 2 * 2 * 2;
        let bucket1: Vec<i16> = file.weights[at..at + 8]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(bucket1, [2, 3, -2, -3]);
    }

    #[test]
    fn bad_files_get_clear_errors() {
        let (t, w) = tables();
        let bytes = header().file_bytes(&t, &w);
        let err = Header::read(b"BRIEFCU1\x10\0\0\0", Kind::Cues).unwrap_err();
        assert!(matches!(err, ModelError::NotAModel { .. }));
        assert!(err.to_string().contains("train-cues"), "{err}");
        let err = Header::read(&bytes, Kind::Ner).unwrap_err();
        assert!(err.to_string().contains("holds a \"cues\" model"), "{err}");
        let mut newer = bytes.clone();
        newer[8] = 2;
        assert_eq!(
            Header::read(&newer, Kind::Cues).unwrap_err(),
            ModelError::Version {
                expected: Kind::Cues,
                found: 2
            }
        );
        for cut in [10, 20, 60, bytes.len() - 1] {
            let err = Header::read(&bytes[..cut], Kind::Cues).unwrap_err();
            assert!(
                matches!(err, ModelError::Malformed { .. }),
                "cut at {cut}: {err}"
            );
        }
    }

    #[test]
    fn a_changed_lexicon_makes_the_model_stale() {
        let h = header();
        let templates = [Template::new(0, "bias"), Template::new(3, "word")];
        let labels = ["other", "head"];
        let same = [Fingerprint::of("data/cues.tsv", b"said\n")];
        assert_eq!(h.check_current(&labels, &templates, &same), Ok(()));
        let edited = [Fingerprint::of("data/cues.tsv", b"said\nclaimed\n")];
        assert_ne!(edited[0].fnv1a64, same[0].fnv1a64);
        let err = h.check_current(&labels, &templates, &edited).unwrap_err();
        assert!(err.contains("data/cues.tsv changed"), "{err}");
        assert!(
            err.contains("cargo run --release --example train-cues"),
            "{err}"
        );
        let more = [
            Template::new(0, "bias"),
            Template::new(3, "word"),
            Template::new(4, "x"),
        ];
        let err = h.check_current(&labels, &more, &same).unwrap_err();
        assert!(err.contains("templates changed"), "{err}");
        let err = h.check_current(&labels, &templates, &[]).unwrap_err();
        assert!(err.contains("no longer read"), "{err}");
    }
}
