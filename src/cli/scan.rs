//! `tokenlens scan`: the analysis report for one or many filings, in JSON, JSON Lines, CSV or
//! XLSX.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use tokenlens::batch::{self, Done, InputsBuilder, Outcome};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::report::{CsvWriter, FilingReport, JsonWriter, JsonlWriter, Table, XlsxWriter};

use super::args::{OutputFormat, ScanArgs, What};
use super::engine::Engine;
use super::output::{self, Destination};
use super::progress::Progress;
use super::{ExitCode, UsageError};

/// The writer for the chosen format.
enum Writer {
    Json(JsonWriter<Box<dyn Write>>),
    Jsonl(JsonlWriter<Box<dyn Write>>),
    Csv(CsvWriter<Box<dyn Write>>),
    Xlsx(Box<XlsxWriter>),
}

impl Writer {
    fn write(&mut self, report: &FilingReport) -> Result<()> {
        match self {
            Writer::Json(w) => w.write(report)?,
            Writer::Jsonl(w) => w.write(report)?,
            Writer::Csv(w) => w.write(report)?,
            Writer::Xlsx(w) => w.write(report)?,
        }
        Ok(())
    }

    fn finish(self, dest: &Destination) -> Result<()> {
        match self {
            Writer::Json(w) => drop(w.finish()?),
            Writer::Jsonl(w) => drop(w.finish()?),
            Writer::Csv(w) => drop(w.finish()?),
            Writer::Xlsx(w) => match dest.file_path() {
                Some(path) => w
                    .save(path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => {
                    let bytes = w.into_bytes()?;
                    let mut out = super::stdout();
                    out.write_all(&bytes)?;
                    out.flush()?;
                }
            },
        }
        dest.commit()
    }
}

/// The settings `scan` runs with, checked for consistency.
struct Plan {
    format: OutputFormat,
    table: Table,
    dest: Destination,
    done: Option<Done>,
}

fn plan(args: &ScanArgs, progress_quiet: bool) -> Result<Plan> {
    let usage = |m: String| -> anyhow::Error { UsageError(m).into() };
    let named = args.resume.as_ref().or(args.output.as_ref());
    let format = match (args.format, named) {
        (Some(f), _) => f,
        (None, Some(path)) if path != Path::new("-") => {
            match path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
            {
                Some(e) if e == "json" => OutputFormat::Json,
                Some(e) if e == "jsonl" || e == "ndjson" => OutputFormat::Jsonl,
                Some(e) if e == "csv" => OutputFormat::Csv,
                Some(e) if e == "xlsx" => OutputFormat::Xlsx,
                _ => {
                    return Err(usage(format!(
                        "cannot tell the format from the name {}: use --format json|jsonl|csv|xlsx",
                        path.display()
                    )))
                }
            }
        }
        _ => OutputFormat::Json,
    };
    if args.pretty && format != OutputFormat::Json {
        return Err(usage("--pretty is for --format json".into()));
    }
    if args.what.is_some() && format != OutputFormat::Csv {
        return Err(usage(
            "--what picks the table of a CSV; an XLSX has them all as sheets".into(),
        ));
    }
    let table = match args.what.unwrap_or(What::Metrics) {
        What::Metrics => Table::Metrics,
        What::Terms => Table::Terms,
        What::Mentions => Table::Mentions,
        What::Filings => Table::Filings,
        What::Errors => Table::Errors,
    };
    let Some(resume) = &args.resume else {
        return Ok(Plan {
            format,
            table,
            dest: Destination::new(args.output.as_deref()),
            done: None,
        });
    };
    if format != OutputFormat::Jsonl {
        return Err(usage("--resume works on JSON Lines output (.jsonl)".into()));
    }
    if args.output.as_ref().is_some_and(|o| o != resume) {
        return Err(usage(
            "--resume FILE is also the output: leave out -o, or give the same file".into(),
        ));
    }
    let say = |m: String| {
        if !progress_quiet {
            eprintln!("tokenlens: {m}");
        }
    };
    // A run started with `-o FILE` and killed leaves FILE.tmp: carry on from there.
    let tmp = output::tmp_path(resume);
    if !resume.exists() && tmp.exists() {
        std::fs::rename(&tmp, resume)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), resume.display()))?;
        say(format!(
            "{}: picking up the output of an interrupted run from {}",
            resume.display(),
            tmp.display()
        ));
    }
    let done = if resume.exists() {
        let cut = output::truncate_partial_line(resume)?;
        if cut > 0 {
            say(format!(
                "{}: removed a partial last line ({cut} bytes) left by an interrupted run",
                resume.display()
            ));
        }
        let file = std::fs::File::open(resume)
            .with_context(|| format!("cannot read {}", resume.display()))?;
        let done = Done::read(std::io::BufReader::new(file))
            .with_context(|| format!("cannot read {}", resume.display()))?;
        if !done.bad_lines.is_empty() {
            say(format!(
                "{}: {} lines are not tokenlens records and are left as they are (first: line {})",
                resume.display(),
                done.bad_lines.len(),
                done.bad_lines[0]
            ));
        }
        done
    } else {
        Done::default()
    };
    Ok(Plan {
        format,
        table,
        dest: Destination::Append {
            path: resume.clone(),
        },
        done: Some(done),
    })
}

pub fn run(args: ScanArgs) -> Result<ExitCode> {
    let plan = plan(&args, args.quiet)?;
    if plan.format == OutputFormat::Xlsx {
        output::refuse_binary_on_terminal(&plan.dest, "an XLSX workbook")?;
    }
    let extractor = ExtractorBuilder::new()
        .password(args.read.password.clone())
        .build();

    let mut inputs = InputsBuilder::new();
    inputs.hidden(args.hidden);
    for path in &args.paths {
        inputs.add(path);
    }
    if let Some(list) = &args.files_from {
        read_list(&mut inputs, list)?;
    }
    let mut inputs = inputs.build();
    if let Some((k, n)) = args.shard {
        inputs.retain(|i| batch::in_shard(i.path(), k, n));
    }
    if let Some(out) = plan.dest.final_path() {
        // `scan corpus/ -o corpus/out.jsonl` must not read its own output.
        let ours = [out.to_path_buf(), output::tmp_path(out)];
        inputs.retain(|i| !ours.iter().any(|o| output::same_file(i.path(), o)));
    }

    let engine = Engine::new(&args.limits, &args.read, &args.terms, extractor, plan.done)?;
    let mut writer = match plan.format {
        OutputFormat::Json => Writer::Json(JsonWriter::new(plan.dest.open()?, args.pretty)?),
        OutputFormat::Jsonl => Writer::Jsonl(
            JsonlWriter::new(plan.dest.open()?)
                .flush_each_line(matches!(plan.dest, Destination::Append { .. })),
        ),
        OutputFormat::Csv => Writer::Csv(CsvWriter::new(plan.dest.open()?, plan.table)?),
        OutputFormat::Xlsx => Writer::Xlsx(Box::new(XlsxWriter::new()?)),
    };

    let mut progress = Progress::new(inputs.len(), args.quiet);
    let bar = progress.bar();
    let jobs = super::engine::jobs(args.jobs);
    // Large files first within each window, so one does not start last and run alone.
    batch::for_each_ordered_by(
        &inputs,
        jobs,
        batch::Input::size,
        |_, input| {
            bar.set_message(input.path().display().to_string());
            engine.process(input)
        },
        |_, outcome| {
            match outcome {
                Outcome::Report(report) => {
                    progress.report(&report);
                    writer.write(&report)?;
                }
                Outcome::Skipped { path, reason } => progress.skipped(&path, &reason),
            }
            Ok::<(), anyhow::Error>(())
        },
    )?;
    writer.finish(&plan.dest)?;
    progress.finish();
    Ok(if progress.tally.failed > 0 {
        ExitCode::GeneralError
    } else {
        ExitCode::Success
    })
}

/// Add the paths of a `--files-from` list ("-" is standard input).
pub fn read_list(inputs: &mut InputsBuilder, list: &Path) -> Result<()> {
    if list == Path::new("-") {
        inputs
            .add_list(std::io::stdin().lock())
            .context("cannot read the list of paths from standard input")?;
    } else {
        let file = std::fs::File::open(list)
            .map_err(|e| UsageError(format!("cannot open {}: {e}", list.display())))?;
        inputs
            .add_list(std::io::BufReader::new(file))
            .with_context(|| format!("cannot read {}", list.display()))?;
    }
    Ok(())
}
