//! Reading and normalising articles: bytes from a file or stdin to text.
//!
//! The JSON contract fixes how bytes become characters, because every offset
//! in the brief counts characters of the decoded text: UTF-8 with a leading
//! BOM dropped and CRLF kept; anything that is not valid UTF-8 is read in
//! the encoding an HTML page declares in a `<meta>` tag, else as
//! Windows-1252 (scraped news often is), unless the caller asks for strict
//! UTF-8. Inputs that cannot be an article (binary data, PDFs, directories,
//! oversized files, UTF-16 with or without a byte-order mark) are refused
//! with a reason a user can act on.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest article read by default: far above any real news story, low
/// enough that a stray disk image does not exhaust memory.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Offsets are kept as `u32`, so no article may reach 4 GiB.
const HARD_MAX_BYTES: u64 = u32::MAX as u64;

/// How inputs are read.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Inputs larger than this (in bytes) are refused.
    pub max_bytes: u64,
    /// Refuse input that is not valid UTF-8 instead of reading it in its
    /// declared encoding or as Windows-1252.
    pub strict_utf8: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            strict_utf8: false,
        }
    }
}

/// An article ready for the pipeline.
#[derive(Clone, Debug)]
pub struct Article {
    /// The decoded text.
    pub text: String,
    /// Size of the input as read, before decoding.
    pub bytes: u64,
    /// Set when the input was not UTF-8 and was read as Windows-1252 (a
    /// page declaring another encoding is read in it, and this is unset).
    pub decoded_as_cp1252: bool,
}

/// Why an input was refused. Displayed after the input's name.
#[derive(Debug)]
pub enum InputError {
    /// No such file.
    NotFound,
    /// The file may not be read.
    PermissionDenied,
    /// A folder, not a file.
    IsDirectory,
    /// Larger than `--max-bytes`.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// NUL bytes: not text.
    Binary,
    /// A PDF: its text is in compressed streams, not readable as it is.
    Pdf,
    /// UTF-16, told by its byte-order mark (`bom`) or by its NUL bytes.
    Utf16 {
        /// Told by a byte-order mark (else by the pattern of NUL bytes).
        bom: bool,
    },
    /// Not UTF-8, and `--strict-utf8` is set.
    InvalidUtf8 {
        /// Where the first invalid byte is.
        byte: usize,
    },
    /// Any other reading error.
    Io(io::Error),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NotFound => write!(f, "no such file"),
            InputError::PermissionDenied => write!(f, "permission denied"),
            InputError::IsDirectory => write!(f, "is a directory, not an article"),
            InputError::TooLarge { limit } => {
                write!(f, "larger than --max-bytes ({limit} bytes); raise the limit to read it")
            }
            InputError::Binary => write!(f, "looks binary (contains NUL bytes), not an article"),
            InputError::Pdf => write!(
                f,
                "is a PDF; brief reads plain text or HTML: extract its text first, e.g. with pdftotext FILE FILE.txt"
            ),
            InputError::Utf16 { bom } => write!(
                f,
                "{}; brief reads UTF-8 or Windows-1252: convert it first, e.g. with iconv -f UTF-16 -t UTF-8",
                if *bom {
                    "is UTF-16 (byte-order mark found)"
                } else {
                    "looks like UTF-16 (no byte-order mark)"
                }
            ),
            InputError::InvalidUtf8 { byte } => {
                write!(f, "not valid UTF-8 (at byte {byte}) and --strict-utf8 is set")
            }
            InputError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for InputError {}

impl From<io::Error> for InputError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => InputError::NotFound,
            io::ErrorKind::PermissionDenied => InputError::PermissionDenied,
            io::ErrorKind::IsADirectory => InputError::IsDirectory,
            _ => InputError::Io(e),
        }
    }
}

fn limit(opts: &ReadOptions) -> u64 {
    opts.max_bytes.min(HARD_MAX_BYTES)
}

/// Reads the article at `path`.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Article, InputError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(InputError::IsDirectory);
    }
    if meta.is_file() && meta.len() > limit(opts) {
        return Err(InputError::TooLarge { limit: limit(opts) });
    }
    read_from(File::open(path)?, opts)
}

/// Reads an article from any reader (stdin, a pipe, a FIFO), stopping as soon
/// as it is known to be too large.
pub fn read_from(reader: impl Read, opts: &ReadOptions) -> Result<Article, InputError> {
    let mut bytes = Vec::new();
    reader.take(limit(opts) + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit(opts) {
        return Err(InputError::TooLarge { limit: limit(opts) });
    }
    decode(bytes, opts)
}

/// Turns the bytes of an article into its text, as the JSON contract says.
pub fn decode(bytes: Vec<u8>, opts: &ReadOptions) -> Result<Article, InputError> {
    let size = bytes.len() as u64;
    // Before the NUL check: an uncompressed PDF may have no NUL byte at all,
    // and either way "is a PDF" is the reason a user can act on.
    if bytes.trim_ascii_start().starts_with(b"%PDF-") {
        return Err(InputError::Pdf);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16 { bom: true });
    }
    if looks_like_utf16(&bytes) {
        return Err(InputError::Utf16 { bom: false });
    }
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let (text, decoded_as_cp1252) = match std::str::from_utf8(body) {
        Ok(_) => {
            let skip = bytes.len() - body.len();
            let mut bytes = bytes;
            bytes.drain(..skip);
            // Checked just above; from_utf8 cannot fail again.
            (String::from_utf8(bytes).unwrap_or_default(), false)
        }
        Err(e) if opts.strict_utf8 => {
            let bom = bytes.len() - body.len();
            return Err(InputError::InvalidUtf8 {
                byte: bom + e.valid_up_to(),
            });
        }
        Err(_) => {
            let encoding = declared_encoding(body).unwrap_or(encoding_rs::WINDOWS_1252);
            let (text, _) = encoding.decode_without_bom_handling(body);
            (text.into_owned(), encoding == encoding_rs::WINDOWS_1252)
        }
    };
    Ok(Article {
        text,
        bytes: size,
        decoded_as_cp1252,
    })
}

/// How far into a page its `<meta>` charset declaration is looked for: the
/// 1024 bytes of the HTML standard's prescan, within which it says a
/// declaration must be.
const PRESCAN_BYTES: usize = 1024;

/// The encoding that an HTML page (not valid UTF-8) declares: `<meta
/// charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in its first [`PRESCAN_BYTES`]. A simplified form of the
/// WHATWG prescan: comments are skipped, but a `<meta>` is read as the text
/// up to its first `>` and any `charset=` in it counts (without checking
/// that `content` comes with `http-equiv`), and the tag must end within the
/// prescan. Not for text: an article that says `charset=` is no page.
/// Declarations of UTF-8 or UTF-16 (which these bytes are not) and labels
/// that decode to nothing useful (`replacement`, `x-user-defined`) are
/// ignored, so the caller's Windows-1252 reading stands.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    // Windows-1252 keeps ASCII as it is, which is all the test looks at.
    let (head_text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(head);
    if !crate::io::html::looks_like_html(&head_text) {
        return None;
    }
    let label = meta_charset(head)?;
    let encoding = encoding_rs::Encoding::for_label(label)?;
    let unusable = [
        encoding_rs::UTF_8,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
        encoding_rs::REPLACEMENT,
        encoding_rs::X_USER_DEFINED,
    ];
    (!unusable.contains(&encoding)).then_some(encoding)
}

/// The label in the first `<meta …charset=…>` of `head`, comments skipped.
fn meta_charset(head: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    while let Some(lt) = head[at..].iter().position(|&b| b == b'<') {
        let rest = &head[at + lt..];
        if rest.starts_with(b"<!--") {
            let end = find(&rest[4..], b"-->")?;
            at += lt + 4 + end + 3;
            continue;
        }
        let is_meta = rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/');
        let end = rest.iter().position(|&b| b == b'>')?;
        if is_meta {
            if let Some(label) = charset_in(&rest[..end]) {
                return Some(label);
            }
        }
        at += lt + end + 1;
    }
    None
}

/// The value after `charset` `=` in a tag's text, quoted or not.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    while let Some(found) = find_ignore_case(&tag[from..], b"charset") {
        from += found + b"charset".len();
        let rest = tag[from..].trim_ascii_start();
        let Some(value) = rest.strip_prefix(b"=") else {
            continue;
        };
        let value = value.trim_ascii_start();
        let value = value
            .strip_prefix(b"\"")
            .or_else(|| value.strip_prefix(b"'"))
            .unwrap_or(value);
        let len = value
            .iter()
            .position(|&b| {
                matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
            })
            .unwrap_or(value.len());
        return Some(&value[..len]).filter(|v| !v.is_empty());
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// UTF-16 without a byte-order mark, told by where its NUL bytes fall. Text
/// in a Latin script has a NUL as the high byte of nearly every character:
/// at odd offsets in little-endian, even ones in big-endian. So: in the
/// first 4 KiB, at least 30% of the bytes of one parity are NUL and at most
/// 5% of the other. Binary data has NULs at both parities, and UTF-32 has
/// them at every even offset as well as the odd ones; neither passes. Below
/// four characters (8 bytes) one stray NUL would decide, so that is binary.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return false;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let many = |n: usize| n * 100 >= pairs * 30;
    let few = |n: usize| n * 100 <= pairs * 5;
    (many(even) && few(odd)) || (many(odd) && few(even))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Article, InputError> {
        decode(bytes.to_vec(), &ReadOptions::default())
    }

    #[test]
    fn bom_is_dropped_and_crlf_kept() {
        let a = read(b"\xEF\xBB\xBFHello\r\nworld").unwrap();
        assert_eq!(a.text, "Hello\r\nworld");
        assert_eq!(a.bytes, 15);
        assert!(!a.decoded_as_cp1252);
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let a = read(b"\x93Peace\x94 in caf\xe9 \x81").unwrap();
        assert_eq!(a.text, "\u{201C}Peace\u{201D} in caf\u{e9} \u{81}");
        assert!(a.decoded_as_cp1252);
    }

    /// A page in `encoding`, with `head` in its `<head>`.
    fn page_in(encoding: &'static encoding_rs::Encoding, head: &str, body: &str) -> Vec<u8> {
        let html =
            format!("<!DOCTYPE html><html><head>{head}</head><body><p>{body}</p></body></html>");
        let (bytes, _, unmappable) = encoding.encode(&html);
        assert!(!unmappable);
        bytes.into_owned()
    }

    const CYRILLIC: &str = "«Мы не отступим», — сказал мэр Иван Петров.";

    #[test]
    fn an_html_page_is_read_in_its_declared_charset() {
        let cp1251 = encoding_rs::WINDOWS_1251;
        for head in [
            "<meta charset=\"windows-1251\">",
            "<META CHARSET=cp1251>",
            "<meta charset = 'Windows-1251' />",
            "<!-- <meta charset=\"koi8-r\"> --><title>x</title>\
             <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        ] {
            let a = read(&page_in(cp1251, head, CYRILLIC)).unwrap();
            assert!(a.text.contains(CYRILLIC), "{head}: {}", a.text);
            assert!(!a.decoded_as_cp1252, "{head}");
        }
        let plain = "Мэр Иван Петров сказал это в понедельник.";
        let koi = page_in(encoding_rs::KOI8_R, "<meta charset=koi8-r>", plain);
        assert!(read(&koi).unwrap().text.contains(plain));
        // A declared Windows-1252 (or its alias Latin-1) is what it says.
        let latin = read(b"<html><head><meta charset=iso-8859-1></head><p>caf\xe9</p>").unwrap();
        assert!(latin.text.contains("café") && latin.decoded_as_cp1252);
    }

    #[test]
    fn undeclared_wrongly_declared_and_non_html_bytes_stay_windows_1252() {
        let cp1251 = encoding_rs::WINDOWS_1251;
        let late = format!(
            "<title>{}</title><meta charset=windows-1251>",
            " ".repeat(1100)
        );
        for (bytes, why) in [
            (page_in(cp1251, "", CYRILLIC), "no declaration"),
            (
                page_in(cp1251, "<meta charset=utf-8>", CYRILLIC),
                "claims UTF-8",
            ),
            (
                page_in(cp1251, "<meta charset=no-such-thing>", CYRILLIC),
                "unknown label",
            ),
            (
                page_in(cp1251, "<meta charset=utf-16le>", CYRILLIC),
                "claims UTF-16",
            ),
            (page_in(cp1251, &late, CYRILLIC), "past the prescan"),
            (
                page_in(cp1251, "<meta charset=\"windows-1251", CYRILLIC),
                "tag never ends",
            ),
        ] {
            let a = read(&bytes).unwrap();
            assert!(a.decoded_as_cp1252, "{why}");
            assert!(!a.text.contains(CYRILLIC), "{why}");
        }
        // Plain text that names a charset is not a page.
        let text = cp1251
            .encode("Note: charset=windows-1251. Мэр")
            .0
            .into_owned();
        assert!(read(&text).unwrap().decoded_as_cp1252);
        // Strict UTF-8 still refuses the page, whatever it declares.
        let opts = ReadOptions {
            strict_utf8: true,
            ..ReadOptions::default()
        };
        let page = page_in(cp1251, "<meta charset=windows-1251>", CYRILLIC);
        assert!(matches!(
            decode(page, &opts),
            Err(InputError::InvalidUtf8 { .. })
        ));
    }

    #[test]
    fn strict_utf8_refuses_invalid_bytes() {
        let opts = ReadOptions {
            strict_utf8: true,
            ..ReadOptions::default()
        };
        let err = decode(b"ok \xff".to_vec(), &opts).unwrap_err();
        assert!(matches!(err, InputError::InvalidUtf8 { byte: 3 }));
    }

    #[test]
    fn nul_bytes_and_utf16_are_refused() {
        assert!(matches!(read(b"ab\0cd"), Err(InputError::Binary)));
        assert!(matches!(
            read(b"\xFF\xFEa\0b\0"),
            Err(InputError::Utf16 { bom: true })
        ));
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Talks Resume\n\n“We want peace,” said the minister, Ana Example.";
        for big_endian in [false, true] {
            let err = read(&utf16(text, big_endian)).unwrap_err();
            assert!(matches!(err, InputError::Utf16 { bom: false }), "{err:?}");
            assert!(err
                .to_string()
                .starts_with("looks like UTF-16 (no byte-order mark); "));
            assert!(err.to_string().contains("iconv -f UTF-16 -t UTF-8"));
        }
        let bom = InputError::Utf16 { bom: true }.to_string();
        assert!(bom.starts_with("is UTF-16 (byte-order mark found); "));
    }

    #[test]
    fn binary_and_utf32_are_not_taken_for_utf16() {
        let mut binary = vec![0u8; 64];
        binary.extend_from_slice(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert!(matches!(read(&binary), Err(InputError::Binary)));
        let utf32: Vec<u8> = "Hello there"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert!(matches!(read(&utf32), Err(InputError::Binary)));
        // One stray NUL in a long text is binary, not UTF-16.
        assert!(matches!(
            read(b"A plain article with one\0 NUL byte in it."),
            Err(InputError::Binary)
        ));
    }

    #[test]
    fn pdfs_are_refused_with_advice() {
        for bytes in [
            &b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n\x78\x9c\0\x01"[..],
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n",
            b"\r\n  %PDF-2.0\n",
        ] {
            let err = read(bytes).unwrap_err();
            assert!(matches!(err, InputError::Pdf), "{err:?}");
        }
        assert_eq!(
            InputError::Pdf.to_string(),
            "is a PDF; brief reads plain text or HTML: extract its text first, e.g. with pdftotext FILE FILE.txt"
        );
        // Text that mentions the magic is still text.
        assert!(read(b"The file began with %PDF-1.7, she said.").is_ok());
    }

    #[test]
    fn size_limit_applies_to_streams() {
        let opts = ReadOptions {
            max_bytes: 4,
            ..ReadOptions::default()
        };
        assert!(read_from(&b"1234"[..], &opts).is_ok());
        assert!(matches!(
            read_from(&b"12345"[..], &opts),
            Err(InputError::TooLarge { limit: 4 })
        ));
    }
}
