//! Table tests for defined terms: `tests/data/terms.toml` holds texts and the exact terms each
//! must give, in order; only the fields a case names are compared.

use serde::Deserialize;
use tokenlens::extract::ExtractorBuilder;
use tokenlens::scan::Scanner;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    term: String,
    aliases: Option<Vec<String>>,
    antecedent: Option<String>,
    definition: Option<String>,
    source: Option<String>,
    section: Option<String>,
    page: Option<u32>,
}

#[test]
fn term_table() {
    let table: Table = toml::from_str(include_str!("../data/terms.toml")).expect("valid table");
    let scanner = Scanner::new();
    let mut failures = Vec::new();
    for case in &table.case {
        let doc = ExtractorBuilder::new()
            .build()
            .extract_bytes("case.txt", case.text.as_bytes().to_vec())
            .unwrap();
        let got = scanner.scan(&doc).terms;
        for t in &got {
            let page = &doc.pages[t.page as usize - 1].text;
            // The span is the term as written: a name wrapped at a line break ("Lock-Up\n
            // Agreements", "AI-\nrelated") is the term once its break is read as a space.
            let written = page[t.start..t.end]
                .replace("-\n", "-")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if written != t.term {
                failures.push(format!(
                    "{}: span of {:?} slices to {:?}",
                    case.name,
                    t.term,
                    &page[t.start..t.end]
                ));
            }
        }
        let names: Vec<&str> = got.iter().map(|t| t.term.as_str()).collect();
        let want: Vec<&str> = case.expect.iter().map(|e| e.term.as_str()).collect();
        if names != want {
            failures.push(format!("{}: terms {names:?}, expected {want:?}", case.name));
            continue;
        }
        for (w, g) in case.expect.iter().zip(&got) {
            let check = |field: &str,
                         want: &Option<String>,
                         got: Option<&str>,
                         failures: &mut Vec<String>| {
                if let Some(w) = want {
                    let w = (w != "null").then_some(w.as_str());
                    if w != got {
                        failures.push(format!(
                            "{}: {} {field} {got:?}, expected {w:?}",
                            case.name, g.term
                        ));
                    }
                }
            };
            check(
                "antecedent",
                &w.antecedent,
                g.antecedent.as_deref(),
                &mut failures,
            );
            check(
                "definition",
                &w.definition,
                g.definition.as_deref(),
                &mut failures,
            );
            check("source", &w.source, Some(g.source.as_str()), &mut failures);
            check("section", &w.section, g.section.as_deref(), &mut failures);
            if let Some(a) = &w.aliases {
                if *a != g.aliases {
                    failures.push(format!(
                        "{}: {} aliases {:?}, expected {a:?}",
                        case.name, g.term, g.aliases
                    ));
                }
            }
            if let Some(p) = w.page {
                if p != g.page {
                    failures.push(format!(
                        "{}: {} page {}, expected {p}",
                        case.name, g.term, g.page
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
