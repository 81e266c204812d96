//! `tokenlens glossary`: the term lists.

use std::io::Write;

use anyhow::{Context, Result};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::glossary::{Glossary, GlossaryBuilder, GlossaryMerger};
use tokenlens::report::{csv_field, ErrorRecord, FilingError, GlossaryOutput};
use tokenlens::scan::Scanner;

use super::args::{GlossaryBuildArgs, GlossaryFormat, GlossaryListArgs, ListFormat, TermArgs};
use super::{ExitCode, UsageError};

/// The term lists the user asked for: built-in unless left out, plus their files. A list that
/// cannot be read or parsed is a usage error naming the file and line.
pub fn load(args: &TermArgs) -> Result<Glossary> {
    let mut builder = GlossaryBuilder::new();
    builder.builtin(!args.no_builtin_glossary);
    for f in &args.files {
        builder.file(f);
    }
    builder
        .build()
        .map_err(|e| UsageError(e.to_string()).into())
}

pub fn list(args: GlossaryListArgs) -> Result<ExitCode> {
    let glossary = load(&args.terms)?;
    let mut out = super::stdout();
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, glossary.entries())?;
            out.write_all(b"\n")?;
        }
        ListFormat::Csv => {
            writeln!(out, "term,category,aliases,definition")?;
            for e in glossary.entries() {
                writeln!(
                    out,
                    "{},{},{},{}",
                    csv_field(&e.term),
                    csv_field(&e.category),
                    csv_field(&e.aliases.join("; ")),
                    csv_field(&e.definition)
                )?;
            }
        }
        ListFormat::Text => {
            for e in glossary.entries() {
                if e.aliases.is_empty() {
                    writeln!(out, "{}\t{}", e.term, e.category)?;
                } else {
                    writeln!(out, "{}\t{}\t{}", e.term, e.category, e.aliases.join(", "))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::Success)
}

/// `tokenlens glossary build`: read every filing, merge the terms they define.
pub fn build(args: GlossaryBuildArgs) -> Result<ExitCode> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => GlossaryFormat::Csv,
            Some("md" | "markdown") => GlossaryFormat::Md,
            Some("json") | None => GlossaryFormat::Json,
            Some(other) => {
                return Err(UsageError(format!(
                    "cannot tell the format from .{other}: use --format json|csv|md"
                ))
                .into())
            }
        },
        (None, None) => GlossaryFormat::Json,
    };
    let extractor = ExtractorBuilder::new()
        .password(args.read.password.clone())
        .build();
    let scanner = Scanner::new();
    let mut merger = GlossaryMerger::new();
    let mut filings = Vec::new();
    let mut errors = Vec::new();
    for path in &args.paths {
        match extractor.extract_path(path) {
            Ok(doc) => {
                let terms = scanner.scan(&doc).terms;
                let text = doc
                    .pages
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                if !args.quiet {
                    eprintln!(
                        "tokenlens: {}: {} defined terms",
                        path.display(),
                        terms.len()
                    );
                }
                merger.add(path.clone(), &terms, text);
                filings.push(path.clone());
            }
            Err(e) => {
                eprintln!("tokenlens: {e}");
                errors.push(FilingError {
                    path: path.clone(),
                    error: ErrorRecord {
                        kind: e.kind().to_string(),
                        message: e.to_string(),
                    },
                });
            }
        }
    }
    let failed = !errors.is_empty();
    let output = GlossaryOutput::new(filings, errors, merger.finish());
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match format {
            GlossaryFormat::Json => output.write_json(&mut *out),
            GlossaryFormat::Csv => output.write_csv(&mut *out),
            GlossaryFormat::Md => output.write_markdown(&mut *out),
        }
    };
    match &args.output {
        Some(path) => {
            // Written beside the target and renamed at the end: an interrupted run never
            // leaves a half-written file under the final name.
            let tmp = path.with_extension(format!(
                "{}.tmp",
                path.extension().and_then(|e| e.to_str()).unwrap_or("out")
            ));
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            let mut w = std::io::BufWriter::new(file);
            write(&mut w).with_context(|| format!("cannot write {}", tmp.display()))?;
            w.flush()?;
            drop(w);
            std::fs::rename(&tmp, path).with_context(|| {
                format!("cannot rename {} to {}", tmp.display(), path.display())
            })?;
        }
        None => {
            let mut out = super::stdout();
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(if failed {
        ExitCode::GeneralError
    } else {
        ExitCode::Success
    })
}
