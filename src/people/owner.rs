//! Recognising the export's owner, most reliable evidence first (format document §3):
//! Invitations.csv URLs, the most frequent sender in messages.csv, the 2018/2020 Direction
//! column, Profile.csv's name; otherwise the owner is unknown, and said so.

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use super::key::ProfileKey;
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

fn by_messages(export: &Export) -> Option<(ProfileKey, String)> {
    // Count raw URLs first: a million rows, a few thousand distinct senders to normalise.
    let messages = &export.messages;
    let mut raw: HashMap<Sym, usize> = HashMap::new();
    for m in &messages.rows {
        *raw.entry(m.sender_url).or_default() += 1;
    }
    let mut counts: HashMap<ProfileKey, usize> = HashMap::new();
    for (url, n) in raw {
        if let Some(key) = ProfileKey::parse(messages.text(url)) {
            *counts.entry(key).or_default() += n;
        }
    }
    let (key, n) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    let total = export.messages.rows.len();
    Some((key, format!("messages.csv: the most frequent sender ({n} of {total} rows)")))
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
