//! Tiers (DESIGN.md): `core` close, two-way, recent; `active` two-way within the year; `dormant`
//! a real relationship gone quiet; `weak` some contact, never two-way or deep (the owner's own
//! unanswered outreach lands here); `new` connected recently, nothing exchanged yet; `clutter`
//! never exchanged anything, or only their unanswered pitches; `unknown` nothing in the export
//! shows contact, but the export cannot show it either (it holds no messages, or they end before
//! the connection was made): netsift never calls anyone clutter for lack of data.

use serde::{Deserialize, Serialize};

use super::{Components, DAY};
use crate::features::Features;
use crate::model::Model;

/// Where a connection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Close, two-way, recent.
    Core,
    /// Two-way within the year.
    Active,
    /// A real relationship gone quiet: reconnect.
    Dormant,
    /// Some contact, never two-way or deep.
    Weak,
    /// Connected recently, nothing exchanged yet: welcome.
    New,
    /// Nothing exchanged, or only their unanswered pitches: prune.
    Clutter,
    /// Nothing in the export shows contact, but the export holds no messages for the time since
    /// they connected: cannot tell.
    Unknown,
}

impl Tier {
    /// Every tier, closest first.
    pub const ALL: [Tier; 7] = [
        Tier::Core,
        Tier::Active,
        Tier::Dormant,
        Tier::Weak,
        Tier::New,
        Tier::Clutter,
        Tier::Unknown,
    ];

    /// Its name in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Core => "core",
            Tier::Active => "active",
            Tier::Dormant => "dormant",
            Tier::Weak => "weak",
            Tier::New => "new",
            Tier::Clutter => "clutter",
            Tier::Unknown => "unknown",
        }
    }

    /// A living relationship: core or active.
    pub fn is_living(self) -> bool {
        matches!(self, Tier::Core | Tier::Active)
    }

    /// The tier of a name in the outputs (`core`, …, `clutter`).
    pub fn from_name(name: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How many connections each tier holds: the one shape of the summary, the charts and the
/// history (`{"core": 12, "active": 14, …}` in JSON).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierCounts {
    /// Close, two-way, recent.
    pub core: u64,
    /// Two-way within the year.
    pub active: u64,
    /// A real relationship gone quiet.
    pub dormant: u64,
    /// Some contact, never two-way or deep.
    pub weak: u64,
    /// Connected recently, nothing exchanged yet.
    pub new: u64,
    /// Nothing exchanged.
    pub clutter: u64,
    /// Cannot tell: the export holds no messages for their time (absent from histories written
    /// before the tier existed).
    #[serde(default)]
    pub unknown: u64,
}

impl TierCounts {
    /// The counts of `tiers`.
    pub fn of(tiers: impl IntoIterator<Item = Tier>) -> TierCounts {
        let mut counts = TierCounts::default();
        for t in tiers {
            *counts.slot(t) += 1;
        }
        counts
    }

    fn slot(&mut self, t: Tier) -> &mut u64 {
        match t {
            Tier::Core => &mut self.core,
            Tier::Active => &mut self.active,
            Tier::Dormant => &mut self.dormant,
            Tier::Weak => &mut self.weak,
            Tier::New => &mut self.new,
            Tier::Clutter => &mut self.clutter,
            Tier::Unknown => &mut self.unknown,
        }
    }

    /// Connections in core and active: the living relationships.
    pub fn living(&self) -> u64 {
        self.core + self.active
    }

    /// The counts closest tier first, as [`Tier::ALL`] orders them.
    pub fn closest_first(&self) -> [u64; 7] {
        Tier::ALL.map(|t| self[t])
    }
}

impl std::ops::Index<Tier> for TierCounts {
    type Output = u64;

    fn index(&self, t: Tier) -> &u64 {
        match t {
            Tier::Core => &self.core,
            Tier::Active => &self.active,
            Tier::Dormant => &self.dormant,
            Tier::Weak => &self.weak,
            Tier::New => &self.new,
            Tier::Clutter => &self.clutter,
            Tier::Unknown => &self.unknown,
        }
    }
}

/// What the export can show of a connection's contact: its messages, and the day they end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// The export holds no messages at all.
    NoMessages,
    /// The messages end on this moment (seconds), long before the day scored
    /// ([`Coverage::CUT_SHORT_DAYS`]): a connection made after it was never in view.
    EndsAt(i64),
    /// The messages run up to the day scored.
    Full,
}

impl Coverage {
    /// Messages that end this many days before the day scored are taken to be cut short.
    pub const CUT_SHORT_DAYS: i64 = 180;

    /// The coverage of messages whose last one was at `last` (seconds), scored at `as_of`.
    pub fn of(last: Option<i64>, as_of: i64) -> Coverage {
        match last {
            None => Coverage::NoMessages,
            Some(last) if (as_of - last) / 86_400 > Coverage::CUT_SHORT_DAYS => {
                Coverage::EndsAt(last)
            }
            Some(_) => Coverage::Full,
        }
    }

    /// Whether silence from a connection made at `connected` says nothing: no messages, or
    /// none since before they connected (an unknown day counts as before).
    pub fn blind(self, connected: Option<i64>) -> bool {
        match self {
            Coverage::NoMessages => true,
            Coverage::EndsAt(last) => connected.is_some_and(|at| at > last),
            Coverage::Full => false,
        }
    }
}

/// The tier of a connection; `connected` is the day connected (seconds), `prune` the tag.
/// Where the export would show nothing and `coverage` says it could not have, the connection
/// is `unknown`, never `clutter`.
pub fn tier(f: &Features, c: &Components, score: f64, at: Moment, model: &Model) -> Tier {
    let Moment { connected, prune, as_of, coverage } = at;
    if prune {
        return Tier::Clutter;
    }
    let t = &model.tiers;
    let days = |at: i64| (as_of - at).max(0) as f64 / DAY;
    let recent = connected.is_some_and(|at| days(at) <= t.new_days);
    if let Some(living) = f.last_living.filter(|_| c.reciprocity > 0.0 || deep(f)) {
        return if days(living) <= t.core_days && score >= t.core_min_score {
            Tier::Core
        } else if days(living) <= t.active_days {
            Tier::Active
        } else {
            Tier::Dormant
        };
    }
    if recent {
        return Tier::New;
    }
    // The owner reached out, they gave something (an endorsement, a recommendation), or both
    // talk in a group they share: some contact. Only their messages, never answered: clutter.
    let group_both_ways = f.group_sent > 0 && f.group_received > 0;
    if f.sent > 0 || f.mutual > 0 || f.they_gave || group_both_ways {
        Tier::Weak
    } else if coverage.blind(connected) {
        Tier::Unknown
    } else {
        Tier::Clutter
    }
}

/// When and how a connection is tiered: the day connected (seconds), the `prune` tag, the day
/// scored and what the export's messages cover.
#[derive(Clone, Copy, Debug)]
pub struct Moment {
    /// The day connected, when known.
    pub connected: Option<i64>,
    /// Tagged `prune` in the notes.
    pub prune: bool,
    /// The day scored.
    pub as_of: i64,
    /// What the messages cover.
    pub coverage: Coverage,
}

fn deep(f: &Features) -> bool {
    f.best_channel.is_some_and(|c| c.is_deep())
}
