//! Profile.csv: one row, the owner's name, headline and industry (no profile URL).

use serde::Serialize;

use super::FileReport;
use super::table::Table;
use crate::diag::Diagnostics;
use crate::error::Result;

/// The owner as Profile.csv describes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Headline.
    pub headline: String,
    /// Industry.
    pub industry: String,
}

impl Profile {
    /// `First Name + " " + Last Name`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_string()
    }
}

/// Reads Profile.csv: its first data row.
pub fn read(table: &Table, diags: &mut Diagnostics) -> Result<(Option<Profile>, FileReport)> {
    let c = |n: &str| table.col(n);
    let mut profile = None;
    let rows = table.rows(diags, |row, diags| {
        if profile.is_some() {
            let msg = "Profile.csv holds one row, the owner's: this further row is not read";
            return diags.skip(row.file(), row.line, "extra row", msg.into());
        }
        profile = Some(Profile {
            first_name: row.get(c("First Name")).to_string(),
            last_name: row.get(c("Last Name")).to_string(),
            headline: row.get(c("Headline")).to_string(),
            industry: row.get(c("Industry")).to_string(),
        });
    });
    let kept = u64::from(profile.is_some());
    Ok((profile, FileReport::new(table, rows, kept, "one row: the owner".into())))
}
