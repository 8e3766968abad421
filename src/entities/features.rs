//! The entity tagger's features: what it looks at in a word, its
//! neighbours and the document, hashed under named templates
//! (`crate::learn::hash`). The word-level part is separate from the
//! context part so that tagging can compute it once per distinct word of a
//! document; the second pass adds document-level evidence from the first
//! pass's labels ([`aggregate_features`]).
//!
//! Assumptions: input is tokenised the Penn Treebank way (CoNLL-2003 and
//! our tokenizer agree); typographic quotes and dashes are folded to the
//! ASCII forms the training data uses before features are computed
//! ([`normalize`]). The lexicons consulted ([`Lexicon`]) are fingerprinted
//! in the model file: change one and the model must be retrained.

use super::tagger::label_type;
use crate::learn::hash::Template;
use crate::lexicon::clusters::{brown_prefix, GloveClusters};
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

/// The feature templates. A template's number is part of every hash it
/// makes, so numbers are never changed; 5 and 10 were never used (the
/// affix templates were first numbered 5 + length and 10 + length). The
/// names go into the model header.
mod tpl {
    use crate::learn::hash::Template;

    pub const BIAS: Template = Template::new(0, "bias");
    pub const LOWER: Template = Template::new(1, "lower");
    pub const WORD: Template = Template::new(2, "word");
    pub const SHAPE: Template = Template::new(3, "shape");
    pub const LONG_SHAPE: Template = Template::new(4, "long-shape");
    /// Lower-case prefixes of 1 to 4 characters.
    pub const PREFIX: [Template; 4] = [
        Template::new(6, "prefix-1"),
        Template::new(7, "prefix-2"),
        Template::new(8, "prefix-3"),
        Template::new(9, "prefix-4"),
    ];
    /// Lower-case suffixes of 1 to 4 characters.
    pub const SUFFIX: [Template; 4] = [
        Template::new(11, "suffix-1"),
        Template::new(12, "suffix-2"),
        Template::new(13, "suffix-3"),
        Template::new(14, "suffix-4"),
    ];
    pub const PREV_LOWER: Template = Template::new(15, "prev-lower");
    pub const NEXT_LOWER: Template = Template::new(16, "next-lower");
    pub const PREV2_LOWER: Template = Template::new(17, "prev2-lower");
    pub const NEXT2_LOWER: Template = Template::new(18, "next2-lower");
    pub const PREV_SHAPE: Template = Template::new(19, "prev-shape");
    pub const NEXT_SHAPE: Template = Template::new(20, "next-shape");
    pub const PREV_LOWER_LOWER: Template = Template::new(21, "prev-lower+lower");
    pub const LOWER_NEXT_LOWER: Template = Template::new(22, "lower+next-lower");
    pub const SHAPES: Template = Template::new(23, "prev-shape+shape+next-shape");
    pub const SHAPE_PREV_LOWER: Template = Template::new(24, "shape+prev-lower");
    pub const SHAPE_NEXT_LOWER: Template = Template::new(25, "shape+next-lower");
    pub const START_SHAPE: Template = Template::new(26, "sentence-start-shape");
    pub const CAPS_LOWER: Template = Template::new(27, "caps-sentence-lower");
    pub const CAPS_SHAPE: Template = Template::new(28, "caps-sentence-shape");
    pub const FIRST_NAME: Template = Template::new(29, "first-name");
    pub const PLACE: Template = Template::new(30, "place-or-people");
    pub const SEEN_LOWER: Template = Template::new(31, "seen-lower+shape");
    pub const SEEN_CAPITALISED: Template = Template::new(32, "seen-capitalised+shape+forced");
    pub const AFTER_FIRST_NAME: Template = Template::new(33, "after-first-name+shape");
    // Second pass only: what the first pass said of the word elsewhere.
    pub const DOC_ALONE: Template = Template::new(40, "doc-alone");
    pub const DOC_TYPE: Template = Template::new(41, "doc-type-seen");
    pub const DOC_MAJORITY: Template = Template::new(42, "doc-majority+position");
    // Word clusters (`crate::lexicon::clusters`).
    pub const BROWN: [Template; 4] = [
        Template::new(43, "brown-4"),
        Template::new(44, "brown-6"),
        Template::new(45, "brown-10"),
        Template::new(46, "brown-path"),
    ];
    pub const GLOVE: [Template; 3] = [
        Template::new(47, "glove-64"),
        Template::new(48, "glove-256"),
        Template::new(49, "glove-1024"),
    ];
    pub const PREV_BROWN: Template = Template::new(50, "prev-brown-6");
    pub const NEXT_BROWN: Template = Template::new(51, "next-brown-6");
    pub const PREV_GLOVE: Template = Template::new(52, "prev-glove-256");
    pub const NEXT_GLOVE: Template = Template::new(53, "next-glove-256");
}

/// Every template the features use, for the model header.
pub const TEMPLATES: &[Template] = &[
    tpl::BIAS,
    tpl::LOWER,
    tpl::WORD,
    tpl::SHAPE,
    tpl::LONG_SHAPE,
    tpl::PREFIX[0],
    tpl::PREFIX[1],
    tpl::PREFIX[2],
    tpl::PREFIX[3],
    tpl::SUFFIX[0],
    tpl::SUFFIX[1],
    tpl::SUFFIX[2],
    tpl::SUFFIX[3],
    tpl::PREV_LOWER,
    tpl::NEXT_LOWER,
    tpl::PREV2_LOWER,
    tpl::NEXT2_LOWER,
    tpl::PREV_SHAPE,
    tpl::NEXT_SHAPE,
    tpl::PREV_LOWER_LOWER,
    tpl::LOWER_NEXT_LOWER,
    tpl::SHAPES,
    tpl::SHAPE_PREV_LOWER,
    tpl::SHAPE_NEXT_LOWER,
    tpl::START_SHAPE,
    tpl::CAPS_LOWER,
    tpl::CAPS_SHAPE,
    tpl::FIRST_NAME,
    tpl::PLACE,
    tpl::SEEN_LOWER,
    tpl::SEEN_CAPITALISED,
    tpl::AFTER_FIRST_NAME,
    tpl::DOC_ALONE,
    tpl::DOC_TYPE,
    tpl::DOC_MAJORITY,
    tpl::BROWN[0],
    tpl::BROWN[1],
    tpl::BROWN[2],
    tpl::BROWN[3],
    tpl::GLOVE[0],
    tpl::GLOVE[1],
    tpl::GLOVE[2],
    tpl::PREV_BROWN,
    tpl::NEXT_BROWN,
    tpl::PREV_GLOVE,
    tpl::NEXT_GLOVE,
];

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

/// The longest [`long_shape`]: 16 characters of up to 4 bytes.
const LONG_SHAPE_BYTES: usize = 16 * 4;

/// Like `short_shape` but keeping runs up to length 3, so `USA` and `US`
/// differ from `UNITED`. Written into `buffer`: it runs once per distinct
/// word of an article, and a fresh `String` each time cost the entity
/// tagger an allocation and a free per word.
fn long_shape<'b>(w: &str, buffer: &'b mut [u8; LONG_SHAPE_BYTES]) -> &'b str {
    let mut len = 0;
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
            len += s.encode_utf8(&mut buffer[len..]).len();
        }
    }
    std::str::from_utf8(&buffer[..len]).expect("whole characters were written")
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
    /// The Brown cluster bit path of a form as written
    /// ([`crate::lexicon::clusters::brown_path`]).
    fn brown_path(&self, form: &str) -> Option<u32>;
    /// The GloVe clusters of a lower-cased form
    /// ([`crate::lexicon::clusters::glove_clusters`]).
    fn glove_clusters(&self, lower: &str) -> Option<GloveClusters>;
}

/// What the document as a whole says about each word form: whether it is
/// seen in lower case (a common word), and whether it is seen capitalised
/// where capitals are not forced (a name).
pub struct DocContext {
    lower: HashSet<String>,
    capitalised: HashSet<String>,
}

impl DocContext {
    /// The context of a document given as its sentences' words, as written
    /// (not normalised); a sentence-initial word or one of an all-caps
    /// sentence does not count as capitalised.
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
    /// Every token's feature hashes, token after token.
    pub hashes: Vec<u64>,
    /// Where each token's hashes start in `hashes`, plus the end: one more
    /// than the tokens, starting at 0.
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the sentence has no token.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The feature hashes of token `t`; panics if `t` is not below
    /// [`SentenceFeatures::len`].
    pub fn token(&self, t: usize) -> &[u64] {
        &self.hashes[self.offsets[t]..self.offsets[t + 1]]
    }
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
    /// Brown bit path of the word (of its title case if shouted); 0 if
    /// unknown.
    brown: u32,
    glove: Option<GloveClusters>,
}

/// Another handle on `form`: borrowed when it is borrowed, else a copy.
fn same_form<'w>(form: &Cow<'w, str>) -> Cow<'w, str> {
    match form {
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(s) => Cow::Owned(s.clone()),
    }
}

impl<'w> WordForms<'w> {
    /// The forms of the word `raw` as written: normalised ([`normalize`]),
    /// lower-cased with digits as 0, shape, title case, and whether
    /// `lexicon` knows it as a first name.
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
        let brown = lexicon
            .brown_path(&word)
            .or_else(|| lexicon.brown_path(&titled))
            .unwrap_or(0);
        let glove = lexicon.glove_clusters(&lower);
        WordForms {
            word,
            lower,
            shape,
            titled,
            first_name,
            brown,
            glove,
        }
    }

    /// Features that depend only on the word itself (and the document), so
    /// they are the same wherever the word stands.
    pub fn word_features(&self, doc: &DocContext, lexicon: &dyn Lexicon, f: &mut Vec<u64>) {
        let (w, lw, shape) = (self.word.as_ref(), self.lower.as_ref(), self.shape.as_str());
        f.push(tpl::BIAS.hash(""));
        f.push(tpl::LOWER.hash(lw));
        f.push(tpl::WORD.hash(w));
        f.push(tpl::SHAPE.hash(shape));
        f.push(tpl::LONG_SHAPE.hash(long_shape(w, &mut [0; LONG_SHAPE_BYTES])));
        // Prefixes and suffixes of 1 to 4 characters.
        let prefix_ends = lw
            .char_indices()
            .map(|(k, _)| k)
            .skip(1)
            .chain([lw.len()])
            .take(4);
        for (k, end) in prefix_ends.enumerate() {
            f.push(tpl::PREFIX[k].hash(&lw[..end]));
        }
        for (k, (start, _)) in lw.char_indices().rev().take(4).enumerate() {
            f.push(tpl::SUFFIX[k].hash(&lw[start..]));
        }
        for (k, bits) in [4, 6, 10, 32].into_iter().enumerate() {
            f.push(tpl::BROWN[k].ids(&[u64::from(brown_prefix(self.brown, bits))]));
        }
        if let Some(g) = self.glove {
            for (k, id) in [g.k64, g.k256, g.k1024].into_iter().enumerate() {
                f.push(tpl::GLOVE[k].ids(&[u64::from(id)]));
            }
        }
        let tc = self.titled.as_ref();
        if starts_upper(tc) {
            if self.first_name {
                f.push(tpl::FIRST_NAME.hash(""));
            }
            if lexicon.is_place_or_people(tc) {
                f.push(tpl::PLACE.hash(""));
            }
            if doc.lower.contains(lw) {
                f.push(tpl::SEEN_LOWER.hash(shape));
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
    /// The sentence of these word forms, in order; notes whether it is
    /// in capitals (a headline), where case says little.
    pub fn new(forms: Vec<&'a WordForms<'a>>) -> Self {
        let words: Vec<&str> = forms.iter().map(|f| f.word.as_ref()).collect();
        let caps_sentence = is_caps_sentence(&words);
        SentenceView {
            forms,
            caps_sentence,
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether the sentence has no word.
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
        f.push(tpl::PREV_LOWER.hash(p1));
        f.push(tpl::NEXT_LOWER.hash(n1));
        f.push(tpl::PREV2_LOWER.hash(self.lower_at(ii - 2)));
        f.push(tpl::NEXT2_LOWER.hash(self.lower_at(ii + 2)));
        f.push(tpl::PREV_SHAPE.hash(sp1));
        f.push(tpl::NEXT_SHAPE.hash(sn1));
        f.push(tpl::PREV_LOWER_LOWER.hash2(p1, lw));
        f.push(tpl::LOWER_NEXT_LOWER.hash2(lw, n1));
        f.push(tpl::SHAPES.hash3(sp1, shape, sn1));
        f.push(tpl::SHAPE_PREV_LOWER.hash2(shape, p1));
        f.push(tpl::SHAPE_NEXT_LOWER.hash2(shape, n1));
        if i == 0 {
            f.push(tpl::START_SHAPE.hash(shape));
        }
        if self.caps_sentence {
            f.push(tpl::CAPS_LOWER.hash(lw));
            f.push(tpl::CAPS_SHAPE.hash(shape));
        }
        let tc = me.titled.as_ref();
        if starts_upper(tc) && doc.capitalised.contains(tc) {
            let forced = if self.caps_sentence || i == 0 {
                "forced"
            } else {
                "free"
            };
            f.push(tpl::SEEN_CAPITALISED.hash2(shape, forced));
        }
        if i > 0 && self.forms[i - 1].first_name {
            f.push(tpl::AFTER_FIRST_NAME.hash(shape));
        }
        // Neighbours' clusters. Brown: 0 at a sentence edge as for an
        // unknown word (a real path is never 0); GloVe: 256 at an edge,
        // 257 for an unknown word (real ids are below 256).
        let brown6 = |j: isize| {
            self.at(j)
                .map_or(0, |w| u64::from(brown_prefix(w.brown, 6)))
        };
        let glove256 = |j: isize| {
            self.at(j)
                .map_or(256, |w| w.glove.map_or(257, |g| u64::from(g.k256)))
        };
        f.push(tpl::PREV_BROWN.ids(&[brown6(ii - 1)]));
        f.push(tpl::NEXT_BROWN.ids(&[brown6(ii + 1)]));
        f.push(tpl::PREV_GLOVE.ids(&[glove256(ii - 1)]));
        f.push(tpl::NEXT_GLOVE.ids(&[glove256(ii + 1)]));
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
                        out.push(tpl::DOC_ALONE.hash("alone"));
                        return out;
                    }
                    for (kind, &c) in counts.iter().enumerate() {
                        if c > 0 {
                            out.push(tpl::DOC_TYPE.hash(NAMES[kind]));
                        }
                    }
                    let best = (0..5)
                        .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
                        .unwrap_or(0);
                    out.push(
                        tpl::DOC_MAJORITY
                            .hash2(NAMES[best], if t == 0 { "first" } else { "inner" }),
                    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_distinct() {
        crate::learn::hash::check_templates(TEMPLATES).unwrap();
    }

    #[test]
    fn shapes() {
        assert_eq!(short_shape("McDonald"), "XxXx");
        assert_eq!(short_shape("U.S."), "X.X.");
        assert_eq!(long_shape("USA", &mut [0; LONG_SHAPE_BYTES]), "XXX");
        assert_eq!(long_shape("UNITED", &mut [0; LONG_SHAPE_BYTES]), "XXX");
        // Classes of non-ASCII letters; other characters stay as they are.
        assert_eq!(
            long_shape("Zürich-2024", &mut [0; LONG_SHAPE_BYTES]),
            "Xxxx-ddd"
        );
        assert_eq!(long_shape("€100", &mut [0; LONG_SHAPE_BYTES]), "€ddd");
        // At most 16 characters are read, four-byte ones included.
        let long = "😀".repeat(20);
        assert_eq!(long_shape(&long, &mut [0; LONG_SHAPE_BYTES]), "😀😀😀");
        assert_eq!(short_shape("1996-08-22"), "d-d-d");
    }
}
