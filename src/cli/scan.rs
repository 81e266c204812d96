//! `tokenlens scan`: the analysis report for one or more filings.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::report::{FilingReport, JsonWriter};
use tokenlens::scan::Scanner;

use super::args::{OutputFormat, ScanArgs};
use super::ExitCode;

pub fn run(args: ScanArgs) -> Result<ExitCode> {
    let extractor = ExtractorBuilder::new()
        .password(args.read.password.clone())
        .build();
    let scanner = Scanner::with_glossary(super::glossary::load(&args.terms)?);
    let show_progress = !args.quiet && args.paths.len() > 1 && std::io::stderr().is_terminal();
    let bar = if show_progress {
        let bar = ProgressBar::new(args.paths.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files  {elapsed}  {wide_msg}")
                .expect("valid template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };

    let OutputFormat::Json = args.format;
    let mut writer = JsonWriter::new(super::stdout(), args.pretty)?;
    let mut failed = 0usize;
    for path in &args.paths {
        bar.set_message(path.display().to_string());
        let report = match extractor.extract_path(path) {
            Ok(doc) => {
                if !args.quiet {
                    for w in &doc.warnings {
                        let line = match w.page {
                            Some(p) => format!("{}: page {p}: {}", path.display(), w.message),
                            None => format!("{}: {}", path.display(), w.message),
                        };
                        bar.suspend(|| eprintln!("tokenlens: warning: {line}"));
                    }
                }
                // A bug in a finder must not take the batch down with it.
                let scanned =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scanner.scan(&doc)));
                match scanned {
                    Ok(hits) => FilingReport::new(&doc, hits),
                    Err(panic) => {
                        failed += 1;
                        let message = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "scanner panicked".to_string());
                        let e = tokenlens::Error::Internal {
                            path: path.clone(),
                            message,
                        };
                        bar.suspend(|| eprintln!("tokenlens: {e}"));
                        FilingReport::failed(path, &e)
                    }
                }
            }
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("tokenlens: {e}"));
                FilingReport::failed(path, &e)
            }
        };
        writer.write(&report)?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut out = writer.finish()?;
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::GeneralError
    } else {
        ExitCode::Success
    })
}
