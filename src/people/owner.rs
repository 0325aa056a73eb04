//! Recognising the export's owner, most reliable evidence first (format document §3):
//! Invitations.csv URLs, the most frequent sender in messages.csv, the 2018/2020 Direction
//! column, Profile.csv's name; otherwise the owner is unknown, and said so.

use foldhash::{HashMap, HashMapExt, HashSet};

use serde::Serialize;

use super::key::{ProfileKey, name_key};
use crate::export::{Direction, Export, Sym};

/// How the owner was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnerMethod {
    /// Inviter of outgoing and invitee of incoming invitations (real `/in/<slug>` URLs).
    Invitations,
    /// The most frequent sender in messages.csv.
    Messages,
    /// The sender of `OUTGOING` rows in a 2018/2020 messages file (a name, no URL).
    Direction,
    /// Profile.csv's name only (no URL anywhere).
    Profile,
    /// Nothing in the export tells.
    None,
}

/// The person whose export this is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Owner {
    /// Their name: Profile.csv's, else their display name in messages.
    pub name: Option<String>,
    /// Their profile key, when the export reveals it.
    pub key: Option<ProfileKey>,
    /// How they were recognised.
    pub method: OwnerMethod,
    /// The evidence, in words.
    pub evidence: String,
}

impl Owner {
    /// Their canonical profile URL, when known.
    pub fn url(&self) -> Option<String> {
        self.key.as_ref().map(ProfileKey::url)
    }

    /// What tells this owner's exports from another's, for the history: the profile URL, else
    /// `name:` and their name (2018 – 2020 exports name their owner but not the profile);
    /// `None` when the export says neither.
    pub fn identity(&self) -> Option<String> {
        let name = || self.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        self.url().or_else(|| Some(format!("name:{}", name()?)))
    }

    /// Whether `other` is the same person: by profile when both exports reveal it, else by
    /// name (as [`name_key`] compares names); `None` when the two cannot be compared.
    pub fn same_as(&self, other: &Owner) -> Option<bool> {
        if let (Some(a), Some(b)) = (&self.key, &other.key) {
            return Some(a == b);
        }
        let name = |o: &Owner| o.name.as_deref().map(name_key).filter(|n| !n.is_empty());
        Some(name(self)? == name(other)?)
    }
}

/// Recognises the owner of `export`.
pub fn recognise(export: &Export) -> Owner {
    let profile_name = export.profile.as_ref().map(|p| p.full_name()).filter(|n| !n.is_empty());
    let (key, method, evidence) = by_invitations(export)
        .map(|(k, e)| (Some(k), OwnerMethod::Invitations, e))
        .or_else(|| by_messages(export).map(|(k, e)| (Some(k), OwnerMethod::Messages, e)))
        .unwrap_or((None, OwnerMethod::None, String::new()));
    if let Some(key) = key {
        let name = profile_name.or_else(|| display_name(export, &key));
        return Owner { name, key: Some(key), method, evidence };
    }
    if let Some((name, evidence)) = by_direction(export) {
        let name = profile_name.or(Some(name));
        return Owner { name, key: None, method: OwnerMethod::Direction, evidence };
    }
    match profile_name {
        Some(name) => Owner {
            name: Some(name),
            key: None,
            method: OwnerMethod::Profile,
            evidence: "Profile.csv gives the name; no file of this export holds the owner's URL".into(),
        },
        None => Owner {
            name: None,
            key: None,
            method: OwnerMethod::None,
            evidence: "no messages, no usable invitation URLs and no Profile.csv: the owner cannot be known".into(),
        },
    }
}

fn by_invitations(export: &Export) -> Option<(ProfileKey, String)> {
    let mut counts: HashMap<ProfileKey, (usize, usize)> = HashMap::new();
    for inv in &export.invitations {
        let (own, outgoing) = match inv.direction {
            Direction::Outgoing => (&inv.inviter, true),
            Direction::Incoming => (&inv.invitee, false),
        };
        if let Some(key) = own.as_deref().and_then(ProfileKey::parse) {
            let c = counts.entry(key).or_default();
            if outgoing { c.0 += 1 } else { c.1 += 1 }
        }
    }
    let (key, (out, inc)) = counts
        .into_iter()
        .max_by(|a, b| (a.1.0 + a.1.1).cmp(&(b.1.0 + b.1.1)).then_with(|| b.0.cmp(&a.0)))?;
    Some((
        key,
        format!(
            "Invitations.csv: inviter of {out} outgoing and invitee of {inc} incoming invitations"
        ),
    ))
}

/// The profile that takes part in the most rows, as sender or recipient: the owner is in
/// nearly every row of their own messages. A profile that is one of the connections cannot be
/// the owner. In the 9-column era (no recipient URLs) only senders count.
fn by_messages(export: &Export) -> Option<(ProfileKey, String)> {
    let messages = &export.messages;
    // Count distinct (sender, recipients) first: a million rows, a few thousand pairs.
    let mut pairs: HashMap<(Sym, Sym), usize> = HashMap::new();
    for m in &messages.rows {
        *pairs.entry((m.sender_url, m.recipient_urls)).or_default() += 1;
    }
    let mut counts: HashMap<ProfileKey, (usize, usize)> = HashMap::new();
    for ((sender, recipients), n) in pairs {
        let sender = ProfileKey::parse(messages.text(sender));
        let mut in_row: Vec<ProfileKey> = sender.iter().cloned().collect();
        for url in messages.text(recipients).split(',') {
            if let Some(k) = ProfileKey::parse(url).filter(|k| !in_row.contains(k)) {
                in_row.push(k);
            }
        }
        for k in in_row {
            let as_sender = usize::from(sender.as_ref() == Some(&k)) * n;
            let c = counts.entry(k).or_default();
            c.0 += n;
            c.1 += as_sender;
        }
    }
    let connections: HashSet<ProfileKey> = export
        .connections
        .iter()
        .filter_map(|c| c.url.as_deref().and_then(ProfileKey::parse))
        .collect();
    let (key, (rows, sent)) = counts
        .into_iter()
        .filter(|(k, c)| !connections.contains(k) && c.1 > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    let total = messages.rows.len();
    let evidence = if rows > sent {
        format!(
            "messages.csv: in {rows} of {total} rows as sender or recipient, the most of anyone"
        )
    } else {
        format!("messages.csv: the most frequent sender ({sent} of {total} rows)")
    };
    Some((key, evidence))
}

fn by_direction(export: &Export) -> Option<(String, String)> {
    let messages = &export.messages;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in &messages.rows {
        if m.direction == Some(Direction::Outgoing) && m.from != Sym::EMPTY {
            *counts.entry(messages.text(m.from)).or_default() += 1;
        }
    }
    let (name, n) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    Some((
        name.to_string(),
        format!("messages: the sender of {n} OUTGOING rows (no URL in this era)"),
    ))
}

/// The owner's most frequent display name on the rows they sent.
fn display_name(export: &Export, owner: &ProfileKey) -> Option<String> {
    let messages = &export.messages;
    let mut by_url: HashMap<(Sym, Sym), usize> = HashMap::new();
    for m in &messages.rows {
        if m.from != Sym::EMPTY {
            *by_url.entry((m.sender_url, m.from)).or_default() += 1;
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for ((url, name), n) in by_url {
        if ProfileKey::parse(messages.text(url)).as_ref() == Some(owner) {
            *counts.entry(messages.text(name)).or_default() += n;
        }
    }
    let (name, _) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    Some(name.to_string())
}
