//! `tokenlens glossary`: the term lists.

use std::io::Write;

use anyhow::Result;
use tokenlens::glossary::{Glossary, GlossaryBuilder};

use super::args::{GlossaryListArgs, ListFormat, TermArgs};
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

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
