//! The checked configuration of one run, made once from the command line.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::cli::{Args, Command};

/// What one run of netsift is to do, with every value checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Config {
    /// `netsift inspect`.
    Inspect {
        /// The export path (zip or folder).
        export: PathBuf,
        /// The notes file, if any.
        notes: Option<PathBuf>,
        /// Print JSON rather than text.
        json: bool,
        /// No warnings on stderr.
        quiet: bool,
    },
    /// `netsift sample`.
    Sample {
        /// Where to write.
        out: PathBuf,
        /// What to write.
        spec: crate::sample::SampleSpec,
        /// No progress on stderr.
        quiet: bool,
    },
}

impl Config {
    /// Checks the parsed arguments; the error is a usage message.
    pub fn from_args(args: Args) -> Result<Config, String> {
        let quiet = args.quiet;
        Ok(match args.command {
            Command::Inspect { export, notes, json } => {
                Config::Inspect { export, notes, json, quiet }
            }
            Command::Sample { out, connections, messages, seed, zip, date } => {
                let export_date: Date = date
                    .parse()
                    .map_err(|_| format!("--date {date:?} is not a date (YYYY-MM-DD)"))?;
                if connections == 0 {
                    return Err("--connections must be at least 1".into());
                }
                let spec =
                    crate::sample::SampleSpec { connections, messages, seed, zip, export_date };
                Config::Sample { out, spec, quiet }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn config(args: &[&str]) -> Result<Config, String> {
        let args = Args::try_parse_from(std::iter::once("netsift").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        Config::from_args(args)
    }

    #[test]
    fn inspect_flags() {
        assert_eq!(
            config(&["inspect", "x.zip", "--notes", "n.csv", "--json"]),
            Ok(Config::Inspect {
                export: "x.zip".into(),
                notes: Some("n.csv".into()),
                json: true,
                quiet: false
            })
        );
        assert_eq!(
            config(&["-q", "inspect", "dir"]),
            Ok(Config::Inspect { export: "dir".into(), notes: None, json: false, quiet: true })
        );
        assert!(config(&["inspect"]).is_err());
    }

    #[test]
    fn sample_flags() {
        let Ok(Config::Sample { out, spec, .. }) = config(&[
            "sample",
            "--out",
            "o",
            "--connections",
            "5",
            "--messages",
            "7",
            "--seed",
            "3",
            "--zip",
        ]) else {
            panic!("sample flags not accepted")
        };
        assert_eq!(out, PathBuf::from("o"));
        assert_eq!((spec.connections, spec.messages, spec.seed, spec.zip), (5, 7, 3, true));
        assert_eq!(spec.export_date.to_string(), "2026-11-20");
        assert!(
            config(&["sample", "--out", "o", "--date", "20-11-2026"])
                .unwrap_err()
                .contains("--date")
        );
        assert!(config(&["sample", "--out", "o", "--connections", "0"]).is_err());
    }
}
