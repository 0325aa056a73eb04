//! Scoring: planted classes land in the right tiers and lists; the score's properties.

use std::collections::HashMap;

use netsift::features::{Features, compute};
use netsift::interactions::{Channel, Event, Flow, Interactions};
use netsift::model::Model;
use netsift::score::components;
use netsift::score::vitality;
use proptest::prelude::*;

use crate::util::{TestDir, stderr, stdout};

fn read_csv(path: &std::path::Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            header.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect()
        })
        .collect()
}

#[test]
fn planted_classes_land_in_their_tiers_and_lists() {
    let dir = TestDir::new("planted");
    dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "1200",
            "--messages",
            "15000",
            "--seed",
            "11",
            "--truth",
            "-q",
        ],
        0,
    );
    let export = "s/Complete_LinkedInDataExport_11-20-2026";
    dir.run(&["analyze", export, "--notes", "s/notes.csv", "--out", "r", "-q"], 0);
    let truth: HashMap<String, HashMap<String, String>> = read_csv(&dir.path("s/truth.csv"))
        .into_iter()
        .map(|t| (t["profile_url"].clone(), t))
        .collect();
    let scores = read_csv(&dir.path("r/scores.csv"));
    let prune: Vec<String> =
        read_csv(&dir.path("r/prune.csv")).into_iter().map(|r| r["profile_url"].clone()).collect();
    let as_of = jiff::civil::date(2026, 11, 20);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let (mut silent, mut silent_clutter) = (0, 0);
    for row in &scores {
        let Some(t) = truth.get(&row["profile_url"]).filter(|t| t["hidden"] == "false") else {
            continue;
        };
        let class = t["class"].as_str();
        let tier = row["tier"].as_str();
        let connected: jiff::civil::Date = t["connected_on"].parse().unwrap();
        let days = (as_of - connected).get_days();
        // The notes may rightly contradict a planted class (an introduction made last month).
        let tagged = !row["tags"].is_empty() || row["reasons"].contains("(notes)");
        *seen.entry(class).or_default() += 1;
        let who = format!(
            "{class} {} ({tier}, {}): {}",
            row["profile_url"], row["connected_on"], row["reasons"]
        );
        match class {
            "close" => assert_eq!(tier, "core", "{who}"),
            "dormant" if !tagged => assert_eq!(tier, "dormant", "{who}"),
            "pitch" if days > 30 && !tagged => assert!(matches!(tier, "clutter" | "weak"), "{who}"),
            "none" if days <= 7 => assert_eq!(tier, "new", "{who}"),
            "none" if days > 30 && !tagged => {
                assert!(matches!(tier, "clutter" | "weak"), "{who}");
                // Talking in a shared group both ways is some contact: weak, not clutter.
                if !row["channels"].contains("group_message") {
                    silent += 1;
                    silent_clutter += usize::from(tier == "clutter");
                }
            }
            _ => {}
        }
        let in_prune = prune.contains(&row["profile_url"]);
        let protected =
            matches!(class, "close" | "dormant") || tier == "new" || row["keep"] == "true";
        assert!(!(protected && in_prune), "{who} is in prune.csv");
        assert_eq!(in_prune, tier == "clutter" && row["keep"] == "false", "{who}");
    }
    for class in ["close", "dormant", "pitch", "none", "outreach"] {
        assert!(seen.get(class).copied().unwrap_or(0) > 5, "too few {class}: {seen:?}");
    }
    // Connected for a while, never a word: clutter, bar those who endorsed the owner.
    assert!(silent_clutter * 10 >= silent * 9, "{silent_clutter} of {silent}");
    // Keep-tagged people exist in the sample and never reach prune.csv (checked above).
    assert!(scores.iter().any(|r| r["keep"] == "true"));
}

/// analyze's first line says where the day came from when `--as-of` did not give it: the
/// export's name, else the last day in its files.
#[test]
fn the_headline_says_where_the_day_came_from() {
    let dir = TestDir::new("as-of-from");
    let connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Ada,One,https://www.linkedin.com/in/ada,,Acme,Role,01 Jan 2020\n\
        Bo,Two,https://www.linkedin.com/in/bo,,Acme,Role,15 Mar 2026";
    for folder in ["plain", "Basic_LinkedInDataExport_11-20-2026"] {
        dir.create(&format!("{folder}/Connections.csv"), connections);
    }
    let first = |args: &[&str]| {
        let mut all = vec!["analyze"];
        all.extend(args);
        all.extend(["--out", "r", "--no-history", "-q"]);
        stdout(&dir.run(&all, 0)).lines().next().unwrap_or("").to_string()
    };
    assert_eq!(
        first(&["Basic_LinkedInDataExport_11-20-2026"]),
        "as of 2026-11-20 (the date in the export's name): 2 connections"
    );
    assert_eq!(
        first(&["plain"]),
        "as of 2026-03-15 (the last day in the export's files; its name has no date): 2 \
         connections"
    );
    assert_eq!(first(&["plain", "--as-of", "2026-06-30"]), "as of 2026-06-30: 2 connections");
}

#[test]
fn the_contract_files_and_the_summary() {
    let dir = TestDir::new("contract");
    dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "150",
            "--messages",
            "1500",
            "--seed",
            "3",
            "-q",
        ],
        0,
    );
    let out = dir.run(
        &[
            "analyze",
            "s/Complete_LinkedInDataExport_11-20-2026",
            "--notes",
            "s/notes.csv",
            "--out",
            "r",
        ],
        0,
    );
    assert!(
        stdout(&out)
            .starts_with("as of 2026-11-20 (the date in the export's name): 150 connections\n"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains(
            "report: r/report.html\nimage:  r/report.png\ntables: r\nchanged jobs: shown from the \
             second export on (no earlier run)\nhistory: "
        ),
        "{}",
        stdout(&out)
    );
    for file in [
        "scores.csv",
        "scores.json",
        "prune.csv",
        "reconnect.csv",
        "welcome.csv",
        "followup.csv",
        "followup.ics",
        "summary.json",
        "report.html",
        "report.png",
        "charts/tiers.png",
        "charts/tiers.svg",
    ] {
        assert!(dir.path("r").join(file).is_file(), "{file}");
    }
    let scores = read_csv(&dir.path("r/scores.csv"));
    assert_eq!(scores.len(), 150);
    for column in [
        "profile_url",
        "name",
        "company",
        "position",
        "connected_on",
        "tier",
        "score",
        "last_interaction",
        "messages_sent",
        "messages_received",
        "recency",
        "intensity",
        "reciprocity",
        "depth",
        "longevity",
        "reasons",
    ] {
        assert!(scores[0].contains_key(column), "{column}");
    }
    for row in &scores {
        let score: f64 = row["score"].parse().unwrap();
        assert!((0.0..=100.0).contains(&score));
        assert!(row["score"].contains('.'), "score keeps a decimal");
    }
    for list in ["prune.csv", "reconnect.csv", "welcome.csv", "followup.csv"] {
        let rows = read_csv(&dir.path("r").join(list));
        assert!(
            rows.iter().all(|r| r["profile_url"].starts_with("https://www.linkedin.com/in/")),
            "{list}"
        );
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("r/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["connections"], 150);
    assert_eq!(summary["as_of"], "2026-11-20");
    assert_eq!(summary["owner"]["profile_url"], "https://www.linkedin.com/in/owen-owner");
    let tiers: u64 =
        summary["tiers"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(tiers, 150);
    // Overdue first in the follow-up plan.
    let overdue: Vec<i64> = read_csv(&dir.path("r/followup.csv"))
        .iter()
        .map(|r| r["overdue_days"].parse().unwrap())
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
}

#[test]
fn formulas_in_the_export_are_neutralised_in_every_csv() {
    let dir = TestDir::new("formulas");
    dir.create(
        "e/Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
=HYPERLINK(\"http://x\"),+Eve,https://www.linkedin.com/in/eve,,-2+3,@SUM(A1),01 Jan 2020",
    );
    // Without messages no one is clutter for silence: the owner's tag puts Eve on the list.
    dir.create(
        "notes.csv",
        "date,person,kind,direction,tags,note\n2025-01-01,https://www.linkedin.com/in/eve,other,mutual,prune,\n",
    );
    dir.run(
        &["analyze", "e", "--notes", "notes.csv", "--out", "r", "--as-of", "2026-01-01", "-q"],
        0,
    );
    let text = std::fs::read_to_string(dir.path("r/scores.csv")).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\") +Eve\""), "{text}");
    assert!(text.contains(",'-2+3,'@SUM(A1),"), "{text}");
    assert_eq!(netsift::report::safe("\tTab"), "'\tTab");
    assert_eq!(netsift::report::safe("\rCR"), "'\rCR");
    assert_eq!(netsift::report::safe("Plain - text"), "Plain - text");
    let prune = std::fs::read_to_string(dir.path("r/prune.csv")).unwrap();
    assert!(prune.contains("'=HYPERLINK") && !prune.contains(",=HYPERLINK"), "{prune}");
}

#[test]
fn config_default_prints_a_model_that_parses() {
    let dir = TestDir::new("config");
    let out = dir.run(&["config", "--default"], 0);
    let text = stdout(&out);
    assert_eq!(Model::from_toml(&text).unwrap(), Model::default());
    dir.create("bad.toml", "[weights]\nrecncy = 1\n");
    let out = dir.run(&["analyze", "x", "--config", "bad.toml"], 1);
    assert!(
        crate::util::stderr(&out).starts_with("netsift: error: bad.toml: "),
        "{}",
        crate::util::stderr(&out)
    );
}

const DAY: i64 = 86_400;

fn event(time: i64, flow: Flow, channel: Channel, model: &Model) -> Event {
    Event { person: 0, time, channel, flow, weight: model.depth(channel) }
}

fn features_of(events: Vec<Event>, as_of: i64) -> Features {
    let model = Model::default();
    let interactions = Interactions::new(events, as_of, 1);
    let export = netsift::export::read(&crate::util::fixture_dir("2020-connections-only")).unwrap();
    let people = netsift::people::People::resolve(&export, &mut Default::default());
    let _ = &people;
    compute(&interactions, &export, &people, &model).unwrap().swap_remove(0)
}

/// The 0–100 score of one tie's events in a network of a fixed pace (a week).
fn score_of(mut events: Vec<Event>, as_of: i64, model: &Model) -> f64 {
    events.sort_by_key(|e| e.time);
    let now = vitality::over_time(&events, &[as_of], 7.0, model);
    now[0].map_or(0.0, |v| vitality::score(v, model))
}

fn history() -> impl Strategy<Value = Vec<(i64, u8, u8)>> {
    prop::collection::vec((0i64..2000, 0u8..3, 0u8..14), 0..25)
}

fn events(spec: &[(i64, u8, u8)], model: &Model) -> Vec<Event> {
    let flows = [Flow::Out, Flow::In, Flow::Mutual];
    spec.iter()
        .map(|&(day, f, c)| {
            let channel = Channel::ALL[c as usize];
            let flow = if channel.from_notes() { flows[f as usize] } else { flows[f as usize % 2] };
            event(day * DAY, flow, channel, model)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_stay_in_range_and_hearing_back_never_lowers_them(spec in history()) {
        let model = Model::default();
        let as_of = 2000 * DAY;
        let before = features_of(events(&spec, &model), as_of);
        let c = components(&before, &model, as_of);
        for x in [c.recency, c.intensity, c.reciprocity, c.depth, c.longevity] {
            prop_assert!((0.0..=1.0).contains(&x), "{c:?}");
        }
        let score = score_of(events(&spec, &model), as_of, &model);
        prop_assert!((0.0..=100.0).contains(&score));
        // They reply today, to whatever came last.
        let mut more = events(&spec, &model);
        more.push(event(as_of, Flow::In, Channel::Message, &model));
        let score_after = score_of(more, as_of, &model);
        prop_assert!(score_after >= score - 1e-9, "{score} -> {score_after}");
    }

    #[test]
    fn a_reply_at_any_time_never_lowers_a_score(
        first in (0i64..2000, 0u8..2), spec in history(), pick in any::<prop::sample::Index>(), delay in 0i64..30,
    ) {
        let model = Model::default();
        let as_of = 2000 * DAY;
        // At least one message to answer.
        let spec: Vec<(i64, u8, u8)> = std::iter::once((first.0, first.1, 0)).chain(spec).collect();
        let base = events(&spec, &model);
        let score = |evs: Vec<Event>| score_of(evs, as_of, &model);
        let messages: Vec<&Event> = base.iter().filter(|e| e.channel == Channel::Message).collect();
        // Answer one of the messages, by the other side, within the reply window.
        let to = messages[pick.index(messages.len())];
        let flow = if to.flow == Flow::Out { Flow::In } else { Flow::Out };
        let mut more = base.clone();
        more.push(event((to.time + delay * DAY + 3600).min(as_of), flow, Channel::Message, &model));
        let (before, after) = (score(base), score(more));
        prop_assert!(after >= before - 1e-9, "{before} -> {after}");
    }
}

#[test]
fn parallel_scoring_equals_sequential() {
    let dir = TestDir::new("parallel");
    dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "400",
            "--messages",
            "4000",
            "--seed",
            "5",
            "-q",
        ],
        0,
    );
    let path = dir.path("s/Complete_LinkedInDataExport_11-20-2026");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let out = dir.path(&format!("r{threads}"));
            let request = netsift::Request {
                export: path.clone(),
                notes: None,
                out: out.clone(),
                as_of: None,
                model: Model::default(),
                history: netsift::history::Choice::Off,
            };
            netsift::analyze(&request, &netsift::progress::Silent).unwrap();
            std::fs::read(out.join("scores.csv")).unwrap()
        })
    };
    assert!(run(1) == run(4));
}

#[test]
fn outputs_of_the_bundled_sample() {
    let dir = TestDir::new("snapshots");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let export = sample.join("Complete_LinkedInDataExport_11-20-2026.zip");
    let notes = sample.join("notes.csv");
    dir.run(
        &[
            "analyze",
            export.to_str().unwrap(),
            "--notes",
            notes.to_str().unwrap(),
            "--out",
            "r",
            "-q",
        ],
        0,
    );
    let read = |f: &str| std::fs::read_to_string(dir.path("r").join(f)).unwrap();
    let head = |f: &str, n: usize| read(f).lines().take(n).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("summary.json", read("summary.json"));
    insta::assert_snapshot!("scores.csv (head)", head("scores.csv", 25));
    insta::assert_snapshot!("prune.csv (head)", head("prune.csv", 15));
    insta::assert_snapshot!("reconnect.csv", read("reconnect.csv"));
    insta::assert_snapshot!("welcome.csv", read("welcome.csv"));
    insta::assert_snapshot!("followup.csv", read("followup.csv"));
}

#[test]
fn the_score_ranks_who_stays_in_touch_above_both_baselines() {
    let dir = TestDir::new("backtest");
    dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "3000",
            "--messages",
            "40000",
            "--seed",
            "21",
            "-q",
        ],
        0,
    );
    let export = "s/Complete_LinkedInDataExport_11-20-2026";
    let out = dir.run(
        &["backtest", export, "--notes", "s/notes.csv", "--at", "2025-11-20", "--json", "-q"],
        0,
    );
    let b: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let auc = |label: &str, of: &str| b[label][of].as_f64().unwrap();
    for label in ["two_way", "two_way_with_history"] {
        let score = auc(label, "score");
        assert!(score > auc(label, "recency") && score > auc(label, "messages"), "{label}: {b}");
    }
    assert!(auc("two_way_with_history", "score") > 0.85, "{b}");
    assert!(b["prune_precision"].as_f64().unwrap() > 0.85, "{b}");
    assert_eq!(b["connections"], 2540);
}

#[test]
fn every_era_fixture_analyzes() {
    let dir = TestDir::new("fixtures-analyze");
    for fixture in [
        "2018",
        "2020",
        "2020-connections-only",
        "2022",
        "2023-urn",
        "2023-bare",
        "2024",
        "2024-excel",
        "2024-excel-eu",
        "2025",
        "2026",
    ] {
        let path = crate::util::fixture_dir(fixture);
        let out = format!("r-{fixture}");
        dir.run(&["analyze", path.to_str().unwrap(), "--out", &out, "-q"], 0);
        let export = netsift::export::read(&path).unwrap();
        let rows = read_csv(&dir.path(&out).join("scores.csv"));
        assert_eq!(rows.len(), export.connections.len(), "{fixture}");
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path(&out).join("summary.json")).unwrap())
                .unwrap();
        // Without a date in the folder's name, the latest moment in the data.
        assert!(
            summary["as_of"].as_str().unwrap().starts_with(&fixture[..4]),
            "{fixture}: {summary}"
        );
    }
}

#[test]
fn lists_name_their_columns_even_when_empty() {
    use netsift::report::lists;
    let dir = TestDir::new("headers");
    // Full lists: the written header is the declared one.
    dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "200",
            "--messages",
            "3000",
            "--seed",
            "4",
            "-q",
        ],
        0,
    );
    dir.run(
        &[
            "analyze",
            "s/Complete_LinkedInDataExport_11-20-2026",
            "--notes",
            "s/notes.csv",
            "--out",
            "r",
            "-q",
        ],
        0,
    );
    // An export with nothing in it: every list is empty but keeps its header.
    dir.create("e/Connections.csv", "First Name,Last Name,Connected On\n");
    dir.run(&["analyze", "e", "--out", "empty", "--as-of", "2026-01-01", "-q"], 0);
    for (file, header) in [
        ("scores.csv", lists::SCORES),
        ("prune.csv", lists::PRUNE),
        ("reconnect.csv", lists::RECONNECT),
        ("welcome.csv", lists::WELCOME),
        ("followup.csv", lists::FOLLOWUP),
    ] {
        for out in ["r", "empty"] {
            let text = std::fs::read_to_string(dir.path(out).join(file)).unwrap();
            assert_eq!(text.lines().next().unwrap_or(""), header.join(","), "{out}/{file}");
        }
        let full = std::fs::read_to_string(dir.path("r").join(file)).unwrap();
        assert!(full.lines().count() > 1, "the sample fills {file}");
    }
}

/// An export of eight people with the cases a review found wrong, all on purpose.
fn tricky(dir: &TestDir) {
    let url = |s: &str| format!("https://www.linkedin.com/in/{s}");
    let mut c =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for (slug, day) in [
        ("dora", "01 Jan 2024"),
        ("dora", "01 Jan 2024"),
        ("gina", "01 Jan 2024"),
        ("hank", "01 Jan 2024"),
        ("wally", "10 Nov 2026"),
        ("xena", "01 Jan 2024"),
        ("pat", "01 Jan 2024"),
    ] {
        c.push_str(&format!("{slug},P,{},,Co,Role,{day}\n", url(slug)));
    }
    dir.create("e/Connections.csv", c.trim_end());
    let mut m = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n",
    );
    let mut row = |conv: &str, from: &str, to: &[&str], date: &str| {
        let who = |s: &str| if s == "owen" { url("owen") } else { url(s) };
        let recipients: Vec<String> = to.iter().map(|s| who(s)).collect();
        m.push_str(&format!(
            "{conv},,{from} P,{},x,\"{}\",{date} 10:00:00 UTC,,hi,INBOX\n",
            who(from),
            recipients.join(",")
        ));
    };
    row("c-dora", "owen", &["dora"], "2026-10-01");
    row("c-dora", "dora", &["owen"], "2026-10-02");
    for d in 1..=9 {
        row("c-team", "gina", &["owen", "hank"], &format!("2026-09-0{d}"));
        row("c-team", "hank", &["owen", "gina"], &format!("2026-09-1{d}"));
        row("c-team", "owen", &["gina", "hank"], &format!("2026-09-2{d}"));
    }
    row("c-news", "owen", &["wally", "gina", "hank"], "2026-11-11");
    // Pat and the owner alone until July; Quinn joins in October.
    for d in 1..=6 {
        row("c-pat", "owen", &["pat"], &format!("2026-0{d}-01"));
        row("c-pat", "pat", &["owen"], &format!("2026-0{d}-02"));
    }
    row("c-pat", "quinn", &["owen", "pat"], "2026-10-01");
    dir.create("e/messages.csv", m);
    dir.create(
        "notes.csv",
        format!("date,person,kind,direction,tags,note\n2026-10-05,{},call,mutual,keep,catch-up\n2026-08-01,{},intro,received,,\"introduced me, with:{}\"\n", url("dora"), url("pat"), url("xena")),
    );
}

#[test]
fn what_a_review_found_stays_fixed() {
    let dir = TestDir::new("tricky");
    tricky(&dir);
    dir.run(
        &["analyze", "e", "--notes", "notes.csv", "--out", "r", "--as-of", "2026-11-20", "-q"],
        0,
    );
    let rows = read_csv(&dir.path("r/scores.csv"));
    let tier = |slug: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r["profile_url"].ends_with(&format!("/{slug}")))
            .map(|r| r["tier"].clone())
            .collect()
    };
    // A repeated row is the same person: same tier, never pruned while tagged keep.
    let dora = tier("dora");
    assert_eq!(dora.len(), 2);
    assert_eq!(dora[0], dora[1]);
    assert!(["core", "active"].contains(&dora[0].as_str()), "{dora:?}");
    let prune = std::fs::read_to_string(dir.path("r/prune.csv")).unwrap();
    assert!(!prune.contains("/dora"), "{prune}");
    // Talking both ways in a small group is contact, not clutter.
    assert_eq!(tier("gina"), ["weak"]);
    assert_eq!(tier("hank"), ["weak"]);
    // A post to a group is not a personal welcome.
    let welcome = std::fs::read_to_string(dir.path("r/welcome.csv")).unwrap();
    assert!(welcome.contains("/wally"), "{welcome}");
    // Being introduced is not an introduction made.
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("r/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["introductions_made"], 0);
    assert_eq!(tier("xena"), ["clutter"]);
    assert_eq!(summary["actions"]["prune"], prune.lines().count() - 1);
}

#[test]
fn as_of_sees_only_what_had_happened() {
    let dir = TestDir::new("tricky-as-of");
    tricky(&dir);
    dir.run(&["analyze", "e", "--out", "r", "--as-of", "2026-07-01", "-q"], 0);
    let rows = read_csv(&dir.path("r/scores.csv"));
    // Wally connected in November: not a connection yet.
    assert!(!rows.iter().any(|r| r["profile_url"].ends_with("/wally")));
    assert_eq!(rows.len(), 6);
    // Quinn joined Pat's conversation in October: until then it was one-to-one.
    let pat = rows.iter().find(|r| r["profile_url"].ends_with("/pat")).unwrap();
    assert_eq!(pat["channels"], "message:12", "{pat:?}");
    assert_eq!(pat["tier"], "core");
    // Notes dated after the as-of day had not happened: left out, each said with its line.
    let args = ["analyze", "e", "--notes", "notes.csv", "--out", "r2", "--as-of", "2026-07-01"];
    let err = stderr(&dir.run(&args, 0));
    for (line, day) in [(2, "2026-10-05"), (3, "2026-08-01")] {
        let said = format!("notes.csv:{line}: dated {day}, after the as-of day 2026-07-01");
        assert!(err.contains(&said), "{err}");
    }
    let rows = read_csv(&dir.path("r2/scores.csv"));
    let dora: Vec<_> = rows.iter().filter(|r| r["profile_url"].ends_with("/dora")).collect();
    assert!(dora.iter().all(|r| r["keep"] == "false" && r["tags"].is_empty()), "{dora:?}");
}
