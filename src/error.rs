//! The one error type of the library. Every variant that concerns input names the file (and,
//! for a row, its line), so the binary can print it as it stands and exit 1.

use std::path::PathBuf;

/// What can make an export, a notes file or an output unusable.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error (shown in the message, so not a `source`).
        error: std::io::Error,
    },
    /// The export path is neither a folder nor a readable zip archive.
    #[error("{}: not a zip archive ({detail}); give the export's .zip as downloaded, or a folder", path.display())]
    NotZip {
        /// The path given.
        path: PathBuf,
        /// What the zip reader said.
        detail: String,
    },
    /// One CSV file of an export was given instead of the export.
    #[error("{}: one file of an export, not the export; give the folder that holds it ({}) or the export's .zip", path.display(), folder.display())]
    OneFile {
        /// The file given.
        path: PathBuf,
        /// The folder that holds it.
        folder: PathBuf,
    },
    /// An entry of the zip is encrypted.
    #[error("{}: {entry} is encrypted; netsift reads the export as LinkedIn delivers it, unencrypted", path.display())]
    Encrypted {
        /// The zip archive.
        path: PathBuf,
        /// The entry inside it.
        entry: String,
    },
    /// An entry inflates past the limit: a zip bomb, or not an export.
    #[error("{}: {entry} inflates to more than {limit} bytes; refusing it as a possible zip bomb", path.display())]
    TooLarge {
        /// The zip archive.
        path: PathBuf,
        /// The entry inside it.
        entry: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The export holds no Connections.csv.
    #[error("{}: {}; is this a LinkedIn data export?", path.display(), if *searched == 0 { "holds no files".to_string() } else { format!("no Connections.csv found (searched {searched} files)") })]
    NoConnections {
        /// The export path.
        path: PathBuf,
        /// How many files were looked at.
        searched: usize,
    },
    /// A file lacks a column netsift cannot do without.
    #[error("{file}: required column(s) {missing} not found; columns found: {found}")]
    MissingColumns {
        /// The file, as named inside the export (or as given).
        file: String,
        /// The missing columns, quoted and comma-separated.
        missing: String,
        /// The columns of the best header candidate.
        found: String,
    },
    /// The interaction table could not be built or grouped (a defect, not bad input).
    #[error("interaction table: {0}")]
    Table(polars::prelude::PolarsError),
    /// An output could not be written.
    #[error("{}: could not be written: {message}", path.display())]
    Output {
        /// The output file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A chart or the report could not be drawn (a defect, not bad input).
    #[error("{}: {message}", file.display())]
    Chart {
        /// The output being drawn.
        file: PathBuf,
        /// What plotters or the template engine said.
        message: String,
    },
    /// The command line asks for something impossible (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Any other unusable input, with the file named.
    #[error("{file}: {message}")]
    Input {
        /// The file concerned.
        file: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::Io { path: path.into(), error }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
