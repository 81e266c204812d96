//! Command-line arguments (clap derive), turned into plain config in the subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Find token-economy metrics and defined terms in IPO filings.
///
/// Reads SEC filings (S-1, F-1, 424B, 10-K, 10-Q...) and other prospectuses as PDF, EDGAR HTML
/// or plain text; the format is recognized from the content, not the file name.
#[derive(Debug, Parser)]
#[command(name = "tokenlens", version, propagate_version = true)]
#[command(after_help = "Examples:\n  \
    tokenlens text filing.pdf                 clean text, pages separated by form feeds\n  \
    tokenlens text --json filing.htm          pages as JSON with their numbers\n  \
    tokenlens scan s1.htm 424b4.pdf           the analysis report (JSON, schema v1)\n  \
    tokenlens scan corpus/ -o book.xlsx       a folder of filings into one workbook\n  \
    tokenlens glossary build *.htm -o g.md    one glossary from the terms the filings define\n  \
    tokenlens completions bash > tokenlens.bash   shell completions\n\n\
    Exit status: 0 all inputs read, 1 some input failed, 2 usage error.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a filing's clean text, page by page (like pdftotext).
    #[command(after_help = "Examples:\n  \
        tokenlens text prospectus.pdf | less\n  \
        tokenlens text --pages 3-5 10k.htm\n  \
        tokenlens text --json s1.htm | jq '.pages[2].text'\n  \
        tokenlens text --password secret locked.pdf")]
    Text(TextArgs),
    /// Analyze filings: metrics, defined terms and term mentions (JSON, JSON Lines, CSV, XLSX).
    #[command(after_help = "Examples:\n  \
        tokenlens scan fixtures/html/sample_s1.htm\n  \
        tokenlens scan --pretty a.pdf b.htm c.txt > report.json\n  \
        tokenlens scan corpus/ -o corpus.xlsx            sheets Filings, Metrics, Terms, Mentions, Errors\n  \
        tokenlens scan corpus/ -o metrics.csv            one row per metric (--what terms|mentions|filings|errors)\n  \
        tokenlens scan 'filings/**/*.pdf' -o out.jsonl   one report a line\n  \
        find . -name '*.htm' | tokenlens scan --files-from - --format jsonl\n  \
        tokenlens scan corpus/ --resume out.jsonl         skip what out.jsonl has, append the rest\n  \
        tokenlens scan corpus/ --shard 3/8 -o part3.jsonl one eighth of the corpus, for machine 3 of 8\n\n\
        Folders are walked recursively (hidden entries skipped unless --hidden); files found there\n\
        whose content is not a filing are skipped and counted. Every other input appears in the\n\
        output, as a report or as an error record, in the order given.")]
    Scan(ScanArgs),
    /// Print a completion script for a shell.
    #[command(after_help = "Examples:\n  \
        tokenlens completions bash > ~/.local/share/bash-completion/completions/tokenlens\n  \
        tokenlens completions zsh > ~/.zfunc/_tokenlens\n  \
        tokenlens completions fish > ~/.config/fish/completions/tokenlens.fish")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Internal: a worker process of `scan`, speaking its protocol on stdin and stdout.
    #[command(hide = true)]
    Worker,
    /// Term lists, and one glossary built from the terms many filings define.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Print the built-in terms (and those of --glossary files): term, category, aliases, definition.
    #[command(after_help = "Examples:\n  \
        tokenlens glossary list\n  \
        tokenlens glossary list --format json | jq '.[] | select(.category == \"token_economy\")'\n  \
        tokenlens glossary list --glossary my_terms.toml --format csv > terms.csv")]
    List(GlossaryListArgs),
    /// Merge the terms that many filings define into one glossary (JSON, CSV or Markdown).
    #[command(after_help = "Examples:\n  \
        tokenlens glossary build filings/*.htm -o glossary.md\n  \
        tokenlens glossary build s1.pdf f1.htm --format csv > glossary.csv\n\n\
        One entry per term (case, quotes and plurals folded), every distinct definition with the\n\
        filings and pages that give it, and terms defined differently marked as conflicts.")]
    Build(GlossaryBuildArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GlossaryFormat {
    Json,
    Csv,
    #[value(alias = "markdown")]
    Md,
}

#[derive(Debug, clap::Args)]
pub struct GlossaryBuildArgs {
    /// Filings, folders (walked recursively) or glob patterns.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Files read at once (default: the number of cores).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Write here instead of standard output; the format follows the extension
    /// (.json, .csv, .md) unless --format says otherwise.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else json).
    #[arg(long, value_enum)]
    pub format: Option<GlossaryFormat>,
    /// No per-file messages on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One term a line: term, category, aliases.
    Text,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct GlossaryListArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub terms: TermArgs,
}

#[derive(Debug, clap::Args)]
pub struct TermArgs {
    /// A term list of your own (TOML, format in glossary/README.md), added to the built-in ones.
    /// May be given more than once.
    #[arg(long = "glossary", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Leave out the built-in term lists.
    #[arg(long)]
    pub no_builtin_glossary: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// User password for an encrypted PDF (the empty password is always tried).
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct TextArgs {
    /// The filing to read.
    #[arg(value_name = "FILING")]
    pub path: PathBuf,
    /// Print JSON: {"pages":[{"number":1,"text":"..."}], "source":{...}, ...}.
    #[arg(long)]
    pub json: bool,
    /// Only these pages, e.g. `7`, `3-5` or `1,4-6` (numbers as a PDF viewer shows them).
    #[arg(long, value_name = "LIST")]
    pub pages: Option<String>,
    /// Print the text as the reader produced it, without cleaning (to see what cleaning does).
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON document: {"schema_version":1,"tool":...,"filings":[...]}.
    Json,
    /// One filing report a line, each self-contained (concatenates across runs).
    #[value(alias = "ndjson")]
    Jsonl,
    /// One table, one row per fact (pick it with --what).
    Csv,
    /// A workbook with sheets Filings, Metrics, Terms, Mentions, Errors.
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    Metrics,
    Terms,
    Mentions,
    Filings,
    Errors,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Filings, folders (walked recursively) or glob patterns such as 'corpus/**/*.pdf'.
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Also read the paths listed in FILE, one a line ("-" for standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Write to FILE instead of standard output. The format follows its extension (.json,
    /// .jsonl, .csv, .xlsx) unless --format says otherwise. The file appears only when the run
    /// is complete: until then it is written as FILE.tmp.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else json).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// The table a CSV holds.
    #[arg(long, value_enum, value_name = "TABLE")]
    pub what: Option<What>,
    /// Indent the JSON for people (--format json).
    #[arg(long)]
    pub pretty: bool,
    /// Files read at once (default: the number of cores).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// Resume a JSON Lines run: skip the inputs FILE already reports (by content hash) and
    /// append the others to it, a line as each finishes.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Process only shard K of N (e.g. 2/8): a fixed share of the inputs chosen by a hash of
    /// their paths, so N machines given the same paths split them exactly.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,
    /// Walk hidden files and folders too (names starting with ".").
    #[arg(long)]
    pub hidden: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// No progress bar, no warnings and no summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub terms: TermArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Isolation {
    /// Each file is read in a worker process: a crash, a runaway allocation or a hang ends
    /// that worker, not the run, and --timeout and --max-memory apply.
    Process,
    /// Files are read on threads of this process: a little faster, for trusted input only.
    Thread,
}

/// How far a hostile or broken file may go.
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// Where files are read.
    #[arg(long, value_enum, default_value_t = Isolation::Process)]
    pub isolation: Isolation,
    /// Stop reading a file after this many seconds; it becomes a `timeout` error (0: no limit;
    /// needs --isolation process).
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
    /// Refuse files larger than this many MiB (`too_large`).
    #[arg(long, value_name = "MIB", default_value_t = 512)]
    pub max_size: u64,
    /// Address space a worker process may use, in MiB; a file that needs more is an
    /// `out_of_memory` error (0: no limit).
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    pub max_memory: u64,
    /// A file that runs out of memory and holds a compressed stream inflating past this many
    /// MiB is a `decompression_bomb`.
    #[arg(long, value_name = "MIB", default_value_t = 1024)]
    pub max_decompressed: u64,
}

fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("{s:?} is not K/N with 1 <= K <= N, e.g. 2/8");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let k: u32 = k.trim().parse().map_err(|_| bad())?;
    let n: u32 = n.trim().parse().map_err(|_| bad())?;
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}
