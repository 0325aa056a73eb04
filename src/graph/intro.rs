//! `netsift intro TARGET EXPORT`: the best ways in to a company or a person — your direct
//! connections there by tie strength, and two-hop paths through your strong ties to people
//! there (shared group chats, colleagues, introductions), a path as strong as the product of
//! its edges, each explained in words.

use serde::Serialize;

use super::{Edge, Graph, company};
use crate::export::Export;
use crate::people::{People, PersonId, ProfileKey, Resolved};
use crate::score::Scored;

/// How many paths to give.
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
}

/// What `intro` found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Intro {
    /// The target as understood: `company "…"` or `person "…"`.
    pub target: String,
    /// People at the target among your connections and their contacts.
    pub people_at_target: usize,
    /// The best ways in, strongest first.
    pub ways: Vec<Way>,
}

/// Finds the best ways in to `target`: a profile URL or a connection's full name (a person), or
/// else a company name (matched on its normalised words, never on substrings).
pub fn find(
    graph: &Graph,
    export: &Export,
    people: &People,
    scored: &[Scored],
    target: &str,
) -> Intro {
    let by_connection = {
        let mut v: Vec<Option<&Scored>> = vec![None; export.connections.len()];
        for s in scored {
            v[s.connection] = Some(s);
        }
        v
    };
    let hop = |p: PersonId| -> Hop {
        let person = &people.persons[p as usize];
        let c = person.connection.map(|i| &export.connections[i]);
        let s = person.connection.and_then(|i| by_connection[i]);
        Hop {
            name: person.name.clone(),
            profile_url: person.key.as_ref().map_or_else(String::new, ProfileKey::url),
            company: c.map_or_else(String::new, |c| c.company.clone()),
            tier: s.map(|s| s.tier.name()),
            score: s.map(|s| (s.score * 100.0).round() / 100.0),
        }
    };
    let (label, targets) = targets(export, people, target);
    let mut ways = Vec::new();
    for &t in &targets {
        let Some(node) = graph.node_of[t as usize] else { continue };
        let direct = graph.tie(t);
        if people.is_connection(t) && direct > 0.0 {
            let to = hop(t);
            let explanation = format!("you know {} directly ({})", to.name, standing(&to));
            ways.push(Way { strength: direct, via: None, to, explanation });
        }
        for e in graph.graph.edges(node) {
            use petgraph::visit::EdgeRef;
            let other = if e.source() == node { e.target() } else { e.source() };
            let Some(a) = graph.graph[other].person else { continue };
            if targets.contains(&a) {
                continue;
            }
            let strength = graph.tie(a) * e.weight().weight;
            if strength <= 0.0 {
                continue;
            }
            let (via, to) = (hop(a), hop(t));
            let explanation = format!(
                "{} ({}) {} {}{}",
                via.name,
                standing(&via),
                link(e.weight()),
                to.name,
                if to.company.is_empty() { String::new() } else { format!(" at {}", to.company) }
            );
            ways.push(Way { strength, via: Some(via), to, explanation });
        }
    }
    ways.sort_by(|a, b| b.strength.total_cmp(&a.strength).then(a.explanation.cmp(&b.explanation)));
    ways.truncate(TOP);
    for w in &mut ways {
        w.strength = (w.strength * 1000.0).round() / 1000.0;
    }
    Intro { target: label, people_at_target: targets.len(), ways }
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
    let key = company::key(target);
    let at: Vec<PersonId> = people
        .persons
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_owner)
        .filter_map(|(i, p)| p.connection.map(|c| (i, c)))
        .filter(|&(_, c)| !key.is_empty() && company::key(&export.connections[c].company) == key)
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
        for (i, w) in self.ways.iter().enumerate() {
            writeln!(f, "{:2}. {:.3}  {}", i + 1, w.strength, w.explanation)?;
        }
        Ok(())
    }
}
