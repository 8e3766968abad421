//! Trains the learned cue detector (`brief::training::cue_model`) on the
//! PolNeAR train articles and their gold cues, and writes `models/cues.bin`.
//!
//!     cargo run --release --example train-cues -- [--shared ../shared]
//!         [--epochs 4] [--log2 16] [--dev]
//!
//! Each word outside quotation marks is one example: positive when it heads
//! a gold cue (the first word of the cue span that is not an auxiliary,
//! adverb or negation: "said" in "has also said"). `--dev` prints precision
//! and recall of cue heads on PolNeAR dev after each epoch, for watching
//! only (the epoch count is fixed, not picked on dev). Deterministic: the
//! same data and flags give the same bytes.
//!
//! Training uses the shared loop (`brief::learn::train`) with the coprime
//! stride order; the file's header records it, with the fingerprints of
//! the cue lexicon and of the entity model the features read (retrain the
//! entity model first when both change).

use brief::doc::{Doc, TokenKind};
use brief::learn::model::Provenance;
use brief::learn::train::{self, Order, Schedule};
use brief::training::cue_model::{self, features, CueContext, CueTrainer};
use std::path::{Path, PathBuf};

struct Example {
    features: Vec<u64>,
    positive: bool,
}

fn gold_cue_spans(ann: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || !cols[0].starts_with('T') || !cols[1].starts_with("Cue ") {
            continue;
        }
        // Discontinuous spans: the first part holds the head.
        if let Some(part) = cols[1][4..].split(';').next() {
            let mut it = part.split(' ').filter_map(|x| x.parse::<usize>().ok());
            if let (Some(s), Some(e)) = (it.next(), it.next()) {
                out.push((s, e));
            }
        }
    }
    out
}

/// The examples of one article.
fn article(text: String, ann: &str) -> Vec<Example> {
    // The cue detector reads what the stages before it found.
    let doc: Doc = brief::pipeline::run_until(text, brief::pipeline::Stage::Entities);
    let mut head = vec![false; doc.tokens.len()];
    let spans = gold_cue_spans(ann);
    for (s, e) in spans {
        let inside: Vec<usize> = (0..doc.tokens.len())
            .filter(|&i| {
                let t = &doc.tokens[i];
                (t.char_start as usize) < e
                    && (t.char_end as usize) > s
                    && t.kind == TokenKind::Word
            })
            .collect();
        let pick = inside
            .iter()
            .copied()
            .find(|&i| !brief::training::is_verb_helper(doc.token_text(i)))
            .or(inside.first().copied());
        if let Some(i) = pick {
            head[i] = true;
        }
    }
    let ctx = CueContext::new(&doc);
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        for i in sentence.tokens.clone() {
            if doc.tokens[i].kind != TokenKind::Word || ctx.quoted[i] {
                continue;
            }
            let mut f = Vec::new();
            features(&doc, &ctx, sentence.tokens.clone(), i, &mut f);
            out.push(Example {
                features: f,
                positive: head[i],
            });
        }
    }
    out
}

fn load(dir: &Path) -> Vec<Example> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for txt in names {
        let ann = txt.with_extension("ann");
        let (Ok(text), Ok(ann)) = (std::fs::read_to_string(&txt), std::fs::read_to_string(&ann))
        else {
            continue;
        };
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        out.extend(article(text, &ann));
    }
    out
}

fn main() {
    let mut shared = PathBuf::from("../shared");
    let (mut epochs, mut log2, mut dev) = (4usize, 16u32, false);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--shared" => shared = it.next().expect("--shared DIR").into(),
            "--epochs" => epochs = it.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--log2" => log2 = it.next().and_then(|v| v.parse().ok()).expect("--log2 N"),
            "--dev" => dev = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let polnear = shared.join("data/polnear");
    let mut examples = load(&polnear.join("train"));
    let dev_set = if dev {
        load(&polnear.join("dev"))
    } else {
        Vec::new()
    };
    eprintln!(
        "train: {} words, {} cue heads",
        examples.len(),
        examples.iter().filter(|e| e.positive).count()
    );
    let mut trainer = CueTrainer::new(log2);
    let schedule = Schedule {
        epochs,
        order: Order::Stride,
    };
    train::train(
        &mut trainer,
        &mut examples,
        &schedule,
        |t, e| t.learn(&e.features, e.positive),
        |t, epoch| report(t, epoch, dev.then_some(&dev_set[..])),
    );
    let provenance = Provenance {
        schedule,
        settings: vec![("examples".into(), "polnear-train-gold-cue-heads".into())],
        lexicons: cue_model::lexicons(),
    };
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/cues.bin");
    std::fs::write(&out, trainer.model_bytes(&provenance)).expect("write models/cues.bin");
    eprintln!("wrote {}", out.display());
}

/// Prints an epoch's mistakes and, with a dev set, the dev scores of cue
/// heads.
fn report(trainer: &CueTrainer, epoch: &train::Epoch, dev: Option<&[Example]>) {
    eprint!("epoch {}: {} mistakes", epoch.number, epoch.mistakes());
    if let Some(dev_set) = dev {
        let model = trainer.model();
        let (mut tp, mut fp, mut fneg) = (0, 0, 0);
        for e in dev_set {
            match (model.score(&e.features) > 0, e.positive) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                _ => {}
            }
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fneg).max(1) as f64;
        eprint!(
            "; dev cue heads P {:.3} R {:.3} F1 {:.3}",
            p,
            r,
            2.0 * p * r / (p + r).max(1e-9)
        );
    }
    eprintln!();
}
