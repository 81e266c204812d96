//! `tokenlens glossary`: the term lists.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use tokenlens::batch::{self, Input, InputsBuilder};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::glossary::{Glossary, GlossaryBuilder, GlossaryMerger};
use tokenlens::report::{csv_field, ErrorRecord, FilingError, GlossaryOutput};
use tokenlens::scan::{Scanner, Term};

use super::args::{GlossaryBuildArgs, GlossaryFormat, GlossaryListArgs, ListFormat, TermArgs};
use super::output::Destination;
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
    let mut inputs = InputsBuilder::new();
    for path in &args.paths {
        inputs.add(path);
    }
    let inputs = inputs.build();
    let jobs = args
        .jobs
        .map(|j| j as usize)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut merger = GlossaryMerger::new();
    let mut filings = Vec::new();
    let mut errors = Vec::new();
    // Each worker hands back the terms and the text they are counted in (None for an input
    // that failed before reading, or a file met in a folder that is not a filing); the merge
    // runs in input order on this thread.
    let read = |input: &Input| -> Option<Result<(Vec<Term>, String), tokenlens::Error>> {
        let Input::File { path, walked } = input else {
            return None;
        };
        match extractor.extract_path(path) {
            Ok(doc) => {
                let terms = scanner.scan(&doc).terms;
                let text = doc
                    .pages
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                Some(Ok((terms, text)))
            }
            Err(e) if *walked && matches!(e.kind(), "unsupported" | "empty") => None,
            Err(e) => Some(Err(e)),
        }
    };
    let failure = |path: PathBuf, e: &tokenlens::Error| {
        eprintln!("tokenlens: {e}");
        FilingError {
            path,
            error: ErrorRecord {
                kind: e.kind().to_string(),
                message: e.to_string(),
            },
        }
    };
    batch::for_each_ordered(
        &inputs,
        jobs,
        |_, input| read(input),
        |i, result| {
            let path = inputs[i].path().to_path_buf();
            match (result, &inputs[i]) {
                (Some(Ok((terms, text))), _) => {
                    if !args.quiet {
                        eprintln!(
                            "tokenlens: {}: {} defined terms",
                            path.display(),
                            terms.len()
                        );
                    }
                    merger.add(path.clone(), &terms, text);
                    filings.push(path);
                }
                (Some(Err(e)), _) => errors.push(failure(path, &e)),
                (None, Input::Failed(e)) => errors.push(failure(path, e)),
                (None, Input::File { .. }) => {}
            }
            Ok::<(), anyhow::Error>(())
        },
    )?;
    let failed = !errors.is_empty();
    let output = GlossaryOutput::new(filings, errors, merger.finish());
    let dest = Destination::new(args.output.as_deref());
    let mut out = dest.open()?;
    match format {
        GlossaryFormat::Json => output.write_json(&mut out),
        GlossaryFormat::Csv => output.write_csv(&mut out),
        GlossaryFormat::Md => output.write_markdown(&mut out),
    }
    .and_then(|()| out.flush())
    .with_context(|| match dest.file_path() {
        Some(p) => format!("cannot write {}", p.display()),
        None => "cannot write the glossary".to_string(),
    })?;
    drop(out);
    dest.commit()?;
    Ok(if failed {
        ExitCode::GeneralError
    } else {
        ExitCode::Success
    })
}
