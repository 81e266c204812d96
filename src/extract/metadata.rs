//! Filing metadata from the cover page, best effort: the form type and the registrant's name.

use std::sync::OnceLock;

use regex::Regex;

use crate::document::{Filing, Page};

/// How many leading pages the cover may span.
const COVER_PAGES: usize = 3;
/// How many bytes of a page to look at (a one-page HTML filing has no page breaks).
const COVER_BYTES: usize = 24_000;

struct Patterns {
    rule_424: Regex,
    amendment: Regex,
    form: Regex,
    registrant: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        rule_424: Regex::new(
            r"(?i)\bfiled\s+pursuant\s+to\s+rule\s+424\s*\(\s*b\s*\)\s*\(\s*([1-8])\s*\)",
        )
        .expect("valid regex"),
        amendment: Regex::new(
            r"(?i)\bamendment\s+no\.?\s*\d+\s*(?:\n\s*)?to\s*(?:\n\s*)?form\s+((?:S|F)-\d{1,2})\b",
        )
        .expect("valid regex"),
        form: Regex::new(
            r"\b(?:FORM|Form)\s*(?:\n\s*)?(S-1|S-3|S-4|S-11|F-1|F-3|F-4|10-K|10-KT|10-Q|10-QT|20-F|40-F|8-K|6-K|424B[1-8])(/A)?\b",
        )
        .expect("valid regex"),
        registrant: Regex::new(r"(?i)\(?\s*exact\s+name\s+of\s+registrant").expect("valid regex"),
    })
}

fn cover_text(pages: &[Page]) -> String {
    let mut text = String::new();
    for page in pages.iter().take(COVER_PAGES) {
        text.push_str(crate::util::head(&page.text, COVER_BYTES));
        text.push('\n');
        if text.len() > COVER_BYTES {
            break;
        }
    }
    text
}

/// Read the form type and the company from the first pages.
pub(crate) fn detect(pages: &[Page]) -> Filing {
    let text = cover_text(pages);
    let p = patterns();
    let form_type = if let Some(c) = p.rule_424.captures(&text) {
        Some(format!("424B{}", &c[1]))
    } else if let Some(c) = p.amendment.captures(&text) {
        Some(format!("{}/A", c[1].to_ascii_uppercase()))
    } else {
        p.form.captures(&text).map(|c| {
            let mut f = c[1].to_string();
            if c.get(2).is_some() {
                f.push_str("/A");
            }
            f
        })
    };
    let company = p.registrant.find(&text).and_then(|m| {
        let before = &text[..m.start()];
        // The name sits on the line(s) just above the caption.
        let line = before
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())?;
        let name = line
            .split('\t')
            .map(str::trim)
            .find(|c| !c.is_empty())?
            .trim_end_matches([',', ';', ':'])
            .trim();
        (!name.is_empty() && name.len() <= 160 && name.chars().any(|c| c.is_alphabetic()))
            .then(|| name.to_string())
    });
    Filing {
        form_type,
        company,
        exhibits: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Vec<Page> {
        vec![Page {
            number: 1,
            text: text.to_string(),
        }]
    }

    #[test]
    fn registration_statement() {
        let f = detect(&page(
            "As filed with the Securities and Exchange Commission\nUNITED STATES\nFORM S-1\nREGISTRATION STATEMENT\nUNDER\nTHE SECURITIES ACT OF 1933\nAcme AI, Inc.\n(Exact name of registrant as specified in its charter)\n",
        ));
        assert_eq!(f.form_type.as_deref(), Some("S-1"));
        assert_eq!(f.company.as_deref(), Some("Acme AI, Inc."));
    }

    #[test]
    fn amendment_and_prospectus() {
        let f = detect(&page(
            "Amendment No. 2\nto\nForm F-1\nREGISTRATION STATEMENT",
        ));
        assert_eq!(f.form_type.as_deref(), Some("F-1/A"));
        let f = detect(&page(
            "Filed Pursuant to Rule 424(b)(4)\nRegistration No. 333-282241\nForm S-1",
        ));
        assert_eq!(f.form_type.as_deref(), Some("424B4"));
        let f = detect(&page("FORM 10-Q\n(Mark One)"));
        assert_eq!(f.form_type.as_deref(), Some("10-Q"));
        assert_eq!(f.company, None);
    }
}
