//! `batch` runs the pipeline over many inputs: [`InputsBuilder`] lists them (files, folders,
//! globs, path lists), [`Processor`] turns each into a report or a reason to skip it, and
//! [`for_each_ordered`] runs that on worker threads and hands the results back in input order.
//!
//! The rule of a batch is that nothing the user named is lost: every input ends as a report, an
//! error record or, for files met in a folder walk that are not filings, a counted skip.

mod inputs;
mod isolate;
mod pool;
mod resume;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use crate::error::Error;
use crate::extract::{sha256_hex, sniff, Extractor, Sniffed};
use crate::report::{FilingReport, SourceRecord};
use crate::scan::Scanner;

pub use inputs::{in_shard, Input, InputsBuilder};
pub use isolate::{
    main_stack_suffices, serve, ProcessPool, WorkerConfig, DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_MEMORY,
};
pub use pool::{for_each_ordered, for_each_ordered_by, WORKER_STACK};
pub use resume::Done;

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// The input's report, or its error record.
    Report(Box<FilingReport>),
    /// The input is left out of the output, for the reason given.
    Skipped { path: PathBuf, reason: Skip },
}

/// Why an input was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Found in a folder walk, and its content is not a filing (`"a PNG image"`, `"empty"`).
    NotAFiling(String),
    /// Already reported in the output being resumed.
    AlreadyDone,
}

/// Reads and scans one input at a time; shared by the worker threads of a batch.
///
/// ```
/// use tokenlens::batch::{Input, Outcome, Processor};
/// use tokenlens::extract::ExtractorBuilder;
/// use tokenlens::scan::Scanner;
///
/// let processor = Processor::new(ExtractorBuilder::new().build(), Scanner::new());
/// let input = Input::File { path: "no/such.pdf".into(), walked: false };
/// match processor.process(&input) {
///     Outcome::Report(r) => assert_eq!(r.error.unwrap().kind, "not_found"),
///     Outcome::Skipped { .. } => unreachable!(),
/// }
/// ```
pub struct Processor {
    extractor: Extractor,
    scanner: Ready<Scanner>,
    done: Option<Done>,
    max_size: u64,
}

/// The default largest input read (`--max-size`): 512 MiB, ten times the largest filing seen.
pub const DEFAULT_MAX_SIZE: u64 = 512 * 1024 * 1024;

impl Processor {
    pub fn new(extractor: Extractor, scanner: Scanner) -> Processor {
        Processor {
            extractor,
            scanner: Ready::now(scanner),
            done: None,
            max_size: DEFAULT_MAX_SIZE,
        }
    }

    /// A processor whose scanner is built on a thread of its own while the first file is read:
    /// compiling the patterns (some 25 ms) then overlaps extraction instead of preceding it.
    /// That thread then warms the scanner up (compiling what is compiled on first use, some 35
    /// ms) while the first file is read and, on a short file, while it is scanned.
    pub fn with_scanner_from(
        extractor: Extractor,
        build: impl FnOnce() -> Scanner + Send + 'static,
    ) -> Processor {
        Processor {
            extractor,
            scanner: Ready::later(build, Scanner::warm_up),
            done: None,
            max_size: DEFAULT_MAX_SIZE,
        }
    }

    /// Refuse files larger than `bytes` with a `too_large` error, before reading them.
    pub fn max_size(mut self, bytes: u64) -> Processor {
        self.max_size = bytes;
        self
    }

    /// Skip the inputs already reported in `done` (see [`Done`]).
    pub fn skip_done(mut self, done: Done) -> Processor {
        self.done = Some(done);
        self
    }

    /// Read, scan and report one input. Never panics: a bug met on an input becomes an
    /// `internal` error record for it.
    pub fn process(&self, input: &Input) -> Outcome {
        self.process_keeping_text(input, false).0
    }

    /// [`Processor::process`], and with `keep_text` the document's clean text too (its pages
    /// joined by line breaks), for callers that search it further (`glossary build`).
    pub fn process_keeping_text(
        &self,
        input: &Input,
        keep_text: bool,
    ) -> (Outcome, Option<String>) {
        let path = input.path();
        match catch_unwind(AssertUnwindSafe(|| self.process_inner(input, keep_text))) {
            Ok(done) => done,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panicked".to_string());
                let error = Error::Internal {
                    path: path.to_path_buf(),
                    message,
                };
                (
                    Outcome::Report(Box::new(FilingReport::failed(path, &error))),
                    None,
                )
            }
        }
    }

    fn process_inner(&self, input: &Input, keep_text: bool) -> (Outcome, Option<String>) {
        let (path, walked) = match input {
            Input::File { path, walked } => (path.as_path(), *walked),
            Input::Failed(e) => return (self.unreadable(e), None),
        };
        let bytes = match read(path, self.max_size) {
            Ok(bytes) => bytes,
            Err(e) => return (self.unreadable(&e), None),
        };
        let sniffed = sniff(&bytes);
        if walked {
            let why = match &sniffed {
                _ if bytes.is_empty() => Some("empty".to_string()),
                Sniffed::Other(what) => Some(what.clone()),
                Sniffed::Filing(_) => None,
            };
            if let Some(why) = why {
                return (skipped(path, Skip::NotAFiling(why)), None);
            }
        }
        let sha256 = sha256_hex(&bytes);
        if self.done.as_ref().is_some_and(|d| d.has_sha256(&sha256)) {
            return (skipped(path, Skip::AlreadyDone), None);
        }
        let source = source_record(path, &sniffed, bytes.len(), &sha256);
        let mut text = None;
        let report = match self.extractor.extract_hashed(path, bytes, sha256) {
            Ok(doc) => {
                let hits = self.scanner.get().scan(&doc);
                if keep_text {
                    let pages: Vec<&str> = doc.pages.iter().map(|p| p.text.as_str()).collect();
                    text = Some(pages.join("\n"));
                }
                FilingReport::new(&doc, hits)
            }
            Err(e) => FilingReport::failed_source(source, &e),
        };
        (Outcome::Report(Box::new(report)), text)
    }

    /// An input that could not be read at all; resumed runs skip it when it was reported so.
    fn unreadable(&self, error: &Error) -> Outcome {
        unreadable(self.done.as_ref(), error)
    }
}

/// The record of an input that could not be read at all, or a skip when a resumed run
/// already reported it so (known by its path, as it has no hash).
fn unreadable(done: Option<&Done>, error: &Error) -> Outcome {
    let path = error.path();
    if done.is_some_and(|d| d.has_unread(path)) {
        return skipped(path, Skip::AlreadyDone);
    }
    Outcome::Report(Box::new(FilingReport::failed(path, error)))
}

/// Provenance of a file that was read, for its report or its error record.
fn source_record(path: &Path, sniffed: &Sniffed, bytes: usize, sha256: &str) -> SourceRecord {
    SourceRecord {
        path: path.to_path_buf(),
        format: match sniffed {
            Sniffed::Filing(format) => Some(*format),
            Sniffed::Other(_) => None,
        },
        bytes: Some(bytes as u64),
        sha256: Some(sha256.to_string()),
    }
}

/// A value being built on another thread, and that thread.
type Building<T> = (mpsc::Receiver<Arc<T>>, std::thread::JoinHandle<()>);

/// A value that is either here or being built on another thread.
struct Ready<T> {
    value: std::sync::OnceLock<Arc<T>>,
    /// The value once built, and the thread that built it: it may go on using the value
    /// (`then`), and its panic, if building panicked, is the one to raise.
    pending: std::sync::Mutex<Option<Building<T>>>,
}

impl<T: Send + Sync + 'static> Ready<T> {
    fn now(value: T) -> Ready<T> {
        Ready {
            value: std::sync::OnceLock::from(Arc::new(value)),
            pending: std::sync::Mutex::new(None),
        }
    }

    /// `build` on a thread of its own, which then runs `then` on the value, while the value
    /// is already available to [`Ready::get`].
    fn later(
        build: impl FnOnce() -> T + Send + 'static,
        then: impl FnOnce(&T) + Send + 'static,
    ) -> Ready<T> {
        let (tx, rx) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            let value = Arc::new(build());
            let _ = tx.send(Arc::clone(&value));
            then(&value);
        });
        Ready {
            value: std::sync::OnceLock::new(),
            pending: std::sync::Mutex::new(Some((rx, handle))),
        }
    }

    fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let (rx, handle) = self
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .expect("a value or a thread building it");
            match rx.recv() {
                Ok(value) => value,
                // Nothing sent: building panicked.
                Err(_) => match handle.join() {
                    Err(panic) => std::panic::resume_unwind(panic),
                    Ok(()) => unreachable!("the builder sends before it returns"),
                },
            }
        })
    }
}

fn skipped(path: &Path, reason: Skip) -> Outcome {
    Outcome::Skipped {
        path: path.to_path_buf(),
        reason,
    }
}

/// Read a regular file of at most `max_size` bytes. Devices, pipes and sockets are refused: a
/// path such as `/dev/zero` would never end.
pub(crate) fn read(path: &Path, max_size: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(Error::Unsupported {
            path: path.to_path_buf(),
            what: "not a regular file (a device, pipe or socket)".to_string(),
        });
    }
    if meta.len() > max_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
            limit: max_size,
        });
    }
    // Bounded even if the file grows while it is read.
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
            limit: max_size,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ExtractorBuilder;

    fn processor() -> Processor {
        Processor::new(ExtractorBuilder::new().build(), Scanner::new())
    }

    fn report(outcome: Outcome) -> FilingReport {
        match outcome {
            Outcome::Report(r) => *r,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn walked_files_that_are_not_filings_are_skipped_named_ones_fail() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("logo.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nxxxx").unwrap();
        let walked = Input::File {
            path: png.clone(),
            walked: true,
        };
        assert!(matches!(
            processor().process(&walked),
            Outcome::Skipped { reason: Skip::NotAFiling(w), .. } if w == "a PNG image"
        ));
        let named = Input::File {
            path: png,
            walked: false,
        };
        let r = report(processor().process(&named));
        assert_eq!(r.error.unwrap().kind, "unsupported");
        // A file that was read carries its hash even when it fails, so a resumed run knows it.
        assert_eq!(r.source.bytes, Some(12));
        assert!(r.source.sha256.is_some());
    }

    #[test]
    fn done_inputs_are_skipped_by_hash_and_unreadable_ones_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "We processed 2 trillion tokens.").unwrap();
        let input = Input::File {
            path: f.clone(),
            walked: false,
        };
        let first = report(processor().process(&input));
        let missing = Input::File {
            path: dir.path().join("gone.pdf"),
            walked: false,
        };
        let gone = report(processor().process(&missing));
        let mut done = Done::default();
        done.insert(&first.source);
        done.insert(&gone.source);
        let again = processor().skip_done(done);
        assert!(matches!(
            again.process(&input),
            Outcome::Skipped {
                reason: Skip::AlreadyDone,
                ..
            }
        ));
        assert!(matches!(
            again.process(&missing),
            Outcome::Skipped {
                reason: Skip::AlreadyDone,
                ..
            }
        ));
        // The same content under another name is the same filing.
        let copy = dir.path().join("b.txt");
        std::fs::copy(&f, &copy).unwrap();
        let copy = Input::File {
            path: copy,
            walked: false,
        };
        assert!(matches!(again.process(&copy), Outcome::Skipped { .. }));
    }
}
