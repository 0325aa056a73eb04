//! Time in the generator: Unix seconds (`i64`) to draw and order, and the forms the export
//! writes them in, by jiff: UTC for messages, endorsements, Connections and notes, US style for
//! recommendations, Pacific time for invitations.

use std::io;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(super) const DAY: i64 = 86_400;
pub(super) const YEAR: i64 = 365 * DAY;
const EPOCH: DateTime = DateTime::constant(1970, 1, 1, 0, 0, 0, 0);

/// Days from 1970-01-01 to `date`.
pub(super) fn days(date: Date) -> i64 {
    date.duration_since(EPOCH.date()).as_secs() / DAY
}

/// A Unix time in UTC, written by a strftime `format`: `%Y-%m-%d %H:%M:%S UTC` (messages),
/// `%Y/%m/%d %H:%M:%S UTC` (endorsements), `%d %b %-Y` (Connections), `%Y-%m-%d` (notes).
pub(super) fn utc(secs: i64, format: &str) -> io::Result<String> {
    Ok(civil(secs)?.strftime(format).to_string())
}

/// `03/07/26, 01:07 PM`, UTC, as Recommendations write it.
pub(super) fn us_utc(secs: i64) -> io::Result<String> {
    Ok(us_stamp(civil(secs)?, true))
}

/// `3/7/26, 1:07 PM`, Pacific time, as Invitations write it.
pub(super) fn us_pacific(tz: &TimeZone, secs: i64) -> io::Result<String> {
    let at = Timestamp::from_second(secs).map_err(io::Error::other)?;
    Ok(us_stamp(tz.to_datetime(at), false))
}

/// The UTC date and time of a Unix time. Civil arithmetic covers every second before the latest
/// export date (9999-12-31); a `Timestamp` stops two hours short of it.
fn civil(secs: i64) -> io::Result<DateTime> {
    EPOCH.checked_add(SignedDuration::from_secs(secs)).map_err(io::Error::other)
}

/// `3/7/26, 1:07 PM` or, padded, `03/07/26, 01:07 PM`. The two-digit year is the year modulo
/// 100, always `00`–`99`: jiff's `%y` would write year -1 as `-01`.
fn us_stamp(at: DateTime, pad: bool) -> String {
    let yy = at.year().rem_euclid(100);
    let format = match pad {
        true => format!("%m/%d/{yy:02}, %I:%M %p"),
        false => format!("%-m/%-d/{yy:02}, %-I:%M %p"),
    };
    at.strftime(&format).to_string()
}

/// A value in `lo..hi`, or `lo` when that range is empty.
pub(super) fn span(rng: &mut ChaCha8Rng, lo: i64, hi: i64) -> i64 {
    if hi > lo { rng.random_range(lo..hi) } else { lo }
}

/// A value in `0..max`, denser near 0 (recent, when subtracted from now).
pub(super) fn recent(rng: &mut ChaCha8Rng, max: i64) -> i64 {
    let u: f64 = rng.random();
    (max as f64 * u * u) as i64
}

/// `(from, to)` with `from <= to < now`; a `to` in the future is drawn again before `now`.
pub(super) fn clamp(rng: &mut ChaCha8Rng, from: i64, to: i64, now: i64) -> (i64, i64) {
    let to = if to < now { to } else { span(rng, from.min(now - 1), now) };
    (from.min(to), to)
}
