//! XLSX: one workbook with a sheet per [`Table`] (Filings, Metrics, Terms, Mentions, Errors).
//! Numbers are written as numbers, the header row is frozen, columns have widths and every
//! table has an autofilter.
//!
//! Sheets are written in rust_xlsxwriter's constant-memory mode (rows stream to temporary
//! files), so a workbook of a whole corpus does not sit in memory. A sheet that reaches Excel's
//! row limit goes on in a new sheet ("Metrics 2").

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Cell, FilingReport, Table};

/// Excel's limits: rows per sheet and characters per cell.
const MAX_ROWS: u32 = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;

struct Sheet {
    table: Table,
    /// Index of the workbook sheet being written.
    index: usize,
    /// Sheets used so far for this table.
    parts: u32,
    /// Next row to write (row 0 is the header).
    row: u32,
}

/// Writes reports into a workbook, saved by [`XlsxWriter::save`].
pub struct XlsxWriter {
    workbook: Workbook,
    sheets: Vec<Sheet>,
    header: Format,
}

impl XlsxWriter {
    pub fn new() -> Result<XlsxWriter, XlsxError> {
        let mut writer = XlsxWriter {
            workbook: Workbook::new(),
            sheets: Vec::new(),
            header: Format::new().set_bold(),
        };
        for table in Table::ALL {
            let index = writer.add_sheet(table, 1)?;
            writer.sheets.push(Sheet {
                table,
                index,
                parts: 1,
                row: 1,
            });
        }
        Ok(writer)
    }

    /// Append one report's rows to every sheet.
    pub fn write(&mut self, report: &FilingReport) -> Result<(), XlsxError> {
        for s in 0..self.sheets.len() {
            let table = self.sheets[s].table;
            for row in table.rows(report) {
                if self.sheets[s].row == MAX_ROWS {
                    self.finish_sheet(s)?;
                    let parts = self.sheets[s].parts + 1;
                    let index = self.add_sheet(table, parts)?;
                    let sheet = &mut self.sheets[s];
                    (sheet.index, sheet.parts, sheet.row) = (index, parts, 1);
                }
                let sheet = &mut self.sheets[s];
                let ws = self.workbook.worksheet_from_index(sheet.index)?;
                write_row(ws, sheet.row, &row)?;
                sheet.row += 1;
            }
        }
        Ok(())
    }

    /// Write the workbook to `path`.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        for s in 0..self.sheets.len() {
            self.finish_sheet(s)?;
        }
        self.workbook.save(path)
    }

    /// The workbook as bytes (for standard output).
    pub fn into_bytes(mut self) -> Result<Vec<u8>, XlsxError> {
        for s in 0..self.sheets.len() {
            self.finish_sheet(s)?;
        }
        self.workbook.save_to_buffer()
    }

    fn add_sheet(&mut self, table: Table, part: u32) -> Result<usize, XlsxError> {
        let header = self.header.clone();
        let ws = self.workbook.add_worksheet_with_constant_memory()?;
        let name = match part {
            1 => table.name().to_string(),
            n => format!("{} {n}", table.name()),
        };
        ws.set_name(name)?;
        for (c, column) in table.columns().iter().enumerate() {
            ws.set_column_width(c as u16, column.width)?;
            ws.write_string_with_format(0, c as u16, column.name, &header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(self.workbook.worksheets().len() - 1)
    }

    /// Put the autofilter over the rows written.
    fn finish_sheet(&mut self, s: usize) -> Result<(), XlsxError> {
        let sheet = &self.sheets[s];
        let last_col = sheet.table.columns().len() as u16 - 1;
        let ws = self.workbook.worksheet_from_index(sheet.index)?;
        ws.autofilter(0, 0, sheet.row - 1, last_col)?;
        Ok(())
    }
}

fn write_row(ws: &mut Worksheet, row: u32, cells: &[Cell<'_>]) -> Result<(), XlsxError> {
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match cell {
            Cell::Text(s) if s.is_empty() => {}
            Cell::Text(s) => {
                let s = match s.char_indices().nth(MAX_CELL_CHARS) {
                    Some((cut, _)) => &s[..cut],
                    None => s,
                };
                ws.write_string(row, c, s)?;
            }
            Cell::Number(n) if n.is_finite() => {
                ws.write_number(row, c, *n)?;
            }
            Cell::Number(n) => {
                ws.write_string(row, c, n.to_string())?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}
