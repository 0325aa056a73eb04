//! The user's interaction notes (`date,person,kind,direction,tags,note`): what the export cannot
//! know — calls, meetings, referrals, introductions. Every row resolves to a person of the
//! export or is reported as `notes.csv:LINE: reason`.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::export::table::{Row, Table};
use crate::people::near::did_you_mean;
use crate::people::{People, PersonId, Resolved};

/// What kind of interaction a note records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A phone or video call.
    Call,
    /// A meeting in person.
    Meeting,
    /// A message outside LinkedIn.
    Message,
    /// An e-mail.
    Email,
    /// Met at an event.
    Event,
    /// A referral.
    Referral,
    /// An introduction (the note may name the second person as `with:<url or name>`).
    Intro,
    /// Help given or received.
    Help,
    /// Anything else.
    Other,
}

const KINDS: [(&str, Kind); 9] = [
    ("call", Kind::Call),
    ("meeting", Kind::Meeting),
    ("message", Kind::Message),
    ("email", Kind::Email),
    ("event", Kind::Event),
    ("referral", Kind::Referral),
    ("intro", Kind::Intro),
    ("help", Kind::Help),
    ("other", Kind::Other),
];

/// Who did it for whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteDirection {
    /// The owner did it for or to them.
    Given,
    /// They did it for or to the owner.
    Received,
    /// Both.
    Mutual,
}

/// One resolved notes row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The line where the row starts.
    pub line: u64,
    /// The day.
    pub date: Date,
    /// The person it concerns.
    pub person: PersonId,
    /// What happened.
    pub kind: Kind,
    /// Who did it for whom.
    pub direction: NoteDirection,
    /// Lower-case tags (`keep`, `prune`, `mentor`, …).
    pub tags: Vec<String>,
    /// The free text.
    pub note: String,
    /// For an `intro`: the second person, from `with:<url or name>`.
    pub with: Option<PersonId>,
}

/// The notes file, read and resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notes {
    /// The file as given.
    pub file: String,
    /// Data rows seen.
    pub rows: u64,
    /// The rows that resolved and had happened by the as-of day.
    pub notes: Vec<Note>,
    /// Rows that resolved but are dated after the as-of day: left out.
    pub later: u64,
    /// Rows that repeat an earlier row (same day, person, kind, direction and text): counted
    /// once, the repeats reported.
    pub duplicates: u64,
}

impl Notes {
    /// Rows that did not resolve (reported in the diagnostics).
    pub fn unresolved(&self) -> u64 {
        self.rows - self.notes.len() as u64 - self.later - self.duplicates
    }
}

/// Reads and resolves the notes file at `path` against `people`.
pub fn read(path: &Path, people: &People, diags: &mut Diagnostics) -> Result<Notes> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let table = Table::parse(&file, bytes, &["date", "person", "kind", "direction"], diags)?;
    let columns = Columns::of(&table);
    let mut notes = Vec::new();
    let rows = table.rows(diags, |row, diags| match note_of(&row, &columns, people) {
        Ok(mut note) => {
            note.with = with_of(&note, people, row.file(), diags);
            notes.push(note);
        }
        Err(problems) => {
            let reason = problems.first().map_or("invalid row", |p| p.0);
            let msg: Vec<String> = problems.into_iter().map(|p| p.1).collect();
            diags.skip(row.file(), row.line, reason, msg.join("; "));
        }
    });
    let duplicates = drop_repeats(&mut notes, diags, &file);
    Ok(Notes { file, rows: rows.rows, notes, later: 0, duplicates })
}

/// What keeps a row out: a reason, and the message that explains it.
type Problem = (&'static str, String);

/// The columns of the notes file, by name.
struct Columns {
    date: Option<usize>,
    person: Option<usize>,
    kind: Option<usize>,
    direction: Option<usize>,
    tags: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    /// The columns of `table`.
    fn of(table: &Table) -> Columns {
        let c = |n: &str| table.col(n);
        Columns {
            date: c("date"),
            person: c("person"),
            kind: c("kind"),
            direction: c("direction"),
            tags: c("tags"),
            note: c("note"),
        }
    }
}

/// A row as a note (its `with:` person not yet looked up), or every problem that keeps it out.
fn note_of(row: &Row<'_>, c: &Columns, people: &People) -> Result<Note, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = noted(date_of(row.get(c.date)), &mut problems);
    let kind = noted(kind_of(row.get(c.kind)), &mut problems);
    let direction = noted(direction_of(row.get(c.direction)), &mut problems);
    let person = noted(find(people, row.get(c.person)), &mut problems);
    let (Some(date), Some(kind), Some(direction), Some(person)) = (date, kind, direction, person)
    else {
        return Err(problems);
    };
    let tags =
        row.get(c.tags).split(';').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty());
    let note = row.get(c.note).to_string();
    Ok(Note {
        line: row.line,
        date,
        person,
        kind,
        direction,
        tags: tags.collect(),
        note,
        with: None,
    })
}

/// The value of a field read, or `None` with its problem noted.
fn noted<T>(read: Result<T, Problem>, problems: &mut Vec<Problem>) -> Option<T> {
    read.map_err(|p| problems.push(p)).ok()
}

/// The day of a `date` field.
fn date_of(text: &str) -> Result<Date, Problem> {
    parse_day(text).map_err(|why| ("bad date", format!("bad date {text:?} ({why})")))
}

/// The kind of a `kind` field, in any case.
fn kind_of(text: &str) -> Result<Kind, Problem> {
    let lower = text.to_ascii_lowercase();
    KINDS.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k).ok_or_else(|| {
        let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
        let msg = format!("unknown kind {text:?} (expected one of {})", names.join(", "));
        ("unknown kind", msg)
    })
}

/// The direction of a `direction` field, in any case.
fn direction_of(text: &str) -> Result<NoteDirection, Problem> {
    match text.to_ascii_lowercase().as_str() {
        "given" => Ok(NoteDirection::Given),
        "received" => Ok(NoteDirection::Received),
        "mutual" => Ok(NoteDirection::Mutual),
        other => {
            let msg = format!("unknown direction {other:?} (expected given, received or mutual)");
            Err(("unknown direction", msg))
        }
    }
}

/// The second person of an intro, from `with:` in its text; one not found is reported, and
/// the note kept without them.
fn with_of(note: &Note, people: &People, file: &str, diags: &mut Diagnostics) -> Option<PersonId> {
    let with = (note.kind == Kind::Intro).then(|| with_person(&note.note)).flatten()?;
    match find(people, with) {
        Ok(id) => Some(id),
        Err((_, why)) => {
            let msg = format!("with: {why}; the note is kept without its second person");
            diags.repair(file, note.line, "unknown with:", msg);
            None
        }
    }
}

/// Leaves out every note that repeats an earlier one (a row pasted twice would count one
/// coffee as two) and reports it with the line it repeats; returns how many.
fn drop_repeats(notes: &mut Vec<Note>, diags: &mut Diagnostics, file: &str) -> u64 {
    let mut first: std::collections::HashMap<_, u64> = std::collections::HashMap::new();
    let before = notes.len();
    notes.retain(|n| {
        let key = (n.date, n.person, n.kind, n.direction, n.note.clone());
        match first.get(&key) {
            Some(&line) => {
                let msg = format!("the same note as line {line} (day, person, kind, direction and text): counted once");
                diags.skip(file, n.line, "duplicate note", msg);
                false
            }
            None => {
                first.insert(key, n.line);
                true
            }
        }
    });
    (before - notes.len()) as u64
}

/// Resolves a person field: a profile URL (any form) or a full name as in Connections.
fn find(people: &People, who: &str) -> Result<PersonId, Problem> {
    if who.is_empty() {
        return Err(("unknown person", "person is empty".into()));
    }
    let looks_like_url = who.contains("linkedin.com/") || who.starts_with("urn:li:");
    let found = if looks_like_url {
        people.lookup(Some(who), None)
    } else {
        people.lookup(None, Some(who))
    };
    match found {
        Resolved::Person(id) => Ok(id),
        Resolved::Owner => Err(("owner", format!("{who:?} is the owner of this export"))),
        Resolved::Ambiguous(ids) => Err((
            "ambiguous name",
            format!(
                "ambiguous name {who:?}: {} connections have it; use the profile URL",
                ids.len()
            ),
        )),
        Resolved::Nobody => {
            let hint = if looks_like_url { None } else { did_you_mean(&people.suggest(who)) };
            let hint = hint.map_or_else(String::new, |h| format!("; {h}"));
            let why = format!("unknown person {who:?}: no connection has that name or profile URL");
            Err(("unknown person", format!("{why}{hint}")))
        }
    }
}

/// `with:<url or name>` in an intro's note, up to the end or a `;`.
fn with_person(note: &str) -> Option<&str> {
    let at = note.find("with:")? + "with:".len();
    let rest = note[at..].split(';').next()?.trim();
    (!rest.is_empty()).then_some(rest)
}

fn parse_day(s: &str) -> Result<Date, &'static str> {
    let b = s.as_bytes();
    let digits = [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b.get(i).is_some_and(u8::is_ascii_digit));
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits {
        return Err("expected YYYY-MM-DD");
    }
    s.parse().map_err(|_| "no such date")
}
