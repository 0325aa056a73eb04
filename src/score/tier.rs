//! Tiers (DESIGN.md): `core` close, two-way, recent; `active` two-way within the year; `dormant`
//! a real relationship gone quiet; `weak` some contact, never two-way or deep (the owner's own
//! unanswered outreach lands here); `new` connected recently, nothing exchanged yet; `clutter`
//! never exchanged anything, or only their unanswered pitches.

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
}

impl Tier {
    /// Every tier, closest first.
    pub const ALL: [Tier; 6] =
        [Tier::Core, Tier::Active, Tier::Dormant, Tier::Weak, Tier::New, Tier::Clutter];

    /// Its name in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Core => "core",
            Tier::Active => "active",
            Tier::Dormant => "dormant",
            Tier::Weak => "weak",
            Tier::New => "new",
            Tier::Clutter => "clutter",
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
        }
    }

    /// Connections in core and active: the living relationships.
    pub fn living(&self) -> u64 {
        self.core + self.active
    }

    /// The counts closest tier first, as [`Tier::ALL`] orders them.
    pub fn closest_first(&self) -> [u64; 6] {
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
        }
    }
}

/// The tier of a connection; `connected` is the day connected (seconds), `prune` the tag.
pub fn tier(
    f: &Features,
    c: &Components,
    score: f64,
    connected: Option<i64>,
    prune: bool,
    model: &Model,
    as_of: i64,
) -> Tier {
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
    } else {
        Tier::Clutter
    }
}

fn deep(f: &Features) -> bool {
    f.best_channel.is_some_and(|c| c.is_deep())
}
