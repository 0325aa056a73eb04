//! `followup.ics`: the follow-up plan of `followup.csv` as an iCalendar file (RFC 5545) to
//! import into a calendar — one all-day entry per follow-up due within [`WEEKS`] weeks, on
//! the day `followup.csv` gives (an overdue one on the as-of day), saying whom, why, and
//! where their profile is. Each entry's UID comes from the owner and the person, never the
//! day, so importing the next run's file moves an entry instead of adding a second one; its
//! SEQUENCE and DTSTAMP grow with the as-of day, so the newer entry wins.
//!
//! The `calcard` crate writes the file: it escapes text values and folds lines at 75 octets,
//! so a name full of line breaks, commas and semicolons stays inside its property.

use calcard::common::{CalendarScale, PartialDateTime};
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarMethod,
    ICalendarParameter, ICalendarProperty as P, ICalendarTransparency, ICalendarValue,
    ICalendarValueType, Uri,
};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

use super::Analysis;
use super::lists::Followup;
use super::view::profile_link;
use crate::score::{Scored, day_of};

/// The calendar holds the follow-ups due within this many weeks of the as-of day.
pub const WEEKS: i64 = 12;

/// The iCalendar text of the follow-ups in `plan` due within [`WEEKS`] weeks of the as-of day.
pub fn followup_ics(a: &Analysis<'_>, plan: &[Followup]) -> String {
    let today = day_of(a.as_of).unwrap_or_default();
    let last = today.checked_add(jiff::Span::new().days(7 * WEEKS)).unwrap_or(today);
    let owner = a.people.owner.identity().unwrap_or_default();
    let mut scored: Vec<Option<&Scored>> = vec![None; a.export.connections.len()];
    for s in a.scored {
        scored[s.connection] = Some(s);
    }
    let mut head = ICalendarComponent::new(ICalendarComponentType::VCalendar);
    head.add_property(P::Version, "2.0".to_string());
    head.add_property(P::Prodid, "-//netsift//follow-up plan//EN".to_string());
    head.add_property(P::Calscale, ICalendarValue::CalendarScale(CalendarScale::Gregorian));
    head.add_property(P::Method, ICalendarValue::Method(ICalendarMethod::Publish));
    head.add_property(P::Other("X-WR-CALNAME".into()), "netsift follow-ups".to_string());
    let mut components = vec![head];
    let stamp = moment(a.as_of);
    for f in plan.iter().filter(|f| f.due.is_some_and(|d| d <= last)) {
        let day = f.due.map_or(today, |d| d.max(today));
        let entry = Entry { a, f, scored: scored[f.connection], owner: &owner, day };
        let id = components.len() as u32;
        components[0].component_ids.push(id);
        components.push(entry.event(&stamp, sequence(today)));
    }
    ICalendar { components }.to_string()
}

/// One follow-up as the calendar shows it.
struct Entry<'e> {
    a: &'e Analysis<'e>,
    f: &'e Followup,
    scored: Option<&'e Scored>,
    owner: &'e str,
    /// The day it goes on.
    day: Date,
}

impl Entry<'_> {
    fn event(&self, stamp: &PartialDateTime, sequence: i64) -> ICalendarComponent {
        let c = &self.a.export.connections[self.f.connection];
        let name = text(&c.full_name());
        let url = super::kept::profile_url(self.a, self.f.connection);
        let whom = if name.trim().is_empty() { "a connection" } else { &name };
        let mut event = ICalendarComponent::new(ICalendarComponentType::VEvent);
        let person = super::kept::key(self.a, self.f.connection).unwrap_or_default();
        event.add_uid(&uid(self.owner, &person));
        event.add_dtstamp(stamp.clone());
        event.add_property(P::LastModified, stamp.clone());
        event.add_sequence(sequence);
        let all_day = || [ICalendarParameter::value(ICalendarValueType::Date)];
        event.add_property_with_params(P::Dtstart, all_day(), day(self.day));
        event.add_property_with_params(
            P::Dtend,
            all_day(),
            day(self.day.tomorrow().unwrap_or(self.day)),
        );
        event.add_property(P::Summary, format!("Follow up with {whom}"));
        event.add_property(P::Description, self.why(&url));
        event.add_property(
            P::Transp,
            ICalendarValue::Transparency(ICalendarTransparency::Transparent),
        );
        if let Some(link) = profile_link(&url) {
            event.entries.push(ICalendarEntry::new(P::Url).with_value(Uri::Location(link)));
        }
        event
    }

    /// Why this follow-up, in words: the last contact, the cadence and where it comes from,
    /// the day it was due, the tier, the score and its reasons, the profile.
    fn why(&self, url: &str) -> String {
        let f = self.f;
        let every = format!("every {} days", f.cadence_days);
        let cadence = match f.cadence_from.strip_prefix("tag:") {
            Some(tag) => format!("{every}, the cadence of the tag {}", text(tag)),
            None if f.cadence_from == "rhythm" => format!("{every}, from your usual rhythm"),
            None => format!("{every}, the default until you have a rhythm"),
        };
        let due = match f.overdue_days {
            0 => format!("Due today ({}).", f.next_contact),
            d if d > 0 => format!("Due on {}, {d} days ago.", f.next_contact),
            _ => format!("Due on {}.", f.next_contact),
        };
        let mut lines =
            vec![format!("Last in touch on {}; keep in touch {cadence}.", f.last_contact), due];
        if let Some(s) = self.scored {
            let tier = s.tier.name();
            let tier = format!("{}{}", tier[..1].to_uppercase(), &tier[1..]);
            let score = format!("{tier} relationship, score {:.0} of 100", s.score);
            lines.push(match s.reasons.as_slice() {
                [] => format!("{score}."),
                reasons => format!("{score}: {}.", text(&reasons.join("; "))),
            });
        }
        if let Some(link) = profile_link(url) {
            lines.push(link);
        }
        lines.join("\n")
    }
}

/// Text from the export for a TEXT value: a line break of any kind becomes `\n` (which the
/// writer escapes), other control characters go; everything else the writer escapes.
fn text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars().filter(|&c| c == '\n' || c == '\t' || !c.is_control()).collect()
}

/// The entry's UID: the owner and the person's identity across runs, hashed — never the day,
/// so the next run's entry for the same person replaces this one.
fn uid(owner: &str, person: &str) -> String {
    let digest = Sha256::digest(format!("netsift follow-up\n{owner}\n{person}"));
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@netsift")
}

/// A day as an iCalendar DATE.
fn day(d: Date) -> PartialDateTime {
    PartialDateTime {
        year: u16::try_from(d.year()).ok(),
        month: Some(d.month() as u8),
        day: Some(d.day() as u8),
        ..PartialDateTime::default()
    }
}

/// A moment (seconds since 1970) as an iCalendar DATE-TIME in UTC.
fn moment(seconds: i64) -> PartialDateTime {
    let t =
        jiff::Timestamp::from_second(seconds).unwrap_or_default().to_zoned(jiff::tz::TimeZone::UTC);
    PartialDateTime {
        hour: Some(t.hour() as u8),
        minute: Some(t.minute() as u8),
        second: Some(t.second() as u8),
        tz_hour: Some(0),
        tz_minute: Some(0),
        ..day(t.date())
    }
}

/// A SEQUENCE that grows with the as-of day (days since 2000-01-01): the entry of a later run
/// supersedes the earlier one.
fn sequence(today: Date) -> i64 {
    let epoch = jiff::civil::date(2000, 1, 1);
    i64::from((today - epoch).get_days().max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_depend_on_owner_and_person_only() {
        let a = uid("https://www.linkedin.com/in/owen", "https://www.linkedin.com/in/ada");
        assert_eq!(a, uid("https://www.linkedin.com/in/owen", "https://www.linkedin.com/in/ada"));
        assert_ne!(a, uid("https://www.linkedin.com/in/olive", "https://www.linkedin.com/in/ada"));
        assert_ne!(a, uid("https://www.linkedin.com/in/owen", "name:Ada"));
        assert!(a.ends_with("@netsift") && a.len() == 32 + 8, "{a}");
    }

    #[test]
    fn text_keeps_line_breaks_and_drops_other_controls() {
        assert_eq!(text("a\r\nb\rc\nd\u{1b}[2Je\tf"), "a\nb\nc\nd[2Je\tf");
        let d = jiff::civil::date(2026, 11, 20);
        assert!(sequence(d) > sequence(jiff::civil::date(2026, 11, 19)));
    }
}
