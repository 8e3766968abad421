//! Trains the entity tagger from the shared data and writes the files the
//! library embeds: `models/first_names.tsv` and `models/ner.bin`.
//!
//!     cargo run --release --example train-ner -- [--shared ../shared]
//!         [--epochs 12] [--log2 17] [--no-silver] [--silver-share F] [--dev]
//!
//! Training reads CoNLL-2003 train and, unless `--no-silver`, the PolNeAR
//! train articles with their CoreNLP (silver) entity labels: US political
//! news like the articles brief is for (on PolNeAR dev it lifts entity F1
//! from 0.79 to 0.87, at a cost of 1.1 points on CoNLL-2003 dev); `--dev` prints CoNLL-2003 dev F1 after every epoch, for
//! watching the learning curve only (the epoch count is fixed, not picked
//! on dev). Training is deterministic: the same data and flags give the same
//! model bytes.
//!
//! Both passes and the jackknife folds use the shared loop
//! (`brief::learn::train`): 12 epochs, each after a seeded Fisher-Yates
//! shuffle. The file's header records that, the flags, and the
//! fingerprints of the place list and of the first-name table written here.

use brief::io::conll::ConllFile;
use brief::learn::model::Provenance;
use brief::learn::train::{self, Order, Schedule};
use brief::training::gazetteer;
use brief::training::tagger::{self, DocContext, Lexicon, SentenceFeatures, Trainer};
use std::collections::HashSet;
use std::path::PathBuf;

/// The shuffle's seed: any fixed value does; this one is the shipped
/// models' (xorshift64 needs a non-zero state).
const SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// Folds of the jackknife that gives the second pass first-pass labels.
const FOLDS: usize = 4;

struct Args {
    shared: PathBuf,
    epochs: usize,
    log2: u32,
    silver: bool,
    /// The fraction of silver documents to use (every k-th, deterministic).
    silver_share: f64,
    dev: bool,
}

fn parse_args() -> Args {
    let mut args = Args {
        shared: PathBuf::from("../shared"),
        epochs: 12,
        log2: 17,
        silver: true,
        silver_share: 1.0,
        dev: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--shared" => args.shared = it.next().expect("--shared DIR").into(),
            "--epochs" => args.epochs = it.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--log2" => args.log2 = it.next().and_then(|v| v.parse().ok()).expect("--log2 N"),
            "--no-silver" => args.silver = false,
            "--silver-share" => {
                args.silver_share = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--silver-share F")
            }
            "--dev" => args.dev = true,
            other => panic!("unknown argument {other}"),
        }
    }
    args
}

/// Names given at least 1,000 times; `m`/`f` when 90% go one way, else `u`.
fn build_first_names(shared: &std::path::Path) -> String {
    let path = shared.join("data/names/us_first_names.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = String::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (female, male): (u64, u64) = (cols[1].parse().unwrap(), cols[2].parse().unwrap());
        let total = female + male;
        if total < 1000 {
            continue;
        }
        let g = if female * 10 >= total * 9 {
            "f"
        } else if male * 10 >= total * 9 {
            "m"
        } else {
            "u"
        };
        out.push_str(&format!("{}\t{g}\n", cols[0]));
    }
    out
}

struct TrainingLexicon {
    first_names: HashSet<String>,
}

impl Lexicon for TrainingLexicon {
    fn is_first_name(&self, w: &str) -> bool {
        self.first_names.contains(w)
    }
    fn is_place_or_people(&self, w: &str) -> bool {
        gazetteer::place(w).is_some()
    }
    fn brown_path(&self, form: &str) -> Option<u32> {
        gazetteer::Gazetteer.brown_path(form)
    }
    fn glove_clusters(&self, lower: &str) -> Option<brief::lexicon::clusters::GloveClusters> {
        gazetteer::Gazetteer.glove_clusters(lower)
    }
}

/// Documents as sentences of (word, gold label).
type Doc = Vec<(Vec<String>, Vec<u8>)>;

fn read_conll(path: &std::path::Path) -> Vec<Doc> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = ConllFile::parse(&text);
    file.documents
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|sentence| {
                    let mut prev = tagger::OUTSIDE;
                    let mut labels = Vec::new();
                    for &i in sentence {
                        prev = tagger::parse_tag(file.last_column(i), prev);
                        labels.push(prev);
                    }
                    (
                        sentence.iter().map(|&i| file.word(i).to_string()).collect(),
                        labels,
                    )
                })
                .collect()
        })
        .collect()
}

/// PolNeAR silver TSV: word start end POS NER, `# doc =` lines, blank lines.
fn read_silver(path: &std::path::Path) -> Vec<Doc> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs: Vec<Doc> = Vec::new();
    let mut words = Vec::new();
    let mut labels = Vec::new();
    let mut prev_kind = "O".to_string();
    for line in text.lines() {
        if line.starts_with("# doc = ") {
            docs.push(Vec::new());
            continue;
        }
        if line.is_empty() {
            if !words.is_empty() {
                docs.last_mut()
                    .unwrap()
                    .push((std::mem::take(&mut words), std::mem::take(&mut labels)));
            }
            prev_kind = "O".into();
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let kind = match cols[4] {
            "PERSON" => "PER",
            "ORGANIZATION" => "ORG",
            "LOCATION" => "LOC",
            "MISC" => "MISC",
            _ => "O",
        };
        let tag = if kind == "O" {
            "O".to_string()
        } else if kind == prev_kind {
            format!("I-{kind}")
        } else {
            format!("B-{kind}")
        };
        labels.push(tagger::parse_tag(&tag, 0));
        // parse_tag with prev 0 gives B- for I-; fix continuation labels.
        if tag.starts_with("I-") {
            *labels.last_mut().unwrap() += 1;
        }
        // CoreNLP writes normalised quotes and brackets; use the raw forms
        // our tokenizer would see where they differ in kind only.
        let word = match cols[0] {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LSB-" => "[",
            "-RSB-" => "]",
            "``" | "''" => "\"",
            "`" => "'",
            w => w,
        };
        words.push(word.to_string());
        prev_kind = kind.to_string();
    }
    docs
}

/// Features of every sentence, grouped by document.
fn featurize(docs: &[Doc], lexicon: &dyn Lexicon) -> Vec<Vec<(SentenceFeatures, Vec<u8>)>> {
    docs.iter()
        .map(|doc| {
            let sentences: Vec<Vec<String>> = doc.iter().map(|(w, _)| w.clone()).collect();
            let context = DocContext::new(&sentences);
            doc.iter()
                .map(|(words, gold)| {
                    (
                        tagger::sentence_features(words, &context, lexicon),
                        gold.clone(),
                    )
                })
                .collect()
        })
        .collect()
}

fn entity_set(labels: &[Vec<u8>]) -> HashSet<(usize, usize, usize, u8)> {
    brief::training::entities(labels)
        .into_iter()
        .map(|e| (e.sentence, e.tokens.start, e.tokens.end, e.kind))
        .collect()
}

fn dev_f1(trainer: &Trainer, dev: &[(SentenceFeatures, Vec<u8>)]) -> f64 {
    let gold: Vec<Vec<u8>> = dev.iter().map(|(_, g)| g.clone()).collect();
    let pred: Vec<Vec<u8>> = dev
        .iter()
        .map(|(f, _)| tagger::viterbi(trainer, f))
        .collect();
    let (g, p) = (entity_set(&gold), entity_set(&pred));
    let tp = g.intersection(&p).count() as f64;
    2.0 * tp / (g.len() + p.len()).max(1) as f64
}

fn schedule(args: &Args) -> Schedule {
    Schedule {
        epochs: args.epochs,
        order: Order::Shuffle { seed: SEED },
    }
}

/// Sentences with their features and gold labels.
type Data = Vec<(SentenceFeatures, Vec<u8>)>;

fn train_pass(
    data: &mut [(SentenceFeatures, Vec<u8>)],
    args: &Args,
    name: &str,
    dev: Option<&[(SentenceFeatures, Vec<u8>)]>,
) -> Trainer {
    let mut trainer = Trainer::new(args.log2);
    train::train(
        &mut trainer,
        data,
        &schedule(args),
        |t, (features, gold)| t.learn(features, gold),
        |t, epoch| {
            let mut line = format!(
                "{name}, epoch {:2}: {:.4} of sentences right",
                epoch.number,
                epoch.right as f64 / epoch.examples as f64
            );
            if let Some(dev) = dev {
                line += &format!(", dev entity F1 (before averaging) {:.4}", dev_f1(t, dev));
            }
            eprintln!("{line}");
        },
    );
    trainer
}

/// The training documents: CoNLL-2003 train and (unless `--no-silver`) the
/// chosen share of PolNeAR silver.
fn training_documents(args: &Args) -> Vec<Doc> {
    let mut docs = read_conll(&args.shared.join("data/conll2003/train.txt"));
    eprintln!("CoNLL train documents: {}", docs.len());
    if args.silver {
        let silver = read_silver(&args.shared.join("data/polnear/silver/train.tsv"));
        let keep = |k: usize| {
            ((k as f64 + 0.5) * args.silver_share).floor()
                != ((k as f64 - 0.5) * args.silver_share).floor()
        };
        let silver: Vec<Doc> = silver
            .into_iter()
            .enumerate()
            .filter(|(k, _)| keep(*k))
            .map(|(_, d)| d)
            .collect();
        eprintln!("PolNeAR silver documents: {}", silver.len());
        docs.extend(silver);
    }
    docs
}

/// The second pass's examples: each document's features plus the
/// aggregate features of first-pass labels from a model that did not train
/// on it (jackknife over `FOLDS` folds), so that the second pass trusts
/// them as much as they deserve on new text.
fn second_pass_data(docs: &[Doc], data: &[Data], args: &Args) -> Data {
    let mut first_labels: Vec<Vec<Vec<u8>>> = vec![Vec::new(); docs.len()];
    for fold in 0..FOLDS {
        let mut train_part: Data = data
            .iter()
            .enumerate()
            .filter(|(d, _)| d % FOLDS != fold)
            .flat_map(|(_, doc)| doc.iter().cloned())
            .collect();
        let model = train_pass(&mut train_part, args, &format!("fold {fold}"), None);
        for (d, doc) in data.iter().enumerate().filter(|(d, _)| d % FOLDS == fold) {
            first_labels[d] = doc
                .iter()
                .map(|(f, _)| tagger::viterbi(&model, f))
                .collect();
        }
    }
    let mut second_data: Data = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let words: Vec<Vec<String>> = doc.iter().map(|(w, _)| w.clone()).collect();
        let extra = tagger::aggregate_features(&words, &first_labels[d]);
        for ((features, gold), e) in data[d].iter().zip(&extra) {
            second_data.push((features.with_extra(e), gold.clone()));
        }
    }
    second_data
}

/// CoNLL dev as the second pass sees it: with aggregate features from the
/// first pass's labels.
fn second_pass_dev(first_bytes: &[u8], dev: &[Data], args: &Args) -> Data {
    let first = tagger::Model::from_bytes(first_bytes, 0).unwrap();
    let dev_docs = read_conll(&args.shared.join("data/conll2003/dev.txt"));
    dev_docs
        .iter()
        .zip(dev)
        .flat_map(|(doc, feats)| {
            let words: Vec<Vec<String>> = doc.iter().map(|(w, _)| w.clone()).collect();
            let labels: Vec<Vec<u8>> = feats
                .iter()
                .map(|(f, _)| tagger::viterbi(&first, f))
                .collect();
            let extra = tagger::aggregate_features(&words, &labels);
            feats
                .iter()
                .zip(extra)
                .map(|((f, g), e)| (f.with_extra(&e), g.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn main() {
    let args = parse_args();
    let names = build_first_names(&args.shared);
    std::fs::write("models/first_names.tsv", &names).expect("write models/first_names.tsv");
    let lexicon = TrainingLexicon {
        first_names: names
            .lines()
            .filter_map(|l| l.split('\t').next())
            .map(str::to_string)
            .collect(),
    };
    eprintln!("first names: {}", lexicon.first_names.len());

    let docs = training_documents(&args);
    let data = featurize(&docs, &lexicon);
    let dev = args.dev.then(|| {
        featurize(
            &read_conll(&args.shared.join("data/conll2003/dev.txt")),
            &lexicon,
        )
    });

    // First pass, on everything.
    let first = train_pass(
        &mut data.iter().flatten().cloned().collect::<Vec<_>>(),
        &args,
        "first pass",
        dev.as_ref()
            .map(|d| d.iter().flatten().cloned().collect::<Vec<_>>())
            .as_deref(),
    );
    let provenance = Provenance {
        schedule: schedule(&args),
        settings: vec![
            ("silver".into(), args.silver.to_string()),
            ("silver-share".into(), args.silver_share.to_string()),
            ("folds".into(), FOLDS.to_string()),
        ],
        lexicons: tagger::lexicons(names.as_bytes()),
    };
    let first_bytes = tagger::model_bytes(&[&first], &provenance);

    let mut second_data = second_pass_data(&docs, &data, &args);
    let second_dev = dev
        .as_ref()
        .map(|dev| second_pass_dev(&first_bytes, dev, &args));
    let second = train_pass(
        &mut second_data,
        &args,
        "second pass",
        second_dev.as_deref(),
    );
    let bytes = tagger::model_bytes(&[&first, &second], &provenance);
    std::fs::write("models/ner.bin", &bytes).expect("write models/ner.bin");
    eprintln!("wrote models/ner.bin, {} bytes", bytes.len());
}
