//! The tables: one row per connection (`scores.csv`), and the action lists drawn from it.

use jiff::civil::Date;
use serde::Serialize;

use super::{Analysis, date, safe};
use crate::features::{Welcome, midnight};
use crate::history::JobChange;
use crate::interactions::{Channel, Flow};

use crate::score::{Scored, Tier, day_of};

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
    "previous_tier",
    "previous_score",
    "score_change",
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

/// One row of scores.json and scores.csv, typed: each writer formats at its edge —
/// scores.json carries numbers, booleans, arrays and `null` ([`ScoreRow`] as it is),
/// scores.csv text, every cell guarded against spreadsheet formulas ([`ScoreRow::csv`]).
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
    /// The day connected.
    pub connected_on: Option<Date>,
    /// The tier.
    pub tier: Tier,
    /// 0–100 (two decimals in the outputs).
    #[serde(serialize_with = "two")]
    pub score: f64,
    /// The chance of being in touch within 90 days (three decimals).
    #[serde(serialize_with = "three")]
    pub p_contact_90d: f64,
    /// Recency, 0–1 (three decimals), as the other components.
    #[serde(serialize_with = "three")]
    pub recency: f64,
    /// Intensity.
    #[serde(serialize_with = "three")]
    pub intensity: f64,
    /// Reciprocity.
    #[serde(serialize_with = "three")]
    pub reciprocity: f64,
    /// Depth.
    #[serde(serialize_with = "three")]
    pub depth: f64,
    /// Longevity.
    #[serde(serialize_with = "three")]
    pub longevity: f64,
    /// The day of the last interaction of any kind.
    pub last_interaction: Option<Date>,
    /// The day of the last reply, mutual or deep contact.
    pub last_two_way: Option<Date>,
    /// LinkedIn messages sent to them.
    pub messages_sent: u32,
    /// LinkedIn messages received from them.
    pub messages_received: u32,
    /// Their replies to the owner.
    pub replies_by_them: u32,
    /// The owner's replies to them.
    pub replies_by_owner: u32,
    /// Median days between contacts (whole days).
    #[serde(serialize_with = "whole")]
    pub typical_gap_days: Option<f64>,
    /// The deepest channel used.
    pub best_channel: Option<Channel>,
    /// Interactions by channel, in [`Channel::ALL`] order (JSON: an object, channel → count).
    #[serde(serialize_with = "by_channel")]
    pub channels: Vec<(Channel, u32)>,
    /// none, sent, answered.
    pub welcome: Welcome,
    /// `you` or `them`; none when unknown.
    pub invited_by: Option<&'static str>,
    /// Whether the invitation carried a note.
    pub invitation_note: bool,
    /// The notes' tags.
    pub tags: Vec<String>,
    /// Their community in the relationship graph (0 the largest); none when in none.
    pub community: Option<usize>,
    /// How many other communities their ties reach.
    pub bridges: u32,
    /// Pairs of their contacts in different communities who are not tied to each other.
    pub brokerage: u32,
    /// Tagged keep.
    pub keep: bool,
    /// Why.
    pub reasons: Vec<String>,
    /// The tier in the previous run kept in the history; none when they were not in it.
    pub previous_tier: Option<Tier>,
    /// The score in the previous run (two decimals).
    #[serde(serialize_with = "two_or_none")]
    pub previous_score: Option<f64>,
    /// The score less the previous run's (two decimals).
    #[serde(serialize_with = "two_or_none")]
    pub score_change: Option<f64>,
    #[serde(skip)]
    hidden: bool,
    #[serde(skip)]
    days_silent: Option<f64>,
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
        let day = |t: Option<i64>| t.and_then(day_of);
        ScoreRow {
            profile_url: url,
            name: c.full_name(),
            company: c.company.clone(),
            position: c.position.clone(),
            connected_on: c.connected_on,
            tier: s.tier,
            score: s.score,
            p_contact_90d: s.p_contact,
            recency: s.components.recency,
            intensity: s.components.intensity,
            reciprocity: s.components.reciprocity,
            depth: s.components.depth,
            longevity: s.components.longevity,
            last_interaction: day(f.last),
            last_two_way: day(f.last_living),
            messages_sent: f.messages_sent,
            messages_received: f.messages_received,
            replies_by_them: f.replies_by_them,
            replies_by_owner: f.replies_by_owner,
            typical_gap_days: f.typical_gap_days,
            best_channel: f.best_channel,
            channels: Channel::ALL
                .iter()
                .filter(|&&c| f.channels[c as usize] > 0)
                .map(|&c| (c, f.channels[c as usize]))
                .collect(),
            welcome: f.welcome,
            invited_by: match f.invitation {
                Some((Flow::Out, _)) => Some("you"),
                Some(_) => Some("them"),
                None => None,
            },
            invitation_note: f.invitation.is_some_and(|(_, note)| note),
            tags: s.tags.clone(),
            community: a.graph.community[s.connection],
            bridges: a.graph.bridges[s.connection],
            brokerage: a.graph.brokerage[s.connection],
            keep: s.keep,
            reasons: s.reasons.clone(),
            previous_tier: None,
            previous_score: None,
            score_change: None,
            hidden: c.is_hidden(),
            days_silent: f.last_living.or(f.last).map(|t| (a.as_of - t) as f64 / DAY),
            prune_tag: s.prune,
            connected: c.connected_on.and_then(midnight),
            connection: s.connection,
        }
    }

    /// The row with the connection's tier and score in the previous run.
    pub fn since(mut self, trend: &super::trend::Trend) -> ScoreRow {
        self.previous_tier = trend.previous.map(|(tier, _)| tier);
        self.previous_score = trend.previous.map(|(_, score)| score);
        self.score_change = trend.change;
        self
    }

    /// The row as scores.csv writes it.
    pub fn csv(&self) -> ScoreCsv<'_> {
        let num = |x: f64| format!("{x:.3}");
        ScoreCsv {
            profile_url: safe(&self.profile_url),
            name: safe(&self.name),
            company: safe(&self.company),
            position: safe(&self.position),
            connected_on: text(self.connected_on),
            tier: self.tier.name(),
            score: format!("{:.2}", self.score),
            p_contact_90d: num(self.p_contact_90d),
            recency: num(self.recency),
            intensity: num(self.intensity),
            reciprocity: num(self.reciprocity),
            depth: num(self.depth),
            longevity: num(self.longevity),
            last_interaction: text(self.last_interaction),
            last_two_way: text(self.last_two_way),
            messages_sent: self.messages_sent,
            messages_received: self.messages_received,
            replies_by_them: self.replies_by_them,
            replies_by_owner: self.replies_by_owner,
            typical_gap_days: self.typical_gap_days.map_or(String::new(), |g| format!("{g:.0}")),
            best_channel: self.best_channel.map_or("", |c| c.key()),
            channels: self
                .channels
                .iter()
                .map(|(c, n)| format!("{}:{n}", c.key()))
                .collect::<Vec<_>>()
                .join(";"),
            welcome: self.welcome.name(),
            invited_by: self.invited_by.unwrap_or(""),
            invitation_note: self.invitation_note,
            tags: safe(&self.tags.join(";")),
            community: self.community.map_or_else(String::new, |c| c.to_string()),
            bridges: self.bridges,
            brokerage: self.brokerage,
            keep: self.keep,
            reasons: safe(&self.reasons.join("; ")),
            previous_tier: self.previous_tier.map_or("", Tier::name),
            previous_score: self.previous_score.map_or(String::new(), |x| format!("{x:.2}")),
            score_change: self.score_change.map_or(String::new(), |x| format!("{x:.2}")),
        }
    }

    /// The four columns every list opens with, guarded for a spreadsheet.
    fn who(&self) -> [String; 4] {
        [&self.profile_url, &self.name, &self.company, &self.position].map(|c| safe(c))
    }
}

/// A row of scores.csv: [`ScoreRow`] as text (see [`SCORES`] for the columns).
#[derive(Serialize)]
pub struct ScoreCsv<'r> {
    profile_url: String,
    name: String,
    company: String,
    position: String,
    connected_on: String,
    tier: &'static str,
    score: String,
    p_contact_90d: String,
    recency: String,
    intensity: String,
    reciprocity: String,
    depth: String,
    longevity: String,
    last_interaction: String,
    last_two_way: String,
    messages_sent: u32,
    messages_received: u32,
    replies_by_them: u32,
    replies_by_owner: u32,
    typical_gap_days: String,
    best_channel: &'r str,
    channels: String,
    welcome: &'static str,
    invited_by: &'r str,
    invitation_note: bool,
    tags: String,
    community: String,
    bridges: u32,
    brokerage: u32,
    keep: bool,
    reasons: String,
    previous_tier: &'static str,
    previous_score: String,
    score_change: String,
}

/// `YYYY-MM-DD`, or empty.
fn text(day: Option<Date>) -> String {
    day.map_or(String::new(), |d| d.to_string())
}

/// A number as JSON, rounded to `digits` decimals (as the CSV shows it).
fn rounded<S: serde::Serializer>(x: f64, digits: i32, s: S) -> Result<S::Ok, S::Error> {
    let scale = 10f64.powi(digits);
    s.serialize_f64((x * scale).round() / scale)
}

fn two<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    rounded(*x, 2, s)
}

fn three<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    rounded(*x, 3, s)
}

fn two_or_none<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => rounded(*x, 2, s),
        None => s.serialize_none(),
    }
}

fn whole<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => rounded(*x, 0, s),
        None => s.serialize_none(),
    }
}

/// Channel counts as a JSON object, in [`Channel::ALL`] order.
fn by_channel<S: serde::Serializer>(list: &[(Channel, u32)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(list.len()))?;
    for (c, n) in list {
        map.serialize_entry(c.key(), n)?;
    }
    map.end()
}

/// A row of prune.csv.
#[derive(Serialize)]
pub struct PruneRow {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: String,
    /// First and last name.
    pub name: String,
    /// Company.
    pub company: String,
    /// Position.
    pub position: String,
    /// YYYY-MM-DD.
    pub connected_on: String,
    /// 0–100, two decimals.
    pub score: String,
    /// Why, `; `-separated.
    pub reasons: String,
}

/// Clutter (and what the notes tag `prune`), never what they tag `keep`, most certain first:
/// tagged prune, then the lowest scores, then the longest connected. Everyone the rule selects
/// but hidden members (no name, no profile: nothing to act on), with or without a profile URL
/// (2021 – mid 2023 exports have none).
pub fn prune(_: &Analysis<'_>, rows: &[ScoreRow]) -> Vec<PruneRow> {
    let mut list: Vec<&ScoreRow> = rows
        .iter()
        .filter(|r| (r.tier == Tier::Clutter || r.prune_tag) && !r.keep && !r.hidden)
        .collect();
    list.sort_by(|a, b| {
        b.prune_tag
            .cmp(&a.prune_tag)
            .then(a.score.total_cmp(&b.score))
            .then(a.connected.cmp(&b.connected))
            .then(a.profile_url.cmp(&b.profile_url))
    });
    list.into_iter()
        .map(|r| {
            let [profile_url, name, company, position] = r.who();
            PruneRow {
                connection: r.connection,
                profile_url,
                name,
                company,
                position,
                connected_on: text(r.connected_on),
                score: format!("{:.2}", r.score),
                reasons: safe(&r.reasons.join("; ")),
            }
        })
        .collect()
}

/// A row of reconnect.csv.
#[derive(Serialize)]
pub struct ReconnectRow {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: String,
    /// First and last name.
    pub name: String,
    /// Company.
    pub company: String,
    /// Position.
    pub position: String,
    /// 0–100, two decimals.
    pub score: String,
    /// YYYY-MM-DD of the last two-way contact.
    pub last_two_way: String,
    /// Days since the last contact of any kind.
    pub days_silent: String,
    /// Why, `; `-separated.
    pub reasons: String,
    /// Their job change since the last run, in words (not written: it leads `reasons`).
    #[serde(skip)]
    pub job: Option<String>,
}

/// Dormant relationships, and active ones who changed jobs since the last run (`changed`, by
/// Connections.csv row): those who changed jobs first, the change in words leading their
/// reasons, then most valuable (highest score) first.
pub fn reconnect(rows: &[ScoreRow], changed: &[Option<&JobChange>]) -> Vec<ReconnectRow> {
    let job = |r: &ScoreRow| changed.get(r.connection).copied().flatten();
    let mut list: Vec<&ScoreRow> = rows
        .iter()
        .filter(|r| r.tier == Tier::Dormant || (r.tier == Tier::Active && job(r).is_some()))
        .collect();
    list.sort_by(|a, b| {
        (job(b).is_some().cmp(&job(a).is_some()))
            .then(b.score.total_cmp(&a.score))
            .then(a.profile_url.cmp(&b.profile_url))
    });
    list.into_iter()
        .map(|r| {
            let [profile_url, name, company, position] = r.who();
            let job = job(r).map(JobChange::reason);
            let reasons = job.iter().chain(&r.reasons).cloned().collect::<Vec<_>>().join("; ");
            ReconnectRow {
                connection: r.connection,
                profile_url,
                name,
                company,
                position,
                score: format!("{:.2}", r.score),
                last_two_way: text(r.last_two_way),
                days_silent: r.days_silent.map_or(String::new(), |d| format!("{d:.0}")),
                reasons: safe(&reasons),
                job,
            }
        })
        .collect()
}

/// A row of welcome.csv.
#[derive(Serialize)]
pub struct WelcomeRow {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
    /// Canonical profile URL; empty where the export has none.
    pub profile_url: String,
    /// First and last name.
    pub name: String,
    /// Company.
    pub company: String,
    /// Position.
    pub position: String,
    /// YYYY-MM-DD.
    pub connected_on: String,
    /// Days since connecting.
    pub days_connected: String,
    /// you, them, or empty when unknown.
    pub invited_by: &'static str,
    /// Whether the invitation carried a note.
    pub invitation_note: bool,
}

/// New connections still waiting for a personal message, newest first.
pub fn welcome(a: &Analysis<'_>, rows: &[ScoreRow]) -> Vec<WelcomeRow> {
    let mut list: Vec<&ScoreRow> = rows
        .iter()
        .filter(|r| r.tier == Tier::New && r.welcome == Welcome::None && !r.hidden)
        .collect();
    list.sort_by(|x, y| y.connected.cmp(&x.connected).then(x.profile_url.cmp(&y.profile_url)));
    list.into_iter()
        .map(|r| {
            let [profile_url, name, company, position] = r.who();
            WelcomeRow {
                connection: r.connection,
                profile_url,
                name,
                company,
                position,
                connected_on: text(r.connected_on),
                days_connected: r.connected.map_or(String::new(), |c| {
                    format!("{:.0}", ((a.as_of - c) as f64 / DAY).floor())
                }),
                invited_by: r.invited_by.unwrap_or(""),
                invitation_note: r.invitation_note,
            }
        })
        .collect()
}

/// A row of followup.csv: when to be in touch next with a living relationship.
#[derive(Clone, Debug, Serialize)]
pub struct Followup {
    /// The row of Connections.csv (not written).
    #[serde(skip)]
    pub connection: usize,
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
    /// The day of the next contact, typed (not written: `next_contact` is its text).
    #[serde(skip)]
    pub due: Option<Date>,
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
                connection: s.connection,
                profile_url: safe(&url),
                name: safe(&c.full_name()),
                tier: s.tier.name(),
                last_contact: date(Some(last)),
                cadence_days: days.round() as u32,
                cadence_from: safe(&from),
                next_contact: date(Some(next)),
                overdue_days: ((a.as_of - next) as f64 / DAY).floor() as i64,
                due: day_of(next),
            },
        ));
    }
    list.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.profile_url.cmp(&y.1.profile_url)));
    list.into_iter().map(|(_, f)| f).collect()
}
