//! Reading and normalising articles: bytes from a file or stdin to text.
//!
//! The JSON contract fixes how bytes become characters, because every offset
//! in the brief counts characters of the decoded text: UTF-8 with a leading
//! BOM dropped and CRLF kept; anything that is not valid UTF-8 is read as
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

#[derive(Clone, Debug)]
pub struct ReadOptions {
    pub max_bytes: u64,
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
    pub text: String,
    /// Size of the input as read, before decoding.
    pub bytes: u64,
    /// Set when the input was not UTF-8 and was read as Windows-1252.
    pub decoded_as_cp1252: bool,
}

/// Why an input was refused. Displayed after the input's name.
#[derive(Debug)]
pub enum InputError {
    NotFound,
    PermissionDenied,
    IsDirectory,
    TooLarge {
        limit: u64,
    },
    Binary,
    /// A PDF: its text is in compressed streams, not readable as it is.
    Pdf,
    /// UTF-16, told by its byte-order mark (`bom`) or by its NUL bytes.
    Utf16 {
        bom: bool,
    },
    InvalidUtf8 {
        byte: usize,
    },
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
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
            (text.into_owned(), true)
        }
    };
    Ok(Article {
        text,
        bytes: size,
        decoded_as_cp1252,
    })
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
