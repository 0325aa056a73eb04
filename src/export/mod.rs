//! Stage 1, the export: finds the files of a LinkedIn data export in a zip (read in place) or
//! a folder (at any depth) and reads each into typed records, with a report per file and a
//! diagnostic for every row skipped or repaired.

pub mod connections;
pub mod dates;
pub mod endorsements;
pub mod invitations;
pub mod messages;
pub mod profile;
pub mod recommendations;
pub mod source;
pub mod stream;
pub mod table;
pub mod unit;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

pub use connections::Connection;
pub use endorsements::Endorsement;
pub use invitations::Invitation;
pub use messages::{Direction, Message, MessageClass, Messages, Sym};
pub use profile::Profile;
pub use recommendations::Recommendation;
pub use source::{Limits, SourceKind};
pub use unit::Unit;

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use source::{Entry, Source};
use table::Table;

/// The names each file goes by, most usual first (matched ignoring case, at any depth).
pub mod names {
    /// Connections.csv.
    pub const CONNECTIONS: &[&str] = &["Connections.csv"];
    /// messages.csv (Messages.csv in 2018).
    pub const MESSAGES: &[&str] = &["messages.csv"];
    /// Invitations.csv.
    pub const INVITATIONS: &[&str] = &["Invitations.csv"];
    /// Endorsements received (the spaced name is the 2022 UTF-16 variant).
    pub const ENDORSEMENTS_RECEIVED: &[&str] =
        &["Endorsement_Received_Info.csv", "Endorsement Received Info.csv"];
    /// Endorsements given.
    pub const ENDORSEMENTS_GIVEN: &[&str] =
        &["Endorsement_Given_Info.csv", "Endorsement Given Info.csv"];
    /// Recommendations received.
    pub const RECOMMENDATIONS_RECEIVED: &[&str] = &["Recommendations_Received.csv"];
    /// Recommendations given.
    pub const RECOMMENDATIONS_GIVEN: &[&str] = &["Recommendations_Given.csv"];
    /// Profile.csv.
    pub const PROFILE: &[&str] = &["Profile.csv"];
}

/// messages.csv read while inflated is parsed in runs of this many bytes.
const STREAM_STEP: usize = 16 << 20;

/// Message files that hold chats with LinkedIn's AI coach, never person-to-person messages.
pub const COACH_FILES: [&str; 4] = [
    "coach_messages.csv",
    "guide_messages.csv",
    "learning_coach_messages.csv",
    "learning_role_play_messages.csv",
];

/// What was read from one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// Its path inside the export.
    pub name: String,
    /// The era or variant recognised from its header.
    pub variant: String,
    /// Data rows seen (blank lines not counted).
    pub rows: u64,
    /// Rows kept as records; every other row seen is reported, with its line, as skipped.
    pub kept: u64,
    /// Physical lines after the header.
    pub lines: u64,
    /// Of those, the lines with nothing on them (white space, or cells all empty): every other
    /// line is part of a row seen.
    pub blank_lines: u64,
    /// How the file was read: preamble, encoding, separator, line ends.
    pub notes: Vec<String>,
    /// Other copies of the same file that were not used.
    pub ignored_copies: Vec<String>,
}

impl FileReport {
    /// A report for a table, with what was `seen` of it and `kept` records.
    pub fn new(table: &Table, seen: table::Seen, kept: u64, variant: String) -> FileReport {
        debug_assert!(seen.row_lines <= seen.lines && kept <= seen.rows, "{seen:?}, {kept} kept");
        let mut notes = Vec::new();
        if table.preamble_lines > 0 {
            notes.push(format!("header on line {}", table.preamble_lines + 1));
        }
        notes.extend(table.notes.iter().cloned());
        FileReport {
            name: table.file.clone(),
            variant,
            rows: seen.rows,
            kept,
            lines: seen.lines,
            blank_lines: seen.lines.saturating_sub(seen.row_lines),
            notes,
            ignored_copies: vec![],
        }
    }
}

/// A file of the export that netsift saw and deliberately did not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// Its path inside the export.
    pub name: String,
    /// Why it was not read.
    pub why: String,
}

/// Everything read from one export.
#[derive(Debug)]
pub struct Export {
    /// The path given.
    pub path: PathBuf,
    /// Zip or folder.
    pub kind: SourceKind,
    /// The date in the archive's or folder's name (`…_MM-DD-YYYY`), when there is one.
    pub export_date: Option<Date>,
    /// One report per file read.
    pub files: Vec<FileReport>,
    /// Files seen and deliberately not read.
    pub ignored: Vec<Ignored>,
    /// Connections.csv, one record per row.
    pub connections: Vec<Connection>,
    /// messages.csv.
    pub messages: Messages,
    /// Invitations.csv.
    pub invitations: Vec<Invitation>,
    /// Endorsements received.
    pub endorsements_received: Vec<Endorsement>,
    /// Endorsements given.
    pub endorsements_given: Vec<Endorsement>,
    /// Recommendations received.
    pub recommendations_received: Vec<Recommendation>,
    /// Recommendations given.
    pub recommendations_given: Vec<Recommendation>,
    /// Profile.csv.
    pub profile: Option<Profile>,
    /// Every skipped or repaired row.
    pub diagnostics: Diagnostics,
    /// Which export under the path given this is: its zip or folder (see [`unit`]).
    pub unit: Unit,
    /// The other exports found under the path given, not read.
    pub others: Vec<Unit>,
}

impl Export {
    /// The name, inside the export, of the file read for one of [`names`]; the usual name when
    /// no such file was read.
    pub fn file_name<'a>(&'a self, names: &[&'a str]) -> &'a str {
        let read = self.files.iter().find(|f| {
            let base = f.name.rsplit('/').next().unwrap_or(&f.name);
            names.iter().any(|n| base.eq_ignore_ascii_case(n))
        });
        read.map_or(names[0], |f| f.name.as_str())
    }
}

/// Reads the export at `path`, a zip or a folder.
pub fn read(path: &Path) -> Result<Export> {
    read_limited(path, Limits::default())
}

/// Reads the export at `path`, refusing any file larger than `limits` allow. A path holding
/// several exports is read as the first of them ([`unit`]); the others are listed, never read.
pub fn read_limited(path: &Path, limits: Limits) -> Result<Export> {
    let found = unit::Found::search(path, limits)?;
    let unreadable = found.unreadable.clone();
    let (mut source, unit, others) = found.take();
    let mut export = read_from(&mut source, &unit, path)?;
    for (zip, why) in unreadable {
        export.diagnostics.skip(&zip, 0, "unreadable zip", format!("not read: {why}"));
    }
    export.others = others;
    Ok(export)
}

/// Reads one of the exports that [`read_limited`] found and did not read.
pub fn read_unit(unit: &Unit, limits: Limits) -> Result<Export> {
    read_from(&mut Source::open(&unit.path, limits)?, unit, &unit.path)
}

/// Reads the export `unit` of `source`: only the files in its folder.
fn read_from(source: &mut Source, unit: &Unit, path: &Path) -> Result<Export> {
    use names::*;
    let mut diags = Diagnostics::default();
    let archive = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    for name in source.unsafe_names() {
        let msg = format!(
            "entry {name:?} has a path leading outside the archive (`..` or absolute); it is not read"
        );
        diags.skip(&archive, 0, "unsafe zip entry", msg);
    }
    // Folders of other exports: their files are theirs, never named as copies of these.
    let homes = source.find(CONNECTIONS[0]).into_iter().map(|e| folder(&e.name).to_string());
    let others: Vec<String> = homes.filter(|h| *h != unit.home).collect();
    let mut r = Reader { source, files: vec![], diags, home: &unit.home, others };
    let columns = ["First Name", "Last Name", "Connected On"];
    let Some(connections) = r.load(CONNECTIONS, &columns, true, connections::read)? else {
        return Err(Error::NoConnections { path: path.to_path_buf(), searched: 0 });
    };
    let messages = r.load_messages()?;
    let columns = ["From", "To", "Sent At", "Direction"];
    let invitations = r.load(INVITATIONS, &columns, false, invitations::read)?;
    let columns = ["Endorsement Date", "Endorser First Name", "Endorser Last Name"];
    let endorsements_received = r.load(ENDORSEMENTS_RECEIVED, &columns, false, |t, d| {
        endorsements::read(t, "Endorser", d)
    })?;
    let columns = ["Endorsement Date", "Endorsee First Name", "Endorsee Last Name"];
    let endorsements_given =
        r.load(ENDORSEMENTS_GIVEN, &columns, false, |t, d| endorsements::read(t, "Endorsee", d))?;
    let columns = ["First Name", "Last Name"];
    let recommendations_received =
        r.load(RECOMMENDATIONS_RECEIVED, &columns, false, recommendations::read)?;
    let recommendations_given =
        r.load(RECOMMENDATIONS_GIVEN, &columns, false, recommendations::read)?;
    let profile = r.load(PROFILE, &columns, false, profile::read)?.flatten();
    let (files, diagnostics) = (r.files, r.diags);
    Ok(Export {
        path: path.to_path_buf(),
        kind: source.kind(),
        export_date: unit.date,
        files,
        ignored: ignored(source, &unit.home),
        connections,
        messages: messages.unwrap_or_default(),
        invitations: invitations.unwrap_or_default(),
        endorsements_received: endorsements_received.unwrap_or_default(),
        endorsements_given: endorsements_given.unwrap_or_default(),
        recommendations_received: recommendations_received.unwrap_or_default(),
        recommendations_given: recommendations_given.unwrap_or_default(),
        profile,
        diagnostics,
        unit: unit.clone(),
        others: vec![],
    })
}

struct Reader<'s> {
    source: &'s mut Source,
    files: Vec<FileReport>,
    diags: Diagnostics,
    /// The export's folder (inside the source): its files are the only ones read.
    home: &'s str,
    /// The folders of the other exports in the source.
    others: Vec<String>,
}

impl Reader<'_> {
    /// Finds the first of `names` present and reads it with `read`; `None` when absent. A
    /// file lacking required columns is fatal when `required_file`, else reported and skipped.
    fn load<T>(
        &mut self,
        names: &[&str],
        columns: &[&str],
        required_file: bool,
        read: impl FnOnce(&Table, &mut Diagnostics) -> Result<(T, FileReport)>,
    ) -> Result<Option<T>> {
        let Some(entry) = self.pick(names)? else { return Ok(None) };
        let bytes = self.source.read(&entry)?;
        let Some(table) = self.table(&entry, bytes, columns, required_file)? else {
            return Ok(None);
        };
        let (value, report) = read(&table, &mut self.diags)?;
        self.done(names, report);
        Ok(Some(value))
    }

    /// messages.csv, the one large file: from a zip, parsed while it is inflated
    /// ([`messages::stream`]); else as [`Reader::load`] reads any file.
    fn load_messages(&mut self) -> Result<Option<Messages>> {
        let (names, columns) = (names::MESSAGES, &messages::REQUIRED);
        let streamed = match self.pick(names)? {
            Some(entry) if entry.size >= table::CHUNKED_FROM as u64 => self
                .source
                .inflate_while(&entry, |feed| messages::stream(&entry.name, feed, STREAM_STEP))?
                .map(|(bytes, streamed)| (entry, bytes, streamed)),
            _ => None,
        };
        let Some((entry, bytes, streamed)) = streamed else {
            return self.load(names, columns, false, messages::read);
        };
        let (messages, report) = match streamed {
            Some(streamed) => messages::finish_stream(streamed, bytes, &mut self.diags),
            None => {
                let Some(table) = self.table(&entry, bytes.into(), columns, false)? else {
                    return Ok(None);
                };
                messages::read(&table, &mut self.diags)?
            }
        };
        self.done(names, report);
        Ok(Some(messages))
    }

    /// Records what was read from one of `names`.
    fn done(&mut self, names: &[&str], mut report: FileReport) {
        report.ignored_copies = self.copies(names, &report.name);
        self.files.push(report);
    }

    fn table(
        &mut self,
        entry: &Entry,
        bytes: source::Bytes,
        columns: &[&str],
        fatal: bool,
    ) -> Result<Option<Table>> {
        match Table::parse(&entry.name, bytes, columns, &mut self.diags) {
            Ok(table) => Ok(Some(table)),
            Err(e) if !fatal => {
                self.diags.skip(&entry.name, 0, "unusable file", format!("not read: {e}"));
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The file to read for one of `names`: the first name present in the export's folder
    /// (in [`Source::find`]'s order when its spelling occurs more than once).
    fn pick(&mut self, names: &[&str]) -> Result<Option<Entry>> {
        let home = self.home;
        let found =
            names.iter().flat_map(|n| self.source.find(n)).find(|e| folder(&e.name) == home);
        Ok(found.cloned())
    }

    /// The other files named like `used`: other spellings beside it, and stray copies in
    /// folders that hold no export of their own (another export's files are that export's,
    /// reported as a whole by [`read_limited`]).
    fn copies(&self, names: &[&str], used: &str) -> Vec<String> {
        names
            .iter()
            .flat_map(|n| self.source.find(n))
            .filter(|e| e.name != used)
            .filter(|e| !self.others.iter().any(|o| o == folder(&e.name)))
            .map(|e| e.name.clone())
            .collect()
    }
}

/// The folder part of a `/`-separated name inside the export.
fn folder(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(d, _)| d)
}

fn ignored(source: &Source, home: &str) -> Vec<Ignored> {
    source
        .entries()
        .iter()
        .filter(|e| folder(&e.name) == home)
        .filter(|e| COACH_FILES.iter().any(|c| e.file_name().eq_ignore_ascii_case(c)))
        .map(|e| Ignored {
            name: e.name.clone(),
            why: "chats with LinkedIn's AI coach, not people".into(),
        })
        .collect()
}

/// The date in a `…LinkedInDataExport_MM-DD-YYYY…` name anywhere in the path.
fn export_date(path: &Path) -> Option<Date> {
    path.components().rev().find_map(|c| {
        let name = c.as_os_str().to_string_lossy();
        let at = name.find("DataExport_")? + "DataExport_".len();
        let d = name.get(at..at + 10)?;
        let (m, rest) = d.split_once('-')?;
        let (day, y) = rest.split_once('-')?;
        Date::new(y.parse().ok()?, m.parse().ok()?, day.parse().ok()?).ok()
    })
}
