//! Endorsement_Received_Info.csv and Endorsement_Given_Info.csv (URL without scheme, or no URL
//! column in 2022), and the 2022 UTF-16 `Endorsement Received Info.csv`.

use jiff::Timestamp;
use serde::Serialize;

use super::FileReport;
use super::dates::{Zone, parse_time};
use super::table::Table;
use crate::diag::Diagnostics;
use crate::error::Result;

/// One endorsement, received or given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endorsement {
    /// The line where the row starts.
    pub line: u64,
    /// When it was given.
    pub date: Timestamp,
    /// The skill endorsed.
    pub skill: String,
    /// The other person's first name.
    pub first_name: String,
    /// The other person's last name.
    pub last_name: String,
    /// The other person's profile URL as written (usually without scheme).
    pub url: Option<String>,
    /// `ACCEPTED`, `PENDING`, …
    pub status: String,
}

/// Reads an endorsement file; `role` is `Endorser` (received) or `Endorsee` (given).
pub fn read(
    table: &Table,
    role: &str,
    diags: &mut Diagnostics,
) -> Result<(Vec<Endorsement>, FileReport)> {
    let c = |n: &str| table.col(n);
    let (date, skill, status) = (c("Endorsement Date"), c("Skill Name"), c("Endorsement Status"));
    let (first, last, url) = (
        c(&format!("{role} First Name")),
        c(&format!("{role} Last Name")),
        c(&format!("{role} Public Url")),
    );
    let mut out = Vec::new();
    let rows = table.rows(diags, |row, diags| {
        let text = row.get(date);
        let Some(date) = parse_time(text, Zone::Utc) else {
            let msg = format!("unreadable Endorsement Date {text:?}; skipped");
            return diags.skip(row.file(), row.line, "bad date", msg);
        };
        out.push(Endorsement {
            line: row.line,
            date,
            skill: row.get(skill).to_string(),
            first_name: row.get(first).to_string(),
            last_name: row.get(last).to_string(),
            url: row.opt(url),
            status: row.get(status).to_string(),
        });
    });
    let variant = match (url.is_some(), table.has("Display Status")) {
        (_, true) => "2022: UTF-16 tab-separated, with Display Status",
        (true, _) => "with public URL (no scheme)",
        (false, _) => "2022: no URL column",
    };
    let report = FileReport::new(table, rows, out.len() as u64, variant.into());
    Ok((out, report))
}
