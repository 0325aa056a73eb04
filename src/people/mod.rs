//! Stage 2, people: one person per normalised profile URL, a name fallback where a file has no
//! URL (ambiguity reported, never guessed), URNs kept apart, the owner recognised and never
//! counted as a connection. Every message, invitation, endorsement and recommendation is
//! linked to the people it concerns.

pub mod key;
pub mod near;
pub mod owner;

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use serde::Serialize;

pub use key::{ProfileKey, loose_key, name_key};
pub use owner::{Owner, OwnerMethod};

use crate::diag::Diagnostics;
use crate::export::names::*;
use crate::export::{
    Direction, Endorsement, Export, Message, MessageClass, Messages, Recommendation, Sym,
};

/// An index into [`People::persons`].
pub type PersonId = u32;

/// Someone the export mentions: a connection (one per Connections.csv row, same index) or a
/// contact met only in messages, invitations or endorsements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Their name as the export writes it.
    pub name: String,
    /// Their profile, when any file gave a URL (learnt from messages for URL-less eras).
    pub key: Option<ProfileKey>,
    /// Their row in `Export::connections`, for connections.
    pub connection: Option<usize>,
    /// Their `urn:li:member:` id, where only a URN was given.
    pub urn: Option<String>,
    /// A Connections.csv row that is the owner's own profile (never counted).
    pub is_owner: bool,
    /// A Connections.csv row repeating an earlier row's profile URL: that row's person.
    pub same_as: Option<PersonId>,
}

/// What a reference (a URL and/or a name) resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The owner.
    Owner,
    /// One person.
    Person(PersonId),
    /// A name shared by several connections: not guessed.
    Ambiguous(Vec<PersonId>),
    /// Nothing to go on (no URL, no name).
    Nobody,
}

/// How one message row links to people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MessageLink {
    /// The owner sent it.
    pub outgoing: bool,
    start: u32,
    len: u32,
}

/// Who each record of the export concerns, index for index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// One per message row.
    pub messages: Vec<MessageLink>,
    counterparts: Vec<PersonId>,
    /// One per invitation: the other side.
    pub invitations: Vec<Option<PersonId>>,
    /// One per endorsement received: the endorser.
    pub endorsements_received: Vec<Option<PersonId>>,
    /// One per endorsement given: the endorsee.
    pub endorsements_given: Vec<Option<PersonId>>,
    /// One per recommendation received.
    pub recommendations_received: Vec<Option<PersonId>>,
    /// One per recommendation given.
    pub recommendations_given: Vec<Option<PersonId>>,
}

impl Links {
    /// The people on the other side of message `i` (empty for drafts, system rows, sponsors).
    pub fn counterparts(&self, i: usize) -> &[PersonId] {
        let l = self.messages[i];
        &self.counterparts[l.start as usize..(l.start + l.len) as usize]
    }
}

/// Everyone in the export, the owner, and the links from records to people.
#[derive(Clone, Debug)]
pub struct People {
    /// Connections first (index = Connections.csv row), then contacts.
    pub persons: Vec<Person>,
    /// The export's owner.
    pub owner: Owner,
    /// Who each record concerns.
    pub links: Links,
    by_key: HashMap<ProfileKey, PersonId>,
    by_name: HashMap<String, Vec<PersonId>>,
    /// Connections by [`loose_key`]: names typed without their accents.
    by_loose: HashMap<String, Vec<PersonId>>,
    contacts_by_name: HashMap<String, PersonId>,
    by_urn: HashMap<String, PersonId>,
    owner_name: Option<String>,
}

impl People {
    /// Resolves everyone in `export`; ambiguous names and owner rows go to `diags`.
    pub fn resolve(export: &Export, diags: &mut Diagnostics) -> People {
        let owner = owner::recognise(export);
        let owner_name = owner.name.as_deref().map(name_key);
        let mut people = People {
            persons: Vec::with_capacity(export.connections.len()),
            owner,
            links: Links::default(),
            by_key: HashMap::new(),
            by_name: HashMap::new(),
            by_loose: HashMap::new(),
            contacts_by_name: HashMap::new(),
            by_urn: HashMap::new(),
            owner_name,
        };
        people.add_connections(export, diags);
        people.link_messages(export, diags);
        people.link_others(export, diags);
        people
    }

    /// Whether person `id` is a connection (not the owner's own row, not a contact).
    pub fn is_connection(&self, id: PersonId) -> bool {
        let p = &self.persons[id as usize];
        p.connection.is_some() && !p.is_owner
    }

    /// Looks up a reference without adding anyone: a profile URL (any form) or URN, else a
    /// name matching exactly one connection — or, a name alone matching none, one connection
    /// once accents are set aside (`grace novak` is Grace Novák).
    pub fn lookup(&self, url: Option<&str>, name: Option<&str>) -> Resolved {
        let found = self.lookup_key(url.and_then(ProfileKey::parse).as_ref(), url, name);
        match (found, url, name) {
            (Resolved::Nobody, None, Some(name)) => match self.by_loose.get(&loose_key(name)) {
                Some(ids) if ids.len() == 1 => Resolved::Person(ids[0]),
                Some(ids) => Resolved::Ambiguous(ids.clone()),
                None => Resolved::Nobody,
            },
            (found, ..) => found,
        }
    }

    /// The connections' names closest to `name`, which matches none (`did you mean …?`).
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let names = self
            .by_loose
            .iter()
            .map(|(key, ids)| (key.as_str(), self.persons[ids[0] as usize].name.as_str()));
        near::closest(&loose_key(name), names)
    }

    fn lookup_key(
        &self,
        key: Option<&ProfileKey>,
        url: Option<&str>,
        name: Option<&str>,
    ) -> Resolved {
        if let Some(key) = key {
            if self.owner.key.as_ref() == Some(key) {
                return Resolved::Owner;
            }
            if let Some(&id) = self.by_key.get(key) {
                return Resolved::Person(id);
            }
        }
        if let Some(id) = url.and_then(key::urn).and_then(|u| self.by_urn.get(u)) {
            return Resolved::Person(*id);
        }
        let Some(name) = name.map(name_key).filter(|n| !n.is_empty()) else {
            return Resolved::Nobody;
        };
        // Where the owner has no URL (2018, 2020), their name is theirs, not a namesake's.
        if self.owner.key.is_none() && self.owner_name.as_deref() == Some(name.as_str()) {
            return Resolved::Owner;
        }
        // A reference that has a URL can only be, by name, a connection that has none.
        let candidates: Vec<PersonId> = self.by_name.get(&name).map_or_else(Vec::new, |ids| {
            ids.iter()
                .copied()
                .filter(|&id| key.is_none() || self.persons[id as usize].key.is_none())
                .collect()
        });
        match candidates[..] {
            [id] => Resolved::Person(id),
            [] if key.is_none() => self
                .contacts_by_name
                .get(&name)
                .map_or(Resolved::Nobody, |&id| Resolved::Person(id)),
            [] => Resolved::Nobody,
            _ => Resolved::Ambiguous(candidates),
        }
    }

    fn add_connections(&mut self, export: &Export, diags: &mut Diagnostics) {
        // Keys (percent-decoded, normalised) and names on every thread; then in file order.
        let parsed: Vec<(Option<ProfileKey>, String, String)> = export
            .connections
            .par_iter()
            .map(|c| {
                let name = c.full_name();
                let key = c.url.as_deref().and_then(ProfileKey::parse);
                (key, name_key(&name), name)
            })
            .collect();
        for (i, (c, (key, name_key, name))) in export.connections.iter().zip(parsed).enumerate() {
            let id = i as PersonId;
            let is_owner = key.is_some() && key == self.owner.key;
            let mut same_as = None;
            if is_owner {
                let msg = "the owner's own profile; not counted as a connection".to_string();
                diags.repair(export.file_name(CONNECTIONS), c.line, "owner row", msg);
            } else if let Some(k) = &key {
                if let Some(&first) = self.by_key.get(k) {
                    let line = export.connections[first as usize].line;
                    let msg = format!("the same profile URL as line {line}; both rows kept");
                    diags.repair(export.file_name(CONNECTIONS), c.line, "duplicate URL", msg);
                    same_as = Some(first);
                } else {
                    self.by_key.insert(k.clone(), id);
                }
            }
            if !c.is_hidden() && !is_owner && same_as.is_none() {
                self.by_loose.entry(loose_key(&name_key)).or_default().push(id);
                self.by_name.entry(name_key).or_default().push(id);
            }
            let urn = c.email.as_deref().and_then(key::urn).map(str::to_string);
            if let Some(u) = &urn {
                self.by_urn.entry(u.clone()).or_insert(id);
            }
            self.persons.push(Person { name, key, connection: Some(i), urn, is_owner, same_as });
        }
    }

    /// Resolves a reference, adding a contact when it names someone new. A URL that matches no
    /// one may still match a URL-less connection by name; that connection then learns the URL.
    fn resolve_or_add(&mut self, url: Option<&str>, name: Option<&str>) -> Resolved {
        let key = url.and_then(ProfileKey::parse);
        let found = self.lookup_key(key.as_ref(), url, name);
        match (&found, &key) {
            (Resolved::Person(id), Some(k)) if self.persons[*id as usize].key.is_none() => {
                // A URL-less connection (2021 – mid 2023), matched by name: learn its URL.
                self.persons[*id as usize].key = Some(k.clone());
                self.by_key.insert(k.clone(), *id);
                return found;
            }
            (Resolved::Nobody, _) => {}
            _ => return found,
        }
        let name = name.unwrap_or("").trim();
        if key.is_none() && name.is_empty() && url.and_then(key::urn).is_none() {
            return Resolved::Nobody;
        }
        let id = self.persons.len() as PersonId;
        let urn = url.and_then(key::urn).map(str::to_string);
        if let Some(k) = &key {
            self.by_key.insert(k.clone(), id);
        } else if let Some(u) = &urn {
            self.by_urn.insert(u.clone(), id);
        } else {
            self.contacts_by_name.insert(name_key(name), id);
        }
        self.persons.push(Person {
            name: name.to_string(),
            key,
            connection: None,
            urn,
            is_owner: false,
            same_as: None,
        });
        Resolved::Person(id)
    }

    /// Links every message row to the people on its other side: the sender of one the owner
    /// received; for one the owner sent, its recipients by URL, else the others in its
    /// conversation, else its TO name.
    fn link_messages(&mut self, export: &Export, diags: &mut Diagnostics) {
        let messages = &export.messages;
        let file = export.file_name(MESSAGES);
        let (senders, participants) = self.senders(messages);
        // Pass 2: the counterparts of each row.
        let mut links = std::mem::take(&mut self.links);
        let mut recipients: HashMap<(Sym, Sym), Vec<PersonId>> = HashMap::new();
        for (m, sender) in messages.rows.iter().zip(senders) {
            let start = links.counterparts.len() as u32;
            let outgoing = sender == Resolved::Owner;
            let to = &mut links.counterparts;
            match sender {
                Resolved::Person(id) => to.push(id),
                Resolved::Ambiguous(ids) => {
                    self.ambiguous(diags, file, m.line, messages.text(m.from), &ids, export)
                }
                Resolved::Owner if m.recipient_urls != Sym::EMPTY => {
                    let ids = recipients
                        .entry((m.recipient_urls, m.to))
                        .or_insert_with(|| self.recipients(messages, m));
                    to.extend(ids.iter());
                }
                Resolved::Owner => {
                    let others = m.conversation.and_then(|c| participants.get(c as usize));
                    match others {
                        Some(others) if !others.is_empty() => to.extend(others),
                        // No one else has written in it yet: the TO name is all there is.
                        _ => self.addressee(export, m, to, diags),
                    }
                }
                Resolved::Nobody => {}
            }
            let len = links.counterparts.len() as u32 - start;
            links.messages.push(MessageLink { outgoing, start, len });
        }
        self.links = links;
    }

    /// Pass 1 over the messages: who sent each row, and who takes part in each conversation.
    fn senders(&mut self, messages: &Messages) -> (Vec<Resolved>, Vec<Vec<PersonId>>) {
        let mut senders = Vec::with_capacity(messages.rows.len());
        // Conversations are numbered densely: a vector, not a map.
        let mut participants: Vec<Vec<PersonId>> = vec![Vec::new(); messages.conversations.len()];
        // A million rows name a few thousand people: each distinct (URL, name) is resolved once.
        let mut cache: HashMap<(Sym, Sym), Resolved> = HashMap::new();
        for m in &messages.rows {
            let sender = self.sender(messages, m, &mut cache);
            if let (Resolved::Person(id), Some(c)) = (&sender, m.conversation)
                && let Some(list) = participants.get_mut(c as usize)
                && !list.contains(id)
            {
                list.push(*id);
            }
            senders.push(sender);
        }
        (senders, participants)
    }

    /// Who sent message row `m`: the owner when it is outgoing, nobody for a row not between
    /// people or an incoming one that names the owner; its (URL, name) resolved through `cache`.
    fn sender(
        &mut self,
        messages: &Messages,
        m: &Message,
        cache: &mut HashMap<(Sym, Sym), Resolved>,
    ) -> Resolved {
        if m.class != MessageClass::Person {
            return Resolved::Nobody;
        }
        let r = cache
            .entry((m.sender_url, m.from))
            .or_insert_with(|| {
                self.resolve_or_add(messages.sender_url(m), Some(messages.text(m.from)))
            })
            .clone();
        match m.direction {
            Some(Direction::Outgoing) => Resolved::Owner,
            Some(Direction::Incoming) if r == Resolved::Owner => Resolved::Nobody,
            _ => r,
        }
    }

    /// The people a row the owner sent names by their URLs.
    fn recipients(&mut self, messages: &Messages, m: &Message) -> Vec<PersonId> {
        let to = messages.text(m.to);
        let urls: Vec<&str> = messages.recipient_urls(m).collect();
        // A single recipient's display name can back up a URL-less match.
        let name = (urls.len() <= 2 && !to.contains(',')).then_some(to);
        let found = urls.iter().map(|url| self.resolve_or_add(Some(url), name));
        found.filter_map(|r| if let Resolved::Person(id) = r { Some(id) } else { None }).collect()
    }

    /// Adds to `to` whom the TO name of a row the owner sent names, reported when ambiguous.
    fn addressee(
        &mut self,
        export: &Export,
        m: &Message,
        to: &mut Vec<PersonId>,
        diags: &mut Diagnostics,
    ) {
        let name = export.messages.text(m.to);
        match self.resolve_or_add(None, Some(name)) {
            Resolved::Person(id) => to.push(id),
            Resolved::Ambiguous(ids) => {
                self.ambiguous(diags, export.file_name(MESSAGES), m.line, name, &ids, export)
            }
            _ => {}
        }
    }

    /// Links every invitation, endorsement and recommendation to its person, file by file in
    /// a fixed order (a contact one adds, the next can find).
    fn link_others(&mut self, export: &Export, diags: &mut Diagnostics) {
        self.links.invitations = self.link_invitations(export, diags);
        let (received, given) = (&export.endorsements_received, &export.endorsements_given);
        self.links.endorsements_received =
            self.link_endorsements(export, received, ENDORSEMENTS_RECEIVED, diags);
        self.links.endorsements_given =
            self.link_endorsements(export, given, ENDORSEMENTS_GIVEN, diags);
        let (received, given) = (&export.recommendations_received, &export.recommendations_given);
        self.links.recommendations_received =
            self.link_recommendations(export, received, RECOMMENDATIONS_RECEIVED, diags);
        self.links.recommendations_given =
            self.link_recommendations(export, given, RECOMMENDATIONS_GIVEN, diags);
    }

    /// The other side of each invitation: the invitee of one the owner sent, else the inviter.
    fn link_invitations(
        &mut self,
        export: &Export,
        diags: &mut Diagnostics,
    ) -> Vec<Option<PersonId>> {
        let file = export.file_name(INVITATIONS);
        let mut invitations = Vec::with_capacity(export.invitations.len());
        for inv in &export.invitations {
            let (url, name) = match inv.direction {
                Direction::Outgoing => (&inv.invitee, &inv.to),
                Direction::Incoming => (&inv.inviter, &inv.from),
            };
            let r = self.resolve_or_add(url.as_deref(), Some(name));
            invitations.push(self.settle(r, diags, file, inv.line, name, export));
        }
        invitations
    }

    /// The person of each endorsement in `list`, read from the file of `names`.
    fn link_endorsements(
        &mut self,
        export: &Export,
        list: &[Endorsement],
        names: &[&'static str],
        diags: &mut Diagnostics,
    ) -> Vec<Option<PersonId>> {
        let file = export.file_name(names);
        let mut out = Vec::with_capacity(list.len());
        for e in list {
            let name = format!("{} {}", e.first_name, e.last_name);
            let r = self.resolve_or_add(e.url.as_deref(), Some(&name));
            out.push(self.settle(r, diags, file, e.line, &name, export));
        }
        out
    }

    /// The person of each recommendation in `list`, read from the file of `names`.
    fn link_recommendations(
        &mut self,
        export: &Export,
        list: &[Recommendation],
        names: &[&'static str],
        diags: &mut Diagnostics,
    ) -> Vec<Option<PersonId>> {
        let file = export.file_name(names);
        let mut out = Vec::with_capacity(list.len());
        for r in list {
            let name = format!("{} {}", r.first_name, r.last_name);
            let found = match self.resolve_or_add(None, Some(&name)) {
                // Recommendations have no URL: the company tells namesakes apart.
                Resolved::Ambiguous(ids) => self.at_company(ids, &r.company, export),
                found => found,
            };
            out.push(self.settle(found, diags, file, r.line, &name, export));
        }
        out
    }

    /// The one of namesakes `ids` who is a connection at `company`, if only one is.
    fn at_company(&self, ids: Vec<PersonId>, company: &str, export: &Export) -> Resolved {
        let at: Vec<PersonId> = ids
            .iter()
            .copied()
            .filter(|&id| {
                let c = self.persons[id as usize].connection.map(|c| &export.connections[c]);
                c.is_some_and(|c| name_key(&c.company) == name_key(company))
            })
            .collect();
        if let [id] = at[..] { Resolved::Person(id) } else { Resolved::Ambiguous(ids) }
    }

    fn settle(
        &self,
        r: Resolved,
        diags: &mut Diagnostics,
        file: &str,
        line: u64,
        name: &str,
        export: &Export,
    ) -> Option<PersonId> {
        match r {
            Resolved::Person(id) => Some(id),
            Resolved::Ambiguous(ids) => {
                self.ambiguous(diags, file, line, name, &ids, export);
                None
            }
            Resolved::Owner | Resolved::Nobody => None,
        }
    }

    fn ambiguous(
        &self,
        diags: &mut Diagnostics,
        file: &str,
        line: u64,
        name: &str,
        ids: &[PersonId],
        export: &Export,
    ) {
        let lines: Vec<String> = ids
            .iter()
            .filter_map(|&id| self.persons[id as usize].connection)
            .map(|c| export.connections[c].line.to_string())
            .collect();
        let msg = format!(
            "{name:?} names {} connections (Connections.csv lines {}); not matched",
            ids.len(),
            lines.join(", ")
        );
        diags.repair(file, line, "ambiguous name", msg);
    }
}
