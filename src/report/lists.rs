//! The tables: one row per connection (`scores.csv`), and the action lists drawn from it.

use serde::Serialize;

use super::{Analysis, date, safe};
use crate::features::{Welcome, midnight};
use crate::interactions::{Channel, Flow};
use crate::score::{Scored, Tier};

const DAY: f64 = 86_400.0;

/// The columns of scores.csv, as [`ScoreRow`] writes them (a test holds the two together).
pub const SCORES: &[&str] = &[
    "profile_url",
    "name",
    "company",
    "position",
    "connected_on",
    "tier",
    "score",
    "p_contact_90d",
    "recency",
    "intensity",
    "reciprocity",
    "depth",
    "longevity",
    "last_interaction",
    "last_two_way",
    "messages_sent",
    "messages_received",
    "replies_by_them",
    "replies_by_owner",
    "typical_gap_days",
    "best_channel",
    "channels",
    "welcome",
    "invited_by",
    "invitation_note",
    "tags",
    "community",
    "bridges",
    "brokerage",
    "keep",
    "reasons",
];
/// The columns of prune.csv.
pub const PRUNE: &[&str] =
    &["profile_url", "name", "company", "position", "connected_on", "score", "reasons"];
/// The columns of reconnect.csv.
pub const RECONNECT: &[&str] = &[
    "profile_url",
    "name",
    "company",
    "position",
    "score",
    "last_two_way",
    "days_silent",
    "reasons",
];
/// The columns of welcome.csv.
pub const WELCOME: &[&str] = &[
    "profile_url",
    "name",
    "company",
    "position",
    "connected_on",
    "days_connected",
    "invited_by",
    "invitation_note",
];
/// The columns of followup.csv.
pub const FOLLOWUP: &[&str] = &[
    "profile_url",
    "name",
    "tier",
    "last_contact",
    "cadence_days",
    "cadence_from",
    "next_contact",
    "overdue_days",
];

/// One row of scores.csv / scores.json.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreRow {
    /// Canonical profile URL (as Connections.csv writes it); empty for hidden members.
    pub profile_url: String,
    /// First and last name.
    pub name: String,
    /// Company.
    pub company: String,
    /// Position.
    pub position: String,
    /// YYYY-MM-DD.
    pub connected_on: String,
    /// core, active, dormant, weak, new, clutter.
    pub tier: &'static str,
    /// 0–100, two decimals.
    pub score: String,
    /// The chance of being in touch within 90 days, three decimals.
    pub p_contact_90d: String,
    /// Components, three decimals.
    pub recency: String,
    /// Intensity, three decimals.
    pub intensity: String,
    /// Reciprocity, three decimals.
    pub reciprocity: String,
    /// Depth, three decimals.
    pub depth: String,
    /// Longevity, three decimals.
    pub longevity: String,
    /// YYYY-MM-DD of the last interaction of any kind.
    pub last_interaction: String,
    /// YYYY-MM-DD of the last reply, mutual or deep contact.
    pub last_two_way: String,
    /// LinkedIn messages sent to them.
    pub messages_sent: u32,
    /// LinkedIn messages received from them.
    pub messages_received: u32,
    /// Their replies to the owner.
    pub replies_by_them: u32,
    /// The owner's replies to them.
    pub replies_by_owner: u32,
    /// Median days between contacts.
    pub typical_gap_days: String,
    /// The deepest channel used.
    pub best_channel: &'static str,
    /// Interactions by channel, `channel:count` joined by `;` (e.g. `message:12;call:1`).
    pub channels: String,
    /// none, sent, answered.
    pub welcome: &'static str,
    /// you, them, or empty when unknown.
    pub invited_by: &'static str,
    /// Whether the invitation carried a note.
    pub invitation_note: bool,
    /// The notes' tags, `;`-separated.
    pub tags: String,
    /// Their community in the relationship graph (0 the largest); empty when in none.
    pub community: String,
    /// How many other communities their ties reach.
    pub bridges: u32,
    /// Pairs of their contacts in different communities who are not tied to each other.
    pub brokerage: u32,
    /// Tagged keep.
    pub keep: bool,
    /// Why, `; `-separated.
    pub reasons: String,
    #[serde(skip)]
    score_value: f64,
    #[serde(skip)]
    days_silent: Option<f64>,
    #[serde(skip)]
    welcome_state: Welcome,
    #[serde(skip)]
    tier_value: Tier,
    #[serde(skip)]
    prune_tag: bool,
    #[serde(skip)]
    connected: Option<i64>,
    #[serde(skip)]
    connection: usize,
}

impl ScoreRow {
    /// The row of one scored connection.
    pub fn new(a: &Analysis<'_>, s: &Scored) -> ScoreRow {
        let c = &a.export.connections[s.connection];
        let f = &a.features[s.connection];
        let p = &a.people.persons[s.connection];
        let url = p.key.as_ref().map_or_else(|| c.url.clone().unwrap_or_default(), |k| k.url());
        let num = |x: f64| format!("{x:.3}");
        ScoreRow {
            profile_url: safe(&url),
            name: safe(&c.full_name()),
            company: safe(&c.company),
            position: safe(&c.position),
            connected_on: c.connected_on.map_or(String::new(), |d| d.to_string()),
            tier: s.tier.name(),
            score: format!("{:.2}", s.score),
            p_contact_90d: format!("{:.3}", s.p_contact),
            recency: num(s.components.recency),
            intensity: num(s.components.intensity),
            reciprocity: num(s.components.reciprocity),
            depth: num(s.components.depth),
            longevity: num(s.components.longevity),
            last_interaction: date(f.last),
            last_two_way: date(f.last_living),
            messages_sent: f.messages_sent,
            messages_received: f.messages_received,
            replies_by_them: f.replies_by_them,
            replies_by_owner: f.replies_by_owner,
            typical_gap_days: f.typical_gap_days.map_or(String::new(), |g| format!("{g:.0}")),
            best_channel: f.best_channel.map_or("", |c| c.key()),
            channels: Channel::ALL
                .iter()
                .filter(|&&c| f.channels[c as usize] > 0)
                .map(|&c| format!("{}:{}", c.key(), f.channels[c as usize]))
                .collect::<Vec<_>>()
                .join(";"),
            welcome: match f.welcome {
                Welcome::None => "none",
                Welcome::Sent => "sent",
                Welcome::Answered => "answered",
            },
            invited_by: match f.invitation {
                Some((Flow::Out, _)) => "you",
                Some(_) => "them",
                None => "",
            },
            invitation_note: f.invitation.is_some_and(|(_, note)| note),
            tags: safe(&s.tags.join(";")),
            community: a.graph.community[s.connection].map_or_else(String::new, |c| c.to_string()),
            bridges: a.graph.bridges[s.connection],
            brokerage: a.graph.brokerage[s.connection],
            keep: s.keep,
            reasons: safe(&s.reasons.join("; ")),
            score_value: s.score,
            days_silent: f.last_living.or(f.last).map(|t| (a.as_of - t) as f64 / DAY),
            welcome_state: f.welcome,
            tier_value: s.tier,
            prune_tag: s.prune,
            connected: c.connected_on.and_then(midnight),
            connection: s.connection,
        }
    }
}

/// A row of prune.csv.
#[derive(Serialize)]
pub struct PruneRow<'r> {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: &'r str,
    /// First and last name.
    pub name: &'r str,
    /// Company.
    pub company: &'r str,
    /// Position.
    pub position: &'r str,
    /// YYYY-MM-DD.
    pub connected_on: &'r str,
    /// 0–100, two decimals.
    pub score: &'r str,
    /// Why, `; `-separated.
    pub reasons: &'r str,
}

/// Clutter (and what the notes tag `prune`), never what they tag `keep`, most certain first:
/// tagged prune, then the lowest scores, then the longest connected.
pub fn prune<'r>(_: &Analysis<'_>, rows: &'r [ScoreRow]) -> Vec<PruneRow<'r>> {
    let mut list: Vec<&ScoreRow> = rows
        .iter()
        .filter(|r| {
            (r.tier_value == Tier::Clutter || r.prune_tag) && !r.keep && !r.profile_url.is_empty()
        })
        .collect();
    list.sort_by(|a, b| {
        b.prune_tag
            .cmp(&a.prune_tag)
            .then(a.score_value.total_cmp(&b.score_value))
            .then(a.connected.cmp(&b.connected))
            .then(a.profile_url.cmp(&b.profile_url))
    });
    list.into_iter()
        .map(|r| PruneRow {
            connection: r.connection,
            profile_url: &r.profile_url,
            name: &r.name,
            company: &r.company,
            position: &r.position,
            connected_on: &r.connected_on,
            score: &r.score,
            reasons: &r.reasons,
        })
        .collect()
}

/// A row of reconnect.csv.
#[derive(Serialize)]
pub struct ReconnectRow<'r> {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: &'r str,
    /// First and last name.
    pub name: &'r str,
    /// Company.
    pub company: &'r str,
    /// Position.
    pub position: &'r str,
    /// 0–100, two decimals.
    pub score: &'r str,
    /// YYYY-MM-DD of the last two-way contact.
    pub last_two_way: &'r str,
    /// Days since the last contact of any kind.
    pub days_silent: String,
    /// Why, `; `-separated.
    pub reasons: &'r str,
}

/// Dormant relationships, most valuable (highest score) first.
pub fn reconnect(rows: &[ScoreRow]) -> Vec<ReconnectRow<'_>> {
    let mut list: Vec<&ScoreRow> = rows.iter().filter(|r| r.tier_value == Tier::Dormant).collect();
    list.sort_by(|a, b| {
        b.score_value.total_cmp(&a.score_value).then(a.profile_url.cmp(&b.profile_url))
    });
    list.into_iter()
        .map(|r| ReconnectRow {
            connection: r.connection,
            profile_url: &r.profile_url,
            name: &r.name,
            company: &r.company,
            position: &r.position,
            score: &r.score,
            last_two_way: &r.last_two_way,
            days_silent: r.days_silent.map_or(String::new(), |d| format!("{d:.0}")),
            reasons: &r.reasons,
        })
        .collect()
}

/// A row of welcome.csv.
#[derive(Serialize)]
pub struct WelcomeRow<'r> {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: &'r str,
    /// First and last name.
    pub name: &'r str,
    /// Company.
    pub company: &'r str,
    /// Position.
    pub position: &'r str,
    /// YYYY-MM-DD.
    pub connected_on: &'r str,
    /// Days since connecting.
    pub days_connected: String,
    /// you, them, or empty when unknown.
    pub invited_by: &'r str,
    /// Whether the invitation carried a note.
    pub invitation_note: bool,
}

/// New connections still waiting for a personal message, newest first.
pub fn welcome<'r>(a: &Analysis<'_>, rows: &'r [ScoreRow]) -> Vec<WelcomeRow<'r>> {
    let mut list: Vec<&ScoreRow> = rows
        .iter()
        .filter(|r| {
            r.tier_value == Tier::New
                && r.welcome_state == Welcome::None
                && !r.profile_url.is_empty()
        })
        .collect();
    list.sort_by(|x, y| y.connected.cmp(&x.connected).then(x.profile_url.cmp(&y.profile_url)));
    list.into_iter()
        .map(|r| WelcomeRow {
            connection: r.connection,
            profile_url: &r.profile_url,
            name: &r.name,
            company: &r.company,
            position: &r.position,
            connected_on: &r.connected_on,
            days_connected: r
                .connected
                .map_or(String::new(), |c| format!("{:.0}", ((a.as_of - c) as f64 / DAY).floor())),
            invited_by: r.invited_by,
            invitation_note: r.invitation_note,
        })
        .collect()
}

/// A row of followup.csv: when to be in touch next with a living relationship.
#[derive(Clone, Debug, Serialize)]
pub struct Followup {
    /// Profile URL.
    pub profile_url: String,
    /// Name.
    pub name: String,
    /// core or active.
    pub tier: &'static str,
    /// YYYY-MM-DD of the last interaction (a noted touch counts).
    pub last_contact: String,
    /// Days between contacts.
    pub cadence_days: u32,
    /// Where the cadence comes from: `tag:<name>`, `rhythm` or `default`.
    pub cadence_from: String,
    /// YYYY-MM-DD of the next contact.
    pub next_contact: String,
    /// Days past due (negative: days left).
    pub overdue_days: i64,
}

/// The follow-up plan: every living relationship, overdue first.
pub fn followups(a: &Analysis<'_>) -> Vec<Followup> {
    let m = &a.model.followup;
    let mut list: Vec<(i64, Followup)> = Vec::new();
    for s in a.scored.iter().filter(|s| s.tier.is_living()) {
        let f = &a.features[s.connection];
        let Some(last) = f.last else { continue };
        let by_tag = s.tags.iter().filter_map(|t| a.model.cadence.get(t).map(|d| (*d, t))).min();
        let (days, from) = match (by_tag, f.typical_gap_days) {
            (Some((d, t)), _) => (d as f64, format!("tag:{t}")),
            (None, Some(gap)) => ((gap * 1.5).clamp(m.min_days, m.max_days), "rhythm".to_string()),
            (None, None) => (m.default_days, "default".to_string()),
        };
        let next = last + (days * DAY) as i64;
        let c = &a.export.connections[s.connection];
        let url = a.people.persons[s.connection].key.as_ref().map_or_else(String::new, |k| k.url());
        list.push((
            next,
            Followup {
                profile_url: safe(&url),
                name: safe(&c.full_name()),
                tier: s.tier.name(),
                last_contact: date(Some(last)),
                cadence_days: days.round() as u32,
                cadence_from: safe(&from),
                next_contact: date(Some(next)),
                overdue_days: ((a.as_of - next) as f64 / DAY).floor() as i64,
            },
        ));
    }
    list.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.profile_url.cmp(&y.1.profile_url)));
    list.into_iter().map(|(_, f)| f).collect()
}
