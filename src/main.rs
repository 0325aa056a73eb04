//! The netsift binary: parse the arguments, build the configuration, call the library, map
//! the outcome to an exit code (0 success, 1 unusable input or nothing found, 2 bad usage).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use netsift::cli::Args;
use netsift::config::Config;
use netsift::progress::Terminal;

fn main() -> ExitCode {
    let config = Config::from_args(Args::parse()).map_err(anyhow::Error::from);
    exit(config.and_then(|config| run(&config)))
}

/// The exit code, decided here only — 0 done (a reader that closed the pipe early too), 2 bad
/// usage, 1 anything else (`intro` finding nothing too, as grep) — and the error on stderr.
fn exit(outcome: anyhow::Result<()>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.is::<NothingFound>() => ExitCode::from(1),
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

/// Runs the command: one call per command, each writing its result on `out`.
fn run(config: &Config) -> anyhow::Result<()> {
    let mut out = Plain(std::io::stdout().lock());
    let o = &mut out;
    let outcome = match config {
        Config::Analyze { request, quiet } => analyze(o, request, *quiet),
        Config::History { dir, owner, person: Some(who), json, quiet } => {
            let folder = netsift::history::locate(dir.as_deref(), owner.as_deref())?;
            let (course, warnings) = netsift::history::course(&folder, who)?;
            history_warnings(&warnings, *quiet);
            emit(o, &course, *json)
        }
        Config::History { dir, owner, person: None, json, quiet } => {
            history(o, (dir.as_deref(), owner.as_deref()), *json, *quiet)
        }
        Config::Diff { from, to, dir, owner, json, quiet } => {
            let runs = (from.as_deref(), to.as_deref());
            diff(o, runs, (dir.as_deref(), owner.as_deref()), *json, *quiet)
        }
        Config::Backtest { export, at, notes, model, json, quiet } => {
            let found = netsift::backtest::run(export, notes.as_deref(), *at, model)?;
            show(o, found, *json, *quiet)
        }
        Config::Intro { target, limit, export, notes, model, json, quiet } => {
            let progress = Terminal::new(true);
            let found = netsift::intro(target, export, notes.as_deref(), model, *limit, &progress)?;
            let nothing = found.0.ways.is_empty();
            show(o, found, *json, *quiet)?;
            if nothing { Err(NothingFound.into()) } else { Ok(()) }
        }
        Config::Inspect { export, notes, json, quiet } => {
            let found = netsift::inspect(export, notes.as_deref(), &Terminal::new(true))?;
            show(o, found, *json, *quiet)
        }
        Config::ShowDefaults => Ok(o.write_all(netsift::model::DEFAULT_TOML.as_bytes())?),
        Config::Completions { shell } => {
            let mut command = <Args as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "netsift", o);
            Ok(())
        }
        Config::Man => {
            Ok(clap_mangen::Man::new(<Args as clap::CommandFactory>::command()).render(o)?)
        }
        Config::Sample { out: dir, spec, truth, quiet } => sample(o, dir, spec, *truth, *quiet),
    };
    out.flush()?;
    outcome
}

/// Nothing matched (`intro`): exit 1, as grep does, with the output said and no error.
#[derive(Debug)]
struct NothingFound;

impl std::fmt::Display for NothingFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("nothing matches")
    }
}

impl std::error::Error for NothingFound {}

/// `netsift analyze`: the report written, then its headline, the changes since the last run
/// and where the run is kept.
fn analyze(out: &mut impl Write, request: &netsift::Request, quiet: bool) -> anyhow::Result<()> {
    let progress = Terminal::new(quiet);
    let analyzed = netsift::analyze(request, &progress);
    progress.finish();
    let a = analyzed?;
    warn(&a.diagnostics, quiet)?;
    history_warnings(&a.history_warnings, quiet);
    for w in a.warnings.iter().filter(|_| !quiet) {
        eprintln!("netsift: warning: {}", plain(w));
    }
    write!(out, "{}", a.summary.headline(&request.out).day_from(a.as_of_from.words()))?;
    match &a.since {
        Some(since) => writeln!(out, "{}", since.headline())?,
        None => writeln!(out, "changed jobs: shown from the second export on (no earlier run)")?,
    }
    match &a.stored {
        Some((folder, true)) => writeln!(out, "history: {}", folder.display())?,
        Some((folder, false)) => {
            writeln!(out, "history: {} (this export was already there)", folder.display())?
        }
        None => {}
    }
    Ok(())
}

/// `netsift history`: the runs kept for one owner.
fn history(
    out: &mut impl Write,
    (dir, owner): (Option<&Path>, Option<&str>),
    json: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    let mut folders = netsift::history::locate_all(dir, owner)?;
    if let [(_, folder)] = folders.as_slice() {
        let (runs, warnings) = netsift::history::runs(folder);
        history_warnings(&warnings, quiet);
        return emit(out, &netsift::history::list(&runs), json);
    }
    // Several owners and none named: each owner's runs under their name.
    let mut all = std::collections::BTreeMap::new();
    for (name, folder) in folders.drain(..) {
        let (runs, warnings) = netsift::history::runs(&folder);
        history_warnings(&warnings, quiet);
        all.insert(name, netsift::history::list(&runs));
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)?;
        return Ok(());
    }
    for (name, listing) in &all {
        writeln!(out, "owner {name} (netsift history --owner {name}):\n{listing}")?;
    }
    Ok(())
}

/// `netsift diff`: what changed between two runs of one owner.
fn diff(
    out: &mut impl Write,
    (from, to): (Option<&str>, Option<&str>),
    (dir, owner): (Option<&Path>, Option<&str>),
    json: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    let folder = netsift::history::locate(dir, owner)?;
    let (diff, warnings) = netsift::history::diff(&folder, from, to)?;
    history_warnings(&warnings, quiet);
    emit(out, &diff, json)
}

/// `netsift sample`: a synthetic export and notes (and the planted truth), their paths on
/// stdout.
fn sample(
    out: &mut impl Write,
    dir: &Path,
    spec: &netsift::sample::SampleSpec,
    truth: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    let written = netsift::sample::write_sample(spec, dir)
        .with_context(|| format!("writing the sample into {}", dir.display()))?;
    if truth {
        let path = dir.join("truth.csv");
        netsift::sample::write_truth(spec, &path)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if !quiet {
        eprintln!("wrote {} bytes of CSV", written.bytes);
    }
    writeln!(out, "{}", written.export.display())?;
    writeln!(out, "{}", written.notes.display())?;
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

/// A result on stdout and the rows skipped on the way on stderr (unless `--quiet`).
fn show<T: serde::Serialize + std::fmt::Display>(
    out: &mut impl Write,
    (value, diags): (T, netsift::diag::Diagnostics),
    json: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    warn(&diags, quiet)?;
    emit(out, &value, json)
}

/// A result on stdout: as JSON with `--json`, else as text.
fn emit<T: serde::Serialize + std::fmt::Display>(
    out: &mut impl Write,
    value: &T,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)?;
    } else {
        write!(out, "{value}")?;
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
