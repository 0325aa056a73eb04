//! Connections.csv in every era: with or without the 3-line preamble, 6 columns (no URL,
//! before mid-2023) or 7, hidden-member rows, and the spreadsheet re-saves users feed back.

use jiff::civil::Date;
use serde::Serialize;

use super::FileReport;
use super::dates::parse_date;
use super::table::Table;
use crate::diag::Diagnostics;
use crate::error::Result;

/// One row of Connections.csv.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// The line of Connections.csv where the row starts.
    pub line: u64,
    /// First name, trimmed.
    pub first_name: String,
    /// Last name, trimmed.
    pub last_name: String,
    /// The profile URL as written (percent-encoded), when the era has it.
    pub url: Option<String>,
    /// The e-mail address (or `urn:li:member:…`), mostly absent.
    pub email: Option<String>,
    /// Company, as written.
    pub company: String,
    /// Position, as written.
    pub position: String,
    /// The day the connection was made; `None` when unreadable (reported).
    pub connected_on: Option<Date>,
}

impl Connection {
    /// A member who hides their profile: every field empty but the date.
    pub fn is_hidden(&self) -> bool {
        self.first_name.is_empty() && self.last_name.is_empty() && self.url.is_none()
    }

    /// `First Name + " " + Last Name`, as messages show it.
    pub fn full_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (true, _) => self.last_name.clone(),
            (false, true) => self.first_name.clone(),
        }
    }
}

/// Reads Connections.csv.
pub fn read(table: &Table, diags: &mut Diagnostics) -> Result<(Vec<Connection>, FileReport)> {
    let [first, last, url, email, company, position, on] =
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
            .map(|c| table.col(c));
    let mut out = Vec::new();
    let mut odd_dates = 0;
    let rows = table.rows(diags, |row, diags| {
        let date_text = row.get(on);
        let connected_on = parse_date(date_text);
        if connected_on.is_none() {
            diags.repair(
                row.file(),
                row.line,
                "bad date",
                format!(
                    "unreadable Connected On {date_text:?}; the connection is kept without a date"
                ),
            );
        } else if !is_linkedin_date(date_text) {
            odd_dates += 1;
        }
        out.push(Connection {
            line: row.line,
            first_name: row.get(first).to_string(),
            last_name: row.get(last).to_string(),
            url: row.opt(url),
            email: row.opt(email),
            company: row.get(company).to_string(),
            position: row.get(position).to_string(),
            connected_on,
        });
    });
    let mut report = FileReport::new(table, rows, out.len() as u64, variant(table));
    if odd_dates > 0 {
        report.notes.push(format!("{odd_dates} dates in a spreadsheet's form (re-saved file)"));
    }
    Ok((out, report))
}

fn is_linkedin_date(s: &str) -> bool {
    // `DD Mon YYYY` (2020 →) or `M/D/YY, h:mm AM` (2018).
    let b = s.as_bytes();
    (b.len() == 11 && b[2] == b' ' && b[6] == b' ') || s.contains(", ")
}

fn variant(table: &Table) -> String {
    let n = table.header().len();
    match (table.has("URL"), table.preamble_lines > 0) {
        (true, true) => format!("mid 2023 → 2026: preamble, {n} columns with URL"),
        (true, false) => format!("{n} columns with URL, no preamble (edited)"),
        (false, true) => format!("2021 – mid 2023: preamble, {n} columns, no URL"),
        (false, false) => format!("2018 – 2020: no preamble, {n} columns, no URL"),
    }
}
