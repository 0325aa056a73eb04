//! The network picture's layout: the owner at the centre, the strongest connections around,
//! each community in a sector of its own, closer to the centre the stronger the tie, and the
//! edges the export reveals between them. Deterministic: the same analysis, the same picture.

use std::f64::consts::TAU;

use petgraph::visit::EdgeRef;

use crate::graph::Graph;
use crate::report::Analysis;
use crate::score::Scored;

/// How many connections the picture shows: the strongest; more would be a hairball.
pub const SHOWN: usize = 300;
/// Communities with a colour of their own (the rest share one).
pub const COLOURED: usize = 7;

/// A laid-out picture, coordinates in [-1, 1] with the owner at the origin.
#[derive(Clone, Debug, Default)]
pub struct Picture {
    /// `(x, y, group, score)`: group indexes `groups`.
    pub nodes: Vec<(f64, f64, usize, f64)>,
    /// Edges between shown nodes, as indexes into `nodes`.
    pub edges: Vec<(usize, usize)>,
    /// The groups, largest first: a label and the community (None: the others together).
    pub groups: Vec<(String, Option<usize>)>,
    /// Connections with a score above zero, shown or not.
    pub candidates: usize,
}

/// Lays out the strongest [`SHOWN`] connections.
pub fn layout(a: &Analysis<'_>) -> Picture {
    let g = a.graph;
    let (strongest, candidates) = strongest(a);
    // Groups: the largest coloured communities among the shown, then everyone else.
    let order = coloured(g, &strongest);
    let group_of = |s: &Scored| {
        g.community[s.connection]
            .and_then(|c| order.iter().position(|&(k, _)| k == c))
            .unwrap_or(order.len())
    };
    let mut members: Vec<Vec<&Scored>> = vec![Vec::new(); order.len() + 1];
    for s in &strongest {
        members[group_of(s)].push(s);
    }
    let mut groups: Vec<(String, Option<usize>)> =
        order.iter().enumerate().map(|(i, &(c, _))| (label(a, &members[i]), Some(c))).collect();
    groups.push(("others".to_string(), None));
    let (nodes, index_of) = place(&members, strongest.len());
    let edges = edges_between(g, &index_of);
    Picture { nodes, edges, groups, candidates }
}

/// The connections shown, strongest first, and how many had a score above zero.
fn strongest<'a>(a: &Analysis<'a>) -> (Vec<&'a Scored>, usize) {
    let g = a.graph;
    let mut strongest: Vec<&Scored> =
        a.scored.iter().filter(|s| s.score > 0.0 && g.node_of[s.connection].is_some()).collect();
    let candidates = strongest.len();
    strongest.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.connection.cmp(&y.connection)));
    strongest.truncate(SHOWN);
    (strongest, candidates)
}

/// The communities that get a colour: the [`COLOURED`] largest among `shown` (two or more of
/// them there), with how many of them are shown.
fn coloured(g: &Graph, shown: &[&Scored]) -> Vec<(usize, usize)> {
    let mut sizes: foldhash::HashMap<usize, usize> = foldhash::HashMap::default();
    for s in shown {
        if let Some(c) = g.community[s.connection] {
            *sizes.entry(c).or_default() += 1;
        }
    }
    let mut order: Vec<(usize, usize)> = sizes.into_iter().filter(|&(_, n)| n >= 2).collect();
    order.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    order.truncate(COLOURED);
    order
}

/// Each shown connection's index among the picture's nodes, by its row of Connections.csv.
type IndexOf = foldhash::HashMap<usize, usize>;

/// The nodes of the groups' `members`, `total` of them, each group in a sector in proportion
/// to its size with a small gap between sectors; and each connection's index among the nodes.
fn place(members: &[Vec<&Scored>], total: usize) -> (Vec<(f64, f64, usize, f64)>, IndexOf) {
    let mut nodes = Vec::with_capacity(total);
    let total = total.max(1) as f64;
    let gap = if members.iter().filter(|m| !m.is_empty()).count() > 1 { 0.04 } else { 0.0 };
    let mut index_of = IndexOf::default();
    let mut start = 0.0;
    for (group, people) in members.iter().enumerate() {
        let width = people.len() as f64 / total * TAU;
        for (i, s) in people.iter().enumerate() {
            let angle = start + gap / 2.0 + (i as f64 + 0.5) / people.len() as f64 * (width - gap);
            // Alternate two rings a little apart so neighbours of equal score do not touch.
            let r = 0.18 + 0.78 * (1.0 - s.score / 100.0) + if i % 2 == 1 { 0.03 } else { 0.0 };
            index_of.insert(s.connection, nodes.len());
            nodes.push((r.min(1.0) * angle.cos(), r.min(1.0) * angle.sin(), group, s.score));
        }
        start += width;
    }
    (nodes, index_of)
}

/// The edges between shown connections (ties to the owner aside), as sorted pairs of node
/// indexes, each once.
fn edges_between(g: &Graph, index_of: &IndexOf) -> Vec<(usize, usize)> {
    let mut edges = Vec::new();
    for e in g.graph.edge_references().filter(|e| !e.weight().tie) {
        let person = |n: petgraph::graph::NodeIndex| g.graph[n].person.map(|p| p as usize);
        if let (Some(x), Some(y)) = (person(e.source()), person(e.target()))
            && let (Some(&i), Some(&j)) = (index_of.get(&x), index_of.get(&y))
        {
            edges.push((i.min(j), i.max(j)));
        }
    }
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// A community named by its most common employer, else by its size.
fn label(a: &Analysis<'_>, people: &[&Scored]) -> String {
    let mut counts: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    for s in people {
        let company = a.export.connections[s.connection].company.trim();
        if !company.is_empty() {
            *counts.entry(company).or_default() += 1;
        }
    }
    let top = counts.into_iter().max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0)));
    match top {
        Some((name, n)) if n >= 2 => format!("{name} & co. ({})", people.len()),
        _ => format!("{} people", people.len()),
    }
}
