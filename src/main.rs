//! The netsift binary: parse the arguments, build the configuration, call the library, map
//! the outcome to an exit code (0 success, 1 unusable input, 2 bad usage).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use netsift::cli::Args;
use netsift::config::Config;

fn main() -> ExitCode {
    let config = match Config::from_args(Args::parse()) {
        Ok(config) => config,
        Err(netsift::Error::Usage(usage)) => {
            eprintln!("netsift: {}", plain(&usage));
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("netsift: error: {}", plain(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    match run(&config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if matches!(e.downcast_ref(), Some(netsift::Error::Usage(_))) => {
            eprintln!("netsift: {}", plain(&e.to_string()));
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("netsift: error: {}", plain(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

fn run(config: &Config) -> anyhow::Result<()> {
    let mut out = Plain(std::io::stdout().lock());
    match config {
        Config::Analyze { export, notes, out: dir, as_of, model, history, quiet } => {
            let bar = netsift::progress::spinner(*quiet);
            let stage = |what: &'static str| bar.set_message(what);
            let analyzed =
                netsift::analyze(export, notes.as_deref(), dir, *as_of, model, history, &stage);
            bar.finish_and_clear();
            let a = analyzed?;
            warn(&a.diagnostics, *quiet)?;
            history_warnings(&a.history_warnings, *quiet);
            for w in a.warnings.iter().filter(|_| !quiet) {
                eprintln!("netsift: warning: {}", plain(w));
            }
            out.write_all(a.summary.to_text(dir).as_bytes())?;
            if let Some(since) = &a.since {
                writeln!(out, "{}", since.headline())?;
            }
            match &a.stored {
                Some((folder, true)) => writeln!(out, "history: {}", folder.display())?,
                Some((folder, false)) => {
                    writeln!(out, "history: {} (this export was already there)", folder.display())?
                }
                None => {}
            }
        }
        Config::History { dir, owner, json } => {
            let folder = netsift::history::locate(dir.as_deref(), owner.as_deref())?;
            let (runs, warnings) = netsift::history::runs(&folder);
            history_warnings(&warnings, false);
            let listed = netsift::history::list(&runs);
            emit(&mut out, &listed, *json, |l| netsift::history::list_text(l))?;
        }
        Config::Diff { from, to, dir, owner, json, quiet } => {
            let folder = netsift::history::locate(dir.as_deref(), owner.as_deref())?;
            let (diff, warnings) = netsift::history::diff(&folder, from.as_deref(), to.as_deref())?;
            history_warnings(&warnings, *quiet);
            emit(&mut out, &diff, *json, netsift::history::Diff::to_text)?;
        }
        Config::Backtest { export, at, notes, model, json, quiet } => {
            let (backtest, diags) = netsift::backtest::run(export, notes.as_deref(), *at, model)?;
            warn(&diags, *quiet)?;
            emit(&mut out, &backtest, *json, netsift::backtest::Backtest::to_text)?;
        }
        Config::Intro { target, export, notes, model, json, quiet } => {
            let (intro, diags) = netsift::intro(target, export, notes.as_deref(), model)?;
            warn(&diags, *quiet)?;
            emit(&mut out, &intro, *json, netsift::graph::intro::Intro::to_text)?;
        }
        Config::Inspect { export, notes, json, quiet } => {
            let (inspection, diags) = netsift::inspect(export, notes.as_deref())?;
            warn(&diags, *quiet)?;
            emit(&mut out, &inspection, *json, netsift::inspect::Inspection::to_text)?;
        }
        Config::ShowDefaults => out.write_all(netsift::model::DEFAULT_TOML.as_bytes())?,
        Config::Sample { out: dir, spec, truth, quiet } => {
            let written = netsift::sample::write_sample(spec, dir)
                .with_context(|| format!("writing the sample into {}", dir.display()))?;
            if *truth {
                let path = dir.join("truth.csv");
                netsift::sample::write_truth(spec, &path)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            if !quiet {
                eprintln!("wrote {} bytes of CSV", written.bytes);
            }
            writeln!(out, "{}", written.export.display())?;
            writeln!(out, "{}", written.notes.display())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Skipped and repaired rows on stderr, unless `--quiet`.
fn warn(diags: &netsift::diag::Diagnostics, quiet: bool) -> std::io::Result<()> {
    if quiet { Ok(()) } else { diags.write_to(Plain(std::io::stderr().lock()), 20) }
}

/// Entries of the history folder that are not snapshots, on stderr unless `--quiet`.
fn history_warnings(warnings: &[String], quiet: bool) {
    if !quiet {
        for w in warnings {
            eprintln!("netsift: history: {}", plain(w));
        }
    }
}

/// A result on stdout: as JSON with `--json`, else as text.
fn emit<T: serde::Serialize>(
    out: &mut impl Write,
    value: &T,
    json: bool,
    text: fn(&T) -> String,
) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)?;
    } else {
        out.write_all(text(value).as_bytes())?;
    }
    Ok(())
}

/// Text for a terminal: names and file names come from strangers, so control characters
/// (an escape sequence can retitle a window, clear the screen or fake a prompt) are shown as
/// `\u{1b}`, never sent. Line ends and tabs pass.
fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(control) {
        return text.into();
    }
    text.chars()
        .map(|c| if control(c) { c.escape_unicode().to_string() } else { c.to_string() })
        .collect::<String>()
        .into()
}

/// A writer passing text through [`plain`].
struct Plain<W>(W);

impl<W: Write> Write for Plain<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(plain(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
