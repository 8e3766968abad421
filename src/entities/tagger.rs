//! The named-entity tagger: an averaged structured perceptron over BIO
//! labels (PER, ORG, LOC, MISC) with first-order Viterbi decoding.
//!
//! Why this design: it is fast (a few dozen hashed feature look-ups per
//! token), small (feature hashing with i8-quantised weights: no feature
//! dictionary to ship or parse), and trains in seconds from CoNLL-2003 with
//! `cargo run --release --example train-ner` (see the README). The model
//! file is embedded in the binary and read in place, so loading it costs
//! nothing.
//!
//! Assumptions: input is tokenised the Penn Treebank way (CoNLL-2003 and
//! our tokenizer agree); typographic quotes and dashes are folded to the
//! ASCII forms the training data uses before features are computed.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

/// The labels, in the order of the model's weight rows. IOB2.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const N_LABELS: usize = LABELS.len();
pub const OUTSIDE: u8 = 0;

/// Entity type of a B-/I- label (1 = PER ... 4 = MISC); 0 for O.
pub fn label_type(label: u8) -> u8 {
    label.div_ceil(2)
}

pub fn is_begin(label: u8) -> bool {
    label % 2 == 1
}

/// Parses an IOB1 or IOB2 tag given the previous label (IOB1's `I-X` after
/// `O` or another type starts an entity, so it becomes `B-X`).
pub fn parse_tag(tag: &str, prev: u8) -> u8 {
    let (prefix, kind) = match tag.split_once('-') {
        Some(pair) => pair,
        None => return OUTSIDE,
    };
    let t = match kind {
        "PER" => 1,
        "ORG" => 2,
        "LOC" => 3,
        "MISC" => 4,
        _ => return OUTSIDE,
    };
    let begin = prefix == "B" || label_type(prev) != t;
    if begin {
        2 * t - 1
    } else {
        2 * t
    }
}

/// Whether label `cur` may follow `prev` (`None` = sentence start) in IOB2.
fn allowed(prev: Option<u8>, cur: u8) -> bool {
    if cur == OUTSIDE || is_begin(cur) {
        return true;
    }
    matches!(prev, Some(p) if p != OUTSIDE && label_type(p) == label_type(cur))
}

// ---------------------------------------------------------------------------
// Features

/// A fast 64-bit hash of a feature: template number and up to two strings.
#[inline]
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    let mut v = rest.len() as u64;
    for (k, &b) in rest.iter().enumerate() {
        v |= (b as u64) << (8 * (k + 1));
    }
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

#[inline]
fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

pub(crate) fn feat(template: u8, a: &str) -> u64 {
    finish(mix(template as u64 + 1, a.as_bytes()))
}

pub(crate) fn feat2(template: u8, a: &str, b: &str) -> u64 {
    finish(mix(mix(template as u64 + 1, a.as_bytes()), b.as_bytes()))
}

/// Folds typographic marks to the ASCII forms of the training data.
pub fn normalize(token: &str) -> Cow<'_, str> {
    if token.is_ascii() {
        return token.into();
    }
    match token {
        "“" | "”" | "„" | "«" | "»" | "''" | "``" => "\"".into(),
        "‘" | "’" => "'".into(),
        "—" | "–" | "―" => "-".into(),
        _ => token.replace(['’', '‘'], "'").into(),
    }
}

/// `Xxxx` -> `Xx`, `U.S.` -> `X.X.`, `1996-08-22` -> `d-d-d`: each run of a
/// character class once.
fn short_shape(w: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let s = char_class(c);
        if s != last {
            out.push(s);
            last = s;
        }
    }
    out
}

/// Like `short_shape` but keeping runs up to length 3, so `USA` and `US`
/// differ from `UNITED`.
fn long_shape(w: &str) -> String {
    let mut out = String::with_capacity(12);
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars().take(16) {
        let s = char_class(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 3 {
            out.push(s);
        }
    }
    out
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// `GENEVA` -> `Geneva`.
pub fn title_case(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(f) => f
            .to_uppercase()
            .chain(cs.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Word lists the features consult.
pub trait Lexicon {
    /// A common first name (title-case form).
    fn is_first_name(&self, w: &str) -> bool;
    /// A country, capital or demonym (title-case form).
    fn is_place_or_people(&self, w: &str) -> bool;
}

/// What the document as a whole says about each word form: whether it is
/// seen in lower case (a common word), and whether it is seen capitalised
/// where capitals are not forced (a name).
pub struct DocContext {
    lower: HashSet<String>,
    capitalised: HashSet<String>,
}

impl DocContext {
    pub fn new<S: AsRef<str>>(sentences: &[Vec<S>]) -> Self {
        let mut lower = HashSet::default();
        let mut capitalised = HashSet::default();
        for s in sentences {
            let caps_sentence = is_caps_sentence(s);
            for (i, w) in s.iter().enumerate() {
                let w = w.as_ref();
                // Look before inserting: most words repeat, and a copy is
                // made only for a new one.
                if w.chars().next().is_some_and(char::is_lowercase) {
                    if !lower.contains(w) {
                        lower.insert(w.to_string());
                    }
                } else if i > 0 && !caps_sentence && starts_upper(w) && !capitalised.contains(w) {
                    capitalised.insert(w.to_string());
                }
            }
        }
        DocContext { lower, capitalised }
    }
}

/// A headline or table row in capitals: case says little there.
fn is_caps_sentence<S: AsRef<str>>(s: &[S]) -> bool {
    let (mut words, mut caps) = (0usize, 0usize);
    for w in s.iter().map(AsRef::as_ref) {
        if w.chars().any(char::is_alphabetic) {
            words += 1;
            caps += usize::from(is_all_caps_word(w));
        }
    }
    words >= 2 && caps * 10 >= words * 8
}

/// Per-token feature hashes of one sentence, flattened.
#[derive(Clone, Debug)]
pub struct SentenceFeatures {
    pub hashes: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn token(&self, t: usize) -> &[u64] {
        &self.hashes[self.offsets[t]..self.offsets[t + 1]]
    }
}

fn feat3(template: u8, a: &str, b: &str, c: &str) -> u64 {
    finish(mix(
        mix(mix(template as u64 + 1, a.as_bytes()), b.as_bytes()),
        c.as_bytes(),
    ))
}

/// The normalised forms of one word that the features read. Tagging
/// computes them once per distinct word of a document; a form equal to the
/// word as written borrows it rather than copying it.
pub struct WordForms<'w> {
    word: Cow<'w, str>,
    lower: Cow<'w, str>,
    shape: String,
    /// Title-case form for the gazetteer and document look-ups.
    titled: Cow<'w, str>,
    first_name: bool,
}

/// Another handle on `form`: borrowed when it is borrowed, else a copy.
fn same_form<'w>(form: &Cow<'w, str>) -> Cow<'w, str> {
    match form {
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(s) => Cow::Owned(s.clone()),
    }
}

impl<'w> WordForms<'w> {
    pub fn new(raw: &'w str, lexicon: &dyn Lexicon) -> Self {
        let word = normalize(raw);
        let lower = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            same_form(&word)
        } else {
            Cow::Owned(
                word.chars()
                    .map(|c| if c.is_ascii_digit() { '0' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect(),
            )
        };
        let shape = short_shape(&word);
        let titled = if is_all_caps_word(&word) {
            Cow::Owned(title_case(&word))
        } else {
            same_form(&word)
        };
        let first_name = starts_upper(&titled) && lexicon.is_first_name(&titled);
        WordForms {
            word,
            lower,
            shape,
            titled,
            first_name,
        }
    }

    /// Features that depend only on the word itself (and the document), so
    /// they are the same wherever the word stands.
    pub fn word_features(&self, doc: &DocContext, lexicon: &dyn Lexicon, f: &mut Vec<u64>) {
        let (w, lw, shape) = (self.word.as_ref(), self.lower.as_ref(), self.shape.as_str());
        f.push(feat(0, ""));
        f.push(feat(1, lw));
        f.push(feat(2, w));
        f.push(feat(3, shape));
        f.push(feat(4, &long_shape(w)));
        // Prefixes and suffixes of 1 to 4 characters.
        let prefix_ends = lw
            .char_indices()
            .map(|(k, _)| k)
            .skip(1)
            .chain([lw.len()])
            .take(4);
        for (k, end) in prefix_ends.enumerate() {
            f.push(feat(6 + k as u8, &lw[..end]));
        }
        for (k, (start, _)) in lw.char_indices().rev().take(4).enumerate() {
            f.push(feat(11 + k as u8, &lw[start..]));
        }
        let tc = self.titled.as_ref();
        if starts_upper(tc) {
            if self.first_name {
                f.push(feat(29, ""));
            }
            if lexicon.is_place_or_people(tc) {
                f.push(feat(30, ""));
            }
            if doc.lower.contains(lw) {
                f.push(feat(31, shape));
            }
        }
    }
}

/// A sentence as the features see it: the forms of its words in order.
pub struct SentenceView<'a> {
    forms: Vec<&'a WordForms<'a>>,
    caps_sentence: bool,
}

impl<'a> SentenceView<'a> {
    pub fn new(forms: Vec<&'a WordForms<'a>>) -> Self {
        let words: Vec<&str> = forms.iter().map(|f| f.word.as_ref()).collect();
        let caps_sentence = is_caps_sentence(&words);
        SentenceView {
            forms,
            caps_sentence,
        }
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    fn lower_at(&self, i: isize) -> &str {
        self.at(i)
            .map_or(if i < 0 { "<s>" } else { "</s>" }, |f| f.lower.as_ref())
    }

    fn shape_at(&self, i: isize) -> &str {
        self.at(i)
            .map_or(if i < 0 { "<s>" } else { "</s>" }, |f| f.shape.as_str())
    }

    fn at(&self, i: isize) -> Option<&WordForms<'a>> {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.forms.get(i))
            .copied()
    }

    /// Features of token `i` that depend on its neighbours and position.
    pub fn context_features(&self, i: usize, doc: &DocContext, f: &mut Vec<u64>) {
        let me = self.forms[i];
        let (lw, shape) = (me.lower.as_ref(), me.shape.as_str());
        let ii = i as isize;
        let (p1, n1) = (self.lower_at(ii - 1), self.lower_at(ii + 1));
        let (sp1, sn1) = (self.shape_at(ii - 1), self.shape_at(ii + 1));
        f.push(feat(15, p1));
        f.push(feat(16, n1));
        f.push(feat(17, self.lower_at(ii - 2)));
        f.push(feat(18, self.lower_at(ii + 2)));
        f.push(feat(19, sp1));
        f.push(feat(20, sn1));
        f.push(feat2(21, p1, lw));
        f.push(feat2(22, lw, n1));
        f.push(feat3(23, sp1, shape, sn1));
        f.push(feat2(24, shape, p1));
        f.push(feat2(25, shape, n1));
        if i == 0 {
            f.push(feat(26, shape));
        }
        if self.caps_sentence {
            f.push(feat(27, lw));
            f.push(feat(28, shape));
        }
        let tc = me.titled.as_ref();
        if starts_upper(tc) && doc.capitalised.contains(tc) {
            let forced = if self.caps_sentence || i == 0 {
                "forced"
            } else {
                "free"
            };
            f.push(feat2(32, shape, forced));
        }
        if i > 0 && self.forms[i - 1].first_name {
            f.push(feat(33, shape));
        }
    }
}

/// Computes all the features of every token of `sentence` (for training;
/// tagging caches the word-level part per document).
pub fn sentence_features<S: AsRef<str>>(
    sentence: &[S],
    doc: &DocContext,
    lexicon: &dyn Lexicon,
) -> SentenceFeatures {
    let forms: Vec<WordForms> = sentence
        .iter()
        .map(|w| WordForms::new(w.as_ref(), lexicon))
        .collect();
    let view = SentenceView::new(forms.iter().collect());
    let mut hashes = Vec::with_capacity(view.len() * 40);
    let mut offsets = Vec::with_capacity(view.len() + 1);
    offsets.push(0);
    for (i, form) in forms.iter().enumerate() {
        form.word_features(doc, lexicon, &mut hashes);
        view.context_features(i, doc, &mut hashes);
        offsets.push(hashes.len());
    }
    SentenceFeatures { hashes, offsets }
}

/// The form under which `aggregate_features` counts a word: capitalised
/// words only, shouted ones folded to title case.
fn aggregate_key(w: &str) -> Option<std::borrow::Cow<'_, str>> {
    let w = normalize(w);
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some(if is_all_caps_word(&w) && w.chars().count() > 3 {
        title_case(&w).into()
    } else {
        w
    })
}

/// Document-level evidence from a first tagging pass, for the second pass:
/// for each token of a capitalised word, which labels the first pass gave
/// the same word elsewhere in the document, and the types of the entities
/// it was part of there. A name the article makes clear once ("Magna
/// International Inc") is then recognised where it stands alone ("Magna").
pub fn aggregate_features<S: AsRef<str>>(
    sentences: &[Vec<S>],
    first_pass: &[Vec<u8>],
) -> Vec<Vec<Vec<u64>>> {
    use rustc_hash::FxHashMap as HashMap;
    use std::borrow::Cow;
    // How often the first pass gave each label type to each word; a token
    // then sees the counts of the word's other occurrences (its own taken
    // out), in time linear in the document.
    let mut ids: HashMap<Cow<str>, usize> = HashMap::default();
    let mut counts: Vec<[usize; 5]> = Vec::new();
    let token_ids: Vec<Vec<Option<usize>>> = sentences
        .iter()
        .enumerate()
        .map(|(s, sentence)| {
            sentence
                .iter()
                .enumerate()
                .map(|(t, w)| {
                    let k = aggregate_key(w.as_ref())?;
                    let next = counts.len();
                    let id = *ids.entry(k).or_insert(next);
                    if id == next {
                        counts.push([0; 5]);
                    }
                    counts[id][label_type(first_pass[s][t]) as usize] += 1;
                    Some(id)
                })
                .collect()
        })
        .collect();
    token_ids
        .iter()
        .enumerate()
        .map(|(s, sentence)| {
            sentence
                .iter()
                .enumerate()
                .map(|(t, id)| {
                    let mut out = Vec::new();
                    let Some(id) = *id else {
                        return out;
                    };
                    let mut counts = counts[id];
                    counts[label_type(first_pass[s][t]) as usize] -= 1;
                    const NAMES: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];
                    let total: usize = counts.iter().sum();
                    if total == 0 {
                        out.push(feat(40, "alone"));
                        return out;
                    }
                    for (kind, &c) in counts.iter().enumerate() {
                        if c > 0 {
                            out.push(feat(41, NAMES[kind]));
                        }
                    }
                    let best = (0..5)
                        .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
                        .unwrap_or(0);
                    out.push(feat2(
                        42,
                        NAMES[best],
                        if t == 0 { "first" } else { "inner" },
                    ));
                    out
                })
                .collect()
        })
        .collect()
}

impl SentenceFeatures {
    /// The same features with `extra[t]` appended to token `t`'s.
    pub fn with_extra(&self, extra: &[Vec<u64>]) -> SentenceFeatures {
        let mut hashes =
            Vec::with_capacity(self.hashes.len() + extra.iter().map(Vec::len).sum::<usize>());
        let mut offsets = Vec::with_capacity(self.offsets.len());
        offsets.push(0);
        for (t, e) in extra.iter().enumerate().take(self.len()) {
            hashes.extend_from_slice(self.token(t));
            hashes.extend_from_slice(e);
            offsets.push(hashes.len());
        }
        SentenceFeatures { hashes, offsets }
    }
}

// ---------------------------------------------------------------------------
// Decoding

/// Anything that scores features for every label.
pub trait Scorer {
    /// Adds the scores of all `features` of one token to `scores`.
    fn emissions(&self, features: &[u64], scores: &mut [f32; N_LABELS]);
    /// Transition score; `prev` is `None` at the sentence start.
    fn transition(&self, prev: Option<u8>, cur: u8) -> f32;
}

/// The best label sequence under `model` (first-order Viterbi, IOB2-valid).
pub fn viterbi<M: Scorer + ?Sized>(model: &M, features: &SentenceFeatures) -> Vec<u8> {
    let mut emissions = vec![[0f32; N_LABELS]; features.len()];
    for (t, e) in emissions.iter_mut().enumerate() {
        model.emissions(features.token(t), e);
    }
    decode(model, &emissions)
}

/// The best label sequence given each token's label scores (the model
/// supplies only the transitions).
pub fn decode<M: Scorer + ?Sized>(model: &M, emissions: &[[f32; N_LABELS]]) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    // Copied once, with forbidden IOB2 moves as -inf, so that the inner
    // loop is a plain max over a small local table.
    let mut transitions = [[f32::NEG_INFINITY; N_LABELS]; N_LABELS];
    let mut start = [f32::NEG_INFINITY; N_LABELS];
    for l in 0..N_LABELS as u8 {
        if allowed(None, l) {
            start[l as usize] = model.transition(None, l);
        }
        for p in 0..N_LABELS as u8 {
            if allowed(Some(p), l) {
                transitions[p as usize][l as usize] = model.transition(Some(p), l);
            }
        }
    }
    let mut score = vec![[f32::NEG_INFINITY; N_LABELS]; n];
    let mut back = vec![[0u8; N_LABELS]; n];
    for l in 0..N_LABELS {
        score[0][l] = emissions[0][l] + start[l];
    }
    for t in 1..n {
        let prev = score[t - 1];
        for l in 0..N_LABELS {
            let (best, arg) = if l != OUTSIDE as usize && !is_begin(l as u8) {
                // An inside label follows only the begin or inside label
                // of its own type; every other move is -inf, so two
                // candidates decide it (ties go to the earlier label, as
                // in the full scan).
                let from_begin = prev[l - 1] + transitions[l - 1][l];
                let from_inside = prev[l] + transitions[l][l];
                if from_inside > from_begin {
                    (from_inside, l as u8)
                } else {
                    (from_begin, l as u8 - 1)
                }
            } else {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for (p, row) in transitions.iter().enumerate() {
                    let s = prev[p] + row[l];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                (best, arg)
            };
            score[t][l] = best + emissions[t][l];
            back[t][l] = arg;
        }
    }
    let mut labels = vec![0u8; n];
    let mut best = 0u8;
    for l in 0..N_LABELS as u8 {
        if score[n - 1][l as usize] > score[n - 1][best as usize] {
            best = l;
        }
    }
    labels[n - 1] = best;
    for t in (1..n).rev() {
        labels[t - 1] = back[t][labels[t] as usize];
    }
    labels
}

// ---------------------------------------------------------------------------
// The shipped model

const MAGIC: &[u8; 8] = b"BRIEFNE2";

/// A trained model read in place from the bytes of a model file: a header
/// (magic, log2 of the bucket count, number of passes, each pass's
/// transitions), then for each hash bucket one i8 row of `N_LABELS` weights
/// per pass, side by side, so that the passes of one feature share a cache
/// line. `Model` is one pass of that file.
pub struct Model<'a> {
    mask: u64,
    /// `transitions[p][c]`; row `N_LABELS` is the sentence start.
    transitions: [[f32; N_LABELS]; N_LABELS + 1],
    weights: &'a [u8],
    stride: usize,
    offset: usize,
}

fn read_f32(bytes: &[u8], at: usize) -> f32 {
    f32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default())
}

impl<'a> Model<'a> {
    /// Pass `pass` of the model file `bytes`.
    pub fn from_bytes(bytes: &'a [u8], pass: usize) -> Result<Self, String> {
        let transition_bytes = 4 * N_LABELS * (N_LABELS + 1);
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err("not a brief entity model".into());
        }
        let log2 = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
        let passes = u32::from_le_bytes(bytes[12..16].try_into().unwrap_or_default()) as usize;
        let buckets = 1usize.checked_shl(log2).ok_or("bad bucket count")?;
        let header = 16 + passes * transition_bytes;
        if pass >= passes || bytes.len() != header + buckets * passes * N_LABELS {
            return Err(format!(
                "model file of {} bytes does not hold pass {pass}",
                bytes.len()
            ));
        }
        let mut transitions = [[0f32; N_LABELS]; N_LABELS + 1];
        let mut at = 16 + pass * transition_bytes;
        for row in transitions.iter_mut() {
            for v in row.iter_mut() {
                *v = read_f32(bytes, at);
                at += 4;
            }
        }
        Ok(Model {
            mask: buckets as u64 - 1,
            transitions,
            weights: &bytes[header..],
            stride: passes * N_LABELS,
            offset: pass * N_LABELS,
        })
    }

    /// Scores `features` under this pass and `next` (the following pass of
    /// the same file) at once: each feature's two rows are adjacent.
    #[inline]
    pub fn emissions_with(
        &self,
        next: &Model,
        features: &[u64],
        mine: &mut [f32; N_LABELS],
        theirs: &mut [f32; N_LABELS],
    ) {
        debug_assert!(next.offset == self.offset + N_LABELS && next.stride == self.stride);
        let mut a = [0i32; N_LABELS];
        let mut b = [0i32; N_LABELS];
        for &feature in features {
            let at = (feature & self.mask) as usize * self.stride + self.offset;
            let row = &self.weights[at..at + 2 * N_LABELS];
            for l in 0..N_LABELS {
                a[l] += (row[l] as i8) as i32;
                b[l] += (row[N_LABELS + l] as i8) as i32;
            }
        }
        for l in 0..N_LABELS {
            mine[l] += a[l] as f32;
            theirs[l] += b[l] as f32;
        }
    }
}

impl Scorer for Model<'_> {
    #[inline]
    fn emissions(&self, features: &[u64], scores: &mut [f32; N_LABELS]) {
        let mut sums = [0i32; N_LABELS];
        for &feature in features {
            let at = (feature & self.mask) as usize * self.stride + self.offset;
            let row = &self.weights[at..at + N_LABELS];
            for (s, &w) in sums.iter_mut().zip(row) {
                *s += (w as i8) as i32;
            }
        }
        for (s, sum) in scores.iter_mut().zip(sums) {
            *s += sum as f32;
        }
    }

    fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
        self.transitions[prev.map_or(N_LABELS, |p| p as usize)][cur as usize]
    }
}

// ---------------------------------------------------------------------------
// Training

/// Weights being learned, with the running sums that averaging needs.
pub struct Trainer {
    log2: u32,
    mask: u64,
    weights: Vec<f32>,
    totals: Vec<f32>,
    transitions: Vec<f32>,
    transition_totals: Vec<f32>,
    step: f32,
}

impl Scorer for Trainer {
    fn emissions(&self, features: &[u64], scores: &mut [f32; N_LABELS]) {
        for &feature in features {
            let at = (feature & self.mask) as usize * N_LABELS;
            for (s, w) in scores.iter_mut().zip(&self.weights[at..at + N_LABELS]) {
                *s += w;
            }
        }
    }

    fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
        self.transitions[prev.map_or(N_LABELS, |p| p as usize) * N_LABELS + cur as usize]
    }
}

impl Trainer {
    pub fn new(log2: u32) -> Self {
        let size = (1usize << log2) * N_LABELS;
        Trainer {
            log2,
            mask: (1u64 << log2) - 1,
            weights: vec![0.0; size],
            totals: vec![0.0; size],
            transitions: vec![0.0; (N_LABELS + 1) * N_LABELS],
            transition_totals: vec![0.0; (N_LABELS + 1) * N_LABELS],
            step: 1.0,
        }
    }

    fn bump(&mut self, feature: u64, label: u8, by: f32) {
        let at = (feature & self.mask) as usize * N_LABELS + label as usize;
        self.weights[at] += by;
        self.totals[at] += by * self.step;
    }

    fn bump_transition(&mut self, prev: Option<u8>, cur: u8, by: f32) {
        let at = prev.map_or(N_LABELS, |p| p as usize) * N_LABELS + cur as usize;
        self.transitions[at] += by;
        self.transition_totals[at] += by * self.step;
    }

    /// One perceptron step on a sentence; returns whether it was right.
    pub fn learn(&mut self, features: &SentenceFeatures, gold: &[u8]) -> bool {
        let predicted = viterbi(self, features);
        let right = predicted == gold;
        if !right {
            for t in 0..gold.len() {
                let (g, p) = (gold[t], predicted[t]);
                if g != p {
                    for &h in features.token(t) {
                        self.bump(h, g, 1.0);
                        self.bump(h, p, -1.0);
                    }
                }
                let (gp, pp) = if t == 0 {
                    (None, None)
                } else {
                    (Some(gold[t - 1]), Some(predicted[t - 1]))
                };
                if (gp, g) != (pp, p) {
                    self.bump_transition(gp, g, 1.0);
                    self.bump_transition(pp, p, -1.0);
                }
            }
        }
        self.step += 1.0;
        right
    }

    /// The averaged weights quantised to i8, and the transitions in the
    /// same units.
    fn quantised(&self) -> (Vec<i8>, Vec<f32>) {
        let average = |weights: &[f32], totals: &[f32]| -> Vec<f32> {
            weights
                .iter()
                .zip(totals)
                .map(|(w, t)| w - t / self.step)
                .collect()
        };
        let averaged = average(&self.weights, &self.totals);
        let transitions = average(&self.transitions, &self.transition_totals);
        // Scale so that the largest weights use the whole i8 range; the rare
        // larger ones are clipped (they are a handful of bias-like features).
        let mut magnitudes: Vec<f32> = averaged
            .iter()
            .map(|w| w.abs())
            .filter(|w| *w > 0.0)
            .collect();
        magnitudes.sort_by(f32::total_cmp);
        let cap = magnitudes
            .get(
                magnitudes
                    .len()
                    .saturating_sub(1 + magnitudes.len() / 10_000),
            )
            .copied()
            .unwrap_or(1.0)
            .max(1e-6);
        let scale = 127.0 / cap;
        let weights = averaged
            .iter()
            .map(|w| (w * scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        (weights, transitions.iter().map(|t| t * scale).collect())
    }
}

/// The bytes of a model file holding `passes` (all with the same bucket
/// count), in the layout [`Model::from_bytes`] reads.
pub fn model_bytes(passes: &[&Trainer]) -> Vec<u8> {
    let log2 = passes[0].log2;
    assert!(
        passes.iter().all(|p| p.log2 == log2),
        "passes must share the bucket count"
    );
    let parts: Vec<(Vec<i8>, Vec<f32>)> = passes.iter().map(|p| p.quantised()).collect();
    let buckets = 1usize << log2;
    let mut out = Vec::with_capacity(16 + buckets * N_LABELS * passes.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&log2.to_le_bytes());
    out.extend_from_slice(&(passes.len() as u32).to_le_bytes());
    for (_, transitions) in &parts {
        for t in transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
    }
    for b in 0..buckets {
        for (weights, _) in &parts {
            out.extend(
                weights[b * N_LABELS..(b + 1) * N_LABELS]
                    .iter()
                    .map(|&w| w as u8),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_tags_become_iob2_labels() {
        let mut prev = OUTSIDE;
        let mut labels = Vec::new();
        for tag in ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"] {
            prev = parse_tag(tag, prev);
            labels.push(LABELS[prev as usize]);
        }
        assert_eq!(
            labels,
            ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "I-ORG"]
        );
    }

    #[test]
    fn shapes() {
        assert_eq!(short_shape("McDonald"), "XxXx");
        assert_eq!(short_shape("U.S."), "X.X.");
        assert_eq!(long_shape("USA"), "XXX");
        assert_eq!(long_shape("UNITED"), "XXX");
        assert_eq!(short_shape("1996-08-22"), "d-d-d");
    }

    struct NoWords;
    impl Lexicon for NoWords {
        fn is_first_name(&self, _: &str) -> bool {
            false
        }
        fn is_place_or_people(&self, _: &str) -> bool {
            false
        }
    }

    /// Transitions and emissions from a fixed pseudo-random sequence.
    struct Noise([[f32; N_LABELS]; N_LABELS + 1]);

    impl Scorer for Noise {
        fn emissions(&self, _: &[u64], _: &mut [f32; N_LABELS]) {}
        fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
            self.0[prev.map_or(N_LABELS, usize::from)][cur as usize]
        }
    }

    #[test]
    fn decoding_matches_a_full_scan_of_every_allowed_move() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Few distinct values, so that ties happen too.
            (state % 7) as f32 - 3.0
        };
        for length in 1..40 {
            let mut table = [[0f32; N_LABELS]; N_LABELS + 1];
            table.iter_mut().flatten().for_each(|v| *v = next());
            let model = Noise(table);
            let emissions: Vec<[f32; N_LABELS]> = (0..length)
                .map(|_| std::array::from_fn(|_| next()))
                .collect();
            // Reference: every (previous, current) pair that IOB2 allows.
            let mut score: Vec<f32> = (0..N_LABELS as u8)
                .map(|l| match allowed(None, l) {
                    true => emissions[0][l as usize] + model.transition(None, l),
                    false => f32::NEG_INFINITY,
                })
                .collect();
            for e in &emissions[1..] {
                score = (0..N_LABELS as u8)
                    .map(|l| {
                        let best = (0..N_LABELS as u8)
                            .filter(|&p| allowed(Some(p), l))
                            .map(|p| score[p as usize] + model.transition(Some(p), l))
                            .fold(f32::NEG_INFINITY, f32::max);
                        best + e[l as usize]
                    })
                    .collect();
            }
            let best = score.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let labels = decode(&model, &emissions);
            let mut total = emissions[0][labels[0] as usize] + model.transition(None, labels[0]);
            for t in 1..labels.len() {
                assert!(allowed(Some(labels[t - 1]), labels[t]), "forbidden move");
                total += emissions[t][labels[t] as usize]
                    + model.transition(Some(labels[t - 1]), labels[t]);
            }
            assert_eq!(total, best, "length {length}: not the best path");
        }
    }

    #[test]
    fn trainer_learns_a_toy_pattern_and_survives_quantisation() {
        let data: Vec<(Vec<&str>, Vec<u8>)> = vec![
            (
                vec!["Anna", "Berg", "visited", "Oslo", "."],
                vec![1, 2, 0, 5, 0],
            ),
            (
                vec!["Oslo", "welcomed", "Anna", "Berg", "."],
                vec![5, 0, 1, 2, 0],
            ),
            (
                vec!["Anna", "Berg", "left", "Oslo", "."],
                vec![1, 2, 0, 5, 0],
            ),
        ];
        let mut trainer = Trainer::new(12);
        for _ in 0..10 {
            for (words, gold) in &data {
                let doc = DocContext::new(std::slice::from_ref(words));
                trainer.learn(&sentence_features(words, &doc, &NoWords), gold);
            }
        }
        let bytes = model_bytes(&[&trainer]);
        let model = Model::from_bytes(&bytes, 0).unwrap();
        for (words, gold) in &data {
            let doc = DocContext::new(std::slice::from_ref(words));
            assert_eq!(
                &viterbi(&model, &sentence_features(words, &doc, &NoWords)),
                gold
            );
        }
        assert!(Model::from_bytes(b"garbage", 0).is_err());
        assert!(
            Model::from_bytes(&bytes, 1).is_err(),
            "a one-pass file has no second pass"
        );
    }
}
