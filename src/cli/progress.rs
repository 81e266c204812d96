//! The progress bar and the end-of-run summary on stderr. Messages go above the bar (through
//! `suspend`), never through it; with `--quiet`, or when stderr is not a terminal, there is no
//! bar.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokenlens::batch::Skip;
use tokenlens::report::FilingReport;

/// Counts for the summary.
#[derive(Debug, Default)]
pub struct Tally {
    pub ok: usize,
    pub failed: usize,
    pub not_filings: usize,
    pub already_done: usize,
    pub pages: usize,
    pub bytes: u64,
    pub metrics: usize,
    pub terms: usize,
    pub mentions: usize,
}

pub struct Progress {
    bar: ProgressBar,
    quiet: bool,
    started: Instant,
    pub tally: Tally,
}

impl Progress {
    /// A bar over `total` inputs, drawn only when stderr is a terminal, not `quiet`, and there
    /// is more than one input.
    pub fn new(total: usize, quiet: bool) -> Progress {
        let bar = if !quiet && total > 1 && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(8),
            );
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:28} {pos}/{len} files  {prefix}  ETA {eta}  {wide_msg}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            quiet,
            started: Instant::now(),
            tally: Tally::default(),
        }
    }

    /// A handle for worker threads, to show the file being read.
    pub fn bar(&self) -> ProgressBar {
        self.bar.clone()
    }

    /// Print a line above the bar.
    pub fn message(&self, line: &str) {
        self.bar.suspend(|| eprintln!("tokenlens: {line}"));
    }

    /// Account for a finished report and print its error or warnings.
    pub fn report(&mut self, r: &FilingReport) {
        let t = &mut self.tally;
        match &r.error {
            Some(e) => {
                t.failed += 1;
                if !self.quiet {
                    self.message(&e.message);
                }
            }
            None => {
                t.ok += 1;
                t.pages += r.pages;
                t.bytes += r.source.bytes.unwrap_or(0);
                t.metrics += r.metrics.len();
                t.terms += r.terms.len();
                t.mentions += r.mentions.len();
                if !self.quiet {
                    let path = r.source.path.display();
                    for w in &r.warnings {
                        match w.page {
                            Some(p) => {
                                self.message(&format!("warning: {path}: page {p}: {}", w.message))
                            }
                            None => self.message(&format!("warning: {path}: {}", w.message)),
                        }
                    }
                }
            }
        }
        self.step();
    }

    pub fn skipped(&mut self, _path: &Path, reason: &Skip) {
        match reason {
            Skip::NotAFiling(_) => self.tally.not_filings += 1,
            Skip::AlreadyDone => self.tally.already_done += 1,
        }
        self.step();
    }

    fn step(&self) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar
            .set_prefix(format!("{:.0} pages/s", self.tally.pages as f64 / secs));
        self.bar.inc(1);
    }

    /// Clear the bar and print the summary (unless quiet).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let t = &self.tally;
        let secs = self.started.elapsed().as_secs_f64();
        let mut line = format!("{} ok, {} failed", t.ok, t.failed);
        if t.not_filings > 0 {
            line += &format!(", {} skipped (not filings)", t.not_filings);
        }
        if t.already_done > 0 {
            line += &format!(", {} already in the output", t.already_done);
        }
        eprintln!(
            "tokenlens: {line}; {} pages, {} metrics, {} terms, {} mentions; {:.1} s ({:.0} pages/s, {:.1} MB/s)",
            t.pages,
            t.metrics,
            t.terms,
            t.mentions,
            secs,
            t.pages as f64 / secs.max(1e-3),
            t.bytes as f64 / 1e6 / secs.max(1e-3),
        );
    }
}
