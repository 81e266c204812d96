//! The scanners on arbitrary text: no panic, and every span slices its page's text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tokenlens::document::{Document, Filing, Format, Page, Source};
use tokenlens::scan::Scanner;

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::new)
}

fuzz_target!(|text: &str| {
    let pages: Vec<Page> = text
        .split('\u{c}')
        .enumerate()
        .map(|(i, t)| Page { number: i as u32 + 1, text: t.to_string() })
        .collect();
    let doc = Document {
        source: Source { path: "fuzz.txt".into(), format: Format::Text, bytes: 0, sha256: String::new() },
        filing: Filing::default(),
        pages,
        warnings: Vec::new(),
    };
    let hits = scanner().scan(&doc);
    for m in &hits.metrics {
        let page = &doc.pages[m.page as usize - 1].text;
        assert_eq!(&page[m.start..m.end], m.text);
    }
    for t in &hits.terms {
        let page = &doc.pages[t.page as usize - 1].text;
        assert!(page.is_char_boundary(t.start) && page.is_char_boundary(t.end) && t.end <= page.len());
    }
});
