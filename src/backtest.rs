//! `netsift backtest`: cut the user's own history at a date, score as of that date, and measure
//! how well the scores ranked the connections that were in contact afterwards above those that
//! were not (ROC AUC), beside two simple baselines — days since the last contact alone, and
//! the number of messages alone — and how many of those suggested for pruning stayed silent.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Diagnostics;
use crate::error::Result;
use crate::features::{self, midnight};
use crate::interactions::{Event, Flow, Interactions};
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

/// The ROC AUC of the score and of two baselines for one label.
#[derive(Clone, Debug, Serialize)]
pub struct Auc {
    /// The score.
    pub score: Option<f64>,
    /// Days since the last contact alone (more recent ranks higher).
    pub recency: Option<f64>,
    /// The number of messages alone.
    pub messages: Option<f64>,
}

/// One connection at the cut: contact afterwards, its score and the baselines, pruned.
struct Row {
    history: bool,
    after: bool,
    two_way_after: bool,
    score: f64,
    recency: f64,
    messages: f64,
    pruned: bool,
}

/// Runs the backtest of the export at `path`, cut at the end of `at`.
pub fn run(
    path: &Path,
    notes: Option<&Path>,
    at: Date,
    model: &Model,
) -> Result<(Backtest, Diagnostics)> {
    let Loaded { export, people, notes, diagnostics: diags } = crate::load(path, notes)?;
    let end = as_of_moment(export.export_date, &export);
    let cut = as_of_moment(Some(at), &export).as_second();
    let all = Interactions::collect(&export, &people, notes.as_ref(), model, end);
    let before = all.until(cut);
    // Notes written after the cut (and their tags) are not known at the cut.
    let known = notes.map(|n| Notes {
        notes: n.notes.into_iter().filter(|x| midnight(x.date) <= Some(cut)).collect(),
        ..n
    });
    let features = features::compute(&before, &export, &people, model)?;
    let scored = score::score_all(&export, &features, known.as_ref(), model, &before, &people);
    let mut rows: Vec<Row> = Vec::new();
    for s in &scored {
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
        let f = &features[s.connection];
        let recency = f.last.map_or(f64::NEG_INFINITY, |t| t as f64);
        let messages = f64::from(f.messages_sent + f.messages_received);
        let pruned = s.tier == Tier::Clutter && !s.keep;
        rows.push(Row {
            history: f.last.is_some(),
            after,
            two_way_after,
            score: s.score,
            recency,
            messages,
            pruned,
        });
    }
    let auc = |label: fn(&Row) -> bool, only_history: bool| {
        let of = |pick: fn(&Row) -> f64| {
            let rows = rows.iter().filter(|r| r.history || !only_history);
            roc_auc(&rows.map(|r| (pick(r), label(r))).collect::<Vec<_>>())
        };
        Auc { score: of(|r| r.score), recency: of(|r| r.recency), messages: of(|r| r.messages) }
    };
    let prune_suggested = rows.iter().filter(|r| r.pruned).count();
    let prune_silent = rows.iter().filter(|r| r.pruned && !r.after).count();
    let day = |t: i64| score::day_of(t).map_or(String::new(), |d| d.to_string());
    let backtest = Backtest {
        at: at.to_string(),
        until: day(end.as_second()),
        connections: rows.len(),
        two_way_after: rows.iter().filter(|r| r.two_way_after).count(),
        any_contact_after: rows.iter().filter(|r| r.after).count(),
        two_way: auc(|r| r.two_way_after, false),
        any_contact: auc(|r| r.after, false),
        with_history: rows.iter().filter(|r| r.history).count(),
        two_way_with_history: auc(|r| r.two_way_after, true),
        prune_suggested,
        prune_silent,
        prune_precision: (prune_suggested > 0)
            .then(|| prune_silent as f64 / prune_suggested as f64),
    };
    Ok((backtest, diags))
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

impl Backtest {
    /// The findings for a terminal.
    pub fn to_text(&self) -> String {
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.3}"));
        let row = |a: &Auc| {
            format!(
                "score {}   days since last contact {}   message count {}",
                f(a.score),
                f(a.recency),
                f(a.messages)
            )
        };
        format!(
            "backtest       history cut at {}, contact looked for until {}\n\
             connections    {} made by the cut: {} in two-way contact afterwards, {} in any contact\n\
             ROC AUC        (0.5 = a coin, 1 = perfect ranking)\n\
             \x20 two-way      {}\n\
             \x20 any contact  {}\n\
             \x20 two-way, among the {} with contact before the cut\n\
             \x20              {}\n\
             prune list     {} suggested at the cut, {} stayed silent (precision {})\n",
            self.at,
            self.until,
            self.connections,
            self.two_way_after,
            self.any_contact_after,
            row(&self.two_way),
            row(&self.any_contact),
            self.with_history,
            row(&self.two_way_with_history),
            self.prune_suggested,
            self.prune_silent,
            f(self.prune_precision),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::roc_auc;

    #[test]
    fn auc_of_known_rankings() {
        assert_eq!(roc_auc(&[(1.0, false), (2.0, true)]), Some(1.0));
        assert_eq!(roc_auc(&[(2.0, false), (1.0, true)]), Some(0.0));
        assert_eq!(roc_auc(&[(1.0, false), (1.0, true)]), Some(0.5));
        assert_eq!(roc_auc(&[(1.0, true), (3.0, true), (2.0, false), (0.0, false)]), Some(0.75));
        assert_eq!(roc_auc(&[(1.0, true)]), None);
    }
}
