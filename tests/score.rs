//! Scoring: planted classes land in the right tiers and lists; the score's properties.

use std::collections::HashMap;

use netsift::features::{Features, compute};
use netsift::interactions::{Channel, Event, Flow, Interactions};
use netsift::model::Model;
use netsift::score::{combine, components};
use proptest::prelude::*;

use crate::util::{TestDir, stdout};

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
                silent += 1;
                silent_clutter += usize::from(tier == "clutter");
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
    assert!(stdout(&out).starts_with("as of 2026-11-20: 150 connections\n"), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("report: r\n"));
    for file in [
        "scores.csv",
        "scores.json",
        "prune.csv",
        "reconnect.csv",
        "welcome.csv",
        "followup.csv",
        "summary.json",
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
    dir.run(&["analyze", "e", "--out", "r", "--as-of", "2026-01-01", "-q"], 0);
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
    Event { person: 0, time, channel, flow, weight: model.depth(channel.key()) }
}

fn features_of(events: Vec<Event>, as_of: i64) -> Features {
    let model = Model::default();
    let interactions = Interactions::new(events, as_of, 1);
    let export = netsift::export::read(&crate::util::fixture_dir("2020-connections-only")).unwrap();
    let people = netsift::people::People::resolve(&export, &mut Default::default());
    let _ = &people;
    compute(&interactions, &export, &people, &model).unwrap().swap_remove(0)
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
        let score = combine(&c, &model);
        prop_assert!((0.0..=100.0).contains(&score));
        // They reply today, to whatever came last.
        let mut more = events(&spec, &model);
        more.push(event(as_of, Flow::In, Channel::Message, &model));
        let after = features_of(more, as_of);
        let score_after = combine(&components(&after, &model, as_of), &model);
        prop_assert!(score_after >= score - 1e-9, "{score} -> {score_after}");
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
            netsift::analyze(&path, None, &out, None, &Model::default(), &|_| {}).unwrap();
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
