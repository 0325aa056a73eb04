//! The chance of being in touch again within 90 days: a number a person can read beside the
//! score, learnt at every run from the owner's own history.
//!
//! How likely contact is within three months depends on how often the network talks at all (in
//! a chat community a few ties in a hundred hear from each other within 90 days of a given day;
//! in e-mail, half), so no fixed curve can be calibrated for everyone. The export carries years
//! of the owner's past: at cuts 90, 180, 270 and 360 days before the moment of scoring, every
//! tie's vitality is set against whether it was in touch in the 90 days after, and a logistic
//! curve is fitted to those pairs, held near the defaults when the past is short.

use rayon::prelude::*;

use super::vitality::{self, Span};
use crate::interactions::Interactions;
use crate::model::Model;

const DAY: i64 = 86_400;
/// Cuts looked at before the moment of scoring.
const CUTS: i64 = 4;
/// Fewer samples of either kind than this and the defaults stand.
const MIN_EACH: usize = 5;

/// The learnt curve from vitality to the chance of contact within the horizon.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chance {
    /// Log-odds at vitality 0.
    pub intercept: f64,
    /// Log-odds per unit of vitality.
    pub slope: f64,
    /// The chance for a connection never in contact.
    pub never: f64,
    /// Ties at the earlier cuts the curve was learnt from (0: the defaults).
    pub samples: usize,
}

impl Chance {
    /// The chance for a tie of this vitality (`None`: never in contact).
    pub fn of(&self, vitality: Option<f64>) -> f64 {
        vitality.map_or(self.never, |v| logistic(self.intercept + self.slope * v))
    }
}

/// Learns the curve from the owner's history in `interactions` (their pace `pace` days);
/// `connected(p)` is when person `p` became a connection, if they are one.
pub fn learn(
    interactions: &Interactions,
    persons: usize,
    connected: &(dyn Fn(usize) -> Option<i64> + Sync),
    pace: f64,
    model: &Model,
) -> Chance {
    let c = &model.chance;
    let horizon = (c.horizon_days * DAY as f64) as i64;
    let cuts: Vec<i64> = (1..=CUTS).map(|k| interactions.as_of - k * horizon).collect();
    // (vitality or never in contact, in touch within the horizon) for every tie at every cut.
    let samples: Vec<(Option<f64>, bool)> = (0..persons)
        .into_par_iter()
        .flat_map_iter(|p| {
            let events = interactions.of(p as u32);
            cuts.iter().filter_map(move |&cut| {
                let after = vitality::until(events, cut + horizon).len();
                let label = after > vitality::until(events, cut).len();
                match Span::of(events, cut) {
                    Some(s) => Some((Some(vitality::vitality(events, s, cut, pace, model)), label)),
                    None => connected(p).filter(|&at| at <= cut).map(|_| (None, label)),
                }
            })
        })
        .collect();
    let ties: Vec<(f64, bool)> = samples.iter().filter_map(|&(v, y)| Some((v?, y))).collect();
    let positives = ties.iter().filter(|t| t.1).count();
    let (intercept, slope, used) = if positives >= MIN_EACH && ties.len() - positives >= MIN_EACH {
        let (a, b) = fit(&ties, (c.intercept, c.slope), c.prior_weight);
        (a, b, ties.len())
    } else {
        (c.intercept, c.slope, 0)
    };
    let strangers: Vec<bool> = samples.iter().filter(|s| s.0.is_none()).map(|s| s.1).collect();
    // A rate with one imagined stranger in touch per prior_weight never heard from.
    let never = (strangers.iter().filter(|&&y| y).count() as f64 + c.never * c.prior_weight)
        / (strangers.len() as f64 + c.prior_weight);
    Chance { intercept, slope, never, samples: used }
}

/// The logistic curve through `(x, y)` by Newton's method, pulled towards `prior` as if by
/// `weight` observations' worth of evidence; the slope stays positive (more vitality, more
/// chance).
fn fit(xy: &[(f64, bool)], prior: (f64, f64), weight: f64) -> (f64, f64) {
    let (mut a, mut b) = prior;
    let lambda = weight / xy.len().max(1) as f64;
    for _ in 0..50 {
        // Mean gradient and Hessian of the log-loss plus the pull towards the prior.
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(x, y) in xy {
            let p = logistic(a + b * x);
            let (r, w) = (p - f64::from(u8::from(y)), p * (1.0 - p));
            (ga, gb) = (ga + r, gb + r * x);
            (haa, hab, hbb) = (haa + w, hab + w * x, hbb + w * x * x);
        }
        let n = xy.len() as f64;
        let (ga, gb) = (ga / n + lambda * (a - prior.0), gb / n + lambda * (b - prior.1));
        let (haa, hab, hbb) = (haa / n + lambda, hab / n, hbb / n + lambda);
        let det = haa * hbb - hab * hab;
        if !(det.is_finite() && det > 0.0) {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        (a, b) = (a - da, b - db);
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    if a.is_finite() && b.is_finite() && b > 0.0 { (a, b) } else { prior }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fit_recovers_a_known_curve() {
        // Ten points at each x, in touch as often as logistic(-1 + 2x) says.
        let mut xy = Vec::new();
        for i in 0..=20 {
            let x = -2.0 + 0.2 * f64::from(i);
            let k = (10.0 * logistic(-1.0 + 2.0 * x)).round() as usize;
            xy.extend((0..10).map(|j| (x, j < k)));
        }
        let (a, b) = fit(&xy, (0.0, 1.0), 0.0);
        assert!((a + 1.0).abs() < 0.2 && (b - 2.0).abs() < 0.25, "{a} {b}");
        // A strong prior holds the curve near it.
        let (a, b) = fit(&xy, (0.0, 1.0), 1e6);
        assert!(a.abs() < 0.01 && (b - 1.0).abs() < 0.01, "{a} {b}");
    }

    #[test]
    fn a_falling_curve_is_refused() {
        let xy = [(0.0, true), (1.0, false), (2.0, false), (-1.0, true)];
        assert_eq!(fit(&xy, (-2.0, 1.0), 0.0), (-2.0, 1.0));
    }
}
