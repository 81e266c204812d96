//! Worker processes: each file is read in a child process, so that what `catch_unwind` cannot
//! stop (a stack overflow on a self-referencing PDF, an allocation failure on a decompression
//! bomb, an endless loop) ends that child, not the batch.
//!
//! Children are long-lived: each builds its scanner once and then reads file after file, so the
//! isolation costs a pipe round trip per file, not a process start. The parent sends a path and
//! waits for the report with a deadline (`--timeout`); a child that overruns is killed, a child
//! that dies is replaced, and the file it was reading becomes an error record of kind
//! `timeout`, `out_of_memory`, `decompression_bomb` or `crashed`. Children run under an address
//! space limit (`--max-memory`, `RLIMIT_AS`) so a bomb fails fast instead of swapping the
//! machine.
//!
//! The protocol on the child's stdin and stdout is frames of a 4-byte little-endian length and
//! a payload: first a JSON [`WorkerConfig`], then per file a request (one byte of flags, 1 if the
//! file was met in a folder walk, 2 to have its clean text back, then the path's bytes) answered
//! by a JSON `Reply`.

use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{read, skipped, source_record, Done, Input, Outcome, Processor, Skip};
use crate::error::Error;
use crate::extract::{pdf_inflates_past, sha256_hex, sniff, ExtractorBuilder};
use crate::glossary::GlossaryBuilder;
use crate::report::FilingReport;
use crate::scan::Scanner;

/// What a worker needs to read files as the parent would.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct WorkerConfig {
    /// User password for encrypted PDFs.
    pub password: Option<String>,
    /// Term lists of the user's, added to the built-in ones unless `no_builtin_glossary`.
    pub glossary_files: Vec<PathBuf>,
    pub no_builtin_glossary: bool,
    /// Largest file read, in bytes.
    pub max_size: u64,
    /// Address space limit of the worker, in bytes (0: none).
    pub max_memory: u64,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    /// The report, and the clean text when the request asked for it.
    Report(Box<FilingReport>, Option<String>),
    /// A walked file that is not a filing, and why.
    NotAFiling(String),
}

/// The default address-space limit of a worker process (`--max-memory`).
pub const DEFAULT_MAX_MEMORY: u64 = 2048 * 1024 * 1024;
/// The default limit on one inflated stream when telling a bomb from a big file.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 1024 * 1024 * 1024;

/// Request flags.
const WALKED: u8 = 1;
const KEEP_TEXT: u8 = 2;

/// Frames larger than this are a broken protocol, not a report.
const MAX_FRAME: usize = 1 << 30;

fn write_frame(out: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    out.write_all(&(payload.len() as u32).to_le_bytes())?;
    out.write_all(payload)?;
    out.flush()
}

/// The next frame, or `None` at a clean end of input.
fn read_frame(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut payload = vec![0u8; len];
    input.read_exact(&mut payload)?;
    Ok(Some(payload))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().as_bytes().to_vec()
}

/// The worker's side: read the config, then answer requests until stdin closes. The caller
/// (the binary's hidden `worker` subcommand) runs this on a thread with a large stack.
pub fn serve(input: impl Read, output: impl Write) -> io::Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    let config = read_frame(&mut input)?
        .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "no worker config"))?;
    let config: WorkerConfig = serde_json::from_slice(&config)?;
    limit_address_space(config.max_memory);
    die_with_parent();
    // The term lists were checked by the parent; they load with the scanner, in the background.
    let mut glossary = GlossaryBuilder::new();
    glossary.builtin(!config.no_builtin_glossary);
    for f in &config.glossary_files {
        glossary.file(f);
    }
    let extractor = ExtractorBuilder::new().password(config.password).build();
    let processor = Processor::with_scanner_from(extractor, move || {
        Scanner::with_glossary(glossary.build().expect("term lists checked by the parent"))
    })
    .max_size(config.max_size);
    while let Some(request) = read_frame(&mut input)? {
        let Some((&flags, path)) = request.split_first() else {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "empty request"));
        };
        let input = Input::File {
            path: super::inputs::path_from_bytes(path),
            walked: flags & WALKED != 0,
        };
        let (outcome, text) = processor.process_keeping_text(&input, flags & KEEP_TEXT != 0);
        let reply = match outcome {
            Outcome::Report(report) => Reply::Report(report, text),
            Outcome::Skipped {
                reason: Skip::NotAFiling(why),
                ..
            } => Reply::NotAFiling(why),
            Outcome::Skipped {
                reason: Skip::AlreadyDone,
                ..
            } => unreachable!("workers have no resume set"),
        };
        write_frame(&mut output, &serde_json::to_vec(&reply)?)?;
    }
    Ok(())
}

#[cfg(unix)]
fn limit_address_space(bytes: u64) {
    if bytes == 0 {
        return;
    }
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass and touches nothing else.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_address_space(_bytes: u64) {}

/// Let a worker's main thread grow its stack to [`WORKER_STACK`](super::WORKER_STACK), so the
/// worker reads files on that thread (see [`main_stack_suffices`]). Capped at the hard limit.
#[cfg(unix)]
fn raise_stack_limit(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the child between fork and exec, and only calls getrlimit
    // and setrlimit, which are async-signal-safe and touch only the struct passed.
    unsafe {
        command.pre_exec(|| {
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            let wanted = super::WORKER_STACK as libc::rlim_t;
            if libc::getrlimit(libc::RLIMIT_STACK, &mut limit) == 0
                && limit.rlim_cur != libc::RLIM_INFINITY
                && limit.rlim_cur < wanted
            {
                limit.rlim_cur = if limit.rlim_max == libc::RLIM_INFINITY {
                    wanted
                } else {
                    wanted.min(limit.rlim_max)
                };
                libc::setrlimit(libc::RLIMIT_STACK, &limit);
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn raise_stack_limit(_command: &mut Command) {}

/// Whether this process's main thread may grow its stack to
/// [`WORKER_STACK`](super::WORKER_STACK), as `scan` arranges for its workers: a worker then reads
/// files on its main thread. With glibc that matters: the main thread allocates from the main
/// heap, which grows 128 KiB at a time, while another thread's heap grows by a page or two per
/// `mprotect` call (21,000 calls and 40 ms of system time on a 496-page PDF).
#[cfg(unix)]
pub fn main_stack_suffices() -> bool {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes the struct we pass and touches nothing else.
    let read = unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } == 0;
    read && (limit.rlim_cur == libc::RLIM_INFINITY
        || limit.rlim_cur >= super::WORKER_STACK as libc::rlim_t)
}

/// Whether this process's main thread has room for deep recursion: not known here.
#[cfg(not(unix))]
pub fn main_stack_suffices() -> bool {
    false
}

/// A worker stuck in an endless loop must not outlive a parent killed with SIGKILL.
#[cfg(target_os = "linux")]
fn die_with_parent() {
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and touches no memory.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent() {}

/// One running worker.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: mpsc::Receiver<Vec<u8>>,
    /// The end of what the child printed on stderr (a Rust abort message, say).
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Worker {
    fn spawn(program: &Path, args: &[OsString], config: &[u8]) -> io::Result<Worker> {
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        raise_stack_limit(&mut command);
        let mut child = command.spawn()?;
        let mut stdin = child.stdin.take().expect("piped");
        let mut stdout = child.stdout.take().expect("piped");
        let mut err = child.stderr.take().expect("piped");
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(&mut stdout);
            while let Ok(Some(frame)) = read_frame(&mut stdout) {
                if tx.send(frame).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                t.extend_from_slice(&buf[..n]);
                let excess = t.len().saturating_sub(8192);
                t.drain(..excess);
            }
        });
        write_frame(&mut stdin, config)?;
        Ok(Worker {
            child,
            stdin,
            replies,
            stderr,
        })
    }

    fn stop(mut self) -> Option<ExitStatus> {
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

/// Reads files in worker processes; shared by the threads of a batch, each of which drives one
/// worker at a time.
pub struct ProcessPool {
    program: PathBuf,
    args: Vec<OsString>,
    config: WorkerConfig,
    config_frame: Vec<u8>,
    timeout: Option<Duration>,
    max_decompressed: u64,
    done: Option<Done>,
    /// Idle workers by the thread that started them: a worker is only ever driven by its own
    /// thread, because on Linux it dies with that thread (PR_SET_PDEATHSIG), so that no worker
    /// outlives a killed batch.
    idle: Mutex<Vec<(std::thread::ThreadId, Worker)>>,
}

impl ProcessPool {
    /// Workers are started as `program args...` and must run [`serve`] on their stdin and
    /// stdout (the binary does so for `tokenlens worker`).
    pub fn new(program: PathBuf, args: Vec<OsString>, config: WorkerConfig) -> ProcessPool {
        let config_frame = serde_json::to_vec(&config).expect("config serializes");
        ProcessPool {
            program,
            args,
            config,
            config_frame,
            timeout: None,
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
            done: None,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Stop a file after this long (`None`: no limit).
    pub fn timeout(mut self, timeout: Option<Duration>) -> ProcessPool {
        self.timeout = timeout;
        self
    }

    /// A PDF whose worker ran out of memory is a `decompression_bomb` when one of its streams
    /// inflates past this many bytes, else `out_of_memory`.
    pub fn max_decompressed(mut self, bytes: u64) -> ProcessPool {
        self.max_decompressed = bytes;
        self
    }

    /// Skip the inputs already reported in `done`.
    pub fn skip_done(mut self, done: Done) -> ProcessPool {
        self.done = Some(done);
        self
    }

    /// Read, scan and report one input in a worker process.
    pub fn process(&self, input: &Input) -> Outcome {
        self.process_keeping_text(input, false).0
    }

    /// [`ProcessPool::process`], and with `keep_text` the document's clean text too.
    pub fn process_keeping_text(
        &self,
        input: &Input,
        keep_text: bool,
    ) -> (Outcome, Option<String>) {
        let (path, walked) = match input {
            Input::File { path, walked } => (path.as_path(), *walked),
            Input::Failed(e) => return (self.unreadable(e), None),
        };
        if let Some(done) = &self.done {
            match read(path, self.config.max_size) {
                Ok(bytes) if done.has_sha256(&sha256_hex(&bytes)) => {
                    return (skipped(path, Skip::AlreadyDone), None)
                }
                Ok(_) => {}
                Err(e) => return (self.unreadable(&e), None),
            }
        }
        let flags = if walked { WALKED } else { 0 } | if keep_text { KEEP_TEXT } else { 0 };
        self.ask(path, flags)
    }

    fn ask(&self, path: &Path, flags: u8) -> (Outcome, Option<String>) {
        let mut request = vec![flags];
        request.extend(path_bytes(path));
        // A worker that died while idle fails on the send: start another and try once more.
        let mut worker = None;
        for _ in 0..2 {
            let mut w = match self.checkout() {
                Ok(w) => w,
                Err(e) => {
                    let error = Error::Internal {
                        path: path.to_path_buf(),
                        message: format!("cannot start a worker process: {e}"),
                    };
                    return (failed(error), None);
                }
            };
            if write_frame(&mut w.stdin, &request).is_ok() {
                worker = Some(w);
                break;
            }
            w.stop();
        }
        let Some(worker) = worker else {
            let error = Error::Internal {
                path: path.to_path_buf(),
                message: "worker processes die at start".to_string(),
            };
            return (failed(error), None);
        };
        let reply = match self.timeout {
            Some(t) => worker.replies.recv_timeout(t),
            None => worker
                .replies
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        let outcome = match reply {
            Ok(frame) => match serde_json::from_slice::<Reply>(&frame) {
                Ok(Reply::Report(mut report, text)) => {
                    self.checkin(worker);
                    // The path as we know it, bytes that are not UTF-8 included.
                    report.source.path = path.to_path_buf();
                    return (Outcome::Report(report), text);
                }
                Ok(Reply::NotAFiling(why)) => {
                    self.checkin(worker);
                    skipped(path, Skip::NotAFiling(why))
                }
                Err(e) => {
                    worker.stop();
                    failed(Error::Internal {
                        path: path.to_path_buf(),
                        message: format!("unreadable reply from a worker: {e}"),
                    })
                }
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                worker.stop();
                let error = Error::Timeout {
                    path: path.to_path_buf(),
                    seconds: self.timeout.map_or(0, |t| t.as_secs()),
                };
                failed_file(error, self.config.max_size)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let stderr = Arc::clone(&worker.stderr);
                let status = worker.stop();
                // The stderr thread may still be draining the pipe.
                std::thread::sleep(Duration::from_millis(20));
                let stderr = stderr.lock().map(|s| s.clone()).unwrap_or_default();
                let error = self.crash_error(path, status, &String::from_utf8_lossy(&stderr));
                failed_file(error, self.config.max_size)
            }
        };
        (outcome, None)
    }

    /// What a worker's death means for the file it was reading.
    fn crash_error(&self, path: &Path, status: Option<ExitStatus>, stderr: &str) -> Error {
        let path_buf = path.to_path_buf();
        if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
            let bomb = read(path, self.config.max_size)
                .is_ok_and(|b| pdf_inflates_past(&b, self.max_decompressed));
            return if bomb {
                Error::DecompressionBomb {
                    path: path_buf,
                    limit_mib: self.max_decompressed >> 20,
                }
            } else {
                Error::OutOfMemory {
                    path: path_buf,
                    limit_mib: self.config.max_memory >> 20,
                }
            };
        }
        let message = if stderr.contains("overflowed its stack") {
            "stack overflow (objects nested too deeply, or a reference cycle)".to_string()
        } else {
            let last = stderr
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            let how = match status {
                Some(s) => describe(s),
                None => "it ended".to_string(),
            };
            if last.is_empty() {
                how
            } else {
                format!("{how}: {last}")
            }
        };
        Error::Crashed {
            path: path_buf,
            message,
        }
    }

    fn unreadable(&self, error: &Error) -> Outcome {
        super::unreadable(self.done.as_ref(), error)
    }

    fn checkout(&self) -> io::Result<Worker> {
        let me = std::thread::current().id();
        let mine = {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.iter()
                .position(|(t, _)| *t == me)
                .map(|i| idle.swap_remove(i).1)
        };
        match mine {
            Some(w) => Ok(w),
            None => Worker::spawn(&self.program, &self.args, &self.config_frame),
        }
    }

    fn checkin(&self, worker: Worker) {
        let me = std::thread::current().id();
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((me, worker));
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        let idle = std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for (_, mut w) in idle {
            // Closing stdin ends the worker's loop; it exits on its own.
            drop(w.stdin);
            let _ = w.child.wait();
        }
    }
}

fn failed(error: Error) -> Outcome {
    Outcome::Report(Box::new(FilingReport::failed(error.path(), &error)))
}

/// The record of a file that was sent to a worker and failed there: with its size and hash, so
/// that a resumed run does not try it again.
fn failed_file(error: Error, max_size: u64) -> Outcome {
    let path = error.path();
    let source = match read(path, max_size) {
        Ok(bytes) => source_record(path, &sniff(&bytes), bytes.len(), &sha256_hex(&bytes)),
        Err(_) => return failed(error),
    };
    Outcome::Report(Box::new(FilingReport::failed_source(source, &error)))
}

#[cfg(unix)]
fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (_, Some(libc::SIGSEGV)) => "killed by a segmentation fault".to_string(),
        (_, Some(libc::SIGABRT)) => "aborted".to_string(),
        (_, Some(libc::SIGKILL)) => "killed (out of memory?)".to_string(),
        (_, Some(sig)) => format!("killed by signal {sig}"),
        (Some(code), _) => format!("exited with status {code}"),
        _ => "ended".to_string(),
    }
}

#[cfg(not(unix))]
fn describe(status: ExitStatus) -> String {
    format!("ended with {status}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worker may grow its main thread's stack to `WORKER_STACK`, unless the hard limit is
    /// lower, so it can read files on that thread.
    #[cfg(unix)]
    #[test]
    fn workers_get_a_deep_main_stack() {
        let mut command = Command::new("sh");
        command.args(["-c", "ulimit -s; ulimit -H -s"]);
        raise_stack_limit(&mut command);
        let out = String::from_utf8(command.output().unwrap().stdout).unwrap();
        let mut lines = out.lines();
        let (soft, hard) = (lines.next().unwrap(), lines.next().unwrap());
        let kib = |s: &str| s.parse::<u64>().unwrap_or(u64::MAX); // "unlimited"
        let wanted = (super::super::WORKER_STACK / 1024) as u64;
        assert!(
            kib(soft) >= wanted.min(kib(hard)),
            "soft {soft}, hard {hard}"
        );
    }

    fn pool() -> ProcessPool {
        let config = WorkerConfig {
            max_memory: 512 << 20,
            ..WorkerConfig::default()
        };
        ProcessPool::new("tokenlens".into(), Vec::new(), config)
    }

    #[test]
    fn a_dead_worker_is_told_apart_by_what_it_printed() {
        let path = Path::new("no/such/file.pdf");
        let overflow = pool().crash_error(
            path,
            None,
            "thread 'main' has overflowed its stack\nfatal runtime error: stack overflow",
        );
        assert_eq!(overflow.kind(), "crashed");
        assert!(overflow.to_string().contains("stack overflow"));
        let oom = pool().crash_error(path, None, "memory allocation of 1073741824 bytes failed");
        assert_eq!(oom.kind(), "out_of_memory");
        assert!(oom.to_string().contains("512 MiB"));
        let other = pool().crash_error(path, None, "something odd\n");
        assert_eq!(other.kind(), "crashed");
        assert!(other.to_string().contains("something odd"));
    }

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"hello").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = buf.as_slice();
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"hello");
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"");
        assert!(read_frame(&mut r).unwrap().is_none());
        let huge = (u32::MAX).to_le_bytes();
        assert!(read_frame(&mut huge.as_slice()).is_err());
    }
}
