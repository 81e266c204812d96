//! EDGAR HTML, XHTML and inline XBRL, bare or inside an EDGAR SGML submission.
//!
//! A small streaming tag scanner rather than a DOM: EDGAR documents are machine-written and
//! regular, and all we need is the text, the block structure, which elements are hidden, and
//! where the filer marked page breaks. One pass over the bytes, no tree, no allocation per node.
//!
//! - Blocks (`p`, `div`, `br`, headings, list items...) end lines; table rows are lines with
//!   non-empty cells separated by tabs; `$` cells are joined to the amount after them and `%`
//!   or `)` cells to the amount before them, so "$ | 1,234 | )" reads `$1,234)`.
//! - Elements styled `display:none` (the inline-XBRL header) and `head`, `script`, `style` are
//!   skipped.
//! - CSS `page-break-before`/`break-before` and `page-break-after`/`break-after` start new pages,
//!   so hits in HTML carry page numbers. Empty pages (two breaks in a row) are not counted.
//! - An EDGAR full submission (`<SEC-DOCUMENT>` with several `<DOCUMENT>`s) yields its first
//!   document, the filing itself; the other documents are listed as exhibits, not read, and
//!   uuencoded binaries among them are noted in a warning.

use std::path::Path;

use crate::document::{Exhibit, Warning};
use crate::error::Result;
use crate::util::floor_char_boundary;

use super::text;
use super::RawDocument;

/// True when the start of the file is markup we read as HTML.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let first = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
    let starts_with_tag = first.is_some_and(|i| lower[i] == b'<');
    let has = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    if has(b"<html") || has(b"<!doctype html") {
        return true;
    }
    starts_with_tag
        && [
            &b"<sec-document>"[..],
            b"<sec-header>",
            b"<document>",
            b"<ims-document>",
            b"<body",
            b"<div",
            b"<p>",
            b"<p ",
            b"<table",
            b"<font",
            b"<xbrl",
        ]
        .iter()
        .any(|n| has(n))
}

pub(crate) fn read(_path: &Path, bytes: &[u8]) -> Result<RawDocument> {
    let (text, warning) = text::decode(bytes);
    let mut raw = RawDocument::default();
    raw.warnings.extend(warning.map(Warning::document));
    let lower_head = text[..floor_char_boundary(&text, 8192)].to_ascii_lowercase();
    if lower_head.contains("<document>") || lower_head.contains("<sec-document>") {
        read_submission(&text, &mut raw);
    } else {
        raw.pages = html_to_pages(&text);
    }
    Ok(raw)
}

/// An EDGAR SGML submission: read the first `<DOCUMENT>`, list the others.
fn read_submission(text: &str, raw: &mut RawDocument) {
    let header_end = find_ci(text, "<DOCUMENT>", 0).unwrap_or(0);
    let header = &text[..header_end];
    raw.company = header_field(header, "COMPANY CONFORMED NAME:");
    raw.form_type = header_field(header, "CONFORMED SUBMISSION TYPE:");

    let mut pos = header_end;
    let mut first = true;
    while let Some(start) = find_ci(text, "<DOCUMENT>", pos) {
        let end = find_ci(text, "</DOCUMENT>", start).unwrap_or(text.len());
        let doc = &text[start + "<DOCUMENT>".len()..end];
        pos = end.max(start + 1);
        let doc_type = sgml_tag(doc, "<TYPE>").unwrap_or_else(|| "UNKNOWN".to_string());
        let filename = sgml_tag(doc, "<FILENAME>");
        let description = sgml_tag(doc, "<DESCRIPTION>");
        let body = match find_ci(doc, "<TEXT>", 0) {
            Some(i) => {
                let b = &doc[i + "<TEXT>".len()..];
                match find_ci(b, "</TEXT>", 0) {
                    Some(j) => &b[..j],
                    None => b,
                }
            }
            None => "",
        };
        let uuencoded = is_uuencoded(body);
        if first {
            first = false;
            if raw.form_type.is_none() {
                raw.form_type = Some(doc_type.clone());
            }
            if uuencoded {
                raw.warnings.push(Warning::document(format!(
                    "main document {} is a uuencoded binary: skipped",
                    filename.as_deref().unwrap_or(&doc_type)
                )));
            } else if looks_like_html(body.as_bytes()) || find_ci(body, "<html", 0).is_some() {
                raw.pages = html_to_pages(body);
            } else {
                raw.pages = text::split_pages(strip_pre(body));
            }
            continue;
        }
        if uuencoded {
            raw.warnings.push(Warning::document(format!(
                "uuencoded binary {} ({}) skipped",
                filename.as_deref().unwrap_or("unnamed"),
                doc_type
            )));
        }
        raw.exhibits.push(Exhibit {
            doc_type,
            filename,
            description,
        });
    }
    if first {
        // A `<SEC-DOCUMENT>` header without any document: read what is there as HTML.
        raw.pages = html_to_pages(text);
    }
}

fn strip_pre(body: &str) -> &str {
    let t = body.trim();
    let t = t
        .strip_prefix("<PRE>")
        .or_else(|| t.strip_prefix("<pre>"))
        .unwrap_or(t);
    t.strip_suffix("</PRE>")
        .or_else(|| t.strip_suffix("</pre>"))
        .unwrap_or(t)
}

fn is_uuencoded(body: &str) -> bool {
    let t = body.trim_start();
    let t = t.strip_prefix("<PDF>").unwrap_or(t).trim_start();
    t.starts_with("begin ") && t[6..].chars().take(3).all(|c| c.is_ascii_digit())
}

/// The rest of the line after an SGML header tag such as `<TYPE>`.
fn sgml_tag(doc: &str, tag: &str) -> Option<String> {
    let i = find_ci(doc, tag, 0)?;
    let rest = &doc[i + tag.len()..];
    let line = rest.split(['\n', '\r', '<']).next().unwrap_or("").trim();
    (!line.is_empty()).then(|| line.to_string())
}

/// A field of the EDGAR `<SEC-HEADER>`, such as `COMPANY CONFORMED NAME:`.
fn header_field(header: &str, field: &str) -> Option<String> {
    let i = header.find(field)?;
    let rest = &header[i + field.len()..];
    let line = rest.lines().next().unwrap_or("").trim();
    (!line.is_empty()).then(|| line.to_string())
}

/// Case-insensitive ASCII find of `needle` in `hay` from byte `from`.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if from >= h.len() || n.is_empty() {
        return None;
    }
    let first_lo = n[0].to_ascii_lowercase();
    let first_up = n[0].to_ascii_uppercase();
    let mut i = from;
    while i + n.len() <= h.len() {
        let j = memchr::memchr2(first_lo, first_up, &h[i..=h.len() - n.len()])?;
        let at = i + j;
        if h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Tags after which text starts on a new line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "blockquote"
            | "pre"
            | "hr"
            | "center"
            | "address"
            | "form"
            | "figure"
            | "figcaption"
            | "body"
            | "html"
            | "main"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "meta"
            | "link"
            | "input"
            | "col"
            | "area"
            | "base"
            | "wbr"
            | "source"
            | "embed"
            | "param"
            | "track"
    )
}

/// Elements whose whole content is skipped.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "head" | "script" | "style" | "title" | "noscript" | "template" | "ix:header" | "xml"
    )
}

#[derive(Debug)]
struct Open {
    name: String,
    break_after: bool,
    cell: bool,
    row: bool,
}

/// Builds pages of text from the event stream of the tag scanner.
struct Builder {
    pages: Vec<String>,
    page: String,
    /// A space is owed before the next text (collapsed whitespace).
    space: bool,
    /// Cells of the table row being read, when inside a row.
    row: Option<Vec<String>>,
    in_cell: usize,
    pre: usize,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            pages: Vec::new(),
            page: String::new(),
            space: false,
            row: None,
            in_cell: 0,
            pre: 0,
        }
    }

    fn target(&mut self) -> &mut String {
        match (&mut self.row, self.in_cell) {
            (Some(cells), n) if n > 0 => {
                if cells.is_empty() {
                    cells.push(String::new());
                }
                cells.last_mut().expect("a cell")
            }
            _ => &mut self.page,
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if self.pre > 0 {
            let t = self.target();
            t.push_str(&decoded);
            return;
        }
        let mut space = self.space;
        let mut out = std::mem::take(self.target());
        for c in decoded.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() && !out.ends_with(['\n', ' ', '\t']) {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        *self.target() = out;
        self.space = space;
    }

    /// End the current line (a block boundary). Inside a table cell it is only a space.
    fn newline(&mut self) {
        if self.in_cell > 0 && self.row.is_some() {
            self.space = true;
            return;
        }
        self.space = false;
        let page = &mut self.page;
        while page.ends_with(' ') {
            page.pop();
        }
        if !page.is_empty() && !page.ends_with('\n') {
            page.push('\n');
        }
    }

    fn start_row(&mut self) {
        self.end_row();
        self.newline();
        self.row = Some(Vec::new());
    }

    fn start_cell(&mut self) {
        if self.row.is_none() {
            // A cell outside a row: treat the table as one implicit row.
            self.row = Some(Vec::new());
        }
        if let Some(cells) = &mut self.row {
            cells.push(String::new());
        }
        self.space = false;
        self.in_cell += 1;
    }

    fn end_cell(&mut self) {
        self.in_cell = self.in_cell.saturating_sub(1);
    }

    fn end_row(&mut self) {
        let Some(cells) = self.row.take() else {
            return;
        };
        self.in_cell = 0;
        let line = join_cells(cells);
        if !line.is_empty() {
            self.newline();
            self.page.push_str(&line);
            self.page.push('\n');
        }
        self.space = false;
    }

    fn page_break(&mut self) {
        self.end_row();
        if !self.page.trim().is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        } else {
            self.page.clear();
        }
        self.space = false;
    }

    fn finish(mut self) -> Vec<String> {
        self.end_row();
        if !self.page.trim().is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
        self.pages
    }
}

/// Join a table row's cells: empty cells dropped, `$` glued to the amount after it, `%` and `)`
/// glued to the amount before it, a bullet cell put before the text after it, the rest
/// separated by tabs.
fn join_cells(cells: Vec<String>) -> String {
    let mut out: Vec<String> = Vec::with_capacity(cells.len());
    // A currency sign or a bullet waiting for the cell after it.
    let mut pending: Option<String> = None;
    for cell in cells {
        let c = cell.trim_matches(|ch: char| ch.is_whitespace() || is_invisible(ch));
        if c.is_empty() {
            continue;
        }
        if matches!(
            c,
            "•" | "●" | "◦" | "▪" | "■" | "◆" | "○" | "‣" | "⁃" | "➢" | "❖" | "·"
        ) {
            // A bullet set in its own cell belongs to the text after it.
            pending = Some(format!("{c} "));
            continue;
        }
        if matches!(c, "$" | "US$" | "€" | "£" | "¥" | "RMB" | "HK$" | "C$") {
            pending = Some(c.to_string());
            continue;
        }
        if matches!(c, "%" | ")" | ")%" | "%)" | "pts" | "bps") && !out.is_empty() {
            let last = out.last_mut().expect("non-empty");
            last.push_str(c);
            continue;
        }
        let mut text = String::with_capacity(c.len() + 4);
        if let Some(cur) = pending.take() {
            text.push_str(&cur);
        }
        text.push_str(c);
        out.push(text);
    }
    if let Some(cur) = pending {
        out.push(cur);
    }
    out.join("\t")
}

/// Characters that take no room: EDGAR fills empty cells with zero-width spaces.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

fn style_of(attrs: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let i = lower.find("style")?;
    let rest = &attrs[i + 5..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next().unwrap_or(""),
        _ => rest
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap_or(""),
    };
    Some(
        value
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase(),
    )
}

fn has_hidden_attr(attrs: &str) -> bool {
    attrs
        .split(|c: char| c.is_whitespace() || c == '/')
        .any(|a| a.eq_ignore_ascii_case("hidden"))
}

/// Convert an HTML document (or fragment) to pages of text.
pub(crate) fn html_to_pages(html: &str) -> Vec<String> {
    let mut b = Builder::new();
    let mut stack: Vec<Open> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]) else {
            b.text(&html[i..]);
            break;
        };
        let lt = i + lt;
        b.text(&html[i..lt]);
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |j| lt + j + 3);
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").unwrap_or(rest.len());
            b.text(&rest[9..end]);
            i = (lt + end + 3).min(bytes.len());
            continue;
        }
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            i = rest.find('>').map_or(bytes.len(), |j| lt + j + 1);
            continue;
        }
        let closing = next == b'/';
        let name_start = lt + 1 + closing as usize;
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_' | b'.'))
            .count();
        if name_len == 0 {
            // A lone `<` in text, as in "a < b".
            b.text("<");
            i = lt + 1;
            continue;
        }
        let tag_end = find_tag_end(bytes, name_start + name_len);
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // Without its `>` (a tag cut off by the end of input), the attributes run to the end.
        let attrs_end = if bytes.get(tag_end.wrapping_sub(1)) == Some(&b'>') {
            tag_end - 1
        } else {
            tag_end
        };
        let attrs = &html[name_start + name_len..attrs_end.max(name_start + name_len)];
        i = tag_end;
        if closing {
            close_tag(&mut b, &mut stack, &name);
            continue;
        }
        let self_closing = attrs.trim_end().ends_with('/');
        let style = style_of(attrs).unwrap_or_default();
        let hidden = style.contains("display:none") || has_hidden_attr(attrs);
        if is_skipped(&name) || (hidden && !is_void(&name) && !self_closing) {
            i = skip_element(html, i, &name);
            continue;
        }
        let break_before = style.contains("page-break-before:always")
            || style.contains("break-before:page")
            || style.contains("page-break-before:page");
        let break_after = style.contains("page-break-after:always")
            || style.contains("break-after:page")
            || style.contains("page-break-after:page");
        if break_before {
            b.page_break();
        }
        match name.as_str() {
            "tr" => b.start_row(),
            "td" | "th" => b.start_cell(),
            "table" => {
                b.end_row();
                b.newline();
            }
            "pre" => {
                b.newline();
                b.pre += 1;
            }
            n if is_block(n) => b.newline(),
            _ => {}
        }
        if is_void(&name) || self_closing {
            if name == "pre" {
                b.pre = b.pre.saturating_sub(1);
            }
            if matches!(name.as_str(), "td" | "th") {
                b.end_cell();
            }
            if break_after {
                b.page_break();
            }
            continue;
        }
        stack.push(Open {
            cell: matches!(name.as_str(), "td" | "th"),
            row: name == "tr",
            name,
            break_after,
        });
    }
    while let Some(open) = stack.pop() {
        close_effects(&mut b, &open);
    }
    b.finish()
}

fn close_tag(b: &mut Builder, stack: &mut Vec<Open>, name: &str) {
    let Some(at) = stack.iter().rposition(|o| o.name == name) else {
        if is_block(name) {
            b.newline();
        }
        return;
    };
    while stack.len() > at {
        let open = stack.pop().expect("len > at");
        close_effects(b, &open);
    }
}

fn close_effects(b: &mut Builder, open: &Open) {
    if open.cell {
        b.end_cell();
    } else if open.row {
        b.end_row();
    } else if open.name == "table" {
        b.end_row();
        b.newline();
    } else if open.name == "pre" {
        b.pre = b.pre.saturating_sub(1);
        b.newline();
    } else if is_block(&open.name) {
        b.newline();
    }
    if open.break_after {
        b.page_break();
    }
}

/// The index just past the `>` that ends a tag, honouring quoted attribute values.
fn find_tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Skip past the element `name` whose open tag ends at `from`, counting nested elements of the
/// same name. Returns the index after its close tag, or the end of input.
fn skip_element(html: &str, from: usize, name: &str) -> usize {
    let open = format!("<{name}");
    let close = format!("</{name}");
    let raw_text = matches!(name, "script" | "style" | "xml");
    let mut depth = 1usize;
    let mut i = from;
    loop {
        let next_close = find_ci(html, &close, i);
        let next_open = if raw_text {
            None
        } else {
            find_ci(html, &open, i).filter(|&o| {
                html.as_bytes()
                    .get(o + open.len())
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
            })
        };
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let end = find_tag_end(html.as_bytes(), o + open.len());
                if !html[o..end].trim_end_matches('>').ends_with('/') {
                    depth += 1;
                }
                i = end;
            }
            (_, Some(c)) => {
                let end = find_tag_end(html.as_bytes(), c + close.len());
                depth -= 1;
                if depth == 0 {
                    return end;
                }
                i = end;
            }
            (_, None) => return html.len(),
        }
    }
}

/// Decode HTML character references. Unknown named references are kept as written.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        let end = tail
            .char_indices()
            .take(33)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|(i, _)| i)
            .unwrap_or(tail.len().min(33));
        let name = &tail[..end];
        let has_semi = tail[end..].starts_with(';');
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let value = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            value.map(numeric_char)
        } else {
            named_entity(name).map(|c| c.to_string())
        };
        match decoded {
            Some(text) if !name.is_empty() => {
                out.push_str(&text);
                rest = &tail[end + has_semi as usize..];
            }
            _ => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A numeric character reference; 128-159 are read as Windows-1252, as browsers do.
fn numeric_char(n: u32) -> String {
    if (128..160).contains(&n) {
        let byte = [n as u8];
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return s.into_owned();
    }
    char::from_u32(n)
        .filter(|&c| c != '\0')
        .unwrap_or('\u{fffd}')
        .to_string()
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "NBSP" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "hellip" => '…',
        "prime" => '′',
        "Prime" => '″',
        "dagger" => '†',
        "Dagger" => '‡',
        "sect" => '§',
        "para" => '¶',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac14" => '¼',
        "frac12" => '½',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "cent" => '¢',
        "pound" => '£',
        "yen" => '¥',
        "euro" => '€',
        "curren" => '¤',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "not" => '¬',
        "macr" => '¯',
        "acute" => '´',
        "cedil" => '¸',
        "uml" => '¨',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "check" => '✓',
        "loz" => '◊',
        "squ" | "square" => '□',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "Yacute" => 'Ý',
        "szlig" => 'ß',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "yuml" => 'ÿ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("AT&amp;T &#8220;x&#x201D; &nbsp;&rsquo;&bogus; a&b &#150;"),
            "AT&T \u{201c}x\u{201d} \u{a0}\u{2019}&bogus; a&b \u{2013}"
        );
    }

    #[test]
    fn blocks_cells_and_hidden() {
        let html = r#"<html><head><title>T</title><style>p{}</style></head><body>
            <div style="display: none"><ix:header><div>hidden</div></ix:header></div>
            <p>First   paragraph
            line.</p><p>Second <b>bold</b> one.</p>
            <table><tr><td>Revenue</td><td></td><td>$</td><td>1,234</td><td>)</td></tr>
            <tr><td><p>Net</p><p>loss</p></td><td>(5</td><td>)%</td></tr></table>
            <table><tr><td>&#8226;</td><td>API access.</td><td>&#8203;</td><td>&#160;</td></tr></table>
            </body></html>"#;
        let pages = html_to_pages(html);
        assert_eq!(pages.len(), 1);
        assert_eq!(
            pages[0].trim(),
            "First paragraph line.\nSecond bold one.\nRevenue\t$1,234)\nNet loss\t(5)%\n• API access."
        );
    }

    #[test]
    fn page_breaks_before_and_after() {
        let html = r#"<div style="page-break-after:always"><p>one</p></div>
            <p>two</p><hr style="page-break-after: always"/>
            <p style="page-break-before:always">three</p>
            <div style="break-before: page"></div><div style="break-before: page">four</div>"#;
        let pages: Vec<String> = html_to_pages(html)
            .into_iter()
            .map(|p| p.trim().to_string())
            .collect();
        assert_eq!(pages, vec!["one", "two", "three", "four"]);
    }

    #[test]
    fn sgml_submission_reads_first_document_and_lists_the_rest() {
        let sub = "<SEC-DOCUMENT>0000-1\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tS-1\n\
                   COMPANY CONFORMED NAME:\t\t\tACME AI INC\n</SEC-HEADER>\n\
                   <DOCUMENT>\n<TYPE>S-1\n<SEQUENCE>1\n<FILENAME>s1.htm\n<TEXT>\n\
                   <html><body><p>Hello tokens</p></body></html>\n</TEXT>\n</DOCUMENT>\n\
                   <DOCUMENT>\n<TYPE>EX-23.1\n<SEQUENCE>2\n<FILENAME>ex23.htm\n\
                   <DESCRIPTION>CONSENT\n<TEXT>\n<html>consent</html>\n</TEXT>\n</DOCUMENT>\n\
                   <DOCUMENT>\n<TYPE>GRAPHIC\n<FILENAME>logo.jpg\n<TEXT>\nbegin 644 logo.jpg\nM_]C_\nend\n</TEXT>\n</DOCUMENT>\n";
        let raw = read(Path::new("x"), sub.as_bytes()).unwrap();
        assert_eq!(raw.pages.len(), 1);
        assert_eq!(raw.pages[0].trim(), "Hello tokens");
        assert_eq!(raw.form_type.as_deref(), Some("S-1"));
        assert_eq!(raw.company.as_deref(), Some("ACME AI INC"));
        assert_eq!(raw.exhibits.len(), 2);
        assert_eq!(raw.exhibits[0].doc_type, "EX-23.1");
        assert_eq!(raw.exhibits[0].description.as_deref(), Some("CONSENT"));
        assert!(raw.warnings.iter().any(|w| w.message.contains("uuencoded")));
    }

    #[test]
    fn a_tag_cut_off_inside_a_multibyte_character() {
        // Found by fuzzing: the attributes of a tag with no `>` were cut one byte short.
        for html in ["<p>Temperature<div class=\"x°", "<p>a<b°", "<i>é"] {
            let pages = html_to_pages(html);
            assert!(pages.join("").contains(
                html.split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap()
            ));
        }
    }

    #[test]
    fn unclosed_and_stray_tags_do_not_lose_text() {
        let pages = html_to_pages("<p>a < b <i>and</p> c</i> <unknown-tag x='>'>d");
        assert_eq!(pages[0].trim(), "a < b and\nc d");
    }
}
