//! Flat tables of reports, one row per fact, shared by the CSV and XLSX writers so both have the
//! same columns in the same order.
//!
//! Column names and order are part of the schema: add columns at the end, never rename or
//! reorder them within a version.

use std::borrow::Cow;

use super::FilingReport;

/// The tables a report flattens into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per input: provenance, counts and the error, if any.
    Filings,
    /// One row per metric.
    Metrics,
    /// One row per defined term.
    Terms,
    /// One row per glossary term used.
    Mentions,
    /// One row per input that failed.
    Errors,
}

/// One cell: text, a number (written as a number in XLSX), or nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Empty,
}

/// A column: its header and its width in XLSX (in characters).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub width: f64,
}

const fn col(name: &'static str, width: f64) -> Column {
    Column { name, width }
}

const FILINGS: &[Column] = &[
    col("path", 40.0),
    col("format", 8.0),
    col("bytes", 12.0),
    col("sha256", 20.0),
    col("company", 28.0),
    col("form_type", 10.0),
    col("pages", 8.0),
    col("metrics", 9.0),
    col("terms", 8.0),
    col("mentions", 10.0),
    col("warnings", 10.0),
    col("error_kind", 12.0),
    col("error", 50.0),
];

const METRICS: &[Column] = &[
    col("path", 40.0),
    col("company", 28.0),
    col("form_type", 10.0),
    col("kind", 22.0),
    col("value", 16.0),
    col("unit", 12.0),
    col("currency", 9.0),
    col("per", 9.0),
    col("low", 14.0),
    col("high", 14.0),
    col("qualifier", 12.0),
    col("period", 22.0),
    col("subject", 18.0),
    col("page", 7.0),
    col("section", 28.0),
    col("text", 30.0),
    col("sentence", 80.0),
    col("direction", 10.0),
    col("start", 9.0),
    col("end", 9.0),
    col("confidence", 11.0),
];

const TERMS: &[Column] = &[
    col("path", 40.0),
    col("company", 28.0),
    col("form_type", 10.0),
    col("term", 24.0),
    col("aliases", 20.0),
    col("definition", 80.0),
    col("antecedent", 30.0),
    col("source", 16.0),
    col("section", 28.0),
    col("page", 7.0),
    col("start", 9.0),
    col("end", 9.0),
    col("sentence", 80.0),
];

const MENTIONS: &[Column] = &[
    col("path", 40.0),
    col("company", 28.0),
    col("form_type", 10.0),
    col("term", 24.0),
    col("category", 16.0),
    col("count", 8.0),
    col("first_page", 10.0),
    col("pages", 40.0),
];

const ERRORS: &[Column] = &[col("path", 40.0), col("kind", 14.0), col("message", 80.0)];

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn opt(s: &Option<String>) -> Cell<'_> {
    s.as_deref().map_or(Cell::Empty, text)
}

fn num(n: impl Into<f64>) -> Cell<'static> {
    Cell::Number(n.into())
}

fn opt_num(n: Option<f64>) -> Cell<'static> {
    n.map_or(Cell::Empty, Cell::Number)
}

fn count(n: usize) -> Cell<'static> {
    Cell::Number(n as f64)
}

impl Table {
    pub const ALL: [Table; 5] = [
        Table::Filings,
        Table::Metrics,
        Table::Terms,
        Table::Mentions,
        Table::Errors,
    ];

    /// The name of the table, as a sheet name and in `--what`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Filings => "Filings",
            Table::Metrics => "Metrics",
            Table::Terms => "Terms",
            Table::Mentions => "Mentions",
            Table::Errors => "Errors",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Filings => FILINGS,
            Table::Metrics => METRICS,
            Table::Terms => TERMS,
            Table::Mentions => MENTIONS,
            Table::Errors => ERRORS,
        }
    }

    /// The rows of one report in this table, each as long as [`Table::columns`].
    pub fn rows(self, r: &FilingReport) -> Vec<Vec<Cell<'_>>> {
        let path = Cell::Text(r.source.path.to_string_lossy());
        let company = opt(&r.filing.company);
        let form = opt(&r.filing.form_type);
        let filing = || [path.clone(), company.clone(), form.clone()];
        match self {
            Table::Filings => vec![vec![
                path.clone(),
                r.source.format.map_or(Cell::Empty, |f| text(f.as_str())),
                opt_num(r.source.bytes.map(|b| b as f64)),
                opt(&r.source.sha256),
                company.clone(),
                form.clone(),
                count(r.pages),
                count(r.metrics.len()),
                count(r.terms.len()),
                count(r.mentions.len()),
                count(r.warnings.len()),
                r.error.as_ref().map_or(Cell::Empty, |e| text(&e.kind)),
                r.error.as_ref().map_or(Cell::Empty, |e| text(&e.message)),
            ]],
            Table::Metrics => r
                .metrics
                .iter()
                .map(|m| {
                    let mut row = filing().to_vec();
                    row.extend([
                        text(&m.kind),
                        num(m.value),
                        text(&m.unit),
                        opt(&m.currency),
                        opt(&m.per),
                        opt_num(m.low),
                        opt_num(m.high),
                        opt(&m.qualifier),
                        opt(&m.period),
                        opt(&m.subject),
                        num(m.page),
                        opt(&m.section),
                        text(&m.text),
                        text(&m.sentence),
                        opt(&m.direction),
                        count(m.start),
                        count(m.end),
                        num(m.confidence),
                    ]);
                    row
                })
                .collect(),
            Table::Terms => r
                .terms
                .iter()
                .map(|t| {
                    let mut row = filing().to_vec();
                    row.extend([
                        text(&t.term),
                        Cell::Text(Cow::Owned(t.aliases.join("; "))),
                        opt(&t.definition),
                        opt(&t.antecedent),
                        text(&t.source),
                        opt(&t.section),
                        num(t.page),
                        count(t.start),
                        count(t.end),
                        text(&t.sentence),
                    ]);
                    row
                })
                .collect(),
            Table::Mentions => r
                .mentions
                .iter()
                .map(|m| {
                    let pages: Vec<String> = m.pages.iter().map(u32::to_string).collect();
                    let mut row = filing().to_vec();
                    row.extend([
                        text(&m.term),
                        text(&m.category),
                        count(m.count),
                        num(m.first_page),
                        Cell::Text(Cow::Owned(pages.join(" "))),
                    ]);
                    row
                })
                .collect(),
            Table::Errors => match &r.error {
                Some(e) => vec![vec![path.clone(), text(&e.kind), text(&e.message)]],
                None => Vec::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ExtractorBuilder;
    use crate::scan::Scanner;

    #[test]
    fn every_row_is_as_long_as_the_header() {
        let doc = ExtractorBuilder::new()
            .build()
            .extract_bytes(
                "s1.txt",
                "FORM S-1\nAcme AI, Inc.\nOur large language models (“LLMs”) processed over \
                 1.2 trillion tokens per month in 2024, at $0.50 per million tokens. \
                 We use GPUs for inference."
                    .as_bytes()
                    .to_vec(),
            )
            .unwrap();
        let report = FilingReport::new(&doc, Scanner::new().scan(&doc));
        assert!(!report.metrics.is_empty() && !report.terms.is_empty());
        assert!(!report.mentions.is_empty());
        for table in Table::ALL {
            for row in table.rows(&report) {
                assert_eq!(row.len(), table.columns().len(), "{}", table.name());
            }
        }
    }
}
