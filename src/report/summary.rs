//! `summary.json`: the headline numbers of a network — tiers, Dunbar layers, how much of it is
//! two-way, the three I's (invitations with a note, welcomes and their answers, give and get).

use serde::Serialize;

use super::{Analysis, date};
use crate::export::Direction;
use crate::features::Welcome;
use crate::interactions::{Channel, Flow};
use crate::notes::{Kind, NoteDirection};
use crate::score::{Coverage, Tier, TierCounts};

/// The KPIs of one analysis.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// The moment of scoring, YYYY-MM-DD.
    pub as_of: String,
    /// Connections scored (one per Connections.csv row, the owner's own row excepted).
    pub connections: usize,
    /// Of which hidden members (no name, no URL).
    pub hidden_members: usize,
    /// The export's owner.
    pub owner: OwnerSummary,
    /// How many connections in each tier.
    pub tiers: TierCounts,
    /// How many connections reach each Dunbar layer's score, against the reference sizes.
    pub layers: LayerCounts,
    /// Share of connections with any two-way exchange ever.
    pub quality_ratio: f64,
    /// Personal welcomes after connecting.
    pub welcomes: Welcomes,
    /// Services (help, referrals, introductions, recommendations, endorsements) given and received.
    pub give_get: GiveGet,
    /// Invitations and their notes.
    pub invitations: Invitations,
    /// Introductions the owner made (notes).
    pub introductions_made: usize,
    /// Referrals the owner made (notes).
    pub referrals_made: usize,
    /// The relationship graph.
    pub graph: GraphSummary,
    /// How long each action list is.
    pub actions: Actions,
    /// What the export does not hold that the tiers would need, in words (empty when
    /// nothing is missing): no messages at all, or messages that end long before the day
    /// scored.
    pub data_gaps: Vec<String>,
}

/// Rows of each action list.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Actions {
    pub prune: usize,
    pub reconnect: usize,
    pub welcome: usize,
    pub followup: usize,
    pub followup_overdue: usize,
    /// Rows of changes.csv: connections whose employer or title changed since the last run.
    pub changed_jobs: usize,
}

/// The graph in numbers.
#[derive(Clone, Debug, Serialize)]
pub struct GraphSummary {
    /// Nodes: the owner, connections, people met only in messages.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// Communities of two or more.
    pub communities: usize,
    /// Their modularity.
    pub modularity: f64,
    /// The connections whose ties reach the most other communities.
    pub brokers: Vec<Broker>,
    /// The largest employers, with how many of their people are living relationships.
    pub companies: Vec<crate::graph::CompanyCluster>,
}

/// A connection bridging communities.
#[derive(Clone, Debug, Serialize)]
pub struct Broker {
    pub name: String,
    pub profile_url: String,
    pub bridges: u32,
    pub brokerage: u32,
}

/// The owner.
#[derive(Clone, Debug, Serialize)]
pub struct OwnerSummary {
    pub name: Option<String>,
    pub profile_url: Option<String>,
    pub method: crate::people::OwnerMethod,
}

/// Connections at or above each layer's score; Dunbar's sizes for reference.
#[derive(Clone, Debug, Serialize)]
pub struct LayerCounts {
    pub support: usize,
    pub sympathy: usize,
    pub affinity: usize,
    pub active: usize,
    pub reference: [usize; 4],
}

/// Welcomes sent within the window after connecting.
#[derive(Clone, Debug, Serialize)]
pub struct Welcomes {
    pub sent: usize,
    pub answered: usize,
    pub reply_rate: Option<f64>,
}

/// Give and get.
#[derive(Clone, Debug, Serialize)]
pub struct GiveGet {
    pub given: usize,
    pub received: usize,
    /// given / (given + received).
    pub balance: Option<f64>,
}

/// Invitations in each direction and the share that carried a note.
#[derive(Clone, Debug, Serialize)]
pub struct Invitations {
    pub outgoing: usize,
    pub outgoing_with_note: usize,
    pub outgoing_note_share: Option<f64>,
    pub incoming: usize,
    pub incoming_with_note: usize,
    pub incoming_note_share: Option<f64>,
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 1000.0).round() / 1000.0)
}

impl Summary {
    /// The KPIs of an analysis.
    pub fn new(a: &Analysis<'_>) -> Summary {
        let (layers, two_way, welcomes) = per_connection(a);
        let (introductions_made, referrals_made) = made(a);
        let owner = &a.people.owner;
        Summary {
            as_of: date(Some(a.as_of)),
            connections: a.scored.len(),
            hidden_members: a
                .scored
                .iter()
                .filter(|s| a.export.connections[s.connection].is_hidden())
                .count(),
            owner: OwnerSummary {
                name: owner.name.clone(),
                profile_url: owner.url(),
                method: owner.method,
            },
            tiers: TierCounts::of(a.scored.iter().map(|s| s.tier)),
            layers,
            quality_ratio: share(two_way, a.scored.len()).unwrap_or(0.0),
            welcomes,
            give_get: give_get(a),
            invitations: invitations(a),
            introductions_made,
            referrals_made,
            graph: graph_summary(a),
            actions: Actions::default(),
            data_gaps: data_gaps(a),
        }
    }
}

impl Summary {
    /// A short readable summary for stdout, naming where the report in `dir` is.
    pub fn headline<'a>(&'a self, dir: &'a std::path::Path) -> Headline<'a> {
        Headline { summary: self, dir, source: None }
    }
}

/// The summary for stdout, with where the report is ([`Summary::headline`]).
pub struct Headline<'a> {
    summary: &'a Summary,
    dir: &'a std::path::Path,
    source: Option<&'a str>,
}

impl<'a> Headline<'a> {
    /// Says, after the day, where it came from (`the date in the export's name`).
    pub fn day_from(self, source: Option<&'a str>) -> Headline<'a> {
        Headline { source, ..self }
    }
}

impl std::fmt::Display for Headline<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (s, t, l) = (self.summary, &self.summary.tiers, &self.summary.layers);
        let pct = |x: f64| format!("{:.0} %", 100.0 * x);
        let from = self.source.map_or_else(String::new, |w| format!(" ({w})"));
        writeln!(f, "as of {}{from}: {} connections", s.as_of, s.connections)?;
        for gap in &s.data_gaps {
            writeln!(f, "note: {gap}")?;
        }
        writeln!(
            f,
            "core {}  active {}  dormant {}  weak {}  new {}  clutter {}{}",
            t.core,
            t.active,
            t.dormant,
            t.weak,
            t.new,
            t.clutter,
            if t.unknown > 0 { format!("  unknown {}", t.unknown) } else { String::new() }
        )?;
        writeln!(
            f,
            "layers: {} support, {} sympathy, {} affinity, {} active (Dunbar: 5 / 15 / 50 / 150)",
            l.support, l.sympathy, l.affinity, l.active
        )?;
        write!(f, "two-way ever: {}", pct(s.quality_ratio))?;
        let w = &s.welcomes;
        if w.sent > 0 {
            // From the counts, rounded once (21 of 22 is 95 %, not 96 %).
            let rate = 100.0 * w.answered as f64 / w.sent as f64;
            write!(f, "; welcomes answered: {} of {} ({rate:.0} %)", w.answered, w.sent)?;
        }
        let a = &s.actions;
        // Fewer to prune than clutter: say why, or the two numbers contradict each other.
        let unlisted = if (a.prune as u64) < t.clutter {
            format!(
                " (of {} clutter: hidden members and anyone tagged keep are never listed)",
                t.clutter
            )
        } else {
            String::new()
        };
        writeln!(
            f,
            "\nto do: prune {}{unlisted}, reconnect with {}, welcome {}, follow up with {} now",
            a.prune, a.reconnect, a.welcome, a.followup_overdue
        )?;
        writeln!(f, "report: {}", self.dir.join("report.html").display())?;
        writeln!(f, "image:  {}", self.dir.join("report.png").display())?;
        writeln!(f, "tables: {}", self.dir.display())
    }
}

/// What the export does not hold that the tiers need: without messages netsift cannot tell a
/// friend from a stranger, and anyone connected after the messages end looks silent.
fn data_gaps(a: &Analysis<'_>) -> Vec<String> {
    match crate::score::coverage(a.export, a.as_of) {
        Coverage::Full => vec![],
        Coverage::NoMessages => vec![
            "this export holds no messages: without them netsift cannot tell a friend from a \
             stranger, so no one is called clutter for silence alone ('unknown' instead): only \
             what the export does show (invitations, endorsements, recommendations, your notes) \
             counts; request LinkedIn's complete archive (Settings → Data privacy → Get a copy \
             of your data)"
                .into(),
        ],
        Coverage::EndsAt(last) => vec![format!(
            "the messages in this export end on {}, {} days before the day scored: contact since \
             then is not in the export, so anyone connected after that day who shows no other \
             contact is 'unknown', not clutter",
            date(Some(last)),
            (a.as_of - last) / 86_400
        )],
    }
}

/// The Dunbar layers, the connections ever two-way and the welcomes, counted over every
/// connection.
fn per_connection(a: &Analysis<'_>) -> (LayerCounts, usize, Welcomes) {
    let l = &a.model.layers;
    let mut layers = LayerCounts {
        support: 0,
        sympathy: 0,
        affinity: 0,
        active: 0,
        reference: [5, 15, 50, 150],
    };
    let (mut two_way, mut sent, mut answered) = (0, 0, 0);
    for s in a.scored {
        // A layer holds relationships: a tie never two-way is in none, whatever its score.
        let lived = matches!(s.tier, Tier::Core | Tier::Active | Tier::Dormant);
        let within = |floor: f64| usize::from(lived && s.score >= floor);
        layers.support += within(l.support);
        layers.sympathy += within(l.sympathy);
        layers.affinity += within(l.affinity);
        layers.active += within(l.active);
        let f = &a.features[s.connection];
        two_way += usize::from(f.two_way());
        sent += usize::from(f.welcome != Welcome::None);
        answered += usize::from(f.welcome == Welcome::Answered);
    }
    (layers, two_way, Welcomes { sent, answered, reply_rate: share(answered, sent) })
}

/// Services given and received: help, referrals, introductions, recommendations and
/// endorsements (a mutual one counts both ways).
fn give_get(a: &Analysis<'_>) -> GiveGet {
    let (mut given, mut received) = (0, 0);
    for e in &a.interactions.events {
        let service = matches!(
            e.channel,
            Channel::Help
                | Channel::Referral
                | Channel::Intro
                | Channel::Recommendation
                | Channel::Endorsement
        );
        match (service, e.flow) {
            (true, Flow::Out) => given += 1,
            (true, Flow::In) => received += 1,
            (true, Flow::Mutual) => {
                given += 1;
                received += 1;
            }
            _ => {}
        }
    }
    GiveGet { given, received, balance: share(given, given + received) }
}

/// Introductions and referrals the owner made by the as-of day, counted per note: an
/// introduction touches two people but is one introduction.
fn made(a: &Analysis<'_>) -> (usize, usize) {
    let (mut intros, mut referrals) = (0, 0);
    for note in a.notes.map_or(&[][..], |n| &n.notes) {
        let given = matches!(note.direction, NoteDirection::Given | NoteDirection::Mutual);
        let known = crate::features::midnight(note.date).is_some_and(|d| d <= a.as_of);
        intros += usize::from(given && known && note.kind == Kind::Intro);
        referrals += usize::from(given && known && note.kind == Kind::Referral);
    }
    (intros, referrals)
}

/// Invitations sent and received by the as-of day, and how many carried a note.
fn invitations(a: &Analysis<'_>) -> Invitations {
    let invitations: Vec<&crate::export::Invitation> =
        a.export.invitations.iter().filter(|i| i.sent_at.as_second() <= a.as_of).collect();
    let count = |d: Direction, note: bool| {
        invitations.iter().filter(|i| i.direction == d && (!note || i.has_note())).count()
    };
    let (out, out_note) = (count(Direction::Outgoing, false), count(Direction::Outgoing, true));
    let (inc, inc_note) = (count(Direction::Incoming, false), count(Direction::Incoming, true));
    Invitations {
        outgoing: out,
        outgoing_with_note: out_note,
        outgoing_note_share: share(out_note, out),
        incoming: inc,
        incoming_with_note: inc_note,
        incoming_note_share: share(inc_note, inc),
    }
}

fn graph_summary(a: &Analysis<'_>) -> GraphSummary {
    let g = a.graph;
    let mut brokers: Vec<Broker> = a
        .scored
        .iter()
        .filter(|s| g.brokerage[s.connection] > 0)
        .map(|s| {
            let p = &a.people.persons[s.connection];
            Broker {
                name: p.name.clone(),
                profile_url: p
                    .key
                    .as_ref()
                    .map_or_else(String::new, crate::people::ProfileKey::url),
                bridges: g.bridges[s.connection],
                brokerage: g.brokerage[s.connection],
            }
        })
        .collect();
    brokers.sort_by(|x, y| y.brokerage.cmp(&x.brokerage).then(x.profile_url.cmp(&y.profile_url)));
    brokers.truncate(10);
    GraphSummary {
        nodes: g.graph.node_count(),
        edges: g.graph.edge_count(),
        communities: g.community_count(),
        modularity: (g.modularity * 1000.0).round() / 1000.0,
        brokers,
        companies: g.companies.iter().take(10).cloned().collect(),
    }
}
