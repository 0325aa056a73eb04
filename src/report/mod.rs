//! Stage 7, report: the output contract of DESIGN.md — `scores.csv` and `scores.json`, the
//! action lists `prune.csv`, `reconnect.csv`, `welcome.csv`, `followup.csv` (and the same
//! plan as a calendar, `followup.ics`), and
//! `summary.json` with the KPIs, `graph.json` and `graph.graphml`, the charts under `charts/`,
//! `report.html` and `report.png` — put in place together once every one is written (see
//! [`Staged`]), every CSV safe to open in a spreadsheet.

pub mod calendar;
pub mod charts;
pub mod html;
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
    prepare(dir)?;
    let out = Staged::new();
    let stage = |path: &Path, bytes: &[u8]| out.write(path, bytes);
    let trends = trend::trends(analysis, &past.trail);
    let rows: Vec<lists::ScoreRow> = (analysis.scored.par_iter().zip(&trends))
        .map(|(s, t)| lists::ScoreRow::new(analysis, s).since(t))
        .collect();
    let (prune, reconnect) = (lists::prune(analysis, &rows), lists::reconnect(&rows));
    let (welcome, followup) = (lists::welcome(analysis, &rows), followups(analysis));
    let actions = summary::Actions {
        prune: prune.len(),
        reconnect: reconnect.len(),
        welcome: welcome.len(),
        followup: followup.len(),
        followup_overdue: followup.iter().filter(|f| f.overdue_days >= 0).count(),
    };
    let summary = Summary { actions, ..Summary::new(analysis) };
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
        write_csv(&out, &dir.join("prune.csv"), &prune, lists::PRUNE)?;
        write_csv(&out, &dir.join("reconnect.csv"), &reconnect, lists::RECONNECT)?;
        write_csv(&out, &dir.join("welcome.csv"), &welcome, lists::WELCOME)?;
        write_csv(&out, &dir.join("followup.csv"), &followup, lists::FOLLOWUP)?;
        stage(&dir.join("followup.ics"), calendar::followup_ics(analysis, &followup).as_bytes())?;
        let json = serde_json::to_vec_pretty(&summary)
            .map_err(|e| Error::io(dir.join("summary.json"), e.into()))?;
        stage(&dir.join("summary.json"), &json)
    };
    let a = analysis;
    let graph_json = || -> Result<()> {
        let json = crate::graph::write::json(a.graph, a.export, a.people, a.scored)
            .map_err(|e| Error::io(dir.join("graph.json"), e.into()))?;
        stage(&dir.join("graph.json"), &json)
    };
    let graphml = || -> Result<()> {
        let xml = crate::graph::write::graphml(a.graph, a.export, a.people, a.scored);
        stage(&dir.join("graph.graphml"), &xml)
    };
    let tasks: [&(dyn Fn() -> Result<()> + Sync); 5] =
        [&scores_csv, &scores_json, &graph_json, &graphml, &lists];
    let (tables, pages) = rayon::join(
        || tasks.par_iter().try_for_each(|task| task()),
        || pages(analysis, (dir, &out), (past, &trends), &summary, (&prune, &reconnect, &welcome)),
    );
    tables?;
    let (snapshot, since) = pages?;
    out.commit_in(dir)?;
    Ok(Written { summary, snapshot, since })
}

/// The report folder made ready: created if missing (a file there is refused), and what a
/// killed run left half-written cleared.
fn prepare(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--out {} is a file; give a folder for the report (it is created if missing)",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    Staged::clear_stale(dir);
    Staged::clear_stale(&dir.join("charts"));
    Ok(())
}

/// The action lists the page shows.
type Lists<'l> = (&'l [lists::PruneRow], &'l [lists::ReconnectRow], &'l [lists::WelcomeRow]);

/// This run's snapshot and the changes since the last, then the charts, `report.png` and
/// `report.html`.
fn pages(
    analysis: &Analysis<'_>,
    (dir, out): (&Path, &Staged),
    (past, trends): (&Past, &[trend::Trend]),
    summary: &Summary,
    (prune, reconnect, welcome): Lists<'_>,
) -> Result<(crate::history::Snapshot, Option<crate::history::Diff>)> {
    let pruned: Vec<usize> = prune.iter().map(|p| p.connection).collect();
    let snapshot = kept::snapshot(analysis, summary, &pruned);
    let since = past.previous.as_ref().map(|(day, rows)| {
        crate::history::Diff::between(*day, rows, snapshot.meta.as_of, &snapshot.rows)
    });
    let mut view = view::View::new(analysis, summary, prune, reconnect, welcome);
    view.since = since.as_ref().map(view::Since::new);
    trend::show(&mut view, &past.trail, snapshot.meta.as_of.to_string(), trends);
    let mut data = charts::ChartData::new(analysis, summary);
    if !past.trend.is_empty() {
        let now = (snapshot.meta.as_of, data.tiers);
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
    out.write(&page, html.as_bytes())?;
    Ok((snapshot, since))
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
