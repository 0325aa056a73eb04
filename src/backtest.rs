//! `netsift backtest`: cut the user's own history at a date, score as of that date, and measure
//! how well the scores ranked the connections that were in contact afterwards above those that
//! were not (ROC AUC), beside the four one-line baselines of the real-data protocol (README,
//! "Does it predict?") — days since the last message, the number of messages, their volume
//! halving every 180 days, min(sent, received) — and how many of those suggested for pruning
//! stayed silent. When a baseline ranks better on this export, it says so.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Diagnostics;
use crate::error::Result;
use crate::features::{self, midnight};
use crate::interactions::{Channel, Event, Flow, Interactions};
use crate::model::Model;
use crate::notes::Notes;
use crate::score::{self, Tier};
use crate::{Loaded, as_of_moment};

/// What the backtest found.
#[derive(Clone, Debug, Serialize)]
pub struct Backtest {
    /// The cut, YYYY-MM-DD.
    pub at: String,
    /// The end of the history looked at afterwards, YYYY-MM-DD.
    pub until: String,
    /// Connections made by the cut (hidden members and the owner's own row excepted).
    pub connections: usize,
    /// Of which in two-way contact after the cut: both sides acted (or met, or a deep
    /// contact was noted) — the relationship lived on.
    pub two_way_after: usize,
    /// Of which in any contact after the cut (a pitch received counts).
    pub any_contact_after: usize,
    /// ROC AUC for two-way contact afterwards: the chance that someone whose relationship lived
    /// on scored above someone whose did not (0.5 is a coin).
    pub two_way: Auc,
    /// ROC AUC for any contact afterwards.
    pub any_contact: Auc,
    /// Connections with some contact before the cut: where ranking is hard.
    pub with_history: usize,
    /// ROC AUC for two-way contact afterwards, among those with some contact before the cut.
    pub two_way_with_history: Auc,
    /// Suggested for pruning at the cut.
    pub prune_suggested: usize,
    /// Of which silent afterwards.
    pub prune_silent: usize,
    /// prune_silent / prune_suggested.
    pub prune_precision: Option<f64>,
}

/// The ROC AUC of the score and of the four baselines for one label.
#[derive(Clone, Debug, Serialize)]
pub struct Auc {
    /// The score.
    pub score: Option<f64>,
    /// Days since the last message alone (more recent ranks higher).
    pub recency: Option<f64>,
    /// The number of messages alone.
    pub messages: Option<f64>,
    /// Messages, each halving in weight every 180 days.
    pub decayed: Option<f64>,
    /// min(messages sent, messages received).
    pub mutual: Option<f64>,
}

impl Auc {
    /// The baselines by name, in the order shown.
    pub fn baselines(&self) -> [(&'static str, Option<f64>); 4] {
        [
            ("days since last message", self.recency),
            ("message count", self.messages),
            ("decayed volume (180 d)", self.decayed),
            ("min(sent, received)", self.mutual),
        ]
    }

    /// The baselines that rank better than the score.
    pub fn better_baselines(&self) -> Vec<(&'static str, f64)> {
        let Some(score) = self.score else { return Vec::new() };
        self.baselines()
            .into_iter()
            .filter_map(|(n, a)| Some((n, a?)).filter(|x| x.1 > score))
            .collect()
    }
}

/// The four baselines of one connection from its messages before the cut: a message counts
/// for its sender, or for each recipient when the owner sent it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Baselines {
    /// Minus the days since the last message (−∞ without one).
    pub recency: f64,
    /// Messages.
    pub count: f64,
    /// Messages, each halving in weight every 180 days.
    pub decayed: f64,
    /// min(sent, received).
    pub mutual: f64,
}

impl Baselines {
    /// The baselines of `events` (one person's, oldest first) as of `cut`.
    pub fn of(events: &[Event], cut: i64) -> Baselines {
        let messages = events.iter().filter(|e| {
            e.time <= cut && matches!(e.channel, Channel::Message | Channel::GroupMessage)
        });
        let mut b = Baselines { recency: f64::NEG_INFINITY, ..Baselines::default() };
        let (mut sent, mut received) = (0.0, 0.0);
        for e in messages {
            let days = (cut - e.time) as f64 / 86_400.0;
            b.recency = -days;
            b.count += 1.0;
            b.decayed += 0.5f64.powf(days / 180.0);
            if e.flow == Flow::Out { sent += 1.0 } else { received += 1.0 }
        }
        b.mutual = f64::min(sent, received);
        b
    }
}

/// One connection at the cut: contact afterwards, its score and the baselines, pruned.
struct Row {
    history: bool,
    after: bool,
    two_way_after: bool,
    score: f64,
    baselines: Baselines,
    pruned: bool,
}

/// Runs the backtest of the export at `path`, cut at the end of `at`.
pub fn run(
    path: &Path,
    notes: Option<&Path>,
    at: Date,
    model: &Model,
) -> Result<(Backtest, Diagnostics)> {
    let mut loaded = crate::load(path, notes, &crate::progress::Silent)?;
    check_cut(at, &loaded.export)?;
    let end = as_of_moment(loaded.export.export_date, &loaded.export);
    loaded.notes_until(end);
    let Loaded { export, people, notes, diagnostics: diags } = loaded;
    let cut = as_of_moment(Some(at), &export).as_second();
    let all = Interactions::collect(&export, &people, notes.as_ref(), model, end);
    let before = all.until(cut);
    // Notes written after the cut (and their tags) are not known at the cut.
    let known = notes.map(|n| Notes {
        notes: n.notes.into_iter().filter(|x| midnight(x.date) <= Some(cut)).collect(),
        ..n
    });
    let features =
        features::compute(&before, &export, &people, model).map_err(crate::Error::Table)?;
    let scored = score::score_all(&export, &features, known.as_ref(), model, &before, &people);
    let rows = rows_at(&export, &scored, &features, &all, cut);
    let until = score::day_of(end.as_second()).map_or(String::new(), |d| d.to_string());
    let backtest = Backtest::of(&rows, at.to_string(), until);
    Ok((backtest, diags))
}

/// A cut needs history before it and a future after it, within the export's data.
fn check_cut(at: Date, export: &crate::export::Export) -> Result<()> {
    let Some((first, last)) = crate::data_days(export) else { return Ok(()) };
    if first <= at && at < last {
        return Ok(());
    }
    let side = if at < first { "before anything in" } else { "not before the last day of" };
    Err(crate::Error::Usage(format!(
        "--at {at} is {side} this export: its data runs from {first} to {last}; cut at a day \
         from {first} to the day before {last}"
    )))
}

/// The area under the ROC curve of `(value, positive)` pairs: the Mann–Whitney statistic, ties
/// counted as half. `None` without both positives and negatives.
pub fn roc_auc(pairs: &[(f64, bool)]) -> Option<f64> {
    let positives = pairs.iter().filter(|p| p.1).count();
    let negatives = pairs.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut sorted: Vec<(f64, bool)> = pairs.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Average ranks (1-based) over runs of equal values.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += rank * sorted[i..j].iter().filter(|p| p.1).count() as f64;
        i = j;
    }
    let u = rank_sum - (positives * (positives + 1)) as f64 / 2.0;
    Some(u / (positives * negatives) as f64)
}

/// Every connection made by the cut (hidden members aside): its score at the cut, the
/// baselines, and what happened after.
fn rows_at(
    export: &crate::export::Export,
    scored: &[score::Scored],
    features: &[features::Features],
    all: &Interactions,
    cut: i64,
) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for s in scored {
        let c = &export.connections[s.connection];
        if c.is_hidden() || c.connected_on.and_then(midnight).is_none_or(|d| d > cut) {
            continue;
        }
        let p = s.connection as u32;
        let later: Vec<&Event> = all.of(p).iter().filter(|e| e.time > cut).collect();
        let after = !later.is_empty();
        let two_way_after = later.iter().any(|e| e.flow == Flow::Mutual || e.channel.is_deep())
            || (later.iter().any(|e| e.flow == Flow::Out)
                && later.iter().any(|e| e.flow == Flow::In));
        rows.push(Row {
            history: features[s.connection].last.is_some(),
            after,
            two_way_after,
            score: s.score,
            baselines: Baselines::of(all.of(p), cut),
            pruned: s.tier == Tier::Clutter && !s.keep,
        });
    }
    rows
}

/// The AUC of the score and of each baseline for `label`, over every row or only those with
/// contact before the cut.
fn auc(rows: &[Row], label: fn(&Row) -> bool, only_history: bool) -> Auc {
    let of = |pick: fn(&Row) -> f64| {
        let rows = rows.iter().filter(|r| r.history || !only_history);
        roc_auc(&rows.map(|r| (pick(r), label(r))).collect::<Vec<_>>())
    };
    Auc {
        score: of(|r| r.score),
        recency: of(|r| r.baselines.recency),
        messages: of(|r| r.baselines.count),
        decayed: of(|r| r.baselines.decayed),
        mutual: of(|r| r.baselines.mutual),
    }
}

impl Backtest {
    /// The findings over `rows`, cut at `at`, contact looked for `until`.
    fn of(rows: &[Row], at: String, until: String) -> Backtest {
        let prune_suggested = rows.iter().filter(|r| r.pruned).count();
        let prune_silent = rows.iter().filter(|r| r.pruned && !r.after).count();
        Backtest {
            at,
            until,
            connections: rows.len(),
            two_way_after: rows.iter().filter(|r| r.two_way_after).count(),
            any_contact_after: rows.iter().filter(|r| r.after).count(),
            two_way: auc(rows, |r| r.two_way_after, false),
            any_contact: auc(rows, |r| r.after, false),
            with_history: rows.iter().filter(|r| r.history).count(),
            two_way_with_history: auc(rows, |r| r.two_way_after, true),
            prune_suggested,
            prune_silent,
            prune_precision: (prune_suggested > 0)
                .then(|| prune_silent as f64 / prune_suggested as f64),
        }
    }
}

/// The findings for a terminal.
impl std::fmt::Display for Backtest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "backtest       history cut at {}, contact looked for until {}",
            self.at, self.until
        )?;
        writeln!(
            f,
            "connections    {} made by the cut: {} in two-way contact afterwards, {} in any contact",
            self.connections, self.two_way_after, self.any_contact_after
        )?;
        writeln!(f, "ROC AUC        (0.5 = a coin, 1 = perfect ranking)")?;
        auc_row(f, "two-way", &self.two_way)?;
        auc_row(f, "any contact", &self.any_contact)?;
        writeln!(f, "  among the {} with contact before the cut:", self.with_history)?;
        auc_row(f, "two-way", &self.two_way_with_history)?;
        writeln!(
            f,
            "prune list     {} suggested at the cut, {} stayed silent (precision {})",
            self.prune_suggested,
            self.prune_silent,
            three(self.prune_precision)
        )
    }
}

/// `0.812`, or `–` when there is nothing to measure.
fn three(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{v:.3}"))
}

/// One line of AUCs, the score's then each baseline's, and a line for each baseline that
/// ranks better than the score.
fn auc_row(f: &mut std::fmt::Formatter<'_>, label: &str, a: &Auc) -> std::fmt::Result {
    write!(f, "  {label:<13}score {}", three(a.score))?;
    for (name, auc) in a.baselines() {
        write!(f, "   {name} {}", three(auc))?;
    }
    writeln!(f)?;
    for (name, auc) in a.better_baselines() {
        let (better, score) = (three(Some(auc)), three(a.score));
        writeln!(
            f,
            "  {:<13}{name} alone ranks better than the score on this export ({better} > {score})",
            ""
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Auc, Backtest, roc_auc};

    fn auc(score: f64, recency: f64) -> Auc {
        let (messages, decayed, mutual) = (Some(0.6), Some(0.7), None);
        Auc { score: Some(score), recency: Some(recency), messages, decayed, mutual }
    }

    #[test]
    fn a_baseline_that_ranks_better_is_named() {
        assert_eq!(auc(0.8, 0.75).better_baselines(), []);
        assert_eq!(
            auc(0.65, 0.75).better_baselines(),
            [("days since last message", 0.75), ("decayed volume (180 d)", 0.7)]
        );
        let b = Backtest {
            at: "2025-11-20".into(),
            until: "2026-11-20".into(),
            connections: 10,
            two_way_after: 3,
            any_contact_after: 4,
            two_way: auc(0.8, 0.75),
            any_contact: auc(0.72, 0.75),
            with_history: 6,
            two_way_with_history: auc(0.8, 0.75),
            prune_suggested: 0,
            prune_silent: 0,
            prune_precision: None,
        };
        let text = b.to_string();
        assert!(text.contains("min(sent, received) –"), "{text}");
        let better: Vec<&str> = text.lines().filter(|l| l.contains("ranks better")).collect();
        assert_eq!(
            better,
            ["               days since last message alone ranks better than the score on this \
             export (0.750 > 0.720)"]
        );
    }

    #[test]
    fn auc_of_known_rankings() {
        assert_eq!(roc_auc(&[(1.0, false), (2.0, true)]), Some(1.0));
        assert_eq!(roc_auc(&[(2.0, false), (1.0, true)]), Some(0.0));
        assert_eq!(roc_auc(&[(1.0, false), (1.0, true)]), Some(0.5));
        assert_eq!(roc_auc(&[(1.0, true), (3.0, true), (2.0, false), (0.0, false)]), Some(0.75));
        assert_eq!(roc_auc(&[(1.0, true)]), None);
    }
}
