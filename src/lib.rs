//! netsift reads a LinkedIn data export and tells, connection by connection, which ties are
//! real relationships and which are clutter.
//!
//! The pipeline, one module per stage: [`export`] reads the files, [`people`] resolves who is
//! who and who the owner is, [`notes`] reads the user's own interaction notes,
//! [`interactions`] lays every event out as a table, [`features`] sums it up per person,
//! [`score`] scores and tiers every connection, [`graph`] finds who knows whom, communities
//! and brokers, [`report`] writes the outputs, [`history`] keeps a snapshot of each run and
//! says what changed; [`analyze`] runs them all. [`inspect`] reports what an export holds, [`backtest`] checks the score
//! against the user's own history, [`sample`] writes synthetic exports; [`evaluate`] is the
//! real-data evaluation of the score, for an example and the tests.

pub mod backtest;
pub mod cli;
pub mod config;
pub mod diag;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod features;
pub mod graph;
pub mod history;
pub mod inspect;
pub mod interactions;
pub mod model;
pub mod notes;
pub mod people;
pub mod progress;
pub mod report;
pub mod sample;
pub mod score;

use std::path::Path;

pub use error::{Error, Result};

use diag::Diagnostics;
use inspect::Inspection;
use interactions::Interactions;
use jiff::Timestamp;
use jiff::civil::Date;
use model::Model;
use people::People;
use report::{Analysis, Summary};

/// The first stages of every command: the export read, who is who, the notes resolved, and
/// every row skipped or repaired on the way.
pub struct Loaded {
    /// The export.
    pub export: export::Export,
    /// Who is who.
    pub people: People,
    /// The notes, when given.
    pub notes: Option<notes::Notes>,
    /// Every skipped or repaired row.
    pub diagnostics: Diagnostics,
}

/// Reads the export and the notes and resolves who is who.
pub fn load(export: &Path, notes: Option<&Path>) -> Result<Loaded> {
    progress::lap("start");
    let export = export::read(export)?;
    progress::lap("export read");
    let mut diagnostics = export.diagnostics.clone();
    let people = People::resolve(&export, &mut diagnostics);
    one_owner(&export, &people.owner, &mut diagnostics)?;
    progress::lap("identity");
    let notes = notes.map(|n| notes::read(n, &people, &mut diagnostics)).transpose()?;
    progress::lap("notes");
    Ok(Loaded { export, people, notes, diagnostics })
}

/// The other exports found beside the one read: refused when one is another person's (which
/// to read is the user's choice: exit 2 with the list), else each named with why it is not
/// read.
fn one_owner(
    export: &export::Export,
    owner: &people::Owner,
    diags: &mut Diagnostics,
) -> Result<()> {
    let mut found = vec![format!("{} (read first)", about(export, owner))];
    let mut strangers = 0;
    for unit in &export.others {
        let why = match export::read_unit(unit, export::Limits::default()) {
            Err(e) => format!("another export, not read: {e}"),
            Ok(other) => {
                let theirs = people::owner::recognise(&other);
                found.push(about(&other, &theirs));
                match (owner.same_as(&theirs), unit.date, export.export_date) {
                    (Some(false), ..) => {
                        strangers += 1;
                        "another person's export".to_string()
                    }
                    (Some(true), Some(d), Some(read)) if d == read => {
                        "a copy of the export read: not read again".to_string()
                    }
                    (Some(true), Some(d), Some(read)) if d < read => {
                        format!("an older export of the same owner ({d}): not read")
                    }
                    (Some(true), ..) => "another export of the same owner: not read".to_string(),
                    (None, ..) => "another export, whose owner cannot be told apart from this \
                                   one's (no profile, no name): not read"
                        .to_string(),
                }
            }
        };
        diags.skip(&unit.to_string(), 0, "other export", why);
    }
    if strangers == 0 {
        return Ok(());
    }
    let list: String = found.iter().map(|f| format!("\n  {f}")).collect();
    Err(Error::Usage(format!(
        "{} holds the exports of more than one person; netsift reads one person's export at \
         a time. Found:{list}\nGive one of them as the export path: its .zip, or the folder \
         holding its Connections.csv.",
        export.path.display()
    )))
}

/// One export in a list of those found: where, whose, when, how large.
fn about(export: &export::Export, owner: &people::Owner) -> String {
    let location = export.files.first().map_or(String::new(), |f| {
        let home = f.name.rsplit_once('/').map_or("", |(d, _)| d);
        match export.kind {
            export::SourceKind::Folder if !home.is_empty() => {
                export.path.join(home).display().to_string()
            }
            _ => export.path.display().to_string(),
        }
    });
    let date = export.export_date.map_or("no date in its name".into(), |d| format!("exported {d}"));
    let who = owner.name.as_deref().unwrap_or("owner not named");
    format!("{location} — {who}, {date}, {} connections", export.connections.len())
}

impl Loaded {
    /// Leaves out the notes dated after `as_of` — they had not happened by then — and reports
    /// each with its line.
    pub fn notes_until(&mut self, as_of: Timestamp) {
        let Some(notes) = self.notes.as_mut() else { return };
        let day = report::date(Some(as_of.as_second()));
        let (kept, later): (Vec<_>, Vec<_>) = std::mem::take(&mut notes.notes)
            .into_iter()
            .partition(|n| features::midnight(n.date).is_some_and(|t| t <= as_of.as_second()));
        notes.later += later.len() as u64;
        for n in later {
            let message = format!("dated {}, after the as-of day {day}: not counted", n.date);
            self.diagnostics.skip(&notes.file, n.line, "note after the as-of day", message);
        }
        notes.notes = kept;
    }
}

/// Reads the export (and the notes, when given), resolves who is who, and reports what was
/// found, with every skipped or repaired row.
pub fn inspect(export: &Path, notes: Option<&Path>) -> Result<(Inspection, Diagnostics)> {
    let mut loaded = load(export, notes)?;
    loaded.notes_until(as_of_moment(loaded.export.export_date, &loaded.export));
    let Loaded { export, people, notes, diagnostics } = loaded;
    let inspection = Inspection::new(&export, &people, notes.as_ref(), &diagnostics);
    Ok((inspection, diagnostics))
}

/// The scoring stages over a loaded export: every interaction up to `as_of`, the features,
/// the scored connections and the relationship graph.
pub struct Scoring {
    /// Every interaction up to the moment of scoring.
    pub interactions: Interactions,
    /// Features by person.
    pub features: Vec<features::Features>,
    /// The scored connections, in Connections.csv order.
    pub scored: Vec<score::Scored>,
    /// Who knows whom.
    pub graph: graph::Graph,
}

/// Runs the scoring stages over a loaded export as of `as_of`.
pub fn score(loaded: &Loaded, as_of: Timestamp, model: &Model) -> Result<Scoring> {
    let Loaded { export, people, notes, .. } = loaded;
    let interactions = Interactions::collect(export, people, notes.as_ref(), model, as_of);
    progress::lap("interactions");
    // The conversation ties need no score: found on the other thread meanwhile.
    let (scoring, groups) = rayon::join(
        || -> Result<_> {
            let features = features::compute(&interactions, export, people, model)?;
            progress::lap("features");
            let scored =
                score::score_all(export, &features, notes.as_ref(), model, &interactions, people);
            progress::lap("score");
            Ok((features, scored))
        },
        || graph::Graph::group_pairs(export, people, interactions.as_of),
    );
    let (features, scored) = scoring?;
    let graph =
        graph::Graph::build_with(groups, export, people, &interactions, &scored, notes.as_ref());
    progress::lap("graph");
    Ok(Scoring { interactions, features, scored, graph })
}

/// What `analyze` did besides writing the report.
#[derive(Debug)]
pub struct Analyzed {
    /// The KPIs (`summary.json`).
    pub summary: Summary,
    /// Every skipped or repaired row.
    pub diagnostics: Diagnostics,
    /// The changes since the previous stored run, when there is one.
    pub since: Option<history::Diff>,
    /// Where this run is kept in the history, and whether it was stored now (`false`: the same
    /// export was analysed before); `None` without history.
    pub stored: Option<(std::path::PathBuf, bool)>,
    /// Entries of the history folder that are not snapshots (reported, left alone).
    pub history_warnings: Vec<String>,
    /// What the run did that the user may not expect (an as-of day after the export's data).
    pub warnings: Vec<String>,
}

/// The whole run: reads the export and the notes, scores every connection as of `as_of`
/// (default: the export's date), writes the report into `out`, showing what changed since the
/// previous run kept in the history, and keeps this run there; `stage` hears what is being
/// done.
pub fn analyze(
    export: &Path,
    notes: Option<&Path>,
    out: &Path,
    as_of: Option<Date>,
    model: &Model,
    history: &history::Choice,
    stage: &dyn Fn(&'static str),
) -> Result<Analyzed> {
    stage("reading the export");
    let mut loaded = load(export, notes)?;
    let mut warnings: Vec<String> = check_as_of(as_of, &loaded.export)?.into_iter().collect();
    let identity = loaded.people.owner.identity();
    if identity.is_none() && *history == history::Choice::Default {
        warnings.push(
            "this export names neither its owner's profile nor their name: the run is not \
             kept in the history, so that no one else's export is ever compared with it"
                .into(),
        );
    }
    stage("scoring");
    let as_of = as_of_moment(as_of.or(loaded.export.export_date), &loaded.export);
    loaded.notes_until(as_of);
    let s = score(&loaded, as_of, model)?;
    stage("reading the history");
    let folder = history::folder(history, identity.as_deref());
    let day = report::date(Some(as_of.as_second()));
    let fingerprint = history::snapshot::fingerprint(&loaded.export, &day);
    let (runs, mut history_warnings) =
        folder.as_deref().map_or_else(Default::default, history::runs);
    let (earlier, others) =
        history::earlier_of_owner(&runs, identity.as_deref(), &day, &fingerprint);
    history_warnings.extend(others);
    // The latest earlier run whose rows read; an unreadable one is reported and passed over.
    let mut previous = None;
    for run in earlier.iter().rev() {
        match run.rows() {
            Ok(rows) => {
                previous = Some((run.meta.as_of.clone(), rows));
                break;
            }
            Err(e) => history_warnings.push(format!("{e}; skipped")),
        }
    }
    let trend = earlier.iter().map(|r| (r.meta.as_of.clone(), r.meta.headline().1)).collect();
    let past = report::Past { previous, trend };
    progress::lap("history read");
    stage("writing the report");
    let analysis = Analysis {
        graph: &s.graph,
        notes: loaded.notes.as_ref(),
        export: &loaded.export,
        people: &loaded.people,
        interactions: &s.interactions,
        features: &s.features,
        scored: &s.scored,
        model,
        as_of: as_of.as_second(),
    };
    let written = report::write(&analysis, out, &past)?;
    progress::lap("report written");
    // The report is written: a history that cannot be kept is a warning, not a failure.
    let stored = match folder {
        Some(dir) => {
            stage("keeping the run in the history");
            match history::store(&dir, &written.snapshot) {
                Ok(stored) => Some((dir, stored)),
                Err(e) => {
                    history_warnings.push(format!("this run could not be kept: {e}"));
                    None
                }
            }
        }
        None => None,
    };
    progress::lap("history kept");
    // A million messages take a while to free: another thread does it while the caller goes
    // on (and a command line exits without waiting for it).
    let Loaded { export, people, notes, diagnostics } = loaded;
    rayon::spawn(move || drop((export, people, notes, s, past, written.snapshot)));
    Ok(Analyzed {
        summary: written.summary,
        diagnostics,
        since: written.since,
        stored,
        history_warnings,
        warnings,
    })
}

/// The best ways in to a company or a person (see [`graph::intro`]), scored as of the
/// export's date.
pub fn intro(
    target: &str,
    export: &Path,
    notes: Option<&Path>,
    model: &Model,
) -> Result<(graph::intro::Intro, Diagnostics)> {
    let mut loaded = load(export, notes)?;
    let as_of = as_of_moment(loaded.export.export_date, &loaded.export);
    loaded.notes_until(as_of);
    let s = score(&loaded, as_of, model)?;
    let Loaded { export, people, diagnostics, .. } = loaded;
    Ok((graph::intro::find(&s.graph, &export, &people, &s.scored, target), diagnostics))
}

/// The first and the last day the export's data speaks of: connections made, messages and
/// invitations sent, and the export's own date; `None` for an export without any.
pub fn data_days(export: &export::Export) -> Option<(Date, Date)> {
    let utc = |t: Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
    let days = export
        .messages
        .rows
        .iter()
        .map(|m| utc(m.time))
        .chain(export.invitations.iter().map(|i| utc(i.sent_at)))
        .chain(export.connections.iter().filter_map(|c| c.connected_on))
        .chain(export.export_date);
    days.fold(None, |range, d| match range {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

/// Refuses an as-of day before anything in the export (an empty report would say nothing);
/// a day after its last day is allowed — the silence since counts as silence — and said.
fn check_as_of(day: Option<Date>, export: &export::Export) -> Result<Option<String>> {
    let (Some(day), Some((first, last))) = (day, data_days(export)) else { return Ok(None) };
    if day < first {
        return Err(Error::Usage(format!(
            "--as-of {day} is before anything in this export: its data runs from {first} to \
             {last}; choose a day in that range"
        )));
    }
    Ok((day > last).then(|| {
        format!(
            "--as-of {day} is after the export's last day, {last}: nothing later is known, so \
             the scores count the {} days since as silence",
            (day - last).get_days()
        )
    }))
}

/// The end of the given day (UTC); without one, the latest moment in the data.
pub fn as_of_moment(day: Option<Date>, export: &export::Export) -> Timestamp {
    let end =
        |d: Date| d.at(23, 59, 59, 0).to_zoned(jiff::tz::TimeZone::UTC).map(|z| z.timestamp()).ok();
    if let Some(t) = day.and_then(end) {
        return t;
    }
    let latest = export
        .messages
        .rows
        .iter()
        .map(|m| m.time)
        .chain(export.invitations.iter().map(|i| i.sent_at))
        .chain(export.connections.iter().filter_map(|c| c.connected_on.and_then(end)))
        .max();
    latest.unwrap_or(Timestamp::UNIX_EPOCH)
}
