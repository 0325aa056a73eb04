//! netsift reads a LinkedIn data export and tells, connection by connection, which ties are
//! real relationships and which are clutter.
//!
//! The pipeline, one module per stage: [`export`] reads the files, [`people`] resolves who is
//! who, [`notes`] reads the user's own interaction notes; [`inspect`] reports what was found.

pub mod diag;
pub mod error;
pub mod export;

pub use error::{Error, Result};
