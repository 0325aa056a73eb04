//! Stage 4, features: what each person's interactions add up to — counts by flow and channel
//! and first/last contact by a polars group-by over the interaction table; replies, the last
//! two-way exchange, the tie's rhythm and decayed volume from each person's ordered events
//! (rayon); the welcome after connecting and who invited whom.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use polars::prelude::{DataFrame, PolarsResult};
use rayon::prelude::*;
use serde::Serialize;

use crate::export::{Direction, Export};
use crate::interactions::{Channel, Event, Flow, Interactions};
use crate::model::Model;
use crate::people::{People, PersonId};

const DAY: f64 = 86_400.0;

/// Whether a personal welcome went out after connecting, and whether it was answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Welcome {
    /// No message from the owner within the welcome window.
    #[default]
    None,
    /// Sent, not answered.
    Sent,
    /// Sent and answered.
    Answered,
}

impl Welcome {
    /// Its name in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            Welcome::None => "none",
            Welcome::Sent => "sent",
            Welcome::Answered => "answered",
        }
    }
}

/// What one person's interactions add up to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Features {
    /// Interactions of any kind.
    pub events: u32,
    /// By the owner, towards them (group messages excepted).
    pub sent: u32,
    /// By them, towards the owner (group messages excepted).
    pub received: u32,
    /// Messages in group conversations they took part in, either way.
    pub group: u32,
    /// Of which the owner's.
    pub group_sent: u32,
    /// Of which theirs.
    pub group_received: u32,
    /// Both at once (noted meetings and calls).
    pub mutual: u32,
    /// LinkedIn messages the owner sent them (group messages included).
    pub messages_sent: u32,
    /// LinkedIn messages they sent the owner.
    pub messages_received: u32,
    /// Their answers to the owner within the reply window.
    pub replies_by_them: u32,
    /// The owner's answers to them.
    pub replies_by_owner: u32,
    /// First interaction (seconds since 1970).
    pub first: Option<i64>,
    /// Last interaction.
    pub last: Option<i64>,
    /// Last sign of a living relationship: a reply either way, a mutual or a deep contact.
    pub last_living: Option<i64>,
    /// The median gap between days of contact, once there are three or more: the tie's
    /// rhythm, for follow-ups.
    pub typical_gap_days: Option<f64>,
    /// The median gap, in days, between bursts of contact (a burst starts after a silence
    /// longer than the reply window), once there are four bursts or more: the rhythm a decaying
    /// tie is measured against (a reply inside a burst never changes it).
    pub burst_gap_days: Option<f64>,
    /// Depth-weighted interactions, each halving in weight with age.
    pub decayed_volume: f64,
    /// Interactions by channel, indexed by `Channel as usize`.
    pub channels: [u32; Channel::ALL.len()],
    /// The deepest channel used.
    pub best_channel: Option<Channel>,
    /// They gave something besides messages: an endorsement, a recommendation, noted help.
    pub they_gave: bool,
    /// The last interaction from the notes, and its channel.
    pub last_noted: Option<(i64, Channel)>,
    /// A personal welcome after connecting.
    pub welcome: Welcome,
    /// Who sent the invitation (out: the owner), and whether it carried a note.
    pub invitation: Option<(Flow, bool)>,
}

impl Features {
    /// Whether both sides ever acted: a reply either way, a mutual contact, or messages in
    /// both directions.
    pub fn two_way(&self) -> bool {
        self.mutual > 0 || (self.sent > 0 && self.received > 0)
    }
}

/// The features of every person, indexed by person.
pub fn compute(
    interactions: &Interactions,
    export: &Export,
    people: &People,
    model: &Model,
) -> PolarsResult<Vec<Features>> {
    let mut features = aggregate(&interactions.frame()?, people.persons.len())?;
    features.par_iter_mut().enumerate().for_each(|(p, f)| {
        sequence(f, interactions.of(p as PersonId), interactions.as_of, model);
    });
    let welcome_days = model.tiers.welcome_days * DAY;
    let reply_window = model.reciprocity.reply_window_days * DAY;
    for (i, c) in export.connections.iter().enumerate() {
        if let Some(day) = c.connected_on.and_then(midnight) {
            let events = interactions.of(i as PersonId);
            features[i].welcome = welcome(events, day, welcome_days, reply_window);
        }
    }
    for (inv, who) in export.invitations.iter().zip(&people.links.invitations) {
        if inv.sent_at.as_second() > interactions.as_of {
            continue; // not yet sent as of the moment of scoring
        }
        if let Some(p) = who {
            let flow = if inv.direction == Direction::Outgoing { Flow::Out } else { Flow::In };
            features[*p as usize].invitation = Some((flow, inv.has_note()));
        }
    }
    // A row repeating an earlier row's URL is the same person.
    for (i, p) in people.persons.iter().enumerate() {
        if let Some(first) = p.same_as {
            features[i] = features[first as usize].clone();
        }
    }
    Ok(features)
}

/// Counts and first/last contact per person: a polars group-by over the interaction table.
fn aggregate(frame: &DataFrame, persons: usize) -> PolarsResult<Vec<Features>> {
    let mut features = vec![Features::default(); persons];
    if frame.height() == 0 {
        return Ok(features);
    }
    let counts = ["out", "in", "mutual", "group_out", "group_in", "message_out", "message_in"];
    // The eager aggregations are deprecated in favour of polars' lazy engine, which would add
    // some 600 crates (an HTTP client among them) to a tool that never touches the network.
    // One grouping serves the three aggregations (a clone shares the groups).
    #[allow(deprecated)]
    let (sums, first, last) = {
        let by = frame.group_by(["person"])?;
        let sums = by.clone().select(counts).sum()?;
        (sums, by.clone().select(["time"]).min()?, by.select(["time"]).max()?)
    };
    let people = |df: &DataFrame| -> PolarsResult<Vec<usize>> {
        Ok(df.column("person")?.u32()?.into_no_null_iter().map(|p| p as usize).collect())
    };
    let sum = |name: &str| -> PolarsResult<Vec<u32>> {
        Ok(sums.column(&format!("{name}_sum"))?.u32()?.into_no_null_iter().collect())
    };
    let [out, inn, mutual, group_out, group_in, message_out, message_in] = counts.map(sum);
    let (out, inn, mutual, group_out, group_in, message_out, message_in) =
        (out?, inn?, mutual?, group_out?, group_in?, message_out?, message_in?);
    for (row, p) in people(&sums)?.into_iter().enumerate() {
        let f = &mut features[p];
        f.sent = out[row];
        f.received = inn[row];
        f.mutual = mutual[row];
        f.group_sent = group_out[row];
        f.group_received = group_in[row];
        f.group = f.group_sent + f.group_received;
        f.messages_sent = message_out[row];
        f.messages_received = message_in[row];
        f.events = f.sent + f.received + f.mutual + f.group;
    }
    for (df, column, is_first) in [(&first, "time_min", true), (&last, "time_max", false)] {
        let times: Vec<i64> = df.column(column)?.i64()?.into_no_null_iter().collect();
        for (row, p) in people(df)?.into_iter().enumerate() {
            if is_first {
                features[p].first = Some(times[row])
            } else {
                features[p].last = Some(times[row])
            }
        }
    }
    Ok(features)
}

/// Replies, the last sign of life, rhythm and decayed volume from one person's ordered events.
fn sequence(f: &mut Features, events: &[Event], as_of: i64, model: &Model) {
    let window = model.reciprocity.reply_window_days * DAY;
    let half_life = model.intensity.decay_half_life_days * DAY;
    let mut previous: Option<&Event> = None;
    let (mut days, mut bursts): (Vec<i64>, Vec<i64>) = (Vec::new(), Vec::new());
    let mut last_direct: Option<i64> = None;
    for e in events {
        f.decayed_volume += e.weight * 0.5f64.powf((as_of - e.time) as f64 / half_life);
        f.channels[e.channel as usize] += 1;
        if f.best_channel.is_none_or(|b| model.depth(b) < e.weight) {
            f.best_channel = Some(e.channel);
        }
        if e.channel.from_notes() {
            f.last_noted = Some((e.time, e.channel));
        }
        if e.channel.is_group() {
            continue; // present in the same group: not an exchange between the two
        }
        if e.flow == Flow::In && !matches!(e.channel, Channel::Message | Channel::InvitationNote) {
            f.they_gave = true;
        }
        let replied = e.channel.is_conversation()
            && previous.is_some_and(|p| {
                (e.time - p.time) as f64 <= window
                    && matches!((p.flow, e.flow), (Flow::Out, Flow::In) | (Flow::In, Flow::Out))
            });
        if replied {
            if e.flow == Flow::In { f.replies_by_them += 1 } else { f.replies_by_owner += 1 }
        }
        if replied || e.flow == Flow::Mutual || e.channel.is_deep() {
            f.last_living = Some(e.time);
        }
        if e.flow != Flow::Mutual && e.channel.is_conversation() {
            previous = Some(e);
        }
        let day = e.time.div_euclid(86_400);
        if days.last() != Some(&day) {
            days.push(day);
        }
        // A burst of contact starts after a silence longer than the reply window.
        if last_direct.is_none_or(|t| (e.time - t) as f64 > window) {
            bursts.push(day);
        }
        last_direct = Some(e.time);
    }
    f.typical_gap_days = median_gap(&days, 3);
    f.burst_gap_days = median_gap(&bursts, 4);
}

/// The median gap between consecutive days, given at least `min` days.
fn median_gap(days: &[i64], min: usize) -> Option<f64> {
    if days.len() < min {
        return None;
    }
    let mut gaps: Vec<i64> = days.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    let mid = gaps.len() / 2;
    Some(if gaps.len() % 2 == 1 {
        gaps[mid] as f64
    } else {
        (gaps[mid - 1] + gaps[mid]) as f64 / 2.0
    })
}

/// The owner's first LinkedIn message within the welcome window after connecting, and
/// whether they answered it within the reply window.
fn welcome(events: &[Event], connected: i64, window: f64, reply_window: f64) -> Welcome {
    // A personal welcome is one-to-one: a post to a group is not.
    let is_message = |e: &&Event| e.channel == Channel::Message;
    let sent = events.iter().filter(is_message).find(|e| {
        e.flow == Flow::Out && e.time >= connected && ((e.time - connected) as f64) <= window
    });
    let Some(sent) = sent else { return Welcome::None };
    let answered = events.iter().filter(is_message).any(|e| {
        e.flow == Flow::In && e.time > sent.time && ((e.time - sent.time) as f64) <= reply_window
    });
    if answered { Welcome::Answered } else { Welcome::Sent }
}

/// The start of a day, in seconds since 1970 (UTC).
pub fn midnight(day: Date) -> Option<i64> {
    day.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp().as_second())
}
