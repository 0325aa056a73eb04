//! `followup.ics`, read back with an independent parser (icalendar's; the file is written
//! with calcard): one entry per follow-up of followup.csv due within twelve weeks, on its day,
//! with whom, why and the profile; UIDs that survive the next export; a hostile name that
//! stays inside its property.

use std::collections::BTreeMap;
use std::path::Path;

use icalendar::parser::{read_calendar, unfold};
use jiff::civil::Date;

use crate::util::TestDir;

/// An entry of the calendar: each property's name and value (a DATE as `YYYY-MM-DD`), in order.
type Event = Vec<(String, String)>;

/// The events of an .ics file, parsed by icalendar's parser, after checking its lines:
/// CRLF-ended and at most 75 octets each (RFC 5545, 3.1).
fn events(path: &Path) -> Vec<Event> {
    let text = std::fs::read_to_string(path).expect("followup.ics is UTF-8");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains(['\r', '\n']), "a bare line break: {line:?}");
    }
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("followup.ics parses");
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| {
                    let date = p
                        .params
                        .iter()
                        .any(|q| q.key == "VALUE" && q.val.as_ref().is_some_and(|v| v == &"DATE"));
                    let value = p.val.as_str();
                    let value = match jiff::civil::Date::strptime("%Y%m%d", value) {
                        Ok(d) if date => d.to_string(),
                        _ => value.to_string(),
                    };
                    (p.name.as_str().to_string(), value)
                })
                .collect()
        })
        .collect()
}

/// The one value of property `name` in `event`; fails unless it is there exactly once.
fn one<'e>(event: &'e Event, name: &str) -> &'e str {
    let found: Vec<&(String, String)> = event.iter().filter(|(n, _)| n == name).collect();
    assert_eq!(found.len(), 1, "{name} once in {event:?}");
    &found[0].1
}

/// The rows of a CSV netsift wrote, by column name.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("a CSV netsift wrote");
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// A cell as the export wrote it: the spreadsheet guard taken off.
fn unguarded(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn day(text: &str) -> Date {
    text.parse().expect("YYYY-MM-DD")
}

#[test]
fn followup_ics_holds_the_next_twelve_weeks_of_followup_csv() {
    let dir = TestDir::new("ics");
    dir.run(&["sample", "--out", "s", "--seed", "3", "-q"], 0);
    let export = "s/Complete_LinkedInDataExport_11-20-2026";
    dir.run(&["analyze", export, "--notes", "s/notes.csv", "--out", "r", "-q"], 0);
    let as_of = day("2026-11-20");
    let horizon = as_of.checked_add(jiff::Span::new().days(84)).unwrap();
    let plan: Vec<_> = rows(&dir.path("r/followup.csv"))
        .into_iter()
        .filter(|r| day(&r["next_contact"]) <= horizon)
        .collect();
    let events = events(&dir.path("r/followup.ics"));
    assert_eq!(events.len(), plan.len(), "one entry per follow-up due within 12 weeks");
    assert!(plan.iter().any(|r| r["overdue_days"].starts_with('-')), "some are not due yet");
    assert!(plan.iter().any(|r| !r["overdue_days"].starts_with('-')), "some are overdue");
    assert!(plan.iter().any(|r| r["cadence_from"].starts_with("tag:")), "a tag's cadence");
    let mut uids = std::collections::BTreeSet::new();
    for (row, event) in plan.iter().zip(&events) {
        let name = unguarded(&row["name"]);
        assert_eq!(one(event, "SUMMARY"), format!("Follow up with {name}"));
        // Overdue follow-ups go on the as-of day; the others on their day.
        let due = day(&row["next_contact"]).max(as_of);
        assert_eq!(one(event, "DTSTART"), due.to_string(), "{name}");
        assert_eq!(one(event, "DTEND"), due.tomorrow().unwrap().to_string(), "{name}");
        assert_eq!(one(event, "URL"), row["profile_url"]);
        let why = one(event, "DESCRIPTION");
        for said in [
            format!("Last in touch on {}", row["last_contact"]),
            format!("every {} days", row["cadence_days"]),
            format!("{} relationship, score ", capitalised(&row["tier"])),
            row["next_contact"].clone(),
            row["profile_url"].clone(),
        ] {
            assert!(why.contains(&said), "{said:?} in {why:?}");
        }
        if let Some(tag) = row["cadence_from"].strip_prefix("tag:") {
            assert!(why.contains(&format!("the cadence of the tag {tag}")), "{why}");
        }
        assert!(uids.insert(one(event, "UID").to_string()), "UIDs are unique");
        assert_eq!(one(event, "TRANSP"), "TRANSPARENT");
    }
}

#[test]
fn the_next_exports_calendar_keeps_each_persons_uid() {
    let dir = TestDir::new("ics-uids");
    let mut by_url: Vec<BTreeMap<String, (String, String)>> = Vec::new();
    for (date, folder) in [("2026-05-20", "05-20-2026"), ("2026-11-20", "11-20-2026")] {
        let out = format!("s-{date}");
        dir.run(&["sample", "--out", &out, "--date", date, "-q"], 0);
        let export = format!("{out}/Complete_LinkedInDataExport_{folder}");
        let report = format!("r-{date}");
        dir.run(&["analyze", &export, "--history", "h", "--out", &report, "-q"], 0);
        let events = events(&dir.path(&report).join("followup.ics"));
        by_url.push(
            events
                .iter()
                .map(|e| {
                    let (uid, start) = (one(e, "UID"), one(e, "DTSTART"));
                    (one(e, "URL").to_string(), (uid.to_string(), start.to_string()))
                })
                .collect(),
        );
    }
    let (before, after) = (&by_url[0], &by_url[1]);
    let both: Vec<&String> = before.keys().filter(|u| after.contains_key(*u)).collect();
    assert!(both.len() >= 10, "the same people are due in both runs: {both:?}");
    for url in &both {
        assert_eq!(before[*url].0, after[*url].0, "{url} keeps its UID");
        assert_ne!(before[*url].1, after[*url].1, "{url} moved to another day all the same");
    }
    let mut uids: Vec<&String> = after.values().map(|(u, _)| u).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), after.len(), "one UID per person");
}

#[test]
fn a_hostile_name_stays_inside_its_property() {
    let dir = TestDir::new("ics-hostile");
    let url = |s: &str| format!("https://www.linkedin.com/in/{s}");
    let long = "Ω, long; ".repeat(400);
    let first = "Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil";
    let last = format!("Mal;lory, Jr.\\n\nDTSTART:19700101\rX-INJECT:1 {long}");
    dir.create(
        "e/Connections.csv",
        format!(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             \"{first}\",\"{last}\",{},,Co,Role,01 Jan 2024\n\
             Ada,Plain,{},,Co,Role,01 Jan 2024",
            url("eve"),
            url("ada")
        ),
    );
    let mut m = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n",
    );
    for who in ["eve", "ada"] {
        for month in 5..=10 {
            for (from, to, hour) in [("owen", who, 9), (who, "owen", 10)] {
                m.push_str(&format!(
                    "c-{who},,{from},{},{to},{},2026-{month:02}-0{} {hour:02}:00:00 UTC,,hi,INBOX\n",
                    url(from),
                    url(to),
                    if who == "eve" { 1 } else { 2 }
                ));
            }
        }
    }
    dir.create("e/messages.csv", m);
    dir.run(&["analyze", "e", "--out", "r", "--as-of", "2026-11-20", "--no-history", "-q"], 0);
    let plan = rows(&dir.path("r/followup.csv"));
    assert_eq!(plan.len(), 2, "both are living relationships: {plan:?}");
    let events = events(&dir.path("r/followup.ics"));
    assert_eq!(events.len(), 2, "no entry injected: {events:?}");
    // The name as netsift read it (followup.csv), line breaks as LF: TEXT has no other.
    let row = plan.iter().find(|r| r["profile_url"] == url("eve")).expect("Eve's row");
    let expected = unguarded(&row["name"]).replace("\r\n", "\n").replace('\r', "\n");
    for part in ["END:VEVENT\nBEGIN:VEVENT\nUID:evil", "Mal;lory, Jr.\\n\nDTSTART", &long[..40]] {
        assert!(expected.contains(part), "{part:?} in {expected:?}");
    }
    let eve = events.iter().find(|e| one(e, "URL") == url("eve")).expect("Eve's entry");
    assert_eq!(one(eve, "SUMMARY"), format!("Follow up with {expected}"));
    let names: Vec<&str> = eve.iter().map(|(n, _)| n.as_str()).collect();
    let ada = events.iter().find(|e| one(e, "URL") == url("ada")).expect("Ada's entry");
    let plain: Vec<&str> = ada.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, plain, "the same properties as a plain name's entry");
    assert_ne!(one(eve, "UID"), "evil");
    assert_ne!(one(eve, "DTSTART"), "1970-01-01");
}
