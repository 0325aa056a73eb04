//! Stage 7, report: the output contract of DESIGN.md — `scores.csv` and `scores.json`, the
//! action lists `prune.csv`, `reconnect.csv`, `welcome.csv`, `followup.csv` (and the same
//! plan as a calendar, `followup.ics`), who changed jobs since the previous run
//! (`changes.csv`), and
//! `summary.json` with the KPIs, `graph.json` and `graph.graphml`, the charts under `charts/`,
//! `report.html` and `report.png` — put in place together once every one is written (see
//! [`Staged`]), every CSV safe to open in a spreadsheet.

pub mod calendar;
pub mod charts;
pub mod html;
pub mod jobs;
mod kept;
pub mod lists;
mod staged;
mod summary;
pub mod trend;
pub mod view;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

pub(crate) use crate::day::date;
pub use crate::history::Past;
pub use lists::{Followup, followups};
pub use staged::Staged;
pub use summary::Summary;

use crate::error::{Error, Result};
use crate::export::Export;
use crate::features::Features;
use crate::interactions::Interactions;
use crate::model::Model;
use crate::people::People;
use crate::score::Scored;

/// Everything one analysis produced, ready to be written.
pub struct Analysis<'a> {
    /// The export read.
    pub export: &'a Export,
    /// Who is who.
    pub people: &'a People,
    /// Every interaction up to the moment of scoring.
    pub interactions: &'a Interactions,
    /// Features by person.
    pub features: &'a [Features],
    /// The relationship graph.
    pub graph: &'a crate::graph::Graph,
    /// The notes, when given.
    pub notes: Option<&'a crate::notes::Notes>,
    /// The scored connections, in Connections.csv order.
    pub scored: &'a [Scored],
    /// The model used.
    pub model: &'a Model,
    /// The moment of scoring (seconds since 1970).
    pub as_of: i64,
}

/// What writing the report produced besides the files.
#[derive(Clone, Debug)]
pub struct Written {
    /// The KPIs (`summary.json`).
    pub summary: Summary,
    /// This run as the history keeps it.
    pub snapshot: crate::history::Snapshot,
    /// The changes since the previous run, when there is one.
    pub since: Option<crate::history::Diff>,
}

/// Writes every output file into `dir` (created if needed), showing the changes since the
/// `past` runs, and returns the summary and this run's snapshot. The files replace the
/// previous report only once every one of them is written.
pub fn write(analysis: &Analysis<'_>, dir: &Path, past: &Past) -> Result<Written> {
    let out = prepare(dir)?;
    let stage = |path: &Path, bytes: &[u8]| out.write(path, bytes);
    let trends = trend::trends(analysis, &past.trail);
    let rows: Vec<lists::ScoreRow> = (analysis.scored.par_iter().zip(&trends))
        .map(|(s, t)| lists::ScoreRow::new(analysis, s).since(t))
        .collect();
    let (made, kept, since) = Lists::new(analysis, &rows, past);
    let summary = Summary { actions: made.actions(), ..Summary::new(analysis) };
    // The tables, the graph files and the pages, each on whichever thread is free.
    let scores_csv = || {
        let csv: Vec<lists::ScoreCsv<'_>> = rows.iter().map(lists::ScoreRow::csv).collect();
        write_csv(&out, &dir.join("scores.csv"), &csv, lists::SCORES)
    };
    let scores_json = || -> Result<()> {
        let json =
            serde_json::to_vec(&rows).map_err(|e| Error::io(dir.join("scores.json"), e.into()))?;
        stage(&dir.join("scores.json"), &json)
    };
    let lists = || -> Result<()> {
        write_csv(&out, &dir.join("prune.csv"), &made.prune, lists::PRUNE)?;
        write_csv(&out, &dir.join("reconnect.csv"), &made.reconnect, lists::RECONNECT)?;
        write_csv(&out, &dir.join("welcome.csv"), &made.welcome, lists::WELCOME)?;
        write_csv(&out, &dir.join("followup.csv"), &made.followup, lists::FOLLOWUP)?;
        write_csv(&out, &dir.join("changes.csv"), &made.changes, jobs::CHANGES)?;
        let ics = calendar::followup_ics(analysis, &made.followup);
        stage(&dir.join("followup.ics"), ics.as_bytes())?;
        let json = serde_json::to_vec_pretty(&summary)
            .map_err(|e| Error::io(dir.join("summary.json"), e.into()))?;
        stage(&dir.join("summary.json"), &json)
    };
    let graph_files = || graph_files(analysis, dir, &out);
    let tasks: [&(dyn Fn() -> Result<()> + Sync); 4] =
        [&scores_csv, &scores_json, &graph_files, &lists];
    let compared = (past, since.as_ref());
    let (tables, pages) = rayon::join(
        || tasks.par_iter().try_for_each(|task| task()),
        || pages(analysis, (dir, &out), (past, compared.1, &trends), &summary, &made),
    );
    tables?;
    pages?;
    out.commit_in(dir)?;
    let snapshot = kept::snapshot(analysis, &summary, kept);
    Ok(Written { summary, snapshot, since })
}

/// The report folder made ready: created if missing, what a killed run left there removed.
fn prepare(dir: &Path) -> Result<Staged> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--out {} is a file; give a folder for the report (it is created if missing)",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    Staged::clear_stale(dir);
    Staged::clear_stale(&dir.join("charts"));
    Ok(Staged::new())
}

/// This run as the history keeps it, and the changes since the previous run kept there.
fn kept_and_since(
    a: &Analysis<'_>,
    prune: &[lists::PruneRow],
    past: &Past,
) -> (Vec<crate::history::Row>, Option<crate::history::Diff>) {
    let pruned: Vec<usize> = prune.iter().map(|p| p.connection).collect();
    let rows = kept::rows(a, &pruned);
    let day = crate::score::day_of(a.as_of).unwrap_or_default();
    let since = past
        .previous
        .as_ref()
        .map(|(then, before)| crate::history::Diff::between(*then, before, day, &rows));
    (rows, since)
}

/// Stages `graph.json` and `graph.graphml`.
fn graph_files(a: &Analysis<'_>, dir: &Path, out: &Staged) -> Result<()> {
    let json = crate::graph::write::json(a.graph, a.export, a.people, a.scored)
        .map_err(|e| Error::io(dir.join("graph.json"), e.into()))?;
    out.write(&dir.join("graph.json"), &json)?;
    let xml = crate::graph::write::graphml(a.graph, a.export, a.people, a.scored);
    out.write(&dir.join("graph.graphml"), &xml)
}

/// The action lists, as written: the page and the poster show their first rows.
pub struct Lists {
    /// prune.csv.
    pub prune: Vec<lists::PruneRow>,
    /// reconnect.csv.
    pub reconnect: Vec<lists::ReconnectRow>,
    /// welcome.csv.
    pub welcome: Vec<lists::WelcomeRow>,
    /// followup.csv.
    pub followup: Vec<lists::Followup>,
    /// changes.csv.
    pub changes: Vec<jobs::ChangeRow>,
}

impl Lists {
    /// The lists of an analysis from its scored rows, with this run as the history keeps it
    /// and the changes since the previous run (reconnect.csv opens with who changed jobs).
    fn new(
        a: &Analysis<'_>,
        rows: &[lists::ScoreRow],
        past: &Past,
    ) -> (Lists, Vec<crate::history::Row>, Option<crate::history::Diff>) {
        let prune = lists::prune(a, rows);
        let (kept, since) = kept_and_since(a, &prune, past);
        let reconnect = lists::reconnect(rows, &jobs::by_connection(a, &kept, since.as_ref()));
        let made = Lists {
            prune,
            reconnect,
            welcome: lists::welcome(a, rows),
            followup: followups(a),
            changes: jobs::rows(since.as_ref()),
        };
        (made, kept, since)
    }

    /// Their lengths, as the summary, stdout and the page give them.
    fn actions(&self) -> summary::Actions {
        summary::Actions {
            prune: self.prune.len(),
            reconnect: self.reconnect.len(),
            welcome: self.welcome.len(),
            followup: self.followup.len(),
            followup_overdue: self.followup.iter().filter(|f| f.overdue_days >= 0).count(),
            changed_jobs: self.changes.len(),
        }
    }
}

/// The charts, `report.png` and `report.html`, showing the changes `since` the last run.
fn pages(
    analysis: &Analysis<'_>,
    (dir, out): (&Path, &Staged),
    (past, since, trends): (&Past, Option<&crate::history::Diff>, &[trend::Trend]),
    summary: &Summary,
    lists: &Lists,
) -> Result<()> {
    let mut view = view::View::new(analysis, summary, lists);
    view.since = since.map(view::Since::new);
    view.jobs = jobs::Jobs::new(since);
    let day = crate::score::day_of(analysis.as_of).unwrap_or_default();
    trend::show(&mut view, &past.trail, day.to_string(), trends);
    let mut data = charts::ChartData::new(analysis, summary);
    if !past.trend.is_empty() {
        let now = (crate::score::day_of(analysis.as_of).unwrap_or_default(), data.tiers);
        data.trend = past.trend.iter().cloned().chain([now]).collect();
    }
    let rendered = charts::write(&data, dir, out)?;
    let image = dir.join("report.png");
    let png = charts::poster::png(&view.poster(&data))
        .map_err(|message| Error::Chart { file: image.clone(), message })?;
    out.write(&image, &png)?;
    let page = dir.join("report.html");
    let html = html::render(&view, &rendered)
        .map_err(|message| Error::Chart { file: page.clone(), message })?;
    out.write(&page, html.as_bytes())
}

/// Stages `rows` as the CSV file `path` (header from the field names; every text cell was
/// neutralised against formulas when the row was made). With no rows, `header` is written
/// alone: an empty list still names its columns.
fn write_csv<T: Serialize>(out: &Staged, path: &Path, rows: &[T], header: &[&str]) -> Result<()> {
    let unwritten =
        |e: csv::Error| Error::Output { path: path.to_path_buf(), message: e.to_string() };
    let mut w = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        w.write_record(header).map_err(unwritten)?;
    }
    for row in rows {
        w.serialize(row).map_err(unwritten)?;
    }
    let bytes = w.into_inner().map_err(|e| unwritten(e.into_error().into()))?;
    out.write(path, &bytes)
}

/// A cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR at its
/// start) gets a leading `'`, so it shows as text.
pub fn safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}
