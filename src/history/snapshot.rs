//! One run's snapshot: every scored connection as a row of `scores.parquet` (the schema the
//! README documents, for polars, DuckDB or any Parquet reader) and `run.json`; and the
//! fingerprint that tells the same export analysed again from a new one.

use std::path::Path;

use polars::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use jiff::civil::Date;

use super::Meta;
use crate::error::{Error, Result};
use crate::score::Tier;

/// A scored connection as the history keeps it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Canonical profile URL; empty for hidden members and URL-less eras.
    pub profile_url: String,
    /// First and last name, as Connections.csv writes them.
    pub name: String,
    /// Company, as written.
    pub company: String,
    /// Position, as written.
    pub position: String,
    /// The day connected, when known.
    pub connected_on: Option<Date>,
    /// The tier.
    pub tier: Tier,
    /// 0–100.
    pub score: f64,
    /// The day of the last interaction of any kind, when there was one.
    pub last_interaction: Option<Date>,
    /// LinkedIn messages to them.
    pub messages_sent: u32,
    /// LinkedIn messages from them.
    pub messages_received: u32,
    /// Tagged keep in the notes.
    pub keep: bool,
    /// On this run's prune list.
    pub suggested_prune: bool,
}

impl Row {
    /// Who the row is across runs: the profile URL, else the name; `None` for a hidden member
    /// (no URL, no name), who cannot be followed from one export to the next.
    pub fn key(&self) -> Option<String> {
        person_key(&self.profile_url, &self.name)
    }
}

/// Who a connection is across runs, from its canonical profile URL (empty when none) and its
/// name: the URL, else `name:` and the name; `None` for a hidden member (neither).
pub fn person_key(profile_url: &str, name: &str) -> Option<String> {
    match (profile_url.is_empty(), name.trim().is_empty()) {
        (false, _) => Some(profile_url.to_string()),
        (true, false) => Some(format!("name:{name}")),
        (true, true) => None,
    }
}

/// A run to store: its rows and its description.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// What the run says about itself.
    pub meta: Meta,
    /// Every scored connection.
    pub rows: Vec<Row>,
}

/// SHA-256 over the day scored and what identifies the export: its date, every connection
/// (URL, name, day connected), and the count and last moment of messages and invitations.
pub fn fingerprint(e: &crate::export::Export, as_of: &str) -> String {
    let mut h = Sha256::new();
    h.update(format!("as_of={as_of};date={:?};", e.export_date));
    for c in &e.connections {
        let day = c.connected_on.map_or([0; 4], |d| {
            [(d.year() >> 8) as u8, d.year() as u8, d.month() as u8, d.day() as u8]
        });
        for field in [
            c.url.as_deref().unwrap_or("\0").as_bytes(),
            c.first_name.as_bytes(),
            c.last_name.as_bytes(),
            &day,
        ] {
            h.update((field.len() as u32).to_le_bytes());
            h.update(field);
        }
    }
    let last_message = e.messages.rows.iter().map(|m| m.time).max();
    let last_invitation = e.invitations.iter().map(|i| i.sent_at).max();
    h.update(format!(
        "messages={}/{last_message:?};invitations={}/{last_invitation:?}",
        e.messages.rows.len(),
        e.invitations.len()
    ));
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes rows as Parquet (zstd-compressed).
pub fn write_rows(path: &Path, rows: &[Row]) -> Result<()> {
    let text = |f: fn(&Row) -> &str| rows.iter().map(f).collect::<Vec<&str>>();
    let day = |f: fn(&Row) -> Option<Date>| {
        rows.iter().map(|r| f(r).map_or(String::new(), |d| d.to_string())).collect::<Vec<_>>()
    };
    let columns = vec![
        Column::new("profile_url".into(), text(|r| &r.profile_url)),
        Column::new("name".into(), text(|r| &r.name)),
        Column::new("company".into(), text(|r| &r.company)),
        Column::new("position".into(), text(|r| &r.position)),
        Column::new("connected_on".into(), day(|r| r.connected_on)),
        Column::new("tier".into(), text(|r| r.tier.name())),
        Column::new("score".into(), rows.iter().map(|r| r.score).collect::<Vec<f64>>()),
        Column::new("last_interaction".into(), day(|r| r.last_interaction)),
        Column::new(
            "messages_sent".into(),
            rows.iter().map(|r| r.messages_sent).collect::<Vec<u32>>(),
        ),
        Column::new(
            "messages_received".into(),
            rows.iter().map(|r| r.messages_received).collect::<Vec<u32>>(),
        ),
        Column::new("keep".into(), rows.iter().map(|r| r.keep).collect::<Vec<bool>>()),
        Column::new(
            "suggested_prune".into(),
            rows.iter().map(|r| r.suggested_prune).collect::<Vec<bool>>(),
        ),
    ];
    let unwritten =
        |e: PolarsError| Error::Output { path: path.to_path_buf(), message: e.to_string() };
    let mut df = DataFrame::new(rows.len(), columns).map_err(unwritten)?;
    let mut file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    ParquetWriter::new(&mut file).finish(&mut df).map_err(unwritten)?;
    Ok(())
}

/// Reads the rows of a snapshot's Parquet file.
pub fn read_rows(path: &Path) -> Result<Vec<Row>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let df = ParquetReader::new(file).finish().map_err(|e| bad(path, e))?;
    let c = Columns { df: &df, path };
    let score: Vec<f64> =
        c.column("score")?.f64().map_err(|e| bad(path, e))?.into_no_null_iter().collect();
    let (url, name, company, position) =
        (c.text("profile_url")?, c.text("name")?, c.text("company")?, c.text("position")?);
    let (connected, tier, last) =
        (c.days("connected_on")?, c.tiers("tier")?, c.days("last_interaction")?);
    let (sent, received) = (c.number("messages_sent")?, c.number("messages_received")?);
    let (keep, prune) = (c.flag("keep")?, c.flag("suggested_prune")?);
    Ok((0..df.height())
        .map(|i| Row {
            profile_url: url[i].clone(),
            name: name[i].clone(),
            company: company[i].clone(),
            position: position[i].clone(),
            connected_on: connected[i],
            tier: tier[i],
            score: score[i],
            last_interaction: last[i],
            messages_sent: sent[i],
            messages_received: received[i],
            keep: keep[i],
            suggested_prune: prune[i],
        })
        .collect())
}

/// A snapshot file that does not read, named.
fn bad(path: &Path, e: PolarsError) -> Error {
    Error::Input { file: path.display().to_string(), message: e.to_string() }
}

/// The columns of a snapshot's rows, each read whole and typed; a null or a malformed value
/// is an error naming the file and the column.
struct Columns<'d> {
    df: &'d DataFrame,
    path: &'d Path,
}

impl Columns<'_> {
    fn column(&self, name: &str) -> Result<&Column> {
        let c = self.df.column(name).map_err(|e| bad(self.path, e))?;
        if c.null_count() > 0 {
            let message = format!("nulls in column {name}");
            return Err(bad(self.path, PolarsError::ComputeError(message.into())));
        }
        Ok(c)
    }

    fn malformed(&self, name: &str, value: &str) -> Error {
        let message = format!("column {name} holds {value:?}");
        bad(self.path, PolarsError::ComputeError(message.into()))
    }

    fn text(&self, name: &str) -> Result<Vec<String>> {
        let c = self.column(name)?.str().map_err(|e| bad(self.path, e))?;
        Ok((0..c.len()).map(|i| c.get(i).unwrap_or_default().to_string()).collect())
    }

    fn number(&self, name: &str) -> Result<Vec<u32>> {
        Ok(self.column(name)?.u32().map_err(|e| bad(self.path, e))?.into_no_null_iter().collect())
    }

    fn flag(&self, name: &str) -> Result<Vec<bool>> {
        let c = self.column(name)?.bool().map_err(|e| bad(self.path, e))?;
        Ok((0..c.len()).map(|i| c.get(i).unwrap_or_default()).collect())
    }

    /// `YYYY-MM-DD`, or empty for none.
    fn days(&self, name: &str) -> Result<Vec<Option<Date>>> {
        let read = |t: String| match t.as_str() {
            "" => Ok(None),
            t => t.parse().map(Some).map_err(|_| self.malformed(name, t)),
        };
        self.text(name)?.into_iter().map(read).collect()
    }

    fn tiers(&self, name: &str) -> Result<Vec<Tier>> {
        let read = |t: String| Tier::from_name(&t).ok_or_else(|| self.malformed(name, &t));
        self.text(name)?.into_iter().map(read).collect()
    }
}
