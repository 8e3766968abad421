//! Measures the speed of the syntax stages on one core: word ids, tagger,
//! parser and labeller, over the sentences of a CoNLL-U file (by default
//! the silver PolNeAR dev treebank, 74,125 tokens).
//!
//!     cargo run --release --example bench-syntax -- [FILE.conllu] [--rounds N]
//!
//! Each stage runs over every sentence `N` times (default 5) and the
//! fastest round counts (the least disturbed by other work on the
//! machine). Prints tokens per second per stage and for the three models
//! together (ids, tags, heads, labels: what `syntax::analyse` does).

use brief::io::conllu;
use brief::syntax::labeller::{Tree, LABELLER};
use brief::syntax::parser::{Sentence, PARSER};
use brief::syntax::tagger::TAGGER;
use brief::syntax::words::{ptb_form, WordIds};
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let mut path = "../shared/data/polnear/silver/dev.conllu".to_string();
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().unwrap_or_default().parse()?,
            _ => path = arg,
        }
    }
    let text = std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let sentences = conllu::parse(&text).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let forms: Vec<&[String]> = sentences.iter().map(|s| s.forms.as_slice()).collect();
    let tokens: usize = forms.iter().map(|f| f.len()).sum();

    // Warm up: the models load on first use (the load is reported apart).
    let load = Instant::now();
    let _ = (&*TAGGER, &*PARSER, &*LABELLER);
    let load = load.elapsed();

    let ids_of = |f: &[String]| -> Vec<WordIds> {
        f.iter().map(|w| WordIds::of(&ptb_form(w, None))).collect()
    };
    let (ids_time, ids) = fastest(rounds, || {
        forms.iter().map(|f| ids_of(f)).collect::<Vec<_>>()
    });
    let (tag_time, tags) = fastest(rounds, || {
        ids.iter().map(|w| TAGGER.tag(w)).collect::<Vec<_>>()
    });
    let (parse_time, heads) = fastest(rounds, || {
        ids.iter()
            .zip(&tags)
            .map(|(words, tags)| PARSER.heads(&Sentence { words, tags }))
            .collect::<Vec<_>>()
    });
    let (label_time, _) = fastest(rounds, || {
        ids.iter()
            .zip(&tags)
            .zip(&heads)
            .map(|((w, t), h)| LABELLER.labels(&Tree::new(w, t, h)))
            .collect::<Vec<_>>()
    });

    println!(
        "{path}: {} sentences, {tokens} tokens, fastest of {rounds} rounds",
        forms.len()
    );
    println!("model load (first use): {:.2} ms", load.as_secs_f64() * 1e3);
    let total = ids_time + tag_time + parse_time + label_time;
    for (stage, time) in [
        ("word ids", ids_time),
        ("tagger", tag_time),
        ("parser", parse_time),
        ("labeller", label_time),
        ("all (ids+tagger+parser+labeller)", total),
    ] {
        println!(
            "{stage:>34}: {:8.1} ms  {:9.0} tokens/s",
            time.as_secs_f64() * 1e3,
            tokens as f64 / time.as_secs_f64()
        );
    }
    Ok(())
}

/// The shortest of `rounds` runs of `work`, and the last run's result.
fn fastest<T>(rounds: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        let out = std::hint::black_box(work());
        best = best.min(start.elapsed());
        result = Some(out);
    }
    (best, result.expect("at least one round"))
}
