//! `netsift intro TARGET EXPORT`: the best ways in to a company or a person — your direct
//! connections there by tie strength, and two-hop paths through your strong ties to people
//! there (shared group chats, colleagues, introductions), a path as strong as the product of
//! its edges, each explained in words.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::{Edge, Graph, company};
use crate::export::Export;
use crate::interactions::Interactions;
use crate::people::near::{closest, did_you_mean};
use crate::people::{People, PersonId, ProfileKey, Resolved, loose_key};
use crate::score::Scored;

/// How many ways in to show when `--limit` does not say.
pub const TOP: usize = 15;

/// One person on a path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hop {
    /// Their name.
    pub name: String,
    /// Their profile URL.
    pub profile_url: String,
    /// Their company.
    pub company: String,
    /// Their tier, for connections.
    pub tier: Option<&'static str>,
    /// Their score, for connections.
    pub score: Option<f64>,
}

/// A way in: directly, or through someone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Way {
    /// The product of the path's edge strengths, in [0, 1].
    pub strength: f64,
    /// The person in the middle, for a two-hop path.
    pub via: Option<Hop>,
    /// The person at the target.
    pub to: Hop,
    /// The path in words.
    pub explanation: String,
    /// A direct connection you have no interaction with at all (no message, invitation note,
    /// endorsement, recommendation or note).
    pub never_contacted: bool,
}

/// What `intro` found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Intro {
    /// The target as understood: `company "…"` or `person "…"`.
    pub target: String,
    /// People at the target among your connections and their contacts.
    pub people_at_target: usize,
    /// The best ways in, strongest first, at most as many as the limit.
    pub ways: Vec<Way>,
    /// How many more ways in were found beyond the limit.
    pub left_out: usize,
    /// When the target names no one: the closest connections' names and companies.
    pub did_you_mean: Vec<String>,
}

/// Finds the `limit` best ways in to `target`: a profile URL or a connection's full name (a
/// person), or else a company name (matched on its normalised words, never on substrings).
/// Your connections there are ways in even when you never contacted them.
pub fn find(
    graph: &Graph,
    export: &Export,
    people: &People,
    (scored, interactions): (&[Scored], &Interactions),
    target: &str,
    limit: usize,
) -> Intro {
    let hops = Hops::new(export, people, scored);
    let (label, targets) = targets(export, people, target);
    let mut ways = Vec::new();
    for &t in &targets {
        let Some(node) = graph.node_of[t as usize] else { continue };
        let never = interactions.of(t).is_empty();
        ways.extend(direct(graph, people, &hops, (t, never)));
        through(graph, &hops, &targets, (t, node), &mut ways);
    }
    let found = ways.len();
    let ways = best(ways, limit);
    let did_you_mean = if targets.is_empty() && ProfileKey::parse(target).is_none() {
        suggest(export, people, target)
    } else {
        Vec::new()
    };
    let (people_at_target, left_out) = (targets.len(), found - ways.len());
    Intro { target: label, people_at_target, ways, left_out, did_you_mean }
}

/// The connections' names and companies closest to `target`, which names none of them.
fn suggest(export: &Export, people: &People, target: &str) -> Vec<String> {
    let companies: foldhash::HashMap<String, &str> =
        export.connections.iter().map(|c| (company_key(&c.company), c.company.as_str())).collect();
    let mut found = people.suggest(target);
    let near = closest(&company_key(target), companies.iter().map(|(k, c)| (k.as_str(), *c)));
    for c in near {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found.truncate(crate::people::near::SUGGESTIONS);
    found
}

/// A company's words without legal suffixes ([`company::key`]), accents set aside.
fn company_key(name: &str) -> String {
    loose_key(&company::key(name))
}

/// What a path needs to say of the people on it: who they are, and their score.
struct Hops<'a> {
    export: &'a Export,
    people: &'a People,
    /// The score of each connection, by row of Connections.csv.
    by_connection: Vec<Option<&'a Scored>>,
}

impl<'a> Hops<'a> {
    /// The people of `export`, with the scores of its connections.
    fn new(export: &'a Export, people: &'a People, scored: &'a [Scored]) -> Hops<'a> {
        let mut by_connection: Vec<Option<&Scored>> = vec![None; export.connections.len()];
        for s in scored {
            by_connection[s.connection] = Some(s);
        }
        Hops { export, people, by_connection }
    }

    /// Person `p` on a path.
    fn hop(&self, p: PersonId) -> Hop {
        let person = &self.people.persons[p as usize];
        let c = person.connection.map(|i| &self.export.connections[i]);
        let s = person.connection.and_then(|i| self.by_connection[i]);
        Hop {
            name: person.name.clone(),
            profile_url: person.key.as_ref().map_or_else(String::new, ProfileKey::url),
            company: c.map_or_else(String::new, |c| c.company.clone()),
            tier: s.map(|s| s.tier.name()),
            score: s.map(|s| (s.score * 100.0).round() / 100.0),
        }
    }
}

/// The way in straight to target `t`, when they are a connection: as strong as your tie,
/// said to be never contacted when you `never` were in touch.
fn direct(
    graph: &Graph,
    people: &People,
    hops: &Hops<'_>,
    (t, never): (PersonId, bool),
) -> Option<Way> {
    people.is_connection(t).then(|| {
        let to = hops.hop(t);
        let mut explanation = format!("you know {} directly ({})", to.name, standing(&to));
        if never {
            explanation.push_str(", never contacted");
        }
        Way { strength: graph.tie(t), via: None, to, explanation, never_contacted: never }
    })
}

/// The ways in to target `t` (at `node`) through each person tied to them who is not a target
/// too, as strong as your tie to that person times theirs to `t`.
fn through(
    graph: &Graph,
    hops: &Hops<'_>,
    targets: &[PersonId],
    (t, node): (PersonId, NodeIndex),
    ways: &mut Vec<Way>,
) {
    for e in graph.graph.edges(node) {
        let other = if e.source() == node { e.target() } else { e.source() };
        let Some(a) = graph.graph[other].person else { continue };
        if targets.contains(&a) {
            continue;
        }
        let strength = graph.tie(a) * e.weight().weight;
        if strength <= 0.0 {
            continue;
        }
        let (via, to) = (hops.hop(a), hops.hop(t));
        let explanation = format!(
            "{} ({}) {} {}{}",
            via.name,
            standing(&via),
            link(e.weight()),
            to.name,
            if to.company.is_empty() { String::new() } else { format!(" at {}", to.company) }
        );
        ways.push(Way { strength, via: Some(via), to, explanation, never_contacted: false });
    }
}

/// The `limit` strongest ways (ties broken by their words), strengths rounded for showing.
fn best(mut ways: Vec<Way>, limit: usize) -> Vec<Way> {
    ways.sort_by(|a, b| b.strength.total_cmp(&a.strength).then(a.explanation.cmp(&b.explanation)));
    ways.truncate(limit);
    for w in &mut ways {
        w.strength = (w.strength * 1000.0).round() / 1000.0;
    }
    ways
}

/// The people a target names: one person (URL, or a connection's exact name), or everyone at a
/// company.
fn targets(export: &Export, people: &People, target: &str) -> (String, Vec<PersonId>) {
    let url = ProfileKey::parse(target).is_some();
    let found =
        if url { people.lookup(Some(target), None) } else { people.lookup(None, Some(target)) };
    match found {
        Resolved::Person(p) => {
            return (format!("person \"{}\"", people.persons[p as usize].name), vec![p]);
        }
        Resolved::Ambiguous(ids) => {
            return (format!("person \"{target}\" ({} namesakes)", ids.len()), ids);
        }
        Resolved::Owner | Resolved::Nobody if url => {
            return (format!("person \"{target}\""), vec![]);
        }
        _ => {}
    }
    let key = company_key(target);
    let at: Vec<PersonId> = people
        .persons
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_owner)
        .filter_map(|(i, p)| p.connection.map(|c| (i, c)))
        .filter(|&(_, c)| !key.is_empty() && company_key(&export.connections[c].company) == key)
        .map(|(i, _)| i as PersonId)
        .collect();
    (format!("company \"{target}\""), at)
}

fn standing(h: &Hop) -> String {
    match (h.tier, h.score) {
        (Some(t), Some(s)) => format!("{t}, score {s:.0}"),
        _ => "not a connection".into(),
    }
}

/// How two people are linked, in words.
fn link(e: &Edge) -> String {
    let mut parts = Vec::new();
    if e.intro {
        parts.push("was introduced (notes) to".to_string());
    }
    if e.groups > 0 {
        let n = e.groups;
        parts.push(format!("shares {n} group conversation{} with", if n == 1 { "" } else { "s" }));
    }
    if e.colleagues {
        parts.push("works with".to_string());
    }
    if parts.is_empty() { "knows".into() } else { parts.join(" and ") }
}

/// The ways in, for a terminal.
impl std::fmt::Display for Intro {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "ways in to {}: {} people there", self.target, self.people_at_target)?;
        if self.ways.is_empty() {
            writeln!(f, "no path found: nobody you know is tied to them in this export")?;
        }
        if let Some(hint) = did_you_mean(&self.did_you_mean) {
            writeln!(f, "{hint}")?;
        }
        for (i, w) in self.ways.iter().enumerate() {
            writeln!(f, "{:2}. {:.3}  {}", i + 1, w.strength, w.explanation)?;
        }
        if self.left_out > 0 {
            let all = self.ways.len() + self.left_out;
            writeln!(f, "… and {} more: --limit {all} to see them", self.left_out)?;
        }
        Ok(())
    }
}
