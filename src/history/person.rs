//! One person across the runs, for `netsift history --person`: their tier and score in every
//! run of the owner, found by profile URL (any form [`ProfileKey`] reads) or by full name
//! (compared as [`name_key`] does).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use super::{Row, Run, runs};
use crate::error::{Error, Result};
use crate::people::{ProfileKey, name_key};
use crate::score::Tier;

/// A person's tier and score over the runs.
#[derive(Clone, Debug, Serialize)]
pub struct Course {
    /// Their canonical profile URL, as the latest run they are in has it; empty without one.
    pub profile_url: String,
    /// Their name, as the latest run they are in has it.
    pub name: String,
    /// Every run of the owner, oldest first.
    pub runs: Vec<Step>,
}

/// A person in one run.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// The run's folder name.
    pub run: String,
    /// The day the run scored as of.
    pub as_of: Date,
    /// Their tier; none when they were not a connection in this run.
    pub tier: Option<Tier>,
    /// Their score (two decimals).
    pub score: Option<f64>,
    /// The score less the run before's, when they were in both.
    pub change: Option<f64>,
}

/// `who`'s course over the runs of the owner of the latest run in `dir`, and what was passed
/// over on the way (entries that are not snapshots, other owners' runs, unreadable rows).
pub fn course(dir: &Path, who: &str) -> Result<(Course, Vec<String>)> {
    let (mut all, mut warnings) = runs(dir);
    let Some(owner) = all.last().map(|r| r.meta.owner.clone()) else {
        return Err(Error::Usage(format!(
            "{} holds no run yet: `netsift analyze` keeps one per export",
            dir.display()
        )));
    };
    let before = all.len();
    all.retain(|r| r.meta.owner == owner);
    if all.len() < before {
        warnings.push(format!(
            "{} run(s) in this history are of another owner: not shown",
            before - all.len()
        ));
    }
    let read: Vec<(&Run, Result<Vec<Row>>)> = all.par_iter().map(|r| (r, r.rows())).collect();
    let mut rows = Vec::new();
    for (run, read) in read {
        match read {
            Ok(r) => rows.push((run, r)),
            Err(e) => warnings.push(format!("{e}; skipped")),
        }
    }
    Ok((follow(&rows, who)?, warnings))
}

/// The rows of `rows`' runs that are `who`: by profile URL, or by name when `who` is not
/// one; refused when the name is several people's, or nobody's.
fn follow(rows: &[(&Run, Vec<Row>)], who: &str) -> Result<Course> {
    let by_url = ProfileKey::parse(who).map(|k| k.url());
    let wanted = name_key(who);
    let is = |r: &Row| match &by_url {
        Some(url) => r.profile_url == *url,
        None => !wanted.is_empty() && name_key(&r.name) == wanted,
    };
    let found: Vec<Option<&Row>> = rows
        .iter()
        .map(|(_, rs)| {
            let mine: Vec<&Row> = rs.iter().filter(|r| is(r)).collect();
            mine.iter().find(|r| !r.profile_url.is_empty()).or(mine.first()).copied()
        })
        .collect();
    let urls: BTreeSet<&str> = (rows.iter().flat_map(|(_, rs)| rs.iter().filter(|r| is(r))))
        .map(|r| r.profile_url.as_str())
        .filter(|u| !u.is_empty())
        .collect();
    if urls.len() > 1 {
        let list: Vec<&str> = urls.into_iter().collect();
        return Err(Error::Usage(format!(
            "{who:?} is the name of {} people in the history ({}): give the profile URL",
            list.len(),
            list.join(", ")
        )));
    }
    let Some(latest) = found.iter().rev().flatten().next() else {
        return Err(Error::Usage(format!(
            "nobody in the history matches {who:?}: give a profile URL or a connection's full name"
        )));
    };
    let mut steps: Vec<Step> = Vec::with_capacity(rows.len());
    for ((run, _), row) in rows.iter().zip(&found) {
        let score = row.map(|r| r.score);
        let before = steps.last().and_then(|s| s.score);
        let change = score.zip(before).map(|(now, then)| ((now - then) * 100.0).round() / 100.0);
        let (run, as_of) = (run.id.clone(), run.meta.as_of);
        steps.push(Step { run, as_of, tier: row.map(|r| r.tier), score, change });
    }
    Ok(Course { profile_url: latest.profile_url.clone(), name: latest.name.clone(), runs: steps })
}

/// The course as a table for stdout.
impl fmt::Display for Course {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.profile_url.as_str() {
            "" => writeln!(f, "{}", self.name)?,
            url => writeln!(f, "{}  {url}", self.name)?,
        }
        writeln!(f, "{:<10}  {:<7}  {:>6}  {:>7}  run", "as of", "tier", "score", "change")?;
        for s in &self.runs {
            let day = s.as_of.to_string();
            match (s.tier, s.score) {
                (Some(tier), Some(score)) => {
                    let change = s.change.map_or(String::new(), |c| format!("{c:+.2}"));
                    let tier = tier.name();
                    writeln!(f, "{day:<10}  {tier:<7}  {score:>6.2}  {change:>7}  {}", s.run)?
                }
                _ => writeln!(f, "{day:<10}  {:<7}  {:>6}  {:>7}  {}", "-", "", "", s.run)?,
            }
        }
        if self.runs.iter().any(|s| s.tier.is_none()) {
            writeln!(f, "(-: not a connection in that run)")?;
        }
        Ok(())
    }
}
