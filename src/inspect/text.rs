//! `netsift inspect`'s findings as text for a terminal: aligned, thousands separated, plural
//! forms, the first ten unmatched senders.

use std::fmt::Write as _;

use super::Inspection;
use crate::export::SourceKind;

impl Inspection {
    /// The inspection as text for a terminal.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = self.write_text(&mut s);
        s
    }

    fn write_text(&self, s: &mut String) -> std::fmt::Result {
        let date = self.export_date.map_or(String::new(), |d| format!(", exported {d}"));
        let kind = match self.kind {
            SourceKind::Zip => "zip",
            SourceKind::Folder => "folder",
        };
        writeln!(s, "export         {} ({kind}{date})", self.export)?;
        let o = &self.owner;
        let name = o.name.as_deref().unwrap_or("unknown");
        match &o.url {
            Some(url) => writeln!(s, "owner          {name} <{url}>")?,
            None => writeln!(s, "owner          {name} (profile URL unknown)")?,
        }
        writeln!(s, "               {}", o.evidence)?;
        if let Some([a, b]) = self.date_range {
            writeln!(s, "dates          {a} … {b}")?;
        }
        writeln!(s, "\nfiles")?;
        let width = self.files.iter().map(|f| f.name.chars().count()).max().unwrap_or(0);
        for f in &self.files {
            let skipped = f.rows - f.kept;
            let mut skipped =
                if skipped > 0 { format!(", {skipped} skipped") } else { String::new() };
            if f.blank_lines > 0 {
                skipped.push_str(&format!(", {}", many(f.blank_lines as usize, "blank line")));
            }
            writeln!(
                s,
                "  {:width$}  {}{skipped} — {}",
                f.name,
                many(f.rows as usize, "row"),
                f.variant
            )?;
            if !f.notes.is_empty() {
                writeln!(s, "  {:width$}  read: {}", "", f.notes.join("; "))?;
            }
            for copy in &f.ignored_copies {
                writeln!(s, "  {:width$}  another copy, not used: {copy}", "")?;
            }
        }
        for i in &self.ignored {
            writeln!(s, "  ignored: {} ({})", i.name, i.why)?;
        }
        for other in &self.other_exports {
            writeln!(s, "  another export, not read: {other}")?;
        }
        let c = &self.connections;
        writeln!(
            s,
            "\nconnections    {}: {}, {} with a profile URL",
            many(c.rows, "row"),
            many(c.hidden_members, "hidden member"),
            num(c.with_url)
        )?;
        let m = &self.messages;
        if m.rows > 0 {
            writeln!(
                s,
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
                s,
                "               {} of {} person messages matched a connection ({})",
                num(m.matched),
                num(people),
                pct(m.matched, people)
            )?;
        }
        let i = &self.invitations;
        if i.rows > 0 {
            writeln!(
                s,
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
                    s,
                    "{label:<14} {} received ({} matched), {} given ({} matched)",
                    num(p.received),
                    num(p.received_matched),
                    num(p.given),
                    num(p.given_matched)
                )?;
            }
        }
        if !self.unmatched_senders.is_empty() {
            writeln!(
                s,
                "\nsenders who matched no connection: {}",
                num(self.unmatched_senders.len())
            )?;
            for u in self.unmatched_senders.iter().take(10) {
                let who = if u.sender == u.name {
                    u.name.clone()
                } else {
                    format!("{} <{}>", u.name, u.sender)
                };
                writeln!(s, "  {who}: {}", many(u.messages, "message"))?;
            }
            if self.unmatched_senders.len() > 10 {
                writeln!(
                    s,
                    "  … and {} more (--json lists all)",
                    self.unmatched_senders.len() - 10
                )?;
            }
        }
        if let Some(n) = &self.notes {
            writeln!(
                s,
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
        writeln!(s)?;
        if self.skipped.is_empty() {
            writeln!(s, "skipped rows   none")?;
        }
        for r in &self.skipped {
            writeln!(s, "skipped        {}: {} × {}", r.file, num(r.rows), r.reason)?;
        }
        for r in &self.repaired {
            writeln!(s, "kept, noted    {}: {} × {}", r.file, num(r.rows), r.reason)?;
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
