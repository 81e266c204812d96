//! Table tests for the metric finder: `tests/data/metrics.toml` holds sentences and the exact
//! metrics each must give. A case lists every metric it expects (an empty list means none), and
//! for each only the fields it names are compared.

use serde::Deserialize;
use tokenlens::extract::ExtractorBuilder;
use tokenlens::scan::{Metric, Scanner};

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
    kind: String,
    value: f64,
    unit: Option<String>,
    currency: Option<String>,
    per: Option<String>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<String>,
    period: Option<String>,
    subject: Option<String>,
    direction: Option<String>,
    text: Option<String>,
    section: Option<String>,
    page: Option<u32>,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn metrics_of(text: &str) -> Vec<Metric> {
    let doc = ExtractorBuilder::new()
        .build()
        .extract_bytes("case.txt", text.as_bytes().to_vec())
        .expect("text reads");
    let hits = Scanner::new().scan(&doc);
    for m in &hits.metrics {
        let page = &doc.pages[m.page as usize - 1].text;
        assert_eq!(&page[m.start..m.end], m.text, "span must slice to its text");
    }
    hits.metrics
}

/// `None` when `got` fits `want`, else what differs.
fn mismatch(want: &Expect, got: &Metric) -> Option<String> {
    let mut diffs = Vec::new();
    if want.kind != got.kind {
        diffs.push(format!("kind {} != {}", got.kind, want.kind));
    }
    if !close(want.value, got.value) {
        diffs.push(format!("value {} != {}", got.value, want.value));
    }
    let opt = |name: &str, want: &Option<String>, got: &Option<String>, diffs: &mut Vec<String>| {
        if let Some(w) = want {
            let w = (w != "null").then_some(w);
            if w != got.as_ref() {
                diffs.push(format!("{name} {got:?} != {w:?}"));
            }
        }
    };
    if let Some(u) = &want.unit {
        if *u != got.unit {
            diffs.push(format!("unit {} != {u}", got.unit));
        }
    }
    opt("currency", &want.currency, &got.currency, &mut diffs);
    opt("per", &want.per, &got.per, &mut diffs);
    opt("qualifier", &want.qualifier, &got.qualifier, &mut diffs);
    opt("period", &want.period, &got.period, &mut diffs);
    opt("subject", &want.subject, &got.subject, &mut diffs);
    opt("direction", &want.direction, &got.direction, &mut diffs);
    opt("section", &want.section, &got.section, &mut diffs);
    if let Some(t) = &want.text {
        if *t != got.text {
            diffs.push(format!("text {:?} != {t:?}", got.text));
        }
    }
    for (name, w, g) in [("low", want.low, got.low), ("high", want.high, got.high)] {
        if let Some(w) = w {
            if !g.is_some_and(|g| close(g, w)) {
                diffs.push(format!("{name} {g:?} != {w}"));
            }
        }
    }
    if let Some(p) = want.page {
        if p != got.page {
            diffs.push(format!("page {} != {p}", got.page));
        }
    }
    (!diffs.is_empty()).then(|| diffs.join("; "))
}

#[test]
fn metric_table() {
    let table: Table = toml::from_str(include_str!("../data/metrics.toml")).expect("valid table");
    let mut failures = Vec::new();
    for case in &table.case {
        let got = metrics_of(&case.text);
        let mut unmatched: Vec<&Metric> = got.iter().collect();
        for want in &case.expect {
            match unmatched.iter().position(|g| mismatch(want, g).is_none()) {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => {
                    let near = got
                        .iter()
                        .filter(|g| g.kind == want.kind)
                        .filter_map(|g| mismatch(want, g))
                        .collect::<Vec<_>>();
                    failures.push(format!(
                        "{}: missing {} {} ({})",
                        case.name,
                        want.kind,
                        want.value,
                        if near.is_empty() {
                            "no metric of that kind".to_string()
                        } else {
                            near.join(" | ")
                        }
                    ));
                }
            }
        }
        for extra in unmatched {
            failures.push(format!(
                "{}: unexpected {} {} {:?}",
                case.name, extra.kind, extra.value, extra.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        table.case.len(),
        failures.join("\n")
    );
}
