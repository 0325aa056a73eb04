//! The stages in order, for every command that reads an export: [`load`] (the export, who is
//! who, the notes), [`score`] (interactions, features, scores, the graph), and for `analyze`
//! the history before, the report, and the history after. One [`Progress`] hears each stage.

mod days;
mod owners;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;

pub use days::{AsOfFrom, as_of_moment, data_days};

use crate::diag::Diagnostics;
use crate::error::Result;
use crate::inspect::Inspection;
use crate::interactions::Interactions;
use crate::model::Model;
use crate::people::People;
use crate::progress::Progress;
use crate::report::{Analysis, Summary};
use crate::{export, features, graph, history, notes, report, score as scoring};

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
pub fn load(export: &Path, notes: Option<&Path>, progress: &dyn Progress) -> Result<Loaded> {
    progress.lap("start");
    let export = export::read(export)?;
    progress.lap("export read");
    let mut diagnostics = export.diagnostics.clone();
    let people = People::resolve(&export, &mut diagnostics);
    owners::one_owner(&export, &people.owner, &mut diagnostics)?;
    progress.lap("identity");
    let notes = notes.map(|n| notes::read(n, &people, &mut diagnostics)).transpose()?;
    progress.lap("notes");
    Ok(Loaded { export, people, notes, diagnostics })
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

    /// The moment to score at — the end of `day`, by default the export's date — with the
    /// notes dated after it left out.
    pub fn settle(&mut self, day: Option<Date>) -> Timestamp {
        let as_of = as_of_moment(day.or(self.export.export_date), &self.export);
        self.notes_until(as_of);
        as_of
    }
}

/// Reads the export (and the notes, when given), resolves who is who, and reports what was
/// found, with every skipped or repaired row.
pub fn inspect(
    export: &Path,
    notes: Option<&Path>,
    progress: &dyn Progress,
) -> Result<(Inspection, Diagnostics)> {
    let mut loaded = load(export, notes, progress)?;
    loaded.settle(None);
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
    pub scored: Vec<scoring::Scored>,
    /// Who knows whom.
    pub graph: graph::Graph,
}

/// Runs the scoring stages over a loaded export as of `as_of`.
pub fn score(
    loaded: &Loaded,
    as_of: Timestamp,
    model: &Model,
    progress: &dyn Progress,
) -> Result<Scoring> {
    let Loaded { export, people, notes, .. } = loaded;
    let interactions = Interactions::collect(export, people, notes.as_ref(), model, as_of);
    progress.lap("interactions");
    // The conversation ties need no score: found on the other thread meanwhile.
    let (scores, groups) = rayon::join(
        || -> Result<_> {
            let features = features::compute(&interactions, export, people, model)
                .map_err(crate::Error::Table)?;
            progress.lap("features");
            let scored =
                scoring::score_all(export, &features, notes.as_ref(), model, &interactions, people);
            progress.lap("score");
            Ok((features, scored))
        },
        || graph::Graph::group_pairs(export, people, interactions.as_of),
    );
    let (features, scored) = scores?;
    let graph =
        graph::Graph::build_with(groups, export, people, &interactions, &scored, notes.as_ref());
    progress.lap("graph");
    Ok(Scoring { interactions, features, scored, graph })
}

/// What `analyze` is asked to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The export path (zip or folder).
    pub export: PathBuf,
    /// The notes file, if any.
    pub notes: Option<PathBuf>,
    /// The report folder.
    pub out: PathBuf,
    /// The day to score as of; `None`: the export's date.
    pub as_of: Option<Date>,
    /// The scoring model.
    pub model: Model,
    /// Where the history is kept, if anywhere.
    pub history: history::Choice,
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
    pub stored: Option<(PathBuf, bool)>,
    /// Entries of the history folder that are not snapshots (reported, left alone).
    pub history_warnings: Vec<String>,
    /// What the run did that the user may not expect (an as-of day after the export's data).
    pub warnings: Vec<String>,
    /// Where the day scored came from.
    pub as_of_from: AsOfFrom,
}

/// The whole run: reads the export and the notes, scores every connection as of the day asked
/// (default: the export's date), writes the report, showing what changed since the previous
/// run kept in the history, and keeps this run there.
pub fn analyze(request: &Request, progress: &dyn Progress) -> Result<Analyzed> {
    progress.stage("reading the export");
    let mut loaded = load(&request.export, request.notes.as_deref(), progress)?;
    let mut warnings: Vec<String> =
        days::check_as_of(request.as_of, &loaded.export)?.into_iter().collect();
    let owner = loaded.people.owner.identity();
    warnings.extend(unkept(owner.as_deref(), &request.history));
    progress.stage("scoring");
    let as_of_from = AsOfFrom::of(request.as_of, &loaded.export);
    let as_of = loaded.settle(request.as_of);
    let s = score(&loaded, as_of, &request.model, progress)?;
    progress.stage("reading the history");
    let day = scoring::day_of(as_of.as_second()).unwrap_or_default();
    let fingerprint = history::snapshot::fingerprint(&loaded.export, &day.to_string());
    let mut before = history::before(&request.history, owner.as_deref(), day, &fingerprint);
    progress.lap("history read");
    progress.stage("writing the report");
    let analysis = analysis(&loaded, &s, &request.model, as_of);
    let written = report::write(&analysis, &request.out, &before.past)?;
    progress.lap("report written");
    progress.stage("keeping the run in the history");
    let stored = before.keep(&written.snapshot);
    progress.lap("history kept");
    let Loaded { export, people, notes, diagnostics } = loaded;
    free_later((export, people, notes, s, before.past, written.snapshot));
    let (summary, since, history_warnings) = (written.summary, written.since, before.warnings);
    Ok(Analyzed { summary, diagnostics, since, stored, history_warnings, warnings, as_of_from })
}

/// Why the run is not kept in the default history: an export that says neither whose it is
/// nor by what name would share a history with strangers.
fn unkept(owner: Option<&str>, history: &history::Choice) -> Option<String> {
    (owner.is_none() && *history == history::Choice::Default).then(|| {
        "this export names neither its owner's profile nor their name: the run is not kept in \
         the history, so that no one else's export is ever compared with it"
            .into()
    })
}

/// A loaded and scored export as the report reads it.
fn analysis<'a>(
    loaded: &'a Loaded,
    s: &'a Scoring,
    model: &'a Model,
    as_of: Timestamp,
) -> Analysis<'a> {
    Analysis {
        graph: &s.graph,
        notes: loaded.notes.as_ref(),
        export: &loaded.export,
        people: &loaded.people,
        interactions: &s.interactions,
        features: &s.features,
        scored: &s.scored,
        model,
        as_of: as_of.as_second(),
    }
}

/// A million messages take a while to free: another thread does it while the caller goes on
/// (and a command line exits without waiting for it).
fn free_later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// The best ways in to a company or a person (see [`graph::intro`]), scored as of the
/// export's date.
pub fn intro(
    target: &str,
    export: &Path,
    notes: Option<&Path>,
    model: &Model,
    limit: usize,
    progress: &dyn Progress,
) -> Result<(graph::intro::Intro, Diagnostics)> {
    let mut loaded = load(export, notes, progress)?;
    let as_of = loaded.settle(None);
    let s = score(&loaded, as_of, model, progress)?;
    let Loaded { export, people, diagnostics, .. } = loaded;
    let known = (&s.scored[..], &s.interactions);
    Ok((graph::intro::find(&s.graph, &export, &people, known, target, limit), diagnostics))
}
