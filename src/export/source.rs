//! Where the export's files come from: a zip read in place (never extracted to disk) or a
//! folder searched at any depth. Decides zip or folder by what the path is, never by its name,
//! and picks one file deterministically when a name occurs more than once.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::stream::{self, Feed, Inflated};
use crate::error::{Error, Result};

/// No file of an export may be larger than this: the largest real messages.csv files are a few
/// hundred MB; anything far beyond is a zip bomb or not an export.
pub const MAX_ENTRY_BYTES: u64 = 2 << 30;

/// Nor may a zip entry inflate to more than this many times its compressed size (once past
/// [`RATIO_FLOOR`]): CSV deflates 4–20 ×, deflate's own maximum is about 1,000 ×.
pub const MAX_RATIO: u64 = 200;

/// Entries up to this size are never refused for their compression ratio.
pub const RATIO_FLOOR: u64 = 64 << 20;

/// How large the files of an export may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes, once inflated.
    pub max_bytes: u64,
    /// The largest ratio of inflated to compressed size of a zip entry …
    pub max_ratio: u64,
    /// … for entries larger than this.
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_bytes: MAX_ENTRY_BYTES, max_ratio: MAX_RATIO, ratio_floor: RATIO_FLOOR }
    }
}

/// Whether the export was a zip or a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A zip archive, read in place.
    Zip,
    /// A folder (an unpacked export).
    Folder,
}

/// One file of the export.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its path inside the export, `/`-separated (for a zip, the entry name).
    pub name: String,
    /// Its size in bytes as stored (uncompressed size for a zip entry, as declared).
    pub size: u64,
    /// For a zip entry, its compressed size.
    pub compressed: Option<u64>,
    index: usize,
}

impl Entry {
    /// The file name without folders.
    pub fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// How many folders deep it sits.
    pub fn depth(&self) -> usize {
        self.name.matches('/').count()
    }
}

/// An opened export: its files, and the means to read them.
pub struct Source {
    path: PathBuf,
    kind: SourceKind,
    entries: Vec<Entry>,
    /// Zip entries whose names lead outside the archive (`..`, absolute paths): never read.
    unsafe_names: Vec<String>,
    zip: Option<zip::ZipArchive<File>>,
    paths: Vec<PathBuf>,
    limits: Limits,
}

impl Source {
    /// Opens `path` as a folder if it is one, else as a zip archive, its files held to `limits`.
    pub fn open(path: &Path, limits: Limits) -> Result<Source> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let mut source =
            if meta.is_dir() { Source::open_folder(path)? } else { Source::open_zip(path)? };
        source.limits = limits;
        Ok(source)
    }

    fn open_zip(path: &Path) -> Result<Source> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| not_zip(path, e))?;
        let (mut entries, mut unsafe_names) = (Vec::new(), Vec::new());
        for index in 0..zip.len() {
            let file = zip
                .by_index_raw(index)
                .map_err(|e| Error::NotZip { path: path.to_path_buf(), detail: e.to_string() })?;
            if file.is_dir() {
                continue;
            }
            // Names with `..` or a leading `/` are never used as paths (nothing is extracted),
            // but they are not export files either: reported, never read.
            let given = file.name().map_or_else(
                |_| String::from_utf8_lossy(file.name_raw()).into_owned(),
                |n| n.into_owned(),
            );
            let name = given.replace('\\', "/");
            if file.enclosed_name().is_none() || !is_relative(&name) {
                unsafe_names.push(given);
                continue;
            }
            entries.push(Entry {
                name,
                size: file.size(),
                compressed: Some(file.compressed_size()),
                index,
            });
        }
        Ok(Source {
            path: path.to_path_buf(),
            kind: SourceKind::Zip,
            entries,
            unsafe_names,
            zip: Some(zip),
            paths: vec![],
            limits: Limits::default(),
        })
    }

    fn open_folder(root: &Path) -> Result<Source> {
        let mut entries = Vec::new();
        let mut paths = Vec::new();
        let walk = walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name();
        for item in walk {
            let item = item.map_err(|e| {
                let path = e.path().unwrap_or(root).to_path_buf();
                Error::io(path, e.into_io_error().unwrap_or_else(|| std::io::Error::other("walk")))
            })?;
            if !item.file_type().is_file() {
                continue;
            }
            let rel = item.path().strip_prefix(root).unwrap_or(item.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            let size = item.metadata().map(|m| m.len()).unwrap_or(0);
            entries.push(Entry { name, size, compressed: None, index: paths.len() });
            paths.push(item.path().to_path_buf());
        }
        Ok(Source {
            path: root.to_path_buf(),
            kind: SourceKind::Folder,
            entries,
            unsafe_names: vec![],
            zip: None,
            paths,
            limits: Limits::default(),
        })
    }

    /// For a folder, the files in it that are zip archives (by their first bytes, whatever
    /// their name): exports downloaded beside unpacked ones.
    pub fn zip_files(&self) -> Vec<PathBuf> {
        if self.kind == SourceKind::Zip {
            return vec![];
        }
        let is_zip = |path: &PathBuf| {
            let mut magic = [0u8; 4];
            File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok()
                && magic == *b"PK\x03\x04"
        };
        let csv = |e: &Entry| e.name.to_ascii_lowercase().ends_with(".csv");
        let candidates = self.entries.iter().filter(|e| !csv(e) && e.size >= 22);
        candidates.map(|e| &self.paths[e.index]).filter(|p| is_zip(p)).cloned().collect()
    }

    /// Zip entries refused for a name that leads outside the archive.
    pub fn unsafe_names(&self) -> &[String] {
        &self.unsafe_names
    }

    /// The path the export was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Zip or folder.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// Every file of the export.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The files whose name, without folders, is `name` ignoring case; best candidate first
    /// (see [`rank`]).
    pub fn find(&self, name: &str) -> Vec<&Entry> {
        let mut found: Vec<&Entry> =
            self.entries.iter().filter(|e| e.file_name().eq_ignore_ascii_case(name)).collect();
        found.sort_by_key(|e| rank(e, name, &self.entries));
        found
    }

    /// The most bytes `entry` may inflate to; an error when it declares more.
    fn limit(&self, entry: &Entry) -> Result<u64> {
        let Limits { max_bytes, max_ratio, ratio_floor } = self.limits;
        let by_ratio =
            entry.compressed.map_or(u64::MAX, |c| c.saturating_mul(max_ratio).max(ratio_floor));
        let limit = max_bytes.min(by_ratio);
        if entry.size > limit {
            return Err(self.too_large(entry, limit));
        }
        Ok(limit)
    }

    fn too_large(&self, entry: &Entry, limit: u64) -> Error {
        Error::TooLarge { path: self.path.clone(), entry: entry.name.clone(), limit }
    }

    /// Reads one file whole, refusing anything that inflates past the limit.
    pub fn read(&mut self, entry: &Entry) -> Result<Bytes> {
        // (A zip entry is inflated in one stream; a large file on disk is mapped.)
        let limit = self.limit(entry)?;
        // The declared size may lie, but never past the limit: reserving (not touching) that
        // much saves growing a vector of hundreds of megabytes by copies.
        let mut bytes = Vec::with_capacity(entry.size.min(limit) as usize + 1);
        let bytes = match &mut self.zip {
            Some(zip) => {
                // Never trust the declared size: stop one byte past the limit.
                open_entry(zip, &self.path, entry)?
                    .take(limit + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io(self.path.join(&entry.name), e))?;
                Bytes::Owned(bytes)
            }
            None => {
                let path = &self.paths[entry.index];
                read_file(path, limit, bytes).map_err(|e| Error::io(path, e))?
            }
        };
        if bytes.len() as u64 > limit {
            return Err(self.too_large(entry, limit));
        }
        Ok(bytes)
    }

    /// For a zip entry, inflates it on a thread of its own while `consume` reads the bytes
    /// inflated so far ([`stream::inflate_while`]); `None` for a file in a folder, or when
    /// the entry does not inflate to at most its declared size (read it with
    /// [`Source::read`] then, which reports why).
    pub fn inflate_while<T>(
        &mut self,
        entry: &Entry,
        consume: impl FnOnce(&Feed) -> T,
    ) -> Result<Option<(Vec<u8>, T)>> {
        let limit = self.limit(entry)?;
        let Some(zip) = &mut self.zip else { return Ok(None) };
        let file = open_entry(zip, &self.path, entry)?;
        match stream::inflate_while(file, entry.size.min(limit) as usize, consume) {
            (Inflated::Whole(bytes), consumed) => Ok(Some((bytes, consumed))),
            (Inflated::Failed, _) => Ok(None),
        }
    }
}

/// Why `path` is not an export: one of its CSV files given alone gets the folder to give
/// instead; anything else what the zip reader found.
fn not_zip(path: &Path, e: zip::result::ZipError) -> Error {
    let csv = path.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"));
    match path.parent().filter(|_| csv) {
        Some(folder) => {
            let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
            Error::OneFile { path: path.to_path_buf(), folder: folder.to_path_buf() }
        }
        None => Error::NotZip { path: path.to_path_buf(), detail: e.to_string() },
    }
}

/// Whether a zip entry's name (with `/` separators) stays inside the archive: not absolute,
/// no drive letter, no `..` step, no NUL.
fn is_relative(name: &str) -> bool {
    let drive = name.as_bytes().get(1) == Some(&b':');
    !name.starts_with('/')
        && !drive
        && !name.contains('\0')
        && name.split('/').all(|step| step != "..")
}

/// The zip entry, ready to inflate; an error when it is encrypted or unreadable.
fn open_entry<'z>(
    zip: &'z mut zip::ZipArchive<File>,
    path: &Path,
    entry: &Entry,
) -> Result<zip::read::ZipFile<'z, File>> {
    let raw = zip.by_index_raw(entry.index).map_err(|e| zip_err(path, entry, e))?;
    if raw.encrypted() {
        return Err(Error::Encrypted { path: path.to_path_buf(), entry: entry.name.clone() });
    }
    drop(raw);
    zip.by_index(entry.index).map_err(|e| zip_err(path, entry, e))
}

fn zip_err(path: &Path, entry: &Entry, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::UnsupportedArchive(msg)
            if msg == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            Error::Encrypted { path: path.to_path_buf(), entry: entry.name.clone() }
        }
        e => Error::Input {
            file: format!("{}: {}", path.display(), entry.name),
            message: e.to_string(),
        },
    }
}

/// Orders candidates for one name: the exact spelling first, then the one that sits beside
/// `messages.csv`, then the shallowest, then by name. Deterministic for any listing order.
fn rank<'a>(e: &'a Entry, name: &str, all: &[Entry]) -> (bool, bool, usize, &'a str) {
    let folder = |n: &str| n.rsplit_once('/').map_or(String::new(), |(d, _)| d.to_string());
    let beside_messages = all.iter().any(|m| {
        m.file_name().eq_ignore_ascii_case("messages.csv") && folder(&m.name) == folder(&e.name)
    });
    (e.file_name() != name, !beside_messages, e.depth(), e.name.as_str())
}

/// Reads a file of at most `limit` bytes (one byte more shows it is over). A large file is
/// mapped read-only rather than copied: its pages come straight from the page cache as the
/// parse reaches them (as ripgrep does for large files). A file that cannot be mapped is read.
fn read_file(path: &Path, limit: u64, mut bytes: Vec<u8>) -> std::io::Result<Bytes> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    if (MAP_FROM..=limit).contains(&len) {
        // SAFETY: the map is read-only and private. Another program truncating the file while
        // netsift reads it would fault (SIGBUS); the export is the user's own download.
        if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(Bytes::Mapped { map, start: 0 });
        }
    }
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(Bytes::Owned(bytes))
}

/// Files at least this large are mapped, not read.
const MAP_FROM: u64 = 64 << 20;

/// The bytes of one file of the export: read into memory, or mapped.
pub enum Bytes {
    /// Read (a zip entry inflated, a small file, a file converted to UTF-8).
    Owned(Vec<u8>),
    /// A large file on disk, mapped read-only; `start` skips a byte-order mark.
    Mapped {
        /// The map.
        map: memmap2::Mmap,
        /// Where the text starts.
        start: usize,
    },
}

impl Bytes {
    /// Drops the first `n` bytes (a byte-order mark).
    pub fn skip(&mut self, n: usize) {
        match self {
            Bytes::Owned(bytes) => drop(bytes.drain(..n)),
            Bytes::Mapped { start, .. } => *start += n,
        }
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped { map, start } => &map[*start..],
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Bytes {
        Bytes::Owned(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_is_mapped_and_reads_as_written() {
        let path = std::env::temp_dir().join(format!("netsift-map-{}.csv", std::process::id()));
        let mut text = b"\xEF\xBB\xBFFROM,DATE\n".to_vec();
        text.resize(MAP_FROM as usize + 10, b'x');
        std::fs::write(&path, &text).unwrap();
        let mut bytes = read_file(&path, u64::MAX, vec![]).unwrap();
        assert!(matches!(bytes, Bytes::Mapped { .. }));
        assert!(*bytes == text[..]);
        bytes.skip(3);
        assert!(bytes.starts_with(b"FROM,DATE\n") && bytes.len() == text.len() - 3);
        // Past the limit, one byte more than the limit is read, which the caller refuses.
        let bytes = read_file(&path, MAP_FROM, vec![]).unwrap();
        assert!(matches!(bytes, Bytes::Owned(_)) && bytes.len() as u64 == MAP_FROM + 1);
        std::fs::remove_file(&path).unwrap();
    }
}
