//! Stage 5, graph: the owner, every connection and the people met only in messages, joined by
//! what the export and the notes reveal — the owner's ties (weighted by score), shared group
//! conversations (weighted by how much and how recently the group talked), the same employer
//! (a weak edge, only within companies small enough not to make a clique of thousands), and
//! introductions from the notes. Communities (Louvain), brokers (how many other communities a
//! person's ties reach), and company clusters with their share of living relationships.

pub mod communities;
pub mod company;
pub mod intro;
pub mod names;
pub mod write;

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::export::{Export, MessageClass};
use crate::interactions::Interactions;
use crate::notes::{Kind, Notes};
use crate::people::{People, PersonId};
use crate::score::Scored;

/// Groups larger than this are broadcasts, not circles: they add no edges.
pub const MAX_GROUP: usize = 50;
/// Employers with more connections than this add no colleague edges (a 30,000-person employer
/// would otherwise become a clique).
pub const MAX_COMPANY: usize = 40;
/// The weight of a shared employer.
pub const COLLEAGUE_WEIGHT: f64 = 0.1;
/// The weight of an introduction recorded in the notes.
pub const INTRO_WEIGHT: f64 = 0.8;

/// A node: the owner (`person` = `None`) or a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The person, or `None` for the owner.
    pub person: Option<PersonId>,
    /// Whether they are a connection (not only met in messages).
    pub connected: bool,
}

/// An edge and what it is made of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edge {
    /// Strength in [0, 1].
    pub weight: f64,
    /// An owner–person tie (its weight is the score / 100).
    pub tie: bool,
    /// Group conversations the two share.
    pub groups: u32,
    /// Same current employer.
    pub colleagues: bool,
    /// Introduced to each other (notes).
    pub intro: bool,
}

impl Edge {
    /// What the edge is made of, in words.
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut k = Vec::new();
        if self.tie {
            k.push("tie");
        }
        if self.groups > 0 {
            k.push("group");
        }
        if self.colleagues {
            k.push("colleagues");
        }
        if self.intro {
            k.push("intro");
        }
        k
    }

    fn add(&mut self, weight: f64) {
        // Independent pieces of evidence combine like probabilities.
        self.weight = 1.0 - (1.0 - self.weight) * (1.0 - weight.clamp(0.0, 1.0));
    }
}

/// An employer and how living its people's relationships are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompanyCluster {
    /// The most common spelling.
    pub name: String,
    /// Connections working there.
    pub connections: usize,
    /// Of which core or active.
    pub living: usize,
    /// living / connections.
    pub living_share: f64,
}

/// The relationship graph and its structure.
pub struct Graph {
    /// Nodes and edges.
    pub graph: UnGraph<Node, Edge>,
    /// The owner's node.
    pub owner: NodeIndex,
    /// Each person's node, by person.
    pub node_of: Vec<Option<NodeIndex>>,
    /// Each person's community (communities of two or more, largest first), by person.
    pub community: Vec<Option<usize>>,
    /// How many communities besides their own a person's ties reach, by person.
    pub bridges: Vec<u32>,
    /// Brokerage: pairs of a person's contacts, in different communities, who are not tied to
    /// each other — the structural holes only they span (Burt 1992), by person.
    pub brokerage: Vec<u32>,
    /// The modularity of the communities found.
    pub modularity: f64,
    /// Employers with two or more connections, largest first.
    pub companies: Vec<CompanyCluster>,
    /// Each community's name, by what its members share (empty for those smaller than
    /// [`names::USEFUL`]).
    pub community_names: Vec<String>,
    /// Each community's connections (people met only in messages aside).
    pub community_sizes: Vec<usize>,
}

/// Edges between two people (the lower id first), before they join the graph.
pub type Pairs = BTreeMap<(PersonId, PersonId), Edge>;

impl Graph {
    /// Builds the graph of an analysed export.
    pub fn build(
        export: &Export,
        people: &People,
        interactions: &Interactions,
        scored: &[Scored],
        notes: Option<&Notes>,
    ) -> Graph {
        let groups = Graph::group_pairs(export, people, interactions.as_of);
        Graph::build_with(groups, export, people, interactions, scored, notes)
    }

    /// The ties that shared conversations reveal between people, up to `as_of`: the part of
    /// the graph that needs no score, so it can be found while scoring runs.
    pub fn group_pairs(export: &Export, people: &People, as_of: i64) -> Pairs {
        let mut pairs = Pairs::new();
        group_edges(export, people, as_of, &mut pairs);
        pairs
    }

    /// [`Graph::build`], with the conversation ties found already by [`Graph::group_pairs`].
    pub fn build_with(
        mut pairs: Pairs,
        export: &Export,
        people: &People,
        interactions: &Interactions,
        scored: &[Scored],
        notes: Option<&Notes>,
    ) -> Graph {
        let mut graph = UnGraph::new_undirected();
        let owner = graph.add_node(Node { person: None, connected: false });
        let mut node_of = vec![None; people.persons.len()];
        for s in scored.iter().filter(|s| !export.connections[s.connection].is_hidden()) {
            let node =
                graph.add_node(Node { person: Some(s.connection as PersonId), connected: true });
            node_of[s.connection] = Some(node);
            let tie = Edge { weight: s.score / 100.0, tie: true, ..Edge::default() };
            graph.add_edge(owner, node, tie);
        }
        for (p, person) in people.persons.iter().enumerate() {
            let events = interactions.of(p as PersonId);
            if person.connection.is_none() && !events.is_empty() {
                let node = graph.add_node(Node { person: Some(p as PersonId), connected: false });
                node_of[p] = Some(node);
                let weight = 0.1 * (events.len() as f64 / 10.0).min(1.0);
                graph.add_edge(owner, node, Edge { weight, tie: true, ..Edge::default() });
            }
        }
        let companies = colleague_edges(export, scored, &mut pairs);
        for note in notes.map_or(&[][..], |n| &n.notes) {
            let known =
                crate::features::midnight(note.date).is_some_and(|d| d <= interactions.as_of);
            if let (Kind::Intro, Some(with), true) = (note.kind, note.with, known) {
                let edge = pairs.entry(ordered(note.person, with)).or_default();
                edge.intro = true;
                edge.add(INTRO_WEIGHT);
            }
        }
        for ((a, b), edge) in pairs {
            if let (Some(x), Some(y)) = (node_of[a as usize], node_of[b as usize]) {
                graph.add_edge(x, y, edge);
            }
        }
        let mut g = Graph {
            graph,
            owner,
            node_of,
            community: vec![None; people.persons.len()],
            bridges: vec![0; people.persons.len()],
            brokerage: vec![0; people.persons.len()],
            modularity: 0.0,
            companies,
            community_names: Vec::new(),
            community_sizes: Vec::new(),
        };
        g.find_communities();
        let count = g.community_count();
        (g.community_names, g.community_sizes) =
            names::names(export, people, &g.community, count, interactions.as_of);
        g
    }

    /// Louvain over the people (the owner, tied to everyone, left out), then brokerage.
    fn find_communities(&mut self) {
        let nodes: Vec<NodeIndex> =
            self.graph.node_indices().filter(|&n| n != self.owner).collect();
        let index: HashMap<NodeIndex, usize> =
            nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let adj: communities::Adjacency = nodes
            .iter()
            .map(|&n| {
                let edges = self.graph.edges(n).filter_map(|e| {
                    let other = if e.source() == n { e.target() } else { e.source() };
                    index.get(&other).map(|&j| (j, e.weight().weight))
                });
                edges.collect()
            })
            .collect();
        let (membership, modularity) = communities::louvain(&adj);
        self.modularity = modularity;
        // Communities of two or more, numbered largest first.
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for &c in &membership {
            *sizes.entry(c).or_default() += 1;
        }
        let mut order: Vec<(usize, usize)> = sizes.into_iter().filter(|&(_, n)| n >= 2).collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let number: HashMap<usize, usize> =
            order.iter().enumerate().map(|(i, &(c, _))| (c, i)).collect();
        for (i, &n) in nodes.iter().enumerate() {
            if let Some(p) = self.graph[n].person {
                self.community[p as usize] = number.get(&membership[i]).copied();
            }
        }
        for &n in &nodes {
            let Some(p) = self.graph[n].person else { continue };
            let own = self.community[p as usize];
            let mut reached: Vec<usize> = self
                .graph
                .neighbors(n)
                .filter_map(|m| self.graph[m].person)
                .filter_map(|q| self.community[q as usize])
                .filter(|&c| Some(c) != own)
                .collect();
            reached.sort_unstable();
            reached.dedup();
            self.bridges[p as usize] = reached.len() as u32;
        }
        self.find_brokerage(&nodes);
    }

    /// Brokerage of every person: the pairs of their neighbours (the owner aside) that are
    /// apart — in different communities, or in none — less those pairs that are tied, found as
    /// triangles. Triangles are listed once each by degree order, so a hub costs no more than
    /// its edges (no pair-by-pair look-ups).
    fn find_brokerage(&mut self, nodes: &[NodeIndex]) {
        let at: HashMap<NodeIndex, usize> =
            nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let neighbours: Vec<Vec<usize>> = nodes
            .iter()
            .map(|&n| self.graph.neighbors(n).filter_map(|m| at.get(&m).copied()).collect())
            .collect();
        let mut holes: Vec<i64> =
            neighbours.iter().map(|around| self.pairs_apart(nodes, around)).collect();
        // Rank by degree; each node keeps its higher-ranked neighbours, sorted by rank.
        let rank = |i: usize| (neighbours[i].len(), i);
        let forward = forward_lists(&neighbours, rank);
        for u in 0..nodes.len() {
            for &v in &forward[u] {
                // Common higher-ranked neighbours of u and v close a triangle.
                for_common(&forward[u], &forward[v], rank, |w| {
                    let (nu, nv, nw) = (nodes[u], nodes[v], nodes[w]);
                    holes[u] -= i64::from(self.apart(nv, nw));
                    holes[v] -= i64::from(self.apart(nu, nw));
                    holes[w] -= i64::from(self.apart(nu, nv));
                });
            }
        }
        for (i, &n) in nodes.iter().enumerate() {
            if let Some(p) = self.graph[n].person {
                self.brokerage[p as usize] = holes[i].max(0) as u32;
            }
        }
    }

    /// How many pairs of the neighbours `around` (indexes into `nodes`) are apart, tied or not.
    fn pairs_apart(&self, nodes: &[NodeIndex], around: &[usize]) -> i64 {
        let d = around.len() as i64;
        let mut by_community: HashMap<usize, i64> = HashMap::new();
        for &j in around {
            if let Some(c) = self.community_at(nodes[j]) {
                *by_community.entry(c).or_default() += 1;
            }
        }
        d * (d - 1) / 2 - by_community.values().map(|k| k * (k - 1) / 2).sum::<i64>()
    }

    /// The community of the person at node `n`.
    fn community_at(&self, n: NodeIndex) -> Option<usize> {
        self.graph[n].person.and_then(|p| self.community[p as usize])
    }

    /// Whether the people at nodes `a` and `b` are apart: `a` in no community, or the two in
    /// different ones.
    fn apart(&self, a: NodeIndex, b: NodeIndex) -> bool {
        self.community_at(a).is_none() || self.community_at(a) != self.community_at(b)
    }

    /// A community as a reader sees it: its name and connections (`#3 (2 people)` when too
    /// small for a name).
    pub fn community_label(&self, c: usize) -> String {
        let size = self.community_sizes.get(c).copied().unwrap_or(0);
        match self.community_names.get(c).filter(|n| !n.is_empty()) {
            Some(name) => format!("{name} ({size})"),
            None => format!("#{c} ({size} people)"),
        }
    }

    /// How many communities were found.
    pub fn community_count(&self) -> usize {
        self.community.iter().flatten().max().map_or(0, |m| m + 1)
    }

    /// The tie strength between the owner and a person (0 when not tied).
    pub fn tie(&self, person: PersonId) -> f64 {
        self.node_of[person as usize]
            .and_then(|n| self.graph.find_edge(self.owner, n))
            .map_or(0.0, |e| self.graph[e].weight)
    }
}

/// For each node, its neighbours of higher `rank`, sorted by rank: each triangle is then
/// found once, from its lowest-ranked node.
fn forward_lists(
    neighbours: &[Vec<usize>],
    rank: impl Fn(usize) -> (usize, usize),
) -> Vec<Vec<usize>> {
    neighbours
        .iter()
        .enumerate()
        .map(|(i, around)| {
            let mut f: Vec<usize> = around.iter().copied().filter(|&j| rank(j) > rank(i)).collect();
            f.sort_unstable_by_key(|&j| rank(j));
            f
        })
        .collect()
}

/// Calls `each` with every node in both `a` and `b`, two lists sorted by `rank`, in one walk.
fn for_common(
    a: &[usize],
    b: &[usize],
    rank: impl Fn(usize) -> (usize, usize),
    mut each: impl FnMut(usize),
) {
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match rank(a[x]).cmp(&rank(b[y])) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                each(a[x]);
                x += 1;
                y += 1;
            }
        }
    }
}

fn ordered(a: PersonId, b: PersonId) -> (PersonId, PersonId) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Shared group conversations: each adds (activity × recency) to every pair of its members.
fn group_edges(
    export: &Export,
    people: &People,
    as_of: i64,
    pairs: &mut BTreeMap<(PersonId, PersonId), Edge>,
) {
    let count = export.messages.conversations.len();
    let (mut members, mut rows, mut last) =
        (vec![Vec::<PersonId>::new(); count], vec![0u32; count], vec![i64::MIN; count]);
    for (i, m) in export.messages.rows.iter().enumerate() {
        let Some(c) = m.conversation.map(|c| c as usize) else { continue };
        if m.class != MessageClass::Person || m.time.as_second() > as_of {
            continue;
        }
        rows[c] += 1;
        last[c] = last[c].max(m.time.as_second());
        for &p in people.links.counterparts(i) {
            if !members[c].contains(&p) {
                members[c].push(p);
            }
        }
    }
    for c in 0..count {
        let list = &mut members[c];
        if list.len() < 2 || list.len() > MAX_GROUP {
            continue;
        }
        list.sort_unstable();
        let activity = 1.0 - (-(rows[c] as f64) / 10.0).exp();
        let recency = 0.5f64.powf((as_of - last[c]).max(0) as f64 / (365.0 * 86_400.0));
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                let edge = pairs.entry((a, b)).or_default();
                edge.groups += 1;
                edge.add(activity * recency);
            }
        }
    }
}

/// Colleagues: connections at the same employer, within employers of at most
/// [`MAX_COMPANY`] connections. Returns every employer with two or more connections.
fn colleague_edges(
    export: &Export,
    scored: &[Scored],
    pairs: &mut BTreeMap<(PersonId, PersonId), Edge>,
) -> Vec<CompanyCluster> {
    let mut by_company: BTreeMap<String, Vec<&Scored>> = BTreeMap::new();
    for s in scored {
        let key = company::key(&export.connections[s.connection].company);
        if !key.is_empty() {
            by_company.entry(key).or_default().push(s);
        }
    }
    let mut clusters = Vec::new();
    for members in by_company.values().filter(|m| m.len() >= 2) {
        if members.len() <= MAX_COMPANY {
            for (k, a) in members.iter().enumerate() {
                for b in &members[k + 1..] {
                    let edge = pairs
                        .entry(ordered(a.connection as PersonId, b.connection as PersonId))
                        .or_default();
                    edge.colleagues = true;
                    edge.add(COLLEAGUE_WEIGHT);
                }
            }
        }
        let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
        for s in members {
            *spellings.entry(export.connections[s.connection].company.as_str()).or_default() += 1;
        }
        let name = spellings.iter().max_by_key(|(_, n)| **n).map_or("", |(s, _)| s).to_string();
        let living = members.iter().filter(|s| s.tier.is_living()).count();
        let living_share = (living as f64 / members.len() as f64 * 1000.0).round() / 1000.0;
        clusters.push(CompanyCluster { name, connections: members.len(), living, living_share });
    }
    clusters.sort_by(|a, b| b.connections.cmp(&a.connections).then(a.name.cmp(&b.name)));
    clusters
}
