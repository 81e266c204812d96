//! Broken and crafted inputs in one batch: no crash, no hang, one record per file with the
//! kind `fixtures/hostile/expected.tsv` names.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tokenlens() -> Command {
    Command::cargo_bin("tokenlens").expect("binary built")
}

fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn kind(record: &serde_json::Value) -> &str {
    record["error"]["kind"].as_str().unwrap_or("ok")
}

fn expected() -> Vec<(PathBuf, String)> {
    let table = std::fs::read_to_string(root().join("fixtures/hostile/expected.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, kind) = l.split_once('\t').unwrap();
            (root().join("fixtures/hostile").join(name), kind.to_string())
        })
        .collect()
}

#[test]
fn hostile_batch_gives_one_record_per_file_with_its_kind() {
    let expected = expected();
    let out = tokenlens()
        // Lower limits than the defaults, so the bomb fails fast in a debug build.
        .args(["scan", "-q", "--format", "jsonl", "--max-memory", "512"])
        .args(["--max-decompressed", "256"])
        .args(expected.iter().map(|(p, _)| p))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let records = records(&out);
    assert_eq!(records.len(), expected.len());
    for (record, (path, want)) in records.iter().zip(&expected) {
        assert_eq!(record["source"]["path"], path.to_str().unwrap());
        assert_eq!(kind(record), want, "{}", path.display());
    }
    // Recovered files say so.
    let broken = &records[expected
        .iter()
        .position(|(p, _)| p.ends_with("no_trailer.pdf"))
        .unwrap()];
    assert!(broken["warnings"].to_string().contains("damaged PDF"));
}

/// A chain of `depth` Form XObjects, each drawing the next: no cycle, only depth.
fn write_form_chain(path: &Path, depth: usize) {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, body: String| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", offsets.len()).as_bytes());
    };
    // 1: catalog, 2: pages, 3: page, 4: its content, 5..: the forms.
    obj(&mut out, "<< /Type /Catalog /Pages 2 0 R >>".into());
    obj(&mut out, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into());
    obj(
        &mut out,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
        /Resources << /XObject << /Fx 5 0 R >> >> /Contents 4 0 R >>"
            .into(),
    );
    obj(
        &mut out,
        "<< /Length 7 >>\nstream\n/Fx Do\n\nendstream".into(),
    );
    for i in 0..depth {
        let me = 5 + i;
        let body = if i + 1 < depth {
            format!("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /Fx {} 0 R >> >> /Length 7 >>\nstream\n/Fx Do\n\nendstream", me + 1)
        } else {
            "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length 0 >>\nstream\n\nendstream"
                .to_string()
        };
        obj(&mut out, body);
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for off in &offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_form_chain_deeper_than_any_stack_is_cut_and_read_in_process_too() {
    let dir = tempfile::tempdir().unwrap();
    let chain = dir.path().join("chain.pdf");
    write_form_chain(&chain, 60_000);
    for isolation in ["process", "thread"] {
        let out = tokenlens()
            .args(["scan", "-q", "--format", "jsonl", "--isolation", isolation])
            .arg(&chain)
            .arg(root().join("fixtures/hostile/good_s1.htm"))
            .output()
            .unwrap()
            .stdout;
        let records = records(&out);
        assert_eq!(kind(&records[0]), "no_text", "{isolation}: {}", records[0]);
        assert_eq!(kind(&records[1]), "ok");
    }
    // `text` reads in its own process: it must survive the chain too.
    tokenlens()
        .arg("text")
        .arg(&chain)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no text"));
}

#[test]
fn good_files_report_the_same_among_hostile_ones() {
    let good = root().join("fixtures/hostile/good_s1.htm");
    let alone = tokenlens()
        .args(["scan", "-q", "--format", "jsonl"])
        .arg(&good)
        .output()
        .unwrap()
        .stdout;
    let mixed = tokenlens()
        .args(["scan", "-q", "--format", "jsonl", "--max-memory", "512"])
        .arg(root().join("fixtures/hostile/xobject_cycle.pdf"))
        .arg(&good)
        .arg(root().join("fixtures/hostile/random.bin"))
        .output()
        .unwrap()
        .stdout;
    assert_eq!(records(&mixed)[1], records(&alone)[0]);
}

/// The slow PDF takes over 6 s even in a release build; 4 s leaves the good file (a third of a
/// second in a debug build, scanner start included) room on a loaded machine.
#[test]
fn a_slow_file_times_out_and_the_batch_goes_on() {
    let out = tokenlens()
        .args(["scan", "-q", "--format", "jsonl", "--timeout", "4"])
        .arg(root().join("fixtures/slow/many_operators.pdf"))
        .arg(root().join("fixtures/hostile/good_s1.htm"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let records = records(&out);
    assert_eq!(kind(&records[0]), "timeout");
    assert!(records[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--timeout"));
    // A timed-out file is still known by its hash, so --resume does not retry it.
    assert!(records[0]["source"]["sha256"].is_string());
    assert_eq!(kind(&records[1]), "ok");
}

#[test]
fn size_limit_and_odd_paths_get_their_own_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "tokens ".repeat(300_000)).unwrap();
    let mut cmd = tokenlens();
    cmd.args(["scan", "-q", "--format", "jsonl", "--max-size", "1"])
        .arg(&big)
        .arg(dir.path().join("missing.pdf"));
    let mut want = vec!["too_large", "not_found"];
    #[cfg(unix)]
    {
        let sub = dir.path().join("loop");
        std::fs::create_dir(&sub).unwrap();
        std::os::unix::fs::symlink(dir.path(), sub.join("up")).unwrap();
        cmd.arg(&sub);
        want.push("symlink_loop");
        cmd.arg("/dev/null");
        want.push("unsupported");
    }
    let out = cmd.assert().code(1).get_output().stdout.clone();
    let got: Vec<String> = records(&out).iter().map(|r| kind(r).to_string()).collect();
    assert_eq!(got, want);
}

#[cfg(unix)]
#[test]
fn permission_denied_is_its_own_kind() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("locked.htm");
    std::fs::copy(root().join("fixtures/html/sample_s1.htm"), &f).unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&f).is_ok() {
        // Running as root: permissions do not apply, there is nothing to test.
        return;
    }
    let out = tokenlens()
        .args(["scan", "-q", "--format", "jsonl"])
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(kind(&records(&out)[0]), "permission_denied");
}

#[test]
fn thread_isolation_reads_the_same_as_process_isolation() {
    let files: Vec<PathBuf> = expected()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            // What only a worker process survives.
            name != "bomb.pdf"
        })
        .collect();
    let run = |isolation: &str| {
        tokenlens()
            .args(["scan", "-q", "--format", "jsonl", "--isolation", isolation])
            .args(&files)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(records(&run("thread")), records(&run("process")));
}

/// Inputs that fuzzing found to crash or hang a reader, kept as regression cases: each must now
/// read or fail with an ordinary error, in process, well within a time limit.
#[test]
fn fuzz_regressions_read_without_panicking_or_hanging() {
    let dir = root().join("fixtures/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 2);
    let out = tokenlens()
        .args(["scan", "-q", "--format", "jsonl", "--isolation", "thread"])
        .args(&files)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let records = records(&out.stdout);
    assert_eq!(records.len(), files.len());
    for r in &records {
        assert!(
            !matches!(kind(r), "internal" | "crashed" | "timeout"),
            "{r}"
        );
    }
}
