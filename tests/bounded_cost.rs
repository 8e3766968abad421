//! Adversarial articles cost time linear in their size: for each kind, an
//! input four times larger takes less than six times as long (a ratio
//! measured within one run, best of five with the sizes taking turns, so
//! that machine noise and one-time model loading do not count).

use std::time::{Duration, Instant};

fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

fn adversarial(kind: &str, bytes: usize) -> String {
    match kind {
        // Thousands of quotation marks of every style, balanced or not.
        "quotes" => repeat_to("“a ” \" ‘b’ «c» „d“ '' `` ", bytes),
        // One paragraph without a full stop.
        "no-punctuation" => repeat_to("word after word and more words said the officials ", bytes),
        // Capitalised words in a row: one endless name for the tagger.
        "capitals" => repeat_to("Alpha Beta Gamma Delta Said Putin Trump ", bytes),
        // Quotation marks nested ever deeper.
        "nested" => {
            let depth = bytes / 18;
            format!("{}x{}", "“‘«".repeat(depth), "»’”".repeat(depth))
        }
        _ => unreachable!(),
    }
}

fn analysis_time(text: &str) -> Duration {
    let start = Instant::now();
    let brief = brief::analyze(text.to_string(), "-", text.len() as u64, Default::default());
    std::hint::black_box(&brief);
    start.elapsed()
}

/// The best of five runs of each input, the two sizes taking turns, so
/// that a noisy spell on the machine slows both rather than one.
fn best_times(small: &str, large: &str) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        best.0 = best.0.min(analysis_time(small));
        best.1 = best.1.min(analysis_time(large));
    }
    best
}

#[test]
fn four_times_the_input_costs_less_than_six_times_the_time() {
    // Load the models first.
    analysis_time("Warm-up article, said the officials.");
    for kind in ["quotes", "no-punctuation", "capitals", "nested"] {
        let small = adversarial(kind, 24 * 1024);
        let large = adversarial(kind, 4 * 24 * 1024);
        let (t1, t4) = best_times(&small, &large);
        let ratio = t4.as_secs_f64() / t1.as_secs_f64();
        eprintln!("{kind}: {t1:?} -> {t4:?}, ratio {ratio:.2}");
        assert!(
            ratio < 6.0,
            "{kind}: 4x input took {ratio:.2}x the time ({t1:?} -> {t4:?})"
        );
    }
}
