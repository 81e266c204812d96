//! The binary's glue: parse arguments, run a subcommand, map the outcome to an exit code.
//! Only this module uses clap, indicatif and anyhow.

mod args;
mod engine;
mod glossary;
mod output;
mod progress;
mod scan;
mod text;

use std::io::{self, Write};

use clap::Parser;

pub use args::Cli;
use args::Command;

/// Exit codes: everything read, some input failed, usage error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    GeneralError = 1,
    UsageError = 2,
}

/// Run the command line and return the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::UsageError as i32
            } else {
                ExitCode::Success as i32
            };
        }
    };
    let result = match cli.command {
        Command::Text(args) => text::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Completions { shell } => completions(shell),
        Command::Worker => worker(),
        Command::Glossary(args::GlossaryCommand::List(args)) => glossary::list(args),
        Command::Glossary(args::GlossaryCommand::Build(args)) => glossary::build(args),
    };
    match result {
        Ok(code) => code as i32,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::Success as i32;
            }
            let _ = writeln!(io::stderr(), "tokenlens: {err:#}");
            match err.downcast_ref::<UsageError>() {
                Some(_) => ExitCode::UsageError as i32,
                None => ExitCode::GeneralError as i32,
            }
        }
    }
}

/// `tokenlens completions <shell>`: the completion script on stdout.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    let mut out = stdout();
    clap_complete::generate(shell, &mut Cli::command(), "tokenlens", &mut out);
    out.flush()?;
    Ok(ExitCode::Success)
}

/// `tokenlens worker`: serve `scan`'s requests, on a thread with room for deep recursion: this
/// one when `scan` raised the stack limit for it (faster, see `main_stack_suffices`), else a
/// new one.
fn worker() -> anyhow::Result<ExitCode> {
    let serve = || tokenlens::batch::serve(io::stdin().lock(), io::stdout().lock());
    if tokenlens::batch::main_stack_suffices() {
        serve()?;
        return Ok(ExitCode::Success);
    }
    let served = std::thread::Builder::new()
        .name("tokenlens-worker".into())
        .stack_size(tokenlens::batch::WORKER_STACK)
        .spawn(serve)?
        .join()
        .map_err(|_| anyhow::anyhow!("worker panicked"))?;
    served?;
    Ok(ExitCode::Success)
}

/// An error in what the user asked for, rather than in an input: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Standard output, buffered (line-buffered stdout is slow for large reports).
pub(crate) fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}
