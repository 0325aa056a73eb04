//! `netsift inspect`: what was found in an export — each file with its era and row counts,
//! skipped rows by reason, the owner and how they were recognised, the date range, how much
//! matched a connection, who matched nobody, and how the notes resolved.

use std::collections::HashMap;
use std::fmt::Write as _;

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
            }),
            skipped,
            repaired,
        }
    }

    /// The inspection as text for a terminal.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = self.write_text(&mut s);
        s
    }

    fn write_text(&self, s: &mut String) -> std::fmt::Result {
        let date = self.export_date.map_or(String::new(), |d| format!(", exported {d}"));
        let kind = match self.kind {
            SourceKind::Zip => "zip",
            SourceKind::Folder => "folder",
        };
        writeln!(s, "export         {} ({kind}{date})", self.export)?;
        let o = &self.owner;
        let name = o.name.as_deref().unwrap_or("unknown");
        match &o.url {
            Some(url) => writeln!(s, "owner          {name} <{url}>")?,
            None => writeln!(s, "owner          {name} (profile URL unknown)")?,
        }
        writeln!(s, "               {}", o.evidence)?;
        if let Some([a, b]) = self.date_range {
            writeln!(s, "dates          {a} … {b}")?;
        }
        writeln!(s, "\nfiles")?;
        let width = self.files.iter().map(|f| f.name.chars().count()).max().unwrap_or(0);
        for f in &self.files {
            let skipped = f.rows - f.kept;
            let skipped = if skipped > 0 { format!(", {skipped} skipped") } else { String::new() };
            writeln!(
                s,
                "  {:width$}  {}{skipped} — {}",
                f.name,
                many(f.rows as usize, "row"),
                f.variant
            )?;
            if !f.notes.is_empty() {
                writeln!(s, "  {:width$}  read: {}", "", f.notes.join("; "))?;
            }
            for copy in &f.ignored_copies {
                writeln!(s, "  {:width$}  another copy, not used: {copy}", "")?;
            }
        }
        for i in &self.ignored {
            writeln!(s, "  ignored: {} ({})", i.name, i.why)?;
        }
        let c = &self.connections;
        writeln!(
            s,
            "\nconnections    {}: {}, {} with a profile URL",
            many(c.rows, "row"),
            many(c.hidden_members, "hidden member"),
            num(c.with_url)
        )?;
        let m = &self.messages;
        if m.rows > 0 {
            writeln!(
                s,
                "messages       {} rows: {} sent, {} received, {} drafts, {} system, {} sponsored, {} from LinkedIn Member",
                num(m.rows),
                num(m.sent),
                num(m.received),
                num(m.drafts),
                num(m.system),
                num(m.sponsored),
                num(m.linkedin_member)
            )?;
            let people = m.sent + m.received;
            writeln!(
                s,
                "               {} of {} person messages matched a connection ({})",
                num(m.matched),
                num(people),
                pct(m.matched, people)
            )?;
        }
        let i = &self.invitations;
        if i.rows > 0 {
            writeln!(
                s,
                "invitations    {} rows: {} outgoing ({} with a note), {} incoming ({} with a note); {} matched a connection",
                num(i.rows),
                num(i.outgoing),
                num(i.outgoing_with_note),
                num(i.incoming),
                num(i.incoming_with_note),
                num(i.matched)
            )?;
        }
        for (label, p) in
            [("endorsements", &self.endorsements), ("recommendations", &self.recommendations)]
        {
            if p.received + p.given > 0 {
                writeln!(
                    s,
                    "{label:<14} {} received ({} matched), {} given ({} matched)",
                    num(p.received),
                    num(p.received_matched),
                    num(p.given),
                    num(p.given_matched)
                )?;
            }
        }
        if !self.unmatched_senders.is_empty() {
            writeln!(
                s,
                "\nsenders who matched no connection: {}",
                num(self.unmatched_senders.len())
            )?;
            for u in self.unmatched_senders.iter().take(10) {
                let who = if u.sender == u.name {
                    u.name.clone()
                } else {
                    format!("{} <{}>", u.name, u.sender)
                };
                writeln!(s, "  {who}: {}", many(u.messages, "message"))?;
            }
            if self.unmatched_senders.len() > 10 {
                writeln!(
                    s,
                    "  … and {} more (--json lists all)",
                    self.unmatched_senders.len() - 10
                )?;
            }
        }
        if let Some(n) = &self.notes {
            writeln!(
                s,
                "\nnotes          {}: {} rows, {} resolved, {} unresolved",
                n.file, n.rows, n.resolved, n.unresolved
            )?;
        }
        writeln!(s)?;
        if self.skipped.is_empty() {
            writeln!(s, "skipped rows   none")?;
        }
        for r in &self.skipped {
            writeln!(s, "skipped        {}: {} × {}", r.file, num(r.rows), r.reason)?;
        }
        for r in &self.repaired {
            writeln!(s, "kept, noted    {}: {} × {}", r.file, num(r.rows), r.reason)?;
        }
        Ok(())
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

/// 12,345 — thousands separated for reading.
pub fn num(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 row`, `2 rows`, `12,345 rows`.
fn many(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{} {what}s", num(n)) }
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 { "–".into() } else { format!("{:.1} %", 100.0 * part as f64 / whole as f64) }
}
