//! Word clusters learned from text far larger than our training sets, read
//! in place from `data/clusters.bin` (written by
//! `scripts/build_clusters.py`; sources, versions and licences in
//! `data/README.md`):
//!
//! - Brown clusters of ~190k case-sensitive forms (spaCy's
//!   `en_lexeme_cluster`): a bit path whose prefixes are nested clusters,
//!   so "Trump" and "Clinton" share a long prefix that "trump" does not.
//! - Spherical k-means over GloVe 6B vectors of ~180k lower-cased forms, at
//!   64, 256 and 1024 clusters.
//!
//! Keys are FNV-1a 32-bit hashes of the form, sorted, so a look-up is a
//! binary search over the embedded bytes: nothing is parsed or allocated
//! at start-up. A word absent from a table (or whose hash the script found
//! colliding) has no cluster there. Assumes the file is well formed; a
//! unit test checks the one compiled in.

/// The table file as compiled in (models fingerprint it).
pub const CLUSTERS_BIN: &[u8] = include_bytes!("../../data/clusters.bin");

const MAGIC: &[u8; 8] = b"BRCLUST1";
const HEADER: usize = 16;

/// GloVe k-means clusters of one lower-cased form, coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GloveClusters {
    /// One of 64 clusters.
    pub k64: u32,
    /// One of 256 clusters.
    pub k256: u32,
    /// One of 1024 clusters.
    pub k1024: u32,
}

fn u32_at(bytes: &[u8], index: usize) -> u32 {
    let at = index * 4;
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The two sections: each `count` keys then `count` values.
struct Sections {
    brown: (&'static [u8], &'static [u8]),
    glove: (&'static [u8], &'static [u8]),
}

fn sections() -> Sections {
    assert_eq!(&CLUSTERS_BIN[..8], MAGIC, "data/clusters.bin: bad magic");
    let brown_count = u32_at(&CLUSTERS_BIN[8..], 0) as usize;
    let glove_count = u32_at(&CLUSTERS_BIN[8..], 1) as usize;
    let split = |start: usize, count: usize| {
        let keys = &CLUSTERS_BIN[start..start + 4 * count];
        let values = &CLUSTERS_BIN[start + 4 * count..start + 8 * count];
        (keys, values)
    };
    Sections {
        brown: split(HEADER, brown_count),
        glove: split(HEADER + 8 * brown_count, glove_count),
    }
}

static SECTIONS: std::sync::LazyLock<Sections> = std::sync::LazyLock::new(sections);

/// FNV-1a, 32 bits: the key the script wrote.
fn key(form: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in form.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

fn find(section: (&[u8], &[u8]), form: &str) -> Option<u32> {
    let (keys, values) = section;
    let wanted = key(form);
    let (mut low, mut high) = (0, keys.len() / 4);
    while low < high {
        let mid = (low + high) / 2;
        match u32_at(keys, mid).cmp(&wanted) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(u32_at(values, mid)),
        }
    }
    None
}

/// The Brown bit path of `form` as written (case matters), as a number
/// whose binary digits are the path; `None` if the form is unknown.
pub fn brown_path(form: &str) -> Option<u32> {
    find(SECTIONS.brown, form)
}

/// The first `bits` digits of a Brown path (the whole path if shorter):
/// the cluster at that depth.
pub fn brown_prefix(path: u32, bits: u32) -> u32 {
    let len = u32::BITS - path.leading_zeros();
    if len > bits {
        path >> (len - bits)
    } else {
        path
    }
}

/// The GloVe clusters of `lower`, a form lower-cased with ASCII digits as
/// 0; `None` if unknown.
pub fn glove_clusters(lower: &str) -> Option<GloveClusters> {
    find(SECTIONS.glove, lower).map(|packed| GloveClusters {
        k64: packed & 0x3f,
        k256: (packed >> 6) & 0xff,
        k1024: packed >> 14,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed_and_sorted() {
        let s = sections();
        assert_eq!(
            HEADER + 2 * (s.brown.0.len() + s.glove.0.len()),
            CLUSTERS_BIN.len()
        );
        for (keys, _) in [s.brown, s.glove] {
            let n = keys.len() / 4;
            assert!(n > 100_000);
            assert!((1..n).all(|i| u32_at(keys, i - 1) < u32_at(keys, i)));
        }
    }

    #[test]
    fn names_cluster_apart_from_the_common_word_they_spell() {
        // A surname that is also a noun: the capitalised form sits with
        // other surnames, the lower-case one elsewhere.
        let surname = brown_path("Miller").unwrap();
        let other = brown_path("Johnson").unwrap();
        let noun = brown_path("miller").unwrap_or(0);
        assert_eq!(brown_prefix(surname, 6), brown_prefix(other, 6));
        assert_ne!(brown_prefix(surname, 8), brown_prefix(noun, 8));
        let days = [glove_clusters("monday"), glove_clusters("thursday")];
        assert_eq!(days[0].unwrap().k256, days[1].unwrap().k256);
        assert!(glove_clusters("no-such-word-anywhere").is_none());
    }

    #[test]
    fn prefixes_cut_the_path_from_its_start() {
        assert_eq!(brown_prefix(0b1011_0110, 4), 0b1011);
        assert_eq!(brown_prefix(0b101, 6), 0b101);
    }
}
