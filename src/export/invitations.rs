//! Invitations.csv: without ids (≤ mid 2023), with `urn:li:member:` URNs (Jun–Sep 2023), with
//! profile URLs (Nov 2023 →, bare `…/in` in late 2023). `Sent At` is US Pacific time.

use jiff::Timestamp;
use serde::Serialize;

use super::FileReport;
use super::dates::{Zone, parse_time};
use super::messages::Direction;
use super::table::Table;
use crate::diag::Diagnostics;
use crate::error::Result;

/// One row of Invitations.csv.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Invitation {
    /// The line where the row starts.
    pub line: u64,
    /// The inviter's display name.
    pub from: String,
    /// The invitee's display name.
    pub to: String,
    /// When it was sent, converted from US Pacific time.
    pub sent_at: Timestamp,
    /// The personal note; empty when the invitation had none.
    pub message: String,
    /// OUTGOING (the owner invited) or INCOMING.
    pub direction: Direction,
    /// The inviter's profile URL or URN, as written.
    pub inviter: Option<String>,
    /// The invitee's profile URL or URN, as written.
    pub invitee: Option<String>,
}

impl Invitation {
    /// Whether the invitation carried a personal note.
    pub fn has_note(&self) -> bool {
        !self.message.trim().is_empty()
    }
}

/// Reads Invitations.csv.
pub fn read(table: &Table, diags: &mut Diagnostics) -> Result<(Vec<Invitation>, FileReport)> {
    let c = |n: &str| table.col(n);
    let (from, to, sent, message, direction) =
        (c("From"), c("To"), c("Sent At"), c("Message"), c("Direction"));
    let inviter = c("inviterProfileUrl").or(c("inviterProfileUrn"));
    let invitee = c("inviteeProfileUrl").or(c("inviteeProfileUrn"));
    let mut out = Vec::new();
    let rows = table.rows(diags, |row, diags| {
        let direction = match row.get(direction) {
            d if d.eq_ignore_ascii_case("OUTGOING") => Direction::Outgoing,
            d if d.eq_ignore_ascii_case("INCOMING") => Direction::Incoming,
            d => {
                let msg = format!("Direction {d:?} is neither OUTGOING nor INCOMING; skipped");
                return diags.skip(row.file(), row.line, "bad direction", msg);
            }
        };
        let text = row.get(sent);
        let Some(sent_at) = parse_time(text, Zone::Pacific) else {
            let msg = format!("unreadable Sent At {text:?}; the invitation is skipped");
            return diags.skip(row.file(), row.line, "bad date", msg);
        };
        out.push(Invitation {
            line: row.line,
            from: row.get(from).to_string(),
            to: row.get(to).to_string(),
            sent_at,
            message: row.get(message).to_string(),
            direction,
            inviter: row.opt(inviter),
            invitee: row.opt(invitee),
        });
    });
    let variant = if table.has("inviterProfileUrl") {
        let bare = out
            .iter()
            .all(|i| [&i.inviter, &i.invitee].iter().all(|u| u.as_deref().is_none_or(is_bare_in)));
        if bare && !out.is_empty() {
            "Nov–Dec 2023: URL columns holding a bare …/in (no slug)"
        } else {
            "Nov 2023 →: inviter and invitee profile URLs"
        }
    } else if table.has("inviterProfileUrn") {
        "Jun–Sep 2023: urn:li:member URNs"
    } else {
        "≤ mid 2023: names only"
    };
    let report = FileReport::new(table, rows, out.len() as u64, variant.into());
    Ok((out, report))
}

fn is_bare_in(url: &str) -> bool {
    url.trim_end_matches('/').ends_with("linkedin.com/in")
}
