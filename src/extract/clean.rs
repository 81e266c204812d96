//! Clean text, the same for every format.
//!
//! Real filings are messy: ligature glyphs, non-breaking and odd spaces, soft hyphens, words
//! hyphenated across line ends, running headers and footers, and page numbers standing alone on
//! a line, sometimes in the middle of a sentence that a page break cut. Cleaning makes the text
//! read as the filer wrote it. Quotes are kept as in the source (straight or curly), because the
//! term finders need them. The cleaned page text is the reference for every span in a report.

use std::collections::HashMap;

/// Clean one page on its own: characters, hyphenation, page-number lines, blank runs.
///
/// ```
/// let page = tokenlens::extract::clean_page("the e\u{FB03}cient dif-\nferences\u{a0}of\n2\n1 million");
/// assert_eq!(page, "the efficient differences of\n1 million");
/// ```
pub fn clean_page(raw: &str) -> String {
    let text = normalize_chars(raw);
    let vocab = Vocabulary::of(std::slice::from_ref(&text));
    let lines = join_bullets(join_hyphenated(&text, &vocab));
    let lines = drop_interior_page_numbers(lines);
    assemble(&lines)
}

/// Clean every page, then remove running headers and footers and page-number lines at the top
/// and bottom of pages.
pub(crate) fn clean_document(pages: Vec<String>) -> Vec<String> {
    let texts: Vec<String> = pages.iter().map(|p| normalize_chars(p)).collect();
    drop(pages);
    let vocab = Vocabulary::of(&texts);
    let mut pages: Vec<Vec<String>> = texts
        .iter()
        .map(|text| drop_interior_page_numbers(join_bullets(join_hyphenated(text, &vocab))))
        .collect();
    drop_running_lines(&mut pages);
    pages.iter().map(|lines| assemble(lines)).collect()
}

/// Map ligatures, odd spaces and line separators to plain text; drop invisible characters.
fn normalize_chars(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{2028}' | '\u{2029}' | '\u{0B}' => out.push('\n'),
            '\u{0C}' => out.push('\n'),
            '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// How often the document writes a word pair with a hyphen ("decision-making") and as one word
/// ("decisionmaking"), for the pairs that a line end splits. This decides whether a hyphen at a
/// line end is part of the word or only a break.
struct Vocabulary {
    counts: HashMap<String, u32>,
}

impl Vocabulary {
    fn of(texts: &[String]) -> Vocabulary {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for text in texts {
            let mut prev: Option<String> = None;
            for line in text.split('\n') {
                let line = line.trim_end();
                if let Some(left) = prev.take() {
                    if let Some(right) = first_word(line) {
                        counts.entry(format!("{left}-{right}")).or_insert(0);
                        counts.entry(format!("{left}{right}")).or_insert(0);
                    }
                }
                if ends_with_broken_word(line) {
                    prev = last_word(&line[..line.len() - 1]);
                }
            }
        }
        if counts.is_empty() {
            return Vocabulary { counts };
        }
        let mut key = String::new();
        for text in texts {
            for token in text.split(|c: char| c.is_whitespace()) {
                let token = token.trim_matches(|c: char| !c.is_alphanumeric());
                if token.len() < 3 {
                    continue;
                }
                key.clear();
                key.extend(token.chars().flat_map(char::to_lowercase));
                if let Some(n) = counts.get_mut(key.as_str()) {
                    *n += 1;
                }
            }
        }
        Vocabulary { counts }
    }

    /// True when `left-right` is a compound: the document writes it with its hyphen more often
    /// than as one word, or, when it writes neither, `left` is a prefix that English joins with a
    /// hyphen ("high-technology", "self-developed", "third-party").
    fn keeps_hyphen(&self, left: &str, right: &str) -> bool {
        let count = |k: String| self.counts.get(&k).copied().unwrap_or(0);
        let hyphenated = count(format!("{left}-{right}"));
        let joined = count(format!("{left}{right}"));
        if hyphenated != joined {
            return hyphenated > joined;
        }
        const PREFIXES: &[&str] = &[
            "all", "cross", "ever", "first", "full", "high", "large", "long", "low", "mid", "non",
            "one", "real", "second", "self", "short", "small", "third", "top", "well", "wide",
            "year",
        ];
        PREFIXES.contains(&left)
    }
}

/// The last word of a line, lowercased (letters only).
fn last_word(line: &str) -> Option<String> {
    let word = line.rsplit(|c: char| !c.is_alphabetic()).next()?;
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// The first word of a line, lowercased (letters only).
fn first_word(line: &str) -> Option<String> {
    let word = line
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()?;
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// Split into lines with trailing spaces trimmed, joining words hyphenated across a line end
/// ("dif-\nferences" becomes "differences", the rest of the next line kept on this one). The
/// hyphen stays when the word is a compound: when the part before it already has a hyphen
/// ("state-of-the-\nart"), or when the document elsewhere writes the pair with a hyphen more
/// often than without ("decision-\nmaking").
fn join_hyphenated(text: &str, vocab: &Vocabulary) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // A line that ended in a broken word, and whether its hyphen was taken off.
    let mut carry: Option<(String, bool)> = None;
    for line in text.split('\n') {
        let line = line.trim_end();
        let mut current = match carry.take() {
            Some((mut head, popped))
                if line.trim_start().starts_with(|c: char| c.is_lowercase()) =>
            {
                if popped {
                    let left = last_word(&head);
                    let right = first_word(line);
                    if let (Some(l), Some(r)) = (left, right) {
                        if vocab.keeps_hyphen(&l, &r) {
                            head.push('-');
                        }
                    }
                }
                head.push_str(line.trim_start());
                head
            }
            Some((mut head, popped)) => {
                if popped {
                    head.push('-');
                }
                lines.push(head);
                line.to_string()
            }
            None => line.to_string(),
        };
        if ends_with_broken_word(&current) {
            // In a compound ("state-of-the-\nart") the hyphen is part of the word: keep it.
            let word = current.rsplit(char::is_whitespace).next().unwrap_or("");
            if word[..word.len() - 1].contains('-') {
                carry = Some((current, false));
                continue;
            }
            current.pop();
            carry = Some((current, true));
            continue;
        }
        lines.push(current);
    }
    if let Some((mut head, popped)) = carry {
        if popped {
            head.push('-');
        }
        lines.push(head);
    }
    lines
}

/// True when a line ends in `letter letter -`, and so may be a word broken at the line end; it
/// is joined only when the next line goes on in lower case.
fn ends_with_broken_word(line: &str) -> bool {
    let mut rev = line.chars().rev();
    rev.next() == Some('-')
        && rev.next().is_some_and(|c| c.is_lowercase())
        && rev.next().is_some_and(|c| c.is_alphabetic())
}

/// A line that is only a page number: `12`, `- 12 -`, `–5 6–`, `Page 12`, `Page 12 of 300`,
/// `F-12`, or a lowercase roman numeral. Returns the number when it is Arabic.
fn page_number_line(line: &str) -> Option<Option<u32>> {
    let t = line.trim();
    if t.is_empty() || t.len() > 24 {
        return None;
    }
    let t = t
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '|' | '(' | ')' | '[' | ']'))
        .trim();
    let t = strip_prefix_ci(t, "page ").unwrap_or(t);
    let t = match t.find(" of ") {
        Some(i) if t[i + 4..].trim().chars().all(|c| c.is_ascii_digit()) => &t[..i],
        _ => t,
    };
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.len() <= 4 && digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(digits.parse().ok());
    }
    // Exhibit, supplement and financial-statement pages: F-12, A-3, S-1, S-ii.
    if let Some((p, n)) = t.split_once('-') {
        if p.len() == 1
            && p.chars().all(|c| c.is_ascii_uppercase())
            && !n.is_empty()
            && n.len() <= 4
            && (n.chars().all(|c| c.is_ascii_digit()) || is_roman(n))
        {
            return Some(None);
        }
    }
    if is_roman(t) {
        return Some(None);
    }
    None
}

/// A short lowercase roman numeral, as front-matter pages are numbered.
fn is_roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
}

/// A line that is only a list bullet.
fn is_bullet(line: &str) -> bool {
    matches!(
        line.trim(),
        "•" | "●" | "◦" | "▪" | "■" | "◆" | "○" | "‣" | "⁃" | "➢" | "❖" | "·"
    )
}

/// Put a bullet that stands alone on its line (the filer set it in its own cell or box) in
/// front of the text that follows it: "•\nWe sell" becomes "• We sell".
fn join_bullets(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut bullet: Option<String> = None;
    for line in lines {
        if is_bullet(&line) {
            if let Some(b) = bullet.replace(line.trim().to_string()) {
                out.push(b);
            }
            continue;
        }
        match bullet.take() {
            Some(b) if line.trim().is_empty() => bullet = Some(b),
            Some(b) => out.push(format!("{b} {}", line.trim_start())),
            None => out.push(line),
        }
    }
    out.extend(bullet);
    out
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Drop page-number lines that interrupt a sentence: the previous text line ends without
/// closing punctuation and the next one goes on in lower case or with a digit ("more than\n2\n1
/// million people"). Also drops dash-framed markers such as `–3 5–` anywhere.
fn drop_interior_page_numbers(lines: Vec<String>) -> Vec<String> {
    let mut keep = vec![true; lines.len()];
    for i in 0..lines.len() {
        let line = lines[i].trim();
        if page_number_line(line).is_none() {
            continue;
        }
        let framed = line.starts_with(['-', '–', '—']) && line.ends_with(['-', '–', '—']);
        if framed {
            keep[i] = false;
            continue;
        }
        if !line.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let prev = (0..i)
            .rev()
            .find(|&j| keep[j] && !lines[j].trim().is_empty())
            .map(|j| lines[j].trim_end());
        let next = (i + 1..lines.len())
            .find(|&j| !lines[j].trim().is_empty())
            .map(|j| lines[j].trim_start());
        let (Some(prev), Some(next)) = (prev, next) else {
            continue;
        };
        let prev_open = prev
            .chars()
            .last()
            .is_some_and(|c| c.is_lowercase() || c == ',');
        let next_goes_on = next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if prev_open && next_goes_on {
            keep[i] = false;
        }
    }
    lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect()
}

/// How many non-empty lines at each end of a page may be a running header or footer.
const EDGE: usize = 3;

/// Remove running headers and footers (the same line, digits aside, at the top or bottom of many
/// pages) and page numbers at the top or bottom of a page.
fn drop_running_lines(pages: &mut [Vec<String>]) {
    let n = pages.len();
    if n >= 4 {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for lines in pages.iter() {
            let mut keys: Vec<String> = edge_indices(lines)
                .into_iter()
                .map(|i| running_key(&lines[i]))
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                *seen.entry(k).or_default() += 1;
            }
        }
        let threshold = (n * 3 / 10).max(3);
        for lines in pages.iter_mut() {
            let drop: Vec<usize> = edge_indices(lines)
                .into_iter()
                .filter(|&i| {
                    let k = running_key(&lines[i]);
                    !k.is_empty() && seen.get(&k).is_some_and(|&c| c >= threshold)
                })
                .collect();
            for i in drop {
                lines[i].clear();
            }
        }
    }
    let max_page = n as u32 + 50;
    for lines in pages.iter_mut() {
        for i in edge_indices(lines) {
            match page_number_line(&lines[i]) {
                Some(Some(num)) if num <= max_page => lines[i].clear(),
                Some(None) => lines[i].clear(),
                _ => {}
            }
        }
    }
}

/// Indices of the first and last [`EDGE`] non-empty lines.
fn edge_indices(lines: &[String]) -> Vec<usize> {
    let non_empty: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    // On a short page, the top half and the bottom half.
    let k = EDGE.min(non_empty.len().div_ceil(2));
    let mut v: Vec<usize> = non_empty[..k].to_vec();
    let tail = EDGE.min(non_empty.len() / 2);
    v.extend_from_slice(&non_empty[non_empty.len() - tail..]);
    v
}

/// A line with digits masked, spaces collapsed and case folded, so "Page 3" and "Page 4" match.
/// Long lines are never running lines.
fn running_key(line: &str) -> String {
    let t = line.trim();
    if t.chars().count() > 120 {
        return String::new();
    }
    let mut key = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    // A bare number is handled as a page number, not as a running line.
    if key == "#" {
        return String::new();
    }
    key
}

/// Join lines, collapsing runs of blank lines to one and trimming the ends of the page.
fn assemble(lines: &[String]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    let mut blank = 0;
    for line in lines {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&figure_cells(line.trim_end()));
    }
    out
}

/// A row without the dot leaders that run from its label to its cells: "Revenue(1)
/// ..........⇥$ 1,046" is "Revenue(1)⇥$ 1,046".
fn without_leaders(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("...") {
        return std::borrow::Cow::Borrowed(line);
    }
    let cells: Vec<&str> = line
        .split('\t')
        .map(|c| {
            let t = c.trim_end_matches([' ', '.', '…']);
            let cut = &c[t.len()..];
            let leader =
                cut.matches('.').count() >= 3 || (cut.starts_with(' ') && cut.contains('.'));
            if leader {
                t
            } else {
                c
            }
        })
        .collect();
    std::borrow::Cow::Owned(cells.join("\t"))
}

/// A header of periods whose cells lost their tabs, each period of several words: "Mar. 31,
/// 2025 Jun. 30, 2025", "Q1 2025 Q2 2025", "FY2024 FY2025" (years alone are figures, above).
/// The periods joined by tabs, or `None` when the line is anything else.
fn period_header(line: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = |w: &str| {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        w.len() >= 3
            && MONTHS.iter().any(|m| w.starts_with(m))
            && w.chars().all(|c| c.is_ascii_alphabetic())
    };
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let day = |w: &str| {
        let d = w.trim_end_matches(',');
        (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
    };
    let quarter = |w: &str| {
        let b = w.as_bytes();
        b.len() == 2 && matches!(b[0], b'Q' | b'H') && b[1].is_ascii_digit()
    };
    let fiscal = |w: &str| {
        w.strip_prefix("FY")
            .is_some_and(|y| matches!(y.len(), 2 | 4) && y.bytes().all(|b| b.is_ascii_digit()))
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut periods = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let n = if month(w) && k + 2 < words.len() && day(words[k + 1]) && year(words[k + 2]) {
            3
        } else if (month(w) || quarter(w)) && k + 1 < words.len() && year(words[k + 1]) {
            2
        } else if fiscal(w) {
            1
        } else {
            return None;
        };
        periods.push(words[k..k + n].join(" "));
        k += n;
    }
    (periods.len() >= 2).then(|| periods.join("\t"))
}

/// A table row whose cells lost their tabs (PDF text with narrow gaps, text printed with single
/// spaces or dot leaders): "Revenue $ 84,212 $ 196,530", "Gross margin 39.1 % 50.1 %",
/// "Revenue(1) ........ $ 1,046 $ 1,932", "2023 2024 2025". Its cells are joined by tabs again,
/// as every other table's are. A line is a row only when two or more figures end it, each a
/// number with its sign, parentheses or percent, and what comes before them is a label: prose
/// ("revenue grew to $ 1,234 from $ 987") has words between its figures.
fn figure_cells(line: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if line.contains('\t') {
        return without_leaders(line);
    }
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(line);
    }
    if let Some(periods) = period_header(line) {
        return Cow::Owned(periods);
    }
    let sign = |t: &str| matches!(t, "$" | "€" | "£" | "¥" | "RMB" | "HK$" | "US$");
    let number = |t: &str| {
        let t = t.trim_start_matches(['$', '€', '£', '¥']);
        let t = t.strip_prefix("RMB").unwrap_or(t);
        // Parentheses only in pairs: "(1,841)", not the "2023)" that ends an aside.
        let t = match t.strip_prefix('(') {
            Some(inner) => match inner.strip_suffix(")%").or_else(|| inner.strip_suffix(')')) {
                Some(inner) => inner,
                None => return false,
            },
            None if t.ends_with(')') => return false,
            None => t,
        };
        let t = t.strip_suffix('%').unwrap_or(t);
        let t = t.strip_prefix('-').unwrap_or(t);
        (!t.is_empty()
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && !t.ends_with([',', '.']))
            || matches!(t, "—" | "–" | "-")
    };
    // Words with their byte offsets.
    let words: Vec<(usize, &str)> = line
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    // The cells from the end: a number, a sign before it, a "%" after it.
    let mut starts = Vec::new();
    let mut k = words.len();
    while k > 0 {
        let mut j = k - 1;
        if words[j].1 == "%" && j > 0 {
            j -= 1;
        }
        if !number(words[j].1) {
            break;
        }
        if j > 0 && sign(words[j - 1].1) {
            j -= 1;
        }
        starts.push(words[j].0);
        k = j;
    }
    if starts.len() < 2 {
        return Cow::Borrowed(line);
    }
    starts.reverse();
    let label = line[..starts[0]].trim_end();
    let leaders = label.trim_end_matches(['.', ' ', '…']);
    let years = |w: &str| w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
    // A header of years alone ("2023 2024 2025"), or a label: letters that do not end in a
    // word that runs on into the figures ("from", "and", "was").
    let header = label.is_empty() && words.iter().all(|(_, w)| years(w));
    let last = leaders
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let runs_on = matches!(
        last.as_str(),
        "and"
            | "or"
            | "to"
            | "from"
            | "of"
            | "was"
            | "were"
            | "is"
            | "are"
            | "by"
            | "at"
            | "in"
            | "between"
            | "with"
            | "than"
            | "approximately"
            | "about"
            | "over"
            | "nearly"
    );
    let labelled = leaders.chars().any(char::is_alphabetic) && !runs_on && leaders.len() <= 90;
    if !header && !labelled {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    out.push_str(leaders);
    for (n, &at) in starts.iter().enumerate() {
        if n > 0 || !leaders.is_empty() {
            out.push('\t');
        }
        let end = starts.get(n + 1).copied().unwrap_or(line.len());
        out.push_str(line[at..end].trim_end());
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_that_lost_their_tabs() {
        let rows = [
            ("Revenue $ 84,212 $ 196,530", "Revenue\t$ 84,212\t$ 196,530"),
            ("Gross margin 39.1 % 50.1 %", "Gross margin\t39.1 %\t50.1 %"),
            (
                "Net loss $ (187,440) $ (241,118)",
                "Net loss\t$ (187,440)\t$ (241,118)",
            ),
            ("2023 2024 2025", "2023\t2024\t2025"),
            (
                "Revenue(1) .......... $ 1,046 $ 1,932",
                "Revenue(1)\t$ 1,046\t$ 1,932",
            ),
            ("Revenue(1) ..........\t$ 1,046", "Revenue(1)\t$ 1,046"),
            // Prose, and asides, stay as they are.
            (
                "revenue grew from $ 1,234 to $ 2,345",
                "revenue grew from $ 1,234 to $ 2,345",
            ),
            (
                "in fiscal years 2023 and 2024",
                "in fiscal years 2023 and 2024",
            ),
            ("our revenue was 1,234 2,345", "our revenue was 1,234 2,345"),
            (
                "2024 (excluding the three months ended September 30, 2023) $ 2,287 $ 1,378",
                "2024 (excluding the three months ended September 30, 2023)\t$ 2,287\t$ 1,378",
            ),
            ("Inc. 2025 Plan", "Inc. 2025 Plan"),
            (
                "Mar. 31, 2025 Jun. 30, 2025 Sep. 30, 2025",
                "Mar. 31, 2025\tJun. 30, 2025\tSep. 30, 2025",
            ),
            ("Q1 2025 Q2 2025", "Q1 2025\tQ2 2025"),
            ("FY2024 FY2025", "FY2024\tFY2025"),
            ("March 2025 was strong", "March 2025 was strong"),
        ];
        for (line, want) in rows {
            assert_eq!(figure_cells(line), want, "{line}");
        }
    }

    #[test]
    fn characters() {
        assert_eq!(
            clean_page(
                "e\u{FB00}ect \u{FB01}rst\u{a0}\u{2009}x\u{ad}y\u{200b} \u{201c}Q\u{201d} \"s\""
            ),
            "effect first  xy \u{201c}Q\u{201d} \"s\""
        );
        assert_eq!(clean_page("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn hyphenation_joins_only_broken_words() {
        assert_eq!(clean_page("the dif-\nferences are"), "the differences are");
        assert_eq!(
            clean_page("state-of-the-\nart systems"),
            "state-of-the-art systems"
        );
        assert_eq!(clean_page("non-\nGAAP"), "non-\nGAAP");
        assert_eq!(clean_page("2023-\n2024"), "2023-\n2024");
        assert_eq!(clean_page("well-to-\nDo"), "well-to-\nDo");
        assert_eq!(clean_page("ends in a broken-"), "ends in a broken-");
        assert_eq!(
            clean_page("targeting high-\ntechnology solutions"),
            "targeting high-technology solutions"
        );
        // The document writes the compound with its hyphen elsewhere: keep it.
        assert_eq!(
            clean_page("decision-making matters; our decision-\nmaking is fast"),
            "decision-making matters; our decision-making is fast"
        );
    }

    #[test]
    fn page_numbers_inside_sentences() {
        assert_eq!(
            clean_page("served more than\n2\n1 million people"),
            "served more than\n1 million people"
        );
        // A number after a finished sentence, before a capital, may be data: kept.
        assert_eq!(clean_page("Total.\n2\nRevenue"), "Total.\n2\nRevenue");
        assert_eq!(
            clean_page("“token” the basic unit\n–3 5–\n“MAU” monthly"),
            "“token” the basic unit\n“MAU” monthly"
        );
    }

    #[test]
    fn running_headers_and_footers() {
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
        let pages: Vec<String> = (1..=6)
            .map(|i| {
                let w = words[i - 1];
                format!("ACME AI, INC.\nTable of Contents\nBody {w}.\nMore {w}.\n\nPage {i} of 6\n")
            })
            .collect();
        let out = clean_document(pages);
        assert_eq!(out[0], "Body alpha.\nMore alpha.");
        assert_eq!(out[5], "Body zeta.\nMore zeta.");
    }

    #[test]
    fn lone_bullets_join_their_text() {
        assert_eq!(
            clean_page("We offer:\n•\nAPI access; and\n●\n\nreserved capacity."),
            "We offer:\n• API access; and\n● reserved capacity."
        );
    }

    #[test]
    fn edge_page_numbers() {
        let out = clean_document(vec![
            "Text one.\n1".into(),
            "i\nText two.\n- 2 -".into(),
            "Text three.\nS-ii".into(),
        ]);
        assert_eq!(out, vec!["Text one.", "Text two.", "Text three."]);
        // A year at the bottom of a page is not a page number.
        let out = clean_document(vec!["Fiscal\n2023".into()]);
        assert_eq!(out, vec!["Fiscal\n2023"]);
    }
}
