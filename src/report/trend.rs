//! Each relationship's trend, from the history: the tier and score in the previous run (for
//! scores.csv and scores.json) and every run's score (for the small trend in the page's
//! table), of each connection by who they are across runs — the profile URL, else the name.

use rayon::prelude::*;

use super::Analysis;
use super::view::View;
use crate::history::Trail;
use crate::score::Tier;

/// One connection over the runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trend {
    /// The tier and score in the previous run, when they were a connection then.
    pub previous: Option<(Tier, f64)>,
    /// This run's score less the previous run's, as the history keeps both (two decimals).
    pub change: Option<f64>,
    /// Every run's score, the earlier runs' then this one's (`None` for a run they were not
    /// in); empty unless they are in two runs or more.
    pub scores: Vec<Option<f64>>,
}

/// Two decimals, as the history keeps a score.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The trend of every scored connection, in the order of `a.scored`.
pub fn trends(a: &Analysis<'_>, trail: &Trail) -> Vec<Trend> {
    if trail.days.is_empty() {
        return vec![Trend::default(); a.scored.len()];
    }
    let runs = trail.days.len() + 1;
    a.scored
        .par_iter()
        .map(|s| {
            let key = super::kept::key(a, s.connection);
            let seen = trail.of(key.as_deref());
            let mut scores = Vec::new();
            if !seen.is_empty() {
                scores = vec![None; runs];
                for &(run, _, score) in seen {
                    scores[run] = Some(score);
                }
                scores[runs - 1] = Some(round(s.score));
            }
            let previous = trail.previous(key.as_deref());
            let change = previous.map(|(_, before)| round(round(s.score) - before));
            Trend { previous, change, scores }
        })
        .collect()
}

/// Gives the page's table its trends: the runs' days, and each row's score change and
/// scores (the rows are in the order of `a.scored`, as `trends`).
pub fn show(view: &mut View, trail: &Trail, today: String, trends: &[Trend]) {
    if trail.days.is_empty() {
        return;
    }
    view.runs = trail.days.iter().map(ToString::to_string).chain([today]).collect();
    for (row, t) in view.table.iter_mut().zip(trends) {
        row.change = t.change;
        row.trend.clone_from(&t.scores);
    }
}
