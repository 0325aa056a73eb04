//! The days a run can be scored at: the export's data range, the as-of day checked against
//! it, and the moment a day ends.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::export;

/// The first and the last day the export's data speaks of: connections made, messages and
/// invitations sent, and the export's own date; `None` for an export without any.
pub fn data_days(export: &export::Export) -> Option<(Date, Date)> {
    let utc = |t: Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
    let days = export
        .messages
        .rows
        .iter()
        .map(|m| utc(m.time))
        .chain(export.invitations.iter().map(|i| utc(i.sent_at)))
        .chain(export.connections.iter().filter_map(|c| c.connected_on))
        .chain(export.export_date);
    days.fold(None, |range, d| match range {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

/// Refuses an as-of day before anything in the export (an empty report would say nothing);
/// a day after its last day is allowed — the silence since counts as silence — and said.
pub(super) fn check_as_of(day: Option<Date>, export: &export::Export) -> Result<Option<String>> {
    let (Some(day), Some((first, last))) = (day, data_days(export)) else { return Ok(None) };
    if day < first {
        return Err(Error::Usage(format!(
            "--as-of {day} is before anything in this export: its data runs from {first} to \
             {last}; choose a day in that range"
        )));
    }
    Ok((day > last).then(|| {
        format!(
            "--as-of {day} is after the export's last day, {last}: nothing later is known, so \
             the scores count the {} days since as silence",
            (day - last).get_days()
        )
    }))
}

/// The end of the given day (UTC); without one, the latest moment in the data.
pub fn as_of_moment(day: Option<Date>, export: &export::Export) -> Timestamp {
    if let Some(t) = day.and_then(day_end) {
        return t;
    }
    latest(export).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The last moment of day `d` (UTC).
fn day_end(d: Date) -> Option<Timestamp> {
    d.at(23, 59, 59, 0).to_zoned(jiff::tz::TimeZone::UTC).map(|z| z.timestamp()).ok()
}

/// The latest moment the export's files speak of: a message, an invitation, a connection made.
fn latest(export: &export::Export) -> Option<Timestamp> {
    export
        .messages
        .rows
        .iter()
        .map(|m| m.time)
        .chain(export.invitations.iter().map(|i| i.sent_at))
        .chain(export.connections.iter().filter_map(|c| c.connected_on.and_then(day_end)))
        .max()
}

/// Where the day a run is scored as of came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOfFrom {
    /// `--as-of`.
    Given,
    /// The `MM-DD-YYYY` in the export's file or folder name.
    ExportName,
    /// No date in the name: the last day the export's files speak of.
    LastInFiles,
    /// Nothing in the export is dated: the scores are as of 1970-01-01.
    Nothing,
}

impl AsOfFrom {
    /// Where [`as_of_moment`] takes its day from, given `day` (`--as-of`) and `export`.
    pub fn of(day: Option<Date>, export: &export::Export) -> AsOfFrom {
        match (day, export.export_date) {
            (Some(_), _) => AsOfFrom::Given,
            (None, Some(_)) => AsOfFrom::ExportName,
            (None, None) if latest(export).is_some() => AsOfFrom::LastInFiles,
            (None, None) => AsOfFrom::Nothing,
        }
    }

    /// Where the day came from in words, for a day not given with `--as-of`.
    pub fn words(self) -> Option<&'static str> {
        match self {
            AsOfFrom::Given => None,
            AsOfFrom::ExportName => Some("the date in the export's name"),
            AsOfFrom::LastInFiles => {
                Some("the last day in the export's files; its name has no date")
            }
            AsOfFrom::Nothing => Some("nothing in the export is dated"),
        }
    }
}
