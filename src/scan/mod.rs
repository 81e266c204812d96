//! `scan` turns a [`Document`] into hits: token-economy metrics, defined terms and glossary
//! mentions. Every hit points back into the document by page and byte span.
//!
//! This module fixes the shape of the hits, which the report schema (v1) publishes. The finders
//! that fill them are built in their own modules.

pub mod glossary_section;
mod metrics;
pub mod number;
pub mod sentence;
mod table;
pub mod terms;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::glossary::Glossary;

pub use metrics::MetricFinder;

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
    /// `input` or `output`, for token prices, costs and volumes that say which.
    pub direction: Option<String>,
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
///
/// The pages are read as one text (joined with a newline), so a sentence that crosses a page
/// break is found whole; each hit reports the page where it starts and its span in that page.
#[derive(Clone, Debug)]
pub struct Scanner {
    metrics: MetricFinder,
    prefilter: AhoCorasick,
    glossary: Glossary,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

/// The pages of a document as one text, with where each page starts.
struct Joined {
    text: String,
    starts: Vec<usize>,
}

impl Joined {
    fn new(doc: &Document) -> Joined {
        let mut text = String::with_capacity(doc.pages.iter().map(|p| p.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(doc.pages.len());
        for (i, page) in doc.pages.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(&page.text);
        }
        Joined { text, starts }
    }

    /// The index of the page holding byte `at`.
    fn page_index(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }
}

impl Scanner {
    /// A scanner with the built-in term lists.
    pub fn new() -> Scanner {
        Scanner::with_glossary(Glossary::builtin())
    }

    /// A scanner whose mentions come from `glossary` (see [`crate::glossary::GlossaryBuilder`]).
    pub fn with_glossary(glossary: Glossary) -> Scanner {
        Scanner {
            glossary,
            metrics: MetricFinder::new(),
            prefilter: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostFirst)
                .build(keyword_forms())
                .expect("valid keywords"),
        }
    }

    /// Compile everything compiled on first use (the number, term and sentence patterns) and
    /// fill the regexes' lazy DFAs, by scanning a short filing-like text (`warm_up.txt`) that
    /// reaches every finder: once, ahead of the real documents. The first real scan then costs
    /// about what later ones do (on a 496-page prospectus, 21 ms against 35 ms).
    pub fn warm_up(&self) {
        let text = include_str!("warm_up.txt");
        let doc = Document {
            source: crate::document::Source {
                path: "warm-up.txt".into(),
                format: crate::document::Format::Text,
                bytes: text.len() as u64,
                sha256: String::new(),
            },
            filing: crate::document::Filing::default(),
            pages: vec![crate::document::Page {
                number: 1,
                text: text.to_string(),
            }],
            warnings: Vec::new(),
        };
        let _ = self.scan(&doc);
    }

    /// Scan one document.
    pub fn scan(&self, doc: &Document) -> Hits {
        let joined = Joined::new(doc);
        let text = joined.text.as_str();
        let sections = sentence::sections(text);
        let mut hits = Hits {
            mentions: self.glossary.mentions(doc),
            terms: defined_terms(doc, &joined, &sections),
            ..Hits::default()
        };
        // Split into sentences only around keywords: the chunks of whole sentences that hold one.
        let keywords: Vec<usize> = self.prefilter.find_iter(text).map(|m| m.start()).collect();
        let mut ranges = Vec::new();
        let mut covered = 0;
        for &k in &keywords {
            if k < covered {
                continue;
            }
            let chunk = sentence::chunk_around(text, k);
            covered = chunk.end.max(k + 1);
            ranges.extend(
                sentence::sentences(&text[chunk.clone()])
                    .into_iter()
                    .map(|r| r.start + chunk.start..r.end + chunk.start),
            );
        }
        let mut keyword_at = keywords.iter().copied().peekable();
        // Table rows already read, by where they start.
        let mut rows_read = std::collections::HashSet::new();
        let mut walked_until = 0;
        for range in ranges {
            while keyword_at.peek().is_some_and(|&k| k < range.start) {
                keyword_at.next();
            }
            if keyword_at.peek().is_none_or(|&k| k >= range.end) {
                continue;
            }
            let sentence = &text[range.clone()];
            // The rows of a table under a keyword in its caption or header ("Percentage of total
            // revenue" over "Customer A⇥34%⇥22%"; "Model⇥Context window (tokens)" over
            // "Atlas-L⇥1,000,000"): rows that hold no keyword of their own.
            let rows = if range.end >= walked_until {
                table_rows_after(text, range.end)
            } else {
                Vec::new() // inside a table walked already
            };
            if let Some(last) = rows.last() {
                walked_until = last.end;
            }
            for row in rows {
                if rows_read.insert(row.start) {
                    let from = crate::util::floor_char_boundary(
                        text,
                        row.start.saturating_sub(table::HEADER_REACH),
                    );
                    let found = table::row_metrics(&text[row.clone()], &text[from..row.start]);
                    self.push_found(&mut hits, doc, &joined, &sections, row, found);
                }
            }
            if !sentence.bytes().any(|b| b.is_ascii_digit()) && !has_number_word(sentence) {
                continue;
            }
            // A table row: its figures by column, then what the prose rules find besides.
            let mut found = Vec::new();
            if sentence.contains('\t') && !rows_read.insert(range.start) {
                continue; // read already, as a row of the table above
            }
            if sentence.contains('\t') {
                let from = crate::util::floor_char_boundary(
                    text,
                    range.start.saturating_sub(table::HEADER_REACH),
                );
                found = table::row_metrics(sentence, &text[from..range.start]);
            }
            let by_column = found.len();
            for f in self.metrics.find(sentence) {
                if !found[..by_column]
                    .iter()
                    .any(|g| g.start < f.end && f.start < g.end)
                {
                    found.push(f);
                }
            }
            self.push_found(&mut hits, doc, &joined, &sections, range, found);
        }
        // Table rows read under their caption come out in the order of the text.
        hits.metrics.sort_by_key(|m| (m.page, m.start));
        // A "Revenue" row and the "Total revenue" row below it with the same figures: once.
        let mut kept: Vec<Metric> = Vec::with_capacity(hits.metrics.len());
        for m in std::mem::take(&mut hits.metrics) {
            // One figure read twice (a row reached as a row and as a sentence): once.
            let twice = kept
                .iter()
                .rev()
                .take(12)
                .any(|k| k.page == m.page && k.start == m.start && k.kind == m.kind);
            if twice {
                continue;
            }
            let repeated = matches!(m.kind.as_str(), "revenue" | "capex")
                && kept.iter().rev().take(12).any(|k| {
                    k.kind == m.kind
                        && k.value == m.value
                        && k.period == m.period
                        && k.page == m.page
                        && m.start.saturating_sub(k.end) < 600
                });
            if !repeated {
                kept.push(m);
            }
        }
        hits.metrics = kept;
        hits
    }
}

impl Scanner {
    /// Report the figures found in `range` of the joined text as metrics, in order.
    fn push_found(
        &self,
        hits: &mut Hits,
        doc: &Document,
        joined: &Joined,
        sections: &[(usize, String)],
        range: std::ops::Range<usize>,
        mut found: Vec<metrics::Found>,
    ) {
        let text = joined.text.as_str();
        let sentence = &text[range.clone()];
        found.sort_by_key(|f| f.start);
        for f in found {
            let (mut start, end) = (range.start + f.start, range.start + f.end);
            let index = joined.page_index(end.saturating_sub(1));
            if joined.page_index(start) != index {
                // A hedge on one page, the figure on the next ("over\f1.2 trillion"): the
                // span is the figure's, on its page; the hedge stays in `qualifier`.
                start = range.start + f.value_start;
                if joined.page_index(start) != index {
                    continue; // the figure itself is cut by the page break
                }
            }
            let page_start = joined.starts[index];
            let section = sections
                .iter()
                .take_while(|(at, _)| *at <= start)
                .last()
                .map(|(_, title)| title.clone());
            hits.metrics.push(Metric {
                kind: f.kind.to_string(),
                value: f.value,
                unit: f.unit,
                currency: f.currency.map(str::to_string),
                per: f.per.map(str::to_string),
                low: f.low,
                high: f.high,
                qualifier: f.qualifier.map(str::to_string),
                period: f.period,
                subject: f.subject,
                direction: f.direction.map(str::to_string),
                text: text[start..end].to_string(),
                sentence: one_line(sentence),
                section,
                page: doc.pages[index].number,
                start: start - page_start,
                end: end - page_start,
                confidence: f.confidence,
            });
        }
    }
}

/// The table rows (lines with tabs) that follow `at`, after at most three caption or header
/// lines without tabs, up to the first line without tabs after them; at most 60 rows.
fn table_rows_after(text: &str, at: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let rest = &text[at..];
    // Only right after a line end: a caption or header line, not the middle of prose (looked
    // for without scanning the rest of a long line).
    let Some(first) = rest
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .filter(|&k| rest.as_bytes()[k] == b'\n')
    else {
        return out;
    };
    let mut pos = at + first + 1;
    let mut captions = 0;
    while out.len() < 60 && pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        let line = &text[pos..end];
        if line.contains('\t') {
            if line.bytes().any(|b| b.is_ascii_digit()) {
                out.push(pos..end);
            }
        } else if out.is_empty() && captions < 3 && line.len() < 120 {
            captions += 1;
        } else {
            break;
        }
        pos = end + 1;
    }
    out
}

/// The terms the document defines: in its glossary section, inline, or in "means" clauses; the
/// first definition of each by each means.
fn defined_terms(doc: &Document, joined: &Joined, sections: &[(usize, String)]) -> Vec<Term> {
    let text = joined.text.as_str();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    // The filing's own glossary first: a "means" clause inside it is a glossary entry.
    let entries = glossary_section::parse(text, sections);
    let mut in_glossary: Vec<std::ops::Range<usize>> = Vec::new();
    for e in entries {
        let index = joined.page_index(e.span.start);
        if joined.page_index(e.span.end.saturating_sub(1)) != index {
            continue;
        }
        in_glossary.push(e.span.clone());
        if !seen.insert((crate::glossary::key(&e.term), "glossary_section")) {
            continue;
        }
        let page_start = joined.starts[index];
        let line_end = text[e.span.start..]
            .find('\n')
            .map_or(text.len(), |j| e.span.start + j);
        let line_start = text[..e.span.start].rfind('\n').map_or(0, |j| j + 1);
        out.push(Term {
            sentence: one_line(&text[line_start..line_end]),
            term: e.term,
            aliases: e.aliases,
            definition: Some(e.definition),
            antecedent: None,
            source: "glossary_section".to_string(),
            section: Some(e.section),
            page: doc.pages[index].number,
            start: e.span.start - page_start,
            end: e.span.end - page_start,
        });
    }
    let mut last_chunk: (std::ops::Range<usize>, Vec<std::ops::Range<usize>>) = (0..0, Vec::new());
    for d in terms::find(text) {
        if d.source == "means_clause" && in_glossary.iter().any(|r| r.start == d.span.start) {
            continue;
        }
        let index = joined.page_index(d.span.start);
        let page_start = joined.starts[index];
        if joined.page_index(d.span.end.saturating_sub(1)) != index {
            continue;
        }
        if !seen.insert((crate::glossary::key(&d.term), d.source)) {
            continue;
        }
        // Terms come in order: the chunk of the last one often holds this one too (and a long
        // text without sentence ends is split once, not once per term).
        if !last_chunk.0.contains(&d.span.start) {
            let chunk = sentence::chunk_around(text, d.span.start);
            let ranges = sentence::sentences(&text[chunk.clone()])
                .into_iter()
                .map(|r| r.start + chunk.start..r.end + chunk.start)
                .collect();
            last_chunk = (chunk, ranges);
        }
        let sentence = last_chunk
            .1
            .iter()
            .find(|r| r.start <= d.span.start && d.span.start < r.end)
            .map_or_else(String::new, |r| one_line(&text[r.clone()]));
        let section = sections
            .iter()
            .take_while(|(at, _)| *at <= d.span.start)
            .last()
            .map(|(_, title)| title.clone());
        out.push(Term {
            term: d.term,
            aliases: d.aliases,
            definition: d.definition,
            antecedent: d.antecedent,
            source: d.source.to_string(),
            section,
            page: doc.pages[index].number,
            start: d.span.start - page_start,
            end: d.span.end - page_start,
            sentence,
        });
    }
    out
}

/// The metric keywords, and those of several words also wrapped at each space ("capital\n
/// expenditures" in text whose lines were kept).
fn keyword_forms() -> Vec<String> {
    let mut out = Vec::new();
    for k in MetricFinder::keywords() {
        out.push(k.to_string());
        for (i, _) in k.match_indices(' ') {
            out.push(format!("{}\n{}", &k[..i], &k[i + 1..]));
        }
    }
    out
}

/// Spelled numbers that can stand for a quantity without a digit ("one trillion", "fivefold",
/// "ten times", "twice").
fn has_number_word(s: &str) -> bool {
    static WORDS: std::sync::OnceLock<AhoCorasick> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build([
                    "hundred", "thousand", "million", "billion", "trillion", "fold", "times",
                    "twice", "double", "triple",
                ])
                .expect("valid words")
        })
        .is_match(s)
}

/// A sentence on one line: line breaks and runs of spaces become single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
