//! Stage 8, history: every `analyze` stores a snapshot — the scored connections as Parquet and
//! the summary as JSON — in a folder per owner, so the next run can say what changed. A
//! snapshot is a folder written under a hidden name and renamed into place, so a run killed at
//! any moment leaves the history as it was. Anything else found in the folder is reported and
//! skipped, never deleted.

pub mod diff;
pub mod jobs;
pub mod person;
pub mod snapshot;
pub mod trail;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use diff::Diff;
pub use jobs::JobChange;
pub use person::{Course, course};
pub use snapshot::{Row, Snapshot};
pub use trail::Trail;

use crate::error::{Error, Result};
use crate::score::TierCounts;

/// The version of the snapshot layout; a snapshot of another version is skipped with a warning.
pub const SCHEMA_VERSION: u32 = 1;
/// The scored connections in a snapshot folder.
pub const ROWS_FILE: &str = "scores.parquet";
/// The run's description in a snapshot folder.
pub const META_FILE: &str = "run.json";

/// Where the history lives, as the command line chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// `$XDG_DATA_HOME/netsift/history/<owner>` (`~/.local/share/…` without it).
    Default,
    /// `--history DIR`: this folder holds the snapshots.
    Dir(PathBuf),
    /// `--no-history`.
    Off,
}

/// The base folder of every owner's history: `$XDG_DATA_HOME/netsift/history`, or
/// `$HOME/.local/share/netsift/history`.
pub fn base() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let data = xdg.or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).filter(|p| p.is_absolute())?;
        Some(home.join(".local/share"))
    })?;
    Some(data.join("netsift").join("history"))
}

/// The folder name of an owner's history, from their identity ([`Owner::identity`]): their
/// profile's slug, or `name-` and their name; `None` for an owner not known.
///
/// [`Owner::identity`]: crate::people::Owner::identity
pub fn owner_folder(identity: Option<&str>) -> Option<String> {
    let identity = identity?;
    let (prefix, raw) = match identity.strip_prefix("name:") {
        Some(name) => ("name-", name.to_lowercase().replace(' ', "-")),
        None => ("", identity.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string()),
    };
    let keep = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '%');
    let safe: String = raw.chars().map(|c| if keep(c) { c } else { '_' }).collect();
    let empty = safe.chars().all(|c| c == '_' || c == '-');
    (!empty).then(|| format!("{prefix}{safe}"))
}

/// The snapshot folder for a choice and an owner's identity; `None` with `--no-history`, when
/// there is no home to keep it in, or, by default, when the export does not say whose it is
/// (two strangers' exports must never share a history).
pub fn folder(choice: &Choice, identity: Option<&str>) -> Option<PathBuf> {
    match choice {
        Choice::Off => None,
        Choice::Dir(dir) => Some(dir.clone()),
        Choice::Default => Some(base()?.join(owner_folder(identity)?)),
    }
}

/// The runs of `owner` before `day` (and not this export's, by `fingerprint`), oldest first,
/// and a warning for the runs of anyone else the folder holds: those are never compared.
pub fn earlier_of_owner<'r>(
    runs: &'r [Run],
    owner: Option<&str>,
    day: Date,
    fingerprint: &str,
) -> (Vec<&'r Run>, Vec<String>) {
    let before = runs.iter().filter(|r| r.meta.as_of <= day && r.meta.fingerprint != fingerprint);
    let (mine, others): (Vec<&Run>, Vec<&Run>) =
        before.partition(|r| owner.is_some() && r.meta.owner.as_deref() == owner);
    let warning = match (others.len(), owner) {
        (0, _) => None,
        (n, Some(_)) => Some(format!(
            "{n} earlier run(s) in this history are of another owner (or of one not known): \
             not compared with this export"
        )),
        (n, None) => Some(format!(
            "this export does not say whose it is: not compared with the {n} earlier run(s) here"
        )),
    };
    (mine, warning.into_iter().collect())
}

/// The stored runs before this one, as the report shows them.
#[derive(Clone, Debug, Default)]
pub struct Past {
    /// The latest earlier run: its day and rows.
    pub previous: Option<(Date, Vec<Row>)>,
    /// Every earlier run: its day and tier counts.
    pub trend: Vec<(Date, TierCounts)>,
    /// Every earlier run whose rows read: each person's tier and score.
    pub trail: Trail,
}

/// The history around one run: the folder it is kept in, the runs before it, and what was
/// passed over on the way.
#[derive(Debug)]
pub struct Before {
    /// The owner's history folder; `None` when the run is not kept.
    pub folder: Option<PathBuf>,
    /// The earlier runs of the owner.
    pub past: Past,
    /// Entries passed over: foreign, unreadable, another owner's.
    pub warnings: Vec<String>,
}

/// The history of `owner` before `day`, for the run of `fingerprint` (never compared with
/// itself), as `choice` places it.
pub fn before(choice: &Choice, owner: Option<&str>, day: Date, fingerprint: &str) -> Before {
    let folder = folder(choice, owner);
    let (runs, mut warnings) = folder.as_deref().map_or_else(Default::default, runs);
    let (earlier, others) = earlier_of_owner(&runs, owner, day, fingerprint);
    warnings.extend(others);
    let (previous, trail) = read_earlier(&earlier, &mut warnings);
    let trend = earlier.iter().map(|r| (r.meta.as_of, r.meta.summary.tiers)).collect();
    Before { folder, past: Past { previous, trend, trail }, warnings }
}

/// The rows of every run of `earlier` (each read on whichever thread is free): the latest
/// readable run's whole, and everyone's tier and score in each. A run whose rows do not read
/// is reported and passed over.
fn read_earlier(earlier: &[&Run], warnings: &mut Vec<String>) -> (Option<(Date, Vec<Row>)>, Trail) {
    use rayon::prelude::*;
    let read: Vec<(Date, Result<Vec<Row>>)> =
        earlier.par_iter().map(|r| (r.meta.as_of, r.rows())).collect();
    let (mut previous, mut trail) = (None, Trail::default());
    for (day, rows) in read {
        match rows {
            Ok(rows) => {
                trail.push(day, &rows);
                previous = Some((day, rows));
            }
            Err(e) => warnings.push(format!("{e}; skipped")),
        }
    }
    (previous, trail)
}

impl Before {
    /// Keeps `snapshot` in the owner's folder: where, and whether it was stored now (`false`:
    /// this export was there already). The report is written by then: a history that cannot
    /// be kept is a warning, not a failure.
    pub fn keep(&mut self, snapshot: &Snapshot) -> Option<(PathBuf, bool)> {
        let dir = self.folder.clone()?;
        match store(&dir, snapshot) {
            Ok(stored) => Some((dir, stored)),
            Err(e) => {
                self.warnings.push(format!("this run could not be kept: {e}"));
                None
            }
        }
    }
}

/// Whether two runs are of one owner, both known: the only runs ever compared.
pub fn same_owner(a: &Meta, b: &Meta) -> bool {
    a.owner.is_some() && a.owner == b.owner
}

/// What a stored run says about itself (`run.json`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Meta {
    /// [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// netsift's version.
    pub netsift_version: String,
    /// The day scored as of.
    pub as_of: Date,
    /// The date in the export's name, when there was one.
    pub export_date: Option<Date>,
    /// Identifies the export and the day: the same export analysed again is not stored twice.
    pub fingerprint: String,
    /// The owner's identity: their profile URL, or `name:` and their name.
    pub owner: Option<String>,
    /// The run's `summary.json`.
    pub summary: RunSummary,
}

/// A run's `summary.json` as its `run.json` keeps it: what the history reads of it, typed,
/// and the rest as it was written.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RunSummary {
    /// Connections scored.
    pub connections: u64,
    /// Connections per tier.
    pub tiers: TierCounts,
    /// The share of connections ever two-way.
    pub quality_ratio: f64,
    /// Everything else of `summary.json`.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

/// A stored run: its folder and what it says about itself.
#[derive(Clone, Debug)]
pub struct Run {
    /// Its folder's name: `<as_of>_<fingerprint>`.
    pub id: String,
    /// Its folder.
    pub path: PathBuf,
    /// Its description.
    pub meta: Meta,
}

impl Run {
    /// Reads the run's scored connections.
    pub fn rows(&self) -> Result<Vec<Row>> {
        snapshot::read_rows(&self.path.join(ROWS_FILE))
    }
}

/// The runs stored in `dir`, oldest first, and a warning for each entry that is not a
/// readable snapshot (left where it is). A missing folder is an empty history.
pub fn runs(dir: &Path) -> (Vec<Run>, Vec<String>) {
    let (mut runs, mut warnings) = (Vec::new(), Vec::new());
    let Ok(entries) = std::fs::read_dir(dir) else { return (runs, warnings) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a snapshot being written, or one a killed run left half-written
        }
        let path = entry.path();
        match read_meta(&path) {
            Ok(meta) => runs.push(Run { id: name, path, meta }),
            Err(why) => warnings
                .push(format!("{}: not a netsift snapshot ({why}); skipped", path.display())),
        }
    }
    runs.sort_by(|a, b| a.meta.as_of.cmp(&b.meta.as_of).then(a.id.cmp(&b.id)));
    (runs, warnings)
}

fn read_meta(path: &Path) -> std::result::Result<Meta, String> {
    if !path.is_dir() {
        return Err("a file, not a snapshot folder".into());
    }
    let bytes = std::fs::read(path.join(META_FILE)).map_err(|e| format!("{META_FILE}: {e}"))?;
    let meta: Meta = serde_json::from_slice(&bytes).map_err(|e| format!("{META_FILE}: {e}"))?;
    if meta.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "schema version {}, this netsift reads {SCHEMA_VERSION}",
            meta.schema_version
        ));
    }
    let rows = path.join(ROWS_FILE);
    if !rows.is_file() {
        return Err(format!("{ROWS_FILE} missing"));
    }
    Ok(meta)
}

/// Stores a snapshot in `dir` unless a run of the same fingerprint is there already; returns
/// whether it was stored. Written into a hidden folder, then renamed into place in one step.
pub fn store(dir: &Path, snapshot: &Snapshot) -> Result<bool> {
    // The folder's name carries the day and the fingerprint: its presence says it all, without
    // reading every run's description again.
    let id = format!("{}_{}", snapshot.meta.as_of, &snapshot.meta.fingerprint[..12]);
    if dir.join(&id).exists() {
        return Ok(false);
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let incoming = dir.join(format!(".incoming-{}-{nanos}", std::process::id()));
    let written = write_into(&incoming, snapshot).and_then(|()| {
        let target = dir.join(&id);
        std::fs::rename(&incoming, &target).map_err(|e| Error::io(&target, e))
    });
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&incoming);
    }
    written.map(|()| true)
}

fn write_into(folder: &Path, snapshot: &Snapshot) -> Result<()> {
    std::fs::create_dir(folder).map_err(|e| Error::io(folder, e))?;
    let rows = folder.join(ROWS_FILE);
    snapshot::write_rows(&rows, &snapshot.rows)?;
    let meta = folder.join(META_FILE);
    let json = serde_json::to_vec_pretty(&snapshot.meta).map_err(|e| Error::io(&meta, e.into()))?;
    std::fs::write(&meta, json).map_err(|e| Error::io(&meta, e))?;
    // Both files on disk before the rename makes the snapshot visible.
    for file in [&rows, &meta] {
        std::fs::File::open(file).and_then(|f| f.sync_all()).map_err(|e| Error::io(file, e))?;
    }
    Ok(())
}

/// The owners' folders under the default history folder `base`, by name.
fn owners(base: &Path) -> Vec<String> {
    let mut owners: Vec<String> = std::fs::read_dir(base)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    owners.sort();
    owners
}

/// The history folders `netsift history` lists: the one named, or every owner's when the
/// default folder holds several (each with its owner's folder name).
pub fn locate_all(dir: Option<&Path>, owner: Option<&str>) -> Result<Vec<(String, PathBuf)>> {
    if dir.is_none() && owner.is_none() {
        let base = base().filter(|b| owners(b).len() > 1);
        if let Some(base) = base {
            return Ok(owners(&base).into_iter().map(|o| (o.clone(), base.join(o))).collect());
        }
    }
    let folder = locate(dir, owner)?;
    let name = folder.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    Ok(vec![(name, folder)])
}

/// The history folder for `netsift history` and `netsift diff`: `--history DIR`, else the
/// owner's folder under [`base`] (`--owner`, or the only owner there is).
pub fn locate(dir: Option<&Path>, owner: Option<&str>) -> Result<PathBuf> {
    if let Some(dir) = dir {
        return Ok(dir.to_path_buf());
    }
    let base = base().ok_or_else(|| {
        Error::Usage("no home folder to find the history in; give --history DIR".into())
    })?;
    if let Some(owner) = owner {
        let folder = owner_folder(Some(owner))
            .ok_or_else(|| Error::Usage(format!("--owner {owner:?} names no profile")))?;
        return Ok(base.join(folder));
    }
    let owners = owners(&base);
    match owners.as_slice() {
        [one] => Ok(base.join(one)),
        [] => Err(Error::Usage(format!(
            "no history in {} yet: `netsift analyze` keeps one run per export",
            base.display()
        ))),
        many => Err(Error::Usage(format!(
            "{} holds the history of several owners ({}); choose one with --owner",
            base.display(),
            many.join(", ")
        ))),
    }
}

/// A stored run as `netsift history` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Listed {
    /// The run's folder name (what `netsift diff` accepts, as does its day).
    pub id: String,
    /// The day scored as of.
    pub as_of: Date,
    /// Connections.
    pub connections: u64,
    /// Connections per tier.
    pub tiers: TierCounts,
    /// The share of connections ever two-way.
    pub quality_ratio: f64,
}

/// Every stored run, oldest first, as `netsift history` lists them (JSON: an array).
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct Listing(pub Vec<Listed>);

/// Every run in `dir`, oldest first.
pub fn list(runs: &[Run]) -> Listing {
    Listing(
        runs.iter()
            .map(|r| Listed {
                id: r.id.clone(),
                as_of: r.meta.as_of,
                connections: r.meta.summary.connections,
                tiers: r.meta.summary.tiers,
                quality_ratio: r.meta.summary.quality_ratio,
            })
            .collect(),
    )
}

/// The runs as a table for stdout; the `unknown` column only where a run has such connections.
impl std::fmt::Display for Listing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unknown = self.0.iter().any(|l| l.tiers.unknown > 0);
        let extra =
            |n: &dyn std::fmt::Display| if unknown { format!(" {n:>7}") } else { String::new() };
        writeln!(
            f,
            "{:<10}  {:>11}  {:>5} {:>6} {:>7} {:>5} {:>4} {:>7}{}  {:>7}  run",
            "as of",
            "connections",
            "core",
            "active",
            "dormant",
            "weak",
            "new",
            "clutter",
            extra(&"unknown"),
            "two-way"
        )?;
        for l in &self.0 {
            let t = &l.tiers;
            writeln!(
                f,
                "{:<10}  {:>11}  {:>5} {:>6} {:>7} {:>5} {:>4} {:>7}{}  {:>6.0}%  {}",
                l.as_of.to_string(),
                l.connections,
                t.core,
                t.active,
                t.dormant,
                t.weak,
                t.new,
                t.clutter,
                extra(&t.unknown),
                100.0 * l.quality_ratio,
                l.id
            )?;
        }
        if self.0.is_empty() {
            writeln!(f, "(no runs yet)")?;
        }
        Ok(())
    }
}

/// The run a `netsift diff` argument names: its folder name, or its day (the latest run of
/// that day).
pub fn select<'r>(runs: &'r [Run], which: &str) -> Result<&'r Run> {
    let day: Option<Date> = which.parse().ok();
    runs.iter().rev().find(|r| r.id == which || Some(r.meta.as_of) == day).ok_or_else(|| {
        let known: Vec<String> = runs.iter().map(|r| r.meta.as_of.to_string()).collect();
        Error::Usage(format!("no run {which:?} in the history (runs: {})", known.join(", ")))
    })
}

/// The changes between two stored runs (default: the last two), the earlier named first.
pub fn diff(dir: &Path, from: Option<&str>, to: Option<&str>) -> Result<(Diff, Vec<String>)> {
    let (runs, warnings) = runs(dir);
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (select(&runs, f)?, select(&runs, t)?),
        (Some(f), None) => (select(&runs, f)?, runs.last().ok_or_else(|| no_runs(dir, 0))?),
        (None, _) => match runs.as_slice() {
            [.., a, b] => (a, b),
            _ => return Err(no_runs(dir, runs.len())),
        },
    };
    if !same_owner(&from.meta, &to.meta) {
        let who = |m: &Meta| m.owner.clone().unwrap_or_else(|| "an unknown owner".into());
        return Err(Error::Usage(format!(
            "the run of {} is of {} and the run of {} of {}: a diff compares one owner's exports",
            from.meta.as_of,
            who(&from.meta),
            to.meta.as_of,
            who(&to.meta)
        )));
    }
    // Reversed, every count reads backwards ("you pruned" what was added): refused.
    if (&from.meta.as_of, &from.id) > (&to.meta.as_of, &to.id) {
        return Err(Error::Usage(format!(
            "the run of {} is later than the run of {}: name the earlier run first \
             (netsift diff {} {})",
            from.meta.as_of, to.meta.as_of, to.meta.as_of, from.meta.as_of
        )));
    }
    Ok((Diff::between(from.meta.as_of, &from.rows()?, to.meta.as_of, &to.rows()?), warnings))
}

fn no_runs(dir: &Path, n: usize) -> Error {
    Error::Usage(format!(
        "{} holds {n} run(s); a diff needs two (`netsift analyze` keeps one per export)",
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_folders_are_safe_names() {
        let folder = |id: Option<&str>| owner_folder(id);
        assert_eq!(folder(Some("https://www.linkedin.com/in/owen-owner")).unwrap(), "owen-owner");
        assert_eq!(
            folder(Some("https://www.linkedin.com/in/j%C3%BCrgen/")).unwrap(),
            "j%C3%BCrgen"
        );
        assert_eq!(folder(Some("name:Ana María O'Neil")).unwrap(), "name-ana-maría-o_neil");
        assert_eq!(folder(Some("https://www.linkedin.com/in/../..")), None);
        assert_eq!(folder(Some("name: ")), None);
        assert_eq!(folder(None), None);
        assert_eq!(folder(Some("")), None);
    }
}
