//! Where files are read: on this process's threads, or in worker processes (the default),
//! with the limits of `--timeout`, `--max-size`, `--max-memory` and `--max-decompressed`.

use std::time::Duration;

use anyhow::{Context, Result};
use tokenlens::batch::{Done, Input, Outcome, ProcessPool, Processor, WorkerConfig};
use tokenlens::extract::Extractor;
use tokenlens::scan::Scanner;

use super::args::{Isolation, LimitArgs, ReadArgs, TermArgs};

/// `--jobs`, defaulting to the number of cores.
pub fn jobs(flag: Option<u32>) -> usize {
    flag.map(|j| j as usize)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

pub enum Engine {
    Thread(Processor),
    Process(ProcessPool),
}

impl Engine {
    /// The term lists are loaded here: a bad user list is a usage error before any file is
    /// read. Worker processes load their own from the same files, so with the built-in lists
    /// alone this process loads none.
    pub fn new(
        limits: &LimitArgs,
        read: &ReadArgs,
        terms: &TermArgs,
        extractor: Extractor,
        done: Option<Done>,
    ) -> Result<Engine> {
        let max_size = limits.max_size.saturating_mul(1 << 20);
        if limits.isolation == Isolation::Thread {
            let glossary = super::glossary::load(terms)?;
            let mut processor =
                Processor::with_scanner_from(extractor, move || Scanner::with_glossary(glossary))
                    .max_size(max_size);
            if let Some(done) = done {
                processor = processor.skip_done(done);
            }
            return Ok(Engine::Thread(processor));
        }
        if !terms.files.is_empty() {
            super::glossary::load(terms)?;
        }
        let program = std::env::current_exe().context("cannot find the tokenlens binary")?;
        let config = WorkerConfig {
            password: read.password.clone(),
            glossary_files: terms.files.clone(),
            no_builtin_glossary: terms.no_builtin_glossary,
            max_size,
            max_memory: limits.max_memory.saturating_mul(1 << 20),
        };
        let mut pool = ProcessPool::new(program, vec!["worker".into()], config)
            .timeout((limits.timeout > 0).then(|| Duration::from_secs(limits.timeout)))
            .max_decompressed(limits.max_decompressed.saturating_mul(1 << 20));
        if let Some(done) = done {
            pool = pool.skip_done(done);
        }
        Ok(Engine::Process(pool))
    }

    pub fn process(&self, input: &Input) -> Outcome {
        self.process_keeping_text(input, false).0
    }

    /// The outcome, and with `keep_text` the document's clean text.
    pub fn process_keeping_text(
        &self,
        input: &Input,
        keep_text: bool,
    ) -> (Outcome, Option<String>) {
        match self {
            Engine::Thread(p) => p.process_keeping_text(input, keep_text),
            Engine::Process(p) => p.process_keeping_text(input, keep_text),
        }
    }
}
