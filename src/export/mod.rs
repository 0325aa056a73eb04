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
    /// Rows kept as records.
    pub kept: u64,
    /// How the file was read: preamble, encoding, separator, line ends.
    pub notes: Vec<String>,
    /// Other copies of the same file that were not used.
    pub ignored_copies: Vec<String>,
}

impl FileReport {
    /// A report for a table, with `rows` seen and `kept` records.
    pub fn new(table: &Table, rows: u64, kept: u64, variant: String) -> FileReport {
        let mut notes = Vec::new();
        if table.preamble_lines > 0 {
            notes.push(format!("header on line {}", table.preamble_lines + 1));
        }
        notes.extend(table.notes.iter().cloned());
        FileReport { name: table.file.clone(), variant, rows, kept, notes, ignored_copies: vec![] }
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

/// Reads the export at `path`, refusing any file larger than `limits` allow.
pub fn read_limited(path: &Path, limits: Limits) -> Result<Export> {
    use names::*;
    let mut source = Source::open(path, limits)?;
    let mut diags = Diagnostics::default();
    let archive = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    for name in source.unsafe_names() {
        let msg = format!(
            "entry {name:?} has a path leading outside the archive (`..` or absolute); it is not read"
        );
        diags.skip(&archive, 0, "unsafe zip entry", msg);
    }
    let mut r = Reader { source: &mut source, files: vec![], diags, home: None };
    let columns = ["First Name", "Last Name", "Connected On"];
    let Some(connections) = r.load(CONNECTIONS, &columns, true, connections::read)? else {
        let searched = r.source.entries().len();
        if let [first, ..] = r.source.unsafe_names() {
            let n = r.source.unsafe_names().len();
            let message = format!(
                "no Connections.csv found; {n} {} refused for a path leading outside the archive ({first:?}); is this a LinkedIn data export?",
                if n == 1 { "entry was" } else { "entries were" }
            );
            return Err(Error::Input { file: archive, message });
        }
        return Err(Error::NoConnections { path: path.to_path_buf(), searched });
    };
    // Every other file comes from the folder of the Connections.csv used, where it has one.
    let home = folder(&r.files[0].name).to_string();
    r.home = Some(home.clone());
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
    let ignored = ignored(&source);
    Ok(Export {
        path: path.to_path_buf(),
        kind: source.kind(),
        export_date: export_date(Path::new(&home)).or_else(|| export_date(path)),
        files,
        ignored,
        connections,
        messages: messages.unwrap_or_default(),
        invitations: invitations.unwrap_or_default(),
        endorsements_received: endorsements_received.unwrap_or_default(),
        endorsements_given: endorsements_given.unwrap_or_default(),
        recommendations_received: recommendations_received.unwrap_or_default(),
        recommendations_given: recommendations_given.unwrap_or_default(),
        profile,
        diagnostics,
    })
}

struct Reader<'s> {
    source: &'s mut Source,
    files: Vec<FileReport>,
    diags: Diagnostics,
    /// The folder (inside the export) of the Connections.csv used.
    home: Option<String>,
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

    /// The copy to read among every file named like the first name present: the one in the
    /// home folder; else, newest export first (the date in its folder's name), a pristine
    /// copy (no BOM, no CRLF: not re-saved by a spreadsheet) before an edited one, an empty
    /// file last, then by [`Source::find`]'s order.
    fn pick(&mut self, names: &[&str]) -> Result<Option<Entry>> {
        for name in names {
            let mut found: Vec<Entry> = self.source.find(name).into_iter().cloned().collect();
            if let Some(home) = &self.home
                && let Some(e) = found.iter().find(|e| folder(&e.name) == home)
            {
                return Ok(Some(e.clone()));
            }
            if found.len() <= 1 {
                match found.pop() {
                    Some(e) => return Ok(Some(e)),
                    None => continue,
                }
            }
            found.sort_by_key(|e| std::cmp::Reverse(export_date(Path::new(&e.name))));
            let mut fallback = None;
            for entry in &found {
                let bytes = self.source.read(entry)?;
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let head = &bytes[..bytes.len().min(1 << 16)];
                let edited =
                    head.starts_with(b"\xEF\xBB\xBF") || head.windows(2).any(|w| w == b"\r\n");
                if !edited {
                    return Ok(Some(entry.clone()));
                }
                fallback.get_or_insert_with(|| entry.clone());
            }
            return Ok(fallback.or_else(|| found.first().cloned()));
        }
        Ok(None)
    }

    fn copies(&self, names: &[&str], used: &str) -> Vec<String> {
        names
            .iter()
            .flat_map(|n| self.source.find(n))
            .filter(|e| e.name != used)
            .map(|e| e.name.clone())
            .collect()
    }
}

/// The folder part of a `/`-separated name inside the export.
fn folder(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(d, _)| d)
}

fn ignored(source: &Source) -> Vec<Ignored> {
    source
        .entries()
        .iter()
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
