//! Property tests: the number parser and the scanners on generated text. They never panic, and
//! every span they report slices the page text on character boundaries.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use tokenlens::document::{Document, Filing, Format, Page, Source};
use tokenlens::scan::number::quantities;
use tokenlens::scan::Scanner;

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::new)
}

fn document(pages: Vec<String>) -> Document {
    Document {
        source: Source {
            path: PathBuf::from("generated.txt"),
            format: Format::Text,
            bytes: 0,
            sha256: String::new(),
        },
        filing: Filing::default(),
        pages: pages
            .into_iter()
            .enumerate()
            .map(|(i, text)| Page {
                number: i as u32 + 1,
                text,
            })
            .collect(),
        warnings: Vec::new(),
    }
}

/// Text that looks like a filing often enough to reach the finders, with arbitrary Unicode in
/// between.
fn filing_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("We processed over 1.2 trillion tokens per month".to_string()),
        Just(" at $0.50 per million input tokens".to_string()),
        Just(" (the “Company”)".to_string()),
        Just("\n“Token” means a unit of text".to_string()),
        Just("GLOSSARY OF TECHNICAL TERMS\n".to_string()),
        Just(" large language models (“LLMs”) ".to_string()),
        Just("revenue of US$60-65 billion, up 45%".to_string()),
        Just(" 2,100 tokens/s; context window of 128K tokens.".to_string()),
        Just("\u{201c}".to_string()),
        Just("–".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        // Asides before a definition: full-width parentheses, another script, nesting.
        Just(" Acme Co., Ltd.（北京(有限合夥)）".to_string()),
        Just(" Partnership (Limited Partnership) (".to_string()),
        Just("（".to_string()),
        Just("）".to_string()),
        Just(" (“Acme AI/ML”)".to_string()),
        Just(" C3.ai, Inc. and its subsidiaries (collectively, the “Group”)".to_string()),
        "[0-9$,.%()x ]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn quantities_never_panic_and_spans_slice(text in filing_text()) {
        for q in quantities(&text) {
            prop_assert!(q.start < q.end && q.end <= text.len());
            prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            prop_assert!(q.value.is_finite() || q.value.is_infinite());
        }
    }

    #[test]
    fn written_numbers_parse_to_their_value(
        whole in 0u64..1_000_000_000,
        cents in 0u32..100,
        scale in prop::sample::select(vec![("", 1.0), (" thousand", 1e3), (" million", 1e6), (" billion", 1e9)]),
    ) {
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let text = format!("revenue of ${grouped}.{cents:02}{} in 2025", scale.0);
        let q = quantities(&text)
            .into_iter()
            .find(|q| q.currency == Some("USD"))
            .expect("the amount is found");
        let want = (whole as f64 + f64::from(cents) / 100.0) * scale.1;
        prop_assert!((q.value - want).abs() <= want.abs() * 1e-12, "{} vs {}", q.value, want);
        prop_assert_eq!(&text[q.start..q.start + 1], "$");
    }

    #[test]
    fn scanner_never_panics_and_every_span_slices(pages in prop::collection::vec(filing_text(), 1..4)) {
        let doc = document(pages);
        let hits = scanner().scan(&doc);
        for m in &hits.metrics {
            let page = &doc.pages[m.page as usize - 1].text;
            prop_assert!(m.start < m.end && m.end <= page.len());
            prop_assert_eq!(&page[m.start..m.end], m.text.as_str());
            prop_assert!(m.value.is_finite());
        }
        for t in &hits.terms {
            let page = &doc.pages[t.page as usize - 1].text;
            prop_assert!(t.start <= t.end && t.end <= page.len(), "{:?}", t);
            prop_assert!(page.is_char_boundary(t.start) && page.is_char_boundary(t.end));
            prop_assert!(!t.term.trim().is_empty());
        }
        for m in &hits.mentions {
            prop_assert!(m.count >= m.pages.len() && m.pages.contains(&m.first_page));
        }
    }
}

/// The generator's pieces do reach the finders, so the properties above test something.
#[test]
fn generated_pieces_hold_metrics_and_terms() {
    let text = "We processed over 1.2 trillion tokens per month at $0.50 per million input tokens. \
                Our large language models (“LLMs”) serve 2,100 tokens/s; context window of 128K tokens.\n\
                “Token” means a unit of text.";
    let hits = scanner().scan(&document(vec![text.to_string()]));
    assert!(hits.metrics.len() >= 3, "{:?}", hits.metrics);
    assert!(hits.terms.len() >= 2, "{:?}", hits.terms);
    assert!(!hits.mentions.is_empty());
}
