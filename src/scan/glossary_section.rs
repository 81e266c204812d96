//! A filing's own glossary or definitions section, parsed entry by entry.
//!
//! The section is found by its heading ("GLOSSARY OF TECHNICAL TERMS", "DEFINITIONS", "Certain
//! Definitions", "Glossary of Terms"...; see `sentence::sections`, which already leaves out the
//! table of contents) and runs to the next section heading. Its entries come in three layouts,
//! told apart by what most of its lines look like:
//!
//! - quoted: `“term” definition`, with or without `means`/`refers to`, over several lines, the
//!   next entry starting on a line that begins with a quote after one that closed with `;` or
//!   `.` (Hong Kong prospectuses; bullets allowed);
//! - a table: cells separated by tabs, read as term, definition, term, definition... in order,
//!   which also covers two pairs side by side and cells that a converter split over lines;
//! - `Term — definition` or `Term: definition`, one entry a line.
//!
//! The section heading repeated at the top of each page is skipped.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// One glossary entry; offsets are into the text given to [`parse`].
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    /// The section heading as written.
    pub section: String,
    /// Span of the term as written.
    pub span: Range<usize>,
}

/// True for the headings of glossary and definitions sections.
pub fn is_glossary_heading(title: &str) -> bool {
    let t = title.to_uppercase();
    t.contains("GLOSSARY")
        || t.contains("DEFINITIONS")
        || t.contains("DEFINED TERMS")
        || t.starts_with("CONVENTIONS")
        || t.starts_with("CERTAIN CONVENTIONS")
        || t.starts_with("ABBREVIATIONS")
}

/// Every entry of every glossary section. `sections` are the headings of the text, in order.
pub fn parse(text: &str, sections: &[(usize, String)]) -> Vec<Entry> {
    // Headings of one glossary: the same title repeated on each page, or one that contains the
    // other ("DEFINITIONS", "DEFINITIONS AND ACRONYMS").
    let same = |a: &str, b: &str| {
        let (a, b) = (a.to_uppercase(), b.to_uppercase());
        a.contains(&b) || b.contains(&a)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < sections.len() {
        let (at, title) = &sections[i];
        if !is_glossary_heading(title) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < sections.len() && same(&sections[j].1, title) {
            j += 1;
        }
        let titles: Vec<&str> = sections[i..j].iter().map(|(_, t)| t.as_str()).collect();
        let body_start = text[*at..].find('\n').map_or(text.len(), |k| at + k + 1);
        let body_end = sections.get(j).map_or(text.len(), |(a, _)| *a);
        let end = crate::util::floor_char_boundary(text, body_end.min(body_start + 400_000))
            .max(body_start);
        let end = prose_after(text, body_start..end);
        out.extend(parse_body(text, body_start..end, title, &titles));
        i = j;
    }
    out
}

/// Where the section's entries give way to prose that no heading we know announces: after an
/// entry is complete, a paragraph (after a blank line) that starts no entry and reads as a
/// sentence of eight words or more, or the headings in capitals just before it ("CAUTIONARY
/// NOTE REGARDING FORWARD-LOOKING STATEMENTS"). The intro before the first entry is no end.
fn prose_after(text: &str, range: Range<usize>) -> usize {
    let body = &text[range.clone()];
    let tabbed = body.lines().filter(|l| has_cells(l)).count() >= 3;
    let mut seen_entry = false;
    let mut blank_before = false;
    let mut complete = false;
    let mut heading: Option<usize> = None;
    let mut at = range.start;
    for raw in body.split('\n') {
        let line_at = at;
        at += raw.len() + 1;
        let t = raw.trim();
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        if is_page_marker(t) {
            continue;
        }
        let starts_entry =
            opens_quote(t) || has_cells(raw) || dash_entry_re().is_match(t) || t.starts_with('•');
        if !seen_entry {
            seen_entry = starts_entry;
            blank_before = false;
            continue;
        }
        if is_caps_heading(t) && !t.ends_with(['.', ';', ',']) {
            heading.get_or_insert(line_at);
            blank_before = false;
            continue;
        }
        let indented = raw.starts_with(['\t', ' ']);
        let prose = blank_before
            && !starts_entry
            && !indented
            && t.starts_with(char::is_uppercase)
            && t.split_whitespace().count() >= 8
            && (complete || tabbed);
        if prose {
            return heading.unwrap_or(line_at);
        }
        heading = None;
        complete = closes_entry(t);
        blank_before = false;
    }
    range.end
}

/// A page number or marker on a line of its own: "12", "– 12 –", "iv", "S-3", "F-12".
fn is_page_marker(t: &str) -> bool {
    let digits_and_dashes = t
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    let roman = !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let lettered = t.split_once('-').is_some_and(|(a, n)| {
        (1..=2).contains(&a.len())
            && a.chars().all(|c| c.is_ascii_uppercase())
            && (1..=3).contains(&n.len())
            && n.chars().all(|c| c.is_ascii_digit())
    });
    digits_and_dashes || roman || lettered
}

/// A line of the body with its offset in the text.
struct Line<'a> {
    at: usize,
    text: &'a str,
}

fn lines_of<'a>(text: &'a str, range: Range<usize>, skip: &[&str]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for raw in text[range.clone()].split('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let t = raw.trim();
        // Page markers a cleaner could not recognize ("3 3–", "–35–", "ii", "S-3") and running
        // lines ("Table of Contents", "Acme Inc. | 2024 Form 10-K").
        let marker = is_page_marker(t);
        let running = t.eq_ignore_ascii_case("table of contents") || running_footer(t);
        if !t.is_empty() && !marker && !running && !skip.iter().any(|s| t.eq_ignore_ascii_case(s)) {
            out.push(Line {
                at: at + lead,
                text: t,
            });
        }
        at += raw.len() + 1;
    }
    out
}

/// A running footer naming the document: "Coreweft Infrastructure, Inc. | 2024 Form 10-K".
fn running_footer(t: &str) -> bool {
    t.len() <= 100
        && t.contains(" | ")
        && [
            "Form 10-K",
            "Form 10-Q",
            "Annual Report",
            "Prospectus",
            "Form 20-F",
        ]
        .iter()
        .any(|d| t.contains(d))
}

fn opens_quote(s: &str) -> bool {
    let s = s.trim_start_matches(['•', '●', '▪', '-', '–', '·', ' ']);
    s.starts_with(['“', '"'])
}

fn quoted_entry_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r#"^(?P<lead>[•●▪·\-–\s]*)[“"]\s*(?P<term>[^“”"]{1,120}?)\s*[”"]\s*(?P<rest>.*)$"#,
        )
        .expect("valid regex")
    })
}

fn dash_entry_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r#"^(?P<term>[A-Z0-9][^:—–]{0,60}?)\s*(?:\s[—–-]\s|:\s)\s*(?P<rest>\S.*)$"#)
            .expect("valid regex")
    })
}

fn parse_body(text: &str, range: Range<usize>, title: &str, skip: &[&str]) -> Vec<Entry> {
    // The quoted layout keeps the repeated headings: they close the entry before them.
    let lines = lines_of(text, range.clone(), skip);
    let all_lines = lines_of(text, range, &[]);
    if lines.is_empty() {
        return Vec::new();
    }
    let quoted = lines.iter().filter(|l| opens_quote(l.text)).count();
    let tabbed = lines.iter().filter(|l| has_cells(l.text)).count();
    let dashed = lines
        .iter()
        .filter(|l| dash_entry_re().is_match(l.text))
        .count();
    let best = quoted.max(tabbed).max(dashed);
    if best < 2 {
        return Vec::new();
    }
    if best == quoted {
        quoted_entries(&all_lines, title)
    } else if best == tabbed {
        table_entries(text, &lines, title)
    } else {
        dashed_entries(&lines, title)
    }
}

/// Strip a leading "means", "refers to", ":" or dash, and the "; and" or ";" that closes an
/// entry in a list.
fn tidy_definition(d: &str) -> String {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let lead = LEAD.get_or_init(|| {
        Regex::new(r"^(?i)\s*(?:,\s*)?(?:means|mean|shall\s+mean|refers\s+to|refer\s+to|shall\s+refer\s+to|are\s+to|is\s+to|is\s+defined\s+as|:|—|–|-)\s*")
            .expect("valid regex")
    });
    let d = d.split_whitespace().collect::<Vec<_>>().join(" ");
    let d = lead.replace(&d, "");
    let d = d.trim_end();
    let d = d
        .strip_suffix("; and")
        .or_else(|| d.strip_suffix(";and"))
        .unwrap_or(d);
    d.trim_end_matches([';', ',']).trim().to_string()
}

fn clean_term(t: &str) -> String {
    let t = t.trim().trim_end_matches([',', ';', ':']);
    // The period of an abbreviation stays ("U.K."); a closing one goes.
    let t = if t.ends_with('.') && t[..t.len() - 1].contains('.') {
        t
    } else {
        t.trim_end_matches(['.', ',', ';', ':'])
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `or “TTS”`, `, “Y”` right after the term: more names for it.
fn split_aliases(rest: &str) -> (Vec<String>, &str) {
    static ALIAS: OnceLock<Regex> = OnceLock::new();
    let alias = ALIAS.get_or_init(|| {
        Regex::new(r#"^\s*(?:(?:or|and|,)(?:\s+the)?|/)?\s*[“"]\s*([^“”"]{1,60}?)\s*[”"]"#)
            .expect("valid regex")
    });
    let mut aliases = Vec::new();
    let mut rest = rest;
    while let Some(c) = alias.captures(rest) {
        aliases.push(clean_term(&c[1]));
        rest = &rest[c.get(0).expect("whole").end()..];
    }
    (aliases, rest)
}

/// A short line in capitals: a sub-heading or running header inside the section ("PART I").
/// Letters of a script without case (a company's Chinese name) are not capitals.
fn is_caps_heading(line: &str) -> bool {
    let capitals = line.chars().filter(|c| c.is_uppercase()).count();
    line.len() <= 80
        && (capitals >= 4 || line.starts_with("PART "))
        && !line.chars().any(char::is_lowercase)
        && !opens_quote(line)
}

/// A line that ends an entry: with ";" or "." or "; and" (the last but one entry of a list).
fn closes_entry(line: &str) -> bool {
    let line = line.trim_end_matches([')', '）', '”', '"', ' ']);
    line.ends_with([';', '.'])
        || line.ends_with("; and")
        || line.ends_with("; or")
        || line.ends_with(";and")
}

/// Whether a line's end leads into the next line: a comma, hyphen or open quote, or a word that
/// cannot end a definition ("the", "of", "under", "called").
fn leads_on(line: &str) -> bool {
    let t = line.trim_end();
    if t.ends_with([',', '-', '–', '—', '“', '"', '(', '/', '&']) {
        return true;
    }
    let last = t
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "the"
            | "a"
            | "an"
            // "the section headed" then "“Glossary of Technical Terms” in this document".
            | "headed"
            | "entitled"
            | "titled"
            | "captioned"
            | "of"
            | "to"
            | "and"
            | "or"
            | "in"
            | "on"
            | "by"
            | "for"
            | "with"
            | "under"
            | "as"
            | "called"
            | "named"
            | "from"
            | "at"
            | "its"
            | "our"
            | "their"
            | "this"
            | "that"
            | "such"
            | "which"
            | "is"
            | "are"
            | "be"
            | "means"
            | "term"
            | "terms"
            | "see"
            | "into"
            | "per"
            | "than"
            | "between"
            | "among"
    )
}

fn quoted_entries(lines: &[Line], title: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut current: Option<(Entry, String)> = None;
    let mut prev_closed = true;
    let mut prev_leads_on = true;
    for line in lines {
        let leads_on = leads_on(line.text);
        // A sub-heading ("ACRONYMS") or a running header closes the entry before it.
        if is_caps_heading(line.text) {
            prev_closed = true;
            prev_leads_on = false;
            continue;
        }
        // `“Capital Market Intermediaries” or` / `“CMIs”`: the alias on the next line.
        if let Some((e, def)) = &mut current {
            // `“Articles of Association” or⇥the articles ... conditionally` over
            // `“Articles”⇥adopted on ...`: the alias wraps in the left column while the
            // definition goes on in the right one.
            let split_row = e.aliases.is_empty()
                && opens_quote(line.text)
                && ["or\t", "and\t"].iter().any(|c| def.starts_with(c));
            if split_row {
                let (more, rest) = split_aliases(line.text);
                if more.len() == 1 && rest.starts_with('\t') {
                    e.aliases.extend(more);
                    let connector = def.split('\t').next().unwrap_or("").len();
                    *def = format!("{} {}", &def[connector..], rest.trim());
                    prev_closed = closes_entry(line.text);
                    prev_leads_on = leads_on;
                    continue;
                }
            }
            let pending = def.trim();
            if opens_quote(line.text) && matches!(pending, "or" | "and" | ",") {
                let joined = format!("{pending} {}", line.text);
                let (more, rest) = split_aliases(&joined);
                if !more.is_empty() {
                    e.aliases.extend(more);
                    *def = rest.to_string();
                    prev_closed = closes_entry(line.text);
                    prev_leads_on = leads_on;
                    continue;
                }
            }
        }
        // An entry starts on a line that opens with a quote after a closed entry; or after a
        // line whose end does not lead into it ("... tasks" then "“API” application ..."),
        // for glossaries that end their entries without punctuation. A line that ends "under
        // the" or "," runs on into a quoted name.
        let starts = opens_quote(line.text) && (prev_closed || !prev_leads_on);
        if starts {
            if let Some(caps) = quoted_entry_re().captures(line.text) {
                if let Some((mut e, def)) = current.take() {
                    e.definition = tidy_definition(&def);
                    out.push(e);
                }
                let term = caps.name("term").expect("group");
                let (aliases, rest) = split_aliases(caps.name("rest").map_or("", |m| m.as_str()));
                let start = line.at + term.start();
                // The span is the term as cleaned when it is written so ("U.S." keeps its
                // period); else as written without closing punctuation.
                let cleaned = clean_term(term.as_str());
                let written = if term.as_str().starts_with(&cleaned) {
                    &term.as_str()[..cleaned.len()]
                } else {
                    term.as_str()
                        .trim_end_matches([',', ';', ':', '.'])
                        .trim_end()
                };
                current = Some((
                    Entry {
                        term: clean_term(term.as_str()),
                        aliases,
                        definition: String::new(),
                        section: title.to_string(),
                        span: start..start + written.len(),
                    },
                    rest.to_string(),
                ));
                prev_closed = closes_entry(line.text);
                prev_leads_on = leads_on;
                continue;
            }
        }
        // "...of the United States;" then "and" alone: the entry stays closed.
        if prev_closed && matches!(line.text, "and" | "or") {
            if let Some((_, def)) = &mut current {
                def.push(' ');
                def.push_str(line.text);
            }
            continue;
        }
        // Lines before the first entry are the section's introduction.
        if let Some((_, def)) = &mut current {
            def.push(' ');
            def.push_str(line.text);
        }
        prev_closed = closes_entry(line.text) || line.text.ends_with(':');
        prev_leads_on = leads_on;
    }
    if let Some((mut e, def)) = current {
        e.definition = tidy_definition(&def);
        out.push(e);
    }
    out.retain(|e| !e.term.is_empty() && !e.definition.is_empty());
    out
}

/// Cells in order, empty ones dropped, read as term, definition, term, definition.
/// The cells of a table row: split at tabs, or at runs of three or more spaces (columns a PDF
/// converter laid out with spaces).
fn cells_of(t: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Bytes, not chars: a tab or a space is never inside a multi-byte char.
        let gap = if bytes[i] == b'\t' {
            1
        } else if bytes[i..].starts_with(b"   ") {
            bytes[i..].iter().take_while(|&&b| b == b' ').count()
        } else {
            0
        };
        if gap > 0 {
            out.push((start, &t[start..i]));
            i += gap;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push((start, &t[start..]));
    out
}

/// Whether a line holds more than one cell.
fn has_cells(t: &str) -> bool {
    t.contains('\t') || t.trim().contains("   ")
}

fn table_entries(text: &str, lines: &[Line], title: &str) -> Vec<Entry> {
    let first_table_line = lines.iter().position(|l| has_cells(l.text)).unwrap_or(0);
    // Start at the line before the first tabbed one when it is a lone cell (a split row), and
    // skip a header row ("Term  Definition", "Abbreviation and Meaning").
    let mut from = first_table_line;
    if from > 0
        && !has_cells(lines[from - 1].text)
        && lines[from - 1].text.len() < 60
        && !lines[from - 1].text.ends_with([':', '.'])
    {
        from -= 1;
    }
    let header = |c: &str| {
        let l = c.to_lowercase();
        l.contains("meaning")
            || l == "term"
            || l == "terms"
            || l.contains("definition")
            || l == "abbreviation"
            || l == "description"
            // "Acronym or Term", "Term or Acronym", "Abbreviation or Term".
            || ["acronym", "abbreviation", "defined term", "term"]
                .iter()
                .filter(|w| l.contains(*w))
                .count()
                >= 2
                && l.split_whitespace().count() <= 4
    };
    // Prose after the table ends it, with the short heading line that introduces it.
    let prose = |t: &str| !has_cells(t) && t.len() > 120 && t.ends_with(['.', ':']);
    // Entries as (term at, term, definition); a term waits for its definition on a split row.
    let mut rows: Vec<(usize, &str, String)> = Vec::new();
    let mut pending: Option<(usize, &str)> = None;
    for (k, line) in lines.iter().enumerate().skip(from) {
        let t = line.text;
        if prose(t) || (!has_cells(t) && lines.get(k + 1).is_some_and(|n| prose(n.text))) {
            break;
        }
        let mut cells: Vec<(usize, &str)> = Vec::new();
        for (at, cell) in cells_of(t) {
            let c = cell.trim();
            if !c.is_empty() {
                let lead = cell.len() - cell.trim_start().len();
                cells.push((line.at + at + lead, c));
            }
        }
        // A header row, also repeated on a later page; a running header in capitals.
        // (Not a short term of a split row: "FINRA", "U.S. GAAP".)
        let running = !has_cells(t)
            && (t.split_whitespace().count() >= 3 || t.starts_with("PART "))
            && is_caps_heading(t);
        if cells.iter().all(|(_, c)| header(c)) || running {
            continue;
        }
        if rows.is_empty() && pending.is_none() {
            cells.retain(|(_, c)| !header(c));
        }
        if cells.is_empty() {
            continue;
        }
        // A row whose first cell is empty ("⇥prompt and the output.", or a deep indent of
        // spaces), or a wrapped line in lower case, goes on with the definition before it.
        let line_start = text[..line.at].rfind('\n').map_or(0, |k| k + 1);
        let indent = &text[line_start..line.at];
        let first_cell_empty = indent.ends_with('\t') || indent.len() >= 6;
        let wrapped = !has_cells(t) && t.starts_with(char::is_lowercase);
        if (first_cell_empty || wrapped) && pending.is_none() {
            if let Some(last) = rows.last_mut() {
                for (_, c) in &cells {
                    last.2.push(' ');
                    last.2.push_str(c);
                }
                continue;
            }
        }
        let mut cells = cells.into_iter();
        if let Some((at, term)) = pending.take() {
            // The definition of a split row's term.
            if let Some((_, def)) = cells.next() {
                rows.push((at, term, def.to_string()));
            }
        }
        // Two pairs side by side: "GPU⇥Graphics processing unit.⇥HBM⇥High-bandwidth memory."
        while let Some((at, term)) = cells.next() {
            match cells.next() {
                Some((_, def)) => rows.push((at, term, def.to_string())),
                None => pending = Some((at, term)),
            }
        }
    }
    rows.into_iter()
        .map(|(at, term, def)| Entry {
            term: clean_term(term),
            aliases: Vec::new(),
            definition: tidy_definition(&def),
            section: title.to_string(),
            span: at..at + term.len(),
        })
        .filter(|e| !e.term.is_empty() && !e.definition.is_empty())
        .collect()
}

fn dashed_entries(lines: &[Line], title: &str) -> Vec<Entry> {
    // Entries with their raw definitions, tidied once whole (a ";" inside one stays).
    let mut out: Vec<(Entry, String)> = Vec::new();
    for line in lines {
        if let Some(c) = dash_entry_re().captures(line.text) {
            let term = c.name("term").expect("group");
            out.push((
                Entry {
                    term: clean_term(term.as_str()),
                    aliases: Vec::new(),
                    definition: String::new(),
                    section: title.to_string(),
                    span: line.at + term.start()..line.at + term.end(),
                },
                c["rest"].to_string(),
            ));
        } else if is_caps_heading(line.text) {
            // A running header ("PART I") between the lines of a definition.
            continue;
        } else if let Some((_, def)) = out.last_mut() {
            // A definition running over to the next line.
            def.push(' ');
            def.push_str(line.text);
        }
    }
    out.into_iter()
        .map(|(mut e, def)| {
            e.definition = tidy_definition(&def);
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::sentence::sections;

    fn entries(text: &str) -> Vec<Entry> {
        let found = parse(text, &sections(text));
        for e in &found {
            assert_eq!(&text[e.span.clone()], e.term, "span slices to the term");
        }
        found
    }

    #[test]
    fn hong_kong_style_quoted_entries_over_lines_and_pages() {
        let text = "RISK FACTORS\nSome risk.\nGLOSSARY OF TECHNICAL TERMS\nIn this prospectus, the terms have the meanings below.\n\
            “AGI” artificial general intelligence, a level of AI that matches\nhuman capabilities;\n\
            ACRONYMS\n\
            “Capital Market Intermediaries” or\n“CMIs” the intermediaries in the offering;\n\
            “AI model” algorithms that transform data into outputs through its\n“intelligence,” namely, perception;\n\
            GLOSSARY OF TECHNICAL TERMS\n\
            “text-to-speech” or “TTS” converting text into speech;\n\
            \"AVOD” advertising-based video on demand;\n\
            “ MAU” monthly active users; and\n\
            “token” means the basic unit of data processed by AI models.\n\
            FORWARD-LOOKING STATEMENTS\nWe expect things.";
        let e = entries(text);
        let terms: Vec<&str> = e.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(
            terms,
            vec![
                "AGI",
                "Capital Market Intermediaries",
                "AI model",
                "text-to-speech",
                "AVOD",
                "MAU",
                "token"
            ]
        );
        assert_eq!(e[1].aliases, vec!["CMIs"]);
        assert_eq!(e[1].definition, "the intermediaries in the offering");
        let e: Vec<Entry> = e
            .into_iter()
            .filter(|x| x.term != "Capital Market Intermediaries")
            .collect();
        assert_eq!(
            e[0].definition,
            "artificial general intelligence, a level of AI that matches human capabilities"
        );
        assert_eq!(
            e[1].definition,
            "algorithms that transform data into outputs through its “intelligence,” namely, perception"
        );
        assert_eq!(e[2].aliases, vec!["TTS"]);
        assert_eq!(e[4].definition, "monthly active users");
        assert_eq!(
            e[5].definition,
            "the basic unit of data processed by AI models."
        );
        assert!(e.iter().all(|e| e.section == "GLOSSARY OF TECHNICAL TERMS"));
    }

    #[test]
    fn a_line_in_a_script_without_capitals_is_no_heading() {
        let text = "DEFINITIONS\n“Zhipu Xinpian” Zhejiang Zhipu Xinpian Technology Co., Ltd.\n(浙江智譜芯片科技\n有限公司), a limited liability company;\n“Zhuhai” Zhuhai Technology Co., Ltd.;\nRISK FACTORS\nMore.";
        let e = entries(text);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].definition,
            "Zhejiang Zhipu Xinpian Technology Co., Ltd. (浙江智譜芯片科技 有限公司), a limited liability company"
        );
    }

    #[test]
    fn table_entries_with_two_pairs_a_row_and_split_cells() {
        let text = "Glossary of Terms\nThe following terms are used in this report:\nAbbreviation and Meaning\n\
            1940 Act\nInvestment Company Act of 1940\tERM\tEnterprise Risk Management\n\
            AML\tAnti-money Laundering\tFASB\t\nFinancial Accounting Standards Board\n\
            Item 1. Financial Statements\nThe statements follow.";
        let e = entries(text);
        let pairs: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.term.as_str(), e.definition.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("1940 Act", "Investment Company Act of 1940"),
                ("ERM", "Enterprise Risk Management"),
                ("AML", "Anti-money Laundering"),
                ("FASB", "Financial Accounting Standards Board"),
            ]
        );
    }

    #[test]
    fn dash_and_colon_entries() {
        let text = "CERTAIN DEFINITIONS\nARR — annual recurring revenue at period end.\nNet retention: revenue from\nexisting customers over a year.\nRISK FACTORS\nRisky.";
        let e = entries(text);
        let pairs: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.term.as_str(), e.definition.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("ARR", "annual recurring revenue at period end."),
                (
                    "Net retention",
                    "revenue from existing customers over a year."
                ),
            ]
        );
    }
}
