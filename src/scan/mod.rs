//! `scan` turns a [`Document`] into hits: token-economy metrics, defined terms and glossary
//! mentions. Every hit points back into the document by page and byte span.
//!
//! This module fixes the shape of the hits, which the report schema (v1) publishes. The finders
//! that fill them are built in their own modules.

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// A token-economy figure found in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// What is measured, e.g. `token_volume`, `token_price`.
    pub kind: String,
    /// The value in the kind's canonical unit (the low end for ranges).
    pub value: f64,
    pub unit: String,
    /// ISO 4217 code, for money.
    pub currency: Option<String>,
    /// Rate period: `second|minute|hour|day|week|month|quarter|year`.
    pub per: Option<String>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// `approximately|over|at_least|up_to|under|nearly`.
    pub qualifier: Option<String>,
    /// The time the figure refers to, as stated.
    pub period: Option<String>,
    /// The model or product named with it.
    pub subject: Option<String>,
    /// The matched words.
    pub text: String,
    pub sentence: String,
    pub section: Option<String>,
    pub page: u32,
    pub start: usize,
    pub end: usize,
    pub confidence: f64,
}

/// A term the filing defines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: Option<String>,
    /// For inline definitions, the full name being abbreviated.
    pub antecedent: Option<String>,
    /// `glossary_section|inline|means_clause`.
    pub source: String,
    pub section: Option<String>,
    pub page: u32,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
}

/// A built-in or user glossary term that the filing uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub term: String,
    pub category: String,
    pub count: usize,
    pub first_page: u32,
    pub pages: Vec<u32>,
}

/// Everything `scan` found in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    pub metrics: Vec<Metric>,
    pub terms: Vec<Term>,
    pub mentions: Vec<Mention>,
}

/// Finds hits in documents. Build once, scan many documents.
#[derive(Clone, Debug, Default)]
pub struct Scanner {}

impl Scanner {
    pub fn new() -> Scanner {
        Scanner {}
    }

    /// Scan one document.
    pub fn scan(&self, _doc: &Document) -> Hits {
        Hits::default()
    }
}
