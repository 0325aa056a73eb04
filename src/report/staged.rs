//! The report's files written as one: each goes to a hidden file beside its final name, and
//! only when every one is written are they renamed into place. A run that fails half-way
//! leaves the previous report exactly as it was, with no stray file behind.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// The list of the files a run put into the output folder, kept there so that the next run
/// removes what it no longer writes — and never a file netsift did not write.
pub const MANIFEST: &str = ".netsift-files";

/// Files written but not yet in place: (temporary, final) paths.
#[derive(Debug, Default)]
pub struct Staged {
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Staged {
    /// Nothing staged yet.
    pub fn new() -> Staged {
        Staged::default()
    }

    /// Writes `bytes` beside `path` under a hidden temporary name; [`Staged::commit`] moves it
    /// to `path`.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let name = path.file_name().map_or("out".into(), |n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        if let Err(e) = std::fs::write(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(path, e));
        }
        self.pending().push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file into place. Each rename replaces one file whole; a folder
    /// standing where a file goes fails the commit before any file is moved.
    pub fn commit(self) -> Result<()> {
        let pending = std::mem::take(&mut *self.pending());
        // A folder where a file goes is the one thing a rename cannot replace: found before
        // any file is moved.
        if let Some((_, path)) = pending.iter().find(|(_, path)| path.is_dir()) {
            let e = std::io::Error::other("a folder stands where this file goes");
            let path = path.clone();
            self.pending().extend(pending);
            return Err(Error::io(path, e));
        }
        // Renaming over a large file frees it: the renames go on every thread.
        let failed: Vec<(PathBuf, PathBuf, std::io::Error)> = pending
            .into_par_iter()
            .filter_map(|(tmp, path)| std::fs::rename(&tmp, &path).err().map(|e| (tmp, path, e)))
            .collect();
        match failed.into_iter().next() {
            None => Ok(()),
            Some((tmp, path, e)) => {
                let _ = std::fs::remove_file(tmp);
                Err(Error::io(path, e))
            }
        }
    }

    /// Commits, then removes from `dir` the files the previous run listed in its manifest
    /// that this run did not write, and lists this run's files in their place.
    pub fn commit_in(self, dir: &Path) -> Result<()> {
        let written: BTreeSet<String> = self
            .pending()
            .iter()
            .filter_map(|(_, path)| path.strip_prefix(dir).ok())
            .filter_map(|rel| rel.to_str().map(str::to_string))
            .collect();
        self.commit()?;
        let manifest = dir.join(MANIFEST);
        let before = std::fs::read_to_string(&manifest).unwrap_or_default();
        for rel in before.lines().filter(|r| !written.contains(*r) && is_plain(r)) {
            let _ = std::fs::remove_file(dir.join(rel));
        }
        let list: String = written.iter().map(|r| format!("{r}\n")).collect();
        let out = Staged::new();
        out.write(&manifest, list.as_bytes())?;
        out.commit()
    }

    /// Removes what a run killed before its commit left in `dir`: hidden `.<name>.<pid>.tmp`
    /// files of another process.
    pub fn clear_stale(dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let own = format!(".{}.tmp", std::process::id());
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name.strip_suffix(".tmp").and_then(|s| s.rsplit_once('.')).map(|(_, p)| p);
            let temporary = name.starts_with('.')
                && pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if temporary && !name.ends_with(&own) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn pending(&self) -> MutexGuard<'_, Vec<(PathBuf, PathBuf)>> {
        self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A relative path of plain names below the folder: a hand-edited manifest cannot reach
/// outside it.
fn is_plain(rel: &str) -> bool {
    let path = Path::new(rel);
    !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

impl Drop for Staged {
    /// Files never committed are removed: a failed run leaves nothing behind.
    fn drop(&mut self) {
        for (tmp, _) in self.pending().drain(..) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
