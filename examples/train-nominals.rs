//! Trains the nominal resolver (`brief::training::coref::nominals`) on the
//! hand-made train gold briefs of PolNeAR, calibrates its margin out of
//! fold on them, scores it on the dev gold briefs, and writes
//! `models/nominals.bin`.
//!
//!     cargo run --release --example train-nominals -- [--shared ../shared]
//!         [--epochs 8] [--log2 14] [--penalty 2] [--errors]
//!
//! Each definite description the features consider ("the senator") is one
//! example. Its right option comes from the gold brief's aliases, which
//! list the nominal forms of each actor: when exactly one gold actor has
//! the description's words as a form, the right options are the
//! candidates whose names are forms of that gold actor (none among the
//! candidates: "nobody" is right, as a link would be wrong); when no gold
//! actor has them, "nobody" is right; when several do, the description is
//! left out (the form is ambiguous in that article).
//!
//! The margin maximises right links minus `--penalty` times wrong ones
//! over out-of-fold scores: each of five folds of the 120 articles is
//! scored by a model trained on the other four; the shipped model is then
//! trained on all 120. CoreNLP's silver chains were tried as extra data
//! (unchained descriptions as "nobody", or chained ones only) and made
//! dev gold worse, so only the hand-made briefs are read.
//! Deterministic: the same data and flags give the same bytes.

use brief::doc::Doc;
use brief::learn::model::{Kind, Provenance};
use brief::learn::train::{self, Order, Schedule};
use brief::training::coref::{self, nominals, CorefTrainer, Resolver};
use std::path::{Path, PathBuf};

/// Cross-validation folds for the margin.
const FOLDS: usize = 5;

struct Example {
    case: nominals::NominalCase,
    right: Vec<bool>,
    /// For `--errors`: the sentence with the description marked, and the
    /// candidates' names.
    context: String,
    names: Vec<String>,
    /// The cross-validation fold of its article.
    fold: usize,
}

/// A form as compared: lower case, straight apostrophes, one space, no
/// leading "the".
fn normal(form: &str) -> String {
    let lower = form.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// The gold actors' forms (name and aliases), normalised.
fn gold_forms(brief: &serde_json::Value) -> Vec<Vec<String>> {
    brief["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| {
            let mut forms = vec![normal(a["name"].as_str().expect("a name"))];
            for alias in a["aliases"].as_array().into_iter().flatten() {
                forms.push(normal(alias.as_str().expect("an alias")));
            }
            forms
        })
        .collect()
}

/// The right candidates of `case` by the gold brief's forms; `None` when
/// the description is a form of several gold actors.
fn gold_right(doc: &Doc, case: &nominals::NominalCase, gold: &[Vec<String>]) -> Option<Vec<bool>> {
    let words = normal(doc.slice(doc.token_range(case.tokens.clone())));
    let owners: Vec<usize> = (0..gold.len())
        .filter(|&g| gold[g].contains(&words))
        .collect();
    if owners.len() > 1 {
        return None;
    }
    Some(
        case.actors
            .iter()
            .map(|&a| {
                owners.first().is_some_and(|&g| {
                    let actor = &doc.actors[a];
                    std::iter::once(&actor.name)
                        .chain(&actor.aliases)
                        .any(|f| gold[g].contains(&normal(f)))
                })
            })
            .collect(),
    )
}

/// The examples of one article.
fn article(text: String, gold: &[Vec<String>], fold: usize) -> Vec<Example> {
    let mut doc: Doc = brief::pipeline::run_until(text, brief::pipeline::Stage::Syntax);
    brief::training::link_names(&mut doc);
    let mut out = Vec::new();
    for case in nominals::cases(&doc) {
        let Some(mut right) = gold_right(&doc, &case, gold) else {
            continue;
        };
        let nobody = !right.contains(&true);
        right.push(nobody);
        let s = doc.sentence_of()[case.tokens.start];
        let context = doc.sentences[s]
            .tokens
            .clone()
            .map(|t| match t {
                t if t == case.tokens.start => format!("[[{}", doc.token_text(t)),
                t if t + 1 == case.tokens.end => format!("{}]]", doc.token_text(t)),
                t => doc.token_text(t).to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let names = case
            .actors
            .iter()
            .map(|&a| doc.actors[a].name.clone())
            .collect();
        out.push(Example {
            case,
            right,
            context,
            names,
            fold,
        });
    }
    out
}

/// The examples of the gold briefs in `gold_dir` over the texts in
/// `texts`; the `k`-th article (in file-name order) is in fold `k % FOLDS`.
fn load(gold_dir: &Path, texts: &Path) -> Vec<Example> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", gold_dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for (k, path) in files.iter().enumerate() {
        let brief: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("a gold brief"))
                .expect("a JSON brief");
        let name = path.file_stem().expect("a name").to_string_lossy();
        let text = std::fs::read_to_string(texts.join(format!("{name}.txt")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        out.extend(article(text, &gold_forms(&brief), k % FOLDS));
    }
    out
}

/// Right links, wrong links and descriptions left alone at `margin`.
fn tally(set: &[(Option<(usize, i32)>, &Example)], margin: i32) -> (usize, usize, usize) {
    let (mut right, mut wrong, mut alone) = (0, 0, 0);
    for (best, e) in set {
        match best {
            Some((k, by)) if *by > margin => {
                if e.right[*k] {
                    right += 1
                } else {
                    wrong += 1
                }
            }
            _ => alone += 1,
        }
    }
    (right, wrong, alone)
}

/// The best option of each example. The gender guard needs the document,
/// which examples do not keep, so it is left out here: it only removes
/// candidates, of a description that gives a gender, of the other one.
fn choices<'e>(model: &Resolver, set: &'e [Example]) -> Vec<(Option<(usize, i32)>, &'e Example)> {
    set.iter()
        .map(|e| {
            let scores = model.option_scores(&e.case.options);
            let (&nobody, candidates) = scores.split_last().expect("a nobody option");
            let best = candidates
                .iter()
                .enumerate()
                .max_by_key(|&(k, &s)| (s, std::cmp::Reverse(k)))
                .map(|(k, &s)| (k, s - nobody));
            (best, e)
        })
        .collect()
}

/// The margin that maximises right − penalty × wrong links on `set`.
fn calibrate(set: &[(Option<(usize, i32)>, &Example)], penalty: i64) -> i32 {
    let mut margins: Vec<i32> = set.iter().filter_map(|(b, _)| b.map(|x| x.1)).collect();
    margins.push(0);
    margins.sort_unstable();
    margins.dedup();
    let gain = |m: i32| {
        let (r, w, _) = tally(set, m);
        r as i64 - penalty * w as i64
    };
    margins
        .iter()
        .copied()
        .max_by_key(|&m| (gain(m), -(m as i64)))
        .unwrap_or(0)
}

fn report(chosen: &[(Option<(usize, i32)>, &Example)], margin: i32, label: &str) {
    let (r, w, a) = tally(chosen, margin);
    let gold_links = chosen
        .iter()
        .filter(|(_, e)| !e.right[e.right.len() - 1])
        .count();
    eprintln!(
        "{label}: margin {margin}: {r} right, {w} wrong, {a} alone of {} descriptions; \
         precision {:.3}, recall {:.3} of {gold_links} gold links",
        chosen.len(),
        r as f64 / (r + w).max(1) as f64,
        r as f64 / gold_links.max(1) as f64
    );
}

fn errors(chosen: &[(Option<(usize, i32)>, &Example)], margin: i32) {
    for &(best, e) in chosen {
        let right_names: Vec<&str> = (0..e.names.len())
            .filter(|&j| e.right[j])
            .map(|j| e.names[j].as_str())
            .collect();
        match best {
            Some((k, by)) if by > margin && !e.right[k] => println!(
                "WRONG {}\n    chose {} (by {by}); gold {:?}",
                e.context, e.names[k], right_names
            ),
            Some((_, by)) if by <= margin && !right_names.is_empty() => println!(
                "MISSED {}\n    (by {by}); gold {:?}",
                e.context, right_names
            ),
            _ => {}
        }
    }
}

/// A model trained on `examples` (those of `fold` left out, if given).
fn trained(
    examples: &[Example],
    leave_out: Option<usize>,
    log2: u32,
    schedule: &Schedule,
) -> CorefTrainer {
    let mut set: Vec<&Example> = examples
        .iter()
        .filter(|e| Some(e.fold) != leave_out)
        .collect();
    let mut trainer = CorefTrainer::new(log2);
    train::train(
        &mut trainer,
        &mut set,
        schedule,
        |t, e| t.learn_options(&e.case.options, &e.right),
        |_, _| {},
    );
    trainer
}

fn main() {
    let mut shared = PathBuf::from("../shared");
    let (mut epochs, mut log2, mut penalty, mut show_errors) = (8usize, 16u32, 2i64, false);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--shared" => shared = it.next().expect("--shared DIR").into(),
            "--epochs" => epochs = it.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--log2" => log2 = it.next().and_then(|v| v.parse().ok()).expect("--log2 N"),
            "--penalty" => penalty = it.next().and_then(|v| v.parse().ok()).expect("--penalty N"),
            "--errors" => show_errors = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let polnear = shared.join("data/polnear");
    let examples = load(&polnear.join("train-gold"), &polnear.join("train"));
    let dev = load(&shared.join("eval/dev-gold"), &polnear.join("dev"));
    eprintln!(
        "{} training, {} dev descriptions",
        examples.len(),
        dev.len()
    );

    let schedule = Schedule {
        epochs,
        order: Order::Shuffle { seed: 0x5eed },
    };
    let calibration = format!("train-gold-{FOLDS}-fold-max-right-minus-{penalty}x-wrong");
    let provenance = Provenance {
        schedule,
        settings: vec![
            ("examples".into(), "polnear-train-gold-brief-aliases".into()),
            ("calibration".into(), calibration),
        ],
        lexicons: coref::nominal_lexicons(),
    };
    let bytes_of = |t: &CorefTrainer, margin: i32| {
        t.model_bytes_of(Kind::Nominals, nominals::TEMPLATES, &provenance, margin)
    };
    // Each fold scored by a model trained on the others: the margin is
    // calibrated on all 120 articles without scoring a model on its own
    // training data.
    let mut out_of_fold = Vec::new();
    for fold in 0..FOLDS {
        let bytes = bytes_of(&trained(&examples, Some(fold), log2, &schedule), 0);
        let model = Resolver::of_kind(&bytes, Kind::Nominals).expect("a fresh model reads back");
        out_of_fold.extend(
            choices(&model, &examples)
                .into_iter()
                .filter(|(_, e)| e.fold == fold),
        );
    }
    let margin = calibrate(&out_of_fold, penalty);
    report(&out_of_fold, margin, "train gold, out of fold, calibrated");
    let trainer = trained(&examples, None, log2, &schedule);
    let bytes = bytes_of(&trainer, margin);
    let model = Resolver::of_kind(&bytes, Kind::Nominals).expect("a fresh model reads back");
    let on_dev = choices(&model, &dev);
    report(&on_dev, margin, "dev gold");
    if show_errors {
        errors(&on_dev, margin);
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/nominals.bin");
    std::fs::write(&out, bytes).expect("write models/nominals.bin");
    eprintln!("wrote {}", out.display());
}
