//! `tokenlens scan` over many inputs: folders, lists, order, formats, resume and shards.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use tokenlens::report::FilingReport;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn tokenlens() -> Command {
    Command::cargo_bin("tokenlens").expect("binary built")
}

/// A corpus folder: good filings with a corrupt PDF in the middle, a subfolder, and a PNG that
/// a folder walk skips. Returns the folder and the files it reports, in walk order.
fn corpus() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("b sub")).unwrap();
    let files = [
        ("a_s1.htm", "html/sample_s1.htm"),
        ("b sub/c_multipage.pdf", "pdf/multipage.pdf"),
        ("b sub/d_truncated.pdf", "pdf/truncated.pdf"),
        ("b sub/logo.png", "bad/image.png"),
        ("e_hk.txt", "text/hk_glossary.txt"),
        ("f_ligatures.pdf", "pdf/ligatures_hyphenation.pdf"),
    ];
    let mut reported = Vec::new();
    for (name, src) in files {
        std::fs::copy(fixture(src), root.join(name)).unwrap();
        if !name.ends_with(".png") {
            reported.push(root.join(name));
        }
    }
    (dir, reported)
}

/// Parse JSON Lines output; each line must hold exactly the filing report fields plus the
/// line's own `type`, `schema_version` and `tool`.
fn lines(jsonl: &[u8]) -> Vec<FilingReport> {
    let text = std::str::from_utf8(jsonl).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'));
    text.lines()
        .map(|line| {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            let obj = v.as_object_mut().unwrap();
            assert_eq!(obj.remove("type").unwrap(), "filing");
            assert_eq!(obj.remove("schema_version").unwrap(), 1);
            assert!(obj
                .remove("tool")
                .unwrap()
                .as_str()
                .unwrap()
                .starts_with("tokenlens "));
            serde_json::from_value(v).expect("line matches the schema")
        })
        .collect()
}

/// `tokenlens scan` of a folder, as JSON Lines.
fn jsonl_of(dir: &Path) -> Vec<u8> {
    tokenlens()
        .args(["scan", "-q", "--format", "jsonl"])
        .arg(dir)
        .output()
        .unwrap()
        .stdout
}

fn paths(reports: &[FilingReport]) -> Vec<PathBuf> {
    reports.iter().map(|r| r.source.path.clone()).collect()
}

#[test]
fn folder_batch_reports_every_file_in_order_and_skips_non_filings() {
    let (dir, files) = corpus();
    for jobs in ["1", "2", "4"] {
        let out = tokenlens()
            .args(["scan", "--format", "jsonl", "--jobs", jobs])
            .arg(dir.path())
            .assert()
            .code(1)
            .stderr(predicates::str::contains("d_truncated.pdf: corrupt PDF"))
            .stderr(predicates::str::contains(
                "4 ok, 1 failed, 1 skipped (not filings)",
            ))
            .get_output()
            .stdout
            .clone();
        let reports = lines(&out);
        assert_eq!(paths(&reports), files, "--jobs {jobs}");
        let kinds: Vec<_> = reports
            .iter()
            .map(|r| r.error.as_ref().map(|e| &*e.kind))
            .collect();
        assert_eq!(kinds, [None, None, Some("corrupt"), None, None]);
        // A file that was read and failed still carries its hash (for --resume).
        assert!(reports[2].source.sha256.is_some());
        assert!(reports[0].metrics.len() + reports[0].terms.len() > 0);
    }
}

#[test]
fn same_output_with_one_or_two_jobs() {
    let (dir, _) = corpus();
    let run = |jobs: &str| {
        tokenlens()
            .args(["scan", "-q", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn files_from_a_list_or_stdin_with_odd_names() {
    let (dir, files) = corpus();
    let mut list = files
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\r\n");
    list.push_str("\n\n");
    let list_file = dir.path().join("list.txt");
    std::fs::write(&list_file, &list).unwrap();
    let from_file = tokenlens()
        .args(["scan", "-q", "--format", "jsonl", "--files-from"])
        .arg(&list_file)
        .output()
        .unwrap();
    assert_eq!(paths(&lines(&from_file.stdout)), files);
    let from_stdin = tokenlens()
        .args(["scan", "-q", "--format", "jsonl", "--files-from", "-"])
        .write_stdin(list)
        .output()
        .unwrap();
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 s1.htm");
    std::fs::copy(fixture("html/sample_s1.htm"), dir.path().join(name)).unwrap();
    let out = tokenlens()
        .args(["scan", "--format", "jsonl"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let reports = lines(&out);
    assert_eq!(reports.len(), 1);
    assert!(reports[0]
        .source
        .path
        .to_string_lossy()
        .ends_with("caf\u{fffd} s1.htm"));
    assert!(reports[0].error.is_none());
}

#[test]
fn globs_and_missing_paths() {
    let (dir, files) = corpus();
    let pattern = dir.path().join("**").join("*.pdf");
    let out = tokenlens()
        .args(["scan", "-q", "--format", "jsonl"])
        .arg(&pattern)
        .arg(dir.path().join("*.doc"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let reports = lines(&out);
    let pdfs: Vec<_> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .cloned()
        .collect();
    assert_eq!(paths(&reports[..pdfs.len()]), pdfs);
    let last = reports.last().unwrap();
    assert_eq!(last.error.as_ref().unwrap().kind, "no_match");
}

#[test]
fn output_file_appears_complete_and_format_follows_the_extension() {
    let (dir, files) = corpus();
    let out = dir.path().join("out").join("report.jsonl");
    std::fs::create_dir(out.parent().unwrap()).unwrap();
    tokenlens()
        .args(["scan", "-q", "-o"])
        .arg(&out)
        .arg(dir.path().join("a_s1.htm"))
        .arg(dir.path().join("e_hk.txt"))
        .assert()
        .success()
        .stdout("");
    assert_eq!(lines(&std::fs::read(&out).unwrap()).len(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["report.jsonl"]);
    tokenlens()
        .args(["scan", "-o", "x.docx"])
        .arg(&files[0])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format json|jsonl|csv|xlsx"));
    for bad in [
        &["--format", "csv", "--pretty"][..],
        &["--format", "jsonl", "--what", "terms"],
        &["--format", "csv", "--resume", "x.csv"],
        &["--shard", "4/3"],
        &["--jobs", "0"],
    ] {
        tokenlens()
            .arg("scan")
            .args(bad)
            .arg(&files[0])
            .assert()
            .code(2);
    }
}

#[test]
fn resume_finishes_a_killed_run_without_duplicates() {
    let (dir, files) = corpus();
    let full = jsonl_of(dir.path());
    let full_lines: Vec<&[u8]> = full.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(full_lines.len(), files.len());

    // Killed while writing its third record: two whole lines and half of one.
    let out = dir.path().join("run.jsonl");
    let mut partial = full_lines[0].to_vec();
    partial.extend_from_slice(full_lines[1]);
    partial.extend_from_slice(&full_lines[2][..full_lines[2].len() / 2]);
    std::fs::write(&out, &partial).unwrap();

    tokenlens()
        .arg("scan")
        .arg(dir.path())
        .arg("--resume")
        .arg(&out)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains("removed a partial last line"))
        .stderr(predicates::str::contains("2 already in the output"));
    let resumed = lines(&std::fs::read(&out).unwrap());
    assert_eq!(paths(&resumed), files);

    // Resuming a finished run does nothing more.
    tokenlens()
        .arg("scan")
        .arg(dir.path())
        .arg("--resume")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("0 ok, 0 failed"));
    assert_eq!(lines(&std::fs::read(&out).unwrap()).len(), files.len());
}

#[test]
fn resume_picks_up_the_tmp_file_of_an_interrupted_dash_o_run() {
    let (dir, files) = corpus();
    let full = jsonl_of(dir.path());
    let first = full.split_inclusive(|&b| b == b'\n').next().unwrap();
    let out = dir.path().join("run.jsonl");
    std::fs::write(dir.path().join("run.jsonl.tmp"), first).unwrap();
    tokenlens()
        .arg("scan")
        .arg(dir.path())
        .arg("--resume")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("picking up the output"));
    assert_eq!(paths(&lines(&std::fs::read(&out).unwrap())), files);
    assert!(!dir.path().join("run.jsonl.tmp").exists());
}

#[test]
fn shards_cover_the_inputs_exactly_once() {
    let (dir, files) = corpus();
    let mut seen = Vec::new();
    for k in 1..=3 {
        let out = tokenlens()
            .args([
                "scan",
                "-q",
                "--format",
                "jsonl",
                "--shard",
                &format!("{k}/3"),
            ])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout;
        seen.extend(paths(&lines(&out)));
    }
    assert_eq!(seen.len(), files.len());
    let seen: BTreeSet<_> = seen.into_iter().collect();
    let want: BTreeSet<_> = files.into_iter().collect();
    assert_eq!(seen, want);
}

#[test]
fn csv_parses_back_to_the_json_values() {
    let (dir, _) = corpus();
    let json = jsonl_of(dir.path());
    let reports = lines(&json);
    for (what, count) in [
        (
            "metrics",
            reports.iter().map(|r| r.metrics.len()).sum::<usize>(),
        ),
        ("terms", reports.iter().map(|r| r.terms.len()).sum()),
        ("mentions", reports.iter().map(|r| r.mentions.len()).sum()),
        ("filings", reports.len()),
        ("errors", 1),
    ] {
        let out = tokenlens()
            .args(["scan", "-q", "--format", "csv", "--what", what])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout;
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let error_rows = match what {
            "metrics" | "terms" | "mentions" => 1,
            _ => 0,
        };
        assert_eq!(rows.len(), count + error_rows, "{what}");
        if what == "terms" {
            // Quotes, commas and line breaks survive: the CSV holds the JSON's strings.
            let col = |name: &str| header.iter().position(|h| h == name).unwrap();
            let terms: Vec<_> = reports.iter().flat_map(|r| &r.terms).collect();
            let (term_rows, failed): (Vec<_>, Vec<_>) =
                rows.iter().partition(|r| r[col("error_kind")].is_empty());
            assert_eq!(term_rows.len(), terms.len());
            for (row, term) in term_rows.iter().zip(&terms) {
                assert_eq!(&row[col("term")], term.term);
                assert_eq!(&row[col("sentence")], term.sentence);
                assert_eq!(
                    row[col("definition")],
                    *term.definition.as_deref().unwrap_or("")
                );
                assert_eq!(row[col("page")].parse::<u32>().unwrap(), term.page);
            }
            assert!(terms.iter().any(|t| t.sentence.contains(['"', ',', '“'])));
            assert_eq!(failed.len(), 1);
            assert!(failed[0][col("path")].ends_with("d_truncated.pdf"));
            assert_eq!(&failed[0][col("error_kind")], "corrupt");
            assert_eq!(&failed[0][col("term")], "");
        }
    }
}

#[test]
fn xlsx_workbook_reads_back() {
    use calamine::{Data, Reader, Xlsx};
    let (dir, _) = corpus();
    let json = jsonl_of(dir.path());
    let reports = lines(&json);
    let book = dir.path().join("book.xlsx");
    tokenlens()
        .args(["scan", "-q", "-o"])
        .arg(&book)
        .arg(dir.path())
        .assert()
        .code(1);
    let mut xlsx: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert_eq!(
        xlsx.sheet_names(),
        ["Filings", "Metrics", "Terms", "Mentions", "Errors"]
    );
    let metrics = xlsx.worksheet_range("Metrics").unwrap();
    let all: Vec<_> = reports.iter().flat_map(|r| &r.metrics).collect();
    assert!(!all.is_empty());
    assert_eq!(metrics.height(), all.len() + 1);
    assert_eq!(metrics.get((0, 3)), Some(&Data::String("kind".into())));
    // Values are numbers, not text.
    assert_eq!(metrics.get((1, 4)), Some(&Data::Float(all[0].value)));
    assert_eq!(metrics.get((1, 13)), Some(&Data::Float(all[0].page as f64)));
    let filings = xlsx.worksheet_range("Filings").unwrap();
    assert_eq!(filings.height(), reports.len() + 1);
    let errors = xlsx.worksheet_range("Errors").unwrap();
    assert_eq!(errors.height(), 2);
    assert_eq!(errors.get((1, 1)), Some(&Data::String("corrupt".into())));
}

#[test]
fn a_closed_pipe_ends_the_batch_quietly() {
    let (dir, _) = corpus();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenlens"))
        .args(["scan", "--format", "jsonl", "--jobs", "1"])
        .args([dir.path(), dir.path(), dir.path(), dir.path()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("broken pipe"), "{stderr}");
    assert!(status.code().is_some(), "killed by a signal");
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = tokenlens()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("files-from"), "{shell}");
    }
    let _ = std::io::stdout().flush();
}

#[test]
fn glossary_build_takes_a_folder() {
    let (dir, _) = corpus();
    let out = tokenlens()
        .args(["glossary", "build", "-q", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    // The PNG met in the walk is skipped, the corrupt PDF is an error.
    assert_eq!(v["filings"].as_array().unwrap().len(), 4);
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    assert!(!v["terms"].as_array().unwrap().is_empty());
}
