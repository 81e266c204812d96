//! The `Document`: what `extract` makes of a file, and what `scan` reads.
//!
//! A document is a list of pages of clean text. Page numbers are 1-based and every later hit
//! points into a page's `text` with byte offsets, so this text is the coordinate system of the
//! whole tool: `tokenlens text --json` prints exactly these strings.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The format a file was read as, decided from its content (never from its extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Html,
    Text,
}

impl Format {
    /// The lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// Where a document came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The path as the user gave it.
    pub path: PathBuf,
    /// The format the content was read as.
    pub format: Format,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
}

/// One page of clean text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// 1-based page number, as a PDF viewer counts pages.
    pub number: u32,
    /// The clean text of the page; hits give byte offsets into this string.
    pub text: String,
}

/// Something the reader wants the user to know, that did not stop it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// The page concerned, or `None` for the whole document.
    pub page: Option<u32>,
    pub message: String,
}

impl Warning {
    pub(crate) fn document(message: impl Into<String>) -> Warning {
        Warning {
            page: None,
            message: message.into(),
        }
    }
}

/// A further document inside an EDGAR full submission (an exhibit, a graphic), listed but not
/// read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exhibit {
    /// The `<TYPE>` of the document, e.g. `EX-23.1` or `GRAPHIC`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// The `<FILENAME>`, when given.
    pub filename: Option<String>,
    /// The `<DESCRIPTION>`, when given.
    pub description: Option<String>,
}

/// What the cover page says about the filing, best effort.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filing {
    /// Form type, e.g. `S-1`, `S-1/A`, `F-1`, `424B4`, `10-K`, `10-Q`.
    pub form_type: Option<String>,
    /// The registrant's name.
    pub company: Option<String>,
    /// Other documents of an EDGAR full submission, listed in order, not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exhibits: Vec<Exhibit>,
}

/// A filing read into clean pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub source: Source,
    pub filing: Filing,
    pub pages: Vec<Page>,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The number of characters of text over all pages.
    pub fn char_count(&self) -> usize {
        self.pages.iter().map(|p| p.text.chars().count()).sum()
    }
}
