//! Who changed jobs since the previous run kept in the history ([`crate::history::jobs`]):
//! `changes.csv`, the job change of each connection that lifts a dormant or active tie to the
//! top of `reconnect.csv`, and the "Changed jobs" section of the page (the image's panel is
//! drawn from it). Without an earlier run the list is empty and the page says that job
//! changes appear from the second export on.

use serde::Serialize;

use super::view::{Item, LIST_ROWS, profile_link};
use super::{Analysis, safe};
use crate::history::{Diff, JobChange, Row};

/// The columns of changes.csv.
pub const CHANGES: &[&str] = &[
    "profile_url",
    "name",
    "company_before",
    "position_before",
    "company_after",
    "position_after",
    "changed",
    "tier",
    "score",
    "previous_run",
    "this_run",
];

/// A row of changes.csv: a connection whose employer or title changed between the two runs.
#[derive(Debug, Serialize)]
pub struct ChangeRow {
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: String,
    /// First and last name.
    pub name: String,
    /// The company in the previous run.
    pub company_before: String,
    /// The position in the previous run.
    pub position_before: String,
    /// The company in this run.
    pub company_after: String,
    /// The position in this run.
    pub position_after: String,
    /// `company`, `position` or `both`.
    pub changed: &'static str,
    /// The tier in this run.
    pub tier: &'static str,
    /// 0–100, two decimals, in this run.
    pub score: String,
    /// YYYY-MM-DD of the previous run.
    pub previous_run: String,
    /// YYYY-MM-DD of this run.
    pub this_run: String,
}

/// The rows of changes.csv: none without an earlier run.
pub fn rows(since: Option<&Diff>) -> Vec<ChangeRow> {
    let Some(d) = since else { return Vec::new() };
    d.changed_jobs
        .iter()
        .map(|c| ChangeRow {
            profile_url: safe(&c.profile_url),
            name: safe(&c.name),
            company_before: safe(&c.company_before),
            position_before: safe(&c.position_before),
            company_after: safe(&c.company_after),
            position_after: safe(&c.position_after),
            changed: c.changed.name(),
            tier: c.tier.name(),
            score: format!("{:.2}", c.score),
            previous_run: d.from.to_string(),
            this_run: d.to.to_string(),
        })
        .collect()
}

/// The job change of each connection, by Connections.csv row; `kept` is this run as the
/// history keeps it, in the order of `a.scored`.
pub fn by_connection<'d>(
    a: &Analysis<'_>,
    kept: &[Row],
    since: Option<&'d Diff>,
) -> Vec<Option<&'d JobChange>> {
    let mut changed = vec![None; a.export.connections.len()];
    let Some(d) = since.filter(|d| !d.changed_jobs.is_empty()) else { return changed };
    let by_key: std::collections::HashMap<String, &JobChange> =
        d.changed_jobs.iter().filter_map(|c| Some((c.key()?, c))).collect();
    for (s, row) in a.scored.iter().zip(kept) {
        if let Some(&c) = row.key().and_then(|k| by_key.get(&k)) {
            changed[s.connection] = Some(c);
        }
    }
    changed
}

/// The page's "Changed jobs" section.
#[derive(Debug, Serialize)]
pub struct Jobs {
    /// The heading of the section and of the image's panel.
    pub title: String,
    /// The previous run's day; `None` without one.
    pub from: Option<String>,
    /// Rows of changes.csv.
    pub total: usize,
    /// What the list is, or why it is empty.
    pub lead: String,
    /// The first of them: the new role, and what it was.
    pub items: Vec<Item>,
}

impl Jobs {
    /// The section for the changes since the previous run, if there is one.
    pub fn new(since: Option<&Diff>) -> Jobs {
        let Some(d) = since else {
            return Jobs {
                title: "Changed jobs".into(),
                from: None,
                total: 0,
                lead: "Job changes appear from the second export on: analyse your next export \
                       and this section lists everyone whose employer or title changed."
                    .into(),
                items: Vec::new(),
            };
        };
        let lead = match d.changed_jobs.len() {
            0 => format!("Nobody changed employer or title since {}.", d.from),
            _ => format!(
                "Employer or title changed since {}, highest score first: a natural moment to \
                 get in touch (\u{201c}Acme, Inc.\u{201d} \u{2192} \u{201c}ACME Corp\u{201d} \
                 is no change).",
                d.from
            ),
        };
        let items = d.changed_jobs.iter().take(LIST_ROWS).map(item).collect();
        let (from, total) = (Some(d.from.to_string()), d.changed_jobs.len());
        Jobs { title: format!("Changed jobs: {total}"), from, total, lead, items }
    }
}

/// A job change as the page lists it.
fn item(c: &JobChange) -> Item {
    Item {
        name: c.name.clone(),
        link: profile_link(&c.profile_url),
        role: c.after(),
        detail: format!("was {} · now {}, score {:.1}", c.before(), c.tier, c.score),
    }
}
