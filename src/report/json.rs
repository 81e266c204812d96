//! The v1 JSON document, written as a stream: the header first, then each filing as soon as it
//! is ready, so a batch never holds all reports in memory.

use std::io::{self, Write};

use super::{tool_name, FilingReport, SCHEMA_VERSION};

/// Writes `{"schema_version":1,"tool":...,"filings":[...]}` one filing at a time.
///
/// ```
/// use tokenlens::report::JsonWriter;
///
/// let mut out = Vec::new();
/// let writer = JsonWriter::new(&mut out, false).unwrap();
/// writer.finish().unwrap();
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["schema_version"], 1);
/// assert_eq!(v["filings"].as_array().unwrap().len(), 0);
/// ```
pub struct JsonWriter<W: Write> {
    out: W,
    pretty: bool,
    count: usize,
}

impl<W: Write> JsonWriter<W> {
    /// Start the document. `pretty` indents it for people.
    pub fn new(mut out: W, pretty: bool) -> io::Result<JsonWriter<W>> {
        let tool = serde_json::to_string(&tool_name())?;
        if pretty {
            write!(
                out,
                "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"tool\": {tool},\n  \"filings\": ["
            )?;
        } else {
            write!(
                out,
                "{{\"schema_version\":{SCHEMA_VERSION},\"tool\":{tool},\"filings\":["
            )?;
        }
        Ok(JsonWriter {
            out,
            pretty,
            count: 0,
        })
    }

    /// Append one filing's report.
    pub fn write(&mut self, report: &FilingReport) -> io::Result<()> {
        if self.count > 0 {
            self.out.write_all(b",")?;
        }
        if self.pretty {
            let body = serde_json::to_string_pretty(report)?;
            self.out.write_all(b"\n    ")?;
            self.out
                .write_all(body.replace('\n', "\n    ").as_bytes())?;
        } else {
            serde_json::to_writer(&mut self.out, report)?;
        }
        self.count += 1;
        Ok(())
    }

    /// Close the document and flush.
    pub fn finish(mut self) -> io::Result<W> {
        if self.pretty {
            if self.count > 0 {
                self.out.write_all(b"\n  ")?;
            }
            self.out.write_all(b"]\n}\n")?;
        } else {
            self.out.write_all(b"]}\n")?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}
