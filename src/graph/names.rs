//! Communities named by what their members share, so a reader recognises them: their main
//! employers (spellings merged by [`company::key`], shown as the most common spelling) and the
//! group conversation most of them are in. Only communities of [`USEFUL`] or more members are
//! named; the rest are too small to be worth a name, a filter entry or a colour.

use std::collections::BTreeMap;

use super::{MAX_GROUP, company};
use crate::export::{Export, MessageClass};
use crate::people::{People, PersonId};

/// The fewest members a community needs to be named, offered in the report's filter and
/// coloured in the network picture.
pub const USEFUL: usize = 5;

/// Employers named in a community's name, at most.
const EMPLOYERS: usize = 2;

/// Each company key's display name: its most common spelling among `names` (on a tie, the
/// last in sorted order, as the company clusters choose).
pub fn spellings<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    // Normalised once per spelling: thousands of connections share a few hundred employers.
    let mut keys: std::collections::HashMap<&str, String> = Default::default();
    for name in names {
        let key = keys.entry(name).or_insert_with(|| company::key(name));
        if !key.is_empty() {
            *counts.entry(key.clone()).or_default().entry(name.trim()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(key, by)| {
            let best = by.iter().max_by_key(|(_, n)| **n).map_or("", |(s, _)| s).to_string();
            (key, best)
        })
        .collect()
}

/// A community's main employers, largest first: display name and members there, employers of
/// two or more members only.
pub fn employers(
    export: &Export,
    members: impl Iterator<Item = usize>,
    display: &BTreeMap<String, String>,
) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for connection in members {
        let key = company::key(&export.connections[connection].company);
        if !key.is_empty() {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(key, n)| (display.get(&key).cloned().unwrap_or(key), n))
        .collect();
    list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    list
}

/// Each community's name and its connections, by community number; the name is empty for a
/// community of fewer than [`USEFUL`] connections. `community` gives each person's community;
/// `count` how many there are.
pub fn names(
    export: &Export,
    people: &People,
    community: &[Option<usize>],
    count: usize,
    as_of: i64,
) -> (Vec<String>, Vec<usize>) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (p, c) in community.iter().enumerate() {
        if let (Some(c), Some(connection)) = (*c, people.persons[p].connection) {
            members[c].push(connection);
        }
    }
    let size: Vec<usize> = members.iter().map(Vec::len).collect();
    let display = spellings(export.connections.iter().map(|c| c.company.as_str()));
    let groups = groups(export, people, community, &size, as_of);
    let names = (0..count)
        .map(|c| {
            if size[c] < USEFUL {
                return String::new();
            }
            let mut parts: Vec<String> = employers(export, members[c].iter().copied(), &display)
                .into_iter()
                .take(EMPLOYERS)
                .map(|(name, _)| name)
                .collect();
            if let Some(title) = &groups[c] {
                parts.push(format!("“{title}” group"));
            }
            if parts.is_empty() {
                return format!("{} people, no shared employer", size[c]);
            }
            parts.join(" · ")
        })
        .collect();
    (names, size)
}

/// For each useful community, the title of the group conversation (up to `as_of`, a titled
/// circle of at most [`MAX_GROUP`]) that holds the most of its members, two at least.
fn groups(
    export: &Export,
    people: &People,
    community: &[Option<usize>],
    size: &[usize],
    as_of: i64,
) -> Vec<Option<String>> {
    let conversations = &export.messages.conversations;
    let mut members: Vec<Vec<PersonId>> = vec![Vec::new(); conversations.len()];
    for (i, m) in export.messages.rows.iter().enumerate() {
        let Some(c) = m.conversation.map(|c| c as usize) else { continue };
        if m.class != MessageClass::Person
            || m.time.as_second() > as_of
            || conversations[c].title.trim().is_empty()
        {
            continue;
        }
        for &p in people.links.counterparts(i) {
            if !members[c].contains(&p) {
                members[c].push(p);
            }
        }
    }
    let mut best: Vec<Option<(usize, &str)>> = vec![None; size.len()];
    for (c, list) in members.iter().enumerate().filter(|(_, l)| (2..=MAX_GROUP).contains(&l.len()))
    {
        let mut by: BTreeMap<usize, usize> = BTreeMap::new();
        for &p in list {
            if let Some(k) = community[p as usize].filter(|&k| size[k] >= USEFUL) {
                *by.entry(k).or_default() += 1;
            }
        }
        let title = conversations[c].title.trim();
        for (k, n) in by.into_iter().filter(|&(_, n)| n >= 2) {
            let better = best[k].is_none_or(|(m, t)| n > m || n == m && title < t);
            if better {
                best[k] = Some((n, title));
            }
        }
    }
    best.into_iter().map(|b| b.map(|(_, t)| t.to_string())).collect()
}
