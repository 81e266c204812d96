//! JSON Lines: one filing report a line, each self-contained (`type`, `schema_version`, `tool`,
//! `source` with path and sha256), so the output of many runs and many machines concatenates
//! into one valid file.

use std::io::{self, Write};

use serde::Serialize;

use super::{tool_name, FilingReport, SCHEMA_VERSION};

/// The record type tag of a filing line (`"type":"filing"`).
pub const FILING_RECORD: &str = "filing";

#[derive(Serialize)]
struct Line<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    schema_version: u32,
    tool: &'a str,
    #[serde(flatten)]
    report: &'a FilingReport,
}

/// Writes one line per report.
///
/// ```
/// use tokenlens::report::{FilingReport, JsonlWriter};
/// use tokenlens::Error;
///
/// let mut out = Vec::new();
/// let mut w = JsonlWriter::new(&mut out);
/// let missing = Error::NotFound { path: "a.pdf".into() };
/// w.write(&FilingReport::failed("a.pdf".as_ref(), &missing)).unwrap();
/// w.finish().unwrap();
/// let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(line["type"], "filing");
/// assert_eq!(line["schema_version"], 1);
/// assert_eq!(line["error"]["kind"], "not_found");
/// ```
pub struct JsonlWriter<W: Write> {
    out: W,
    tool: String,
    buf: Vec<u8>,
    flush_each: bool,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> JsonlWriter<W> {
        JsonlWriter {
            out,
            tool: tool_name(),
            buf: Vec::new(),
            flush_each: false,
        }
    }

    /// Flush after every line, so that a run killed midway leaves only whole lines of the
    /// filings it finished (what `--resume` relies on).
    pub fn flush_each_line(mut self, yes: bool) -> JsonlWriter<W> {
        self.flush_each = yes;
        self
    }

    /// Append one report as one line, written with a single `write_all`.
    pub fn write(&mut self, report: &FilingReport) -> io::Result<()> {
        self.buf.clear();
        let line = Line {
            kind: FILING_RECORD,
            schema_version: SCHEMA_VERSION,
            tool: &self.tool,
            report,
        };
        serde_json::to_writer(&mut self.buf, &line)?;
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)?;
        if self.flush_each {
            self.out.flush()?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}
