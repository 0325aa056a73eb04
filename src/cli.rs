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

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what netsift finds in an export: files and their eras, row counts, the owner,
    /// matches, skipped rows.
    Inspect {
        /// The export: the .zip as downloaded, or a folder holding its files at any depth.
        export: PathBuf,
        /// Your interaction notes (CSV: date,person,kind,direction,tags,note).
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// Print the findings as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Write a deterministic synthetic export in the current (2026) format, plus a notes file.
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
        /// The export's date (YYYY-MM-DD).
        #[arg(long, default_value = "2026-11-20")]
        date: String,
    },
}
