//! This run as the history keeps it: every scored connection as a [`Row`] and the run's
//! description, built here so that the history never depends on the report.

use rayon::prelude::*;

use super::{Analysis, Summary};
use crate::history::snapshot::fingerprint;
use crate::history::{Meta, Row, SCHEMA_VERSION, Snapshot};

/// A connection's canonical profile URL as the history keeps it; empty without one.
pub fn profile_url(a: &Analysis<'_>, connection: usize) -> String {
    let key = a.people.persons[connection].key.as_ref();
    key.map_or_else(String::new, crate::people::ProfileKey::url)
}

/// Who a connection is across runs, as the history keys its rows ([`Row::key`]).
pub fn key(a: &Analysis<'_>, connection: usize) -> Option<String> {
    crate::history::snapshot::key(
        &profile_url(a, connection),
        &a.export.connections[connection].full_name(),
    )
}

/// The snapshot of an analysis: its `rows` ([`rows`]) and the run's description.
pub fn snapshot(a: &Analysis<'_>, summary: &Summary, rows: Vec<Row>) -> Snapshot {
    let meta = Meta {
        schema_version: SCHEMA_VERSION,
        netsift_version: env!("CARGO_PKG_VERSION").to_string(),
        as_of: crate::score::day_of(a.as_of).unwrap_or_default(),
        export_date: a.export.export_date,
        fingerprint: fingerprint(a.export, &summary.as_of),
        owner: a.people.owner.identity(),
        summary: serde_json::to_value(summary).and_then(serde_json::from_value).unwrap_or_default(),
    };
    Snapshot { meta, rows }
}

/// Every scored connection as the history keeps it, in the order of `a.scored`; `pruned`
/// holds the Connections.csv rows on the prune list.
pub fn rows(a: &Analysis<'_>, pruned: &[usize]) -> Vec<Row> {
    let mut on_list = vec![false; a.export.connections.len()];
    for &c in pruned {
        on_list[c] = true;
    }
    a.scored
        .par_iter()
        .map(|s| {
            let c = &a.export.connections[s.connection];
            let f = &a.features[s.connection];
            Row {
                profile_url: profile_url(a, s.connection),
                name: c.full_name(),
                company: c.company.clone(),
                position: c.position.clone(),
                connected_on: c.connected_on,
                tier: s.tier,
                score: (s.score * 100.0).round() / 100.0,
                last_interaction: f.last.and_then(crate::score::day_of),
                messages_sent: f.messages_sent,
                messages_received: f.messages_received,
                keep: s.keep,
                suggested_prune: on_list[s.connection],
            }
        })
        .collect()
}
