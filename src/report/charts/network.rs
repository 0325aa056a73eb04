//! The network picture's layout: the owner at the centre, the strongest connections of the
//! largest named communities around (and a few of everyone else, in grey), each community in a
//! sector of its own, closer to the centre the stronger the tie, and the edges the export
//! reveals between them. Deterministic: the same analysis, the same picture.

use std::f64::consts::TAU;

use petgraph::visit::EdgeRef;

use crate::graph::Graph;
use crate::report::Analysis;
use crate::score::Scored;

/// How many connections the picture shows: the strongest; more would be a hairball.
pub const SHOWN: usize = 300;
/// Communities with a colour of their own (the rest share one).
pub const COLOURED: usize = 7;

/// At most this share of the picture goes to connections outside the coloured communities:
/// the rest shows the communities that matter, not a grey ring.
pub const OTHERS_SHARE: f64 = 0.2;

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
    /// Communities folded into "others".
    pub folded: usize,
}

impl Picture {
    /// Whether the picture has anything to show: people, and ties or communities among them.
    pub fn is_worth_drawing(&self) -> bool {
        !self.nodes.is_empty() && (!self.edges.is_empty() || self.groups.len() > 1)
    }
}

/// Lays out the strongest connections of the largest named communities, and the strongest of
/// everyone else, [`OTHERS_SHARE`] of [`SHOWN`] (all of it when no community has a name).
pub fn layout(a: &Analysis<'_>) -> Picture {
    let g = a.graph;
    let (ranked, candidates) = ranked(a);
    let order = coloured(g, &ranked);
    let group_of = |s: &Scored| {
        g.community[s.connection]
            .and_then(|c| order.iter().position(|&k| k == c))
            .unwrap_or(order.len())
    };
    let in_colour: Vec<bool> = ranked.iter().map(|s| group_of(s) < order.len()).collect();
    let strongest: Vec<&Scored> = pick(&in_colour).into_iter().map(|i| ranked[i]).collect();
    let mut members: Vec<Vec<&Scored>> = vec![Vec::new(); order.len() + 1];
    for s in &strongest {
        members[group_of(s)].push(s);
    }
    let mut all: Vec<usize> = ranked.iter().filter_map(|s| g.community[s.connection]).collect();
    all.sort_unstable();
    all.dedup();
    let folded = all.len() - order.len();
    let mut groups: Vec<(String, Option<usize>)> =
        order.iter().map(|&c| (legend_label(g, c), Some(c))).collect();
    groups.push((others(folded), None));
    let (nodes, index_of) = place(&members, strongest.len());
    let edges = edges_between(g, &index_of);
    Picture { nodes, edges, groups, candidates, folded }
}

/// A coloured community's label: its name, cut to fit the legend, and its connections.
fn legend_label(g: &Graph, c: usize) -> String {
    let name = g.community_names.get(c).map_or("", String::as_str);
    format!("{} ({})", super::draw::shorten(name, 34), g.community_sizes.get(c).unwrap_or(&0))
}

/// The label of the grey group.
fn others(folded: usize) -> String {
    match folded {
        0 => "others, in no community".to_string(),
        1 => "others: 1 more community".to_string(),
        n => format!("others: {n} more communities"),
    }
}

/// Every connection with a score above zero in the graph, strongest first, and how many.
fn ranked<'a>(a: &Analysis<'a>) -> (Vec<&'a Scored>, usize) {
    let g = a.graph;
    let mut ranked: Vec<&Scored> =
        a.scored.iter().filter(|s| s.score > 0.0 && g.node_of[s.connection].is_some()).collect();
    ranked.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.connection.cmp(&y.connection)));
    let candidates = ranked.len();
    (ranked, candidates)
}

/// Which of the ranked connections (strongest first; `in_colour` says which belong to a
/// coloured community) the picture shows: the strongest, [`SHOWN`] at most, of whom at most
/// [`OTHERS_SHARE`] of [`SHOWN`] outside the coloured communities when there are any.
/// Indexes, in rank order.
fn pick(in_colour: &[bool]) -> Vec<usize> {
    let coloured = in_colour.iter().filter(|&&c| c).count();
    let others = in_colour.len() - coloured;
    // Without a coloured community, the strongest of everyone; else the others at their cap,
    // however few the coloured communities' members.
    let cap = (SHOWN as f64 * OTHERS_SHARE) as usize;
    let others_quota = if coloured == 0 { SHOWN } else { cap }.min(others);
    let coloured_quota = SHOWN - others_quota;
    let (mut taken_coloured, mut taken_others) = (0, 0);
    let mut out = Vec::new();
    for (i, &c) in in_colour.iter().enumerate() {
        let take = if c { &mut taken_coloured } else { &mut taken_others };
        if *take < if c { coloured_quota } else { others_quota } {
            *take += 1;
            out.push(i);
        }
    }
    out
}

/// The communities that get a colour: the [`COLOURED`] largest named ones (of
/// [`crate::graph::names::USEFUL`] connections or more) with two or more among `ranked`.
fn coloured(g: &Graph, ranked: &[&Scored]) -> Vec<usize> {
    let mut sizes: foldhash::HashMap<usize, usize> = foldhash::HashMap::default();
    for s in ranked {
        if let Some(c) = g.community[s.connection] {
            *sizes.entry(c).or_default() += 1;
        }
    }
    let named = |c: usize| g.community_names.get(c).is_some_and(|n| !n.is_empty());
    let mut order: Vec<(usize, usize)> =
        sizes.into_iter().filter(|&(c, n)| n >= 2 && named(c)).collect();
    order.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    order.truncate(COLOURED);
    order.into_iter().map(|(c, _)| c).collect()
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
    // Distance from the owner by rank among the shown: the strongest closest, the picture
    // spread from centre to rim however close the scores.
    let mut scores: Vec<f64> = members.iter().flatten().map(|s| s.score).collect();
    scores.sort_by(|x, y| y.total_cmp(x));
    let mut start = 0.0;
    for (group, people) in members.iter().enumerate() {
        let width = people.len() as f64 / total * TAU;
        for (i, s) in people.iter().enumerate() {
            let angle = start + gap / 2.0 + (i as f64 + 0.5) / people.len() as f64 * (width - gap);
            // Alternate two rings a little apart so neighbours of equal score do not touch.
            let rank = scores.partition_point(|&x| x > s.score) as f64 / total;
            let r = 0.18 + 0.78 * rank + if i % 2 == 1 { 0.03 } else { 0.0 };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_take_at_most_their_share_when_communities_can_fill_the_picture() {
        // Nine in ten of the strongest in no coloured community, as on a real export.
        let in_colour: Vec<bool> = (0..20_000).map(|i| i % 10 == 0).collect();
        let shown = pick(&in_colour);
        assert_eq!(shown.len(), SHOWN);
        let others = shown.iter().filter(|&&i| !in_colour[i]).count();
        assert_eq!(others, (SHOWN as f64 * OTHERS_SHARE) as usize);
        assert!(shown.windows(2).all(|w| w[0] < w[1]), "in rank order");
        // The others shown are the strongest of them.
        assert_eq!(shown.iter().find(|&&i| !in_colour[i]), Some(&1));
    }

    #[test]
    fn others_stay_at_their_share_however_small_the_communities() {
        let in_colour: Vec<bool> = (0..1000).map(|i| i < 10).collect();
        let shown = pick(&in_colour);
        let cap = (SHOWN as f64 * OTHERS_SHARE) as usize;
        assert_eq!(shown.len(), 10 + cap);
        assert_eq!(shown.iter().filter(|&&i| in_colour[i]).count(), 10);
        assert_eq!(pick(&[false; 7]).len(), 7);
        assert_eq!(pick(&[true; 400]).len(), SHOWN);
    }
}
