//! Terms a filing defines inline: `Palantir Artificial Intelligence Platform (“AIP”)`,
//! `(together with its subsidiaries, the “Company,” “we” or “us”)`, `“X” means ...`.
//!
//! A parenthesis defines terms when it holds quoted names and, besides them, only the words
//! that introduce definitions ("the", "collectively", "as amended", "including its
//! subsidiaries", "also known as", "hereinafter referred to as", "or"). That keeps out quoted
//! text that defines nothing: `(see “Risk Factors”)`, a ticker `under the symbol “CRWV.”`.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// A definition found in a piece of text; offsets are into that text.
#[derive(Clone, Debug, PartialEq)]
pub struct Defined {
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: Option<String>,
    pub antecedent: Option<String>,
    /// `inline` or `means_clause`.
    pub source: &'static str,
    /// Span of the term as written, inside its quotes.
    pub span: Range<usize>,
}

/// Words that may stand in a defining parenthesis beside the quoted names.
const PREAMBLE: &[&str] = &[
    "the",
    "a",
    "an",
    "collectively",
    "together",
    "as",
    "amended",
    "restated",
    "supplemented",
    "modified",
    "including",
    "with",
    "its",
    "their",
    "our",
    "consolidated",
    "subsidiaries",
    "subsidiary",
    "affiliates",
    "also",
    "known",
    "hereinafter",
    "referred",
    "to",
    "herein",
    "each",
    "individually",
    "and",
    "or",
    "respectively",
    "such",
    "from",
    "time",
    "in",
    "this",
    "prospectus",
    "any",
    "all",
    "of",
    "them",
    "which",
    "is",
    "are",
    "we",
    "call",
    "jointly",
    "where",
    "context",
    "requires",
    "otherwise",
    "unless",
    "other",
    "applicable",
    "be",
];

fn quoted() -> &'static Regex {
    static Q: OnceLock<Regex> = OnceLock::new();
    // A name may wrap once: "(the “Hong Kong Public\nOffering”)".
    Q.get_or_init(|| {
        Regex::new(r#"[“"][^\S\n]*([^“”"\n]{1,80}?(?:\n[^“”"\n]{1,40}?)?)\s*[”"]"#)
            .expect("valid regex")
    })
}

/// What follows the closing quote of a "means" clause: an aside, then the defining words.
/// Tried at each closing quote, which is much faster than searching the whole text for the
/// clause (its bounded repetitions make too big an automaton) or for its words (too many
/// case-insensitive literals for a fast prefilter).
fn means_tail() -> &'static Regex {
    static T: OnceLock<Regex> = OnceLock::new();
    T.get_or_init(|| {
        Regex::new(r"^\s*,?\s*(?:\(?[^()\n]{0,40}\)\s*)?(?i:means|shall\s+mean|refers\s+to|shall\s+refer\s+to|is\s+defined\s+as|has\s+the\s+meaning|to\s+mean|to\s+refer\s+to)(?-u:\b)")
            .expect("valid regex")
    })
}

/// A quoted name and the words of a "means" clause that end the searched text.
fn means() -> &'static Regex {
    static M: OnceLock<Regex> = OnceLock::new();
    M.get_or_init(|| {
        Regex::new(r#"[“"]\s*([^“”"\n]{1,80}?)\s*[”"]\s*,?\s*(?:\(?[^()\n]{0,40}\)\s*)?(?i:means|shall\s+mean|refers\s+to|shall\s+refer\s+to|is\s+defined\s+as|has\s+the\s+meaning|to\s+mean|to\s+refer\s+to)\z"#)
            .expect("valid regex")
    })
}

/// How far back from a defining parenthesis its antecedent is looked for.
const ANTECEDENT_REACH: usize = 2000;

/// How far back from its closing quote a "means" clause's name may start: 80 characters of
/// up to 4 bytes, and spaces.
const MEANS_REACH: usize = 400;

/// Clean a quoted name: trailing commas and periods that belong to the sentence, and inner
/// runs of spaces.
fn clean_name(raw: &str) -> String {
    let joined = raw
        .trim()
        .trim_end_matches([',', ';'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // A name wrapped after its hyphen: "AI-\nrelated" is "AI-related".
    if raw.contains("-\n") {
        joined.replace("- ", "-")
    } else {
        joined
    }
}

/// Quoted text that cannot be a defined term: a ticker or section title ending in a period, a
/// sentence, a number.
fn plausible(name: &str) -> bool {
    !name.is_empty()
        && !name.ends_with('.')
        && name.split_whitespace().count() <= 8
        && name.chars().any(|c| c.is_alphabetic())
}

/// The second definition of a parenthesis, of a group: "(the “2031 Notes” and, together with
/// the 2029 Notes, the “Notes”)" defines "Notes", which abbreviates no one name: its antecedent
/// is none (the sentence shows the group). `base` is where `inner` starts in the text.
fn group_definition(base: usize, inner: &str) -> Option<Defined> {
    let t = group_marker(inner)?;
    let head = inner[..t].trim_end().trim_end_matches(',').trim_end();
    if !head.ends_with("and") || !head.contains(['”', '"']) {
        return None;
    }
    let rest = &inner[t..];
    let caps = quoted().captures(rest)?;
    let name = caps.get(1)?;
    let term = clean_name(name.as_str());
    if !plausible(&term) {
        return None;
    }
    // More names for the group: "the “VIEs” or the “Variable Interest Entities”".
    let mut aliases = Vec::new();
    let mut after = &rest[caps.get(0)?.end()..];
    loop {
        let next = after.trim_start_matches([',', ' ']);
        let next = next
            .strip_prefix("or ")
            .map(str::trim_start)
            .unwrap_or(next);
        let next = next.strip_prefix("the ").unwrap_or(next);
        match quoted().captures(next) {
            Some(c) if c.get(0).is_some_and(|m| m.start() == 0) => {
                aliases.push(clean_name(&c[1]));
                after = &next[c.get(0)?.end()..];
            }
            _ => break,
        }
    }
    let start = base + t + name.start();
    Some(Defined {
        antecedent: None,
        aliases,
        definition: None,
        source: "inline",
        span: start..start + name.as_str().trim_end_matches([',', ';']).trim_end().len(),
        term,
    })
}

/// Where a group's second definition starts in a parenthesis: "together with" or "collectively
/// with" ("(“Class B ordinary shares,” and collectively with the Class A ordinary shares,
/// “ordinary shares”)").
fn group_marker(inner: &str) -> Option<usize> {
    inner
        .find("together with")
        .or_else(|| inner.find("collectively with"))
}

/// The span of time that `before` ends with: "the three years ended December 31, 2022, 2023 and
/// 2024 and the four months ended April 30, 2025", "the period from January 1, 2024 to June 30,
/// 2025".
fn time_span(before: &str) -> Option<String> {
    static SPAN: OnceLock<Regex> = OnceLock::new();
    let span = SPAN.get_or_init(|| {
        Regex::new(r"(?i)(?:\b(?:(?:one|two|three|four|five|six|nine|twelve|\d{1,2})\s+)?(?:financial\s+|fiscal\s+)?(?:years?|months?|weeks?)|\bperiod)\s+(?:ended|ending|from|commencing|beginning|between)\b[^.;()“”]{4,200}$")
            .expect("valid regex")
    });
    let before = before.trim_end().trim_end_matches(',');
    let m = span.find(crate::util::tail(before, 260))?;
    let found = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    found
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
        .then_some(found)
}

/// The quoted names that `before` ends with, joined by "or", "and" or commas ("“VIE” or"), each
/// with where it starts, and the text before them.
fn names_before(before: &str) -> (Vec<(usize, String)>, &str) {
    let mut names = Vec::new();
    let mut rest = before.trim_end();
    loop {
        let joined = ["or", "and", "and/or", ","].iter().find_map(|j| {
            rest.strip_suffix(j)
                .filter(|r| *j == "," || r.ends_with(char::is_whitespace))
        });
        let Some(r) = joined else { break };
        let r = r.trim_end().trim_end_matches(',').trim_end();
        let Some(close) = r.chars().next_back().filter(|c| matches!(c, '”' | '"')) else {
            break;
        };
        let inner_end = r.len() - close.len_utf8();
        let Some(open) = r[..inner_end].rfind(['“', '"']) else {
            break;
        };
        let name_start = open + r[open..].chars().next().map_or(1, char::len_utf8);
        let name = clean_name(&r[name_start..inner_end]);
        if !plausible(&name) || r[name_start..inner_end].contains('\n') {
            break;
        }
        names.push((name_start, name));
        rest = r[..open].trim_end();
    }
    names.reverse();
    (names, rest)
}

/// Where the parenthesis whose inside starts `window` closes: its first ')' outside quotes. A
/// name may hold one ("(the “Companies (WUMP) Ordinance”)"); any other '(' first is no
/// definition's.
fn close_outside_quotes(window: &str) -> Option<usize> {
    // Most parentheses hold no quote before their close: the first ')' then.
    let close = memchr::memchr(b')', window.as_bytes())?;
    let inner = &window.as_bytes()[..close];
    if !inner.contains(&b'"') && memchr::memmem::find(inner, "“".as_bytes()).is_none() {
        return (!inner.contains(&b'(')).then_some(close);
    }
    let mut quoted = false;
    for (i, c) in window.char_indices() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => quoted = !quoted,
            '(' | ')' if quoted => {}
            '(' => return None,
            ')' => return Some(i),
            _ => {}
        }
    }
    None
}

/// Every inline definition and "means" clause in `text`.
pub fn find(text: &str) -> Vec<Defined> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Parentheses that hold a quote.
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'(', &bytes[i..]).map(|j| i + j) {
        i = open + 1;
        let window = crate::util::head(&text[open + 1..], 400);
        let Some(close) = close_outside_quotes(window) else {
            continue;
        };
        let inner = &window[..close];
        if !(inner.contains('“') || inner.contains('"')) {
            continue;
        }
        if let Some(d) = parenthesis(text, open, inner) {
            let group = group_definition(open + 1, inner);
            out.push(d);
            out.extend(group);
        }
        i = open + 1 + close;
    }
    let mut closing: Vec<usize> = memchr::memchr_iter(b'"', bytes).map(|i| i + 1).collect();
    closing.extend(memchr::memmem::find_iter(bytes, "”".as_bytes()).map(|i| i + "”".len()));
    closing.sort_unstable();
    let mut searched = 0;
    for after in closing {
        if after < searched {
            continue;
        }
        let Some(tail) = means_tail().find(crate::util::head(&text[after..], 200)) else {
            continue;
        };
        let end = after + tail.end();
        let from =
            crate::util::floor_char_boundary(text, after.saturating_sub(MEANS_REACH)).max(searched);
        let Some(caps) = means().captures(&text[from..end]) else {
            continue;
        };
        searched = end;
        let m = caps.get(0).expect("whole match");
        let m = from + m.start()..from + m.end();
        let name = caps.get(1).expect("group");
        let name = (from + name.start(), name.as_str());
        let term = clean_name(name.1);
        if !plausible(&term) {
            continue;
        }
        // “VIE” or “variable interest entity” means ...: the first name is the term, the others
        // its aliases.
        let (earlier, before) = names_before(&text[..m.start]);
        // The quote must open a clause: at the start of a line or sentence, after a bullet,
        // "the term", or a semicolon.
        let lower_tail = crate::util::tail(before, 12).to_lowercase();
        let starts_clause = before.is_empty()
            || before.ends_with(['.', ';', ':', '•', '\n', '●', '▪'])
            || text[..m.start].ends_with('\n')
            || lower_tail.ends_with("the term")
            || lower_tail.ends_with("the terms")
            // "..., and “Family Member” means", "For this purpose, an “interested
            // stockholder” means".
            || [", and", ", and a", ", and an", ", and the", ", a", ", an", "; and"]
                .iter()
                .any(|e| lower_tail.trim_end().ends_with(e))
            || after_introduction(before)
            || enumerated(before);
        if !starts_clause {
            continue;
        }
        let rest = &text[m.end..];
        let end = definition_end(rest);
        // "“Net Cost” means, as of the date of calculation, ...": no comma to start on.
        let definition = rest[..end]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';'))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut span = name.0..name.0 + name.1.trim_end_matches([',', ';']).len();
        let mut term = term;
        let mut aliases = Vec::new();
        if let Some(((first_at, first), rest)) = earlier.split_first() {
            aliases = rest.iter().map(|(_, n)| n.clone()).collect();
            aliases.push(term);
            term = first.clone();
            span = *first_at..first_at + first.len();
        }
        out.push(Defined {
            term,
            aliases,
            definition: (!definition.is_empty()).then_some(definition),
            antecedent: None,
            source: "means_clause",
            span,
        });
    }
    // "References to “HK$” or “Hong Kong dollars” are to the lawful currency of Hong Kong."
    // "the terms “Parallax,” “the Company,” “we” ... in this prospectus refer to ..."
    let mut starts: Vec<usize> = memchr::memmem::find_iter(bytes, b"eferences to ")
        .chain(memchr::memmem::find_iter(bytes, b"eferences in this "))
        .chain(memchr::memmem::find_iter(bytes, b"he terms "))
        .map(|at| at.saturating_sub(1))
        .collect();
    starts.sort_unstable();
    for from in starts {
        let to = crate::util::floor_char_boundary(text, from + 2400);
        out.extend(references_to(from, &text[from..to]));
    }
    // "large language models, or LLMs, are ...": an acronym after ", or", unquoted, when the
    // words before it spell it.
    for at in memchr::memmem::find_iter(bytes, b", or ") {
        out.extend(or_acronym(text, at));
    }
    // "We refer to tokens consumed through our open platform as “platform tokens.”"
    for at in memchr::memmem::find_iter(bytes, b"refer to ") {
        let from = crate::util::floor_char_boundary(text, at.saturating_sub(16));
        let to = crate::util::floor_char_boundary(text, at + 600);
        out.extend(referred_as(from, &text[from..to]));
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// The names of a convention ("references to “NVIDIA,” “we,” “us” or the “Company” mean NVIDIA
/// Corporation and its subsidiaries"; "the terms “Acme,” “we” and “our” refer to ...") in `window`, which starts at `base` in the text: the first
/// proper name is the term, the other names its aliases, and what they are to its definition.
fn references_to(base: usize, window: &str) -> Option<Defined> {
    static REFS: OnceLock<Regex> = OnceLock::new();
    let refs = REFS.get_or_init(|| {
        Regex::new(r#"^(?:[Rr]eferences\s+(?:in\s+this\s+(?:prospectus|report|annual\s+report|document)\s+)?to|[Tt]he\s+terms)\s+(?P<names>(?:(?:the\s+|our\s+)?[“"][^“”"
]{1,80}?[”"]\s*,?\s*(?:(?:and|or|and/or)\s+)?){1,12}?)(?:\s*(?:in|throughout)\s+this\s+(?:prospectus|report|annual\s+report|document|section)\s*,?)?\s*(?:are\s+(?:references\s+)?to|mean|means|refer\s+(?:only\s+|solely\s+|either\s+)?to|shall\s+mean|include|includes)\s+"#)
            .expect("valid regex")
    });
    let c = refs.captures(window)?;
    let names = c.name("names")?;
    let mut quoted_names: Vec<(usize, String)> = quoted()
        .captures_iter(names.as_str())
        .filter_map(|q| {
            let m = q.get(1)?;
            let name = clean_name(m.as_str());
            // A currency's sign counts here: "“US$” and “$” are to ...".
            let sign = !name.is_empty() && name.chars().all(|c| "$€£¥₩".contains(c));
            (plausible(&name) || sign).then(|| (base + names.start() + m.start(), name))
        })
        .collect();
    // The term: the first proper name, not a pronoun or "the company".
    let generic = |n: &str| {
        matches!(
            n.to_lowercase().as_str(),
            "we" | "us" | "our" | "ours" | "the company" | "our company" | "company" | "the group"
        )
    };
    let first = quoted_names
        .iter()
        .position(|(_, n)| !generic(n))
        .or_else(|| {
            quoted_names
                .iter()
                .position(|(_, n)| n.starts_with(char::is_uppercase))
        })
        .unwrap_or(0);
    if quoted_names.is_empty() {
        return None;
    }
    let (start, term) = quoted_names.remove(first);
    let rest = &window[c.get(0)?.end()..];
    let mut end = definition_end(rest);
    // A convention inside a parenthesis ends at its close: "(references to “partner” include a
    // member in such a company), Treasury Regulations provide ...".
    let mut depth = 0usize;
    for (i, ch) in rest[..end].char_indices() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let definition = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Defined {
        span: start..start + term.len(),
        term,
        aliases: quoted_names.into_iter().map(|(_, n)| n).collect(),
        definition: (!definition.is_empty()).then_some(definition),
        antecedent: None,
        source: "means_clause",
    })
}

/// The acronym after ", or " at `at` ("large language models, or LLMs,") when the words before
/// it spell it by their initials.
fn or_acronym(text: &str, at: usize) -> Option<Defined> {
    let start = at + ", or ".len();
    let rest = crate::util::head(&text[start..], 12);
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '&')
        .unwrap_or(rest.len());
    let acronym = &rest[..len];
    let ends = rest[len..].starts_with([',', ')', ';', '.']) || rest[len..].is_empty();
    let letters: Vec<char> = acronym
        .strip_suffix('s')
        .unwrap_or(acronym)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let capitals = letters.iter().filter(|c| c.is_ascii_uppercase()).count();
    if !ends || letters.len() < 2 || letters.len() > 6 || capitals < letters.len().max(2) - 1 {
        return None;
    }
    // The words right before: as many as the letters, each starting with the next one (small
    // words and hyphenated parts may come between).
    let before = crate::util::tail(&text[..at], 200);
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut want = letters
        .iter()
        .rev()
        .map(|c| c.to_ascii_lowercase())
        .peekable();
    let mut first = words.len();
    for (k, w) in words.iter().enumerate().rev() {
        if want.peek().is_none() {
            break;
        }
        // "(phosphate-buffered": parts without their brackets; a small word ("of") gives a
        // letter only to a lower-case one of the acronym ("DoD"), not to "OFAC"'s O.
        let parts: Vec<&str> = w
            .split('-')
            .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|p| !p.is_empty())
            .collect();
        let small = is_small_word(&w.to_lowercase());
        let mut matched = false;
        for p in parts.iter().rev() {
            let Some(&c) = want.peek() else { break };
            let letter_case_ok =
                !small || letters.contains(&c) && !letters.contains(&c.to_ascii_uppercase());
            if letter_case_ok && p.to_lowercase().starts_with(c) {
                want.next();
                matched = true;
            }
        }
        if matched {
            first = k;
        } else if !small || k + 1 == words.len() {
            return None;
        }
    }
    if want.peek().is_some() || first == words.len() {
        return None;
    }
    let antecedent = words[first..].join(" ");
    let antecedent = antecedent.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    Some(Defined {
        term: acronym.to_string(),
        aliases: Vec::new(),
        definition: None,
        antecedent: Some(antecedent.to_string()),
        source: "inline",
        span: start..start + len,
    })
}

/// The names given by "we refer to X as “Y”" (and "and to Z as “W”") in `window`, which starts
/// at `base` in the text.
fn referred_as(base: usize, window: &str) -> Vec<Defined> {
    static FIRST: OnceLock<Regex> = OnceLock::new();
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        Regex::new(r#"(?i)^[^\n]{0,16}?(?-u:\b)(?:we|which\s+we)\s+(?:collectively\s+)?refer\s+to\s+(?P<what>(?:[^.;:“”"()]|(?-u:\b)(?:Co|Ltd|Inc|Corp|Pte|Pty|Bhd|Plc|L\.P|N\.V|S\.A)\.){3,160}?)\s+(?:herein\s+|in\s+this\s+prospectus\s+)?(?:collectively\s+)?as\s+(?:the\s+|our\s+|a\s+|an\s+)?[“"]\s*(?P<term>[^“”"\n]{1,80}?)\s*[”"]"#)
            .expect("valid regex")
    });
    let next = NEXT.get_or_init(|| {
        Regex::new(r#"(?i)^\s*,?\s*and\s+(?:to\s+)?(?P<what>[^.;:“”"()]{3,160}?)\s+as\s+(?:the\s+|our\s+|a\s+|an\s+)?[“"]\s*(?P<term>[^“”"\n]{1,80}?)\s*[”"]"#)
            .expect("valid regex")
    });
    let mut out = Vec::new();
    let mut at = 0;
    let mut re = first;
    while let Some(c) = re.captures(&window[at..]) {
        match one_referred(base + at, &c) {
            Some(d) => out.push(d),
            None => break,
        }
        at += c.get(0).expect("whole match").end();
        re = next;
    }
    out
}

/// One "X as “Y”" of [`referred_as`]; `base` is where the captures' text starts.
fn one_referred(base: usize, c: &regex::Captures) -> Option<Defined> {
    let name = c.name("term")?;
    let written = name.as_str().trim_end_matches(['.', ',', ';']).trim_end();
    let term = clean_name(written);
    if !plausible(&term) {
        return None;
    }
    let what = c.name("what")?.as_str();
    let what = ["the ", "our ", "its ", "their "]
        .iter()
        .find_map(|d| what.strip_prefix(d))
        .unwrap_or(what);
    // "We refer to these as “Non-GAAP measures”": a pronoun names nothing here.
    let pronoun = matches!(
        what.trim().to_lowercase().as_str(),
        "these" | "them" | "it" | "this" | "such" | "those" | "each" | "all" | "both"
    );
    let start = base + name.start();
    Some(Defined {
        term,
        aliases: Vec::new(),
        definition: None,
        antecedent: (!pronoun).then(|| what.split_whitespace().collect::<Vec<_>>().join(" ")),
        source: "inline",
        span: start..start + written.len(),
    })
}

/// The list an auditor's opinion names as the financial statements: "We have audited the
/// accompanying consolidated balance sheets of ... and the related notes (collectively referred
/// to as the “financial statements”)", from its first item to the parenthesis.
fn audited_list(before: &str, term: &str) -> Option<String> {
    if !term.to_lowercase().ends_with("statements") {
        return None;
    }
    let tail = crate::util::tail(before, 1200);
    let at = ["audited the accompanying ", "audited the "]
        .iter()
        .find_map(|p| tail.rfind(p).map(|i| i + p.len()))?;
    let list = &tail[at..];
    (!list.contains("\n\n") && !list.contains(". We ") && list.contains("statements"))
        .then(|| list.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A capitalized word of a name on one line, with the comma, "of", "and" or "&" after it
/// ("Bank of", "Trust,", "Barnes &").
const NAME_WORD: &str = r"(?:[A-Z][A-Za-z0-9.&'’-]*,?[^\S\n]+(?:(?:of|and|&)[^\S\n]+)?)";

/// The identifier with the title written after it, up to the parenthesis: "ASU No. 2023-09,
/// Income Taxes (Topic 740): Improvements to Income Tax Disclosures" for "ASU 2023-09";
/// "Accounting Standards Update No. 2023-07, Segment Reporting (Topic 280): Improvements to
/// Reportable Segment Disclosures" for "ASU 2023-07" (the kind spelled out).
fn titled_identifier(context: &str, term: &str) -> Option<String> {
    let near = crate::util::tail(context, 300).trim_end();
    let (kind, number) = term.split_once(' ')?;
    let at = near.rfind(&format!("{number}, "))?;
    let title = near[at + number.len() + 2..].trim_end_matches(',').trim();
    let one_sentence = !title.contains('\n') && !title.contains(". ");
    if !(one_sentence
        && title.starts_with(char::is_uppercase)
        && title.split_whitespace().count() >= 2
        && title.split_whitespace().count() <= 30)
    {
        return None;
    }
    // Back over "No." and the kind, as written or spelled out.
    let head = near[..at].trim_end();
    let head = head.strip_suffix("No.").unwrap_or(head).trim_end();
    let start = if head.ends_with(kind) {
        head.len() - kind.len()
    } else {
        let words: Vec<&str> = head.split_whitespace().rev().take(kind.len()).collect();
        let initials: String = words
            .iter()
            .rev()
            .filter_map(|w| w.chars().next())
            .collect();
        if words.len() != kind.len()
            || initials != kind
            || !words.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            return None;
        }
        let first = words.last().expect("kind is not empty");
        first.as_ptr() as usize - near.as_ptr() as usize
    };
    tidy_span(&near[start..])
}

/// The name in an appositive: "Hangzhou Zhiyuan Information Technology Co., Ltd." in "Our
/// WFOE, Hangzhou Zhiyuan Information Technology Co., Ltd.", "Lumora Compute SPV I LLC" in
/// "Lumora Compute SPV I LLC, one of our wholly owned subsidiaries", "Han Kun Law Offices"
/// before ", our PRC legal counsel", "Hangzhou Zhiyuan Technology Co., Ltd." before ", a variable
/// interest entity": the company or person the description describes.
fn appositive_name(context: &str, antecedent: &str) -> Option<String> {
    let capitalized_run = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        words.len() >= 2
            && words.len() <= 10
            && words[0].starts_with(char::is_uppercase)
            && !matches!(
                words[0],
                "In" | "On"
                    | "As"
                    | "For"
                    | "At"
                    | "By"
                    | "From"
                    | "With"
                    | "During"
                    | "Since"
                    | "Under"
                    | "The"
                    | "Our"
            )
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    || matches!(*w, "of" | "and" | "&" | "de")
            })
    };
    let describes = |d: &str| {
        let first = d.split_whitespace().next().unwrap_or("");
        matches!(first, "one" | "our" | "a" | "an" | "its" | "their" | "the")
    };
    // What an appositive describes is an entity: "our PRC legal counsel", "a variable interest
    // entity", not "our Chief Executive Officer, a performance-based ... award".
    let entity = |d: &str| {
        let head = d
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(
            head.as_str(),
            "entity"
                | "entities"
                | "company"
                | "subsidiary"
                | "subsidiaries"
                | "counsel"
                | "firm"
                | "bank"
                | "partnership"
                | "trust"
                | "fund"
                | "corporation"
                | "enterprise"
                | "vehicle"
                | "affiliate"
                | "auditor"
                | "wfoe"
                | "vie"
        )
    };
    // "<description>, <Company>": the company (not a list: "Mr. Liu Wei, Starlight Holdings
    // Limited and Xingyao Ltd").
    for (k, _) in antecedent.match_indices(", ") {
        let (lead, name) = (&antecedent[..k], &antecedent[k + 2..]);
        if lead.split_whitespace().count() <= 4
            && !capitalized_run(lead)
            && !lead.starts_with(['M', 'D'])
            && !name.contains(" and ")
            && is_company_name(name)
            && capitalized_run(name)
        {
            return Some(name.to_string());
        }
    }
    // "<Name>, <description>": the name.
    if let Some((name, desc)) = antecedent.split_once(", ") {
        if describes(desc) && entity(desc) && (is_company_name(name) || capitalized_run(name)) {
            return Some(name.to_string());
        }
    }
    // "<Name>, <description>" with the description alone found: the name before it.
    let before = crate::util::tail(context.trim_end(), antecedent.len() + 300);
    if !before.ends_with(antecedent.split_whitespace().next_back()?) {
        return None;
    }
    let flat = before.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = flat.strip_suffix(antecedent)?.trim_end();
    let article = ["our", "a", "an", "its"]
        .iter()
        .find_map(|d| lead.strip_suffix(d).filter(|r| r.ends_with(' ')));
    if !entity(antecedent) || article.is_none() && !antecedent.starts_with(char::is_lowercase) {
        return None;
    }
    let lead = article.unwrap_or(lead).trim_end();
    let lead = lead.strip_suffix(',')?;
    // The name: back from the comma over capitalized words (a company suffix's own comma
    // included: "Co., Ltd.").
    let words: Vec<&str> = lead.split_whitespace().collect();
    let mut k = words.len();
    while k > 0 {
        let w = words[k - 1];
        let suffix_comma = w.ends_with(',')
            && words.get(k).is_some_and(|n| {
                matches!(
                    n.trim_end_matches(','),
                    "Ltd." | "Inc." | "LLC" | "L.P." | "N.A." | "Ltd"
                )
            });
        let capital = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let connector = matches!(w, "of" | "and" | "&") && k < words.len();
        if (capital || connector) && (!w.ends_with(',') || suffix_comma) {
            k -= 1;
        } else {
            break;
        }
    }
    while k < words.len() && matches!(words[k], "of" | "and" | "&") {
        k += 1;
    }
    let name = words[k..].join(" ");
    (capitalized_run(&name) && !matches!(words[k..].first(), Some(&"The") | Some(&"Our")))
        .then_some(name)
}

/// "$1.0 billion aggregate principal amount of" right before an antecedent that starts with a
/// rate ("5.250% Senior Notes due 2029").
fn principal_amount_before(context: &str, antecedent: &str) -> Option<String> {
    if !antecedent.starts_with(|c: char| c.is_ascii_digit()) || !antecedent.contains('%') {
        return None;
    }
    let flat = crate::util::tail(context.trim_end(), antecedent.len() + 120)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lead = flat.strip_suffix(antecedent)?.trim_end();
    let lead = lead
        .strip_suffix("aggregate principal amount of")?
        .trim_end();
    // The amount: "$1.0 billion", "US$750 million", "$600,000,000".
    let words: Vec<&str> = lead.split_whitespace().collect();
    let scale = words
        .last()
        .is_some_and(|w| matches!(*w, "million" | "billion" | "thousand"));
    let k = words.len().checked_sub(if scale { 2 } else { 1 })?;
    let amount = words[k];
    amount
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| amount.starts_with(['$', '€', '£', '¥', 'U', 'R', 'H']))
        .filter(|&money| money)
        .map(|_| format!("{} aggregate principal amount of", words[k..].join(" ")))
}

/// A list of capitalized kinds before the common noun they share, ending `before`: "Series A,
/// Series B and Series C convertible preferred stock", when the noun names the term.
fn named_kinds(before: &str, term: &str) -> Option<String> {
    static KINDS: OnceLock<Regex> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let item = r"[A-Z][A-Za-z0-9.-]*(?: [A-Z0-9][A-Za-z0-9.-]*){0,2}";
        Regex::new(&format!(
            r"(?P<list>(?:{item}, )*{item},? (?:and|or) {item}) (?P<noun>(?:[a-z][a-z-]* ){{0,3}}[a-z][a-z-]*)$"
        ))
        .expect("valid regex")
    });
    let flat = crate::util::tail(before.trim_end(), 300)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let c = kinds.captures(&flat)?;
    let stem = |w: &str| w.to_lowercase().trim_end_matches('s').to_string();
    let noun = &c["noun"];
    let names = term
        .split_whitespace()
        .any(|t| t.len() >= 3 && noun.split(' ').any(|n| stem(n) == stem(t)));
    names.then(|| format!("{} {noun}", &c["list"]))
}

/// The full name of a person a term names by title and surname: "Mr. Jensen Li" for "Mr. Li".
fn honorific_name(context: &str, term: &str) -> Option<String> {
    let (title, surname) = term.split_once(' ')?;
    if !matches!(title, "Mr." | "Ms." | "Mrs." | "Dr." | "Prof.") || surname.contains(' ') {
        return None;
    }
    let near = crate::util::tail(context, 200);
    let at = near.rfind(&format!("{title} "))?;
    let words: Vec<&str> = near[at..].split_whitespace().take(5).collect();
    let end = words
        .iter()
        .position(|w| w.trim_end_matches([',', ';']) == surname)?;
    (end >= 2
        && words[1..end]
            .iter()
            .all(|w| w.starts_with(char::is_uppercase)))
    .then(|| {
        words[..=end]
            .join(" ")
            .trim_end_matches([',', ';'])
            .to_string()
    })
}

/// The noun phrase with its complement that ends `context`, opened by an indefinite article, a
/// count or a verb, within its clause: "an annual cash incentive program for fiscal 2025",
/// "a performance-based stock option to purchase 2,000,000 shares of our Class B common stock",
/// "issued rules further restricting exports of advanced computing items", "for 180 days after
/// the date of this prospectus". None without a complement (a preposition or "to") in it.
fn head_with_complement(context: &str) -> Option<String> {
    let line = crate::util::tail(context, 240).trim_end();
    // The clause: after the last punctuation that is not a thousands separator ("9,000,000").
    let mut end = line.len();
    let start = loop {
        match line[..end].rfind([',', ';', ':', '(', ')', '“', '”', '"', '\n']) {
            Some(k)
                if line[k..].starts_with(',')
                    && line[..k].ends_with(|c: char| c.is_ascii_digit())
                    && line[k + 1..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                end = k;
            }
            Some(k) => break k + line[k..].chars().next().map_or(1, char::len_utf8),
            None => break 0,
        }
    };
    let clause = &line[start..];
    let words: Vec<(usize, &str)> = clause
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - clause.as_ptr() as usize, w))
        .collect();
    let numeric = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || c == ',')
    };
    for k in 0..words.len() {
        let w = words[k].1;
        let first = if w == "a" || w == "an" || is_common_verb(w) {
            k + 1
        } else if numeric(w)
            && words
                .get(k + 1)
                .is_some_and(|(_, n)| n.starts_with(char::is_lowercase))
        {
            k
        } else {
            continue;
        };
        let phrase = &words[first..];
        if phrase.len() < 3 || phrase.len() > 16 {
            continue;
        }
        let head = phrase[0].1;
        let lower_head = head.starts_with(char::is_lowercase) || numeric(head);
        let preposition =
            |w: &str| matches!(w, "of" | "for" | "to" | "in" | "on" | "after" | "under");
        let complement = phrase[1..].iter().any(|(_, w)| preposition(w));
        // No verb of its own, but an infinitive ("to purchase").
        let clean = phrase.iter().enumerate().all(|(j, (_, w))| {
            let b = w.to_lowercase();
            let infinitive = j > 0 && phrase[j - 1].1 == "to";
            !is_clause_word(&b)
                && (!is_common_verb(&b) || infinitive)
                && !matches!(b.as_str(), "and" | "or")
        });
        let not_noun = matches!(
            head,
            "pursuant"
                | "according"
                | "due"
                | "prior"
                | "subject"
                | "relating"
                | "related"
                | "including"
                | "together"
                | "all"
                | "any"
                | "each"
                | "such"
                | "certain"
                | "up"
                | "approximately"
                | "about"
                | "over"
                | "more"
                | "less"
                | "nearly"
                | "aggregate"
                | "total"
                | "number"
                | "portion"
                | "part"
                | "majority"
        );
        if lower_head && !not_noun && !preposition(head) && !is_article(head) && complement && clean
        {
            return tidy_span(&clause[phrase[0].0..]);
        }
    }
    None
}

/// The company named before its description: "Intel Corporation" in "Intel Corporation, a
/// Delaware corporation (the “Corporation”)", "MiniMax" in "MiniMax, an exempted company
/// incorporated in the Cayman Islands with limited liability (the “Company”)", when the term
/// is the description's noun.
fn described_company(context: &str, antecedent: &str, term: &str) -> Option<String> {
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name = NAME.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<name>{NAME_WORD}{{0,6}}[A-Z][A-Za-z0-9.&'’-]*)(?:[^\S\n]*\([^()\n]{{1,80}}\))?,\s+an?\s+(?:[A-Za-z-]+\s+){{0,3}}$"
        ))
        .expect("valid regex")
    });
    let noun = term.to_lowercase();
    let lower = antecedent.to_lowercase();
    // The noun ends the antecedent, or opens it after at most two modifiers ("exempted company
    // incorporated in the Cayman Islands").
    let opening = lower
        .match_indices(&format!("{noun} "))
        .map(|(k, _)| k)
        .find(|&k| {
            k == 0 || lower[..k].split_whitespace().count() <= 2 && lower[..k].ends_with(' ')
        });
    let noun_at = if lower.ends_with(&noun) {
        lower.len() - noun.len()
    } else {
        opening?
    };
    if term.contains(' ') {
        return None;
    }
    let before = context.trim_end();
    let at = before.rfind(antecedent)? + noun_at;
    // The words before the noun: "a joint stock " or "an exempted ".
    let lead = before[..at].rfind(", ")?;
    let c = name
        .captures(&before[..at])
        .filter(|c| c.get(0).is_some_and(|m| m.start() <= lead))?;
    let mut found = c["name"].trim_end_matches(',').to_string();
    // "Certificate of Incorporation of Intel Corporation": the company, not the document.
    if let Some((left, right)) = found.rsplit_once(" of ") {
        let document = left.split_whitespace().next_back().is_some_and(|w| {
            matches!(
                w,
                "Incorporation"
                    | "Certificate"
                    | "Articles"
                    | "Memorandum"
                    | "Bylaws"
                    | "Agreement"
                    | "Division"
                    | "Subsidiary"
                    | "Affiliate"
                    | "Association"
            )
        });
        if document && is_company_name(right) {
            found = right.to_string();
        }
    }
    let entity = matches!(
        noun.as_str(),
        "company" | "corporation" | "partnership" | "bank" | "trust" | "fund" | "issuer"
    );
    (entity || is_company_name(&found) || found.to_lowercase().ends_with(&noun)).then_some(found)
}

/// The name of the one acting in a role that the term names: "JPMorgan Chase Bank, N.A., as
/// administrative agent (the “Administrative Agent”)" gives "JPMorgan Chase Bank, N.A.".
fn named_role(context: &str, term: &str) -> Option<String> {
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name = NAME.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<name>{NAME_WORD}{{1,7}}[A-Z][A-Za-z0-9.&'’-]*),?[^\S\n]*$"
        ))
        .expect("valid regex")
    });
    let before = context.trim_end();
    let lower = before.to_lowercase();
    let role = term.to_lowercase();
    // The role's last word ends the context ("trustee", "administrative agent").
    let last = role.split_whitespace().next_back()?;
    if !lower.ends_with(last) || !before[..before.len() - last.len()].ends_with(char::is_whitespace)
    {
        return None;
    }
    // Back over the role's words (at most three) to "as".
    let words: Vec<&str> = before.split_whitespace().collect();
    let k = words.iter().rev().take(4).position(|w| *w == "as")?;
    let as_at = words.len() - 1 - k;
    let role_words = &words[as_at + 1..];
    if role_words.iter().any(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    let cut = words[as_at].as_ptr() as usize - before.as_ptr() as usize;
    let head = before[..cut].trim_end();
    let c = name.captures(head)?;
    let mut found = c["name"].trim_end_matches(',').to_string();
    // "between the Company and U.S. Bank Trust Company, National Association, as trustee":
    // the other party is the one in the role.
    if let Some((first, rest)) = found.split_once(" and ") {
        if !first.contains(' ') && rest.split_whitespace().count() >= 2 {
            found = rest.to_string();
        }
    }
    (found.split_whitespace().count() >= 2).then_some(found)
}

/// Whether a name ends in a company's legal form: "Inc.", "LLC", "Company Limited", "plc".
fn is_company_name(name: &str) -> bool {
    let last = name
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_end_matches(['.', ',']);
    name.split_whitespace().count() >= 2
        && matches!(
            last,
            "Inc"
                | "LLC"
                | "L.L.C"
                | "Ltd"
                | "Limited"
                | "Corp"
                | "Corporation"
                | "plc"
                | "PLC"
                | "N.V"
                | "S.A"
                | "AG"
                | "GmbH"
                | "LP"
                | "L.P"
                | "Co"
                | "SE"
                | "B.V"
                | "N.A"
                | "LLP"
        )
}

/// Whether `before` ends with an item number of a list of definitions: "(i)", "and (ii) the".
fn enumerated(before: &str) -> bool {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    ITEM.get_or_init(|| {
        Regex::new(r"(?:^|[\s,;:])\((?:[ivx]{1,4}|[a-h]|[0-9]{1,2})\)(?:\s+the)?$")
            .expect("valid regex")
    })
    .is_match(crate::util::tail(before, 16))
}

/// Whether `before` ends with a phrase that introduces definitions and a comma: "As used in
/// this prospectus,", "Unless the context otherwise requires,", "For purposes of this section,".
fn after_introduction(before: &str) -> bool {
    let Some(head) = before.strip_suffix(',') else {
        return false;
    };
    let clause = head
        .rsplit(['.', ';', ':', '\n', '•'])
        .next()
        .unwrap_or(head)
        .trim()
        .to_lowercase();
    clause.split_whitespace().count() <= 12
        && [
            "as used",
            "when used",
            "in this",
            "throughout this",
            "for purposes",
            "for the purposes",
            "unless the context",
            "unless otherwise",
            "except where",
            "herein",
        ]
        .iter()
        .any(|p| clause.starts_with(p) || clause.contains(&format!(" {p}")))
}

/// Where a definition that starts `rest` ends: at the end of its sentence (a period followed by
/// a space and a capital, a blank line, or a semicolon that ends a list entry).
fn definition_end(rest: &str) -> usize {
    static END: OnceLock<Regex> = OnceLock::new();
    let end = END.get_or_init(|| {
        Regex::new(r#"\.(?:\s+[A-Z“"(]|\s*$)|;\s|\n\s*\n|\n[“"•]|,?\s+(?:and\s+|or\s+)?\((?:[ivx]+|[a-h]|[0-9])\)\s+(?:the\s+)?[“"]|,?\s+and\s+(?:(?:all\s+)?references?\s+to|the\s+terms?)\s+(?:the\s+)?[“"]|,\s+and\s+(?:an?\s+|the\s+)?[“"][^“”"]{1,80}[”"]\s+(?:means|shall\s+mean|refers\s+to)\s"#).expect("valid regex")
    });
    let limit = crate::util::floor_char_boundary(rest, 2000);
    match end.find(&rest[..limit]) {
        Some(m) if rest[m.start()..].starts_with('.') => m.start() + 1,
        Some(m) => m.start(),
        None => limit,
    }
}

/// A defining parenthesis opening at `open` with content `inner`.
fn parenthesis(text: &str, open: usize, inner: &str) -> Option<Defined> {
    let base = open + 1;
    // "(“Acme Cloud,” and together with Acme AI, Inc., “Acme”)": a second definition, of a
    // group, follows the first name; only the first is this parenthesis's.
    let whole = inner.len();
    // Also "(the “2031 Notes” and, together with the 2029 Notes, the “Notes”)".
    let inner = match (inner.find(['”', '"']), group_marker(inner)) {
        (Some(q), Some(t))
            if q < t
                && inner[..t]
                    .trim_end()
                    .trim_end_matches(',')
                    .trim_end()
                    .ends_with("and") =>
        {
            &inner[..t]
        }
        _ => inner,
    };
    let mut names: Vec<(String, Range<usize>)> = Vec::new();
    let mut outside = String::new();
    let mut last = 0;
    for caps in quoted().captures_iter(inner) {
        let m = caps.get(0).expect("whole match");
        let name = caps.get(1).expect("group");
        outside.push_str(&inner[last..m.start()]);
        outside.push(' ');
        last = m.end();
        let cleaned = clean_name(name.as_str());
        if !plausible(&cleaned) {
            return None;
        }
        let len = name.as_str().trim_end_matches([',', ';']).trim_end().len();
        names.push((cleaned, base + name.start()..base + name.start() + len));
    }
    outside.push_str(&inner[last..]);
    if names.is_empty() {
        return None;
    }
    // "(such agreement, as amended, the “Microsoft MSA”)": the noun after "such" names the
    // thing again; but not after the first name ("(each, an “Investee,” and such purchases,
    // the “Investments”)" holds two definitions).
    let first_quote = names[0].1.start - base;
    let mut after_such = false;
    let mut such_seen = false;
    let only_preamble = outside
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '“' | '”' | '"'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let lower = w.to_lowercase();
            let ok = after_such && w.chars().all(char::is_alphabetic)
                || PREAMBLE.contains(&lower.as_str());
            after_such = lower == "such";
            such_seen |= after_such;
            ok
        });
    let such_late = such_seen
        && !inner[..first_quote.min(inner.len())]
            .to_lowercase()
            .contains("such ");
    if !only_preamble || such_late {
        return None;
    }
    let (term, span) = names[0].clone();
    let aliases: Vec<String> = names[1..].iter().map(|(n, _)| n.clone()).collect();
    // "also known as", "referred to as": a new name for the thing before, sharing no word.
    let lower = outside.to_lowercase();
    let renames = lower.contains("known as") || lower.contains("referred to as");
    // A name is never this long; the bound keeps a text without sentence ends linear.
    let context = crate::util::tail(&text[..open], ANTECEDENT_REACH);
    let mut antecedent =
        antecedent_of(context, &term, renames).map(|a| finished(context, without_definitions(&a)));
    // "the balance sheets, ... and the related notes (collectively, the “financial
    // statements”)": a name for a whole list is not its last item; no antecedent is better than
    // that one.
    let collective = lower.contains("collectively") || lower.contains("together");
    let audited = collective
        .then(|| audited_list(text[..open].trim_end(), &term))
        .flatten();
    if audited.is_some() {
        antecedent = audited;
    } else if let Some(a) = antecedent.as_deref().filter(|_| collective) {
        let before = text[..open].trim_end();
        let tail = crate::util::tail(before, a.len() + 300);
        // Where the antecedent starts: the whole of it, else its first word ("Qiming Rongqian
        // and Qiming Rongkai" starts at the first "Qiming", not the second).
        let flat = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = flat
            .rfind(a)
            .or_else(|| flat.rfind(a.split_whitespace().next().unwrap_or(a)));
        let last_item = at.map(|at| flat[..at].trim_end()).is_some_and(|b| {
            let b = ["the", "its", "our", "their", "a", "an"]
                .iter()
                .find_map(|d| b.strip_suffix(d).filter(|r| r.ends_with(' ')))
                .unwrap_or(b)
                .trim_end();
            b.ends_with(" and") || b.ends_with(" or") || b.ends_with(',')
        });
        // Or the antecedent is the list itself ("statements of operations ..., and the related
        // notes").
        let list = a.contains(", and ") || a.contains(", or ");
        // Or a name of several words that shares none with it ("Index at Item 15" for the
        // "consolidated financial statements").
        let stem = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches('s')
                .to_lowercase()
        };
        let named: Vec<String> = term
            .split_whitespace()
            .map(stem)
            .filter(|w| w.len() >= 3)
            .collect();
        let unrelated = named.len() >= 2 && !a.split_whitespace().any(|w| named.contains(&stem(w)));
        // A list of names, each as long as the last ("Qiming Rongqian and Qiming Rongkai
        // (collectively, “Qiming Venture SIIs”)"): the list is the antecedent.
        let names = at
            .filter(|_| last_item && !list)
            .and_then(|at| name_list(&flat[..at], a));
        // Two items of one kind, the second with a lead of its own ("$1.25 billion ... of
        // 2.75% Convertible Senior Notes due 2030 and $750.0 million ... of 3.00% Convertible
        // Senior Notes due 2032 (collectively, the “Notes”)"): both.
        let pair = at
            .filter(|_| !list)
            .and_then(|at| item_pair(&flat[..at], a, &term));
        // Or companies and people ("Mr. Liu Wei, Starlight Holdings Limited and Xingyao Ltd
        // (collectively, the “Controlling Shareholders”)").
        let parties = party_list(a);
        // "the California Consumer Privacy Act of 2018, as amended by the California Privacy
        // Rights Act of 2020 (collectively, the “CCPA”)": the act and what amends it are the
        // whole.
        let amended = a.contains(", as amended by ") || a.contains(", as supplemented by ");
        if amended {
            // The antecedent stands.
        } else if names.is_some() {
            antecedent = names;
        } else if pair.is_some() {
            antecedent = pair;
        } else if parties.is_some() {
            antecedent = parties;
        } else if last_item || list || unrelated {
            antecedent = None;
        }
    }
    // "our Series A, Series B and Series C convertible preferred stock (collectively, the
    // “Preferred Stock”)": the named kinds with the noun they share.
    if collective {
        if let Some(series) = named_kinds(&text[..open], &term) {
            antecedent = Some(series);
        }
    }
    // "Magnetar Financial LLC and its affiliates (collectively, “Magnetar”)": the name is the
    // company's.
    if let Some(a) = antecedent.as_mut() {
        for group in [
            " and its affiliates",
            " and their affiliates",
            " and its subsidiaries",
            " and its subsidiary",
            " and its consolidated subsidiaries",
        ] {
            if let Some(name) = a.strip_suffix(group).filter(|n| n.contains(' ')) {
                *a = name.to_string();
                break;
            }
        }
    }
    // "issued ASU 2023-07, Segment Reporting (Topic 280): Improvements to Reportable Segment
    // Disclosures (“ASU 2023-07”)": the term named before its own title; the title is the name.
    if antecedent.is_none() {
        antecedent = titled_identifier(context, &term);
    }
    // "Han Kun Law Offices, our PRC legal counsel (“PRC Counsel”)", "Lumora Compute SPV I LLC,
    // one of our wholly owned subsidiaries (“SPV I”)": the one the description describes.
    if let Some(name) = antecedent
        .as_deref()
        .and_then(|a| appositive_name(context, a))
    {
        antecedent = Some(name);
    }
    // "$1.0 billion aggregate principal amount of 5.250% Senior Notes due 2029 (the “2029
    // Notes”)": the notes with their amount (not across "our": "of our 4.625% Notes").
    if let Some(a) = antecedent.as_deref() {
        if let Some(lead) = principal_amount_before(context, a) {
            antecedent = Some(format!("{lead} {a}"));
        }
    }
    // "Mr. Jensen Li, our co-founder (“Mr. Li”)": the person's full name.
    if let Some(name) = honorific_name(context, &term) {
        antecedent = Some(name);
    }
    // "an annual cash incentive program for fiscal 2025 (the “2025 Bonus Plan”)": the phrase
    // with its complement, where only its tail ("fiscal 2025") or nothing was found.
    // Not for an event ("(the “Acquisition”)", "(the “Concurrent Private Placement”)"), whose
    // clause names its object or party, nor for an acronym spelled out.
    let last = term
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_end_matches('s')
        .to_lowercase();
    let event = last.ends_with("tion")
        || last.ends_with("sion")
        || last.ends_with("ment")
        || last.ends_with("ing")
        || matches!(last.as_str(), "merger" | "split" | "spin-off" | "sale");
    let acronym = term.chars().filter(|c| c.is_uppercase()).count() >= 2 && !term.contains(' ');
    if let Some(long) = head_with_complement(context).filter(|_| !event && !acronym) {
        // A tail that names the term keeps it ("Series B convertible preferred stock", not
        // "shares of Series B ..."); a year in common is no name.
        let named_by = |a: &str| {
            a.split_whitespace().any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                w.len() >= 3
                    && !w.chars().all(|c| c.is_ascii_digit())
                    && term.split_whitespace().any(|t| {
                        t.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                            .trim_end_matches('s')
                            == w.trim_end_matches('s')
                    })
            })
        };
        let tail_of_it = antecedent
            .as_deref()
            .filter(|a| !named_by(a))
            .is_some_and(|a| {
                long.strip_suffix(a).is_some_and(|lead| {
                    let lead = lead.trim_end();
                    lead.len() < long.len()
                        && ["of", "for", "to", "in", "on", "after"]
                            .iter()
                            .any(|p| lead.ends_with(&format!(" {p}")))
                })
            });
        // Where nothing was found, the phrase must be about the term: a word in common
        // ("rules" for "October 2023 Rules"), a lower-case term ("restricted period"), or an
        // award that the phrase grants ("stock option to purchase ..." for "CEO Award").
        let stem = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches('s')
                .to_lowercase()
        };
        let shares_word = long.split_whitespace().any(|w| {
            let w = stem(w);
            w.len() >= 3 && term.split_whitespace().any(|t| stem(t) == w)
        });
        let award = matches!(last.as_str(), "award" | "grant")
            && ["option", "award", "unit", "share"]
                .iter()
                .any(|w| long.contains(w));
        let about = shares_word || award || term.starts_with(char::is_lowercase);
        if antecedent.is_none() && about || tail_of_it {
            antecedent = Some(long);
        }
    }
    // "Intel Corporation, a Delaware corporation (the “Corporation”)": the company, not its
    // description.
    if let Some(a) = antecedent.as_deref() {
        if let Some(name) = described_company(context, a, &term) {
            antecedent = Some(name);
        }
    }
    // "Wilmington Trust, National Association as trustee (the “Trustee”)": the one in the role
    // (also when only the role's word was found: "trustee" for "Senior Note Indenture Trustee").
    let role_word = |a: &str| {
        !a.contains(' ')
            && term
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.eq_ignore_ascii_case(a))
    };
    if antecedent
        .as_deref()
        .is_none_or(|a| a.eq_ignore_ascii_case(&term) || role_word(a))
    {
        if let Some(name) = named_role(context, &term) {
            antecedent = Some(name);
        }
    }
    // "the senior notes, which may be unsecured or secured (“senior notes”)": a clause set off
    // by a comma describes the thing; it is no part of its name.
    if let Some(a) = antecedent.as_mut() {
        if let Some(cut) = [", which ", ", who ", ", whose "]
            .iter()
            .filter_map(|r| a.find(r))
            .min()
        {
            if cut > 0 {
                a.truncate(cut);
            }
        }
    }
    // "Our Chief Executive Officer, Jane Doe (“Ms. Doe”)": the person, not the office.
    if let Some(a) = antecedent.as_deref() {
        if let Some((office, person)) = a.rsplit_once(", ") {
            let titled = office.split_whitespace().any(|w| {
                matches!(
                    w,
                    "Officer"
                        | "President"
                        | "Director"
                        | "Chairman"
                        | "Chairwoman"
                        | "Chair"
                        | "Founder"
                        | "Co-Founder"
                        | "Secretary"
                        | "Treasurer"
                        | "Counsel"
                )
            });
            let named = person.split_whitespace().count() >= 2
                && person
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase));
            if titled && named {
                antecedent = Some(person.to_string());
            }
        }
    }
    // An event ("(the “Preferred Stock Conversion”)", "(the “Reclassification”)") is named by
    // a phrase with a word for it, not by the object of the clause before ("... into shares
    // of our Class B common stock").
    let head = term
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_end_matches('s')
        .to_lowercase();
    if head.ends_with("tion")
        || head.ends_with("sion")
        || matches!(head.as_str(), "merger" | "split" | "spin-off")
    {
        let stem: String = head.chars().take(5).collect();
        let names_event = |a: &str| {
            a.split(|c: char| !c.is_alphanumeric()).any(|w| {
                let w = w.to_lowercase();
                w.starts_with(&stem)
                    || [
                        "tion", "tions", "sion", "sions", "ment", "ments", "ing", "ings",
                    ]
                    .iter()
                    .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
            })
        };
        antecedent = antecedent.filter(|a| names_event(a));
    }
    // A date names no thing: "issued on June 11, 2019 (the “Issuer”)".
    static DATE: OnceLock<Regex> = OnceLock::new();
    let date = DATE.get_or_init(|| {
        Regex::new(r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})$")
            .expect("valid regex")
    });
    // But a date names a date: "prior to December 15, 2030 (the “Par Call Date”)".
    let names_date = term.split_whitespace().next_back() == Some("Date");
    let antecedent = antecedent.filter(|a| names_date || !date.is_match(a));
    let antecedent = antecedent.or_else(|| {
        static LAST_DATE: OnceLock<Regex> = OnceLock::new();
        let last_date = LAST_DATE.get_or_init(|| {
            Regex::new(r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}),?\s*$")
                .expect("valid regex")
        });
        names_date
            .then(|| last_date.find(context))
            .flatten()
            .map(|m| m.as_str().trim_end().trim_end_matches(',').to_string())
    });
    // "During the three years ended December 31, 2022, 2023 and 2024 and the four months ended
    // April 30, 2025 (the “Track Record Period”)": a period is the span of time before it.
    let antecedent = antecedent.or_else(|| {
        (term.split_whitespace().next_back() == Some("Period"))
            .then(|| time_span(context))
            .flatten()
    });
    // "Structured Credit SP Fund) and Luster LightTech International Limited": a name that
    // starts inside an aside is cut wrong.
    let antecedent = antecedent.filter(|a| {
        let mut depth = 0i32;
        a.chars().all(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth >= 0
        })
    });
    let close = base + whole;
    Some(Defined {
        term,
        aliases,
        definition: inline_definition(context, &text[close + 1..]),
        antecedent,
        source: "inline",
        span,
    })
}

/// The companies and people that `names` ends with, two or more, each a company's legal name
/// or a titled person: "Mr. Liu Wei, Starlight Holdings Limited and Xingyao Ltd" out of "Global
/// Offering, Mr. Liu Wei, Starlight Holdings Limited and Xingyao Ltd".
fn party_list(names: &str) -> Option<String> {
    let party = |item: &str| {
        let item = item.trim();
        let first = item.split_whitespace().next().unwrap_or("");
        first.starts_with(char::is_uppercase) && !is_determiner(first) && is_company_name(item)
            || ["Mr. ", "Ms. ", "Mrs. ", "Dr. "]
                .iter()
                .any(|t| item.starts_with(t) && item.len() > t.len() + 2)
    };
    // Items end at ", " or " and " (not inside "Co., Ltd." or "Bank, N.A.").
    let (last_start, last) = match names.rfind(" and ") {
        Some(k) => (k + " and ".len(), &names[k + " and ".len()..]),
        None => return None,
    };
    if !party(last) {
        return None;
    }
    let mut start = last_start;
    let mut count = 1;
    let mut rest = names[..last_start - " and ".len()].trim_end_matches(',');
    loop {
        // The previous item: back to a ", " whose item is a party, over the commas inside one
        // ("Co., Ltd."), and over a single name word before a comma ("Keefe, Bruyette & Woods,
        // Inc.").
        let mut found = None;
        let mut search = rest.len();
        while let Some(k) = rest[..search].rfind(", ") {
            if party(&rest[k + 2..]) {
                found = Some(k + 2);
                break;
            }
            search = k;
        }
        let found = found.or_else(|| party(rest).then_some(0));
        let Some(mut item_start) = found else { break };
        while item_start > 0 {
            let before_item = &rest[..item_start - 2];
            let word_at = before_item.rfind(", ").map_or(0, |k| k + 2);
            let word = &before_item[word_at..];
            let suffix = is_company_name(&format!("Name {word}"));
            if word.contains(' ')
                || !word.starts_with(char::is_uppercase)
                || is_determiner(word)
                || suffix
            {
                break;
            }
            item_start = word_at;
        }
        start = item_start;
        count += 1;
        if item_start == 0 {
            break;
        }
        rest = &rest[..item_start - 2];
    }
    (count >= 2).then(|| names[start..].to_string())
}

/// The two items named together for a collective term: `second` (the antecedent found, e.g.
/// "3.00% Convertible Senior Notes due 2032") is led by "and" and a lead ("$750.0 million
/// aggregate principal amount of") that the first item mirrors ("$1.25 billion aggregate
/// principal amount of 2.75% Convertible Senior Notes due 2030"); both hold the term's head noun.
fn item_pair(before: &str, second: &str, term: &str) -> Option<String> {
    let head = term
        .split_whitespace()
        .next_back()?
        .trim_end_matches('s')
        .to_lowercase();
    let holds_head = |s: &str| {
        s.split_whitespace().any(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches('s')
                .eq_ignore_ascii_case(&head)
        })
    };
    if head.len() < 3 || !holds_head(second) {
        return None;
    }
    let and = before.rfind(" and ")?;
    let lead = &before[and + " and ".len()..];
    // (A comma inside a number is no clause break: "$900,000,000".)
    if lead.split_whitespace().count() > 8 || lead.contains(", ") || lead.contains(';') {
        return None;
    }
    let left = &before[..and];
    // The first item ends with the head noun's phrase, within a few words.
    let left_words: Vec<&str> = left.split_whitespace().collect();
    let h = left_words.iter().rposition(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches('s')
            .eq_ignore_ascii_case(&head)
    })?;
    if left_words.len() - h > 4 {
        return None;
    }
    // It starts where a word of the shape the second item starts with stands: "$1.25" for
    // "$750.0", "2.75%" for "3.00%".
    let first_of = |s: &str| s.split_whitespace().next().unwrap_or("").to_string();
    let only_determiner = lead
        .split_whitespace()
        .all(|w| matches!(w, "our" | "the" | "its" | "their"));
    let opener = if only_determiner {
        first_of(second)
    } else {
        first_of(lead)
    };
    let shape = |w: &str| {
        let c = w.chars().next().unwrap_or(' ');
        if c.is_ascii_digit() {
            '0'
        } else if c.is_alphabetic() {
            if c.is_uppercase() {
                'A'
            } else {
                'a'
            }
        } else {
            c
        }
    };
    let want = shape(&opener);
    if want == 'a' {
        return None;
    }
    let opens = |w: &str| shape(w) == want && (want != 'A' || w == opener);
    let mut start = left_words[..h].iter().rposition(|w| opens(w))?;
    if h - start > 16 {
        return None;
    }
    // Earlier items of the same list: "the A Bonds, the B Bonds and the C Bonds".
    loop {
        let mut k = start;
        if k > 0 && matches!(left_words[k - 1], "our" | "the" | "its" | "their") {
            k -= 1;
        }
        if k == 0 || !left_words[k - 1].ends_with(',') {
            break;
        }
        let ends_with_head = holds_head(left_words[k - 1]);
        let Some(earlier) = left_words[..k].iter().rposition(|w| opens(w)) else {
            break;
        };
        if !ends_with_head || k - earlier > 16 {
            break;
        }
        start = earlier;
    }
    let first = left_words[start..].join(" ");
    Some(
        format!(
            "{first} and {} {second}",
            lead.split_whitespace().collect::<Vec<_>>().join(" ")
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "),
    )
}

/// The names listed before `last` (the last name of a list, which `before` precedes), each of
/// as many capitalized words: "Qiming Rongqian and" before "Qiming Rongkai" gives "Qiming
/// Rongqian and Qiming Rongkai"; "A Corp, B Corp and" before "C Corp" gives all three.
fn name_list(before: &str, last: &str) -> Option<String> {
    let size = last.split_whitespace().count();
    let mut words: Vec<&str> = before.split_whitespace().collect();
    // "The Hong Kong Public Offering and the International Offering": the article goes with
    // the last name.
    let article = words.last().copied() == Some("the");
    if article {
        words.pop();
    }
    let mut end = words.len();
    let mut items = 0;
    // The joiner before the last name, then names back to the list's start.
    if !matches!(words.last().copied(), Some("and" | "or")) {
        return None;
    }
    end -= 1;
    // Each earlier name ends with a comma ("A Corp, B Corp and C Corp"); or, in lower case,
    // shares the head noun ("common stock and preferred stock").
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let head = last.split_whitespace().next_back().map(bare);
    while end >= size {
        let item = &words[end - size..end];
        let capitalized = last.starts_with(char::is_uppercase)
            && item.iter().all(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .starts_with(char::is_uppercase)
            });
        let same_head = last.starts_with(char::is_lowercase)
            && item.last().map(|w| bare(w)) == head
            && item
                .iter()
                .all(|w| w.starts_with(char::is_lowercase) && !is_small_word(&bare(w)));
        if !capitalized && !same_head {
            break;
        }
        items += 1;
        end -= size;
        if end == 0 || !words[end - 1].ends_with(',') {
            break;
        }
    }
    let capital = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .starts_with(char::is_uppercase)
    };
    // One earlier name of the last one's length, but the name goes on before it ("Hong Kong
    // Public Offering"), unless both start alike ("Qiming Rongqian and Qiming Rongkai").
    let goes_on = items == 1
        && end > 0
        && capital(words[end - 1])
        && !words[end - 1].ends_with([',', ';', '.'])
        && !is_determiner(words[end - 1].trim_matches(|c: char| !c.is_alphanumeric()))
        && words.get(end).map(|w| bare(w)) != last.split_whitespace().next().map(bare);
    if items == 0 || goes_on {
        let end = words.len() - 1;
        // Two names of different lengths: the capitalized run before the joiner.
        if last.starts_with(char::is_uppercase) && end >= 1 && !words[end - 1].ends_with(',') {
            let mut start = end;
            while start > 0
                && end - start < 8
                && capital(words[start - 1])
                && !is_determiner(words[start - 1].trim_matches(|c: char| !c.is_alphanumeric()))
                && !words[start - 1].ends_with([',', ';', '.'])
            {
                start -= 1;
            }
            // Not the last two of a longer list ("..., the A Bonds and the B Bonds").
            let longer = start > 0
                && (words[start - 1].ends_with(',')
                    || start > 1 && words[start - 1] == "the" && words[start - 2].ends_with(','));
            if start < end && end - start != size && !longer {
                let joiner = if article { " the " } else { " " };
                return Some(format!(
                    "{} {}{joiner}{last}",
                    words[start..end].join(" "),
                    words[end]
                ));
            }
        }
        return None;
    }
    let mut out = words[end..].join(" ");
    out.push_str(if article { " the " } else { " " });
    out.push_str(last);
    Some(out)
}

/// The definition that follows an inline term, when the sentence gives one: "(“Daily
/// Tokens”), which we define as the total number of ...", "(“NRR”) is calculated as ...", and
/// "We define annual recurring revenue (“ARR”) as the annualized value of ...".
fn inline_definition(before: &str, after: &str) -> Option<String> {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let lead = LEAD.get_or_init(|| {
        Regex::new(r"^\s*,?\s*(?:(?:which|that)\s+(?:we\s+|is\s+|are\s+)?(?:define[sd]?|calculate[sd]?)\s+as|(?:is|are)\s+(?:defined|calculated)\s+as|means|refers\s+to|represents(?:\s+and\s+warrants)?|measures)\s+")
            .expect("valid regex")
    });
    static AS: OnceLock<Regex> = OnceLock::new();
    let define_as = AS.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:we|which\s+we|the\s+company)\s+(?:define|defines|calculate|calculates|measure|measures)\s+(?P<what>[^.;:()]{1,120})$")
            .expect("valid regex")
    });
    // "We define X (“Y”) as ...": the "as" of "define" is still to come, and is no "as well as".
    let defines = define_as
        .captures(crate::util::tail(before, 140))
        .and_then(|c| c.name("what"))
        .is_some_and(|w| !w.as_str().split_whitespace().any(|x| x == "as"));
    let start = match lead.find(after) {
        Some(m) => m.end(),
        None if defines && !after.trim_start().starts_with("as well") => {
            // "... (“ARR”) as the annualized value": past "as" and the spaces after it.
            let rest = after.trim_start().strip_prefix("as")?;
            if !rest.starts_with(char::is_whitespace) {
                return None;
            }
            after.len() - rest.trim_start().len()
        }
        None => return None,
    };
    // "(the “Seller”) represents and warrants that ...": a covenant, not a definition.
    if after[..start].trim_end().ends_with("warrants") {
        return None;
    }
    let rest = &after[start..];
    let d = rest[..definition_end(rest)]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (d.len() >= 3).then_some(d)
}

fn is_small_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "of" | "and"
            | "the"
            | "for"
            | "&"
            | "in"
            | "on"
            | "to"
            | "a"
            | "an"
            | "de"
            | "la"
            | "or"
            | "through"
            | "at"
            | "by"
            | "with"
            | "via"
            | "per"
    )
}

/// The full name that a defined term abbreviates or names, from the text just before its
/// parenthesis: the words whose initials spell an acronym ("large language model" for "LLM"),
/// else the phrase that starts with the term's first word ("Securities Act of 1933, as amended"
/// for "Securities Act"), else the run of capitalized words before it ("Acme AI, Inc.").
pub fn antecedent(before: &str, term: &str) -> Option<String> {
    antecedent_of(before, term, false).map(|a| finished(before, without_definitions(&a)))
}

/// Last touches on an antecedent found at the end of `before`: the list after "namely" is
/// what is named ("Our PRC Operating Entities, namely A, B and C"); a name cut at the comma
/// before its company's suffix gets the company back ("Aurelion Holdings, Inc. 2025 Employee
/// Stock Purchase Plan", not "Inc. 2025 Employee Stock Purchase Plan").
fn finished(before: &str, a: String) -> String {
    let a = match a.split_once(", namely ") {
        Some((_, list)) if list.len() > 2 => list.to_string(),
        _ => a,
    };
    let suffix = ["Inc. ", "Ltd. ", "Corp. ", "LLC ", "L.P. ", "N.A. ", "plc "]
        .iter()
        .any(|s| a.starts_with(s));
    let Some(at) = suffix.then(|| before.rfind(a.as_str())).flatten() else {
        return a;
    };
    let Some(head) = before[..at].trim_end().strip_suffix(',') else {
        return a;
    };
    let mut start = head.len();
    for (i, w) in head.split_whitespace().rev().enumerate() {
        let name = w.starts_with(|c: char| c.is_uppercase()) || w == "&";
        let lower = w.to_lowercase();
        if !name
            || i >= 6
            || is_article(&lower)
            || is_determiner(&lower)
            || w.ends_with([',', ';', ')'])
        {
            break;
        }
        start = head[..start].trim_end().len() - w.len();
    }
    if start == head.len() {
        return a;
    }
    format!("{}, {a}", &head[start..])
}

/// [`antecedent`], where `renames` says the parenthesis gives a new name ("also known as"), which
/// need share no word with what it names.
fn antecedent_of(before: &str, term: &str, renames: bool) -> Option<String> {
    let mut before = before.trim_end();
    // "Hangzhou Zhenqiang Investment Management Partnership (Limited Partnership) (杭州...(有限
    // 合伙)) (“Hangzhou Zhenqiang”)": the name in another script sits in its own parenthesis
    // (with parentheses inside it) between the two; look past it. A Latin note that ends the
    // legal name, such as "(Limited Partnership)", is kept and put back on the name.
    let mut suffix = "";
    for _ in 0..3 {
        // An aside in another script that never closes (a garbled font): "... (Limited
        // Partnership) ( ɪऎ৷ᆇ༟ପ(Υྫ) (“Shanghai Gaoyi”)", once its inner group is cut.
        if let Some(open) = unclosed_foreign_aside(before) {
            before = before[..open].trim_end();
            continue;
        }
        let Some(open) = matching_open(before) else {
            break;
        };
        let group = &before[open..];
        if group.len() > 160 {
            break;
        }
        if group.chars().any(other_script) {
            before = before[..open].trim_end();
            continue;
        }
        // "(2024 Edition)", "(Revised)": the edition ends the title and stays on it.
        // So does the term itself in a title: "... Foreign Investment Access (Negative List)".
        let legal_note = is_legal_note(inside(group).trim())
            || is_edition_note(inside(group))
            || inside(group).trim() == term && term.contains(' ');
        if legal_note {
            suffix = group;
        }
        // Any other short aside ("(as amended)") is looked past too, once.
        if legal_note || group.len() < 120 {
            before = before[..open].trim_end();
        }
        break;
    }
    // "Accounting Standards Update No. 2023-07, “Segment Reporting (Topic 280): Improvements
    // to Reportable Segment Disclosures” (“ASU 2023-07”)": the title in quotes between the name
    // and its short name is looked past.
    if let Some(title) = quoted_title_at_end(before) {
        before = before[..title].trim_end().trim_end_matches(',').trim_end();
    }
    if !suffix.is_empty() {
        let found = antecedent_of(before, term, renames)?;
        let suffix = suffix.split_whitespace().collect::<Vec<_>>().join(" ");
        return Some(format!("{found} {suffix}"));
    }
    // The clause before the parenthesis; a period that ends "Inc." or an initial is no end.
    let mut search = before.len();
    let clause_start = loop {
        match before[..search].rfind(['.', ';', ':', '(', ')', '\n', '“', '”', '"']) {
            // Nor does a period inside a name ("C3.ai, Inc.", "Amazon.com") or a number
            // ("Exhibit 32.1").
            Some(i)
                if before[i..].starts_with('.')
                    && (ends_in_abbreviation(&before[..i])
                        || before[i + 1..].starts_with(|c: char| c.is_lowercase())
                        || before[..i].ends_with(|c: char| c.is_ascii_digit())
                            && before[i + 1..].starts_with(|c: char| c.is_ascii_digit())) =>
            {
                search = i;
            }
            // A line that wraps ("...Generative Artificial\nIntelligence Services") goes on; a
            // heading or a finished sentence before the break does not.
            Some(i)
                if before[i..].starts_with('\n')
                    && before[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | '-'))
                    && (!before[..i].ends_with(" and") || title_wraps_after_and(&before[..i], &before[i + 1..]))
                    // "Research and Development Expenses\nResearch and development (“R&D”)":
                    // a heading that the next line starts to repeat is no part of the clause.
                    && !repeats_heading(&before[..i], &before[i + 1..])
                    || before[i..].starts_with('\n') && wrapped_title_case(&before[..i]) =>
            {
                search = i;
            }
            // Another term's definition inside the clause: "our agreement with OpenAI OpCo,
            // LLC (“OpenAI”), dated March 10, 2025 (the “OpenAI Master Services Agreement”)".
            Some(i)
                if before[i..].starts_with(')')
                    && holds_definition(&before[..=i], term).is_some() =>
            {
                search = holds_definition(&before[..=i], term).expect("checked");
            }
            // A place inside a company name: "TAL Education (Beijing) Co., Ltd.".
            Some(i) if before[i..].starts_with(')') && name_aside(&before[..=i]).is_some() => {
                search = name_aside(&before[..=i]).expect("checked");
            }
            Some(i) => break i + before[i..].chars().next().map_or(1, char::len_utf8),
            None => break 0,
        }
    };
    // The definitions looked past are no words of the clause: blank them out (keeping every
    // offset), so no rule takes a word inside their quotes.
    let masked = mask_definitions(&before[clause_start..], term);
    let clause = masked.as_str();
    // Tokens with their byte offsets in the clause.
    let words: Vec<(usize, &str)> = clause
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - clause.as_ptr() as usize, w))
        .collect();
    if words.is_empty() {
        return None;
    }
    let tidy = |from: usize| tidy_span(&clause[from..]);

    // Acronyms: "LLM", "LLMs", "AIP", "MaaS".
    let letters = acronym_letters(term);
    let capitals = term.chars().filter(|c| c.is_uppercase()).count();
    // The acronym and its parts ("AI/ML": "ai", "ml", "aiml"), which no word of the expansion
    // may be: "REITs" is no expansion of "REIT".
    let parts: Vec<String> = term
        .split(|c: char| c == '/' || c.is_whitespace())
        .chain([term])
        .map(|p| {
            p.trim_end_matches('s')
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|p| p.len() >= 2)
        .collect();
    // The words whose initials spell `want`, and the name before them.
    // `whole`: the acronym is the whole term, so an expansion may stand before a description
    // ("Master Services Agreement, dated ..." for "Helios MSA" is the MSA's, but "Chief
    // Executive Officer, a performance-based ... award" is no "CEO Performance Award").
    let expand = |want: &str, whole: bool| -> Option<String> {
        let want: Vec<char> = want.chars().collect();
        // The expansion ends right before the parenthesis; or one common noun earlier
        // ("environmental, social and governance matters (“ESG”)"); or before a phrase that
        // qualifies it ("generally accepted accounting principles in the United States").
        let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let mut ends = vec![words.len()];
        let trailing_noun = words.last().is_some_and(|(_, w)| {
            let b = bare(w);
            b.len() >= 3
                && b.chars().all(|c| c.is_lowercase())
                && !is_small_word(&b)
                && !is_determiner(&b)
        });
        if trailing_noun && words.len() >= 2 {
            ends.push(words.len() - 1);
        }
        for e in (words.len().saturating_sub(6).max(1)..words.len()).rev() {
            if matches!(
                bare(words[e].1).as_str(),
                "in" | "of"
                    | "for"
                    | "with"
                    | "under"
                    // "a variable interest entity based in China (the “VIE”)".
                    | "based"
                    | "located"
                    | "incorporated"
                    | "organized"
                    | "established"
                    | "headquartered"
            ) {
                ends.push(e);
            }
        }
        // Or before a description set off by a comma ("American depositary shares, each
        // representing two Class A ordinary shares (“ADSs”)"; "Master Services Agreement, dated
        // as of ..."), for an acronym long enough not to be spelled by chance.
        let described = want.len() >= 3 && whole;
        if described {
            for e in (words.len().saturating_sub(24).max(1)..words.len()).rev() {
                if words[e - 1].1.ends_with(',') && !ends.contains(&e) {
                    ends.push(e);
                }
            }
        }
        // Initials in order first; then in any order, one a word ("accounting principles
        // generally accepted in the United States" for "GAAP").
        for in_order in [true, false] {
            for &end in &ends {
                for k in 1..=end.min(want.len() + 4) {
                    let phrase = &words[end - k..end];
                    let first_ok = phrase
                        .first()
                        .is_some_and(|(_, w)| !is_small_word(&bare(w)));
                    let spelled: Vec<&str> = phrase.iter().map(|(_, w)| *w).collect();
                    let itself = phrase.iter().any(|(_, w)| {
                        parts.contains(&bare(w).trim_end_matches('s').to_lowercase())
                    });
                    // An expansion found before a description reaches to the parenthesis.
                    let far = end < words.len() && words[end - 1].1.ends_with(',');
                    let spelled_out = if in_order {
                        spells(&want, &spelled)
                            || spells_over_one(&want, &spelled)
                            || !far && subsequence_initial(&want.iter().collect::<String>(), phrase)
                    } else {
                        want.len() >= 3 && k == want.len() && reordered_initials(&want, &spelled)
                    };
                    if first_ok && !itself && spelled_out {
                        // A proper name before a capitalized expansion belongs to it: "Palantir
                        // Artificial Intelligence Platform" for "AIP", "2020 Employee Stock Purchase
                        // Plan" for "2020 ESPP"; not before "earnings per share".
                        // Before a lower-case one, only an abbreviation ("U.S. generally accepted
                        // accounting principles") or a word of the term ("Windows original equipment
                        // manufacturer licensing" for "Windows OEM").
                        let mut from = end - k;
                        let capitalized = phrase[0].1.starts_with(char::is_uppercase);
                        while from > 0 {
                            let w = words[from - 1].1;
                            let b = bare(w);
                            let year = b.len() == 4 && b.chars().all(|c| c.is_ascii_digit());
                            let capital = b.starts_with(|c: char| c.is_uppercase()) || year;
                            let abbreviation = b.len() <= 4
                                && w.trim_end_matches(',').ends_with(['.', 'S', 'U'])
                                && b.chars().all(|c| c.is_ascii_uppercase() || c == '.');
                            let of_term = term.split_whitespace().any(|t| bare(t) == b);
                            // "Amended and Restated 2004 Employee Stock Purchase Plan".
                            if capitalized
                                && b == "and"
                                && from >= 2
                                && bare(words[from - 2].1) == "Amended"
                            {
                                from -= 2;
                                continue;
                            }
                            let extends = if capitalized {
                                capital
                            } else {
                                abbreviation || of_term
                            };
                            let possessive = w.ends_with("’s") || w.ends_with("'s");
                            if !extends || possessive || w.ends_with(',') || is_determiner(&b) {
                                break;
                            }
                            from -= 1;
                        }
                        // "a $7.5 billion delayed draw term loan facility (the “DDTL 2.0
                        // Facility”)": a lower-case expansion of an acronym inside a longer
                        // name takes the modifiers that an article opens (an acronym alone
                        // is its words: "supports retrieval-augmented generation (“RAG”)").
                        if !capitalized && term.contains(' ') {
                            from = phrase_start(&words, from, 0, false);
                        }
                        // "the Foreign Account Tax Compliance Act, and the relevant guidance
                        // (collectively “FATCA”)": after a list's comma, the name alone.
                        if far && matches!(bare(words[end].1).as_str(), "and" | "or") {
                            let (at, w) = words[end - 1];
                            return tidy_span(&clause[words[from].0..at + w.len()]);
                        }
                        // "Our wholly foreign-owned enterprise, Shanghai Nimbus Intelligence
                        // Co., Ltd. (“WFOE”)": the company the description names.
                        if far {
                            let rest = tidy_span(&clause[words[end].0..]);
                            if let Some(rest) = rest
                                .filter(|r| is_company_name(r) && r.starts_with(char::is_uppercase))
                            {
                                return Some(rest);
                            }
                        }
                        return tidy(words[from].0);
                    }
                }
            }
        }
        None
    };
    if capitals >= 2 && !term.contains(' ') && letters.len() <= 8 {
        if let Some(found) = expand(&letters.to_lowercase(), true) {
            return Some(found);
        }
    }
    // A name made of an acronym and other words: "U.S. GAAP", "PRSU Award", "C3.ai DTI". The
    // acronym's expansion (with what qualifies it) is the antecedent.
    if term.contains(' ') && term.split_whitespace().count() <= 3 {
        let acronym = term.split_whitespace().rev().find_map(|w| {
            let letters = acronym_letters(w);
            (letters.len() >= 2 && letters.len() <= 8 && letters.chars().all(char::is_uppercase))
                .then(|| letters.to_lowercase())
        });
        // The acronym ends the term ("Helios MSA") or modifies the rest ("CEO Performance
        // Award").
        let last = term.split_whitespace().next_back().map(acronym_letters);
        let whole = acronym
            .as_deref()
            .is_some_and(|a| last.is_some_and(|l| l.to_lowercase() == a));
        if let Some(found) = acronym.as_deref().and_then(|a| expand(a, whole)) {
            return Some(found);
        }
    }

    // A currency code names a currency: "British pound sterling (“GBP”)", "U.S. dollars (“USD”)".
    if let Some(unit) = currency_word(term) {
        let bare = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        if let Some(k) = (0..words.len())
            .rev()
            .take(6)
            .find(|&k| bare(words[k].1).trim_end_matches('s') == unit)
        {
            let mut from = k;
            while from > 0
                && k - from < 2
                && words[from - 1].1.starts_with(char::is_uppercase)
                && !words[from - 1].1.ends_with([',', ';'])
                && !is_determiner(words[from - 1].1)
            {
                from -= 1;
            }
            let mut last = k;
            if words.get(k + 1).is_some_and(|(_, w)| bare(w) == "sterling") {
                last += 1;
            }
            let end_at = words[last].0 + words[last].1.len();
            let phrase = clause[words[from].0..end_at].trim_end_matches([',', ';']);
            return Some(phrase.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    // The full name earlier in the clause, not right before the parenthesis: "the California
    // Consumer Privacy Act as amended by the California Privacy Rights Act (“CCPA”)".
    if capitals >= 2 && !term.contains(' ') && (2..=8).contains(&letters.len()) {
        let want = letters.to_lowercase();
        let recent = words.len().saturating_sub(30);
        for end in (recent + 1..words.len()).rev() {
            let start = end.saturating_sub(want.len() + 3).max(recent);
            for from in (start..end).rev() {
                let phrase = &words[from..end];
                let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                let significant: Vec<String> = phrase
                    .iter()
                    .map(|(_, w)| bare(w))
                    .filter(|w| !w.is_empty() && !is_small_word(w))
                    .collect();
                // Whole capitalized words whose initials are the acronym, no more, no less.
                let initials: String = significant
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .collect::<String>()
                    .to_lowercase();
                if initials.len() > want.len() {
                    break;
                }
                let capitalized = significant
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()));
                let last_small = phrase.last().is_some_and(|(_, w)| is_small_word(&bare(w)));
                if initials == want
                    && capitalized
                    && !is_small_word(&bare(phrase[0].1))
                    && !last_small
                {
                    // A title goes on to the right: "Management’s Discussion and Analysis of
                    // Financial Condition and Results of Operations" for "MD&A".
                    let mut last = end - 1;
                    while last + 1 < words.len() {
                        let next = bare(words[last + 1].1);
                        let after = words.get(last + 2).map(|(_, w)| bare(w));
                        // Or its number: "General Data Protection Regulation (EU) 2016/679".
                        let raw_next = words[last + 1].1.trim_end_matches([',', ';']);
                        let number = raw_next.contains(['/', '-'])
                            && raw_next.starts_with(|c: char| c.is_ascii_digit())
                            && raw_next
                                .chars()
                                .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-'));
                        let title = next.starts_with(|c: char| c.is_uppercase()) || number;
                        let connector = is_small_word(&next)
                            && after.is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()));
                        let corporate = matches!(
                            next.as_str(),
                            "Ltd" | "Inc" | "LLC" | "Limited" | "Corporation" | "plc" | "Co"
                        );
                        if (words[last].1.ends_with([',', ';']) && !corporate)
                            || !(title || connector)
                        {
                            break;
                        }
                        last += if title { 1 } else { 2 };
                    }
                    let end_at = words[last].0 + words[last].1.len();
                    let s = clause[phrase[0].0..end_at].trim_end_matches([',', ';']);
                    return Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
        }
    }

    // Letters of the acronym in order inside a short phrase that starts with its first letter:
    // "Japanese yen" for "JPY", "antisense oligonucleotides" for "ASOs".
    if capitals >= 2 && !term.contains(' ') && letters.len() <= 8 {
        let want: Vec<char> = letters.to_lowercase().chars().collect();
        for k in 1..=words.len().min(want.len()) {
            let phrase = &words[words.len() - k..];
            let text: String = phrase
                .iter()
                .map(|(_, w)| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            let first_ok = text.starts_with(want[0]);
            let mut it = text.chars();
            let inside = want.iter().all(|&c| it.any(|t| t == c));
            // One word only when it is a long name: "Renminbi" for "RMB".
            let long_word = k == 1
                && text.chars().count() >= 2 * want.len()
                && phrase[0].1.starts_with(char::is_uppercase);
            if first_ok && inside && (k >= 2.min(want.len()) || long_word) {
                return tidy(phrase[0].0);
            }
        }
    }

    // The phrase starting with the term's first word.
    let first = term.split_whitespace().next().unwrap_or("").to_lowercase();
    // Only a word: "1934 Act" is "Securities Exchange Act of 1934", not "1934".
    if first.len() >= 3 && first.starts_with(|c: char| c.is_alphabetic()) {
        // The earliest such word among the last twelve: "U.S. District Court for the Northern
        // District of California" for "District Court".
        // Prefer the occurrence followed by the term's second word ("District Court" in
        // "U.S. District Court for the Northern District of California"), else the last one.
        let recent = &words[words.len().saturating_sub(12)..];
        let bare = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        let second = term.split_whitespace().nth(1).map(bare);
        // Not a word inside another term's quotes ("(“OpenAI”)").
        // For a one-word term, a plural counts ("Holders of our Class A common stock" for
        // "Holder").
        let one_word = !term.contains(' ');
        let hits: Vec<usize> = (0..recent.len())
            .filter(|&i| {
                let b = bare(recent[i].1);
                (b == first || one_word && b.strip_suffix('s') == Some(first.as_str()))
                    && !recent[i].1.contains(['“', '"'])
            })
            .collect();
        let follows = hits
            .iter()
            .rev()
            .find(|&&i| second.is_some() && recent.get(i + 1).map(|w| bare(w.1)) == second)
            .copied();
        // "our agreement with OpenAI OpCo, LLC, dated ... (the “OpenAI Master Services
        // Agreement”)": a first word on its own after the term's head noun is a party to the
        // thing, not its name; the head noun's phrase (below) names it.
        let head = term.split_whitespace().next_back().map(bare);
        let offset = words.len() - recent.len();
        let party = follows.is_none()
            && second.is_some()
            && hits.last().is_some_and(|&last| {
                words[(offset + last).saturating_sub(12)..offset + last]
                    .iter()
                    .any(|w| {
                        head.as_deref().is_some_and(|h| {
                            bare(w.1).trim_end_matches('s') == h.trim_end_matches('s')
                        })
                    })
            });
        let pick = if party {
            None
        } else {
            follows.or(hits.last().copied())
        };
        if let Some(mut i) = pick {
            // The term inside a title's aside: "Special Administrative Measures (Negative
            // List) for Foreign Investment Access" for "Negative List"; the title starts
            // before it.
            if recent[i].1.starts_with('(')
                && i > 0
                && recent[i - 1].1.starts_with(char::is_uppercase)
                && !recent[i - 1].1.ends_with([',', ';', '.'])
            {
                i -= 1;
            }
            // A name goes on to the left: "the Private Securities Litigation Reform Act of
            // 1995" for "Reform Act", "Palantir Foundry" for "Foundry".
            if recent[i].1.starts_with(char::is_uppercase) {
                let picked = i;
                i = extend_name_left(clause, recent, i);
                // "Epic Games\nEpic Games, Inc.": a name repeated is no longer one name; but
                // "Rules Governing the Listing ..." for "Listing Rules" is one.
                let first_word = term.split_whitespace().next().map(bare);
                if recent[i..picked]
                    .iter()
                    .any(|(_, w)| Some(bare(w)) == first_word)
                {
                    i = picked;
                }
            }
            // "a senior secured revolving credit facility (the “Revolving Credit Facility”)":
            // a lower-case phrase with its modifiers.
            if recent[i].1.starts_with(char::is_lowercase) {
                i = back_to_article(recent, i, 0);
            }
            let at = recent[i].0;
            let found = tidy(at);
            // "Palantir Foundry (“Foundry”)": the term itself is no antecedent; but "the series
            // B1 financing (the “Series B1 Financing”)" names its phrase, capitalized.
            // A single word that is the term in lower case ("request" for "Request") names
            // nothing more: the head noun's phrase (below) may ("inference request").
            let same_word = |f: &str| !f.contains(' ') && f.eq_ignore_ascii_case(term);
            // "the public in Hong Kong (the “Hong Kong Public Offering”)": the term's first
            // words alone are what it is about, not its name.
            let leading = |f: &str| {
                let (f, t): (Vec<&str>, Vec<&str>) = (
                    f.split_whitespace().collect(),
                    term.split_whitespace().collect(),
                );
                f.len() < t.len() && t.starts_with(&f)
            };
            if found
                .as_deref()
                .is_some_and(|f| f != term && !same_word(f) && !leading(f))
            {
                return found;
            }
        }
    }
    // A multi-word name should share a word with the phrase it names ("Prior Credit Agreement"
    // is not "December 23, 2020"); one-word names ("Company") need not.
    let term_words: Vec<String> = term
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.len() >= 3)
        .collect();
    let fits = |phrase: &str| {
        renames
            || term_words.len() < 2
            // A company renamed by its brand: "1Life Healthcare, Inc. (“One Medical”)".
            || is_company_name(phrase)
            || phrase
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| term_words.contains(&w.to_lowercase()))
    };

    // A multi-word name whose last word names a thing the clause mentions: the phrase from that
    // mention's start. "3.25% first mortgage bonds due June 1, 2031" for "2031 Bonds", "the
    // voting agreement among our Founders and ..." for "Founder Voting Agreement".
    // A lower-case head noun counts even when it is the only long word ("Q2 charge").
    let lower_head = term
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    // A one-word name ("Indenture") takes its head noun only with what qualifies it ("an
    // indenture dated as of May 1, 2020 between ..."): a bare "company" is too common.
    let one_word = term_words.len() == 1 && !term.contains(' ');
    if term_words.len() >= 2
        || !term_words.is_empty() && lower_head && term.split_whitespace().count() >= 2
        || one_word
    {
        // The head noun; failing that another word of the name ("credit facility" for
        // "Short-Term Credit Agreement"), but never a number or a small word.
        let recent_from = words.len().saturating_sub(48);
        let find = |want: &str, head: bool| {
            let want = want.trim_end_matches('s');
            // Another word of the name is looked for nearer than the head noun.
            let from = if head {
                recent_from
            } else {
                words.len().saturating_sub(16)
            };
            (from..words.len()).rev().find(|&i| {
                let b = words[i]
                    .1
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let b = b.trim_end_matches('s');
                // Or the verb's noun: "offer" for "Offering".
                let verb = head && want.len() >= 7 && want.strip_suffix("ing") == Some(b);
                // Or a compound ending in it: "wildfire" for "2019 Kincade fire".
                let compound = head
                    && want.len() >= 4
                    && b.len() >= want.len() + 3
                    && b.ends_with(want)
                    && b.chars().all(|c| c.is_ascii_lowercase());
                (b == want || compound || verb) && !(head && modifies_next(&words, i))
            })
        };
        let head = term_words.last().and_then(|w| find(w, true));
        let found = head.or_else(|| {
            term_words[..term_words.len() - 1]
                .iter()
                .rev()
                .filter(|w| w.len() >= 4 && w.starts_with(|c: char| c.is_alphabetic()))
                .find_map(|w| find(w, false))
                // A common noun ("credit facility"), not part of a capitalized title.
                .filter(|&i| words[i].1.starts_with(|c: char| c.is_lowercase()))
        });
        if let Some(h) = found {
            let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            let mut from = h;
            let limit = term_words.len() + 1;
            while from > recent_from && h - from < limit {
                let w = words[from - 1].1;
                let b = bare(w);
                // "Canada and Latin America": a connector between two names.
                // Or "amended and restated indenture".
                let joins = b == "and"
                    && from >= 2
                    && (bare(words[from - 2].1).starts_with(char::is_uppercase)
                        && bare(words[from].1).starts_with(char::is_uppercase)
                        || bare(words[from - 2].1).eq_ignore_ascii_case("amended")
                            && bare(words[from].1).eq_ignore_ascii_case("restated"));
                // A proper name ("Mosaic ML Holdings, LLC") grows over its own words, not over
                // the verb before it ("acquired").
                let proper = words[h].1.starts_with(char::is_uppercase)
                    && b.starts_with(char::is_lowercase)
                    && !matches!(b.as_str(), "and" | "of" | "for" | "de");
                if proper
                    || !joins
                        && (b.is_empty()
                            || w.ends_with([',', ';'])
                            || w.ends_with("’s")
                            || w.ends_with("'s")
                            || is_small_word(&b)
                            || is_determiner(&b)
                            || is_determiner(&capitalize(&b))
                            || matches!(
                                b.to_lowercase().as_str(),
                                "than"
                                    | "with"
                                    | "by"
                                    | "from"
                                    | "under"
                                    | "into"
                                    | "as"
                                    | "at"
                                    | "between"
                                    | "among"
                                    | "use"
                                    | "uses"
                                    | "used"
                            ))
                {
                    break;
                }
                from -= 1;
            }
            // "a senior secured revolving credit facility": a lower-case phrase goes on over
            // its modifiers up to the article before them (at most four more words).
            if words[h].1.starts_with(char::is_lowercase) {
                from = back_to_article(&words, from, recent_from);
            }
            // "Amended and Restated Investors’ Rights Agreement" cut after "Amended".
            if from < h
                && from > recent_from
                && bare(words[from].1) == "and"
                && words[from - 1].1.starts_with(char::is_uppercase)
            {
                from -= 1;
            }
            // A name goes on: "Amended and Restated 2012 Equity Incentive Plan".
            if from < h
                && words[from]
                    .1
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            {
                from = extend_name_left(clause, &words, from);
            }
            // "$5.0 billion unsecured ... facility" cut after "$5.0": no scale word to start on.
            while from < h
                && matches!(
                    bare(words[from].1).to_lowercase().as_str(),
                    "thousand" | "million" | "billion" | "trillion"
                )
            {
                from += 1;
            }
            // "U.S. publicly traded shareholders" cut after "U.": no initial to start on.
            while from < h && words[from].1.len() <= 2 && words[from].1.ends_with('.') {
                from += 1;
            }
            let grew = from < h;
            // "the wildfire that began on October 23, 2019 northeast of Geyserville (the “2019
            // Kincade fire”)": a bare head noun with a restrictive clause is described by it.
            let restrictive = !grew
                && words[h].1.starts_with(char::is_lowercase)
                && !words[h].1.ends_with(',')
                && words.get(h + 1).is_some_and(|w| w.1 == "that")
                && h + 4 <= words.len();
            // Where the phrase ends: at an auxiliary verb or a relative clause after a comma
            // ("..., to which this Certification is attached", with its preposition). A
            // relative clause without a comma restricts the noun and stays, verbs and all
            // ("the date on which the First Six-Month Period expires").
            let is_preposition = |w: &str| {
                matches!(
                    w,
                    "to" | "under" | "by" | "in" | "of" | "for" | "with" | "on"
                )
            };
            let mut inside_relative = restrictive;
            let mut tail_end = clause.len();
            // "As an additional condition to vesting ..., Mr. Siebel must remain in service ...
            // (the “Service Condition”)": a verb after a comma has its own subject there, and
            // the parenthesis names the clause; "The remaining action was filed in ... (the
            // “Federal Action”)" names its subject.
            let mut cut_by_verb = false;
            for k in 0..words.len() - h {
                let b = bare(words[h + k].1);
                let relative =
                    matches!(b.as_str(), "which" | "whom" | "whose") || b == "that" && k > 0;
                if restrictive && k <= 1 {
                    continue;
                }
                if relative {
                    let preposition = k > 0 && is_preposition(&bare(words[h + k - 1].1));
                    let lead = if preposition {
                        k.checked_sub(2)
                    } else {
                        k.checked_sub(1)
                    };
                    let after_comma = lead.is_none_or(|j| words[h + j].1.ends_with(','));
                    if after_comma {
                        tail_end = if preposition {
                            words[h + k - 1].0
                        } else {
                            words[h + k].0
                        };
                        break;
                    }
                    inside_relative = true;
                    continue;
                }
                if !inside_relative && (is_auxiliary(&b) || b == "that") {
                    tail_end = words[h + k].0;
                    cut_by_verb = is_auxiliary(&b);
                    break;
                }
            }
            // Not across the line break after a heading ("Revenue Backlog\nAs of ...").
            let raw = &clause[words[from].0..tail_end];
            let after_heading = raw
                .match_indices('\n')
                .any(|(k, _)| !running_text(&raw[..k]));
            let phrase = raw
                .trim()
                .trim_end_matches([',', ';'])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let names_more = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 3)
                .map(str::to_lowercase)
                .filter(|w| term_words.contains(w))
                .count()
                >= 2;
            let dangling = phrase
                .split_whitespace()
                .next_back()
                .is_some_and(|w| is_small_word(&bare(w)));
            // Or the head noun with what qualifies it: "a period of 90 days from the date of
            // this prospectus" for "Lock-Up Period".
            let qualified_after = h + 3 <= words.len()
                && words[h].1.starts_with(char::is_lowercase)
                && matches!(
                    bare(words[h + 1].1).as_str(),
                    "of" | "for"
                        | "in"
                        | "on"
                        | "under"
                        | "between"
                        | "among"
                        | "with"
                        | "dated"
                        | "commencing"
                        | "beginning"
                        | "starting"
                        | "ending"
                );
            let qualified = restrictive || !grew && qualified_after;
            if one_word && !(restrictive || qualified_after) || cut_by_verb && phrase.contains(',')
            {
                // Not this rule's case: fall through to the name before the parenthesis.
            } else if phrase.split_whitespace().count() >= 2
                && !phrase.eq_ignore_ascii_case(term)
                && !dangling
                && !after_heading
                && (grew || names_more || qualified)
            {
                return Some(phrase);
            }
        }
    }

    // The run of capitalized words (and connectors) right before the parenthesis.
    let mut start: Option<usize> = None;
    for (k, &(at, w)) in words.iter().enumerate().rev() {
        // "NDRC and the Ministry of Commerce": "and the" starts another name.
        if start.is_some()
            && w.eq_ignore_ascii_case("the")
            && k > 0
            && matches!(words[k - 1].1, "and" | "or")
        {
            break;
        }
        // Not across a line break after a heading ("Description of Business\nAcme Corp").
        if let Some(next) = start {
            let gap = &clause[at + w.len()..next];
            if gap.contains('\n') && !running_text(&before[..clause_start + at + w.len()]) {
                break;
            }
        }
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        // "Raymond James & Associates, Inc.": "&" joins a name.
        // Not "through" or "via": "in the PRC through Shanghai Xingchen ... Co., Ltd.".
        let connector = (is_small_word(bare) && !matches!(bare, "through" | "via")) || w == "&";
        let connector = connector && start.is_some();
        if capital || connector || matches!(bare, "Inc" | "Ltd" | "Co" | "Corp" | "plc") {
            start = Some(at);
        } else {
            break;
        }
    }
    if let Some(mut start) = start {
        // "Jen-Hsun Huang, the President and Chief Executive Officer of NVIDIA Corporation (the
        // “Company”)": an officer's title is no part of the company's name.
        let title = |w: &str| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "Officer" | "President" | "Director" | "Chairman" | "Secretary" | "Treasurer"
            )
        };
        if let Some(of) = words
            .iter()
            .rposition(|&(at, w)| at > start && w == "of")
            .filter(|&k| words[..k].iter().any(|&(at, w)| at >= start && title(w)))
        {
            if let Some(&(next, _)) = words.get(of + 1) {
                start = next;
            }
        }
        // Do not start on a connector, nor on "Our" at a sentence's start.
        if let Some(&(from, _)) = words.iter().find(|(at, w)| {
            let b = w.trim_matches(|c: char| !c.is_alphanumeric());
            *at >= start && !is_small_word(b) && !matches!(b, "Our" | "The" | "Its" | "Their")
        }) {
            // A bare number ("2023") is no name.
            if let Some(found) = tidy(from).filter(|f| fits(f) && f.contains(char::is_alphabetic)) {
                return Some(found);
            }
        }
    }

    // "CAMP4 Therapeutics Corporation ... and its subsidiary (collectively, the “Company”)".
    if let Some(i) = clause
        .rfind(" and its subsidiar")
        .or_else(|| clause.rfind(" and its consolidated"))
        .or_else(|| clause.rfind(" and subsidiar"))
        .or_else(|| clause.rfind(" and consolidated subsidiar"))
        .or_else(|| clause.rfind(" and its affiliate"))
        .or_else(|| clause.rfind(" and their affiliate"))
    {
        // The capitalized name that ends right before "and its subsidiaries", up to its first
        // comma ("CAMP4 Therapeutics Corporation, formerly ...").
        let name = &clause[..i];
        let mut start = None;
        for w in name.split_whitespace().rev() {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || (start.is_some() && is_small_word(bare))
            {
                start = Some(w.as_ptr() as usize - name.as_ptr() as usize);
            } else {
                break;
            }
        }
        // "CAMP4 Therapeutics Corporation, formerly Marauder Therapeutics, Inc." has lower-case
        // words in it: then the name starts at the sentence's first capital.
        let start = start.unwrap_or_else(|| name.find(char::is_uppercase).unwrap_or(0));
        let mut run = &name[start..];
        while let Some((w, rest)) = run.split_once(' ') {
            if !is_small_word(w) {
                break;
            }
            run = rest;
        }
        let run = if name.contains(", formerly") || run.len() < 3 {
            // From the first capital of the name's own line: a heading above it is no part.
            let line = &name[name[..name.find(", formerly").unwrap_or(name.len())]
                .rfind('\n')
                .map_or(0, |j| j + 1)..];
            &line[line.find(char::is_uppercase).unwrap_or(0)..]
        } else {
            run
        };
        // Up to the first comma, unless what follows it is the company's suffix ("Acme AI,
        // Inc.").
        let mut end = run.find(',').unwrap_or(run.len());
        let after = run[end..].trim_start_matches(',').trim_start();
        if [
            "Inc", "Ltd", "LLC", "L.P.", "LP", "Corp", "plc", "N.A.", "S.A.", "AG",
        ]
        .iter()
        .any(|s| after.starts_with(s))
        {
            end += run[end..].find(|c: char| c.is_alphabetic()).unwrap_or(0);
            end += run[end..]
                .find(|c: char| c == ',' || c.is_whitespace())
                .unwrap_or(run.len() - end);
        }
        let first = run[..end].trim();
        if !first.is_empty() {
            return Some(first.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    // The noun phrase right before the parenthesis, after its determiner: "a license agreement
    // (the “Fulcrum Agreement”)" gives "license agreement".
    let mut from = None;
    for &(at, w) in words.iter().rev().take(6) {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if matches!(
            bare.as_str(),
            "a" | "an"
                | "the"
                | "our"
                | "its"
                | "their"
                | "certain"
                | "such"
                | "this"
                | "each"
                | "of"
                | "in"
                | "for"
                | "to"
                | "with"
                | "by"
                | "under"
                | "and"
                | "or"
                | "as"
                | "from"
        ) || w.ends_with(',')
        {
            break;
        }
        from = Some(at);
    }
    // An acronym whose letters the phrase does not spell gets no antecedent.
    let acronym = capitals >= 2 && !term.contains(' ');
    // A lower-case phrase with all its modifiers, opened by an article, a preposition or a
    // list's "and": "our amended and restated certificate of incorporation (our “Charter”)",
    // "remaining performance obligations (“revenue backlog”)"; a lower-case term renames it.
    let last = words.len() - 1;
    let np = back_to_article(&words, last, 0);
    if np < last
        && words[np]
            .1
            .starts_with(|c: char| c.is_lowercase() || c == '$')
    {
        // A lower-case term renames a phrase opened by an article or preposition; scare
        // quotes inside a clause ("exploiting previously unknown (“zero day”)
        // vulnerabilities") rename nothing.
        let opened = np > 0 && {
            let w = words[np - 1].1;
            is_article(&w.to_lowercase()) || opens_phrase(w)
        };
        // A phrase of two words or more names the term even without a word in common ("Our
        // flagship model family (the “Aurora Models”)", "on third-party data center operators
        // (the “Colocation Providers”)").
        let described = last - np >= 1;
        let renamed = (term.starts_with(char::is_lowercase) || described) && opened;
        return tidy(words[np].0)
            .filter(|f| !acronym && (renamed || fits(f)) && !f.eq_ignore_ascii_case(term));
    }
    tidy(from?).filter(|f| !acronym && fits(f) && !f.eq_ignore_ascii_case(term))
}

/// Where a quoted title of several words that ends `text` (with a comma after it, or not)
/// opens: `, “Segment Reporting (Topic 280): Improvements to ...”`.
fn quoted_title_at_end(text: &str) -> Option<usize> {
    let t = text.trim_end_matches(',').trim_end();
    let close = t.strip_suffix('”').or_else(|| t.strip_suffix(".”"))?;
    let open = close.rfind('“')?;
    let title = &close[open + '“'.len_utf8()..];
    let words: Vec<&str> = title.split_whitespace().collect();
    (words.len() >= 2
        && title.len() <= 200
        && words[0].starts_with(char::is_uppercase)
        && !title.contains('”'))
    .then_some(open)
}

/// Where a parenthesis that ends `text` opens, when it defines a term that shares a word with
/// `term`: `(“OpenAI”)` inside the name of the "OpenAI Master Services Agreement". Another
/// term's definition ends the clause ("... Limited (the “Company”) and its subsidiaries (the
/// “Group”)").
fn holds_definition(text: &str, term: &str) -> Option<usize> {
    let open = matching_open(text)?;
    let inner = inside(&text[open..]);
    let word = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let shares = inner
        .split_whitespace()
        .map(word)
        .filter(|w| w.len() >= 3)
        .any(|w| term.split_whitespace().any(|t| word(t) == w));
    (inner.len() <= 100 && inner.contains(['“', '"']) && shares).then_some(open)
}

/// `clause` with the definitions [`holds_definition`] looks past replaced by spaces.
fn mask_definitions(clause: &str, term: &str) -> String {
    let mut out = clause.to_string();
    let mut end = clause.len();
    while let Some(close) = clause[..end].rfind(')') {
        if let Some(open) = holds_definition(&clause[..=close], term) {
            out.replace_range(open..=close, &" ".repeat(close + 1 - open));
            end = open;
        } else {
            end = close;
        }
    }
    out
}

/// `text` without the definitions of other terms inside it: "agreement with OpenAI OpCo, LLC
/// (“OpenAI”), dated ..." gives "agreement with OpenAI OpCo, LLC, dated ...".
fn without_definitions(text: &str) -> String {
    static DEF: OnceLock<Regex> = OnceLock::new();
    let def = DEF.get_or_init(|| {
        Regex::new(r#"\s*\((?:the\s+|our\s+|a\s+|an\s+)?[“"][^()“”"]{1,80}[”"][^()]{0,20}\)"#)
            .expect("valid regex")
    });
    let text = if text.contains('(') {
        def.replace_all(text, "").into_owned()
    } else {
        text.to_string()
    };
    // A blanked definition leaves "LLC , dated".
    text.replace(" ,", ",")
}

/// Where a short capitalized aside that ends `text` opens, when it sits inside a name: a
/// capitalized word before it and a capitalized word after it ("Education (Beijing) Co.",
/// "Companies (Winding Up and Miscellaneous Provisions) Ordinance").
fn name_aside(text: &str) -> Option<usize> {
    let open = matching_open(text)?;
    let inner = inside(&text[open..]);
    // Or a title's words: "Companies (Winding Up and Miscellaneous Provisions) Ordinance".
    let words: Vec<&str> = inner.split_whitespace().collect();
    let short = !words.is_empty()
        && words.len() <= 6
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || is_small_word(w))
        && words[0].starts_with(char::is_uppercase)
        && words[words.len() - 1].starts_with(char::is_uppercase);
    let word_before = text[..open]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase) && !w.ends_with([',', '.', ';']));
    (short && word_before).then_some(open)
}

/// A word that may modify a lower-case noun phrase before its head ("senior", "secured",
/// "delayed"): lower case, not a small word, a preposition or a verb of the clause ("our revenues
/// generated from advertising").
fn is_modifier(w: &str) -> bool {
    let b = w.trim_matches(|c: char| !c.is_alphanumeric());
    b == w
        && b.starts_with(|c: char| c.is_ascii_lowercase())
        && b.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !is_small_word(b)
        && !matches!(
            b,
            "from"
                | "into"
                | "under"
                | "over"
                | "than"
                | "about"
                | "after"
                | "before"
                | "between"
                | "among"
                | "upon"
                | "within"
                | "generated"
                | "derived"
                | "received"
                | "earned"
                | "used"
                | "made"
                | "paid"
                | "is"
                | "are"
                | "was"
                | "were"
        )
}

/// Where a lower-case phrase starting at word `from` starts once it takes the modifiers before
/// it (at most eight words): back to the article or possessive that opens them ("a $2.0
/// billion senior secured delayed draw term loan facility", "our amended and restated
/// certificate of incorporation"), or to the preposition before them ("into privately
/// negotiated capped call transactions", "in operating lease right-of-use assets"). Modifiers
/// joined by "and" ("nominating and corporate governance committee") are one phrase; so is a
/// fixed "certificate of", "series of". Anything else before them (a verb: "sells accelerated
/// computing platforms") leaves the phrase at `from`. `floor` is the first word it may reach.
fn back_to_article(words: &[(usize, &str)], from: usize, floor: usize) -> usize {
    phrase_start(words, from, floor, true)
}

/// [`back_to_article`]; with `any_opener` false, only an article, determiner or count opens
/// the phrase (for an acronym's spelled-out words, which a preposition or verb before them
/// would not qualify: "for developing large language models").
fn phrase_start(words: &[(usize, &str)], from: usize, floor: usize, any_opener: bool) -> usize {
    let bare = |k: usize| words[k].1.trim_matches(|c: char| !c.is_alphanumeric());
    let plain = |k: usize| {
        // A word that ends a clause ("2024,") or closes an aside is no modifier.
        !words[k].1.ends_with([',', ';', ':', ')', '”', '"'])
    };
    let numbered = |w: &str| {
        // "364-day", "five-year".
        w.split_once('-').is_some_and(|(n, unit)| {
            n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() && is_modifier(unit)
        })
    };
    let amount = |k: usize| {
        // "a $15.0 billion unsecured revolving credit facility".
        words[k].1.starts_with(['$', '€', '£', '¥'])
            || matches!(bare(k), "thousand" | "million" | "billion" | "trillion")
                && k > 0
                && words[k - 1].1.starts_with(['$', '€', '£', '¥'])
    };
    if !words[from].1.starts_with(|c: char| c.is_lowercase()) {
        return from;
    }
    let mut k = from;
    // Where the phrase may start when something other than a determiner opens it.
    let opened = |k: usize| if any_opener { k } else { from };
    while from - k < 8 {
        if k == floor {
            return opened(k); // the clause starts here
        }
        let prev = k - 1;
        let raw = words[prev].1;
        let w = bare(prev).to_lowercase();
        let whole = raw.len() == w.len();
        // A determiner or a count opens the phrase: "other anti-corruption laws", "two
        // authorized representatives".
        let determiner = is_article(&w)
            || matches!(
                w.as_str(),
                "other"
                    | "any"
                    | "all"
                    | "various"
                    | "these"
                    | "those"
                    | "some"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
            )
            || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty();
        if whole && determiner {
            return k;
        }
        if !plain(prev) {
            return opened(k);
        }
        // A pronoun or an auxiliary starts a clause, not a phrase: "we have appointed".
        if whole && is_clause_word(&w) {
            break;
        }
        // "wholly owned", "majority-owned": an adverb makes the participle a modifier
        // ("our existing and future wholly owned domestic subsidiaries").
        let adverbed = whole
            && matches!(w.as_str(), "owned" | "controlled" | "held")
            && prev > floor
            && matches!(
                bare(prev - 1).to_lowercase().as_str(),
                "wholly" | "majority" | "jointly" | "partially" | "directly" | "indirectly"
            );
        if adverbed {
            k = prev - 1;
            continue;
        }
        // A verb before the phrase opens it: "hold value-added telecommunications business
        // operating licenses", "sells accelerated computing platforms".
        if whole && is_common_verb(&w) {
            return opened(k);
        }
        let fixed_of = w == "of" && prev > floor && is_fixed_of(bare(prev - 1));
        if whole && !fixed_of && opens_phrase(&w) {
            return opened(k);
        }
        // "amended and restated", "nominating and corporate governance", "sales and
        // marketing"; not a list of plural nouns ("large enterprises and hyperscale cloud
        // providers").
        let joined = whole
            && matches!(w.as_str(), "and" | "or")
            && prev > floor
            && plain(prev - 1)
            && ((is_modifier(words[prev - 1].1)
                // "deferred revenue or customer deposits": "or" names one thing twice.
                && (w == "or" || joins_modifiers(words[prev - 1].1)))
                || plural_possessive(words[prev - 1].1));
        if whole && matches!(w.as_str(), "and" | "or") && !joined {
            return opened(k); // another item of a list before it
        }
        let modifier = is_modifier(raw) || numbered(raw) || plural_possessive(raw);
        if modifier || joined || fixed_of || amount(prev) {
            k = prev;
            continue;
        }
        break;
    }
    from
}

/// A title wrapped after its "and": "Ministry of Industry and\nInformation Technology", a
/// capitalized word on each side.
fn title_wraps_after_and(line: &str, next: &str) -> bool {
    let mut words = line.split_whitespace().rev();
    words.next() == Some("and")
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase) && !w.ends_with([',', ';']))
        && next.trim_start().starts_with(char::is_uppercase)
}

/// A preposition that opens the noun phrase after it ("into privately negotiated ...").
fn opens_phrase(w: &str) -> bool {
    matches!(
        w,
        "in" | "into" | "of" | "for" | "to" | "under" | "from" | "on" | "through" | "with" | "as"
    )
}

/// An article or possessive that opens a noun phrase.
fn is_article(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "our" | "its" | "their" | "such" | "each" | "certain" | "this"
    )
}

/// A verb that filings put before the object they define: "entered into", "hold", "issued".
fn is_common_verb(w: &str) -> bool {
    let base = |stem: &str| {
        matches!(
            stem,
            "hold"
                | "held"
                | "own"
                | "owned"
                | "sell"
                | "sold"
                | "offer"
                | "offered"
                | "provide"
                | "provided"
                | "operate"
                | "operated"
                | "maintain"
                | "maintained"
                | "issue"
                | "issued"
                | "grant"
                | "granted"
                | "enter"
                | "entered"
                | "sign"
                | "signed"
                | "execute"
                | "executed"
                | "adopt"
                | "adopted"
                | "approve"
                | "approved"
                | "establish"
                | "established"
                | "launch"
                | "launched"
                | "acquire"
                | "acquired"
                | "purchase"
                | "purchased"
                | "obtain"
                | "obtained"
                | "receive"
                | "received"
                | "include"
                | "included"
                | "require"
                | "required"
                | "use"
                | "used"
                | "rely"
                | "relied"
                | "deploy"
                | "deployed"
                | "complete"
                | "completed"
                | "announce"
                | "announced"
                | "introduce"
                | "introduced"
                | "release"
                | "released"
                | "develop"
                | "developed"
                | "file"
                | "filed"
                | "incur"
                | "incurred"
                | "record"
                | "recorded"
                | "recognize"
                | "recognized"
        )
    };
    base(w) || w.strip_suffix('s').is_some_and(base) || w.strip_suffix("es").is_some_and(base)
}

/// A pronoun or auxiliary verb: a word that opens or continues a clause.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "we" | "it"
            | "they"
            | "he"
            | "she"
            | "you"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "may"
            | "might"
            | "can"
            | "could"
            | "shall"
            | "should"
            | "must"
            | "be"
            | "been"
            | "being"
            | "is"
            | "are"
            | "was"
            | "were"
            | "do"
            | "does"
            | "did"
            | "not"
            | "which"
            | "that"
            | "who"
    )
}

/// A word that "and" joins to another before one head noun: an adjective or participle
/// ("amended and restated", "nominating and corporate governance") or a noun used as one
/// ("research and development", "sales and marketing", "development and license"); not a plural
/// noun that ends a list item ("enterprises and hyperscale cloud providers") nor a whole phrase
/// ("articles of incorporation and amended ...").
/// A plural possessive, which describes the noun after it: "directors’ and officers’ liability
/// insurance", "investors’ rights agreement".
fn plural_possessive(w: &str) -> bool {
    (w.ends_with("s’") || w.ends_with("s'")) && w.len() > 3 && w.starts_with(char::is_lowercase)
}

fn joins_modifiers(w: &str) -> bool {
    const ENDINGS: [&str; 13] = [
        "ed", "ing", "al", "ive", "ary", "ic", "ous", "ate", "ory", "ent", "ant", "ful", "ble",
    ];
    ENDINGS.iter().any(|e| w.ends_with(e))
        || matches!(
            w,
            "research" | "sales" | "development" | "license" | "marketing" | "risk" | "audit"
        )
}

/// A noun that takes an "of" phrase as one name: "certificate of incorporation", "series of
/// contractual arrangements", "line of credit".
fn is_fixed_of(w: &str) -> bool {
    matches!(
        w,
        "certificate" | "articles" | "memorandum" | "deed" | "series" | "line" | "letter" | "plan"
    )
}

/// A span of words on one line, without the comma that ends it.
fn tidy_span(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(',').trim();
    (!s.is_empty()).then(|| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The letters of an acronym, without a plural "s": "LLMs" gives "LLM", "AI/ML" "AIML".
fn acronym_letters(w: &str) -> String {
    w.trim_end_matches('s')
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// A letter of another script than Latin (CJK, or the symbols a garbled CJK font decodes to).
fn other_script(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii() && !matches!(c, 'À'..='ɏ')
}

/// An edition note that ends a title: "2024 Edition", "2023 Revision", "Revised", "Trial".
fn is_edition_note(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    match words.as_slice() {
        [year, kind] => {
            year.len() == 4
                && year.chars().all(|c| c.is_ascii_digit())
                && matches!(*kind, "Edition" | "Version" | "Revision" | "Amendment")
        }
        [one] => matches!(*one, "Revised" | "Trial" | "Draft"),
        _ => false,
    }
}

/// A note that ends a legal name: "Limited Partnership", "Cayman".
fn is_legal_note(inner: &str) -> bool {
    !inner.is_empty()
        && inner.split_whitespace().count() <= 4
        && inner
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || is_small_word(w))
        && inner.split_whitespace().any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "Partnership" | "Limited" | "LP" | "LLP" | "Cayman" | "Hong" | "Kong" | "BVI"
            )
        })
}

/// Where a parenthesis opens that `text` never closes, when all that follows it is in another
/// script (and it is short).
fn unclosed_foreign_aside(text: &str) -> Option<usize> {
    let open = text.rfind(['(', '（'])?;
    let rest = &text[open..];
    let rest = rest.strip_prefix(['(', '（']).unwrap_or(rest);
    let letters = || rest.chars().filter(|c| c.is_alphabetic());
    let foreign = letters().next().is_some() && letters().all(other_script);
    (text.len() - open < 160 && !rest.contains([')', '）']) && foreign).then_some(open)
}

/// A parenthesized group without its parentheses (either may be a full-width one).
fn inside(group: &str) -> &str {
    let mut chars = group.chars();
    chars.next();
    chars.next_back();
    chars.as_str()
}

/// Where the parenthesis that closes `text` (its last character) opens, counting the ones
/// nested inside it; `None` when `text` does not end with one or it never opens.
fn matching_open(text: &str) -> Option<usize> {
    if !text.ends_with([')', '）']) {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the last line of `before` is running text, which a name may wrap from, rather than
/// a heading: it has a lower-case word other than a connector ("under the Securities", not
/// "Description of Business"), or more words than a heading has.
fn running_text(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or("");
    // A long line in title case is a long name that wraps, not a heading.
    line.split_whitespace().count() > 8
        || line.split_whitespace().any(|w| {
            let b = w.trim_matches(|c: char| !c.is_alphanumeric());
            b.starts_with(char::is_lowercase) && !is_small_word(b)
        })
}

/// A line ending inside a capitalized name ("... of Generative Artificial"): the name wraps.
/// Whether `line_before` (up to a line break) is a heading in title case whose first word the
/// text after the break starts with again.
fn repeats_heading(line_before: &str, after: &str) -> bool {
    let line = line_before.rsplit('\n').next().unwrap_or("");
    let first = |s: &str| {
        s.split_whitespace().next().map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
    };
    !running_text(line) && first(line).is_some_and(|w| w.len() >= 3) && first(line) == first(after)
}

fn wrapped_title_case(line_before: &str) -> bool {
    let last_line = line_before.rsplit('\n').next().unwrap_or("");
    let words: Vec<&str> = last_line.split_whitespace().collect();
    words.len() >= 6
        && words
            .iter()
            .rev()
            .take(2)
            .all(|w| w.starts_with(char::is_uppercase))
        && last_line.chars().any(char::is_lowercase)
}

/// Sentence-initial words that are capitalized without being part of a name.
/// The start of a proper name that ends at `recent[i]`, walking left over capitalized words and
/// numbers ("Amended and Restated 2012 Equity Incentive Plan"), through a connector between two
/// of them, and past the comma before "Inc."; not past a line break, a possessive or "the".
fn extend_name_left(clause: &str, recent: &[(usize, &str)], mut i: usize) -> usize {
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let name_like = |b: &str| b.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    while i > 0 {
        let (at, _) = recent[i];
        let (prev_at, prev) = recent[i - 1];
        let b = bare(prev);
        let gap = &clause[prev_at + prev.len()..at];
        // A name wraps at the end of a line of running text ("... under the Securities\n
        // Exchange Act"), not after a heading.
        let wraps = gap.contains('\n')
            && !gap.contains('\t')
            && running_text(&clause[..prev_at + prev.len()]);
        if gap.contains(['\n', '\t']) && !wraps {
            break;
        }
        let corporate = matches!(
            bare(recent[i].1).as_str(),
            "Inc" | "Ltd" | "Co" | "Corp" | "LLC" | "plc" | "N.A"
        );
        // "Rules Governing the Listing of Securities": a lower-case "the" inside a title. Or
        // "Our" in one: "Jumpstart Our Business Startups Act of 2012".
        let inner_the = (prev == "the" || prev == "Our")
            && i >= 2
            && name_like(&bare(recent[i - 2].1))
            && !recent[i - 2].1.ends_with([',', ';'])
            && !is_determiner(&bare(recent[i - 2].1))
            && !is_small_word(&bare(recent[i - 2].1).to_lowercase());
        // "Provisions on the Administration of ...": a preposition and "the" inside a title.
        // After a title's noun only: not "Section 18 of the Securities Exchange Act" or "list
        // our Common Stock on the Nasdaq Global Select Market".
        let preposition_the = prev == "the"
            && i >= 3
            && matches!(bare(recent[i - 2].1).as_str(), "on" | "of" | "for")
            && !recent[i - 3].1.ends_with([',', ';'])
            && matches!(
                bare(recent[i - 3].1).as_str(),
                "Provisions"
                    | "Regulations"
                    | "Regulation"
                    | "Measures"
                    | "Law"
                    | "Laws"
                    | "Rules"
                    | "Opinions"
                    | "Notice"
                    | "Decision"
                    | "Decisions"
                    | "Convention"
                    | "Directive"
                    | "Guidelines"
                    | "Interpretation"
                    | "Committee"
                    | "Commission"
                    | "Department"
                    | "Office"
                    | "Ministry"
                    | "Governors"
                    | "Bureau"
                    | "Administration"
                    | "Council"
                    | "Court"
            );
        if preposition_the {
            i -= 2;
            continue;
        }
        if !inner_the
            && ((prev.ends_with([',', ';']) && !corporate)
                || prev.ends_with("’s")
                || prev.ends_with("'s")
                || is_determiner(&b)
                || is_determiner(&capitalize(&b)))
        {
            break;
        }
        if inner_the {
            i -= 1;
            continue;
        }

        // Not across another term's definition, blanked out before "and" ("2024 Omnibus
        // Incentive Plan (the “2024 Plan”) and 2014 Omnibus Incentive Plan").
        let blanked = i >= 2 && {
            let (at2, w2) = recent[i - 2];
            clause[at2 + w2.len()..prev_at].len() > 2
        };
        let joins = matches!(b.as_str(), "and" | "of" | "&" | "for")
            && i >= 2
            && !blanked
            && name_like(&bare(recent[i - 2].1))
            && !recent[i - 2].1.ends_with([',', ';']);
        if (!name_like(&b) || is_small_word(&b)) && !joins {
            break;
        }
        i -= 1;
    }
    i
}

/// The word that names the currency of an ISO 4217 code ("GBP" is a pound), in lower case.
fn currency_word(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" | "HKD" | "SGD" | "AUD" | "CAD" | "TWD" | "NZD" => "dollar",
        "GBP" => "pound",
        "EUR" => "euro",
        "JPY" => "yen",
        "CNY" | "RMB" => "yuan",
        "INR" => "rupee",
        "KRW" => "won",
        "CHF" => "franc",
        "SEK" => "krona",
        "NOK" | "DKK" => "krone",
        "BRL" => "real",
        _ => return None,
    })
}

/// "the" -> "The".
fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "Our"
            | "We"
            | "The"
            | "This"
            | "These"
            | "Its"
            | "Their"
            | "In"
            | "A"
            | "An"
            | "Each"
            | "Such"
            | "Any"
            | "All"
            | "Your"
            | "His"
            | "Her"
            | "For"
            | "With"
            | "Under"
            | "As"
    )
}

/// True when text ending right before a period ends with an abbreviation ("Inc") or an
/// initial ("U.S").
fn ends_in_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    bare.chars().count() == 1
        || bare.contains('.')
        || matches!(
            bare,
            "Inc"
                | "Ltd"
                | "Co"
                | "Corp"
                | "Corporation"
                | "LLC"
                | "L.P"
                | "N.A"
                | "No"
                | "Bros"
                | "Jr"
                | "Sr"
                | "St"
                | "Mr"
                | "Mrs"
                | "Ms"
                | "Dr"
                | "plc"
                | "S.A"
                | "N.V"
                | "AG"
        )
}

/// A verb that ends a noun phrase: "is", "was", "will", "may"...
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "shall"
            | "may"
            | "would"
            | "could"
            | "can"
            | "should"
            | "must"
    )
}

/// Whether the word at `i` modifies the noun after it rather than heads its phrase
/// ("depositary" in "depositary agreements", "service" in "service date"): the next word is a
/// lower-case word that is neither a connector nor a participle.
fn modifies_next(words: &[(usize, &str)], i: usize) -> bool {
    let Some(&(_, next)) = words.get(i + 1) else {
        return false;
    };
    if words[i].1.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    next.len() >= 3
        && next.chars().all(|c| c.is_lowercase())
        && !next.ends_with("ed")
        && !next.ends_with("ing")
        && !is_small_word(next)
        && !is_auxiliary(next)
        && !matches!(
            next,
            "due"
                | "from"
                | "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "into"
                | "under"
                | "between"
                | "among"
                | "pursuant"
                | "thereto"
                | "hereto"
                | "thereunder"
                | "hereunder"
                | "relating"
                | "then"
                | "now"
                | "as"
                | "than"
                | "upon"
                | "since"
                | "after"
                | "before"
                | "during"
                | "until"
                | "within"
                | "without"
                | "over"
                | "up"
                | "out"
                | "each"
                | "both"
                | "all"
        )
}

/// Whether the initials of `words`, one a word and none a small word, are the letters of
/// `want` in some order.
fn reordered_initials(want: &[char], words: &[&str]) -> bool {
    let mut initials: Vec<char> = Vec::with_capacity(words.len());
    for w in words {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        match bare.chars().next() {
            Some(c) if !is_small_word(bare) => initials.extend(c.to_lowercase()),
            _ => return false,
        }
    }
    let mut want = want.to_vec();
    want.sort_unstable();
    initials.sort_unstable();
    initials == want
}

/// "Knowledge Atlas Technology" for "KAT"-like acronyms whose letters start words in order,
/// allowing a word to give two letters ("MiniMax" for "MM").
/// Whether `words` spell the letters `want` (lower case) by their initials, each word giving
/// its first letter, or every part's first letter when it is hyphenated ("performance-based"
/// gives p or p, b; "Model-as-a-Service" gives M, a, a, S), or all its letters when it is itself
/// an acronym ("RSUs" gives r, s, u). Small words ("of", "and") may give their letter or none.
fn spells(want: &[char], words: &[&str]) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return want.is_empty();
    };
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() {
        return spells(want, rest);
    }
    // A year after the spelled words: "California Consumer Privacy Act of 2018".
    if want.is_empty() && bare.len() == 4 && bare.chars().all(|c| c.is_ascii_digit()) {
        return spells(want, rest);
    }
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let mut options: Vec<Vec<char>> = Vec::new();
    if let Some(c) = bare.chars().next() {
        options.push(vec![lower(c)]);
    }
    let parts: Vec<char> = bare
        .split(['-', '/', '–'])
        .filter_map(|p| p.chars().next())
        .map(lower)
        .collect();
    if parts.len() > 1 {
        options.push(parts);
    }
    let upper: Vec<char> = bare
        .trim_end_matches('s')
        .chars()
        .filter(|c| c.is_uppercase())
        .map(lower)
        .collect();
    if upper.len() >= 2
        && bare
            .trim_end_matches('s')
            .chars()
            .all(|c| !c.is_lowercase())
    {
        options.push(upper);
    }
    if is_small_word(bare) && spells(want, rest) {
        return true;
    }
    options
        .iter()
        .any(|o| want.starts_with(o) && spells(&want[o.len()..], rest))
}

/// Whether `words` spell `want` when one lower-case word inside gives no letter:
/// "performance-based restricted stock units" for "PSU".
fn spells_over_one(want: &[char], words: &[&str]) -> bool {
    want.len() >= 3
        && words.len() >= 3
        && (1..words.len() - 1).any(|skip| {
            let w = words[skip];
            w.len() >= 4
                && w.starts_with(char::is_lowercase)
                && !is_small_word(w)
                && spells(
                    want,
                    &words
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != skip)
                        .map(|(_, w)| *w)
                        .collect::<Vec<_>>(),
                )
        })
}

fn subsequence_initial(want: &str, phrase: &[(usize, &str)]) -> bool {
    let caps: String = phrase
        .iter()
        .flat_map(|(_, w)| w.chars().filter(|c| c.is_uppercase()))
        .collect::<String>()
        .to_lowercase();
    caps == want
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Defined {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let d = found.into_iter().next().unwrap();
        assert_eq!(&text[d.span.clone()], d.term, "span slices to the term");
        d
    }

    #[test]
    fn acronyms_and_their_full_names() {
        let d = one("We offer Palantir Artificial Intelligence Platform (“AIP”) to customers.");
        assert_eq!(d.term, "AIP");
        assert_eq!(
            d.antecedent.as_deref(),
            Some("Palantir Artificial Intelligence Platform")
        );
        let d = one("We build large language models (\"LLMs\") for enterprises.");
        assert_eq!(d.antecedent.as_deref(), Some("large language models"));
        let d = one("our Model-as-a-Service (“MaaS”) platform");
        assert_eq!(d.antecedent.as_deref(), Some("Model-as-a-Service"));
    }

    #[test]
    fn company_and_aliases() {
        let d = one("Acme AI, Inc. (together with its subsidiaries, the “Company,” “we” or “us”) builds models.");
        assert_eq!(d.term, "Company");
        assert_eq!(d.aliases, vec!["we", "us"]);
        assert_eq!(d.antecedent.as_deref(), Some("Acme AI, Inc."));
        let d = one("the Securities Exchange Act of 1934 (the “1934 Act”)");
        assert_eq!(
            d.antecedent.as_deref(),
            Some("Securities Exchange Act of 1934")
        );
        let d = one("the Securities Act of 1933, as amended (the “Securities Act”)");
        assert_eq!(
            d.antecedent.as_deref(),
            Some("Securities Act of 1933, as amended")
        );
        let d = one("text-to-speech (“text-to-speech” or “TTS”) models");
        assert_eq!(d.aliases, vec!["TTS"]);
        let d = one("our offering (collectively, the “Offering”)");
        assert_eq!(d.term, "Offering");
        let d = one("the platform (also known as “Open Platform”)");
        assert_eq!(d.term, "Open Platform");
    }

    #[test]
    fn means_clauses() {
        let d = one("“Token” means the basic unit of data processed by AI models.");
        assert_eq!(d.source, "means_clause");
        assert_eq!(
            d.definition.as_deref(),
            Some("the basic unit of data processed by AI models.")
        );
        let d =
            one("In this prospectus, the term \"MAU\" shall mean a monthly active user; and more");
        assert_eq!(d.term, "MAU");
        assert_eq!(d.definition.as_deref(), Some("a monthly active user"));
        let d = one("“Net Cost” means, as of the date of calculation, the cost of the property.");
        assert_eq!(
            d.definition.as_deref(),
            Some("as of the date of calculation, the cost of the property.")
        );
    }

    #[test]
    fn antecedents_of_generic_and_fuzzy_forms() {
        let cases = [
            ("changes in the Euro, Japanese yen (“JPY”), and", "Japanese yen"),
            ("to generate up to three antisense oligonucleotides (“ASOs”)", "antisense oligonucleotides"),
            ("contracts with indefinite delivery/indefinite quantity (“IDIQ”)", "indefinite delivery/indefinite quantity"),
            ("the Company entered into a license agreement (the “Fulcrum Agreement”)", "license agreement"),
            ("filed in the U.S. District Court for the Northern District of California (the “District Court”)", "U.S. District Court for the Northern District of California"),
            ("our platforms, Palantir Foundry (“Foundry”), and", "Palantir Foundry"),
            ("measured at fair value through profit or loss (“FVPL”)", "fair value through profit or loss"),
            ("could use to implement a stockholder rights plan (also known as a “poison pill”)", "stockholder rights plan"),
            ("We completed the series B1 financing (the “Series B1 Financing”)", "series B1 financing"),
            ("CAMP4 Therapeutics Corporation, formerly Marauder Therapeutics, Inc., and its subsidiary (collectively, the “Company”)", "CAMP4 Therapeutics Corporation"),
            ("the balance sheet of Microsoft Corporation and subsidiaries (the \"Company\")", "Microsoft Corporation"),
            ("We reviewed the balance sheet of Microsoft Corporation and subsidiaries (the \"Company\")", "Microsoft Corporation"),
            ("revenue increased 5% with Windows original equipment manufacturer licensing (“Windows OEM”)", "Windows original equipment manufacturer licensing"),
            ("amounts (Expressed in Renminbi (“RMB”)", "Renminbi"),
            ("changes in the Euro, the yen and British pound sterling (“GBP”)", "British pound sterling"),
            ("denominated in U.S. dollars (“USD”)", "U.S. dollars"),
            ("we entered into a $5.0 billion unsecured 364-day revolving credit facility (the “Short-Term Credit Agreement”)", "$5.0 billion unsecured 364-day revolving credit facility"),
            ("laws such as the California Consumer Privacy Act as amended by the California Privacy Rights Act (“CCPA”)", "California Consumer Privacy Act"),
            ("$500 million aggregate principal amount of 3.25% first mortgage bonds due June 1, 2031 (the “2031 Bonds”)", "$500 million aggregate principal amount of 3.25% first mortgage bonds due June 1, 2031"),
            ("the voting agreement among our Founders and Wilmington Trust, National Association (the “Founder Voting Agreement”)", "voting agreement among our Founders and Wilmington Trust, National Association"),
            ("within the meaning of the Private Securities Litigation Reform Act of 1995 (the “Reform Act”)", "Private Securities Litigation Reform Act of 1995"),
            ("Series Angel Investments\nWe completed the series angel financing (the “Series Angel Financing”)", "series angel financing"),
            ("the Interim Measures for the Management of Generative Artificial\nIntelligence Services (the “Measures on Generative AI Services”)", "Interim Measures for the Management of Generative Artificial Intelligence Services"),
        ];
        for (text, want) in cases {
            let d = one(text);
            assert_eq!(d.antecedent.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn no_antecedent_rather_than_a_wrong_one() {
        let d = one("the Credit Agreement, dated December 23, 2020 (as amended, the “Prior Credit Agreement”)");
        assert_eq!(
            d.antecedent.as_deref(),
            Some("Credit Agreement, dated December 23, 2020"),
            "the agreement, not the date alone"
        );
        let d = one("amended from time to time (as amended, the “2014 Credit Facility”)");
        assert_eq!(d.antecedent, None);
    }

    #[test]
    fn a_parenthesis_between_name_and_term() {
        let d = one(
            "Hangzhou Zhenqiang Investment Management Co., Ltd. (杭州臻強) (“Hangzhou Zhenqiang”)",
        );
        assert_eq!(
            d.antecedent.as_deref(),
            Some("Hangzhou Zhenqiang Investment Management Co., Ltd.")
        );
    }

    #[test]
    fn quoted_text_that_defines_nothing() {
        assert!(find("Our stock trades under the symbol “CRWV.”").is_empty());
        assert!(find("See the section titled “Risk Factors.”").is_empty());
        assert!(find("(see “Risk Factors”)").is_empty());
        assert!(find("He said “we will grow” (in 2024).").is_empty());
        assert!(find("the so-called “AI bubble” may burst").is_empty());
    }

    #[test]
    fn any_cut_of_multibyte_text_is_safe() {
        let text =
            "Acme (“Company”) (the “AIP”) “token” means a unit. (“☒” or “中文”) ’’ (see “x”)";
        for (i, _) in text.char_indices() {
            for d in find(&text[i..]) {
                assert!(text[i..].is_char_boundary(d.span.start));
                assert!(text[i..].is_char_boundary(d.span.end));
            }
        }
    }

    #[test]
    fn mismatched_and_spaced_quotes() {
        let d = one("advertising-based video on demand (\"AVOD”) services");
        assert_eq!(d.term, "AVOD");
        let d = one("monthly active users (“ MAU”)");
        assert_eq!(d.term, "MAU");
        assert_eq!(d.antecedent.as_deref(), Some("monthly active users"));
    }
}
