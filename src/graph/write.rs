//! The graph for other tools: `graph.json` (nodes and edges with their attributes) and
//! `graph.graphml` for Gephi and Cytoscape.

use serde::Serialize;

use super::Graph;
use crate::export::Export;
use crate::people::{People, ProfileKey};
use crate::score::Scored;

#[derive(Serialize)]
struct JsonNode {
    id: usize,
    owner: bool,
    name: String,
    profile_url: String,
    connected: bool,
    company: String,
    tier: Option<&'static str>,
    score: Option<f64>,
    community: Option<usize>,
    bridges: u32,
    brokerage: u32,
}

#[derive(Serialize)]
struct JsonEdge {
    source: usize,
    target: usize,
    weight: f64,
    kinds: Vec<&'static str>,
    groups: u32,
}

#[derive(Serialize)]
struct Json {
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
    communities: usize,
    modularity: f64,
}

fn nodes(graph: &Graph, export: &Export, people: &People, scored: &[Scored]) -> Vec<JsonNode> {
    let mut by_connection: Vec<Option<&Scored>> = vec![None; export.connections.len()];
    for s in scored {
        by_connection[s.connection] = Some(s);
    }
    graph
        .graph
        .node_indices()
        .map(|n| {
            let node = &graph.graph[n];
            let Some(p) = node.person else {
                let owner = &people.owner;
                return JsonNode {
                    id: n.index(),
                    owner: true,
                    name: owner.name.clone().unwrap_or_default(),
                    profile_url: owner.url().unwrap_or_default(),
                    connected: false,
                    company: String::new(),
                    tier: None,
                    score: None,
                    community: None,
                    bridges: 0,
                    brokerage: 0,
                };
            };
            let person = &people.persons[p as usize];
            let s = person.connection.and_then(|c| by_connection[c]);
            JsonNode {
                id: n.index(),
                owner: false,
                name: person.name.clone(),
                profile_url: person.key.as_ref().map_or_else(String::new, ProfileKey::url),
                connected: node.connected,
                company: person
                    .connection
                    .map_or_else(String::new, |c| export.connections[c].company.clone()),
                tier: s.map(|s| s.tier.name()),
                score: s.map(|s| (s.score * 100.0).round() / 100.0),
                community: graph.community[p as usize],
                bridges: graph.bridges[p as usize],
                brokerage: graph.brokerage[p as usize],
            }
        })
        .collect()
}

/// `graph.json`.
pub fn json(
    graph: &Graph,
    export: &Export,
    people: &People,
    scored: &[Scored],
) -> serde_json::Result<Vec<u8>> {
    use petgraph::visit::EdgeRef;
    let edges = graph
        .graph
        .edge_references()
        .map(|e| JsonEdge {
            source: e.source().index(),
            target: e.target().index(),
            weight: (e.weight().weight * 1000.0).round() / 1000.0,
            kinds: e.weight().kinds(),
            groups: e.weight().groups,
        })
        .collect();
    let json = Json {
        nodes: nodes(graph, export, people, scored),
        edges,
        communities: graph.community_count(),
        modularity: (graph.modularity * 1000.0).round() / 1000.0,
    };
    serde_json::to_vec(&json)
}

/// `graph.graphml`.
pub fn graphml(graph: &Graph, export: &Export, people: &People, scored: &[Scored]) -> Vec<u8> {
    use petgraph::visit::EdgeRef;
    use std::fmt::Write;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n\
  <key id=\"url\" for=\"node\" attr.name=\"profile_url\" attr.type=\"string\"/>\n\
  <key id=\"company\" for=\"node\" attr.name=\"company\" attr.type=\"string\"/>\n\
  <key id=\"tier\" for=\"node\" attr.name=\"tier\" attr.type=\"string\"/>\n\
  <key id=\"score\" for=\"node\" attr.name=\"score\" attr.type=\"double\"/>\n\
  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n\
  <key id=\"bridges\" for=\"node\" attr.name=\"bridges\" attr.type=\"int\"/>\n\
  <key id=\"brokerage\" for=\"node\" attr.name=\"brokerage\" attr.type=\"int\"/>\n\
  <key id=\"connected\" for=\"node\" attr.name=\"connected\" attr.type=\"boolean\"/>\n\
  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n\
  <key id=\"kinds\" for=\"edge\" attr.name=\"kinds\" attr.type=\"string\"/>\n\
  <graph id=\"netsift\" edgedefault=\"undirected\">\n",
    );
    for n in nodes(graph, export, people, scored) {
        let _ = write!(s, "    <node id=\"n{}\">", n.id);
        let _ = write!(s, "<data key=\"name\">{}</data>", escape(&n.name));
        let _ = write!(s, "<data key=\"url\">{}</data>", escape(&n.profile_url));
        let _ = write!(s, "<data key=\"company\">{}</data>", escape(&n.company));
        if let Some(t) = n.tier {
            let _ = write!(s, "<data key=\"tier\">{t}</data>");
        }
        if let Some(x) = n.score {
            let _ = write!(s, "<data key=\"score\">{x}</data>");
        }
        if let Some(c) = n.community {
            let _ = write!(s, "<data key=\"community\">{c}</data>");
        }
        let _ = writeln!(
            s,
            "<data key=\"bridges\">{}</data><data key=\"brokerage\">{}</data><data key=\"connected\">{}</data></node>",
            n.bridges, n.brokerage, n.connected
        );
    }
    for (i, e) in graph.graph.edge_references().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\"><data key=\"weight\">{:.3}</data><data key=\"kinds\">{}</data></edge>",
            e.source().index(),
            e.target().index(),
            e.weight().weight,
            e.weight().kinds().join(",")
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s.into_bytes()
}

/// XML text: the five characters with meaning escaped, characters XML 1.0 forbids dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            super::escape("<script>\"A&B\"</script>'\u{1}"),
            "&lt;script&gt;&quot;A&amp;B&quot;&lt;/script&gt;&apos;"
        );
    }
}
