//! `netsift inspect`: what was found in an export — each file with its era and row counts,
//! skipped rows by reason, the owner and how they were recognised, the date range, how much
//! matched a connection, who matched nobody, and how the notes resolved.

mod text;

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::diag::Diagnostics;
use crate::export::{Direction, Export, FileReport, Ignored, MessageClass, SourceKind};
use crate::notes::Notes;
use crate::people::{OwnerMethod, People, PersonId, ProfileKey};

/// Everything `inspect` reports; `--json` prints it as it is.
#[derive(Clone, Debug, Serialize)]
pub struct Inspection {
    /// The export path as given.
    pub export: String,
    /// Zip or folder.
    pub kind: SourceKind,
    /// The date in the export's name.
    pub export_date: Option<Date>,
    /// The owner.
    pub owner: OwnerInfo,
    /// The earliest and latest day in the data (UTC).
    pub date_range: Option<[Date; 2]>,
    /// One entry per file read.
    pub files: Vec<FileReport>,
    /// Files seen and not read, with why.
    pub ignored: Vec<Ignored>,
    /// Other exports found under the path given, not read (why is among the diagnostics).
    pub other_exports: Vec<String>,
    /// Connections.csv.
    pub connections: ConnectionCounts,
    /// messages.csv.
    pub messages: MessageCounts,
    /// Invitations.csv.
    pub invitations: InvitationCounts,
    /// Endorsement files.
    pub endorsements: Pair,
    /// Recommendation files.
    pub recommendations: Pair,
    /// Senders of received messages who match no connection, most messages first.
    pub unmatched_senders: Vec<Sender>,
    /// The notes file, when given.
    pub notes: Option<NoteCounts>,
    /// Rows skipped, by file and reason.
    pub skipped: Vec<ReasonCount>,
    /// Rows kept but repaired or left partly unresolved, by file and reason.
    pub repaired: Vec<ReasonCount>,
}

/// The owner as recognised.
#[derive(Clone, Debug, Serialize)]
pub struct OwnerInfo {
    /// Name.
    pub name: Option<String>,
    /// Canonical profile URL.
    pub url: Option<String>,
    /// How recognised.
    pub method: OwnerMethod,
    /// The evidence in words.
    pub evidence: String,
}

/// Counts for Connections.csv.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ConnectionCounts {
    /// Rows read.
    pub rows: usize,
    /// Hidden members (every field empty but the date).
    pub hidden_members: usize,
    /// Rows with a profile URL.
    pub with_url: usize,
    /// Rows whose date could not be read.
    pub without_date: usize,
}

/// Counts for messages.csv.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MessageCounts {
    /// Rows read.
    pub rows: usize,
    /// Person messages the owner sent.
    pub sent: usize,
    /// Person messages the owner received.
    pub received: usize,
    /// Drafts (never sent).
    pub drafts: usize,
    /// System rows.
    pub system: usize,
    /// Sponsored conversations.
    pub sponsored: usize,
    /// From `LinkedIn Member` (hidden people).
    pub linkedin_member: usize,
    /// Person messages with at least one counterpart who is a connection.
    pub matched: usize,
    /// Distinct conversations.
    pub conversations: usize,
}

/// Counts for Invitations.csv.
#[derive(Clone, Debug, Default, Serialize)]
pub struct InvitationCounts {
    /// Rows read.
    pub rows: usize,
    /// Sent by the owner.
    pub outgoing: usize,
    /// Outgoing with a personal note.
    pub outgoing_with_note: usize,
    /// Received.
    pub incoming: usize,
    /// Incoming with a personal note.
    pub incoming_with_note: usize,
    /// Whose other side is a connection.
    pub matched: usize,
}

/// Received and given counts, and how many matched a connection.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Pair {
    /// Rows received.
    pub received: usize,
    /// Rows given.
    pub given: usize,
    /// Received rows whose person is a connection.
    pub received_matched: usize,
    /// Given rows whose person is a connection.
    pub given_matched: usize,
}

/// A sender who matched no connection.
#[derive(Clone, Debug, Serialize)]
pub struct Sender {
    /// Their canonical profile URL, or their display name when they have none.
    pub sender: String,
    /// Their display name.
    pub name: String,
    /// Messages received from them.
    pub messages: usize,
}

/// How the notes resolved.
#[derive(Clone, Debug, Serialize)]
pub struct NoteCounts {
    /// The file as given.
    pub file: String,
    /// Data rows.
    pub rows: u64,
    /// Rows resolved to a person.
    pub resolved: usize,
    /// Rows reported as unresolved.
    pub unresolved: u64,
    /// Rows dated after the as-of day (the export's date): left out, reported.
    pub after_as_of: u64,
    /// Rows repeating an earlier one: counted once, reported.
    pub duplicates: u64,
}

/// A number of rows of one file for one reason.
#[derive(Clone, Debug, Serialize)]
pub struct ReasonCount {
    /// The file.
    pub file: String,
    /// The reason.
    pub reason: String,
    /// How many rows.
    pub rows: usize,
}

impl Inspection {
    /// Gathers the inspection of a read and resolved export.
    pub fn new(
        export: &Export,
        people: &People,
        notes: Option<&Notes>,
        diags: &Diagnostics,
    ) -> Inspection {
        let owner = &people.owner;
        let (mut skipped, mut repaired) = (vec![], vec![]);
        for ((file, reason, kept), rows) in diags.counts() {
            let rc = ReasonCount { file, reason: reason.to_string(), rows };
            if kept { repaired.push(rc) } else { skipped.push(rc) }
        }
        Inspection {
            export: export.path.display().to_string(),
            kind: export.kind,
            export_date: export.export_date,
            owner: OwnerInfo {
                name: owner.name.clone(),
                url: owner.url(),
                method: owner.method,
                evidence: owner.evidence.clone(),
            },
            date_range: date_range(export),
            files: export.files.clone(),
            ignored: export.ignored.clone(),
            other_exports: export.others.iter().map(ToString::to_string).collect(),
            connections: connection_counts(export),
            messages: message_counts(export, people),
            invitations: invitation_counts(export, people),
            endorsements: pair(
                people,
                [&people.links.endorsements_received, &people.links.endorsements_given],
            ),
            recommendations: pair(
                people,
                [&people.links.recommendations_received, &people.links.recommendations_given],
            ),
            unmatched_senders: unmatched_senders(export, people),
            notes: notes.map(|n| NoteCounts {
                file: n.file.clone(),
                rows: n.rows,
                resolved: n.notes.len(),
                unresolved: n.unresolved(),
                after_as_of: n.later,
                duplicates: n.duplicates,
            }),
            skipped,
            repaired,
        }
    }
}

fn connection_counts(export: &Export) -> ConnectionCounts {
    let rows = &export.connections;
    ConnectionCounts {
        rows: rows.len(),
        hidden_members: rows.iter().filter(|c| c.is_hidden()).count(),
        with_url: rows.iter().filter(|c| c.url.is_some()).count(),
        without_date: rows.iter().filter(|c| c.connected_on.is_none()).count(),
    }
}

fn message_counts(export: &Export, people: &People) -> MessageCounts {
    let mut c = MessageCounts {
        rows: export.messages.rows.len(),
        conversations: export.messages.conversations.len(),
        ..MessageCounts::default()
    };
    for (i, m) in export.messages.rows.iter().enumerate() {
        match m.class {
            MessageClass::Draft => c.drafts += 1,
            MessageClass::System => c.system += 1,
            MessageClass::Sponsored => c.sponsored += 1,
            MessageClass::LinkedinMember => c.linkedin_member += 1,
            MessageClass::Person => {
                if people.links.messages[i].outgoing {
                    c.sent += 1
                } else {
                    c.received += 1
                }
                if people.links.counterparts(i).iter().any(|&p| people.is_connection(p)) {
                    c.matched += 1;
                }
            }
        }
    }
    c
}

fn invitation_counts(export: &Export, people: &People) -> InvitationCounts {
    let mut c = InvitationCounts { rows: export.invitations.len(), ..InvitationCounts::default() };
    for (inv, who) in export.invitations.iter().zip(&people.links.invitations) {
        match inv.direction {
            Direction::Outgoing => {
                c.outgoing += 1;
                c.outgoing_with_note += usize::from(inv.has_note());
            }
            Direction::Incoming => {
                c.incoming += 1;
                c.incoming_with_note += usize::from(inv.has_note());
            }
        }
        c.matched += usize::from(who.is_some_and(|p| people.is_connection(p)));
    }
    c
}

fn pair(people: &People, [received, given]: [&Vec<Option<PersonId>>; 2]) -> Pair {
    let matched = |v: &Vec<Option<PersonId>>| {
        v.iter().filter(|p| p.is_some_and(|p| people.is_connection(p))).count()
    };
    Pair {
        received: received.len(),
        given: given.len(),
        received_matched: matched(received),
        given_matched: matched(given),
    }
}

fn unmatched_senders(export: &Export, people: &People) -> Vec<Sender> {
    // Keyed by what identifies the sender: a canonical URL, else the display name.
    let mut counts: HashMap<String, (String, usize)> = HashMap::new();
    for (i, m) in export.messages.rows.iter().enumerate() {
        if m.class != MessageClass::Person || people.links.messages[i].outgoing {
            continue;
        }
        let sender = match people.links.counterparts(i) {
            [] => {
                // Nobody, or a name shared by several connections: matched no one.
                let from = export.messages.text(m.from).to_string();
                let key = export.messages.sender_url(m).and_then(ProfileKey::parse);
                (key.map_or_else(|| from.clone(), |k| k.url()), from)
            }
            [p, ..] if !people.is_connection(*p) => {
                let person = &people.persons[*p as usize];
                let key = person.key.as_ref().map_or_else(|| person.name.clone(), ProfileKey::url);
                (key, person.name.clone())
            }
            _ => continue,
        };
        counts.entry(sender.0).or_insert((sender.1, 0)).1 += 1;
    }
    let mut out: Vec<Sender> = counts
        .into_iter()
        .map(|(sender, (name, messages))| Sender { sender, name, messages })
        .collect();
    out.sort_by(|a, b| b.messages.cmp(&a.messages).then_with(|| a.sender.cmp(&b.sender)));
    out
}

fn date_range(export: &Export) -> Option<[Date; 2]> {
    let day = |t: jiff::Timestamp| t.to_zoned(TimeZone::UTC).date();
    let days = export
        .connections
        .iter()
        .filter_map(|c| c.connected_on)
        .chain(
            export
                .messages
                .rows
                .iter()
                .filter(|m| m.class == MessageClass::Person)
                .map(|m| day(m.time)),
        )
        .chain(export.invitations.iter().map(|i| day(i.sent_at)))
        .chain(
            export
                .endorsements_received
                .iter()
                .chain(&export.endorsements_given)
                .map(|e| day(e.date)),
        )
        .chain(
            export
                .recommendations_received
                .iter()
                .chain(&export.recommendations_given)
                .filter_map(|r| r.created.map(day)),
        );
    days.fold(None, |acc, d| match acc {
        None => Some([d, d]),
        Some([a, b]) => Some([a.min(d), b.max(d)]),
    })
}
