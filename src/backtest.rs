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
use crate::interactions::Interactions;
use crate::model::Model;
use crate::notes::{self, Notes};
use crate::people::People;
use crate::score::{self, Tier};
use crate::{as_of_moment, export};

/// What the backtest found.
#[derive(Clone, Debug, Serialize)]
pub struct Backtest {
    /// The cut, YYYY-MM-DD.
    pub at: String,
    /// The end of the history looked at afterwards, YYYY-MM-DD.
    pub until: String,
    /// Connections made by the cut (hidden members and the owner's own row excepted).
    pub connections: usize,
    /// Of which in contact after the cut.
    pub in_contact_after: usize,
    /// ROC AUC of the score: the chance that someone in contact afterwards scored above
    /// someone who was not (0.5 is a coin).
    pub score_auc: Option<f64>,
    /// ROC AUC of days since the last contact alone (more recent ranks higher).
    pub recency_auc: Option<f64>,
    /// ROC AUC of the number of messages alone.
    pub messages_auc: Option<f64>,
    /// Suggested for pruning at the cut.
    pub prune_suggested: usize,
    /// Of which silent afterwards.
    pub prune_silent: usize,
    /// prune_silent / prune_suggested.
    pub prune_precision: Option<f64>,
}

/// One connection at the cut: in contact afterwards, its score and the baselines, pruned.
struct Row {
    after: bool,
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
    let export = export::read(path)?;
    let mut diags = export.diagnostics.clone();
    let people = People::resolve(&export, &mut diags);
    let notes = notes.map(|n| notes::read(n, &people, &mut diags)).transpose()?;
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
        let after = all.of(p).iter().any(|e| e.time > cut);
        let f = &features[s.connection];
        let recency = f.last.map_or(f64::NEG_INFINITY, |t| t as f64);
        let messages = f64::from(f.messages_sent + f.messages_received);
        let pruned = s.tier == Tier::Clutter && !s.keep;
        rows.push(Row { after, score: s.score, recency, messages, pruned });
    }
    let auc = |pick: fn(&Row) -> f64| {
        roc_auc(&rows.iter().map(|r| (pick(r), r.after)).collect::<Vec<_>>())
    };
    let prune_suggested = rows.iter().filter(|r| r.pruned).count();
    let prune_silent = rows.iter().filter(|r| r.pruned && !r.after).count();
    let day = |t: i64| score::day_of(t).map_or(String::new(), |d| d.to_string());
    let backtest = Backtest {
        at: at.to_string(),
        until: day(end.as_second()),
        connections: rows.len(),
        in_contact_after: rows.iter().filter(|r| r.after).count(),
        score_auc: auc(|r| r.score),
        recency_auc: auc(|r| r.recency),
        messages_auc: auc(|r| r.messages),
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
        format!(
            "backtest       history cut at {}, contact looked for until {}\n\
             connections    {} made by the cut, {} of them in contact afterwards\n\
             ROC AUC        score {}   days since last contact {}   message count {}   (0.5 = a coin)\n\
             prune list     {} suggested at the cut, {} stayed silent (precision {})\n",
            self.at,
            self.until,
            self.connections,
            self.in_contact_after,
            f(self.score_auc),
            f(self.recency_auc),
            f(self.messages_auc),
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
