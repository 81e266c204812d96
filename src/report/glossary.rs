//! Writers for a glossary merged across filings: JSON, CSV (one row per definition) and
//! Markdown that reads as a glossary.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::glossary::MergedTerm;

use super::{csv_field, tool_name, ErrorRecord, SCHEMA_VERSION};

/// The merged glossary document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryOutput {
    pub schema_version: u32,
    pub tool: String,
    /// The filings read, in input order.
    #[serde(serialize_with = "crate::util::paths_lossy")]
    pub filings: Vec<PathBuf>,
    /// Inputs that could not be read.
    pub errors: Vec<FilingError>,
    pub terms: Vec<MergedTerm>,
}

/// An input of a glossary build that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingError {
    #[serde(serialize_with = "crate::util::path_lossy")]
    pub path: PathBuf,
    pub error: ErrorRecord,
}

impl GlossaryOutput {
    pub fn new(filings: Vec<PathBuf>, errors: Vec<FilingError>, terms: Vec<MergedTerm>) -> Self {
        GlossaryOutput {
            schema_version: SCHEMA_VERSION,
            tool: tool_name(),
            filings,
            errors,
            terms,
        }
    }

    pub fn write_json<W: Write>(&self, mut out: W) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")
    }

    /// One row per distinct definition: the columns a spreadsheet wants.
    pub fn write_csv<W: Write>(&self, mut out: W) -> io::Result<()> {
        writeln!(
            out,
            "term,aliases,definition,defined_in,sources,filings_defining,filings_using,conflict"
        )?;
        for t in &self.terms {
            let rows: Vec<(&str, String, String)> = if t.definitions.is_empty() {
                vec![("", String::new(), String::new())]
            } else {
                t.definitions
                    .iter()
                    .map(|d| {
                        let places = d
                            .places
                            .iter()
                            .map(|p| format!("{}:{}", p.path.display(), p.page))
                            .collect::<Vec<_>>()
                            .join("; ");
                        let mut sources: Vec<&str> =
                            d.places.iter().map(|p| p.source.as_str()).collect();
                        sources.sort_unstable();
                        sources.dedup();
                        (d.text.as_str(), places, sources.join("; "))
                    })
                    .collect()
            };
            for (definition, places, sources) in rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    csv_field(&t.term),
                    csv_field(&t.aliases.join("; ")),
                    csv_field(definition),
                    csv_field(&places),
                    csv_field(&sources),
                    t.filings_defining,
                    t.filings_using,
                    t.conflict
                )?;
            }
        }
        Ok(())
    }

    /// A glossary for people: terms in order, each with its definitions and where they come
    /// from; terms defined differently are marked.
    pub fn write_markdown<W: Write>(&self, mut out: W) -> io::Result<()> {
        writeln!(out, "# Glossary\n")?;
        writeln!(
            out,
            "{} terms defined in {} filings. Built by {}.\n",
            self.terms.len(),
            self.filings.len(),
            self.tool
        )?;
        let mut letter = None;
        for t in &self.terms {
            let first = t.key.chars().next().map(|c| {
                if c.is_ascii_alphabetic() {
                    c.to_ascii_uppercase()
                } else {
                    '#'
                }
            });
            if first != letter {
                letter = first;
                if let Some(l) = first {
                    writeln!(out, "## {l}\n")?;
                }
            }
            let aliases = if t.aliases.is_empty() {
                String::new()
            } else {
                format!(" ({})", t.aliases.join(", "))
            };
            let usage = format!(
                "defined in {} filing{}, used in {}",
                t.filings_defining,
                if t.filings_defining == 1 { "" } else { "s" },
                t.filings_using
            );
            match t.definitions.as_slice() {
                [] => writeln!(
                    out,
                    "**{}**{} — _no definition text_ ({usage})\n",
                    md(&t.term),
                    md(&aliases)
                )?,
                [d] => writeln!(
                    out,
                    "**{}**{} — {} _({}; {usage})_\n",
                    md(&t.term),
                    md(&aliases),
                    md(&d.text),
                    places(d)
                )?,
                many => {
                    let how = if t.conflict {
                        format!("defined {} different ways", many.len())
                    } else {
                        format!("{} definitions, each adding to a shorter one", many.len())
                    };
                    writeln!(
                        out,
                        "**{}**{} — {how} ({usage}):\n",
                        md(&t.term),
                        md(&aliases),
                    )?;
                    for d in many {
                        writeln!(out, "- {} _({})_", md(&d.text), places(d))?;
                    }
                    writeln!(out)?;
                }
            }
        }
        if !self.errors.is_empty() {
            writeln!(out, "## Filings that could not be read\n")?;
            for e in &self.errors {
                writeln!(out, "- `{}`: {}", e.path.display(), md(&e.error.message))?;
            }
        }
        Ok(())
    }
}

fn places(d: &crate::glossary::Definition) -> String {
    let names: Vec<String> = d
        .places
        .iter()
        .map(|p| {
            let name = p.path.file_name().map_or_else(
                || p.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!("{name} p. {}", p.page)
        })
        .collect();
    if names.len() > 4 {
        format!("{} and {} more", names[..4].join(", "), names.len() - 4)
    } else {
        names.join(", ")
    }
}

/// Escape the characters Markdown would read as markup.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
