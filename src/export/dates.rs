//! Every date and time form the export has used, 2018–2026, plus the ones spreadsheets write
//! back: `16 May 2020`, `"1/8/18, 6:14 PM"`, `2021-06-15 16:37:00 UTC`, `2019-11-06T02:08:20`,
//! `2024/01/31 18:02:11 UTC`, `9-Sep-22`, `18.06.2024`. Times without a zone are read in the
//! zone the caller says (Invitations and Recommendations are US Pacific).

use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// The zone in which a time without one is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Coordinated Universal Time.
    Utc,
    /// America/Los_Angeles, DST-aware: LinkedIn's `M/D/YY, h:mm AM` times.
    Pacific,
}

/// A date (and maybe a time of day) as written, before a zone is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Parsed {
    date: Date,
    time: Option<(i8, i8, i8)>,
    utc: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Num(i32, usize),
    Word(&'a str),
    Sep(u8),
}

/// Parses the date part of any supported form.
pub fn parse_date(s: &str) -> Option<Date> {
    parse(s).map(|p| p.date)
}

/// Parses a date-time of any supported form; a form that names UTC is UTC, a form without a
/// zone is read in `zone`, a bare date is taken at midnight.
pub fn parse_time(s: &str, zone: Zone) -> Option<Timestamp> {
    let p = parse(s)?;
    let (h, m, sec) = p.time.unwrap_or((0, 0, 0));
    let dt = DateTime::new(p.date.year(), p.date.month(), p.date.day(), h, m, sec, 0).ok()?;
    let tz = match (p.utc, zone) {
        (true, _) | (false, Zone::Utc) => &TimeZone::UTC,
        (false, Zone::Pacific) => pacific()?,
    };
    tz.to_timestamp(dt).ok()
}

fn pacific() -> Option<&'static TimeZone> {
    static PACIFIC: OnceLock<Option<TimeZone>> = OnceLock::new();
    PACIFIC.get_or_init(|| TimeZone::get("America/Los_Angeles").ok()).as_ref()
}

/// Reads any supported form: the messages' own quickly, any other token by token.
fn parse(s: &str) -> Option<Parsed> {
    let s = s.trim();
    if let Some(p) = fast_utc(s) {
        return Some(p);
    }
    let mut toks = [Tok::Sep(0); 16];
    let n = tokenize(s, &mut toks)?;
    let (date, rest) = date_part(&toks[..n])?;
    let rest = match rest {
        [Tok::Sep(b','), rest @ ..] | [Tok::Word("T" | "t"), rest @ ..] => rest,
        rest => rest,
    };
    let (time, rest) = time_part(rest);
    let utc = match rest {
        [] => false,
        [Tok::Word(z)] if z.eq_ignore_ascii_case("utc") || *z == "Z" => true,
        _ => return None,
    };
    let time = match time {
        Some((h @ 0..=23, m @ 0..=59, s @ 0..=60)) => Some((h as i8, m as i8, s.min(59) as i8)),
        Some(_) => return None,
        None => None,
    };
    Some(Parsed { date, time, utc })
}

/// The date that `toks` start with, in any of the supported orders, and the tokens after it.
fn date_part<'t, 'a>(toks: &'t [Tok<'a>]) -> Option<(Date, &'t [Tok<'a>])> {
    use Tok::*;
    match toks {
        // 2021-06-15 16:37:00 UTC, 2019-11-06T02:08:20, 2024-06-18
        [Num(y, 4), Sep(b'-'), Num(m, _), Sep(b'-'), Num(d, _), rest @ ..]
        // 2024/01/31 18:02:11 UTC
        | [Num(y, 4), Sep(b'/'), Num(m, _), Sep(b'/'), Num(d, _), rest @ ..] => Some((ymd(*y, *m, *d)?, rest)),
        // 1/8/18, 6:14 PM and 04/15/24, 09:25 PM (US order)
        [Num(m, 1..=2), Sep(b'/'), Num(d, 1..=2), Sep(b'/'), Num(y, yl @ (2 | 4)), rest @ ..] => {
            Some((ymd(year(*y, *yl), *m, *d)?, rest))
        }
        // 18.06.2024 (European spreadsheets)
        [Num(d, 1..=2), Sep(b'.'), Num(m, 1..=2), Sep(b'.'), Num(y, yl @ (2 | 4)), rest @ ..] => {
            Some((ymd(year(*y, *yl), *m, *d)?, rest))
        }
        // 16 May 2020
        [Num(d, 1..=2), Word(mon), Num(y, 4), rest @ ..] => Some((ymd(*y, month(mon)?, *d)?, rest)),
        // 9-Sep-22, 18-Jun-2024
        [Num(d, 1..=2), Sep(b'-'), Word(mon), Sep(b'-'), Num(y, yl @ (2 | 4)), rest @ ..] => {
            Some((ymd(year(*y, *yl), month(mon)?, *d)?, rest))
        }
        _ => None,
    }
}

/// The time of day that `toks` may start with (`h:mm` or `h:mm:ss`, maybe then AM or PM),
/// on the 24-hour clock but not yet checked, and the tokens after it.
fn time_part<'t, 'a>(toks: &'t [Tok<'a>]) -> (Option<(i32, i32, i32)>, &'t [Tok<'a>]) {
    use Tok::*;
    let (time, rest) = match toks {
        [Num(h, 1..=2), Sep(b':'), Num(m, 2), Sep(b':'), Num(s, 2), rest @ ..] => {
            (Some((*h, *m, *s)), rest)
        }
        [Num(h, 1..=2), Sep(b':'), Num(m, 2), rest @ ..] => (Some((*h, *m, 0)), rest),
        rest => (None, rest),
    };
    match (time, rest) {
        (Some((h @ 1..=12, m, s)), [Word(ampm), rest @ ..]) if is_ampm(ampm) => {
            let pm = ampm.eq_ignore_ascii_case("pm");
            let h = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            (Some((h, m, s)), rest)
        }
        other => other,
    }
}

/// The form of every message since 2021, `2021-06-15 16:37:00 UTC`, read without tokenizing.
fn fast_utc(s: &str) -> Option<Parsed> {
    let b = s.as_bytes();
    if b.len() != 23 || &b[19..] != b" UTC" || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        b[r].iter()
            .try_fold(0i32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as i32))
    };
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = ymd(num(0..4)?, num(5..7)?, num(8..10)?)?;
    let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(Parsed { date, time: Some((h as i8, m as i8, sec.min(59) as i8)), utc: true })
}

fn tokenize<'a>(s: &'a str, out: &mut [Tok<'a>; 16]) -> Option<usize> {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let c = b[i];
        let start = i;
        let tok = if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start > 4 {
                return None;
            }
            Tok::Num(s[start..i].parse().ok()?, i - start)
        } else if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            Tok::Word(&s[start..i])
        } else if c == b' ' || c == b'\t' {
            i += 1;
            continue;
        } else if matches!(c, b'-' | b'/' | b'.' | b':' | b',') {
            i += 1;
            Tok::Sep(c)
        } else {
            return None;
        };
        *out.get_mut(n)? = tok;
        n += 1;
    }
    Some(n)
}

fn ymd(y: i32, m: i32, d: i32) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Two-digit years: LinkedIn dates are all after 2000; 70–99 are read as 19xx.
fn year(y: i32, digits: usize) -> i32 {
    match (digits, y) {
        (2, 0..=69) => 2000 + y,
        (2, _) => 1900 + y,
        _ => y,
    }
}

fn month(name: &str) -> Option<i32> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    let full = ["january", "february", "march", "april", "may", "june", "july", "august"];
    let ok = name.len() == 3
        || full.contains(&lower.as_str())
        || ["september", "sept", "october", "november", "december"].contains(&lower.as_str());
    if !ok {
        return None;
    }
    MONTHS.iter().position(|m| *m == key).map(|i| i as i32 + 1)
}

fn is_ampm(w: &str) -> bool {
    w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> String {
        parse_time(s, Zone::Utc).map(|t| t.to_string()).unwrap_or_else(|| "none".into())
    }

    fn pt(s: &str) -> String {
        parse_time(s, Zone::Pacific).map(|t| t.to_string()).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn every_export_form() {
        assert_eq!(utc("2021-06-15 16:37:00 UTC"), "2021-06-15T16:37:00Z");
        assert_eq!(utc("2019-11-06T02:08:20"), "2019-11-06T02:08:20Z");
        assert_eq!(utc("2024/01/31 18:02:11 UTC"), "2024-01-31T18:02:11Z");
        assert_eq!(utc("1/8/18, 6:14 PM"), "2018-01-08T18:14:00Z");
        assert_eq!(utc("12/31/18, 12:05 AM"), "2018-12-31T00:05:00Z");
        assert_eq!(parse_date("16 May 2020").map(|d| d.to_string()).as_deref(), Some("2020-05-16"));
        assert_eq!(parse_date("09 Sep 2022").map(|d| d.to_string()).as_deref(), Some("2022-09-09"));
    }

    #[test]
    fn pacific_times_follow_daylight_saving() {
        // Summer: UTC−7; winter: UTC−8.
        assert_eq!(pt("3/23/26, 2:32 PM"), "2026-03-23T21:32:00Z");
        assert_eq!(pt("1/7/26, 1:07 PM"), "2026-01-07T21:07:00Z");
        assert_eq!(pt("04/15/24, 09:25 PM"), "2024-04-16T04:25:00Z");
        // A form that names UTC stays UTC whatever the caller's zone.
        assert_eq!(pt("2021-06-15 16:37:00 UTC"), "2021-06-15T16:37:00Z");
    }

    #[test]
    fn spreadsheet_rewrites() {
        let d = |s| parse_date(s).map(|d| d.to_string()).unwrap_or_else(|| "none".into());
        assert_eq!(d("9-Sep-22"), "2022-09-09");
        assert_eq!(d("18-Jun-24"), "2024-06-18");
        assert_eq!(d("18.06.2024"), "2024-06-18");
        assert_eq!(d("2024-06-18"), "2024-06-18");
        assert_eq!(d("6/18/2024"), "2024-06-18");
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in
            ["", "NA", "31 Foo 2020", "2024-13-01 00:00:00 UTC", "30 Feb 2020", "soon", "1/2/3/4"]
        {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(utc("2024-01-01 25:00:00 UTC"), "none");
    }
}
