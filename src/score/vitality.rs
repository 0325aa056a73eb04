//! Vitality: how alive a tie is, measured against the pace of the owner's own network — the
//! number the score ranks by.
//!
//! Which simple signal tells a living tie from a dead one depends on the network's time scale:
//! days since the last contact wins in a chat community (ties live for days), decayed message
//! volume in e-mail (months). Measuring silence, volume and age in units of the network's own
//! pace — the median gap between days of contact across the owner's ties — lets one set of
//! weights serve both (README, "Does it predict?"). Silence against a tie's own rhythm (Navarro
//! et al. 2017) got a weight of about 0 in a prototype once silence and age were both measured
//! against the network's pace, so it stays in the reasons only.

use crate::interactions::{Channel, Event};
use crate::model::Model;

const DAY: f64 = 86_400.0;

/// The pace assumed before any tie has two days of contact, in days.
const UNKNOWN_PACE: f64 = 30.0;

/// One tie as of a moment: its first and last contact and its days of contact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    /// First contact, seconds since 1970.
    pub first: i64,
    /// Last contact.
    pub last: i64,
    /// Distinct days (UTC) with contact.
    pub days: u32,
}

impl Span {
    /// The span of `events` (oldest first) up to and including `cut`; `None` before any.
    pub fn of(events: &[Event], cut: i64) -> Option<Span> {
        let events = until(events, cut);
        let (first, last) = (events.first()?.time, events.last()?.time);
        let mut days = 0;
        let mut previous = None;
        for e in events {
            let day = e.time.div_euclid(86_400);
            if previous != Some(day) {
                days += 1;
                previous = Some(day);
            }
        }
        Some(Span { first, last, days })
    }

    /// The mean gap between its days of contact, in days, once there are two.
    fn gap(&self) -> Option<f64> {
        (self.days >= 2).then(|| (self.last - self.first) as f64 / DAY / f64::from(self.days - 1))
    }
}

/// The network's pace in days: the median of its ties' mean gaps between days of contact, at
/// least a day (30 days while no tie has two days of contact).
pub fn pace(spans: impl Iterator<Item = Span>) -> f64 {
    let mut gaps: Vec<f64> = spans.filter_map(|s| s.gap()).collect();
    if gaps.is_empty() {
        return UNKNOWN_PACE;
    }
    gaps.sort_unstable_by(f64::total_cmp);
    let mid = gaps.len() / 2;
    let median = if gaps.len() % 2 == 1 { gaps[mid] } else { (gaps[mid - 1] + gaps[mid]) / 2.0 };
    median.max(1.0)
}

/// The vitality of a tie as of each of `cuts` (ascending), in one pass over its `events`
/// (oldest first); `None` at a cut before any contact. The volume at each cut is read off one
/// running sum of weights decayed to the last cut (an event a thousand half-lives older than
/// a cut adds nothing either way).
pub fn over_time(events: &[Event], cuts: &[i64], pace: f64, model: &Model) -> Vec<Option<f64>> {
    let Some(&last_cut) = cuts.last() else { return Vec::new() };
    let half_life = model.vitality.volume_half_life * pace * DAY;
    let mut out = Vec::with_capacity(cuts.len());
    let (mut sum, mut days, mut day) = (0.0, 0u32, None);
    let mut at = 0;
    let close = |k: usize, at: usize, sum: f64, days: u32, out: &mut Vec<Option<f64>>| {
        let cut = cuts[k];
        out.push((at > 0).then(|| {
            let span = Span { first: events[0].time, last: events[at - 1].time, days };
            let volume = sum * ((last_cut - cut) as f64 / half_life).exp2();
            combine(span, volume, cut, pace, model)
        }));
    };
    for (k, &cut) in cuts.iter().enumerate() {
        while let Some(e) = events.get(at).filter(|e| e.time <= cut) {
            sum += volume_weight(e, model) * (-((last_cut - e.time) as f64) / half_life).exp2();
            let d = e.time.div_euclid(86_400);
            if day != Some(d) {
                (days, day) = (days + 1, Some(d));
            }
            at += 1;
        }
        close(k, at, sum, days, &mut out);
    }
    out
}

/// Silence, volume and age against the pace, weighted.
fn combine(span: Span, volume: f64, cut: i64, pace: f64, model: &Model) -> f64 {
    let v = &model.vitality;
    let days = |from: i64| (cut - from).max(0) as f64 / DAY;
    v.silence * (days(span.last) / pace).ln_1p()
        + v.volume * volume.ln_1p()
        + v.longevity * (days(span.first) / pace).ln_1p()
}

/// The 0–100 score of a vitality.
pub fn score(vitality: f64, model: &Model) -> f64 {
    100.0 / (1.0 + (-(vitality + model.vitality.offset)).exp())
}

/// How much one contact adds to the volume: a message (one-to-one or in a group) one; another
/// channel as deep relative to a message (a call two, an endorsement a third).
fn volume_weight(e: &Event, model: &Model) -> f64 {
    match e.channel {
        Channel::Message | Channel::GroupMessage => 1.0,
        _ => e.weight / model.depth(Channel::Message).max(0.05),
    }
}

/// The events up to and including `cut`.
pub fn until(events: &[Event], cut: i64) -> &[Event] {
    &events[..events.partition_point(|e| e.time <= cut)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::Flow;

    /// The reference: the vitality of a tie with `events` (oldest first) as of `cut`, its span `span` then, in a
    /// network of pace `pace` days.
    fn vitality(events: &[Event], span: Span, cut: i64, pace: f64, model: &Model) -> f64 {
        let half_life = model.vitality.volume_half_life * pace;
        let volume: f64 = until(events, cut)
            .iter()
            .map(|e| volume_weight(e, model) * (-((cut - e.time) as f64 / DAY) / half_life).exp2())
            .sum();
        combine(span, volume, cut, pace, model)
    }

    fn event(day: i64) -> Event {
        let (channel, flow) = (Channel::Message, Flow::Out);
        Event { person: 0, time: day * 86_400 + 3_600, channel, flow, weight: 0.5 }
    }

    #[test]
    fn a_span_counts_days_not_messages() {
        let events = [event(1), event(1), event(3), event(10)];
        let s = Span::of(&events, 5 * 86_400).unwrap();
        assert_eq!((s.days, s.first, s.last), (2, events[0].time, events[2].time));
        assert_eq!(s.gap(), Some(2.0));
        assert_eq!(Span::of(&events, 0), None);
    }

    #[test]
    fn the_pace_is_the_median_gap_at_least_a_day() {
        let span = |days: u32, len: i64| Span { first: 0, last: len * 86_400, days };
        assert_eq!(pace([span(3, 10), span(2, 2), span(5, 80), span(1, 0)].into_iter()), 5.0);
        assert_eq!(pace([span(9, 1)].into_iter()), 1.0);
        assert_eq!(pace(std::iter::empty()), UNKNOWN_PACE);
    }

    #[test]
    fn silence_lowers_and_volume_and_age_raise_vitality() {
        let m = Model::default();
        let cut = 100 * 86_400;
        let v = |events: &[Event]| vitality(events, Span::of(events, cut).unwrap(), cut, 5.0, &m);
        assert!(v(&[event(90)]) < v(&[event(99)]), "silence");
        assert!(v(&[event(90)]) < v(&[event(90), event(90)]), "volume");
        assert!(v(&[event(90), event(99)]) < v(&[event(10), event(90), event(99)]), "age");
        assert!(score(v(&[event(99)]), &m) > score(v(&[event(10)]), &m));
    }

    #[test]
    fn one_pass_over_time_equals_each_cut_alone() {
        let m = Model::default();
        let events = [event(1), event(1), event(3), event(10), event(40), event(41), event(90)];
        let cuts = [0, 2 * 86_400, 5 * 86_400, 40 * 86_400 + 3_600, 89 * 86_400, 100 * 86_400];
        let alone: Vec<Option<f64>> = cuts
            .iter()
            .map(|&c| Span::of(&events, c).map(|s| vitality(&events, s, c, 3.0, &m)))
            .collect();
        let together = over_time(&events, &cuts, 3.0, &m);
        assert_eq!(together.len(), alone.len());
        for (a, b) in alone.iter().zip(&together) {
            match (a, b) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{a} {b}"),
                _ => assert_eq!(a, b),
            }
        }
        assert_eq!(together[0], None);
    }
}
