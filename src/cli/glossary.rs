//! `tokenlens glossary`: the term lists.

use std::io::Write;

use anyhow::{Context, Result};
use tokenlens::batch::{self, InputsBuilder, Outcome};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::glossary::{Glossary, GlossaryBuilder, GlossaryMerger};
use tokenlens::report::{csv_field, FilingError, GlossaryOutput};

use super::args::{GlossaryBuildArgs, GlossaryFormat, GlossaryListArgs, ListFormat, TermArgs};
use super::engine::Engine;
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
    let no_terms = TermArgs {
        files: Vec::new(),
        no_builtin_glossary: false,
    };
    let engine = Engine::new(&args.limits, &args.read, &no_terms, extractor, None)?;
    let mut inputs = InputsBuilder::new();
    for path in &args.paths {
        inputs.add(path);
    }
    let inputs = inputs.build();
    let jobs = super::engine::jobs(args.jobs);
    let mut merger = GlossaryMerger::new();
    let mut filings = Vec::new();
    let mut errors = Vec::new();
    // Each file is read (in a worker process by default) with its clean text kept: the merge
    // counts which filings use each term. The merge runs in input order on this thread.
    batch::for_each_ordered_by(
        &inputs,
        jobs,
        batch::Input::size,
        |_, input| engine.process_keeping_text(input, true),
        |_, (outcome, text)| {
            let report = match outcome {
                Outcome::Report(report) => report,
                Outcome::Skipped { .. } => return Ok(()),
            };
            let path = report.source.path.clone();
            match &report.error {
                None => {
                    if !args.quiet {
                        eprintln!(
                            "tokenlens: {}: {} defined terms",
                            path.display(),
                            report.terms.len()
                        );
                    }
                    merger.add(path.clone(), &report.terms, text.unwrap_or_default());
                    filings.push(path);
                }
                Some(error) => {
                    eprintln!("tokenlens: {}", error.message);
                    errors.push(FilingError {
                        path,
                        error: error.clone(),
                    });
                }
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
