//! Trains the pronoun resolver (`brief::training::coref`) on CoreNLP's
//! silver coreference chains of PolNeAR train, calibrates its margin on
//! PolNeAR dev, and writes `models/coref.bin`.
//!
//!     cargo run --release --example train-coref -- [--shared ../shared]
//!         [--epochs 6] [--log2 16] [--penalty 2] [--stats] [--errors] [--dump FILE]
//!
//! Each resolvable pronoun outside a brief mention is one example. Its
//! right options: the candidate actors with a name or nominal mention whose
//! text holds the head of a mention of the pronoun's silver chain, else
//! "nobody". Silver is noisy, so only pronouns whose chain holds a name
//! (a mention headed by a capitalised word) are examples, and not when the
//! chain mixes "he" and "she" (CoreNLP often leaves a pronoun out, or
//! chains a person's pronouns and "the candidate" apart from the name:
//! "nobody" would be wrong there).
//!
//! The margin is the one that maximises, on dev, right links minus
//! `--penalty` times wrong links (a wrong link costs more than a missing
//! one); it is written into the file's header. `--stats` prints how far
//! back (in paragraphs) the nearest right candidate stands; `--dump FILE`
//! writes the judged dev pronouns with their right antecedents' names, to
//! score another resolver on them; `--errors` prints the wrong links at
//! margin 0 (all of the model's choices, not only the calibrated ones).
//! Deterministic:
//! the same data and flags give the same bytes.

use brief::doc::{Doc, Gender};
use brief::learn::model::Provenance;
use brief::learn::train::{self, Order, Schedule};
use brief::training::coref::{self, features, CorefTrainer, Resolver};
use std::collections::HashMap;

#[path = "common/silver.rs"]
mod silver;
use silver::{anchored, right_options, silver_chains, SilverMention};
use std::path::{Path, PathBuf};

struct Example {
    case: features::Case,
    right: Vec<bool>,
    /// Paragraphs back to the nearest right candidate's latest mention.
    reach: Option<usize>,
    /// For `--errors`: the pronoun's sentence, marked, and the candidates'
    /// names.
    context: String,
    names: Vec<String>,
    /// For `--dump`: the article and the pronoun's character offset.
    article: String,
    at: usize,
}

/// Whether a chain's pronouns disagree in gender (CoreNLP merged a man and
/// a woman): too noisy to learn from.
fn mixed_gender(text: &[char], chain: &[SilverMention]) -> bool {
    let mut seen = [false; 2];
    for m in chain {
        let w: String = text[m.start..m.end]
            .iter()
            .collect::<String>()
            .to_lowercase();
        match features::pronoun_gender(&w) {
            Some(Gender::Male) => seen[0] = true,
            Some(Gender::Female) => seen[1] = true,
            _ => {}
        }
    }
    seen[0] && seen[1]
}

/// The examples of one article.
fn article(text: String, chains: &[Vec<SilverMention>]) -> Vec<Example> {
    let chars: Vec<char> = text.chars().collect();
    let mut doc: Doc = brief::pipeline::run_until(text, brief::pipeline::Stage::Syntax);
    brief::training::link_names(&mut doc);
    coref::resolve_nominals(&mut doc);
    // The chain of each pronoun, by its character start.
    let mut chain_at: HashMap<usize, usize> = HashMap::new();
    for (c, chain) in chains.iter().enumerate() {
        for m in chain {
            if m.end - m.start == m.head.1 - m.head.0 {
                chain_at.insert(m.start, c);
            }
        }
    }
    let paragraph = |t: usize| doc.sentences[doc.sentence_of()[t]].paragraph;
    let mut out = Vec::new();
    for case in features::cases(&doc) {
        let at = doc.tokens[case.pronoun].char_start as usize;
        // Unjudged: a pronoun CoreNLP chained to nothing, or to no name
        // (its chains often split a person's pronouns and nominals from the
        // name), or to a man and a woman at once.
        let Some(chain) = chain_at.get(&at).map(|&c| &chains[c]) else {
            continue;
        };
        if !anchored(&chars, chain) || mixed_gender(&chars, chain) {
            continue;
        }
        let chain = Some(chain);
        let mut right = right_options(&doc, &case.actors, case.pronoun, chain);
        let reach = right.iter().position(|&r| r).map(|k| {
            let last = doc.actors[case.actors[k]]
                .mentions
                .iter()
                .rev()
                .map(|&n| &doc.mentions[n])
                .find(|m| m.tokens.end <= case.pronoun)
                .expect("a candidate has a mention before the pronoun");
            paragraph(case.pronoun) - paragraph(last.tokens.start)
        });
        let nobody = !right.contains(&true);
        right.push(nobody);
        let s = doc.sentence_of()[case.pronoun];
        let context = doc.sentences[s]
            .tokens
            .clone()
            .map(|t| {
                if t == case.pronoun {
                    format!("[[{}]]", doc.token_text(t))
                } else {
                    doc.token_text(t).to_string()
                }
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
            reach,
            context,
            names,
            article: String::new(),
            at,
        });
    }
    out
}

fn load(shared: &Path, split: &str) -> Vec<Example> {
    let chains = silver_chains(&shared.join(format!("data/polnear/silver/{split}.coref.jsonl")));
    let mut names: Vec<&String> = chains.keys().collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let path = shared.join(format!("data/polnear/{split}/{name}.txt"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        out.extend(article(text, &chains[name]).into_iter().map(|mut e| {
            e.article = name.clone();
            e
        }));
    }
    out
}

/// Right links, wrong links and pronouns left alone on `set` at `margin`.
fn tally(set: &[(Option<(usize, i32)>, &Example)], margin: i32) -> (usize, usize, usize) {
    let (mut right, mut wrong, mut alone) = (0, 0, 0);
    for (best, e) in set {
        match best {
            Some((k, by)) if *by > margin && !e.case.ambiguous(*k) => {
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

/// Of the links whose winner's gender is unknown while another candidate
/// agrees too: right and wrong (for the record of the ambiguity guard).
fn ambiguous(model: &Resolver, dev: &[Example], margin: i32) {
    let (mut right, mut wrong) = (0, 0);
    for e in dev {
        if let Some((k, by)) = model.best(&e.case) {
            if by > margin && e.case.ambiguous(k) {
                // Counted as the model's own choice, before the guard.
                if e.right[k] {
                    right += 1
                } else {
                    wrong += 1
                }
            }
        }
    }
    eprintln!("  winner of unknown gender beside another agreeing candidate: {right} right, {wrong} wrong");
}

/// The margin that maximises right − penalty × wrong links on `dev`.
fn calibrate(model: &Resolver, dev: &[Example], penalty: i64) -> i32 {
    let set: Vec<_> = dev.iter().map(|e| (model.best(&e.case), e)).collect();
    let mut margins: Vec<i32> = set.iter().filter_map(|(b, _)| b.map(|x| x.1)).collect();
    margins.push(i32::MIN);
    margins.sort_unstable();
    margins.dedup();
    let gain = |m: i32| {
        let (r, w, _) = tally(&set, m);
        r as i64 - penalty * w as i64
    };
    let best = margins
        .iter()
        .copied()
        .max_by_key(|&m| (gain(m), -(m as i64)));
    best.unwrap_or(0).max(i32::MIN + 1)
}

fn report(model: &Resolver, dev: &[Example], margin: i32, label: &str) {
    report_refs(model, &dev.iter().collect::<Vec<_>>(), margin, label)
}

fn report_refs(model: &Resolver, dev: &[&Example], margin: i32, label: &str) {
    let set: Vec<_> = dev.iter().map(|e| (model.best(&e.case), *e)).collect();
    let (r, w, a) = tally(&set, margin);
    let gold_links = dev.iter().filter(|e| !e.right[e.right.len() - 1]).count();
    eprintln!(
        "{label}: margin {margin}: {r} right, {w} wrong, {a} alone of {} pronouns; \
         precision {:.3}, recall {:.3} of {gold_links} silver links",
        dev.len(),
        r as f64 / (r + w).max(1) as f64,
        r as f64 / gold_links.max(1) as f64
    );
}

fn errors(model: &Resolver, dev: &[Example], margin: i32) {
    for e in dev {
        let Some((k, by)) = model.best(&e.case) else {
            continue;
        };
        if by <= margin || e.right[k] {
            continue;
        }
        let gold: Vec<&str> = (0..e.names.len())
            .filter(|&j| e.right[j])
            .map(|j| e.names[j].as_str())
            .collect();
        println!(
            "{}\n    chose {} (by {by}); silver {:?}; candidates {:?}",
            e.context, e.names[k], gold, e.names
        );
    }
}

/// The judged dev pronouns, one per line: article, character offset, and
/// the names of the right candidates (none: "nobody" is right), for
/// scoring another resolver's output on the same pronouns.
fn write_dump(path: &Path, dev: &[Example]) {
    let mut out = String::new();
    for e in dev {
        let right: Vec<&str> = (0..e.names.len())
            .filter(|&k| e.right[k])
            .map(|k| e.names[k].as_str())
            .collect();
        out.push_str(&format!("{}\t{}\t{}\n", e.article, e.at, right.join("|")));
    }
    std::fs::write(path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn stats(examples: &[Example]) {
    let mut by_reach = [0usize; features::REACH_PARAGRAPHS + 1];
    for e in examples {
        if let Some(r) = e.reach {
            by_reach[r] += 1;
        }
    }
    let linked: usize = by_reach.iter().sum();
    let silver = examples
        .iter()
        .filter(|e| !e.right[e.right.len() - 1])
        .count();
    eprintln!(
        "pronouns {}, with a right candidate {silver}",
        examples.len()
    );
    for (p, n) in by_reach.iter().enumerate() {
        eprintln!(
            "  nearest right candidate {p} paragraphs back: {n} ({:.1} %)",
            100.0 * *n as f64 / linked.max(1) as f64
        );
    }
}

fn main() {
    let mut shared = PathBuf::from("../shared");
    let (mut epochs, mut log2, mut penalty, mut show_stats) = (6usize, 16u32, 2i64, false);
    let mut show_errors = false;
    let mut dump: Option<PathBuf> = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--shared" => shared = it.next().expect("--shared DIR").into(),
            "--epochs" => epochs = it.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--log2" => log2 = it.next().and_then(|v| v.parse().ok()).expect("--log2 N"),
            "--penalty" => penalty = it.next().and_then(|v| v.parse().ok()).expect("--penalty N"),
            "--stats" => show_stats = true,
            "--errors" => show_errors = true,
            "--dump" => dump = Some(it.next().expect("--dump FILE").into()),
            other => panic!("unknown argument {other}"),
        }
    }
    let mut examples = load(&shared, "train");
    let dev = load(&shared, "dev");
    if show_stats {
        stats(&examples);
    }
    let mut trainer = CorefTrainer::new(log2);
    let schedule = Schedule {
        epochs,
        order: Order::Shuffle { seed: 0x5eed },
    };
    let provenance = |margin_note: &str| Provenance {
        schedule,
        settings: vec![
            (
                "examples".into(),
                "polnear-train-silver-corenlp-chains".into(),
            ),
            ("calibration".into(), margin_note.into()),
        ],
        lexicons: coref::lexicons(),
    };
    let calibration = format!("polnear-dev-max-right-minus-{penalty}x-wrong");
    train::train(
        &mut trainer,
        &mut examples,
        &schedule,
        |t, e| t.learn(&e.case, &e.right),
        |t, epoch| {
            let bytes = t.model_bytes(&provenance(&calibration), 0);
            let model = Resolver::from_bytes(&bytes).expect("a fresh model reads back");
            eprint!("epoch {}: {} mistakes; ", epoch.number, epoch.mistakes());
            report(&model, &dev, 0, "dev");
        },
    );
    let bytes = trainer.model_bytes(&provenance(&calibration), 0);
    let model = Resolver::from_bytes(&bytes).expect("a fresh model reads back");
    let margin = calibrate(&model, &dev, penalty);
    report(&model, &dev, margin, "dev, calibrated");
    ambiguous(&model, &dev, margin);
    if show_errors {
        errors(&model, &dev, 0);
    }
    if let Some(path) = dump {
        write_dump(&path, &dev);
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/coref.bin");
    std::fs::write(&out, trainer.model_bytes(&provenance(&calibration), margin))
        .expect("write models/coref.bin");
    eprintln!("wrote {}", out.display());
}
