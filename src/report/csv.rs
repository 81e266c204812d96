//! CSV: one table (metrics, terms, mentions, filings or errors) with a fixed header, one flat row
//! per fact, quoted as RFC 4180 says.
//!
//! The metric, term and mention tables end with `error_kind` and `error` columns: an input
//! that failed gets one row there with its path and its error, so a CSV holds every input of
//! the batch, as rows or as an error row.

use std::io::{self, Write};

use super::{Cell, FilingReport, Table};

/// Writes the rows of one [`Table`] for each report, header first.
///
/// ```
/// use tokenlens::report::{CsvWriter, Table};
///
/// let mut out = Vec::new();
/// CsvWriter::new(&mut out, Table::Metrics).unwrap().finish().unwrap();
/// let header = String::from_utf8(out).unwrap();
/// assert!(header.starts_with("path,company,form_type,kind,value,unit,currency,per,"));
/// assert!(header.trim_end().ends_with(",error_kind,error"));
/// ```
pub struct CsvWriter<W: Write> {
    out: W,
    table: Table,
    line: String,
}

impl<W: Write> CsvWriter<W> {
    /// Start the table: writes the header row.
    pub fn new(mut out: W, table: Table) -> io::Result<CsvWriter<W>> {
        let mut names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        if error_columns(table) {
            names.extend(["error_kind", "error"]);
        }
        writeln!(out, "{}", names.join(","))?;
        Ok(CsvWriter {
            out,
            table,
            line: String::new(),
        })
    }

    /// Append one report's rows.
    pub fn write(&mut self, report: &FilingReport) -> io::Result<()> {
        let extra = error_columns(self.table);
        for row in self.table.rows(report) {
            self.row(&row, extra.then_some(["", ""]))?;
        }
        if let (true, Some(e)) = (extra, &report.error) {
            let width = self.table.columns().len();
            let mut row = vec![Cell::Empty; width];
            row[0] = Cell::Text(report.source.path.to_string_lossy());
            self.row(&row, Some([e.kind.as_str(), e.message.as_str()]))?;
        }
        Ok(())
    }

    /// Flush and hand back the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }

    fn row(&mut self, cells: &[Cell<'_>], tail: Option<[&str; 2]>) -> io::Result<()> {
        use std::fmt::Write as _;
        self.line.clear();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            match cell {
                Cell::Text(s) => push_field(&mut self.line, s),
                Cell::Number(n) => {
                    let _ = write!(self.line, "{n}");
                }
                Cell::Empty => {}
            }
        }
        for s in tail.into_iter().flatten() {
            self.line.push(',');
            push_field(&mut self.line, s);
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }
}

fn error_columns(table: Table) -> bool {
    matches!(table, Table::Metrics | Table::Terms | Table::Mentions)
}

fn push_field(line: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&s.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(s);
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_field(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
