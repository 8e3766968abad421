//! Feature hashing: a feature is a template (what it looks at) and up to
//! three strings (what it saw there), hashed to 64 bits; a model keeps
//! `2^log2` buckets and reads the low bits.
//!
//! Templates are named ([`Template`]): each model lists its templates in a
//! const table, and the names go into the model file's header, so that a
//! file says which features it was trained on and a changed table shows as
//! a stale model. The hash of a template depends only on its number, never
//! on its name: renaming one changes no weight.
//!
//! Assumes nothing about the strings (any UTF-8, empty included). The hash
//! is fixed: changing `mix` or `finish` changes every feature, so every
//! model must be retrained.

/// A feature template: its number (part of every hash it makes) and a name
/// for the model header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// The template's number, unique within a model; it seeds every hash
    /// the template makes, so renumbering one invalidates its weights.
    pub id: u8,
    /// The name written to the model header (no whitespace, unique within a
    /// model); it plays no part in the hash.
    pub name: &'static str,
}

impl Template {
    /// The template numbered `id` and called `name`; a `const fn` so that
    /// models can list their templates in const tables.
    pub const fn new(id: u8, name: &'static str) -> Template {
        Template { id, name }
    }

    /// The feature of this template that saw `a`.
    #[inline(always)]
    pub fn hash(self, a: &str) -> u64 {
        feat(self.id, a)
    }

    /// The feature of this template that saw `a` and `b`.
    #[inline(always)]
    pub fn hash2(self, a: &str, b: &str) -> u64 {
        feat2(self.id, a, b)
    }

    /// The feature of this template over precomputed ids ([`string_id`]s
    /// or small numbers), mixed in order: for stages that look at the same
    /// token from many templates, so that each string is hashed once.
    #[inline(always)]
    pub fn ids(self, ids: &[u64]) -> u64 {
        let mut h = self.id as u64 + 1;
        for &v in ids {
            h = (h.rotate_left(5) ^ v).wrapping_mul(FX);
        }
        finish(h)
    }

    /// The feature of this template that saw `a`, `b` and `c`.
    #[inline(always)]
    pub fn hash3(self, a: &str, b: &str, c: &str) -> u64 {
        feat3(self.id, a, b, c)
    }
}

/// The multiplier of FxHash (rustc's hasher): cheap and mixes well enough
/// for bucket indices.
const FX: u64 = 0x517c_c1b7_2722_0a95;

/// The id of a string for [`Template::ids`]: its hash, seeded apart from
/// every template's.
#[inline]
pub fn string_id(s: &str) -> u64 {
    finish(mix(0x5eed, s.as_bytes()))
}

/// Declares named templates as consts, `NAME = number, "name";`, and
/// `ALL`, every one of them in order, for a model's header.
macro_rules! templates {
    ($($name:ident = $id:literal, $text:literal;)*) => {
        $(pub const $name: $crate::learn::hash::Template =
            $crate::learn::hash::Template::new($id, $text);)*
        /// Every template, for the model header.
        pub const ALL: &[$crate::learn::hash::Template] = &[$($name),*];
    };
}
pub(crate) use templates;

/// Folds `bytes` into the running hash `h`, eight bytes at a time.
#[inline(always)]
pub fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = FX;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    // The tail carries its length, so that "a" and "a\0" differ and each
    // string of a multi-string feature ends where it ends.
    let rest = chunks.remainder();
    let mut v = rest.len() as u64;
    for (k, &b) in rest.iter().enumerate() {
        v |= (b as u64) << (8 * (k + 1));
    }
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Spreads the high bits into the low ones (which pick the bucket).
#[inline(always)]
pub fn finish(h: u64) -> u64 {
    // The golden-ratio multiplier of Fibonacci hashing.
    let h = (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

/// The feature of template number `template` that saw `a`. The seed is
/// `template + 1` so that template 0 does not start from 0.
#[inline(always)]
pub fn feat(template: u8, a: &str) -> u64 {
    finish(mix(template as u64 + 1, a.as_bytes()))
}

/// The feature of template number `template` that saw `a` then `b`: the
/// strings are mixed in order, so `(a, b)` and `(b, a)` differ.
#[inline(always)]
pub fn feat2(template: u8, a: &str, b: &str) -> u64 {
    finish(mix(mix(template as u64 + 1, a.as_bytes()), b.as_bytes()))
}

/// The feature of template number `template` that saw `a`, `b` then `c`,
/// mixed in that order.
#[inline(always)]
pub fn feat3(template: u8, a: &str, b: &str, c: &str) -> u64 {
    finish(mix(
        mix(mix(template as u64 + 1, a.as_bytes()), b.as_bytes()),
        c.as_bytes(),
    ))
}

/// FNV-1a, 64 bits: a stable fingerprint of a lexicon's bytes (not for
/// features: it is slower, byte at a time). Constants from the FNV
/// specification (offset basis and prime for 64 bits).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Checks a model's template table: numbers unique, names unique and
/// non-empty. For the models' unit tests.
pub fn check_templates(templates: &[Template]) -> Result<(), String> {
    for (k, t) in templates.iter().enumerate() {
        if t.name.is_empty() || t.name.contains(char::is_whitespace) {
            return Err(format!("template {} has a bad name {:?}", t.id, t.name));
        }
        if let Some(u) = templates[..k]
            .iter()
            .find(|u| u.id == t.id || u.name == t.name)
        {
            return Err(format!("templates {:?} and {:?} clash", u, t));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable() {
        // Pinned: the shipped models were trained with these values.
        assert_eq!(feat(0, ""), finish(mix(1, b"")));
        assert_eq!(Template::new(7, "x").hash2("a", "b"), feat2(7, "a", "b"));
        assert_ne!(feat2(1, "ab", ""), feat2(1, "a", "b"));
        assert_ne!(feat(1, "a"), feat(2, "a"));
        assert_ne!(feat(1, "a"), feat(1, "a\0"));
    }

    #[test]
    fn fnv_matches_the_reference_values() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn clashing_templates_are_caught() {
        let ok = [Template::new(0, "bias"), Template::new(1, "word")];
        assert!(check_templates(&ok).is_ok());
        let same_id = [Template::new(0, "bias"), Template::new(0, "word")];
        assert!(check_templates(&same_id).is_err());
        let same_name = [Template::new(0, "bias"), Template::new(1, "bias")];
        assert!(check_templates(&same_name).is_err());
    }
}
