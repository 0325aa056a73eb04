//! The relationship graph: planted circles become communities, the person between them is the
//! broker, and `intro` finds the planted best path first.

use crate::util::{TestDir, stdout};

const OWNER: &str = "https://www.linkedin.com/in/owen";

fn url(slug: &str) -> String {
    format!("https://www.linkedin.com/in/{slug}")
}

/// Two circles (a1–a4 chatting in "Alpha", b1–b4 in "Beta"), Xena in both and close to the
/// owner, b3 working at Target Co, and a namesake company that must not match.
fn planted(dir: &TestDir) {
    let mut connections =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    let people = [
        ("a1", "Alpha Co"),
        ("a2", "Alpha Co"),
        ("a3", "Alpha Co"),
        ("a4", "Alpha Co"),
        ("b1", "Beta Co"),
        ("b2", "Beta Co"),
        ("b3", "Target Co, Inc."),
        ("b4", "Beta Co"),
        ("xena", "Bridge Ltd"),
        ("dan", "Target Co Health"),
    ];
    for (slug, company) in people {
        connections
            .push_str(&format!("{slug},Person,{},,\"{company}\",Role,01 Jan 2020\n", url(slug)));
    }
    dir.create("e/Connections.csv", connections.trim_end());
    let mut m = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n",
    );
    let mut row = |conv: &str, title: &str, from: &str, members: &[&str], day: u32| {
        let sender = if from == "owen" { OWNER.to_string() } else { url(from) };
        let recipients: Vec<String> = members
            .iter()
            .chain(std::iter::once(&"owen"))
            .filter(|&&s| s != from)
            .map(|&s| if s == "owen" { OWNER.to_string() } else { url(s) })
            .collect();
        m.push_str(&format!(
            "{conv},{title},{from} Person,{sender},x,\"{}\",2026-{:02}-{:02} 10:00:00 UTC,,hi,INBOX\n",
            recipients.join(","),
            1 + day / 28,
            1 + day % 28
        ));
    };
    let alpha = ["a1", "a2", "a3", "a4", "xena"];
    let beta = ["b1", "b2", "b3", "b4", "xena"];
    for day in 0..40 {
        row("g-alpha", "Alpha", alpha[day as usize % 5], &alpha, day * 7);
        row("g-beta", "Beta", beta[day as usize % 5], &beta, day * 7 + 1);
    }
    for day in 0..30 {
        let from = if day % 2 == 0 { "owen" } else { "xena" };
        row("d-xena", "", from, &["xena"], day * 10 + 2);
    }
    dir.create("e/messages.csv", m);
    dir.create(
        "e/Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
    );
}

#[test]
fn circles_become_communities_and_the_bridge_is_the_broker() {
    let dir = TestDir::new("graph-communities");
    planted(&dir);
    dir.run(&["analyze", "e", "--out", "r", "--as-of", "2026-11-20", "-q"], 0);
    let mut r = csv::Reader::from_path(dir.path("r/scores.csv")).unwrap();
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (url_col, community, bridges) = (col("profile_url"), col("community"), col("brokerage"));
    let rows: Vec<(String, String, u32)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            let slug = rec[url_col].rsplit('/').next().unwrap().to_string();
            (slug, rec[community].to_string(), rec[bridges].parse().unwrap())
        })
        .collect();
    let of = |slug: &str| rows.iter().find(|r| r.0 == slug).unwrap().clone();
    let alpha: Vec<String> = ["a1", "a2", "a3", "a4"].iter().map(|s| of(s).1).collect();
    let beta: Vec<String> = ["b1", "b2", "b3", "b4"].iter().map(|s| of(s).1).collect();
    assert!(alpha.iter().all(|c| c == &alpha[0] && !c.is_empty()), "{rows:?}");
    assert!(beta.iter().all(|c| c == &beta[0] && !c.is_empty()), "{rows:?}");
    assert_ne!(alpha[0], beta[0]);
    let most = rows.iter().map(|r| r.2).max().unwrap();
    // Xena alone spans the hole between the circles: 4 × 4 untied pairs across them.
    assert_eq!(of("xena").2, most, "{rows:?}");
    assert_eq!(of("xena").2, 16);
    assert!(["a1", "b1", "dan"].iter().all(|s| of(s).2 == 0), "{rows:?}");
    for file in ["graph.json", "graph.graphml"] {
        assert!(dir.path("r").join(file).is_file());
    }
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("r/graph.json")).unwrap()).unwrap();
    assert_eq!(graph["nodes"].as_array().unwrap().len(), 11);
    assert_eq!(graph["communities"], 2);
}

#[test]
fn intro_finds_the_planted_path_first_and_matches_companies_by_whole_words() {
    let dir = TestDir::new("graph-intro");
    planted(&dir);
    let out = dir.run(&["intro", "Target Co", "e", "--json", "-q"], 0);
    let intro: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(intro["target"], "company \"Target Co\"");
    assert_eq!(intro["people_at_target"], 1, "Target Co Health is another employer: {intro}");
    let first = &intro["ways"][0];
    assert_eq!(first["via"]["profile_url"], url("xena"), "{intro}");
    assert_eq!(first["to"]["profile_url"], url("b3"));
    let text = stdout(&dir.run(&["intro", "target co inc", "e", "-q"], 0));
    assert!(text.lines().nth(1).unwrap().contains("xena Person (core, score"), "{text}");
    assert!(
        text.contains("shares 1 group conversation with b3 Person at Target Co, Inc."),
        "{text}"
    );
    // A person as the target, by URL or by name.
    let by_url: serde_json::Value =
        serde_json::from_slice(&dir.run(&["intro", &url("b3"), "e", "--json", "-q"], 0).stdout)
            .unwrap();
    assert_eq!(by_url["ways"][0], first.clone());
    let by_name = stdout(&dir.run(&["intro", "b3 Person", "e", "-q"], 0));
    assert!(by_name.starts_with("ways in to person \"b3 Person\": 1 people there\n"), "{by_name}");
}

#[test]
fn an_unknown_target_says_so_and_exits_1_as_grep_does() {
    let dir = TestDir::new("graph-none");
    planted(&dir);
    let text = stdout(&dir.run(&["intro", "Nowhere Corp", "e", "-q"], 1));
    assert_eq!(
        text,
        "ways in to company \"Nowhere Corp\": 0 people there\nno path found: nobody you know is tied to them in this export\n"
    );
    let out = dir.run(&["intro", "Nowhere Corp", "e", "--json", "-q"], 1);
    let intro: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(intro["ways"], serde_json::json!([]));
    assert_eq!(crate::util::stderr(&out), "", "nothing found is not an error");
}

/// Seventeen connections at Quiet Co the owner never wrote to: each a way in, said to be never
/// contacted; past `--limit` (15 without it), counted and said.
#[test]
fn intro_lists_connections_never_contacted_and_counts_what_it_leaves_out() {
    let dir = TestDir::new("graph-quiet");
    planted(&dir);
    let mut connections = std::fs::read_to_string(dir.path("e/Connections.csv")).unwrap();
    let slugs: Vec<String> = (1..=17).map(|i| format!("q{i:02}")).collect();
    for slug in &slugs {
        connections.push_str(&format!("\n{slug},Person,{},,Quiet Co,Role,01 Jan 2020", url(slug)));
    }
    dir.create("e/Connections.csv", connections);
    let text = stdout(&dir.run(&["intro", "Quiet Co", "e", "-q"], 0));
    assert!(text.starts_with("ways in to company \"Quiet Co\": 17 people there\n"), "{text}");
    for (i, slug) in slugs.iter().take(15).enumerate() {
        let line = text.lines().nth(i + 1).unwrap();
        assert!(line.contains(&format!("you know {slug} Person directly (")), "{text}");
        assert!(line.ends_with(", never contacted"), "{text}");
    }
    assert_eq!(text.lines().count(), 17, "{text}");
    assert!(text.ends_with("\n… and 2 more: --limit 17 to see them\n"), "{text}");
    let text = stdout(&dir.run(&["intro", "Quiet Co", "e", "--limit", "17", "-q"], 0));
    assert_eq!(text.lines().count(), 18, "all, nothing left out: {text}");
    let out = dir.run(&["intro", "Quiet Co", "e", "--limit", "2", "--json", "-q"], 0);
    let intro: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(intro["ways"].as_array().unwrap().len(), 2, "{intro}");
    assert_eq!(intro["left_out"], 15, "{intro}");
    assert_eq!(intro["ways"][0]["never_contacted"], true, "{intro}");
    // Someone you talk to is not said to be never contacted.
    let out = dir.run(&["intro", "Alpha Co", "e", "--json", "-q"], 0);
    let intro: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(intro["left_out"], 0, "{intro}");
    assert!(intro["ways"].as_array().unwrap().iter().all(|w| w["never_contacted"] == false));
    dir.run(&["intro", "Quiet Co", "e", "--limit", "0"], 2);
}

/// A person typed without accents is that person, a company too; a typo is answered with the
/// closest names and companies.
#[test]
fn intro_ignores_accents_and_suggests_the_closest_on_a_typo() {
    let dir = TestDir::new("graph-accents");
    planted(&dir);
    let mut connections = std::fs::read_to_string(dir.path("e/Connections.csv")).unwrap();
    connections
        .push_str(&format!("\nGrace,Novák,{},,Müller & Söhne AG,Role,01 Jan 2020", url("grace")));
    dir.create("e/Connections.csv", connections);
    let json = |args: &[&str], code: i32| -> serde_json::Value {
        let mut all = vec!["intro"];
        all.extend(args);
        all.extend(["e", "--json", "-q"]);
        serde_json::from_slice(&dir.run(&all, code).stdout).unwrap()
    };
    for typed in ["grace novak", "GRACE NOVÁK"] {
        let intro = json(&[typed], 0);
        assert_eq!(intro["target"], "person \"Grace Novák\"", "{typed}: {intro}");
        assert_eq!(intro["ways"][0]["to"]["profile_url"], url("grace"), "{intro}");
        assert_eq!(intro["did_you_mean"], serde_json::json!([]), "{intro}");
    }
    let intro = json(&["muller & sohne"], 0);
    assert_eq!(intro["people_at_target"], 1, "{intro}");
    let text = stdout(&dir.run(&["intro", "Grace Nowak", "e", "-q"], 1));
    assert_eq!(
        text,
        "ways in to company \"Grace Nowak\": 0 people there\nno path found: nobody you know is tied \
         to them in this export\ndid you mean Grace Novák?\n"
    );
    assert_eq!(json(&["Tarket Co"], 1)["did_you_mean"], serde_json::json!(["Target Co, Inc."]));
    let both = json(&["b Person"], 1);
    assert_eq!(both["did_you_mean"], serde_json::json!(["b1 Person", "b2 Person", "b3 Person"]));
}

#[test]
fn an_introduction_in_the_notes_opens_a_path() {
    let dir = TestDir::new("graph-notes");
    planted(&dir);
    dir.create(
        "notes.csv",
        format!("date,person,kind,direction,tags,note\n2026-10-01,{},intro,given,,\"Coffee, with:{}\"\n", url("xena"), url("dan")),
    );
    let out =
        dir.run(&["intro", "Target Co Health", "e", "--notes", "notes.csv", "--json", "-q"], 0);
    let intro: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(intro["people_at_target"], 1);
    let first = &intro["ways"][0];
    assert_eq!(first["via"]["profile_url"], url("xena"), "{intro}");
    assert!(
        first["explanation"].as_str().unwrap().contains("was introduced (notes) to dan Person"),
        "{intro}"
    );
    // Colleagues at a small employer are tied too; another employer is not.
    dir.run(&["analyze", "e", "--notes", "notes.csv", "--out", "r", "-q"], 0);
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("r/graph.json")).unwrap()).unwrap();
    let id = |slug: &str| {
        graph["nodes"].as_array().unwrap().iter().find(|n| n["profile_url"] == url(slug)).unwrap()["id"].clone()
    };
    let kinds = |a: &str, b: &str| -> Vec<String> {
        let (x, y) = (id(a), id(b));
        graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| {
                (e["source"] == x && e["target"] == y) || (e["source"] == y && e["target"] == x)
            })
            .map_or(vec![], |e| {
                e["kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_string())
                    .collect()
            })
    };
    assert_eq!(kinds("b1", "b2"), ["group", "colleagues"]);
    assert_eq!(kinds("b1", "b3"), ["group"]);
    assert_eq!(kinds("xena", "dan"), ["intro"]);
    assert_eq!(kinds("a1", "b1"), Vec::<String>::new());
}

/// A circle of six at one bank spelt three ways, chatting in "Lagos Fintech"; five colleagues
/// at Zeta Co the owner never spoke with; a pair at Tiny Co.
pub fn named_circles(dir: &TestDir) {
    let mut connections =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    let bank = [
        "Wema Bank Plc",
        "Wema Bank Plc",
        "Wema Bank Plc",
        "Wema Bank Plc.",
        "Wema Bank Plc.",
        "Wema Bank",
    ];
    let mut people: Vec<(String, &str)> =
        bank.iter().enumerate().map(|(i, &c)| (format!("w{i}"), c)).collect();
    people.extend((0..5).map(|i| (format!("z{i}"), "Zeta Co")));
    people.extend((0..2).map(|i| (format!("t{i}"), "Tiny Co")));
    for (slug, company) in &people {
        connections
            .push_str(&format!("{slug},Person,{},,\"{company}\",Role,01 Jan 2020\n", url(slug)));
    }
    dir.create("e/Connections.csv", connections.trim_end());
    let mut m = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n",
    );
    let circle: Vec<String> = (0..6).map(|i| format!("w{i}")).collect();
    for day in 0..40u32 {
        let from = &circle[day as usize % 6];
        let to: Vec<String> = circle
            .iter()
            .filter(|s| *s != from)
            .map(|s| url(s))
            .chain(std::iter::once(OWNER.to_string()))
            .collect();
        m.push_str(&format!(
            "g-lagos,Lagos Fintech,{from} Person,{},x,\"{}\",2026-{:02}-{:02} 10:00:00 UTC,,hi,INBOX\n",
            url(from),
            to.join(","),
            1 + day / 28,
            1 + day % 28
        ));
    }
    dir.create("e/messages.csv", m);
    dir.create(
        "e/Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
    );
}

#[test]
fn communities_are_named_by_what_they_share_and_employers_merged() {
    let dir = TestDir::new("graph-names");
    named_circles(&dir);
    dir.run(&["analyze", "e", "--out", "r", "--as-of", "2026-11-20", "-q", "--no-history"], 0);
    let html = std::fs::read_to_string(dir.path("r/report.html")).unwrap();
    let section =
        html.split("id=\"communities\"").nth(1).unwrap().split("</section>").next().unwrap();
    let rows: Vec<Vec<String>> = section
        .split("<tr><td")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .map(|cell| {
                    let text = cell.split_once('>').map_or(cell, |c| c.1);
                    text.split("</td>").next().unwrap().to_string()
                })
                .collect()
        })
        .collect();
    let bank = rows.iter().find(|r| r[0].contains("Wema Bank")).expect("the bank's community");
    assert_eq!(bank[0], "Wema Bank Plc · “Lagos Fintech” group", "{rows:?}");
    assert_eq!(bank[3], "Wema Bank Plc (6)", "one employer, its most common spelling: {rows:?}");
    let zeta = rows.iter().find(|r| r[0].contains("Zeta Co")).expect("Zeta's community");
    assert_eq!(zeta[4], "nobody you are in touch with", "no score-0 people as closest: {rows:?}");
    assert_eq!(rows.len(), 2, "the pair at Tiny Co is too small to list: {rows:?}");
    // The table's names: the two communities named, the pair's left unnamed (not in the filter).
    let names = html.split("data-communities='").nth(1).unwrap().split('\'').next().unwrap();
    let names: Vec<String> = serde_json::from_str(names).unwrap();
    let named: Vec<&String> = names.iter().filter(|n| !n.is_empty()).collect();
    assert_eq!(named.len(), 2, "{names:?}");
    assert!(names.len() >= 3, "{names:?}");
    // The company filter offers the bank once, its three spellings behind it.
    let employers = html.split("data-employers='").nth(1).unwrap().split('\'').next().unwrap();
    let employers: Vec<(String, Vec<String>)> = serde_json::from_str(employers).unwrap();
    let bank: Vec<_> = employers.iter().filter(|e| e.0.starts_with("Wema")).collect();
    let spellings = ["Wema Bank", "Wema Bank Plc", "Wema Bank Plc."].map(String::from).to_vec();
    assert_eq!(bank, [&("Wema Bank Plc".to_string(), spellings)], "{employers:?}");
}

#[test]
fn an_export_without_ties_draws_no_network_panel() {
    let dir = TestDir::new("graph-no-ties");
    let mut connections =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..8 {
        connections.push_str(&format!(
            "p{i},Person,{},,Company {i},Role,01 Jan 2020\n",
            url(&format!("p{i}"))
        ));
    }
    dir.create("e/Connections.csv", connections.trim_end());
    dir.run(&["analyze", "e", "--out", "r", "--as-of", "2026-11-20", "-q", "--no-history"], 0);
    let html = std::fs::read_to_string(dir.path("r/report.html")).unwrap();
    assert!(!html.contains("chart chart-network"), "no empty network panel");
    assert!(!dir.path("r/charts/network.svg").exists());
    assert!(dir.path("r/charts/tiers.svg").exists());
}
