//! Recommendations_Received.csv and Recommendations_Given.csv: no URL at all, so they are
//! matched to connections by name (and company); dates are US Pacific.

use jiff::Timestamp;
use serde::Serialize;

use super::FileReport;
use super::dates::{Zone, parse_time};
use super::table::Table;
use crate::diag::Diagnostics;
use crate::error::Result;

/// One recommendation, received or given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The line where the row starts.
    pub line: u64,
    /// The other person's first name.
    pub first_name: String,
    /// The other person's last name.
    pub last_name: String,
    /// Their company at the time.
    pub company: String,
    /// Their job title at the time.
    pub job_title: String,
    /// When it was written; `None` when unreadable (reported).
    pub created: Option<Timestamp>,
    /// `VISIBLE` or empty.
    pub status: String,
}

/// Reads a recommendations file.
pub fn read(table: &Table, diags: &mut Diagnostics) -> Result<(Vec<Recommendation>, FileReport)> {
    let c = |n: &str| table.col(n);
    let (first, last, company, title, created, status) = (
        c("First Name"),
        c("Last Name"),
        c("Company"),
        c("Job Title"),
        c("Creation Date"),
        c("Status"),
    );
    let mut out = Vec::new();
    let rows = table.rows(diags, |row, diags| {
        let text = row.get(created);
        let date = parse_time(text, Zone::Pacific);
        if date.is_none() {
            let msg = format!("unreadable Creation Date {text:?}; kept without a date");
            diags.repair(row.file(), row.line, "bad date", msg);
        }
        out.push(Recommendation {
            line: row.line,
            first_name: row.get(first).to_string(),
            last_name: row.get(last).to_string(),
            company: row.get(company).to_string(),
            job_title: row.get(title).to_string(),
            created: date,
            status: row.get(status).to_string(),
        });
    });
    let report = FileReport::new(table, rows, out.len() as u64, "names only, no URL".into());
    Ok((out, report))
}
