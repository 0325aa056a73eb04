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
pub use source::SourceKind;

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use source::{Entry, Source};
use table::Table;

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

/// Reads the export at `path`, a zip or a folder.
pub fn read(path: &Path) -> Result<Export> {
    read_limited(path, source::MAX_ENTRY_BYTES)
}

/// Reads the export at `path`, refusing any file that inflates past `max_file_bytes`.
pub fn read_limited(path: &Path, max_file_bytes: u64) -> Result<Export> {
    let mut source = Source::open(path, max_file_bytes)?;
    let mut r = Reader { source: &mut source, files: vec![], diags: Diagnostics::default() };
    let columns = ["First Name", "Last Name", "Connected On"];
    let Some(connections) = r.load(&["Connections.csv"], &columns, true, connections::read)? else {
        let searched = r.source.entries().len();
        return Err(Error::NoConnections { path: path.to_path_buf(), searched });
    };
    let messages = r.load(&["messages.csv"], &["FROM", "DATE"], true, messages::read)?;
    let invitations = r.load(
        &["Invitations.csv"],
        &["From", "To", "Sent At", "Direction"],
        false,
        invitations::read,
    )?;
    let received = ["Endorsement Date", "Endorser First Name", "Endorser Last Name"];
    let endorsements_received = r.load(
        &["Endorsement_Received_Info.csv", "Endorsement Received Info.csv"],
        &received,
        false,
        |t, d| endorsements::read(t, "Endorser", d),
    )?;
    let given = ["Endorsement Date", "Endorsee First Name", "Endorsee Last Name"];
    let endorsements_given = r.load(
        &["Endorsement_Given_Info.csv", "Endorsement Given Info.csv"],
        &given,
        false,
        |t, d| endorsements::read(t, "Endorsee", d),
    )?;
    let names = ["First Name", "Last Name"];
    let recommendations_received =
        r.load(&["Recommendations_Received.csv"], &names, false, recommendations::read)?;
    let recommendations_given =
        r.load(&["Recommendations_Given.csv"], &names, false, recommendations::read)?;
    let profile = r.load(&["Profile.csv"], &names, false, profile::read)?.flatten();
    let (files, diagnostics) = (r.files, r.diags);
    let ignored = ignored(&source);
    Ok(Export {
        path: path.to_path_buf(),
        kind: source.kind(),
        export_date: export_date(path),
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
        let Some(table) = self.table(names, columns, required_file)? else { return Ok(None) };
        let (value, mut report) = read(&table, &mut self.diags)?;
        report.ignored_copies = self.copies(names, &table.file);
        self.files.push(report);
        Ok(Some(value))
    }

    fn table(&mut self, names: &[&str], columns: &[&str], fatal: bool) -> Result<Option<Table>> {
        let Some(entry) = self.pick(names)? else { return Ok(None) };
        let bytes = self.source.read(&entry)?;
        match Table::parse(&entry.name, bytes, columns, &mut self.diags) {
            Ok(table) => Ok(Some(table)),
            Err(e) if !fatal => {
                self.diags.skip(&entry.name, 0, "unusable file", format!("not read: {e}"));
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The copy to read among every file named like the first name present: a pristine one
    /// (no BOM, no CRLF: not re-saved by a spreadsheet) before others, then by [`Source::find`]'s
    /// order.
    fn pick(&mut self, names: &[&str]) -> Result<Option<Entry>> {
        for name in names {
            let found: Vec<Entry> = self.source.find(name).into_iter().cloned().collect();
            if found.len() <= 1 {
                if let Some(e) = found.into_iter().next() {
                    return Ok(Some(e));
                }
                continue;
            }
            for entry in &found {
                let bytes = self.source.read(entry)?;
                let head = &bytes[..bytes.len().min(1 << 16)];
                let pristine =
                    !head.starts_with(b"\xEF\xBB\xBF") && !head.windows(2).any(|w| w == b"\r\n");
                if pristine {
                    return Ok(Some(entry.clone()));
                }
            }
            return Ok(found.into_iter().next());
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
