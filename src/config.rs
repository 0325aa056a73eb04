//! The checked configuration of one run, made once from the command line.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::cli::{Args, Command};
use crate::error::Error;
use crate::model::Model;

/// What one run of netsift is to do, with every value checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Config {
    /// `netsift analyze`.
    Analyze {
        /// What to analyse, and where the report and the history go.
        request: crate::Request,
        /// No warnings or progress on stderr.
        quiet: bool,
    },
    /// `netsift history`.
    History {
        /// `--history DIR`.
        dir: Option<PathBuf>,
        /// `--owner`.
        owner: Option<String>,
        /// `--person`: one person's course instead of the list of runs.
        person: Option<String>,
        /// Print JSON.
        json: bool,
        /// No warnings on stderr.
        quiet: bool,
    },
    /// `netsift diff`.
    Diff {
        /// The earlier run, if named.
        from: Option<String>,
        /// The later run, if named.
        to: Option<String>,
        /// `--history DIR`.
        dir: Option<PathBuf>,
        /// `--owner`.
        owner: Option<String>,
        /// Print JSON.
        json: bool,
        /// No warnings on stderr.
        quiet: bool,
    },
    /// `netsift backtest`.
    Backtest {
        /// The export path.
        export: PathBuf,
        /// The cut.
        at: Date,
        /// The notes file, if any.
        notes: Option<PathBuf>,
        /// The scoring model.
        model: Model,
        /// Print JSON.
        json: bool,
        /// No warnings on stderr.
        quiet: bool,
    },
    /// `netsift intro`.
    Intro {
        /// A company, a profile URL or a name.
        target: String,
        /// How many ways in to show at most.
        limit: usize,
        /// The export path.
        export: PathBuf,
        /// The notes file, if any.
        notes: Option<PathBuf>,
        /// The scoring model.
        model: Model,
        /// Print JSON.
        json: bool,
        /// No warnings on stderr.
        quiet: bool,
    },
    /// `netsift config --default`.
    ShowDefaults,
    /// `netsift completions SHELL`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// `netsift man`.
    Man,
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
        /// Also write truth.csv.
        truth: bool,
        /// No progress on stderr.
        quiet: bool,
    },
}

impl Config {
    /// Checks the parsed arguments and reads the model file; a bad value is
    /// [`Error::Usage`], an unusable model file another error.
    pub fn from_args(args: Args) -> Result<Config, Error> {
        let quiet = args.quiet;
        Ok(match args.command {
            Command::Analyze { input, model: file, out, as_of, history, no_history } => {
                let request = crate::Request {
                    export: input.export,
                    notes: input.notes,
                    out,
                    as_of: as_of.map(|d| day("--as-of", &d)).transpose()?,
                    model: model(file.config)?,
                    history: history_choice(history, no_history),
                };
                Config::Analyze { request, quiet }
            }
            Command::History { at, person, json } => {
                Config::History { dir: at.history, owner: at.owner, person, json, quiet }
            }
            Command::Diff { from, to, at, json } => {
                Config::Diff { from, to, dir: at.history, owner: at.owner, json, quiet }
            }
            Command::Backtest { input, model: file, at, json } => Config::Backtest {
                export: input.export,
                at: day("--at", &at)?,
                notes: input.notes,
                model: model(file.config)?,
                json,
                quiet,
            },
            Command::Intro { target, input, model: file, limit, json } => Config::Intro {
                target,
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
                export: input.export,
                notes: input.notes,
                model: model(file.config)?,
                json,
                quiet,
            },
            Command::Config { .. } => Config::ShowDefaults,
            Command::Completions { shell } => Config::Completions { shell },
            Command::Man => Config::Man,
            Command::Inspect { input, json } => {
                Config::Inspect { export: input.export, notes: input.notes, json, quiet }
            }
            Command::Sample {
                out,
                connections,
                messages,
                seed,
                zip,
                truth,
                date,
                after,
                moves,
            } => {
                let spec = sample_spec((connections, messages, seed, zip), &date, after, moves)?;
                Config::Sample { out, spec, truth, quiet }
            }
        })
    }
}

/// The model file's scoring model, or the default one.
fn model(path: Option<PathBuf>) -> Result<Model, Error> {
    path.map_or_else(|| Ok(Model::default()), |p| Model::from_file(&p))
}

/// A date flag's value, or what is wrong with it.
fn day(flag: &str, text: &str) -> Result<Date, Error> {
    text.parse().map_err(|_| Error::Usage(format!("{flag} {text:?} is not a date (YYYY-MM-DD)")))
}

/// What `netsift sample` writes: at least one connection, and a later export (`--after`) after
/// the earlier one.
fn sample_spec(
    (connections, messages, seed, zip): (usize, usize, u64, bool),
    date: &str,
    after: Option<String>,
    moves: usize,
) -> Result<crate::sample::SampleSpec, Error> {
    let export_date = day("--date", date)?;
    if connections == 0 {
        return Err(Error::Usage("--connections must be at least 1".into()));
    }
    let after = after.map(|a| day("--after", &a)).transpose()?;
    if let Some(after) = after.filter(|a| *a >= export_date) {
        return Err(Error::Usage(format!(
            "--after {after} is not before --date {export_date}: a later export comes after the \
             earlier one"
        )));
    }
    let later = after.map(|after| crate::sample::Later { after, moves });
    Ok(crate::sample::SampleSpec { connections, messages, seed, zip, export_date, later })
}

/// Where the history goes: nowhere with `--no-history`, else `--history DIR`, else the
/// default folder per owner.
fn history_choice(dir: Option<PathBuf>, off: bool) -> crate::history::Choice {
    match (dir, off) {
        (_, true) => crate::history::Choice::Off,
        (Some(dir), false) => crate::history::Choice::Dir(dir),
        (None, false) => crate::history::Choice::Default,
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn config(args: &[&str]) -> Result<Config, String> {
        let args = Args::try_parse_from(std::iter::once("netsift").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        Config::from_args(args).map_err(|e| e.to_string())
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
    fn history_flags() {
        assert_eq!(
            config(&["history", "--history", "h", "--person", "Jane Doe", "--json"]),
            Ok(Config::History {
                dir: Some("h".into()),
                owner: None,
                person: Some("Jane Doe".into()),
                json: true,
                quiet: false
            })
        );
        let Ok(Config::History { person, .. }) = config(&["history"]) else { panic!() };
        assert_eq!(person, None, "the list of runs");
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
        assert_eq!(spec.later, None);
        let later = |extra: &[&str]| config(&[&["sample", "--out", "o"], extra].concat());
        let Ok(Config::Sample { spec, .. }) =
            later(&["--date", "2027-02-20", "--after", "2026-11-20", "--moves", "4"])
        else {
            panic!("--after and --moves not accepted")
        };
        let after = "2026-11-20".parse().unwrap();
        assert_eq!(spec.later, Some(crate::sample::Later { after, moves: 4 }));
        assert!(later(&["--after", "2026-11-20"]).unwrap_err().contains("is not before --date"));
        assert!(later(&["--moves", "4"]).is_err(), "--moves needs --after");
    }
}
