//! Sentences and section headings in a document's text.
//!
//! Filings break the rules a naive splitter relies on: "Inc.", "U.S.", "No. 1", "i.e.",
//! "GLM-4.5", lines wrapped in the middle of a sentence, headings and bullets with no closing
//! punctuation, table rows. The splitter works on the whole document (pages joined), so a
//! sentence that crosses a page break is one sentence.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "lp", "plc", "no", "nos", "mr", "mrs", "ms", "dr", "jr",
    "sr", "st", "vs", "etc", "approx", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "fig", "figs", "vol", "rev", "art", "sec", "secs", "ch",
    "para", "pp", "ex", "est", "dept", "govt", "intl", "assn", "ave", "mt", "ft", "op", "cf", "al",
    "viz", "incl", "nasdaq", "e.g", "i.e", "u.s", "u.k", "n.a", "s.a", "n.v", "l.p", "p.r.c",
    "u.s.a", "a.m", "p.m",
];

/// The span of whole sentences around byte `at`: from the line break before it that ends a
/// sentence to the one after it that does. Splitting this chunk alone gives the same sentences
/// as splitting the whole text (a line break's role depends only on the two lines it joins), so
/// a scanner can split only where its keywords are.
pub fn chunk_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let line_start = |i: usize| memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |j| j + 1);
    let line_end = |i: usize| memchr::memchr(b'\n', &bytes[i..]).map_or(text.len(), |j| i + j);
    let mut start = line_start(at.min(text.len()));
    while start > 0 {
        let prev_start = line_start(start - 1);
        if ends_sentence_at_line_break(&text[prev_start..start - 1], &text[start..line_end(start)])
        {
            break;
        }
        start = prev_start;
    }
    let mut end = line_end(at.min(text.len()));
    while end < text.len() {
        let next_end = line_end(end + 1);
        let line = &text[line_start(end)..end];
        if ends_sentence_at_line_break(line, &text[end + 1..next_end]) {
            break;
        }
        end = next_end;
    }
    start..end
}

/// Split `text` into sentence spans (trimmed, never empty), in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        // A table row or a heading is a sentence of its own.
        if line.contains('\t') {
            push(&mut out, text, start..line_start);
            push(&mut out, text, line_start..line_end);
            start = line_end;
        } else {
            // Boundaries inside the line.
            for b in boundaries_in(line) {
                push(&mut out, text, start..line_start + b);
                start = line_start + b;
            }
        }
        if line_end >= text.len() {
            break;
        }
        let next_start = line_end + 1;
        let next_end =
            memchr::memchr(b'\n', &bytes[next_start..]).map_or(text.len(), |i| next_start + i);
        let next = &text[next_start..next_end];
        if ends_sentence_at_line_break(line, next) {
            push(&mut out, text, start..line_end);
            start = next_start;
        }
        line_start = next_start;
    }
    push(&mut out, text, start..text.len());
    out
}

/// The longest sentence reported: real sentences, even legal ones, stay well under it; longer
/// "sentences" are runs of table cells or text without punctuation, cut into pieces of at most
/// this many bytes (at a line break, else a semicolon, comma or space) so that no finder works
/// on megabytes at once.
pub const MAX_SENTENCE: usize = 4096;

fn push(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    let (mut start, end) = (r.start + lead, r.end - trail);
    while end - start > MAX_SENTENCE {
        let limit = crate::util::floor_char_boundary(text, start + MAX_SENTENCE);
        let window = &text[start..limit];
        let cut = [&b"\n"[..], b"; ", b", ", b" "]
            .iter()
            .find_map(|sep| {
                memchr::memmem::rfind(window.as_bytes(), sep)
                    .filter(|&k| k > MAX_SENTENCE / 2)
                    .map(|k| k + sep.len())
            })
            .unwrap_or(window.len());
        let piece = &text[start..start + cut];
        let trimmed = piece.trim_end();
        out.push(start..start + trimmed.len());
        start += cut;
        start += text[start..end].len() - text[start..end].trim_start().len();
    }
    if start < end {
        out.push(start..end);
    }
}

/// Byte offsets within a line where a new sentence starts.
fn boundaries_in(line: &str) -> Vec<usize> {
    static END: OnceLock<Regex> = OnceLock::new();
    let end = END.get_or_init(|| {
        Regex::new(r#"[.!?]["'”’)\]]*\s+(?P<next>["“‘(]?[A-Z0-9•●]|[•●▪])"#).expect("valid regex")
    });
    let mut out = Vec::new();
    if let Some(at) = glued_heading_end(line) {
        out.push(at);
    }
    for caps in end.captures_iter(line) {
        let m = caps.get(0).expect("whole match");
        let punct = line[m.start()..].chars().next().unwrap_or('.');
        if punct == '.' && is_abbreviation(&line[..m.start()]) {
            continue;
        }
        out.push(caps.name("next").expect("group").start());
    }
    // A sentence end can come before a glued heading's end ("GLOSSA.\" OF (TECHNICA)L TEn"):
    // in order, each once.
    out.sort_unstable();
    out.dedup();
    out
}

/// Where the text starts after a heading glued to it on one line ("BUSINESS Our platform
/// processed..."): two or more words in capitals (or one that names a section), then a
/// capitalized word in lower case.
fn glued_heading_end(line: &str) -> Option<usize> {
    let mut caps_words = 0;
    let mut offset = 0;
    for word in line.split(' ') {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let upper = letters > 0 && word.chars().all(|c| !c.is_lowercase());
        if upper && (letters >= 2 || word == "&" || word == "A") {
            caps_words += 1;
        } else if (caps_words >= 2 || SECTION_TITLES.contains(&line[..offset].trim_end()))
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).any(|c| c.is_lowercase())
        {
            return Some(offset);
        } else {
            return None;
        }
        offset += word.len() + 1;
    }
    None
}

/// True when the text before a period ends with an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // A single letter: an initial ("J. Smith") or part of "U.S.".
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether a line break between `line` and `next` ends a sentence. A wrapped line goes on;
/// closing punctuation, a heading, a bullet, a blank line or a table row end it.
fn ends_sentence_at_line_break(line: &str, next: &str) -> bool {
    let l = line.trim_end();
    let n = next.trim_start();
    if l.is_empty() || n.is_empty() || l.contains('\t') || n.contains('\t') {
        return true;
    }
    if n.starts_with(['•', '●', '▪', '◦', '■', '◆', '○', '‣', '⁃', '➢', '❖'])
    {
        return true;
    }
    let last = l.chars().next_back().unwrap_or(' ');
    if matches!(last, '.' | '!' | '?' | ':' | ';') || l.ends_with(".”") || l.ends_with(".\"") {
        // "Acme Inc.\nand its subsidiaries": an abbreviation with the sentence going on.
        if last == '.' && is_abbreviation(&l[..l.len() - 1]) {
            return !n.starts_with(|c: char| c.is_lowercase());
        }
        return true;
    }
    if is_heading_line(l) {
        return true;
    }
    // A short line that does not run on, followed by a capitalized one: a title.
    let short = l.chars().count() < 40;
    let runs_on = matches!(last, ',' | '-' | '–' | '(' | '&')
        || l.ends_with(" and")
        || l.ends_with(" or")
        || l.ends_with(" of")
        || l.ends_with(" the");
    short && !runs_on && n.starts_with(|c: char| c.is_uppercase()) && is_title_case(l)
}

/// "Our Platform", "Results of Operations": every word but short ones capitalized.
fn is_title_case(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    if words.peek().is_none() {
        return false;
    }
    words.all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() || !first.is_alphabetic() || w.chars().count() <= 3
    })
}

/// A line in capitals with at least two letters and no closing punctuation: a heading.
fn is_heading_line(line: &str) -> bool {
    if line.len() > 480 || line.ends_with(',') {
        return false;
    }
    let mut letters = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += c.is_alphabetic() as usize;
    }
    letters >= 2 && line.chars().count() <= 120
}

/// The major sections of prospectuses and periodic reports, upper case, for [`sections`].
const SECTION_TITLES: &[&str] = &[
    "BUSINESS",
    "CAPITALIZATION",
    "CERTAIN DEFINED TERMS",
    "CERTAIN DEFINITIONS",
    "CERTAIN RELATIONSHIPS AND RELATED PARTY TRANSACTIONS",
    "CONNECTED TRANSACTIONS",
    "CONTRACTUAL ARRANGEMENTS",
    "CONTROLS AND PROCEDURES",
    "CORNERSTONE INVESTORS",
    "DEFINITIONS",
    "DEFINITIONS AND ACRONYMS",
    "DESCRIPTION OF CAPITAL STOCK",
    "DESCRIPTION OF SHARE CAPITAL",
    "DILUTION",
    "DIVIDEND POLICY",
    "EXECUTIVE COMPENSATION",
    "EXPERTS",
    "FINANCIAL INFORMATION",
    "FINANCIAL STATEMENTS AND SUPPLEMENTARY DATA",
    "FORWARD-LOOKING STATEMENTS",
    "FUTURE PLANS AND USE OF PROCEEDS",
    "GLOSSARY",
    "GLOSSARY OF TECHNICAL TERMS",
    "GLOSSARY OF TERMS",
    "HISTORY AND CORPORATE STRUCTURE",
    "HISTORY, DEVELOPMENT AND CORPORATE STRUCTURE",
    "HISTORY, REORGANIZATION AND CORPORATE STRUCTURE",
    "INDUSTRY",
    "INDUSTRY OVERVIEW",
    "LEGAL MATTERS",
    "LEGAL PROCEEDINGS",
    "MANAGEMENT",
    "MANAGEMENT’S DISCUSSION AND ANALYSIS",
    "MANAGEMENT’S DISCUSSION AND ANALYSIS OF FINANCIAL CONDITION AND RESULTS OF OPERATIONS",
    "MANAGEMENT’S DISCUSSION AND ANALYSIS OF FINANCIAL CONDITION AND RESULTS OF OPERATION",
    "MD&A",
    "MARKET AND INDUSTRY DATA",
    "PRINCIPAL STOCKHOLDERS",
    "PRINCIPAL SHAREHOLDERS",
    "PROPERTIES",
    "PROSPECTUS SUMMARY",
    "QUANTITATIVE AND QUALITATIVE DISCLOSURES ABOUT MARKET RISK",
    "REGULATION",
    "REGULATORY OVERVIEW",
    "RISK FACTORS",
    "SELECTED CONSOLIDATED FINANCIAL DATA",
    "SELECTED FINANCIAL DATA",
    "SHARE CAPITAL",
    "SPECIAL NOTE REGARDING FORWARD-LOOKING STATEMENTS",
    "SUMMARY",
    "SUMMARY CONSOLIDATED FINANCIAL DATA",
    "SUMMARY CONSOLIDATED FINANCIAL AND OTHER DATA",
    "THE OFFERING",
    "UNDERWRITING",
    "USE OF PROCEEDS",
];

/// A glossary heading not in [`SECTION_TITLES`] as written: "GLOSSARY OF TERMS AND
/// ABBREVIATIONS", "Conventions That Apply in This Prospectus", "CERTAIN CONVENTIONS",
/// "ABBREVIATIONS". `key` is
/// `t` in upper case; a title has at most ten words, each capitalized but for small ones.
fn glossary_title(t: &str, key: &str) -> bool {
    let named = key.contains("GLOSSARY")
        || key.starts_with("CONVENTIONS")
        || key.starts_with("CERTAIN CONVENTIONS")
        || key.starts_with("ABBREVIATIONS")
        || key.contains("DEFINITIONS")
        || key.contains("DEFINED TERMS");
    let words: Vec<&str> = t.split_whitespace().collect();
    named
        && words.len() <= 10
        && !t.ends_with(|c: char| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(
                    *w,
                    "of" | "and" | "in" | "to" | "the" | "that" | "which" | "this" | "for" | "used"
                )
        })
}

/// Whether the first word of line `t` can start a heading: "Item" or the first word of a title.
/// Most lines are not headings, and this rules them out before anything is allocated.
fn may_be_heading(t: &str) -> bool {
    static FIRST: OnceLock<Vec<String>> = OnceLock::new();
    let first_words = FIRST.get_or_init(|| {
        let mut words: Vec<String> = SECTION_TITLES
            .iter()
            .filter_map(|t| t.split_whitespace().next())
            .map(|w| w.replace('’', "'"))
            // Glossary headings: "TECHNICAL GLOSSARY", "Defined Terms", "SELECTED
            // DEFINITIONS", "INDUSTRY GLOSSARY".
            .chain(
                [
                    "ITEM",
                    "CONVENTIONS",
                    "ABBREVIATIONS",
                    "TECHNICAL",
                    "DEFINED",
                    "SELECTED",
                    "INDUSTRY",
                    "KEY",
                    "GLOSSARY",
                    "DEFINITIONS",
                ]
                .map(String::from),
            )
            .collect();
        words.sort();
        words.dedup();
        words
    });
    let word = t.split_whitespace().next().unwrap_or("");
    let word = word.trim_end_matches(['.', ':']);
    let word = if word.contains('’') {
        std::borrow::Cow::Owned(word.replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    first_words
        .iter()
        .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(&word))
}

/// Section headings: `(offset, heading as written)`, in order. A heading is a line of its own
/// that names a major section ("RISK FACTORS", "Business", "Item 1A. Risk Factors",
/// "GLOSSARY OF TECHNICAL TERMS"). Table-of-contents lines, which carry page numbers, are not.
pub fn sections(text: &str) -> Vec<(usize, String)> {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    let item = ITEM.get_or_init(|| {
        Regex::new(r"(?i)^item\s+\d{1,2}[a-c]?\s*[.:—–-]\s*(.+)$").expect("valid regex")
    });
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let t = line.trim();
        // Headings start with a capital: skip the rest without allocating.
        if t.starts_with(|c: char| c.is_uppercase()) && !t.contains('\t') && may_be_heading(t) {
            let at = offset + (line.len() - line.trim_start().len());
            let key = (t.len() <= 100).then(|| {
                let title = item
                    .captures(t)
                    .map_or(t, |c| c.get(1).expect("group").as_str())
                    .trim_end_matches(['.', ':']);
                let key = title.replace('\'', "’").to_uppercase();
                key.split_whitespace().collect::<Vec<_>>().join(" ")
            });
            let starts_in_capitals = t.chars().take(2).all(|c| c.is_uppercase());
            // "Item 1A. Risk Factors", "Item 1. Financial Statements": every Item heading.
            let item_heading =
                t.len() <= 100 && t.split_whitespace().count() <= 14 && item.is_match(t);
            if item_heading
                || key
                    .as_deref()
                    .is_some_and(|k| SECTION_TITLES.contains(&k) || glossary_title(t, k))
            {
                out.push((at, t.to_string()));
            } else if let Some(end) = starts_in_capitals.then(|| glued_heading_end(t)).flatten() {
                let head = t[..end].trim_end();
                if SECTION_TITLES.contains(&head.replace('\'', "’").as_str()) {
                    out.push((at, head.to_string()));
                }
            }
        }
        offset += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_sentence_end_before_a_glued_heading_end() {
        // Found by the fuzzer: the boundaries came out of order and a span was cut backwards.
        let text = "GLOSSA.\" OF (TECHNICA)L TEn this prospectus.";
        let got = sentences(text);
        assert!(got.windows(2).all(|w| w[0].end <= w[1].start), "{got:?}");
        assert!(got.iter().all(|r| r.start < r.end && r.end <= text.len()));
    }

    #[test]
    fn abbreviations_and_decimals() {
        assert_eq!(
            split("Acme Inc. sells in the U.S. and abroad. GLM-4.5 costs $0.60 per token. No. 1 is i.e. first. Then J. Smith left."),
            vec![
                "Acme Inc. sells in the U.S. and abroad.",
                "GLM-4.5 costs $0.60 per token.",
                "No. 1 is i.e. first.",
                "Then J. Smith left."
            ]
        );
    }

    #[test]
    fn wrapped_lines_headings_bullets_and_tables() {
        let text = "BUSINESS\nIn the quarter our platform processed over\n1.2 trillion tokens per month. It grew.\n• First bullet\n• Second bullet\nRevenue\t$1,234\nOur Platform\nWe serve developers.";
        assert_eq!(
            split(text),
            vec![
                "BUSINESS",
                "In the quarter our platform processed over\n1.2 trillion tokens per month.",
                "It grew.",
                "• First bullet",
                "• Second bullet",
                "Revenue\t$1,234",
                "Our Platform",
                "We serve developers."
            ]
        );
    }

    #[test]
    fn spans_slice_and_cover_non_space_text() {
        let text = "One. Two!\n\nThree?  “Four.” (Five.)";
        let spans = sentences(text);
        assert_eq!(
            split(text),
            vec!["One.", "Two!", "Three?", "“Four.”", "(Five.)"]
        );
        for r in spans {
            assert!(!text[r].trim().is_empty());
        }
    }

    #[test]
    fn chunks_split_like_the_whole_text() {
        let text = "HEADING\nWe processed over\n1.2 trillion tokens. It grew.\n\nRevenue\t$1\nOur Platform\nWe serve developers with more\nthan 5 models.\nLast line";
        let whole = sentences(text);
        for at in 0..text.len() {
            let chunk = chunk_around(text, at);
            assert!(chunk.start <= at.min(text.len()) && at <= chunk.end.max(at));
            let local: Vec<Range<usize>> = sentences(&text[chunk.clone()])
                .into_iter()
                .map(|r| r.start + chunk.start..r.end + chunk.start)
                .collect();
            for r in &local {
                assert!(
                    whole.contains(r),
                    "{:?} from chunk {:?}",
                    &text[r.clone()],
                    chunk
                );
            }
        }
    }

    #[test]
    fn runs_without_sentence_ends_are_cut_into_bounded_pieces() {
        let mut text = "Our platform served 5 million users. ".to_string();
        let cells: Vec<String> = (0..3000).map(|i| format!("Cell{i} 12,345,")).collect();
        text.push_str(&cells.join(" "));
        text.push_str(" end. Last sentence.");
        let spans = sentences(&text);
        assert_eq!(
            &text[spans[0].clone()],
            "Our platform served 5 million users."
        );
        assert_eq!(&text[spans.last().unwrap().clone()], "Last sentence.");
        assert!(spans.len() > 10);
        let mut at = 0;
        for r in &spans {
            assert!(r.len() <= MAX_SENTENCE, "{} bytes", r.len());
            // In order, nothing but spaces between them, each cut after a comma.
            assert!(text[at..r.start].trim().is_empty());
            at = r.end;
        }
        assert!(spans[1..spans.len() - 2]
            .iter()
            .all(|r| text[r.clone()].ends_with(',')));
        // A long line break-free run of one word is cut anyway, at a char boundary.
        let word = "é".repeat(5000);
        for r in sentences(&word) {
            assert!(r.len() <= MAX_SENTENCE && word.is_char_boundary(r.start));
        }
    }

    #[test]
    fn headings_glued_to_text() {
        assert_eq!(
            split("BUSINESS Our platform processed 1 trillion tokens. It grew."),
            vec![
                "BUSINESS",
                "Our platform processed 1 trillion tokens.",
                "It grew."
            ]
        );
        assert_eq!(
            split("The US GAAP Rules apply."),
            vec!["The US GAAP Rules apply."]
        );
        let s = sections("RISK FACTORS Investing in our stock is risky.\n");
        assert_eq!(s, vec![(0, "RISK FACTORS".to_string())]);
    }

    #[test]
    fn section_headings() {
        let text = "TABLE OF CONTENTS\nRisk Factors\t12\nPROSPECTUS SUMMARY\nText.\nItem 1A. Risk Factors\nMore.\nGlossary of Technical Terms\n";
        let s = sections(text);
        let titles: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "PROSPECTUS SUMMARY",
                "Item 1A. Risk Factors",
                "Glossary of Technical Terms"
            ]
        );
        assert_eq!(&text[s[0].0..s[0].0 + 7], "PROSPEC");
    }
}
