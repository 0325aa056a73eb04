//! Communities by the Louvain method (Blondel et al. 2008): move each node to the neighbouring
//! community that most raises modularity, until none moves; fold communities into nodes; repeat
//! while modularity rises. Weighted, undirected, deterministic (nodes visited in index order).

/// An undirected weighted graph as adjacency lists: `adj[i]` holds `(j, weight)`; a self-loop
/// `(i, w)` counts once.
pub type Adjacency = Vec<Vec<(usize, f64)>>;

/// The community of every node (numbered from 0 in order of first node), and the modularity
/// reached.
pub fn louvain(adj: &Adjacency) -> (Vec<usize>, f64) {
    let n = adj.len();
    let mut membership: Vec<usize> = (0..n).collect();
    let mut graph = adj.clone();
    let mut best = modularity(adj, &membership);
    for _ in 0..32 {
        let local = local_moves(&graph);
        let communities = 1 + local.iter().copied().max().unwrap_or(0);
        if communities == graph.len() {
            break; // no node moved
        }
        let candidate: Vec<usize> = membership.iter().map(|&m| local[m]).collect();
        let q = modularity(adj, &candidate);
        if q <= best + 1e-12 {
            break; // keep the partition whose modularity is reported
        }
        (membership, best) = (candidate, q);
        graph = fold(&graph, &local, communities);
    }
    (renumber(&membership), best)
}

/// One level of local moving; returns a community per node, renumbered densely.
fn local_moves(adj: &Adjacency) -> Vec<usize> {
    let n = adj.len();
    let degree: Vec<f64> = adj.iter().map(|e| e.iter().map(|&(_, w)| w).sum::<f64>()).collect();
    let total: f64 = degree.iter().sum(); // 2m
    let mut community: Vec<usize> = (0..n).collect();
    let mut tot: Vec<f64> = degree.clone();
    if total <= 0.0 {
        return community;
    }
    let mut weights_to: Vec<f64> = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    for _ in 0..64 {
        let mut moved = false;
        for i in 0..n {
            let own = community[i];
            for &c in &touched {
                weights_to[c] = 0.0;
            }
            touched.clear();
            for &(j, w) in &adj[i] {
                if j == i {
                    continue;
                }
                let c = community[j];
                if weights_to[c] == 0.0 {
                    touched.push(c);
                }
                weights_to[c] += w;
            }
            tot[own] -= degree[i];
            // Gain of joining c (up to constants): k_i,in(c) − tot(c)·k_i / 2m.
            let gain = |c: usize, to: f64| to - tot[c] * degree[i] / total;
            let mut best = (own, gain(own, weights_to[own]));
            for &c in &touched {
                let g = gain(c, weights_to[c]);
                if g > best.1 + 1e-12 || (g > best.1 - 1e-12 && c < best.0 && g > 0.0) {
                    best = (c, g);
                }
            }
            tot[best.0] += degree[i];
            if best.0 != own {
                community[i] = best.0;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    renumber(&community)
}

/// The graph of communities: one node per community, edge weights summed.
fn fold(adj: &Adjacency, community: &[usize], count: usize) -> Adjacency {
    let mut sums: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); count];
    for (i, edges) in adj.iter().enumerate() {
        for &(j, w) in edges {
            *sums[community[i]].entry(community[j]).or_default() += w;
        }
    }
    sums.into_iter().map(|m| m.into_iter().collect()).collect()
}

/// Newman's modularity of a partition.
pub fn modularity(adj: &Adjacency, community: &[usize]) -> f64 {
    let degree: Vec<f64> = adj.iter().map(|e| e.iter().map(|&(_, w)| w).sum()).collect();
    let total: f64 = degree.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let count = 1 + community.iter().copied().max().unwrap_or(0);
    let (mut inside, mut tot) = (vec![0.0; count], vec![0.0; count]);
    for (i, edges) in adj.iter().enumerate() {
        tot[community[i]] += degree[i];
        for &(j, w) in edges {
            if community[i] == community[j] {
                inside[community[i]] += w;
            }
        }
    }
    inside.iter().zip(&tot).map(|(&inn, &t)| inn / total - (t / total).powi(2)).sum()
}

/// Community numbers from 0, in order of first appearance.
fn renumber(community: &[usize]) -> Vec<usize> {
    let mut map = std::collections::HashMap::new();
    community
        .iter()
        .map(|c| {
            let next = map.len();
            *map.entry(*c).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize, f64)]) -> Adjacency {
        let mut adj = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            adj[a].push((b, w));
            adj[b].push((a, w));
        }
        adj
    }

    #[test]
    fn two_cliques_joined_by_one_edge() {
        let mut edges = Vec::new();
        for base in [0, 4] {
            for a in 0..4 {
                for b in a + 1..4 {
                    edges.push((base + a, base + b, 1.0));
                }
            }
        }
        edges.push((3, 4, 1.0));
        let (c, q) = louvain(&graph(8, &edges));
        assert_eq!(c, [0, 0, 0, 0, 1, 1, 1, 1]);
        assert!((q - 0.4231).abs() < 1e-3, "{q}");
    }

    #[test]
    fn ring_of_cliques() {
        // Six 5-cliques in a ring: the classic case where Louvain finds each clique.
        let (k, r) = (5, 6);
        let mut edges = Vec::new();
        for c in 0..r {
            for a in 0..k {
                for b in a + 1..k {
                    edges.push((c * k + a, c * k + b, 1.0));
                }
            }
            edges.push((c * k, ((c + 1) % r) * k + 1, 1.0));
        }
        let (communities, _) = louvain(&graph(k * r, &edges));
        for c in 0..r {
            let first = communities[c * k];
            assert!((0..k).all(|a| communities[c * k + a] == first), "{communities:?}");
        }
        let distinct: std::collections::HashSet<usize> = communities.iter().copied().collect();
        assert_eq!(distinct.len(), r);
    }

    #[test]
    fn no_edges_no_communities() {
        let (c, q) = louvain(&graph(3, &[]));
        assert_eq!(c, [0, 1, 2]);
        assert_eq!(q, 0.0);
    }
}
