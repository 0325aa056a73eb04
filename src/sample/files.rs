//! The export's small files, built in memory: `Connections.csv`, `Invitations.csv`,
//! endorsements, recommendations, `Profile.csv` and `Positions.csv`; and, beside the export,
//! `notes.csv`, what the user logged outside LinkedIn.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::io;

use jiff::tz::TimeZone;
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::moves::Job;
use super::names::{INVITE, KIND, NOTE, PRAISE, SKILL, fill, pick};
use super::time::{DAY, YEAR, span, us_pacific, us_utc, utc};
use super::world::{OWNER, OWNER_URL, Person, Rel, World};

const PREAMBLE: &str = "Notes:\n\"When exporting your connection data, you may notice that some \
    of the email addresses are missing. You will only see email addresses for connections who \
    have allowed their connections to see or download them. Learn more about this here \
    https://www.linkedin.com/help/linkedin/answer/261\"\n\n";
pub(super) const PROFILE: &str = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,\
    Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
    Owen,Owner,,,,\"Head of Partnerships at Examplify | Networks, not lists\",\"I connect \
    founders, investors and operators.\nAsk me about partnerships, hiring, or sourdough.\",\
    Software Development,,San Francisco Bay Area,[owenowner],,\n";
/// The header of Invitations.csv since Nov 2023.
pub(super) const INVITATION_COLUMNS: &str =
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl";
pub(super) const POSITIONS: &str = "Company Name,Title,Description,Location,Started On,\
    Finished On\n\
    Examplify,Head of Partnerships,\"Alliances and channel sales, EMEA and US\",\
    \"San Francisco, California\",Mar 2021,\n\
    \"Globex, Inc.\",Business Development Manager,,\"Berlin, Germany\",Jun 2016,Feb 2021\n\
    Initech,Sales Associate,,\"Austin, Texas\",Sep 2012,May 2016\n";

/// A CSV file: `header` (comma-separated), then `rows`, quoted only where needed.
pub(super) fn csv_bytes<R>(header: &str, rows: impl IntoIterator<Item = R>) -> io::Result<Vec<u8>>
where
    R: IntoIterator<Item: AsRef<[u8]>>,
{
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header.split(','))?;
    for row in rows {
        csv.write_record(row)?;
    }
    csv.into_inner().map_err(|e| e.into_error())
}

/// Connections.csv: preamble, newest first, hidden members, no newline after the last row.
pub(super) fn connections(w: &World) -> io::Result<Vec<u8>> {
    let mut order: Vec<(&Person, &Job)> = w.people.iter().zip(&w.jobs).collect();
    order.sort_by_key(|(p, _)| Reverse(p.day));
    let dates = order.iter().map(|(p, _)| utc(p.day * DAY, "%d %b %-Y"));
    let dates = dates.collect::<io::Result<Vec<_>>>()?;
    let rows = order.into_iter().zip(dates).map(|((p, job), on)| {
        let mut row = vec![String::new(); 6];
        if !p.hidden {
            let url = p.connections_url();
            row = [&p.first, &p.last, &url, &p.email, &job.company, &job.position]
                .map(String::from)
                .into();
        }
        row.push(on);
        row
    });
    connections_file(rows)
}

/// Connections.csv from its rows (`First Name,Last Name,URL,Email Address,Company,Position,
/// Connected On`), as LinkedIn writes it since 2023: the preamble, then the rows, no newline
/// after the last one.
pub(super) fn connections_file<R>(rows: impl IntoIterator<Item = R>) -> io::Result<Vec<u8>>
where
    R: IntoIterator<Item: AsRef<[u8]>>,
{
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
    let mut bytes = [PREAMBLE.as_bytes(), &csv_bytes(header, rows)?].concat();
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    Ok(bytes)
}

/// Invitations.csv: the last two years of connections, plus pending ones with strangers.
pub(super) fn invitations(w: &World, rng: &mut ChaCha8Rng) -> io::Result<Vec<u8>> {
    let tz = TimeZone::get("America/Los_Angeles").map_err(io::Error::other)?;
    let mut rows = Vec::new();
    for p in w.visible.iter().map(|&i| &w.people[i]).filter(|p| w.now - p.day * DAY <= 730 * DAY) {
        let sent = p.day * DAY + span(rng, -10 * DAY, 20 * 3600);
        rows.push(invitation(rng, p, sent));
    }
    for s in w.strangers.iter().take(3 + w.people.len() / 100) {
        let sent = w.now - span(rng, 3600, 60 * DAY);
        rows.push(invitation(rng, s, sent));
    }
    rows.sort_by_key(|r| Reverse(r.0));
    let rows = rows.into_iter().map(|(sent, [from, to, note, dir, by, of])| {
        Ok([from, to, us_pacific(&tz, sent)?, note, dir, by, of])
    });
    csv_bytes(INVITATION_COLUMNS, rows.collect::<io::Result<Vec<_>>>()?)
}

fn invitation(rng: &mut ChaCha8Rng, p: &Person, sent: i64) -> (i64, [String; 6]) {
    let outgoing = rng.random_bool(0.45);
    let greet = if outgoing { p.greeting_name() } else { "Owen" };
    let note = if rng.random_bool(0.3) { fill(rng, INVITE, greet, "") } else { String::new() };
    let (me, them) = ((OWNER.to_string(), OWNER_URL.to_string()), (p.name.clone(), p.url()));
    let (a, b, dir) = if outgoing { (me, them, "OUTGOING") } else { (them, me, "INCOMING") };
    (sent, [a.0, b.0, note, dir.to_string(), a.1, b.1])
}

/// Endorsement_Received_Info.csv or, `given`, Endorsement_Given_Info.csv: mostly strong ties.
pub(super) fn endorsements(w: &World, rng: &mut ChaCha8Rng, given: bool) -> io::Result<Vec<u8>> {
    let mut rows = Vec::new();
    for p in w.visible.iter().map(|&i| &w.people[i]) {
        let chance = match p.rel {
            Rel::Close => 0.8,
            Rel::Active => 0.6,
            Rel::Dormant => 0.5,
            _ => 0.03,
        };
        let n = if rng.random_bool(chance / if given { 2.0 } else { 1.0 }) {
            span(rng, 1, 4)
        } else {
            0
        };
        for _ in 0..n {
            let at = span(rng, (p.day * DAY).max(w.now - 8 * YEAR), w.now);
            let url = if rng.random_bool(0.92) {
                format!("www.linkedin.com/in/{}", p.slug)
            } else {
                String::new()
            };
            let status = if rng.random_bool(0.88) { "ACCEPTED" } else { "PENDING" };
            let (first, last) = (p.first.trim().into(), p.last.trim().into());
            rows.push([
                utc(at, "%Y/%m/%d %H:%M:%S UTC")?,
                pick(rng, SKILL).into(),
                first,
                last,
                url,
                status.into(),
            ]);
        }
    }
    rows.sort_by(|a, b| b[0].cmp(&a[0]));
    let role = if given { "Endorsee" } else { "Endorser" };
    let names = format!("{role} First Name,{role} Last Name,{role} Public Url");
    csv_bytes(&format!("Endorsement Date,Skill Name,{names},Endorsement Status"), rows)
}

/// Recommendations_Received.csv or, `given`, Recommendations_Given.csv: close or active ties.
pub(super) fn recommendations(w: &World, rng: &mut ChaCha8Rng, given: bool) -> io::Result<Vec<u8>> {
    let pool: Vec<&Person> =
        w.strong.iter().map(|&i| &w.people[i]).filter(|p| p.rel != Rel::Dormant).collect();
    let mut rows = Vec::new();
    for p in pool.choose_multiple(rng, if given { 2 } else { 4 }) {
        let text = fill(rng, PRAISE, if given { p.greeting_name() } else { "Owen" }, p.company);
        let at = us_utc(span(rng, (p.day * DAY).max(w.now - 6 * YEAR), w.now))?;
        let status = if rng.random_bool(0.8) { "VISIBLE" } else { "" };
        rows.push(
            [p.first.trim(), p.last.trim(), p.company, p.position, &text, &at, status]
                .map(String::from),
        );
    }
    csv_bytes("First Name,Last Name,Company,Job Title,Text,Creation Date,Status", rows)
}

// notes.csv: what the user logged outside LinkedIn

/// Connections a note may name by their full name: unique, without surrounding spaces.
fn nameable(w: &World) -> Vec<&Person> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for p in &w.people {
        *count.entry(p.full_name()).or_default() += 1;
    }
    let unique = |p: &Person| count.get(&p.full_name()) == Some(&1);
    w.people
        .iter()
        .filter(|p| !p.hidden && unique(p) && p.full_name().trim() == p.full_name())
        .collect()
}

/// notes.csv: dated notes on strong ties, a few on weak ones, named as a user would.
pub(super) fn notes(w: &World, rng: &mut ChaCha8Rng) -> io::Result<Vec<u8>> {
    let eligible = nameable(w);
    let of = |rels: &[Rel]| -> Vec<&Person> {
        eligible.iter().copied().filter(|p| rels.contains(&p.rel)).collect()
    };
    let strong = of(&[Rel::Close, Rel::Active, Rel::Dormant]);
    let mut rows = Vec::new();
    for p in of(&[Rel::None]).choose_multiple(rng, 2) {
        rows.push(note_row(
            rng,
            p,
            w.now,
            ["other", "mutual", "keep"],
            "Old friend from school, we talk offline",
        )?);
    }
    if let Some(p) = of(&[Rel::Pitch]).choose(rng) {
        rows.push(note_row(
            rng,
            p,
            w.now,
            ["message", "received", "prune"],
            "Only ever pitched me",
        )?);
    }
    let weak = of(&[Rel::Outreach, Rel::Welcome]);
    while rows.len() < (w.people.len() / 50).max(8) {
        let weak_turn = !weak.is_empty() && (strong.is_empty() || rng.random_bool(0.15));
        let Some(&p) = (if weak_turn { &weak } else { &strong }).choose(rng) else { break };
        let (kind, dir, note) =
            (pick(rng, KIND), pick(rng, "given|received|mutual"), pick(rng, NOTE));
        let tags = match p.rel {
            Rel::Close => pick(rng, "mentor|family|mentor;keep|"),
            Rel::Active => pick(rng, "client|client;mentor|"),
            _ => "",
        };
        let mut row = note_row(rng, p, w.now, [kind, dir, tags], note)?;
        if let ("intro", Some(&other)) = (kind, strong.choose(rng))
            && other.slug != p.slug
        {
            let with = person_ref(rng, other);
            row[5] = format!("Introduced them, both building marketplaces, with:{with}");
        }
        rows.push(row);
    }
    rows.sort();
    csv_bytes("date,person,kind,direction,tags,note", rows)
}

/// A note on `p`, dated while the relationship lasted (any time since connecting for `None`).
fn note_row(
    rng: &mut ChaCha8Rng,
    p: &Person,
    now: i64,
    [kind, dir, tags]: [&str; 3],
    note: &str,
) -> io::Result<[String; 6]> {
    let (from, to) = if p.rel == Rel::None { (p.day * DAY, now - 1) } else { (p.from, p.to) };
    let date = utc(span(rng, from, to + 1).min(now - 1), "%Y-%m-%d")?;
    Ok([date, person_ref(rng, p), kind.into(), dir.into(), tags.into(), note.into()])
}

/// A Connections URL (percent-encoded or raw) or the full name, as a user would write it.
fn person_ref(rng: &mut ChaCha8Rng, p: &Person) -> String {
    match rng.random_range(0..10) {
        0..4 => p.connections_url(),
        4..7 => p.url(),
        _ => p.full_name(),
    }
}
