//! Job changes: in a later export of the same owner where the generator moved a known set of
//! people (and renamed some employers only in case or legal suffix, and left a company and a
//! title blank), exactly the movers are listed — in changes.csv, the report, `netsift diff` and
//! analyze's line — and the dormant and active ones among them lead reconnect.csv.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use netsift::report::jobs::CHANGES;
use serde_json::Value;

use crate::util::{TestDir, stdout};

type Row = HashMap<String, String>;

fn read_csv(path: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(path).expect("a CSV netsift wrote");
    let header = r.headers().expect("header").clone();
    let cells = |rec: csv::StringRecord| -> Row {
        header.iter().zip(&rec).map(|(h, v)| (h.into(), v.into())).collect()
    };
    r.records().map(|rec| cells(rec.expect("row"))).collect()
}

fn by_url(rows: &[Row]) -> BTreeMap<&str, &Row> {
    rows.iter().map(|r| (r["profile_url"].as_str(), r)).collect()
}

fn urls<'r>(rows: impl IntoIterator<Item = &'r Row>) -> BTreeSet<String> {
    rows.into_iter().map(|r| r["profile_url"].clone()).collect()
}

const SAMPLE: [&str; 8] =
    ["sample", "--connections", "200", "--messages", "2500", "--seed", "5", "-q"];
const LATER: [&str; 9] =
    ["--out", "s2", "--date", "2027-02-20", "--after", "2026-11-20", "--moves", "30", "--truth"];

/// The first export, analysed alone, then the later one: their report folders r1 and r2.
fn two_runs(dir: &TestDir) -> (String, String) {
    dir.run(&[&SAMPLE[..], &["--out", "s"]].concat(), 0);
    dir.run(&[&SAMPLE[..], &LATER[..]].concat(), 0);
    let e1 = "s/Complete_LinkedInDataExport_11-20-2026";
    let first = dir.run(&["analyze", e1, "--history", "h", "--out", "r1"], 0);
    let e2 = "s2/Complete_LinkedInDataExport_02-20-2027";
    let second = dir.run(&["analyze", e2, "--history", "h", "--out", "r2"], 0);
    (stdout(&first), stdout(&second))
}

#[test]
fn a_later_export_lists_exactly_the_people_who_moved() {
    let dir = TestDir::new("jobs");
    let (first, second) = two_runs(&dir);

    // No earlier run: an empty list that names its columns, and the page says when to expect one.
    assert!(first.contains("\nchanged jobs: shown from the second export on (no earlier run)\n"));
    let empty = std::fs::read_to_string(dir.path("r1/changes.csv")).unwrap();
    assert_eq!(empty, CHANGES.join(",") + "\n");
    let page = std::fs::read_to_string(dir.path("r1/report.html")).unwrap();
    assert!(page.contains("Job changes appear from the second export on"));

    let truth = read_csv(&dir.path("s2/truth.csv"));
    let moved = urls(truth.iter().filter(|t| t["moved"] == "true"));
    assert_eq!(moved.len(), 30);
    let changes = read_csv(&dir.path("r2/changes.csv"));
    assert_eq!(urls(&changes), moved, "changes.csv holds exactly the people moved");

    // Before and after as the two runs' scores.csv write them.
    let (s1, s2) = (read_csv(&dir.path("r1/scores.csv")), read_csv(&dir.path("r2/scores.csv")));
    let (then, now) = (by_url(&s1), by_url(&s2));
    for c in &changes {
        let (a, b) = (then[c["profile_url"].as_str()], now[c["profile_url"].as_str()]);
        assert_eq!([&c["company_before"], &c["position_before"]], [&a["company"], &a["position"]]);
        assert_eq!([&c["company_after"], &c["position_after"]], [&b["company"], &b["position"]]);
        assert_eq!(c["tier"], b["tier"]);
        let score = |r: &Row| r["score"].parse::<f64>().unwrap();
        assert!((score(c) - score(b)).abs() < 0.011, "{c:?}");
        assert_eq!([&c["previous_run"], &c["this_run"]], ["2026-11-20", "2027-02-20"]);
    }
    // Renamed employers and blank values were there to be mistaken for moves, and were not.
    let rewritten: BTreeSet<String> = now
        .iter()
        .filter(|(u, b)| {
            then.get(*u)
                .is_some_and(|a| a["company"] != b["company"] || a["position"] != b["position"])
        })
        .map(|(u, _)| u.to_string())
        .filter(|u| !moved.contains(u))
        .collect();
    let renamed = urls(truth.iter().filter(|t| t["renamed"] == "true"));
    assert!(renamed.len() >= 3 && renamed.is_subset(&rewritten), "{renamed:?}");
    let blank = |u: &String| {
        now[u.as_str()]["company"].is_empty() || now[u.as_str()]["position"].is_empty()
    };
    assert_eq!(rewritten.iter().filter(|u| blank(u)).count(), 2, "a company and a title blank");

    // analyze's line, netsift diff and the page say the same.
    assert!(second.contains(", 30 changed jobs\n"), "{second}");
    let diff: Value =
        serde_json::from_slice(&dir.run(&["diff", "--history", "h", "--json"], 0).stdout).unwrap();
    let listed: BTreeSet<String> = diff["changed_jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["profile_url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, moved);
    assert!(stdout(&dir.run(&["diff", "--history", "h"], 0)).contains("\nchanged jobs (30):\n"));
    let page = std::fs::read_to_string(dir.path("r2/report.html")).unwrap();
    let section = &page[page.find("<section id=\"jobs\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<h2 id=\"jobs-h\">Changed jobs: 30</h2>"));
    assert_eq!(section.matches("<li>").count(), 30);
    // The image shows them in a panel of its own, which the first run's image lacks.
    let size = |run: &str| crate::report::png_size(&dir.path(&format!("{run}/report.png")));
    assert_eq!(size("r2"), netsift::report::charts::poster::SIZE);
    assert_eq!(size("r1"), netsift::report::charts::poster::SIZE_WITHOUT_JOBS);
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.path("r2/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["actions"]["changed_jobs"], 30);
}

#[test]
fn dormant_and_active_ties_who_moved_lead_reconnect_csv_with_the_reason() {
    let dir = TestDir::new("jobs-reconnect");
    two_runs(&dir);
    let changes = read_csv(&dir.path("r2/changes.csv"));
    let lifted = urls(changes.iter().filter(|c| c["tier"] == "dormant" || c["tier"] == "active"));
    assert!(changes.iter().any(|c| c["tier"] == "active"), "an active tie moved");
    let reconnect = read_csv(&dir.path("r2/reconnect.csv"));
    let (head, rest) = reconnect.split_at(lifted.len());
    assert_eq!(urls(head), lifted, "those who moved first");
    let scores: Vec<f64> = head.iter().map(|r| r["score"].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "highest score first: {scores:?}");
    let by = by_url(&changes);
    for r in head {
        let c = by[r["profile_url"].as_str()];
        let role = match (c["position_after"].as_str(), c["company_after"].as_str()) {
            ("", company) => format!("now at {company}"),
            (position, "") => format!("new role as {position}"),
            (position, company) => format!("new role as {position} at {company}"),
        };
        let reason =
            format!("{role} since your last export — a natural moment to get back in touch; ");
        assert!(r["reasons"].starts_with(&reason), "{r:?}");
    }
    let scores = read_csv(&dir.path("r2/scores.csv"));
    let dormant = urls(scores.iter().filter(|r| r["tier"] == "dormant"));
    assert_eq!(urls(rest), &dormant - &lifted, "then the other dormant ties");
    assert!(rest.iter().all(|r| !r["reasons"].contains("since your last export")));
}
