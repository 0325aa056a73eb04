//! The history: a sequence of exports of the same owner, with connections removed, added,
//! gone quiet and revived, reports exactly those changes; a run killed at any moment leaves
//! the history as it was; foreign and corrupt entries are reported, skipped and left alone.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{TestDir, fixture_dir, stderr, stdout};

const E1: &str = "s/Complete_LinkedInDataExport_11-20-2026";

/// `(profile_url, tier)` of every row of a scores.csv or prune.csv.
fn table(path: &Path) -> Vec<(String, String)> {
    let mut r = csv::Reader::from_path(path).expect("a CSV netsift wrote");
    let headers = r.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (url, tier) = (col("profile_url").expect("profile_url"), col("tier"));
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            (rec[url].to_string(), tier.map_or(String::new(), |t| rec[t].to_string()))
        })
        .collect()
}

fn urls(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|p| p["profile_url"].as_str().expect("url").to_string())
        .collect()
}

/// Copies the export, leaving out the connections in `drop`, adding `add` (URL, name) connected
/// on 2027-01-05, and a two-way exchange on 2027-02-15 with each of `revive`.
fn next_export(
    dir: &TestDir,
    to: &str,
    drop: &BTreeSet<String>,
    add: &[(&str, &str)],
    revive: &[String],
) {
    let from = dir.path(E1);
    let connections = std::fs::read_to_string(from.join("Connections.csv")).unwrap();
    let mut kept: Vec<&str> = connections
        .lines()
        .filter(|l| !drop.iter().any(|u| l.contains(&format!("{u},"))))
        .collect();
    let added: Vec<String> = add
        .iter()
        .map(|(url, name)| format!("{name},New,{url},,Fresh Co,Analyst,05 Jan 2027"))
        .collect();
    kept.extend(added.iter().map(String::as_str));
    dir.create(&format!("{to}/Connections.csv"), kept.join("\n") + "\n");
    let mut messages = std::fs::read_to_string(from.join("messages.csv")).unwrap();
    let owner = "https://www.linkedin.com/in/owen-owner";
    for (i, url) in revive.iter().enumerate() {
        for (from_url, to_url, time) in
            [(url.as_str(), owner, "09:00"), (owner, url.as_str(), "10:00")]
        {
            messages.push_str(&format!(
                "\"r-{i}\",\"\",\"Someone\",\"{from_url}\",\"Other\",\"{to_url}\",\"2027-02-15 {time}:00 UTC\",\"\",\"good to hear from you\",\"INBOX\",\"\",\"No\"\n"
            ));
        }
    }
    dir.create(&format!("{to}/messages.csv"), messages);
    for file in ["Invitations.csv", "Profile.csv"] {
        if let Ok(bytes) = std::fs::read(from.join(file)) {
            dir.create(&format!("{to}/{file}"), bytes);
        }
    }
}

#[test]
fn a_sequence_of_exports_reports_exactly_the_planted_changes() {
    let dir = TestDir::new("history-seq");
    dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "200",
            "--messages",
            "2500",
            "--seed",
            "5",
            "-q",
        ],
        0,
    );
    let first = dir.run(&["analyze", E1, "--history", "h", "--out", "r1"], 0);
    assert!(stdout(&first).ends_with("history: h\n"), "{}", stdout(&first));
    assert!(!stdout(&first).contains("since "), "no earlier run, no changes");

    let before = table(&dir.path("r1/scores.csv"));
    let prune: Vec<String> = table(&dir.path("r1/prune.csv")).into_iter().map(|r| r.0).collect();
    let living: Vec<String> = before
        .iter()
        .filter(|(u, t)| (t == "core" || t == "active") && !u.is_empty())
        .map(|r| r.0.clone())
        .collect();
    let dormant: Vec<String> = before
        .iter()
        .filter(|(u, t)| t == "dormant" && !u.is_empty())
        .map(|r| r.0.clone())
        .collect();
    assert!(prune.len() >= 4 && living.len() >= 2 && dormant.len() >= 2);
    let drop: BTreeSet<String> = prune[..4].iter().chain(&living[..2]).cloned().collect();
    let add = [
        ("https://www.linkedin.com/in/nina-new-1", "Nina"),
        ("https://www.linkedin.com/in/nino-new-2", "Nino"),
        ("https://www.linkedin.com/in/nora-new-3", "Nora"),
    ];
    let revive = dormant[..2].to_vec();
    next_export(&dir, "e2", &drop, &add, &revive);
    let second =
        dir.run(&["analyze", "e2", "--as-of", "2027-03-01", "--history", "h", "--out", "r2"], 0);

    let out = dir.run(&["diff", "--history", "h", "--json"], 0);
    let diff: Value = serde_json::from_slice(&out.stdout).expect("diff JSON");
    assert_eq!(
        (diff["from"].as_str(), diff["to"].as_str()),
        (Some("2026-11-20"), Some("2027-03-01"))
    );
    assert_eq!(urls(&diff["new"]), add.iter().map(|a| a.0.to_string()).collect());
    assert_eq!(urls(&diff["gone"]), drop);
    assert_eq!(diff["pruned_as_suggested"], 4);
    assert_eq!(diff["suggested_prune"], prune.len());
    assert_eq!(urls(&diff["revived"]), revive.iter().cloned().collect());

    // Runs named the wrong way round are refused, not diffed backwards.
    let reversed = dir.run(&["diff", "2027-03-01", "2026-11-20", "--history", "h"], 2);
    assert_eq!(
        stderr(&reversed),
        "netsift: the run of 2027-03-01 is later than the run of 2026-11-20: name the earlier \
         run first (netsift diff 2026-11-20 2027-03-01)\n"
    );
    assert!(reversed.stdout.is_empty());
    let forward = dir.run(&["diff", "2026-11-20", "2027-03-01", "--history", "h", "--json"], 0);
    assert_eq!(forward.stdout, out.stdout, "named in order, the same diff as the default");

    // Drifting and never welcomed: exactly the tier moves the two runs' scores.csv show.
    let after = table(&dir.path("r2/scores.csv"));
    let tier_then: std::collections::BTreeMap<&str, &str> =
        before.iter().map(|(u, t)| (u.as_str(), t.as_str())).collect();
    let moved = |from: &[&str], to: &str| -> BTreeSet<String> {
        after
            .iter()
            .filter(|(u, t)| t == to && tier_then.get(u.as_str()).is_some_and(|f| from.contains(f)))
            .map(|r| r.0.clone())
            .collect()
    };
    let drifting = moved(&["core", "active"], "dormant");
    assert!(!drifting.is_empty(), "three months on, some relationships went quiet");
    assert_eq!(urls(&diff["drifting"]), drifting);
    assert_eq!(urls(&diff["never_welcomed"]), moved(&["new"], "clutter"));
    assert!(
        !urls(&diff["never_welcomed"]).is_empty(),
        "last run's new connections were never welcomed"
    );

    // analyze said the same, in a line.
    let headline = format!(
        "since 2026-11-20: 3 new, 6 gone (you pruned 4 of the {} suggested), {} drifting, 2 revived, {} never welcomed, 0 changed jobs\n",
        prune.len(),
        drifting.len(),
        urls(&diff["never_welcomed"]).len()
    );
    assert!(stdout(&second).contains(&headline), "{}", stdout(&second));
    let html = std::fs::read_to_string(dir.path("r2/report.html")).unwrap();
    assert!(html.contains("<h2 id=\"since-h\">Since last run (2026-11-20)</h2>"));
    assert!(dir.path("r2/charts/trend.svg").is_file() && dir.path("r2/charts/trend.png").is_file());
    assert!(!dir.path("r1/charts/trend.svg").exists(), "no trend from a single run");

    // The same export again adds no run; `history` lists both.
    let again =
        dir.run(&["analyze", "e2", "--as-of", "2027-03-01", "--history", "h", "--out", "r3"], 0);
    assert!(stdout(&again).ends_with("history: h (this export was already there)\n"));
    assert!(stdout(&again).contains("since 2026-11-20: 3 new"), "compared with the run before it");
    let listed: Value =
        serde_json::from_slice(&dir.run(&["history", "--history", "h", "--json"], 0).stdout)
            .unwrap();
    let days: Vec<&str> =
        listed.as_array().unwrap().iter().map(|r| r["as_of"].as_str().unwrap()).collect();
    assert_eq!(days, ["2026-11-20", "2027-03-01"]);
    assert_eq!(listed[1]["connections"], before.len() - 6 + 3);
    let text = stdout(&dir.run(&["history", "--history", "h"], 0));
    assert!(text.starts_with("as of ") && text.lines().count() == 3, "{text}");
}

#[test]
fn the_default_history_is_kept_per_owner_under_the_data_directory() {
    let dir = TestDir::new("history-xdg");
    dir.run(&["sample", "--out", "s", "--connections", "40", "--messages", "300", "-q"], 0);
    dir.run(&["analyze", E1, "--out", "r", "-q"], 0);
    let folder = dir.path("xdg/netsift/history/owen-owner");
    assert_eq!(std::fs::read_dir(&folder).expect("the owner's folder").count(), 1);
    assert_eq!(stdout(&dir.run(&["history"], 0)).lines().count(), 2, "found without --history");
    dir.run(&["analyze", E1, "--out", "r", "-q", "--no-history", "--as-of", "2026-12-01"], 0);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "--no-history keeps nothing");
    let out = dir.run(&["diff"], 2);
    assert!(stderr(&out).contains("holds 1 run(s); a diff needs two"), "{}", stderr(&out));
}

#[test]
fn foreign_and_corrupt_entries_are_reported_skipped_and_left_alone() {
    let dir = TestDir::new("history-foreign");
    dir.run(&["sample", "--out", "s", "--connections", "40", "--messages", "300", "-q"], 0);
    dir.run(&["analyze", E1, "--history", "h", "--out", "r", "-q", "--as-of", "2026-10-01"], 0);
    let run = std::fs::read_dir(dir.path("h")).unwrap().next().unwrap().unwrap().path();
    // A copy of the run, its Parquet file broken: its run.json reads, its rows do not.
    let broken = dir.path("h/2026-10-15_broken");
    std::fs::create_dir(&broken).unwrap();
    let meta = std::fs::read_to_string(run.join("run.json")).unwrap();
    let meta = meta.replace("\"as_of\": \"2026-10-01\"", "\"as_of\": \"2026-10-15\"");
    std::fs::write(
        broken.join("run.json"),
        meta.replace("\"fingerprint\": \"", "\"fingerprint\": \"x"),
    )
    .unwrap();
    std::fs::write(broken.join("scores.parquet"), b"PAR1 not really").unwrap();
    dir.create("h/notes.txt", "mine");
    dir.create("h/junk/run.json", "{ not json");
    dir.create("h/old/run.json", r#"{"schema_version": 99}"#);

    let out = dir.run(&["analyze", E1, "--history", "h", "--out", "r2"], 0);
    let err = stderr(&out);
    for name in ["notes.txt", "junk", "old", "2026-10-15_broken"] {
        assert!(err.contains(name), "{name} is reported: {err}");
    }
    assert!(stdout(&out).contains("since 2026-10-01:"), "the broken run is passed over");
    for kept in
        ["h/notes.txt", "h/junk/run.json", "h/old/run.json", "h/2026-10-15_broken/scores.parquet"]
    {
        assert!(dir.path(kept).exists(), "{kept} is left alone");
    }
    let listed: Value =
        serde_json::from_slice(&dir.run(&["history", "--history", "h", "--json", "-q"], 0).stdout)
            .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3, "two runs and the broken one's description");
    // -q is honoured by `history` as by every command; without it the entries are named.
    assert!(stderr(&dir.run(&["-q", "history", "--history", "h"], 0)).is_empty());
    assert!(stderr(&dir.run(&["history", "--history", "h"], 0)).contains("notes.txt"));
}

#[test]
fn a_history_that_cannot_be_kept_is_a_warning() {
    let dir = TestDir::new("history-blocked");
    dir.run(&["sample", "--out", "s", "--connections", "40", "--messages", "300", "-q"], 0);
    dir.create("h", "a file where the history folder should be");
    let out = dir.run(&["analyze", E1, "--history", "h", "--out", "r"], 0);
    assert!(
        stderr(&out).contains("netsift: history: this run could not be kept: h:"),
        "{}",
        stderr(&out)
    );
    assert!(dir.path("r/report.html").is_file(), "the report is written all the same");
    assert!(!stdout(&out).contains("history:"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path("h")).unwrap(),
        "a file where the history folder should be"
    );
}

#[test]
fn a_killed_analyze_leaves_the_history_as_it_was() {
    let dir = TestDir::new("history-kill");
    dir.run(&["sample", "--out", "s", "--connections", "300", "--messages", "3000", "-q"], 0);
    dir.run(&["analyze", E1, "--history", "h0", "--out", "r0", "-q", "--as-of", "2026-10-01"], 0);
    let args = |h: &str| -> Vec<String> {
        ["analyze", E1, "--history", h, "--out", &format!("out-{h}"), "-q"]
            .map(String::from)
            .to_vec()
    };
    let start = std::time::Instant::now();
    dir.run(&args("h-full").iter().map(String::as_str).collect::<Vec<_>>(), 0);
    let full = start.elapsed();
    let mut outcomes = BTreeSet::new();
    for k in 0..=16u32 {
        let h = format!("h{}", k + 1);
        copy_dir(&dir.path("h0"), &dir.path(&h));
        let mut child = dir
            .command(&args(&h).iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start analyze");
        std::thread::sleep(full * k / 16);
        let _ = child.kill();
        let _ = child.wait();
        // Whatever the moment, the history reads: the old run, or the old and the new.
        let out = dir.run(&["history", "--history", &h, "--json"], 0);
        assert_eq!(stderr(&out), "", "nothing half-written is visible after a kill at {k}/16");
        let runs: Value = serde_json::from_slice(&out.stdout).unwrap();
        let n = runs.as_array().unwrap().len();
        assert!(n == 1 || n == 2, "{n} runs after a kill at {k}/16");
        assert_eq!(runs[0]["as_of"], "2026-10-01");
        if n == 2 {
            dir.run(&["diff", "--history", &h], 0);
        }
        outcomes.insert(n);
    }
    assert!(outcomes.contains(&1), "some kills came before the snapshot was kept");
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn runs_of_different_owners_are_never_compared() {
    let dir = TestDir::new("history-owners");
    let era = |e: &str| fixture_dir(e).to_string_lossy().into_owned();
    // 2018 and 2020 exports name their owners but not their profiles: Owen, then Olive.
    dir.run(&["analyze", &era("2018"), "--history", "h", "--out", "r1", "-q"], 0);
    let out = dir.run(&["analyze", &era("2020"), "--history", "h", "--out", "r2"], 0);
    assert!(!stdout(&out).contains("since "), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("1 earlier run(s) in this history are of another owner"),
        "{}",
        stderr(&out)
    );
    let refused = dir.run(&["diff", "--history", "h"], 2);
    assert!(
        stderr(&refused).contains("of name:Owen Owner and the run of ")
            && stderr(&refused)
                .ends_with("of name:Olive Owner: a diff compares one owner's exports\n"),
        "{}",
        stderr(&refused)
    );
    // By default each owner has a folder of their own, by profile or by name.
    dir.run(&["analyze", &era("2018"), "--out", "r3", "-q"], 0);
    dir.run(&["analyze", &era("2020"), "--out", "r4", "-q"], 0);
    dir.run(&["analyze", &era("2022"), "--out", "r5", "-q"], 0);
    let mut owners: Vec<String> = std::fs::read_dir(dir.path("xdg/netsift/history"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    owners.sort();
    assert_eq!(owners, ["name-olive-owner", "name-owen-owner", "oscar-owner"]);
    // One owner's two exports are compared.
    dir.run(&["analyze", &era("2022"), "--history", "o", "--out", "r6", "-q"], 0);
    let out = dir.run(&["analyze", &era("2025"), "--history", "o", "--out", "r7"], 0);
    assert!(stdout(&out).contains("since "), "{}", stdout(&out));
}

#[test]
fn history_lists_every_owner_when_none_is_named() {
    let dir = TestDir::new("history-owners");
    for fixture in ["2024", "2025"] {
        let path = fixture_dir(fixture);
        dir.run(&["analyze", path.to_str().unwrap(), "--out", fixture, "-q"], 0);
    }
    let text = stdout(&dir.run(&["history"], 0));
    for owner in ["olive-owner", "oscar-owner"] {
        assert!(
            text.contains(&format!("owner {owner} (netsift history --owner {owner}):")),
            "{text}"
        );
    }
    let listed: Value = serde_json::from_slice(&dir.run(&["history", "--json"], 0).stdout).unwrap();
    assert_eq!(listed.as_object().unwrap().len(), 2, "{listed}");
    assert_eq!(listed["olive-owner"].as_array().unwrap().len(), 1);
    // A diff still compares one owner's runs: it asks which.
    assert!(stderr(&dir.run(&["diff"], 2)).contains("choose one with --owner"));
}

/// The rows of a CSV netsift wrote, by profile URL (rows without one left out).
fn by_url(
    path: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("a CSV netsift wrote");
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .map(|row: std::collections::BTreeMap<String, String>| (row["profile_url"].clone(), row))
        .filter(|(url, _)| !url.is_empty())
        .collect()
}

fn number(text: &str) -> f64 {
    text.parse().unwrap_or_else(|_| panic!("a number: {text:?}"))
}

#[test]
fn each_relationship_keeps_its_course_across_the_runs() {
    let dir = TestDir::new("history-course");
    // Two exports of the same owner, six months apart.
    for (date, folder) in [("2026-05-20", "05-20-2026"), ("2026-11-20", "11-20-2026")] {
        dir.run(&["sample", "--out", date, "--date", date, "--seed", "7", "-q"], 0);
        let export = format!("{date}/Complete_LinkedInDataExport_{folder}");
        dir.run(&["analyze", &export, "--history", "h", "--out", &format!("r-{date}"), "-q"], 0);
    }
    let (before, after) = (
        by_url(&dir.path("r-2026-05-20/scores.csv")),
        by_url(&dir.path("r-2026-11-20/scores.csv")),
    );
    // The first run has no previous run; the second carries the first's tier and score.
    assert!(before.values().all(|r| r["previous_tier"].is_empty() && r["score_change"].is_empty()));
    let mut moved = 0;
    for (url, now) in &after {
        let Some(then) = before.get(url) else {
            assert!(now["previous_tier"].is_empty() && now["previous_score"].is_empty());
            continue;
        };
        assert_eq!(now["previous_tier"], then["tier"], "{url}");
        assert_eq!(now["previous_score"], then["score"], "{url}");
        let change = number(&now["score"]) - number(&then["score"]);
        assert!((number(&now["score_change"]) - change).abs() < 0.006, "{url}: {now:?}");
        moved += usize::from(now["tier"] != then["tier"] || change.abs() > 1.0);
    }
    assert!(moved > 0, "some relationships changed in six months");
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.path("r-2026-11-20/scores.json")).unwrap())
            .unwrap();
    for row in json.as_array().unwrap() {
        let Some(then) = before.get(row["profile_url"].as_str().unwrap()) else { continue };
        assert_eq!(row["previous_tier"], then["tier"].as_str());
        assert_eq!(row["previous_score"].as_f64(), Some(number(&then["score"])));
        assert!(row["score_change"].is_f64(), "{row}");
    }

    // `history --person`: by name, by the URL in another form, as text and as JSON.
    let names = |rows: &std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, String>,
    >| { rows.values().map(|r| r["name"].clone()).collect::<Vec<_>>() };
    let all = names(&after);
    let (url, now) = after
        .iter()
        .find(|(u, r)| {
            before.get(*u).is_some_and(|t| t["tier"] != r["tier"])
                && all.iter().filter(|n| **n == r["name"]).count() == 1
        })
        .expect("someone who moved tier, with a name of their own");
    let then = &before[url];
    let course = |who: &str| -> Value {
        let args = ["history", "--history", "h", "--person", who, "--json"];
        serde_json::from_slice(&dir.run(&args, 0).stdout).expect("JSON")
    };
    let by_name = course(&now["name"].to_uppercase());
    let other_form = url.replace("https://www.", "") + "/?trk=feed";
    assert_eq!(by_name, course(&other_form), "the same person by name and by URL");
    assert_eq!(by_name["profile_url"], url.as_str());
    let runs = by_name["runs"].as_array().unwrap();
    let seen: Vec<(&str, &str, f64)> = runs
        .iter()
        .map(|r| {
            (
                r["as_of"].as_str().unwrap(),
                r["tier"].as_str().unwrap(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-05-20", then["tier"].as_str(), number(&then["score"])),
            ("2026-11-20", now["tier"].as_str(), number(&now["score"]))
        ]
    );
    assert!(runs[0]["change"].is_null());
    assert_eq!(runs[1]["change"].as_f64(), Some(number(&now["score_change"])));
    let text = stdout(&dir.run(&["history", "--history", "h", "--person", &now["name"]], 0));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("{}  {url}", now["name"]));
    assert!(
        lines[2].starts_with(&format!("2026-05-20  {:<7}  {:>6}", then["tier"], then["score"]))
    );
    assert!(lines[3].starts_with(&format!("2026-11-20  {:<7}  {:>6}", now["tier"], now["score"])));
    let nobody = dir.run(&["history", "--history", "h", "--person", "Nobody Known"], 2);
    assert_eq!(
        stderr(&nobody),
        "netsift: nobody in the history matches \"Nobody Known\": give a profile URL or a \
         connection's full name\n"
    );
}

#[test]
fn a_name_shared_by_two_people_asks_for_the_profile() {
    let dir = TestDir::new("history-namesakes");
    dir.run(&["sample", "--out", "s", "--connections", "40", "--messages", "300", "-q"], 0);
    dir.run(&["analyze", E1, "--history", "h", "--out", "r1", "-q"], 0);
    let add = [
        ("https://www.linkedin.com/in/nina-new-1", "Nina"),
        ("https://www.linkedin.com/in/nina-new-2", "Nina"),
    ];
    next_export(&dir, "e2", &BTreeSet::new(), &add, &[]);
    dir.run(&["analyze", "e2", "--as-of", "2027-03-01", "--history", "h", "--out", "r2", "-q"], 0);
    let out = dir.run(&["history", "--history", "h", "--person", "Nina New"], 2);
    assert_eq!(
        stderr(&out),
        "netsift: \"Nina New\" is the name of 2 people in the history \
         (https://www.linkedin.com/in/nina-new-1, https://www.linkedin.com/in/nina-new-2): \
         give the profile URL\n"
    );
    let one = dir.run(&["history", "--history", "h", "--person", add[1].0, "--json"], 0);
    let course: Value = serde_json::from_slice(&one.stdout).unwrap();
    let tiers: Vec<&Value> =
        course["runs"].as_array().unwrap().iter().map(|r| &r["tier"]).collect();
    let tier = by_url(&dir.path("r2/scores.csv"))[add[1].0]["tier"].clone();
    assert_eq!(tiers, [&Value::Null, &Value::from(tier)], "not a connection in the first run");
    assert!(
        stdout(&dir.run(&["history", "--history", "h", "--person", add[1].0], 0))
            .ends_with("(-: not a connection in that run)\n")
    );
}
