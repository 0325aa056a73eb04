//! Diagnostics: every row that was skipped or repaired, as `FILE:LINE: message`, counted by
//! reason so nothing disappears silently.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

/// One skipped or repaired row (or, with line 0, a whole file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as named inside the export, or the notes file as given.
    pub file: String,
    /// The 1-based line where the row starts; 0 for the file as a whole.
    pub line: u64,
    /// A short category, used for counting ("bad date", "wrong field count", …).
    pub reason: &'static str,
    /// The full message.
    pub message: String,
    /// Whether the row was kept (repaired or kept with a gap) rather than skipped.
    pub kept: bool,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{}: {}", self.file, line, self.message),
        }
    }
}

/// A list of diagnostics in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a skipped row.
    pub fn skip(&mut self, file: &str, line: u64, reason: &'static str, message: String) {
        self.items.push(Diagnostic { file: file.to_string(), line, reason, message, kept: false });
    }

    /// Records a row that was kept but repaired or kept with a gap.
    pub fn repair(&mut self, file: &str, line: u64, reason: &'static str, message: String) {
        self.items.push(Diagnostic { file: file.to_string(), line, reason, message, kept: true });
    }

    /// All diagnostics, in order.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Moves all of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// How many rows of `file` were skipped.
    pub fn skipped_in(&self, file: &str) -> usize {
        self.items.iter().filter(|d| !d.kept && d.line > 0 && d.file == file).count()
    }

    /// Counts by (file, reason, kept), sorted.
    pub fn counts(&self) -> BTreeMap<(String, &'static str, bool), usize> {
        let mut counts = BTreeMap::new();
        for d in &self.items {
            *counts.entry((d.file.clone(), d.reason, d.kept)).or_insert(0) += 1;
        }
        counts
    }

    /// Writes the first `full` diagnostics in full — one line for rows that share a file and a
    /// message, naming their lines, rather than the same line once per row — then the rest as
    /// counts by reason.
    pub fn write_to(&self, mut w: impl Write, full: usize) -> io::Result<()> {
        let groups = self.alike();
        for (d, lines) in groups.iter().take(full) {
            match lines.as_slice() {
                [_] => writeln!(w, "{d}")?,
                [_, more @ ..] => {
                    let shown: Vec<String> = more.iter().take(10).map(u64::to_string).collect();
                    let etc = if more.len() > 10 { ", …" } else { "" };
                    let n = more.len();
                    let rows = if n == 1 { "row" } else { "rows" };
                    writeln!(
                        w,
                        "{d} (and {n} more {rows} like it: lines {}{etc})",
                        shown.join(", ")
                    )?
                }
                [] => {}
            }
        }
        if groups.len() <= full {
            return Ok(());
        }
        let rest: Vec<Diagnostic> = groups[full..]
            .iter()
            .flat_map(|(d, lines)| lines.iter().map(|_| (*d).clone()))
            .collect();
        let rest = Diagnostics { items: rest };
        writeln!(w, "… and {} more:", rest.items.len())?;
        for ((file, reason, kept), n) in rest.counts() {
            let what = if kept { "kept" } else { "skipped" };
            writeln!(w, "  {file}: {n} × {reason} ({what})")?;
        }
        Ok(())
    }

    /// The diagnostics grouped by file, message and outcome, in the order first met: each
    /// group's first diagnostic and the lines of all of them.
    fn alike(&self) -> Vec<(&Diagnostic, Vec<u64>)> {
        let mut at: std::collections::HashMap<(&str, &str, bool), usize> = Default::default();
        let mut groups: Vec<(&Diagnostic, Vec<u64>)> = Vec::new();
        for d in &self.items {
            let key = (d.file.as_str(), d.message.as_str(), d.kept);
            match at.get(&key) {
                Some(&g) => groups[g].1.push(d.line),
                None => {
                    at.insert(key, groups.len());
                    groups.push((d, vec![d.line]));
                }
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::Diagnostics;

    #[test]
    fn the_same_message_on_many_rows_is_one_line_naming_them() {
        let mut d = Diagnostics::default();
        for line in [3, 5, 9] {
            d.repair("messages.csv", line, "ambiguous", "\"Jo\" names 2 connections".into());
        }
        d.skip("notes.csv", 2, "bad date", "bad date \"x\"".into());
        let mut out = Vec::new();
        d.write_to(&mut out, 20).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "messages.csv:3: \"Jo\" names 2 connections (and 2 more rows like it: lines 5, 9)\n\
             notes.csv:2: bad date \"x\"\n"
        );
    }
}
