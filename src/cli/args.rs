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
    tokenlens glossary build *.htm -o g.md    one glossary from the terms the filings define\n\n\
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
    /// Analyze filings and print the report (JSON, schema v1).
    #[command(after_help = "Examples:\n  \
        tokenlens scan fixtures/sample_s1.htm\n  \
        tokenlens scan --pretty a.pdf b.htm c.txt > report.json\n\n\
        Every input appears in the report, as a result or with an \"error\" record.")]
    Scan(ScanArgs),
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
    /// Filings to read.
    #[arg(value_name = "FILING", required = true)]
    pub paths: Vec<PathBuf>,
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
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Filings to analyze.
    #[arg(value_name = "FILING", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Indent the JSON for people.
    #[arg(long)]
    pub pretty: bool,
    /// No progress bar and no per-file messages on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub terms: TermArgs,
}
