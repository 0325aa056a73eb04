//! The command line as clap sees it. Nothing here goes deeper than [`crate::config`], which
//! turns it into checked domain values.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Reads a LinkedIn data export and tells which connections are real relationships.
#[derive(Debug, Parser)]
#[command(name = "netsift", version, about, max_term_width = 100)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print no warnings or progress on stderr (errors still go there).
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// Where `history` and `diff` look.
#[derive(Debug, clap::Args)]
pub struct HistoryAt {
    /// The history folder (default: the owner's folder under the user's data directory).
    #[arg(long, value_name = "DIR")]
    pub history: Option<PathBuf>,
    /// Whose history, when several owners have one: a profile URL or its last part.
    #[arg(long, value_name = "PROFILE")]
    pub owner: Option<String>,
}

/// The export to read, and the user's notes: the same for every command that reads one.
#[derive(Debug, clap::Args)]
pub struct Input {
    /// The export: the .zip as downloaded, or a folder holding its files at any depth.
    pub export: PathBuf,
    /// Your interaction notes (CSV: date,person,kind,direction,tags,note).
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
}

/// The scoring model, for every command that scores.
#[derive(Debug, clap::Args)]
pub struct ModelFile {
    /// The scoring model (see `netsift config --default`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score every connection and write the report — page, image, charts, tables — and keep
    /// the run in the history.
    #[command(after_help = "Examples:
  netsift analyze Basic_LinkedInDataExport_11-20-2026.zip
  netsift analyze ~/Downloads --notes notes.csv --out report
  netsift analyze export.zip --as-of 2026-06-30 --no-history")]
    Analyze {
        /// What to read.
        #[command(flatten)]
        input: Input,
        /// How to score.
        #[command(flatten)]
        model: ModelFile,
        /// Where to write the report.
        #[arg(long, value_name = "DIR", default_value = "netsift-report")]
        out: PathBuf,
        /// Score as of this day (YYYY-MM-DD); default: the export's date.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Keep this run's snapshot in DIR (default: a folder per owner under
        /// $XDG_DATA_HOME/netsift/history, or ~/.local/share/netsift/history).
        #[arg(long, value_name = "DIR", conflicts_with = "no_history")]
        history: Option<PathBuf>,
        /// Neither read nor keep any history.
        #[arg(long)]
        no_history: bool,
    },
    /// List the runs kept in the history: date, connections, tiers, the share ever two-way;
    /// or, with --person, one person's tier and score in every run.
    #[command(after_help = "Examples:
  netsift history
  netsift history --owner jane-doe --json
  netsift history --person \"Jane Doe\"
  netsift history --person https://www.linkedin.com/in/jane-doe --json")]
    History {
        /// Which history.
        #[command(flatten)]
        at: HistoryAt,
        /// One person's tier and score across the runs: their profile URL or full name.
        #[arg(long, value_name = "NAME|URL")]
        person: Option<String>,
        /// Print the runs as JSON.
        #[arg(long)]
        json: bool,
    },
    /// What changed between two runs (default: the last two): new and gone connections, how
    /// many of the gone you had been told to prune, tier moves, the biggest score changes.
    #[command(after_help = "Examples:
  netsift diff
  netsift diff 2026-05-20 2026-11-20 --json")]
    Diff {
        /// The earlier run: its day (YYYY-MM-DD) or its folder name.
        from: Option<String>,
        /// The later run (default: the latest).
        to: Option<String>,
        /// Which history.
        #[command(flatten)]
        at: HistoryAt,
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check the score on your own history: cut it at a date, score, and see how well the
    /// scores ranked who was in contact afterwards, beside simple baselines.
    #[command(after_help = "Examples:
  netsift backtest export.zip --at 2026-05-20
  netsift backtest export.zip --at 2025-11-20 --notes notes.csv --json")]
    Backtest {
        /// What to read.
        #[command(flatten)]
        input: Input,
        /// How to score.
        #[command(flatten)]
        model: ModelFile,
        /// The day to cut the history at (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        at: String,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The best ways in to a company or a person: your connections there, and paths through
    /// your strong ties (shared group chats, colleagues, introductions).
    #[command(after_help = "Examples:
  netsift intro Globex export.zip
  netsift intro \"Jane Doe\" export.zip --json
  netsift intro Globex export.zip --limit 50

Exits 1 when nothing matches, as grep does.")]
    Intro {
        /// A company name, a profile URL, or a connection's full name (accents and case
        /// ignored).
        target: String,
        /// What to read.
        #[command(flatten)]
        input: Input,
        /// How to score.
        #[command(flatten)]
        model: ModelFile,
        /// Show at most N ways in (the rest are counted).
        #[arg(long, value_name = "N", default_value_t = crate::graph::intro::TOP as u64, value_parser = clap::value_parser!(u64).range(1..))]
        limit: u64,
        /// Print the paths as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the scoring model's configuration.
    #[command(after_help = "Examples:
  netsift config --default > netsift.toml")]
    Config {
        /// Print the documented defaults (a complete netsift.toml); what `netsift config`
        /// prints anyway.
        #[arg(long = "default")]
        defaults: bool,
    },
    /// Show what netsift finds in an export: files and their eras, row counts, the owner,
    /// matches, skipped rows.
    #[command(after_help = "Examples:
  netsift inspect export.zip
  netsift inspect ~/Downloads --json | jq '.files[].name'")]
    Inspect {
        /// What to read.
        #[command(flatten)]
        input: Input,
        /// Print the findings as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Write a deterministic synthetic export in the current (2026) format, plus a notes file.
    #[command(after_help = "Examples:
  netsift sample --out sample
  netsift sample --out big --connections 30000 --messages 1000000 --zip
  netsift sample --out sample --date 2027-02-20 --after 2026-11-20 --moves 12 --truth")]
    Sample {
        /// The folder to write into: it receives the export (a folder, or a zip with --zip)
        /// named like LinkedIn's, and notes.csv.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many connections.
        #[arg(long, default_value_t = 300)]
        connections: usize,
        /// How many message rows.
        #[arg(long, default_value_t = 3000)]
        messages: usize,
        /// The random seed: the same seed writes the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write the export as a zip, as LinkedIn delivers it.
        #[arg(long)]
        zip: bool,
        /// Also write truth.csv: the relationship class planted for each connection.
        #[arg(long)]
        truth: bool,
        /// The export's date (YYYY-MM-DD).
        #[arg(long, default_value = "2026-11-20")]
        date: String,
        /// Write a later export of the owner of the sample of this earlier date (YYYY-MM-DD; the
        /// same seed and counts): the same people and history, exported on --date.
        #[arg(long, value_name = "DATE")]
        after: Option<String>,
        /// With --after: how many connections moved to another employer or title since then
        /// (a few employers are also renamed only in case or legal suffix: no job change);
        /// truth.csv's `moved` says who.
        #[arg(long, value_name = "N", default_value_t = 0, requires = "after")]
        moves: usize,
    },
    /// Print a completion script for a shell (see the README's Install section for where it
    /// goes).
    #[command(after_help = "Examples:
  netsift completions bash > ~/.local/share/bash-completion/completions/netsift
  netsift completions zsh > ~/.zfunc/_netsift")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `netsift man | man -l -`.
    Man,
}
