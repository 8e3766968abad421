//! Reading and normalising articles: bytes from a file or stdin to text.
//!
//! The JSON contract fixes how bytes become characters, because every offset
//! in the brief counts characters of the decoded text: UTF-8 with a leading
//! BOM dropped and CRLF kept; anything that is not valid UTF-8 is read as
//! Windows-1252 (scraped news often is), unless the caller asks for strict
//! UTF-8. Inputs that cannot be an article (binary data, directories,
//! oversized files, UTF-16) are refused with a reason a user can act on.

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
    TooLarge { limit: u64 },
    Binary,
    Utf16,
    InvalidUtf8 { byte: usize },
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
            InputError::Utf16 => write!(
                f,
                "is UTF-16 (byte-order mark found); brief reads UTF-8 or Windows-1252: convert it first, e.g. with iconv -f UTF-16 -t UTF-8"
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
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
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
        assert!(matches!(read(b"\xFF\xFEa\0b\0"), Err(InputError::Utf16)));
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
