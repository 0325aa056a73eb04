//! Which export to read when a path holds several. An export is a unit: a zip, or the folder of
//! a Connections.csv (its files sit beside it, as at the root of the zip they came from). A
//! Downloads folder holds every export its owner requested, zipped and unpacked, and sometimes
//! someone else's: one unit is read, whole, and never combined with another's files.

use std::cmp::Reverse;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use super::source::{Limits, Source, SourceKind};
use super::{export_date, folder, names};
use crate::error::{Error, Result};

/// One export found: a zip, or a folder holding Connections.csv.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// The zip, or the folder searched.
    pub path: PathBuf,
    /// Zip or folder.
    pub kind: SourceKind,
    /// The folder inside it that holds Connections.csv, `/`-separated; empty at its root.
    pub home: String,
    /// The export's date, from its name (or the names of the folders around it).
    pub date: Option<Date>,
}

impl fmt::Display for Unit {
    /// Where it is, as the user would give it to netsift.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.home.is_empty()) {
            (_, true) => write!(f, "{}", self.path.display()),
            (SourceKind::Folder, false) => write!(f, "{}", self.path.join(&self.home).display()),
            (SourceKind::Zip, false) => {
                write!(f, "{} (folder {}/)", self.path.display(), self.home)
            }
        }
    }
}

/// Every export under a path, the one to read first.
pub(super) struct Found {
    /// The sources searched: the path given, then any zip found inside a folder.
    sources: Vec<Source>,
    /// Each export with the index of its source, best first.
    units: Vec<(usize, Unit)>,
    /// Files that look like zips but could not be opened, with why.
    pub unreadable: Vec<(String, String)>,
}

impl Found {
    /// Searches `path`: a zip, or a folder with any number of unpacked exports and zips in it.
    pub fn search(path: &Path, limits: Limits) -> Result<Found> {
        let root = Source::open(path, limits)?;
        let zips = root.zip_files();
        let mut found = Found { sources: vec![root], units: vec![], unreadable: vec![] };
        for zip in zips {
            match Source::open(&zip, limits) {
                Ok(source) if !source.find(names::CONNECTIONS[0]).is_empty() => {
                    found.sources.push(source)
                }
                Ok(_) => {}
                Err(e) => found.unreadable.push((zip.display().to_string(), e.to_string())),
            }
        }
        found.rank()?;
        if found.units.is_empty() {
            return Err(no_connections(&found.sources[0]));
        }
        Ok(found)
    }

    /// Orders the exports: never an empty Connections.csv first, then the newest by the date
    /// in its name, then a pristine one (no BOM, no CRLF: not re-saved by a spreadsheet)
    /// before an edited copy, then by [`Source::find`]'s order (exact spelling, the one
    /// beside messages.csv, the shallowest), the folder given before the zips inside it.
    fn rank(&mut self) -> Result<()> {
        let mut keyed = Vec::new();
        let mut candidates = Vec::new();
        for (index, source) in self.sources.iter().enumerate() {
            let found = source.find(names::CONNECTIONS[0]);
            candidates.extend(found.into_iter().map(|entry| (index, entry.clone())));
        }
        let choice = candidates.len() > 1;
        for (order, (index, entry)) in candidates.into_iter().enumerate() {
            let source = &mut self.sources[index];
            let home = folder(&entry.name).to_string();
            let date = export_date(Path::new(&home)).or_else(|| export_date(source.path()));
            // Reading the file tells empty and edited apart: only when there is a choice.
            let (empty, edited) =
                if choice { looks(&source.read(&entry)?) } else { (false, false) };
            let unit = Unit { path: source.path().to_path_buf(), kind: source.kind(), home, date };
            keyed.push(((empty, Reverse(date), edited, order), (index, unit)));
        }
        keyed.sort_by_key(|a| a.0);
        self.units = keyed.into_iter().map(|(_, unit)| unit).collect();
        Ok(())
    }

    /// The source of the export to read, that export, and the others found.
    pub fn take(mut self) -> (Source, Unit, Vec<Unit>) {
        let (index, unit) = self.units.remove(0);
        let others = self.units.into_iter().map(|(_, u)| u).collect();
        (self.sources.swap_remove(index), unit, others)
    }
}

/// Whether a file is empty (white space only) and whether it was re-saved by a spreadsheet or
/// an editor (a BOM, CRLF line ends).
fn looks(bytes: &[u8]) -> (bool, bool) {
    let empty = bytes.iter().all(u8::is_ascii_whitespace);
    let head = &bytes[..bytes.len().min(1 << 16)];
    (empty, head.starts_with(b"\xEF\xBB\xBF") || head.windows(2).any(|w| w == b"\r\n"))
}

/// The error for a path that holds no export.
fn no_connections(source: &Source) -> Error {
    let path = source.path();
    if let [first, ..] = source.unsafe_names() {
        let n = source.unsafe_names().len();
        let message = format!(
            "no Connections.csv found; {n} {} refused for a path leading outside the archive ({first:?}); is this a LinkedIn data export?",
            if n == 1 { "entry was" } else { "entries were" }
        );
        let file = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        return Error::Input { file, message };
    }
    Error::NoConnections { path: path.to_path_buf(), searched: source.entries().len() }
}
