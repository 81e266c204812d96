//! The readers on committed fixtures, and the `tokenlens` binary end to end.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tokenlens::extract::ExtractorBuilder;
use tokenlens::report::{ScanOutput, TextOutput};
use tokenlens::{Document, Format};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn read(rel: &str) -> Document {
    ExtractorBuilder::new()
        .build()
        .extract_path(&fixture(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read_err(rel: &str, password: Option<&str>) -> tokenlens::Error {
    ExtractorBuilder::new()
        .password(password.map(str::to_string))
        .build()
        .extract_path(&fixture(rel))
        .expect_err("should fail")
}

/// The 1-based page on which `phrase` appears, and its byte span there.
fn find(doc: &Document, phrase: &str) -> Option<(u32, usize)> {
    doc.pages
        .iter()
        .find_map(|p| p.text.find(phrase).map(|i| (p.number, i)))
}

fn tokenlens() -> Command {
    Command::cargo_bin("tokenlens").expect("binary built")
}

// ---- PDF ----

#[test]
fn pdf_pages_keep_their_numbers() {
    let doc = read("pdf/multipage.pdf");
    assert_eq!(doc.source.format, Format::Pdf);
    assert_eq!(doc.pages.len(), 5);
    let (page, _) = find(&doc, "1.2 trillion tokens per month").expect("phrase found");
    assert_eq!(page, 3);
    assert_eq!(find(&doc, "PROSPECTUS SUMMARY").unwrap().0, 2);
    assert_eq!(find(&doc, "UNDERWRITING").unwrap().0, 5);
}

#[test]
fn pdf_running_header_and_page_numbers_removed() {
    let doc = read("pdf/multipage.pdf");
    for page in &doc.pages {
        assert!(
            !page.text.contains("Acme AI, Inc. - Prospectus"),
            "running header left on page {}",
            page.number
        );
        let last = page.text.lines().last().unwrap();
        assert_ne!(last.trim(), page.number.to_string(), "page number left");
    }
    assert_eq!(
        doc.pages[3].text,
        "RISK FACTORS\nOur revenue depends on usage-based pricing, which may fluctuate."
    );
}

#[test]
fn pdf_cover_metadata() {
    let doc = read("pdf/multipage.pdf");
    assert_eq!(doc.filing.form_type.as_deref(), Some("S-1"));
    assert_eq!(doc.filing.company.as_deref(), Some("Acme AI, Inc."));
    assert_eq!(doc.source.sha256.len(), 64);
}

#[test]
fn pdf_cid_width_ranges_do_not_split_digits() {
    // The fixture's CIDFont has `/W [1 10 556 ...]` (range form) and `/DW 0`; pdf-extract alone
    // reads this as "September 3 0 , 2 0 2 3".
    let doc = read("pdf/cid_width_ranges.pdf");
    assert_eq!(
        doc.pages[0].text,
        "As of September 30, 2023 we had $475,627 in cash.\nCommon Stock 1234567890"
    );
}

#[test]
fn pdf_ligatures_and_hyphenation() {
    let doc = read("pdf/ligatures_hyphenation.pdf");
    assert_eq!(
        doc.pages[0].text,
        "The financial efficiency of our fleet and staff improved as infrastructure costs fell by 12.5 percent."
    );
}

#[test]
fn pdf_two_columns_read_column_by_column() {
    let doc = read("pdf/two_column.pdf");
    assert_eq!(
        doc.pages[0].text,
        "LEFT COLUMN begins here and\ntalks about token volume\non the left side only.\n\
         RIGHT COLUMN starts after\nthe left one is finished\nwhen read in order."
    );
}

#[test]
fn pdf_encrypted_needs_its_password() {
    let err = read_err("pdf/encrypted.pdf", None);
    assert_eq!(err.kind(), "encrypted");
    assert!(err.to_string().contains("--password"), "{err}");
    let err = read_err("pdf/encrypted.pdf", Some("wrong"));
    assert_eq!(err.kind(), "encrypted");
    let doc = ExtractorBuilder::new()
        .password(Some("secret".into()))
        .build()
        .extract_path(&fixture("pdf/encrypted.pdf"))
        .unwrap();
    assert_eq!(find(&doc, "1.2 trillion tokens").unwrap().0, 3);
}

#[test]
fn pdf_encrypted_with_empty_user_password_opens() {
    let doc = read("pdf/encrypted_owner_only.pdf");
    assert_eq!(doc.pages.len(), 5);
    assert_eq!(find(&doc, "1.2 trillion tokens").unwrap().0, 3);
}

#[test]
fn pdf_truncated_is_corrupt() {
    let err = read_err("pdf/truncated.pdf", None);
    assert_eq!(err.kind(), "corrupt");
    assert!(err.to_string().contains("truncated.pdf"), "{err}");
}

#[test]
fn pdf_without_text_layer_says_so() {
    let err = read_err("pdf/scanned.pdf", None);
    assert_eq!(err.kind(), "no_text");
    assert!(err.to_string().contains("OCR"), "{err}");
}

#[test]
fn pdf_blank_page_is_not_called_scanned() {
    let doc = read("pdf/blank_page.pdf");
    assert_eq!(doc.pages.len(), 3);
    let messages: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        ["no text layer on page 3: scanned? OCR needed"],
        "page 2 is blank, page 3 is an image"
    );
}

// ---- HTML ----

#[test]
fn edgar_html_pages_tables_and_hidden_xbrl() {
    let doc = read("html/sample_s1.htm");
    assert_eq!(doc.source.format, Format::Html);
    assert_eq!(doc.pages.len(), 4);
    assert_eq!(doc.filing.form_type.as_deref(), Some("S-1"));
    assert_eq!(doc.filing.company.as_deref(), Some("Acme AI, Inc."));
    assert_eq!(doc.filing.exhibits.len(), 2);
    assert_eq!(doc.filing.exhibits[0].doc_type, "EX-23.1");
    assert!(doc.warnings.iter().any(|w| w.message.contains("uuencoded")));
    let all: String = doc.pages.iter().map(|p| p.text.as_str()).collect();
    assert!(!all.contains("HIDDEN XBRL HEADER"));
    assert!(!all.contains("Acme AI S-1"), "the <title> is not body text");
    assert!(!all.contains("consent"), "exhibits are listed, not read");
    assert_eq!(
        find(&doc, "approximately 1.2 trillion tokens per month")
            .unwrap()
            .0,
        2
    );
    assert_eq!(find(&doc, "over 2,100 tokens per second").unwrap().0, 2);
    assert_eq!(find(&doc, "“token” means").unwrap().0, 4);
    let page3 = &doc.pages[2].text;
    assert!(
        page3.contains("Usage-based revenue\t$412,300\t$98,750"),
        "{page3}"
    );
    assert!(page3.contains("Gross margin\t61%\t(4)%"), "{page3}");
    assert!(
        page3.contains("$0.60 per million input tokens & $2.40"),
        "{page3}"
    );
    // Page-number lines at page ends are gone.
    assert!(!doc.pages[0].text.ends_with("\ni"));
    assert!(!doc.pages[1].text.ends_with("\n1"));
}

#[test]
fn spans_slice_to_their_text() {
    let doc = read("html/sample_s1.htm");
    let (page, start) = find(&doc, "Llama 3.1 70B").unwrap();
    let text = &doc.pages[page as usize - 1].text;
    assert_eq!(&text[start..start + "Llama 3.1 70B".len()], "Llama 3.1 70B");
}

// ---- text ----

#[test]
fn windows_1252_text_with_form_feed() {
    let doc = read("text/windows1252.txt");
    assert_eq!(doc.source.format, Format::Text);
    assert_eq!(doc.pages.len(), 2);
    assert!(doc.pages[0].text.contains(
        "The \u{201c}Company\u{201d} \u{2013} caf\u{e9} owner \u{2014} processes tokens."
    ));
    assert!(doc.pages[1]
        .text
        .contains("\u{20ac}0.50 per million tokens"));
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("Windows-1252")));
}

// ---- CLI ----

#[test]
fn cli_text_prints_pages_separated_by_form_feeds() {
    let out = tokenlens()
        .args(["text"])
        .arg(fixture("pdf/multipage.pdf"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches('\x0c').count(), 4);
    assert!(text
        .split('\x0c')
        .nth(2)
        .unwrap()
        .contains("1.2 trillion tokens"));
}

#[test]
fn cli_text_json_round_trips() {
    let out = tokenlens()
        .args(["text", "--json"])
        .arg(fixture("html/sample_s1.htm"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let parsed: TextOutput = serde_json::from_slice(&out).expect("schema matches");
    assert_eq!(parsed.schema_version, 1);
    assert_eq!(parsed.pages.len(), 4);
    assert_eq!(parsed.pages[1].number, 2);
    assert_eq!(parsed.source.format, Some(Format::Html));
}

#[test]
fn cli_text_page_selection() {
    tokenlens()
        .args(["text", "--pages", "3"])
        .arg(fixture("pdf/multipage.pdf"))
        .assert()
        .success()
        .stdout(predicates::str::starts_with("BUSINESS\n"));
    tokenlens()
        .args(["text", "--pages", "9"])
        .arg(fixture("pdf/multipage.pdf"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("out of range"));
}

#[test]
fn cli_scan_reports_every_input_in_order_with_errors() {
    let missing = fixture("does/not/exist.pdf");
    let out = tokenlens()
        .arg("scan")
        .arg(fixture("html/sample_s1.htm"))
        .arg(fixture("pdf/truncated.pdf"))
        .arg(&missing)
        .arg(fixture("bad/empty.txt"))
        .arg(fixture("bad/image.png"))
        .arg(fixture("pdf/encrypted.pdf"))
        .arg(fixture("pdf/multipage.pdf"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("exist.pdf: no such file"))
        .get_output()
        .stdout
        .clone();
    let report: ScanOutput = serde_json::from_slice(&out).expect("schema matches");
    assert_eq!(report.schema_version, 1);
    assert!(report.tool.starts_with("tokenlens "));
    let kinds: Vec<Option<&str>> = report
        .filings
        .iter()
        .map(|f| f.error.as_ref().map(|e| e.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            None,
            Some("corrupt"),
            Some("not_found"),
            Some("empty"),
            Some("unsupported"),
            Some("encrypted"),
            None
        ]
    );
    assert_eq!(report.filings[2].source.path, missing);
    assert_eq!(report.filings[0].pages, 4);
    assert_eq!(report.filings[6].filing.form_type.as_deref(), Some("S-1"));
}

#[test]
fn cli_scan_ok_exits_zero_and_pretty_is_the_same_document() {
    let compact = tokenlens()
        .arg("scan")
        .arg(fixture("text/windows1252.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let pretty = tokenlens()
        .args(["scan", "--pretty"])
        .arg(fixture("text/windows1252.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let a: serde_json::Value = serde_json::from_slice(&compact).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&pretty).unwrap();
    assert_eq!(a, b);
    assert_eq!(a["filings"][0]["error"], serde_json::Value::Null);
    assert_eq!(a["filings"][0]["source"]["format"], "text");
}

#[test]
fn cli_usage_errors_exit_two() {
    tokenlens().assert().code(2);
    tokenlens().args(["scan"]).assert().code(2);
    tokenlens().args(["frobnicate"]).assert().code(2);
    tokenlens().args(["--help"]).assert().success();
}

#[test]
fn cli_password_flag_opens_encrypted_pdf() {
    tokenlens()
        .args(["text", "--password", "secret"])
        .arg(fixture("pdf/encrypted.pdf"))
        .assert()
        .success()
        .stdout(predicates::str::contains("1.2 trillion tokens per month"));
}

#[test]
fn json_schema_file_is_valid_json_and_names_the_fields() {
    let schema = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/tokenlens-v1.schema.json"),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let report = &v["$defs"]["report"]["properties"];
    for field in [
        "source", "filing", "pages", "metrics", "terms", "mentions", "warnings", "error",
    ] {
        assert!(report.get(field).is_some(), "schema lacks report.{field}");
        let line = &v["$defs"]["filing_line"]["properties"];
        assert!(
            line.get(field).is_some(),
            "schema lacks filing_line.{field}"
        );
    }
    let kinds = v["$defs"]["error"]["properties"]["kind"]["enum"].to_string();
    for kind in ["symlink_loop", "no_match", "corrupt", "internal"] {
        assert!(kinds.contains(kind), "{kind}");
    }
}

#[test]
fn pdf_page_that_crashes_the_extractor_is_a_warning_and_later_pages_are_read() {
    let doc = read("pdf/bad_page.pdf");
    assert_eq!(doc.pages.len(), 3);
    assert_eq!(doc.pages[0].text, "Page one is fine.");
    assert_eq!(doc.pages[1].text, "");
    assert_eq!(doc.pages[2].text, "Page three is fine too.");
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert_eq!(doc.warnings[0].page, Some(2));
    assert!(doc.warnings[0].message.contains("page skipped"));
}

#[test]
fn cli_scan_reports_metrics_with_pages_and_spans_into_text_json() {
    let path = fixture("html/sample_s1.htm");
    let scan = tokenlens()
        .arg("scan")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: ScanOutput = serde_json::from_slice(&scan).expect("schema matches");
    let text = tokenlens()
        .args(["text", "--json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let pages: TextOutput = serde_json::from_slice(&text).unwrap();
    let metrics = &report.filings[0].metrics;
    let kinds: Vec<&str> = metrics.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "token_volume",
            "token_throughput",
            "token_revenue",
            "token_revenue",
            "gross_margin",
            "gross_margin",
            "token_price",
            "token_price"
        ]
    );
    for m in metrics {
        let page = &pages.pages[m.page as usize - 1].text;
        assert_eq!(&page[m.start..m.end], m.text, "span of {}", m.kind);
    }
    let throughput = &metrics[1];
    assert_eq!(throughput.value, 2100.0);
    assert_eq!(throughput.subject.as_deref(), Some("Llama 3.1 70B"));
    assert_eq!(throughput.qualifier.as_deref(), Some("over"));
    assert_eq!(throughput.section.as_deref(), Some("PROSPECTUS SUMMARY"));
    assert_eq!(throughput.page, 2);
    assert_eq!(metrics[7].direction.as_deref(), Some("output"));
    assert_eq!(metrics[7].unit, "USD/1M tokens");
    // The table row "Usage-based revenue⇥$412,300⇥$98,750" under "2025⇥2024".
    assert_eq!(metrics[2].value, 412_300.0);
    assert_eq!(
        metrics[2].period.as_deref(),
        Some("year ended December 31, 2025")
    );
}

#[test]
fn cli_scan_reports_mentions_of_builtin_and_user_terms() {
    let out = tokenlens()
        .args(["scan", "--glossary"])
        .arg(fixture("glossary/user_terms.toml"))
        .arg(fixture("html/sample_s1.htm"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: ScanOutput = serde_json::from_slice(&out).unwrap();
    let mentions = &report.filings[0].mentions;
    let find = |t: &str| mentions.iter().find(|m| m.term == t);
    let tps = find("tokens per second").expect("built-in term found");
    assert_eq!(
        (tps.count, tps.first_page, tps.category.as_str()),
        (1, 2, "token_economy")
    );
    let llm = find("large language model").unwrap();
    assert_eq!(
        llm.count, 2,
        "“large language models (“LLMs”)”: the term and its acronym"
    );
    let user = find("selected financial data").expect("user term found");
    assert_eq!(
        (user.category.as_str(), user.pages.clone()),
        ("acme", vec![3])
    );
    assert!(find("Acme Inference Cloud").is_none(), "not in the filing");
}

#[test]
fn cli_glossary_list_and_bad_user_lists() {
    let out = tokenlens()
        .args(["glossary", "list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let terms: Vec<tokenlens::glossary::Entry> = serde_json::from_slice(&out).unwrap();
    assert!(terms.len() >= 150);
    assert!(terms.iter().any(|t| t.term == "time to first token"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "category = \"x\"\n[[term]]\nterm = \"foo\"\ndefinition = 3\n",
    )
    .unwrap();
    tokenlens()
        .args(["scan", "--glossary"])
        .arg(&bad)
        .arg(fixture("text/windows1252.txt"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.toml: line 4"));
}

#[test]
fn scan_reports_defined_terms_with_spans() {
    let doc = read("html/sample_s1.htm");
    let hits = tokenlens::scan::Scanner::new().scan(&doc);
    let terms: Vec<(&str, Option<&str>, &str)> = hits
        .terms
        .iter()
        .map(|t| (t.term.as_str(), t.antecedent.as_deref(), t.source.as_str()))
        .collect();
    assert_eq!(
        terms,
        vec![
            ("Company", Some("Acme AI, Inc."), "inline"),
            ("LLMs", Some("large language models"), "inline"),
            ("token", None, "means_clause"),
        ]
    );
    assert_eq!(hits.terms[0].aliases, vec!["we", "us"]);
    assert_eq!(
        hits.terms[2].definition.as_deref(),
        Some("the basic unit of text processed by a model.")
    );
    for t in &hits.terms {
        let page = &doc.pages[t.page as usize - 1].text;
        assert_eq!(&page[t.start..t.end], t.term);
    }
}

#[test]
fn cli_glossary_build_in_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        fixture("html/sample_s1.htm"),
        fixture("text/windows1252.txt"),
        fixture("does-not-exist.pdf"),
    ];
    for ext in ["json", "csv", "md"] {
        let out = dir.path().join(format!("glossary.{ext}"));
        tokenlens()
            .args(["glossary", "build", "-q", "-o"])
            .arg(&out)
            .args(&inputs)
            .assert()
            .code(1) // one input could not be read: it is listed, the rest is built
            .stderr(predicates::str::contains("does-not-exist.pdf"));
        assert!(!out.with_extension(format!("{ext}.tmp")).exists());
        let text = std::fs::read_to_string(&out).unwrap();
        match ext {
            "json" => {
                let g: tokenlens::report::GlossaryOutput = serde_json::from_str(&text).unwrap();
                assert_eq!(g.filings.len(), 2);
                assert_eq!(g.errors.len(), 1);
                let llm = g
                    .terms
                    .iter()
                    .find(|t| t.key == "llm")
                    .expect("LLMs merged as llm");
                assert_eq!(llm.definitions[0].text, "large language models");
                assert_eq!(llm.definitions[0].places[0].page, 2);
                let token = g.terms.iter().find(|t| t.key == "token").unwrap();
                assert_eq!(token.filings_using, 2, "the text file uses “tokens” too");
            }
            "csv" => {
                let first = text.lines().next().unwrap();
                assert!(first.starts_with("term,aliases,definition,defined_in"));
                assert!(
                    text.contains("Company,us; we,\"Acme AI, Inc.\",")
                        && text.contains(":2,inline,1,2,false"),
                    "{text}"
                );
            }
            _ => {
                assert!(text.starts_with("# Glossary"));
                assert!(text.contains("**token** — the basic unit of text processed by a model."));
            }
        }
    }
}

/// Golden file: the Markdown glossary built from the fixtures. Regenerate with
/// `TOKENLENS_BLESS=1 cargo test golden` and review the diff.
#[test]
fn golden_glossary_markdown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tokenlens()
        .current_dir(root)
        .args(["glossary", "build", "-q", "--format", "md"])
        .args([
            "fixtures/html/sample_s1.htm",
            "fixtures/text/hk_glossary.txt",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let got = String::from_utf8(out).unwrap();
    let golden = root.join("tests/golden/glossary.md");
    if std::env::var_os("TOKENLENS_BLESS").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).expect("golden file (TOKENLENS_BLESS=1 to create)");
    assert_eq!(
        got, want,
        "glossary.md changed: review, then TOKENLENS_BLESS=1"
    );
}
