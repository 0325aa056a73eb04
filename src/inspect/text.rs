//! `netsift inspect`'s findings as text for a terminal: aligned, thousands separated, plural
//! forms, the first ten unmatched senders.

use std::fmt;

use super::Inspection;
use crate::export::SourceKind;

/// The inspection as text for a terminal, section by section.
impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.source(f)?;
        self.files(f)?;
        self.counts(f)?;
        self.senders(f)?;
        self.notes(f)?;
        self.rows(f)
    }
}

impl Inspection {
    /// The export and its owner.
    fn source(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.export_date.map_or(String::new(), |d| format!(", exported {d}"));
        let kind = match self.kind {
            SourceKind::Zip => "zip",
            SourceKind::Folder => "folder",
        };
        writeln!(f, "export         {} ({kind}{date})", self.export)?;
        let o = &self.owner;
        let name = o.name.as_deref().unwrap_or("unknown");
        match &o.url {
            Some(url) => writeln!(f, "owner          {name} <{url}>")?,
            None => writeln!(f, "owner          {name} (profile URL unknown)")?,
        }
        writeln!(f, "               {}", o.evidence)?;
        if let Some([a, b]) = self.date_range {
            writeln!(f, "dates          {a} … {b}")?;
        }
        Ok(())
    }

    /// Each file read, how, and the copies and exports not read.
    fn files(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\nfiles")?;
        let width = self.files.iter().map(|r| r.name.chars().count()).max().unwrap_or(0);
        for r in &self.files {
            let skipped = r.rows - r.kept;
            let mut skipped =
                if skipped > 0 { format!(", {skipped} skipped") } else { String::new() };
            if r.blank_lines > 0 {
                skipped.push_str(&format!(", {}", many(r.blank_lines as usize, "blank line")));
            }
            writeln!(
                f,
                "  {:width$}  {}{skipped} — {}",
                r.name,
                many(r.rows as usize, "row"),
                r.variant
            )?;
            if !r.notes.is_empty() {
                writeln!(f, "  {:width$}  read: {}", "", r.notes.join("; "))?;
            }
            for copy in &r.ignored_copies {
                writeln!(f, "  {:width$}  another copy, not used: {copy}", "")?;
            }
        }
        for i in &self.ignored {
            writeln!(f, "  ignored: {} ({})", i.name, i.why)?;
        }
        for other in &self.other_exports {
            writeln!(f, "  another export, not read: {other}")?;
        }
        Ok(())
    }

    /// What each file holds and how much of it matched a connection.
    fn counts(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.connections;
        writeln!(
            f,
            "\nconnections    {}: {}, {} with a profile URL",
            many(c.rows, "row"),
            many(c.hidden_members, "hidden member"),
            num(c.with_url)
        )?;
        let m = &self.messages;
        if m.rows > 0 {
            writeln!(
                f,
                "messages       {} rows: {} sent, {} received, {} drafts, {} system, {} sponsored, {} from LinkedIn Member",
                num(m.rows),
                num(m.sent),
                num(m.received),
                num(m.drafts),
                num(m.system),
                num(m.sponsored),
                num(m.linkedin_member)
            )?;
            let people = m.sent + m.received;
            writeln!(
                f,
                "               {} of {} person messages matched a connection ({})",
                num(m.matched),
                num(people),
                pct(m.matched, people)
            )?;
        }
        let i = &self.invitations;
        if i.rows > 0 {
            writeln!(
                f,
                "invitations    {} rows: {} outgoing ({} with a note), {} incoming ({} with a note); {} matched a connection",
                num(i.rows),
                num(i.outgoing),
                num(i.outgoing_with_note),
                num(i.incoming),
                num(i.incoming_with_note),
                num(i.matched)
            )?;
        }
        for (label, p) in
            [("endorsements", &self.endorsements), ("recommendations", &self.recommendations)]
        {
            if p.received + p.given > 0 {
                writeln!(
                    f,
                    "{label:<14} {} received ({} matched), {} given ({} matched)",
                    num(p.received),
                    num(p.received_matched),
                    num(p.given),
                    num(p.given_matched)
                )?;
            }
        }
        Ok(())
    }

    /// The first ten senders who matched no connection.
    fn senders(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.unmatched_senders.is_empty() {
            writeln!(
                f,
                "\nsenders who matched no connection: {}",
                num(self.unmatched_senders.len())
            )?;
            for u in self.unmatched_senders.iter().take(10) {
                let who = if u.sender == u.name {
                    u.name.clone()
                } else {
                    format!("{} <{}>", u.name, u.sender)
                };
                writeln!(f, "  {who}: {}", many(u.messages, "message"))?;
            }
            if self.unmatched_senders.len() > 10 {
                writeln!(
                    f,
                    "  … and {} more (--json lists all)",
                    self.unmatched_senders.len() - 10
                )?;
            }
        }
        Ok(())
    }

    /// The notes file's rows: resolved, unresolved, left out.
    fn notes(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = &self.notes {
            writeln!(
                f,
                "\nnotes          {}: {} rows, {} resolved, {} unresolved{}{}",
                n.file,
                n.rows,
                n.resolved,
                n.unresolved,
                match n.after_as_of {
                    0 => String::new(),
                    k => format!(", {k} dated after the as-of day (left out)"),
                },
                match n.duplicates {
                    0 => String::new(),
                    k => format!(", {k} repeating an earlier row (counted once)"),
                }
            )?;
        }
        Ok(())
    }

    /// Rows skipped and rows kept with a note, by file and reason.
    fn rows(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f)?;
        if self.skipped.is_empty() {
            writeln!(f, "skipped rows   none")?;
        }
        for r in &self.skipped {
            writeln!(f, "skipped        {}: {} × {}", r.file, num(r.rows), r.reason)?;
        }
        for r in &self.repaired {
            writeln!(f, "kept, noted    {}: {} × {}", r.file, num(r.rows), r.reason)?;
        }
        Ok(())
    }
}

/// 12,345 — thousands separated for reading.
pub fn num(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 row`, `2 rows`, `12,345 rows`.
fn many(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{} {what}s", num(n)) }
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 { "–".into() } else { format!("{:.1} %", 100.0 * part as f64 / whole as f64) }
}
