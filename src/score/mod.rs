//! Stage 6, score: for every connection its vitality — silence, volume and age against the
//! pace of the owner's own network — as a 0–100 score, the chance of being in touch within 90
//! days learnt from the owner's own history, five components in [0, 1] that explain it
//! (recency, intensity, reciprocity, depth, longevity), a tier and the reasons in words. Runs
//! over connections with rayon; the result does not depend on the number of threads.

pub mod chance;
mod reasons;
mod tier;
pub mod vitality;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

pub use tier::{Coverage, Tier, TierCounts};

use crate::export::Export;
use crate::features::{Features, midnight};
use crate::interactions::Interactions;
use crate::model::Model;
use crate::notes::Notes;
use crate::people::People;
use chance::Chance;
use vitality::Span;

const DAY: f64 = 86_400.0;
const YEAR: f64 = 365.25 * DAY;

/// The five components, each in [0, 1].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Components {
    /// How recent the last contact is, against a half-life and the tie's own rhythm.
    pub recency: f64,
    /// How much contact there is, recent contact counting more.
    pub intensity: f64,
    /// Whether both sides act, and answer each other.
    pub reciprocity: f64,
    /// The deepest channel used.
    pub depth: f64,
    /// How long the relationship has lasted.
    pub longevity: f64,
}

/// One connection scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scored {
    /// The row of Connections.csv (and the person).
    pub connection: usize,
    /// The components.
    pub components: Components,
    /// 0–100: the vitality through a logistic curve; 0 without any contact.
    pub score: f64,
    /// How alive the tie is (see [`vitality`]); `None` without any contact.
    pub vitality: Option<f64>,
    /// The chance of being in touch again, either way, within the model's horizon (90 days).
    pub p_contact: f64,
    /// The tier.
    pub tier: Tier,
    /// Tagged `keep` in the notes: never suggested for pruning.
    pub keep: bool,
    /// Tagged `prune` in the notes.
    pub prune: bool,
    /// The notes' tags.
    pub tags: Vec<String>,
    /// Why, in words.
    pub reasons: Vec<String>,
}

/// The components of one person's features as of `as_of` (seconds since 1970).
pub fn components(f: &Features, model: &Model, as_of: i64) -> Components {
    let Some(last) = f.last else { return Components::default() };
    // Any contact counts, a shared group chat too: in backtests, dropping group messages from
    // recency lowered the ranking of who stayed in touch (AUC 0.91 → 0.88).
    let days = (as_of - last).max(0) as f64 / DAY;
    let mut recency = 0.5f64.powf(days / model.recency.half_life_days);
    if let Some(gap) = f.burst_gap_days {
        // Silent for longer than rhythm_factor × its own rhythm: decaying, the more so the longer
        // (at twice that, recency halves once more; at three times, twice more).
        let beyond = days / (model.recency.rhythm_factor * gap.max(1.0)) - 1.0;
        recency *= 0.5f64.powf(beyond.clamp(0.0, 2.0));
    }
    let intensity = 1.0 - (-f.decayed_volume / model.intensity.saturation).exp();
    let reciprocity = if f.two_way() {
        let answered = |n: u32| 1.0 - 0.5f64.powi(n.min(64) as i32);
        0.3 + 0.35 * answered(f.replies_by_them + f.mutual)
            + 0.35 * answered(f.replies_by_owner + f.mutual)
    } else {
        0.0
    };
    let depth = f.best_channel.map_or(0.0, |c| model.depth(c));
    let longevity = f.first.map_or(0.0, |first| ((last - first) as f64 / (3.0 * YEAR)).min(1.0));
    Components { recency, intensity, reciprocity, depth, longevity }
}

/// Scores every connection (the owner's own row excepted), in parallel, in Connections.csv
/// order.
pub fn score_all(
    export: &Export,
    features: &[Features],
    notes: Option<&Notes>,
    model: &Model,
    interactions: &Interactions,
    people: &People,
) -> Vec<Scored> {
    let mut tags = tags_by_person(notes, export.connections.len());
    for (i, p) in people.persons.iter().enumerate().take(tags.len()) {
        if let Some(first) = p.same_as {
            tags[i] = tags[first as usize].clone();
        }
    }
    let as_of = interactions.as_of;
    // A row repeating an earlier row's URL is the same person: its events are the first's.
    let person = |i: usize| people.persons[i].same_as.map_or(i, |first| first as usize);
    let spans: Vec<Option<Span>> = (0..people.persons.len())
        .into_par_iter()
        .map(|p| Span::of(interactions.of(p as u32), as_of))
        .collect();
    let pace = vitality::pace(spans.iter().flatten().copied());
    // Every tie's vitality at the earlier cuts the chance is learnt from and now, in one pass.
    let moments = chance::moments(as_of, model);
    let over_time: Vec<Vec<Option<f64>>> = (0..people.persons.len())
        .into_par_iter()
        .map(|p| vitality::over_time(interactions.of(p as u32), &moments, pace, model))
        .collect();
    let connected_at = |i: usize| export.connections.get(i)?.connected_on.and_then(midnight);
    // A repeated row is not a second stranger.
    let learn_from = |i: usize| connected_at(i).filter(|_| people.persons[i].same_as.is_none());
    let chance = chance::learn(interactions, &over_time, &moments, &learn_from, model);
    // Connections made after the moment of scoring were not connections then.
    let connected = |i: usize| connected_at(i).is_none_or(|d| d <= as_of);
    let coverage = coverage(export, as_of);
    (0..export.connections.len())
        .into_par_iter()
        .filter(|&i| !people.persons[i].is_owner && connected(i))
        .map(|i| {
            let vitality = over_time[person(i)].last().copied().flatten();
            let tie =
                Tie { features: &features[i], vitality, chance: &chance, tags: &tags[i], coverage };
            score_one(export, i, tie, model, as_of)
        })
        .collect()
}

/// What one connection is scored from.
struct Tie<'a> {
    features: &'a Features,
    vitality: Option<f64>,
    chance: &'a Chance,
    tags: &'a [String],
    coverage: Coverage,
}

/// What the export's messages cover, scored at `as_of`: the one judgement behind the `unknown`
/// tier and the summary's data gaps.
pub fn coverage(export: &Export, as_of: i64) -> Coverage {
    let last =
        export.messages.rows.iter().map(|m| m.time.as_second()).filter(|&t| t <= as_of).max();
    Coverage::of(last, as_of)
}

fn score_one(export: &Export, i: usize, tie: Tie<'_>, model: &Model, as_of: i64) -> Scored {
    let Tie { features: f, vitality, chance, tags, coverage } = tie;
    let connection = &export.connections[i];
    let components = components(f, model, as_of);
    let score = vitality.map_or(0.0, |v| vitality::score(v, model));
    let p_contact = chance.of(vitality);
    let connected = connection.connected_on.and_then(midnight);
    let keep = tags.iter().any(|t| t == "keep");
    let prune = tags.iter().any(|t| t == "prune");
    let moment = tier::Moment { connected, prune, as_of, coverage };
    let tier = tier::tier(f, &components, score, moment, model);
    let mut reasons = reasons::reasons(f, tier, moment, keep);
    reasons.push(reasons::chance(p_contact, model.chance.horizon_days));
    Scored {
        connection: i,
        components,
        score,
        vitality,
        p_contact,
        tier,
        keep,
        prune,
        tags: tags.to_vec(),
        reasons,
    }
}

/// Every tag the notes give each connection, deduplicated, in order of first use.
fn tags_by_person(notes: Option<&Notes>, connections: usize) -> Vec<Vec<String>> {
    let mut tags = vec![Vec::new(); connections];
    for note in notes.map_or(&[][..], |n| &n.notes) {
        let Some(list) = tags.get_mut(note.person as usize) else { continue };
        for t in &note.tags {
            if !list.contains(t) {
                list.push(t.clone());
            }
        }
    }
    tags
}

/// The day a moment falls on (UTC).
pub fn day_of(seconds: i64) -> Option<Date> {
    jiff::Timestamp::from_second(seconds).ok().map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
}
