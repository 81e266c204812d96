//! `extract` turns a file into a [`Document`]: pages of clean text with provenance.
//!
//! The format is sniffed from the content, never from the file name: EDGAR serves HTML as
//! `.txt`, mirrors rename PDFs, and users keep whatever name a download got. Each format has its
//! own reader (`pdf`, `html`, `text`) that yields raw pages; `clean` then makes the text of every
//! format alike (ligatures, odd spaces, hyphenation, running headers, page numbers) and
//! `metadata` reads the cover page.

mod bomb;
mod clean;
mod html;
mod metadata;
mod pdf;
mod text;

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::document::{Document, Exhibit, Format, Page, Source, Warning};
use crate::error::{Error, Result};

pub use bomb::pdf_inflates_past;
pub use clean::clean_page;

/// What a reader hands back before cleaning.
#[derive(Debug, Default)]
pub(crate) struct RawDocument {
    pub pages: Vec<String>,
    pub warnings: Vec<Warning>,
    /// Form type declared by a container (EDGAR SGML `<TYPE>`), preferred over the cover page.
    pub form_type: Option<String>,
    /// Company declared by a container (EDGAR SGML `COMPANY CONFORMED NAME`).
    pub company: Option<String>,
    pub exhibits: Vec<Exhibit>,
}

/// What the first bytes of a file say it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A format tokenlens reads.
    Filing(Format),
    /// Something else, with a short description ("a PNG image", "binary data").
    Other(String),
}

/// Decide a file's format from its content.
///
/// `%PDF` within the first KiB (the spec allows leading junk) is a PDF; markup that opens like
/// HTML, XHTML, inline XBRL or an EDGAR SGML submission is HTML; known binary signatures and data
/// with NUL or many control bytes are refused; anything else is text.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Sniffed::Filing(Format::Pdf);
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX or ZIP)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ", "an xz archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\xD0\xCF\x11\xE0", "an OLE document (old Word or Excel)"),
        (b"\x7FELF", "an executable"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"{\\rtf", "an RTF document"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Sniffed::Other((*what).to_string());
        }
    }
    if text::looks_binary(bytes) {
        return Sniffed::Other("binary data".to_string());
    }
    if html::looks_like_html(bytes) {
        return Sniffed::Filing(Format::Html);
    }
    Sniffed::Filing(Format::Text)
}

/// Reads files into [`Document`]s. Build one with [`ExtractorBuilder`] and reuse it.
///
/// ```
/// use tokenlens::extract::ExtractorBuilder;
///
/// let extractor = ExtractorBuilder::new().build();
/// let doc = extractor
///     .extract_bytes("memo.txt", b"Page one\x0cPage two mentions tokens.".to_vec())
///     .unwrap();
/// assert_eq!(doc.pages.len(), 2);
/// assert_eq!(doc.pages[1].text, "Page two mentions tokens.");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    password: Option<String>,
    clean: bool,
}

/// Configures an [`Extractor`].
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    password: Option<String>,
    clean: bool,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            password: None,
            clean: true,
        }
    }

    /// The user password for encrypted PDFs. Without one, the empty password is tried.
    pub fn password(&mut self, password: Option<String>) -> &mut ExtractorBuilder {
        self.password = password;
        self
    }

    /// Whether to clean the text (default `true`). Off, pages hold what the reader produced, with
    /// only line endings normalized: useful to see what cleaning did.
    pub fn clean(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.clean = yes;
        self
    }

    pub fn build(&self) -> Extractor {
        Extractor {
            password: self.password.clone(),
            clean: self.clean,
        }
    }
}

impl Extractor {
    /// Read the file at `path`.
    pub fn extract_path(&self, path: &Path) -> Result<Document> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        self.extract_bytes(path, bytes)
    }

    /// Read a file's content already in memory; `path` is only used to label the result.
    pub fn extract_bytes(&self, path: impl AsRef<Path>, bytes: Vec<u8>) -> Result<Document> {
        let sha256 = sha256_hex(&bytes);
        self.extract_hashed(path.as_ref(), bytes, sha256)
    }

    /// [`Extractor::extract_bytes`] for a caller that has already hashed the bytes.
    pub(crate) fn extract_hashed(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        sha256: String,
    ) -> Result<Document> {
        if bytes.is_empty() {
            return Err(Error::Empty {
                path: path.to_path_buf(),
            });
        }
        let format = match sniff(&bytes) {
            Sniffed::Filing(format) => format,
            Sniffed::Other(what) => {
                return Err(Error::Unsupported {
                    path: path.to_path_buf(),
                    what: format!("content is {what}"),
                })
            }
        };
        let raw = match format {
            Format::Pdf => pdf::read(path, &bytes, self.password.as_deref())?,
            Format::Html => html::read(path, &bytes)?,
            Format::Text => text::read(path, &bytes)?,
        };
        let source = Source {
            path: path.to_path_buf(),
            format,
            bytes: bytes.len() as u64,
            sha256,
        };
        drop(bytes);
        self.finish(source, raw)
    }

    fn finish(&self, source: Source, raw: RawDocument) -> Result<Document> {
        let RawDocument {
            pages,
            warnings,
            form_type,
            company,
            exhibits,
        } = raw;
        let texts = if self.clean {
            clean::clean_document(pages)
        } else {
            pages
                .into_iter()
                .map(|p| p.replace("\r\n", "\n").replace('\r', "\n"))
                .collect()
        };
        let pages: Vec<Page> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Page {
                number: i as u32 + 1,
                text,
            })
            .collect();
        if pages.iter().all(|p| p.text.trim().is_empty()) && source.format != Format::Pdf {
            // PDFs say why themselves (no text layer, undecodable fonts); for HTML and text
            // nothing at all is an error, not an empty success.
            return Err(Error::NoText {
                path: source.path,
                message: match source.format {
                    Format::Html => "the HTML has no body text".to_string(),
                    _ => "the file holds only white space".to_string(),
                },
            });
        }
        let mut filing = metadata::detect(&pages);
        if form_type.is_some() {
            filing.form_type = form_type;
        }
        if company.is_some() {
            filing.company = company;
        }
        filing.exhibits = exhibits;
        Ok(Document {
            source,
            filing,
            pages,
            warnings,
        })
    }
}

/// The SHA-256 of `bytes` in lowercase hex, as reports carry it in `source.sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Filing(Format::Pdf));
        assert_eq!(sniff(b"\r\n%PDF-1.4"), Sniffed::Filing(Format::Pdf));
        assert_eq!(
            sniff(b"<SEC-DOCUMENT>0001-23\n<DOCUMENT>\n<TYPE>S-1"),
            Sniffed::Filing(Format::Html)
        );
        assert_eq!(
            sniff(b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>"),
            Sniffed::Filing(Format::Html)
        );
        assert_eq!(
            sniff(b"  <!DOCTYPE html><p>x"),
            Sniffed::Filing(Format::Html)
        );
        assert_eq!(
            sniff(b"UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION"),
            Sniffed::Filing(Format::Text)
        );
        assert!(matches!(sniff(b"\x89PNG\r\n\x1a\n"), Sniffed::Other(_)));
        assert!(matches!(sniff(b"PK\x03\x04rest"), Sniffed::Other(_)));
        assert!(matches!(
            sniff(&[0u8, 1, 2, 3, 0, 0, 5, 6, 7, 8, 0, 0]),
            Sniffed::Other(_)
        ));
    }

    #[test]
    fn sha256_of_known_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn empty_input_is_an_error_of_its_own() {
        let err = ExtractorBuilder::new()
            .build()
            .extract_bytes("x.txt", Vec::new())
            .unwrap_err();
        assert_eq!(err.kind(), "empty");
    }
}
