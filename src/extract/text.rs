//! Plain text and Markdown: decoding and page splitting.
//!
//! Pages split at form feeds (`\f`, as pdftotext and old EDGAR text filings write them) and at
//! EDGAR's `<PAGE>` marker lines; a file with neither is one page. Bytes that are not UTF-8 are
//! read as Windows-1252 (a superset of the printable Latin-1 range), which is what EDGAR's older
//! text filings are in; UTF-16 with a byte-order mark is decoded too.

use std::borrow::Cow;
use std::path::Path;

use crate::document::Warning;
use crate::error::Result;

use super::RawDocument;

pub(crate) fn read(_path: &Path, bytes: &[u8]) -> Result<RawDocument> {
    let (text, warning) = decode(bytes);
    let mut raw = RawDocument {
        pages: split_pages(&text)
            .into_iter()
            .map(|p| columns_to_tabs(&p))
            .collect(),
        ..RawDocument::default()
    };
    raw.warnings.extend(warning.map(Warning::document));
    Ok(raw)
}

/// Decode bytes to text: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252.
/// The second value is a warning when a fallback was used.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let warning = had_errors
            .then(|| format!("invalid {} sequences replaced with U+FFFD", encoding.name()));
        return (text, warning);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (
                text,
                Some("not valid UTF-8: read as Windows-1252".to_string()),
            )
        }
    }
}

/// Split text into pages at form feeds and EDGAR `<PAGE>` lines.
pub(crate) fn split_pages(text: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut current = String::with_capacity(text.len().min(1 << 16));
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare.trim().eq_ignore_ascii_case("<PAGE>") {
            pages.push(std::mem::take(&mut current));
            continue;
        }
        let mut parts = line.split('\x0c');
        current.push_str(parts.next().unwrap_or(""));
        for part in parts {
            pages.push(std::mem::take(&mut current));
            current.push_str(part);
        }
    }
    pages.push(current);
    // A trailing form feed ends the last page; it does not start an empty one.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Table columns laid out with spaces (EDGAR's text filings, `pdftotext -layout`) as tabs, the
/// way the other readers give cells: a run of three or more spaces inside a line becomes one
/// tab when a figure follows it (`Revenue    1,234    987`) or when the line has two such runs
/// (a header row). Indentation and single or double spaces stay.
pub(crate) fn columns_to_tabs(page: &str) -> String {
    if !page.contains("   ") {
        return page.to_string();
    }
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        // The interior runs: (start, end) in `body`.
        let bytes = body.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b' ' {
                let j = i + bytes[i..].iter().take_while(|&&b| b == b' ').count();
                let interior = j < bytes.len() && !matches!(bytes[j], b'\n' | b'\r');
                if j - i >= 3 && interior {
                    runs.push((i, j));
                }
                i = j;
            } else {
                i += 1;
            }
        }
        let figure_after = |j: usize| {
            body[j..].starts_with(|c: char| {
                c.is_ascii_digit()
                    || matches!(c, '$' | '(' | '-' | '—' | '–' | '%' | '€' | '£' | '¥')
            }) || body[j..].starts_with("RMB")
                || body[j..].starts_with("US$")
                || body[j..].starts_with("HK$")
        };
        // One gap between words is a table's only when figures follow it, or when the line is
        // a header indented over the value columns ("      Time to first token (ms)     Output
        // speed (tokens/s)").
        let header = indent.len() >= 8 && !body.trim_end().ends_with('.');
        let keep: Vec<&(usize, usize)> = runs
            .iter()
            .filter(|(_, j)| runs.len() >= 2 || header || figure_after(*j))
            .collect();
        if keep.is_empty() {
            out.push_str(line);
            continue;
        }
        out.push_str(indent);
        let mut at = 0;
        for &&(i, j) in &keep {
            out.push_str(&body[at..i]);
            out.push('\t');
            at = j;
        }
        out.push_str(&body[at..]);
    }
    out
}

/// True when bytes look like binary data rather than text in any encoding we read: NUL bytes
/// (outside UTF-16 with a BOM) or many C0 control bytes in the first 8 KiB.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_columns_become_tabs() {
        assert_eq!(
            columns_to_tabs("Revenue      1,234      987\n   Indented prose   stays.\n"),
            "Revenue\t1,234\t987\n   Indented prose   stays.\n"
        );
        assert_eq!(
            columns_to_tabs("          2025        2024\nTerm   Definition   here\n"),
            "          2025\t2024\nTerm\tDefinition\there\n"
        );
        // A header indented over the value columns; an indented sentence stays.
        assert_eq!(
            columns_to_tabs(
                "            Time to first token (ms)     Output speed (tokens/s)\n\
                 Nova-Air      180      212\n\
                 \x20           We grew   fast.\n"
            ),
            "            Time to first token (ms)\tOutput speed (tokens/s)\n\
             Nova-Air\t180\t212\n\
             \x20           We grew   fast.\n"
        );
    }

    #[test]
    fn form_feeds_split_pages() {
        assert_eq!(split_pages("a\x0cb\x0c"), vec!["a", "b"]);
        assert_eq!(split_pages("one page"), vec!["one page"]);
        assert_eq!(split_pages("a\n<PAGE>\nb\n"), vec!["a\n", "b\n"]);
    }

    #[test]
    fn windows_1252_fallback() {
        let (text, warning) = decode(b"the \x93Company\x94 \x96 caf\xe9");
        assert_eq!(text, "the \u{201c}Company\u{201d} \u{2013} caf\u{e9}");
        assert!(warning.is_some());
        let (text, warning) = decode("caf\u{e9}".as_bytes());
        assert_eq!(text, "caf\u{e9}");
        assert!(warning.is_none());
    }

    #[test]
    fn utf16_with_bom() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&bytes).0, "hi");
        assert!(!looks_binary(&bytes));
    }
}
