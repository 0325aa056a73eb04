//! netsift reads a LinkedIn data export and tells, connection by connection, which ties are
//! real relationships and which are clutter.
//!
//! The pipeline, one module per stage: [`export`] reads the files, [`people`] resolves who is
//! who and who the owner is, [`notes`] reads the user's own interaction notes; [`inspect`]
//! reports what was found. [`sample`] writes synthetic exports for tests and benchmarks.

pub mod cli;
pub mod config;
pub mod diag;
pub mod error;
pub mod export;
pub mod inspect;
pub mod notes;
pub mod people;
pub mod sample;

use std::path::Path;

pub use error::{Error, Result};

use diag::Diagnostics;
use inspect::Inspection;
use people::People;

/// Reads the export (and the notes, when given), resolves who is who, and reports what was
/// found, with every skipped or repaired row.
pub fn inspect(export: &Path, notes: Option<&Path>) -> Result<(Inspection, Diagnostics)> {
    let export = export::read(export)?;
    let mut diags = export.diagnostics.clone();
    let people = People::resolve(&export, &mut diags);
    let notes = notes.map(|n| notes::read(n, &people, &mut diags)).transpose()?;
    let inspection = Inspection::new(&export, &people, notes.as_ref(), &diags);
    Ok((inspection, diags))
}
