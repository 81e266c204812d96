//! tokenlens reads IPO filings (PDF, EDGAR HTML, plain text) into clean, paged text and finds
//! token-economy metrics and defined terms in it.
//!
//! The flow goes one way: [`extract`] turns a file into a [`Document`] (pages of clean text with
//! provenance), [`scan`] turns a document into hits, and [`report`] writes hits as JSON, JSON
//! Lines, CSV or XLSX. [`batch`] runs that over many files on worker threads.
//!
//! ```
//! use tokenlens::extract::ExtractorBuilder;
//! use tokenlens::scan::Scanner;
//!
//! let doc = ExtractorBuilder::new()
//!     .build()
//!     .extract_bytes("filing.txt", b"FORM S-1\nWe process tokens.".to_vec())
//!     .unwrap();
//! assert_eq!(doc.filing.form_type.as_deref(), Some("S-1"));
//! let hits = Scanner::new().scan(&doc);
//! assert!(hits.metrics.is_empty());
//! ```

pub mod batch;
pub mod document;
pub mod error;
pub mod extract;
pub mod glossary;
pub mod report;
pub mod scan;
mod util;

pub use document::{Document, Format, Page, Warning};
pub use error::{Error, Result};
