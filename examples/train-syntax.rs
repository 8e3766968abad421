//! Trains the part-of-speech tagger (`models/pos.bin`), the dependency
//! parser (`models/deps.bin`) and the labeller (`models/labels.bin`) on
//! the silver CoreNLP treebank of PolNeAR train, and reports their
//! accuracy on dev.
//!
//!     cargo run --release --example train-syntax -- [--shared ../shared]
//!         [--dev] [--only pos|deps]
//!
//! Each sentence is one example. The tagger learns from each token's
//! mistake as it goes (greedy, the tags before a token being its own
//! choices). The parser and labeller train on tags the tagger predicts
//! (four-fold jackknifing: each quarter tagged by a tagger trained on the
//! other three), as they will see at run time; the parser follows the
//! dynamic oracle, exploring its own mistakes from the second epoch.
//! `--dev` prints dev scores after each epoch, for watching only (epoch
//! counts are fixed, not picked on dev). Deterministic: the same data
//! and flags give the same bytes.

use brief::io::conllu::{self, ConlluSentence};
use brief::learn::model::Provenance;
use brief::learn::train::{self, Order, Schedule};
use brief::syntax::labeller::{self, Tree};
use brief::syntax::parser::{self, Sentence};
use brief::syntax::tagger::{self, Trainer};
use brief::syntax::train::{LabellerTrainer, ParserTrainer};
use brief::syntax::words::{ptb_form, WordIds};
use std::path::PathBuf;

/// Epochs and hash-table size of each model (log2 of the buckets).
const TAGGER: (usize, u32) = (8, 15);
const PARSER: (usize, u32) = (12, 19);
const LABELLER: (usize, u32) = (6, 16);
/// Tagger folds for the parser's and labeller's training tags.
const FOLDS: usize = 4;

struct Options {
    shared: PathBuf,
    dev: bool,
    only: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        shared: PathBuf::from("../shared"),
        dev: false,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--shared" => o.shared = PathBuf::from(value()),
            "--dev" => o.dev = true,
            "--only" => o.only = Some(value()),
            other => panic!("unknown option {other}"),
        }
    }
    o
}

/// A sentence as the models train on it.
#[derive(Clone)]
struct Example {
    words: Vec<WordIds>,
    tags: Vec<u8>,
    /// Tags a tagger predicts (jackknifed for train).
    predicted: Vec<u8>,
    /// Gold heads, `n` for the root.
    heads: Vec<u32>,
    labels: Vec<u8>,
}

fn read(path: &std::path::Path) -> Vec<Example> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sentences: Vec<ConlluSentence> =
        conllu::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    sentences
        .iter()
        .map(|s| {
            let n = s.forms.len() as u32;
            Example {
                words: s
                    .forms
                    .iter()
                    .map(|f| WordIds::of(&ptb_form(f, None)))
                    .collect(),
                tags: s
                    .xpos
                    .iter()
                    .map(|t| tagger::tag_index(t).unwrap_or_else(|| panic!("unknown tag {t}")))
                    .collect(),
                predicted: Vec::new(),
                heads: s
                    .heads
                    .iter()
                    .map(|&h| if h == 0 { n } else { h as u32 - 1 })
                    .collect(),
                labels: s.deprels.iter().map(|l| labeller::label_index(l)).collect(),
            }
        })
        .collect()
}

fn tag_accuracy(data: &[Example]) -> f64 {
    let right: usize = data
        .iter()
        .map(|s| {
            s.predicted
                .iter()
                .zip(&s.tags)
                .filter(|(a, b)| a == b)
                .count()
        })
        .sum();
    right as f64 / data.iter().map(|s| s.tags.len()).sum::<usize>().max(1) as f64
}

fn train_tagger(data: &mut [Example], dev: Option<&[Example]>) -> Trainer {
    let schedule = Schedule {
        epochs: TAGGER.0,
        order: Order::Shuffle { seed: 0x7a66_e250 },
    };
    let mut trainer = Trainer::new(TAGGER.1);
    train::train(
        &mut trainer,
        data,
        &schedule,
        |t, s| t.tag(&s.words, Some(&s.tags)).1 == s.tags.len(),
        |t, epoch| {
            if let Some(dev) = dev {
                let right: usize = dev
                    .iter()
                    .map(|s| {
                        t.predict(&s.words)
                            .iter()
                            .zip(&s.tags)
                            .filter(|(a, b)| a == b)
                            .count()
                    })
                    .sum();
                let all: usize = dev.iter().map(|s| s.tags.len()).sum();
                eprintln!(
                    "tagger epoch {}: dev accuracy {:.4}",
                    epoch.number,
                    right as f64 / all as f64
                );
            }
        },
    );
    trainer
}

/// Unlabelled and labelled attachment, punctuation excluded, of
/// `heads`/`labels` against the gold of `data`.
fn attachment(data: &[Example], parses: &[(Vec<u32>, Vec<u8>)]) -> (f64, f64) {
    let (mut all, mut u, mut l) = (0usize, 0usize, 0usize);
    for (s, (heads, labels)) in data.iter().zip(parses) {
        for i in 0..s.heads.len() {
            if labeller::LABELS[s.labels[i] as usize] == "punct" {
                continue;
            }
            all += 1;
            if heads[i] == s.heads[i] {
                u += 1;
                l += usize::from(labels[i] == s.labels[i]);
            }
        }
    }
    (u as f64 / all.max(1) as f64, l as f64 / all.max(1) as f64)
}

fn main() {
    let o = options();
    let silver = o.shared.join("data/polnear/silver");
    let mut train_data = read(&silver.join("train.conllu"));
    let mut dev_data = read(&silver.join("dev.conllu"));
    eprintln!(
        "{} train sentences, {} dev",
        train_data.len(),
        dev_data.len()
    );
    let watch = |d: &[Example]| -> Option<Vec<Example>> { o.dev.then(|| d.to_vec()) };
    let dev_watch = watch(&dev_data);
    let tagger = train_tagger(&mut train_data, dev_watch.as_deref());
    let provenance = |epochs: usize, seed: u64, data: &str| Provenance {
        schedule: Schedule {
            epochs,
            order: Order::Shuffle { seed },
        },
        settings: vec![("data".into(), data.into())],
        lexicons: Vec::new(),
    };
    let pos_bytes = tagger.file_bytes(&provenance(
        TAGGER.0,
        0x7a66_e250,
        "PolNeAR silver train.conllu (CoreNLP XPOS)",
    ));
    let shipped = tagger::Tagger::from_bytes(&pos_bytes).expect("the file just written reads back");
    for s in &mut dev_data {
        s.predicted = shipped.tag(&s.words);
    }
    eprintln!(
        "pos.bin: {} bytes, dev accuracy {:.4}",
        pos_bytes.len(),
        tag_accuracy(&dev_data)
    );
    std::fs::write("models/pos.bin", &pos_bytes).expect("write models/pos.bin");
    if o.only.as_deref() == Some("pos") {
        return;
    }
    jackknife(&mut train_data);
    eprintln!(
        "jackknifed train tags: accuracy {:.4}",
        tag_accuracy(&train_data)
    );
    train_parser(&mut train_data, &dev_data, o.dev, &provenance);
}

/// Tags each fold of `data` with a tagger trained on the other folds
/// (averaged and quantised, as shipped).
fn jackknife(data: &mut [Example]) {
    // Sentences in file order, so that a fold is a run of whole articles.
    let n = data.len();
    for fold in 0..FOLDS {
        let range = fold * n / FOLDS..(fold + 1) * n / FOLDS;
        let mut rest: Vec<Example> = data[..range.start]
            .iter()
            .chain(&data[range.end..])
            .cloned()
            .collect();
        let bytes = train_tagger(&mut rest, None).file_bytes(&Provenance::default());
        let tagger = tagger::Tagger::from_bytes(&bytes).expect("a tagger file");
        for s in &mut data[range] {
            s.predicted = tagger.tag(&s.words);
        }
    }
}

/// Parses and labels `data` with the shipped files' bytes.
fn parse_all(deps: &[u8], labels: &[u8], data: &[Example]) -> Vec<(Vec<u32>, Vec<u8>)> {
    let parser = parser::Parser::from_bytes(deps).expect("a parser file");
    let labeller = labeller::Labeller::from_bytes(labels).expect("a labeller file");
    data.iter()
        .map(|s| {
            let heads = parser.heads(&Sentence {
                words: &s.words,
                tags: &s.predicted,
            });
            let tree = Tree::new(&s.words, &s.predicted, &heads);
            let labels = labeller.labels(&tree);
            (heads, labels)
        })
        .collect()
}

fn train_parser(
    train_data: &mut [Example],
    dev_data: &[Example],
    watch: bool,
    provenance: &dyn Fn(usize, u64, &str) -> Provenance,
) {
    const SEED: u64 = 0xa5c_1e7;
    let mut parser = ParserTrainer::new(PARSER.1, SEED);
    let epoch_now = std::cell::Cell::new(1usize);
    train::train(
        &mut parser,
        train_data,
        &Schedule {
            epochs: PARSER.0,
            order: Order::Shuffle { seed: SEED },
        },
        |p, s| {
            let sentence = Sentence {
                words: &s.words,
                tags: &s.predicted,
            };
            // Exploration from the second epoch (Goldberg & Nivre's k = 1).
            p.learn(&sentence, &s.heads, epoch_now.get() >= 2)
        },
        |p, epoch| {
            epoch_now.set(epoch.number + 1);
            if watch {
                let parses: Vec<(Vec<u32>, Vec<u8>)> = dev_data
                    .iter()
                    .map(|s| {
                        (
                            p.predict(&Sentence {
                                words: &s.words,
                                tags: &s.predicted,
                            }),
                            s.labels.clone(),
                        )
                    })
                    .collect();
                eprintln!(
                    "parser epoch {}: {} sentences with a wrong step, dev UAS {:.4}",
                    epoch.number,
                    epoch.mistakes(),
                    attachment(dev_data, &parses).0
                );
            } else {
                eprintln!(
                    "parser epoch {}: {} sentences with a wrong step",
                    epoch.number,
                    epoch.mistakes()
                );
            }
        },
    );
    let data = "PolNeAR silver train.conllu (CoreNLP basic dependencies), jackknifed tags";
    let deps = parser.file_bytes(&provenance(PARSER.0, SEED, data));
    let mut labeller = LabellerTrainer::new(LABELLER.1);
    train::train(
        &mut labeller,
        train_data,
        &Schedule {
            epochs: LABELLER.0,
            order: Order::Shuffle { seed: SEED + 1 },
        },
        |l, s| {
            let tree = Tree::new(&s.words, &s.predicted, &s.heads);
            l.learn(&tree, &s.labels) + 1 == s.labels.len()
        },
        |_, epoch| {
            eprintln!(
                "labeller epoch {}: {} sentences with a wrong label",
                epoch.number,
                epoch.mistakes()
            )
        },
    );
    let labels = labeller.file_bytes(&provenance(LABELLER.0, SEED + 1, data));
    let (uas, las) = attachment(dev_data, &parse_all(&deps, &labels, dev_data));
    eprintln!(
        "deps.bin: {} bytes, labels.bin: {} bytes; dev UAS {uas:.4}, LAS {las:.4} (punctuation excluded, predicted tags)",
        deps.len(),
        labels.len()
    );
    std::fs::write("models/deps.bin", &deps).expect("write models/deps.bin");
    std::fs::write("models/labels.bin", &labels).expect("write models/labels.bin");
}
