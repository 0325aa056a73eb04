//! One person's own export, made from a timestamped message log: what the real-data
//! evaluation (`crate::evaluate`) writes for each person ("ego") of CollegeMsg or Enron.
//!
//! Given the ego, the messages up to the split time that the ego sent or received, and the
//! export date, [`write_ego_export`] writes the folder `Complete_LinkedInDataExport_MM-DD-YYYY`
//! in the 2026 form: `Connections.csv` (everyone the ego sent a message to or received one
//! from, connected on the day of their first message with the ego), `messages.csv` (one
//! conversation per distinct set of participants, so a pair's messages form one chat and
//! group e-mails form group chats), one outgoing invitation without a note, to someone who is
//! not a connection, so that the owner is known, and `Profile.csv`. People are `Person 17`,
//! `https://www.linkedin.com/in/person-17`: the logs give ids, never names.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::SampleSpec;
use super::files::{INVITATION_COLUMNS, PROFILE, connections_file, csv_bytes};
use super::messages::MESSAGE_COLUMNS;
use super::time::{DAY, days, us_pacific, utc};
use super::write::{Sink, remove};

/// The one person the ego invited: not in the log, so never a connection.
const INVITEE: (&str, &str) = ("Pending Invitee", "https://www.linkedin.com/in/pending-invitee");

/// One message of a log: when it was sent, by whom, to whom (people by their ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogMessage {
    /// Seconds since 1970, UTC.
    pub time: i64,
    /// Who sent it.
    pub sender: u32,
    /// Who received it: one person, or several for a group e-mail.
    pub recipients: Vec<u32>,
}

impl LogMessage {
    /// Everyone in the message, sender and recipients, each once, by id.
    pub fn participants(&self) -> Vec<u32> {
        let mut parts: Vec<u32> =
            std::iter::once(self.sender).chain(self.recipients.iter().copied()).collect();
        parts.sort_unstable();
        parts.dedup();
        parts
    }
}

/// The name the export gives person `id`: `Person 17`.
pub fn person_name(id: u32) -> String {
    format!("Person {id}")
}

/// The profile URL the export gives person `id`: `https://www.linkedin.com/in/person-17`.
pub fn person_url(id: u32) -> String {
    format!("https://www.linkedin.com/in/person-{id}")
}

/// Writes the export of `ego` into `out_dir` (created if needed), as of `export_date`, and
/// returns its path, the folder `Complete_LinkedInDataExport_MM-DD-YYYY`. Of `messages`, those
/// the ego sent to someone else or received are written; the others are passed over. A
/// folder of that name is replaced; a failed write leaves nothing behind.
pub fn write_ego_export(
    ego: u32,
    messages: &[LogMessage],
    export_date: Date,
    out_dir: &Path,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(out_dir)?;
    let name = export_date.strftime("Complete_LinkedInDataExport_%m-%d-%Y").to_string();
    let path = out_dir.join(name);
    let mine: Vec<&LogMessage> = messages.iter().filter(|m| involves(ego, m)).collect();
    let written = write_files(ego, &mine, export_date, &path);
    if written.is_err() {
        let _ = remove(&path);
    }
    written.map(|()| path)
}

/// Whether the ego sent `m` to someone else, or received it.
fn involves(ego: u32, m: &LogMessage) -> bool {
    let parts = m.participants();
    parts.len() > 1 && parts.contains(&ego)
}

fn write_files(ego: u32, mine: &[&LogMessage], export_date: Date, path: &Path) -> io::Result<()> {
    let first = correspondents(ego, mine);
    let spec = SampleSpec {
        connections: first.len(),
        messages: mine.len(),
        seed: 0,
        zip: false,
        export_date,
        later: None,
    };
    let mut sink = Sink::create(path, &spec)?;
    sink.file("messages.csv", |o| write_messages(o, ego, mine))?;
    // The invitation is as recent as the newest message (midday of the export date without one).
    let newest = mine.iter().map(|m| m.time).max();
    let sent = newest.unwrap_or(days(export_date) * DAY + DAY / 2);
    let files = [
        ("Connections.csv", connections(&first)?),
        ("Invitations.csv", invitation(ego, sent)?),
        ("Profile.csv", profile(ego)?),
    ];
    for (name, bytes) in files {
        sink.file(name, |o| o.write_all(&bytes))?;
    }
    sink.finish().map(drop)
}

/// Everyone the ego sent a message to or received one from, with the time of the first.
fn correspondents(ego: u32, mine: &[&LogMessage]) -> BTreeMap<u32, i64> {
    let mut first: BTreeMap<u32, i64> = BTreeMap::new();
    for m in mine {
        let others: Vec<u32> = if m.sender == ego {
            m.recipients.iter().copied().filter(|&r| r != ego).collect()
        } else {
            vec![m.sender]
        };
        for x in others {
            let t = first.entry(x).or_insert(m.time);
            *t = (*t).min(m.time);
        }
    }
    first
}

/// Connections.csv: newest connection first, connected on the UTC day of the first message.
fn connections(first: &BTreeMap<u32, i64>) -> io::Result<Vec<u8>> {
    let mut order: Vec<(u32, i64)> = first.iter().map(|(&id, &t)| (id, t)).collect();
    order.sort_by_key(|&(id, t)| (std::cmp::Reverse(t), id));
    let rows = order.into_iter().map(|(id, t)| {
        let on = utc(t, "%d %b %-Y")?;
        Ok(["Person".to_string(), id.to_string(), person_url(id), String::new()]
            .into_iter()
            .chain([String::new(), String::new(), on])
            .collect::<Vec<String>>())
    });
    connections_file(rows.collect::<io::Result<Vec<_>>>()?)
}

/// messages.csv: one conversation per set of participants, the most recent conversation
/// first, each newest row first, every field quoted.
fn write_messages(out: &mut dyn Write, ego: u32, mine: &[&LogMessage]) -> io::Result<()> {
    let mut convs: BTreeMap<Vec<u32>, Vec<&LogMessage>> = BTreeMap::new();
    for &m in mine {
        convs.entry(m.participants()).or_default().push(m);
    }
    let mut convs: Vec<(Vec<u32>, Vec<&LogMessage>)> = convs.into_iter().collect();
    for (_, msgs) in &mut convs {
        // Newest first; among messages of the same second, the later in the log first.
        msgs.reverse();
        msgs.sort_by_key(|m| std::cmp::Reverse(m.time));
    }
    convs.sort_by_key(|(_, msgs)| std::cmp::Reverse(msgs.first().map_or(0, |m| m.time)));
    let mut csv = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(out);
    csv.write_record(MESSAGE_COLUMNS.split(','))?;
    for (n, (parts, msgs)) in convs.iter().enumerate() {
        let id = format!("2-{}", STANDARD.encode(format!("{ego:08}_{n:06}")));
        let title =
            if parts.len() > 2 { format!("Group of {}", parts.len()) } else { String::new() };
        for m in msgs {
            let others: Vec<u32> = parts.iter().copied().filter(|&p| p != m.sender).collect();
            let join = |f: fn(u32) -> String| others.iter().map(|&p| f(p)).collect::<Vec<_>>();
            let (to, urls) = (join(person_name).join(","), join(person_url).join(","));
            let (from, url) = (person_name(m.sender), person_url(m.sender));
            let date = utc(m.time, "%Y-%m-%d %H:%M:%S UTC")?;
            let row =
                [&*id, &*title, &*from, &*url, &*to, &*urls, &*date, "", "", "INBOX", "", "No"];
            csv.write_record(row)?;
        }
    }
    csv.flush()
}

/// Invitations.csv: one outgoing invitation without a note, sent at `sent`.
fn invitation(ego: u32, sent: i64) -> io::Result<Vec<u8>> {
    let tz = TimeZone::get("America/Los_Angeles").map_err(io::Error::other)?;
    let (name, url) = INVITEE;
    let (ego_name, ego_url, at) = (person_name(ego), person_url(ego), us_pacific(&tz, sent)?);
    let row = [&*ego_name, name, &*at, "", "OUTGOING", &*ego_url, url];
    csv_bytes(INVITATION_COLUMNS, [row])
}

/// Profile.csv: the ego's name, nothing else.
fn profile(ego: u32) -> io::Result<Vec<u8>> {
    let header = PROFILE.lines().next().unwrap_or_default();
    let columns = header.split(',').count();
    let id = ego.to_string();
    let row =
        ["Person", &*id].into_iter().chain(std::iter::repeat_n("", columns.saturating_sub(2)));
    csv_bytes(header, [row])
}
