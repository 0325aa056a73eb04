//! The plan of `messages.csv`: which conversations there are (one per connection whose class
//! talks, plus group chats and strangers' messages) and how many rows each gets, so that the
//! lengths add up to exactly the `messages` asked for.

use std::cmp::Reverse;

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::time::{DAY, YEAR, clamp, recent, span};
use super::world::{Rel, World};

/// A conversation's kind. `Direct` is 1:1 with a connection, shaped by its [`Rel`]; `Member` is
/// from a hidden `LinkedIn Member`; `Recruiter` is a stranger's request, accepted and answered;
/// `Request` one never answered (empty FOLDER, at the end); `Draft` a standalone draft.
#[derive(Clone, Copy, Debug)]
pub(super) enum Kind {
    Direct(usize),
    Group,
    InMail,
    Sponsored,
    Member,
    Recruiter,
    Request,
    Draft,
}

/// A planned conversation: its kind, its length and when it happened.
pub(super) struct Conv {
    pub(super) kind: Kind,
    /// The fewest rows that keep the conversation's shape, and the final count.
    min: usize,
    pub(super) len: usize,
    /// Its share of the rows beyond every conversation's `min` (0: fixed length).
    pub(super) weight: u64,
    pub(super) from: i64,
    pub(super) to: i64,
    /// The newest row is an unsent draft by the owner.
    pub(super) draft: bool,
}

fn conv(kind: Kind, min: i64, weight: i64, (from, to): (i64, i64)) -> Conv {
    let (min, weight) = (min.max(1) as usize, weight.max(0) as u64);
    Conv { kind, min, len: min, weight, from, to, draft: false }
}

/// The conversations of `messages.csv` in file order, their lengths adding up to `m`.
pub(super) fn plan(w: &World, m: usize, rng: &mut ChaCha8Rng) -> Vec<Conv> {
    let mut convs = Vec::new();
    for (i, p) in w.people.iter().enumerate() {
        let (min, weight) = match p.rel {
            Rel::Close => (4, span(rng, 20, 120) * 4),
            Rel::Active => (2, span(rng, 4, 30)),
            Rel::Dormant => (2, span(rng, 6, 40)),
            Rel::Outreach => (span(rng, 1, 3), 0),
            Rel::Pitch => (span(rng, 1, 4), 0),
            Rel::Welcome if rng.random_bool(0.25) => (span(rng, 2, 4), 0),
            Rel::Welcome => (1, 0),
            Rel::None => continue,
        };
        convs.push(conv(Kind::Direct(i), min, weight, (p.from, p.to)));
    }
    let extras = [
        (Kind::Group, 1 + m / 300),
        (Kind::InMail, 1 + m / 400),
        (Kind::Sponsored, 1 + m / 250),
        (Kind::Member, 1 + m / 1000),
        (Kind::Recruiter, 1 + m / 500),
        (Kind::Request, 2 + m / 1000),
        (Kind::Draft, 2 + m / 200_000),
    ];
    for (kind, count) in extras {
        convs.extend((0..count).map(|_| extra(rng, kind, w.now)));
    }
    let mut convs = fit(rng, convs, m, w.now);
    finish_plan(rng, &mut convs, m, w.now);
    convs
}

/// A group chat, or a conversation with someone who is not a connection.
fn extra(rng: &mut ChaCha8Rng, kind: Kind, now: i64) -> Conv {
    let from =
        now - 1 - recent(rng, if matches!(kind, Kind::Request) { 200 * DAY } else { 6 * YEAR });
    let (min, weight, to) = match kind {
        Kind::Group => (3, span(rng, 2, 60), from + span(rng, 30 * DAY, 4 * YEAR)),
        Kind::Recruiter => (span(rng, 3, 7), 0, from + span(rng, 3600, 9 * DAY)),
        Kind::InMail | Kind::Member if rng.random_bool(0.3) => (span(rng, 2, 4), 0, from + 9 * DAY),
        Kind::Request => (span(rng, 1, 3), 0, from + span(rng, 3600, 9 * DAY)),
        _ => (1, 0, from),
    };
    conv(kind, min, weight, clamp(rng, from, to, now))
}

/// Keeps the conversations whose minimum fits in `m` rows, then shares the remaining rows out by
/// weight, so that the lengths add up to exactly `m`.
fn fit(rng: &mut ChaCha8Rng, mut convs: Vec<Conv>, m: usize, now: i64) -> Vec<Conv> {
    convs.shuffle(rng);
    convs.sort_by_key(|c| c.weight == 0);
    let (mut kept, mut used) = (Vec::new(), 0);
    for c in convs {
        if used + c.min <= m {
            used += c.min;
            kept.push(c);
        }
    }
    let total: u64 = kept.iter().map(|c| c.weight).sum();
    let rest = (m - used) as u64;
    if total == 0 {
        kept.extend((0..rest).map(|_| extra(rng, Kind::Sponsored, now)));
        return kept;
    }
    let mut given = 0;
    for c in &mut kept {
        let share = (u128::from(rest) * u128::from(c.weight) / u128::from(total)) as u64;
        c.len = c.min + share as usize;
        given += share;
    }
    for c in kept.iter_mut().filter(|c| c.weight > 0).take((rest - given) as usize) {
        c.len += 1;
    }
    kept
}

/// Makes the newest message 0–2 days old, marks a few drafts, and orders the conversations:
/// most recent first, unanswered message requests last.
fn finish_plan(rng: &mut ChaCha8Rng, convs: &mut [Conv], m: usize, now: i64) {
    let newest = convs.iter_mut().filter(|c| !matches!(c.kind, Kind::Request)).max_by_key(|c| c.to);
    if let Some(c) = newest {
        c.to = (now - span(rng, 60, 2 * DAY)).max(c.from);
    }
    let mut drafts: Vec<usize> =
        (0..convs.len()).filter(|&i| convs[i].weight > 0 && convs[i].len >= 4).collect();
    drafts.shuffle(rng);
    for &i in drafts.iter().take(2 + m / 50_000) {
        convs[i].draft = true;
    }
    convs.sort_by_key(|c| (matches!(c.kind, Kind::Request), Reverse(c.to)));
}
