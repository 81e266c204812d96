//! `report` turns documents and hits into records and writes them.
//!
//! The records here are the output schema, version [`SCHEMA_VERSION`], documented in the README
//! and in `schema/tokenlens-v1.schema.json`. Field names are a contract with scripts and
//! spreadsheets downstream: add fields, never rename or remove them within a version.

mod csv;
mod glossary;
mod json;
mod jsonl;
mod table;
mod xlsx;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::{Document, Filing, Format, Page, Source, Warning};
use crate::error::Error;
use crate::scan::{Hits, Mention, Metric, Term};

pub use csv::{csv_field, CsvWriter};
pub use glossary::{FilingError, GlossaryOutput};
pub use json::JsonWriter;
pub use jsonl::JsonlWriter;
pub use table::{Cell, Table};
pub use xlsx::XlsxWriter;

/// The version of the output schema.
pub const SCHEMA_VERSION: u32 = 1;

/// `tokenlens <version>`, as written to the `tool` field.
pub fn tool_name() -> String {
    format!("tokenlens {}", env!("CARGO_PKG_VERSION"))
}

/// The top-level document `scan --format json` prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanOutput {
    pub schema_version: u32,
    pub tool: String,
    pub filings: Vec<FilingReport>,
}

/// Where a report's input came from. For an input that could not be read, only `path` is
/// certain; the rest is `null` when unknown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The path as given or found; a name that is not UTF-8 is written with U+FFFD in place of
    /// the bytes that are not.
    #[serde(serialize_with = "crate::util::path_lossy")]
    pub path: PathBuf,
    pub format: Option<Format>,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
}

impl From<&Source> for SourceRecord {
    fn from(source: &Source) -> SourceRecord {
        SourceRecord {
            path: source.path.clone(),
            format: Some(source.format),
            bytes: Some(source.bytes),
            sha256: Some(source.sha256.clone()),
        }
    }
}

/// Why an input gave no report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    /// Stable machine-readable kind, e.g. `not_found`, `encrypted`, `corrupt`.
    pub kind: String,
    /// One line for people, naming the path.
    pub message: String,
}

/// The report on one input file: its hits, or the error that stopped it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingReport {
    pub source: SourceRecord,
    pub filing: Filing,
    /// Number of pages read.
    pub pages: usize,
    pub metrics: Vec<Metric>,
    pub terms: Vec<Term>,
    pub mentions: Vec<Mention>,
    pub warnings: Vec<Warning>,
    pub error: Option<ErrorRecord>,
}

impl FilingReport {
    /// The report on a document that was read.
    pub fn new(doc: &Document, hits: Hits) -> FilingReport {
        FilingReport {
            source: SourceRecord::from(&doc.source),
            filing: doc.filing.clone(),
            pages: doc.pages.len(),
            metrics: hits.metrics,
            terms: hits.terms,
            mentions: hits.mentions,
            warnings: doc.warnings.clone(),
            error: None,
        }
    }

    /// The record of an input that could not be read.
    pub fn failed(path: &Path, error: &Error) -> FilingReport {
        let source = SourceRecord {
            path: path.to_path_buf(),
            format: None,
            bytes: None,
            sha256: None,
        };
        FilingReport::failed_source(source, error)
    }

    /// The record of an input that was read (and hashed) but could not be analyzed.
    pub fn failed_source(source: SourceRecord, error: &Error) -> FilingReport {
        FilingReport {
            source,
            filing: Filing::default(),
            pages: 0,
            metrics: Vec::new(),
            terms: Vec::new(),
            mentions: Vec::new(),
            warnings: Vec::new(),
            error: Some(ErrorRecord {
                kind: error.kind().to_string(),
                message: error.to_string(),
            }),
        }
    }
}

/// What `text --json` prints: a document's pages with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextOutput {
    pub schema_version: u32,
    pub tool: String,
    pub source: SourceRecord,
    pub filing: Filing,
    pub pages: Vec<Page>,
    pub warnings: Vec<Warning>,
}

impl TextOutput {
    pub fn new(doc: &Document) -> TextOutput {
        TextOutput {
            schema_version: SCHEMA_VERSION,
            tool: tool_name(),
            source: SourceRecord::from(&doc.source),
            filing: doc.filing.clone(),
            pages: doc.pages.clone(),
            warnings: doc.warnings.clone(),
        }
    }
}
