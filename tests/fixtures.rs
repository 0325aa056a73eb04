//! Every era fixture read exactly as its hand-counted `tests/expected/<NAME>.json` says.

use std::path::Path;

use netsift::diag::Diagnostics;
use netsift::export::{self, Direction, Export, MessageClass};
use netsift::inspect::Inspection;
use netsift::people::{People, ProfileKey};
use serde_json::Value;

use crate::util::fixture_dir;

/// Reads a fixture and compares everything its expected file states; lists every difference.
fn check(name: &str) {
    let expected_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/expected/{name}.json"));
    let exp: Value = serde_json::from_slice(&std::fs::read(expected_path).expect("expected file"))
        .expect("expected JSON");
    let export = export::read(&fixture_dir(name)).expect("fixture reads");
    let mut diags: Diagnostics = export.diagnostics.clone();
    let people = People::resolve(&export, &mut diags);
    let ins = Inspection::new(&export, &people, None, &diags);
    let mut diffs = Vec::new();
    let (m, i) = (&ins.messages, &ins.invitations);
    eq(&mut diffs, &exp, "connections_rows", ins.connections.rows.into());
    eq(&mut diffs, &exp, "hidden_members", ins.connections.hidden_members.into());
    eq(&mut diffs, &exp, "connections_have_url", (ins.connections.with_url > 0).into());
    let messages_file = ins.files.iter().find(|f| f.name.eq_ignore_ascii_case("messages.csv"));
    eq(&mut diffs, &exp, "messages_file", messages_file.map(|f| f.name.clone()).into());
    eq(&mut diffs, &exp, "message_rows", m.rows.into());
    eq(&mut diffs, &exp, "sent", m.sent.into());
    eq(&mut diffs, &exp, "received", m.received.into());
    eq(&mut diffs, &exp, "drafts", m.drafts.into());
    eq(&mut diffs, &exp, "system", m.system.into());
    eq(&mut diffs, &exp, "sponsored", m.sponsored.into());
    eq(&mut diffs, &exp, "linkedin_member", m.linkedin_member.into());
    eq(&mut diffs, &exp, "invitations_rows", i.rows.into());
    eq(&mut diffs, &exp, "invitations_outgoing", i.outgoing.into());
    eq(
        &mut diffs,
        &exp,
        "invitations_with_note",
        (i.outgoing_with_note + i.incoming_with_note).into(),
    );
    eq(&mut diffs, &exp, "endorsements_received", ins.endorsements.received.into());
    eq(&mut diffs, &exp, "endorsements_given", ins.endorsements.given.into());
    eq(&mut diffs, &exp, "recommendations_received", ins.recommendations.received.into());
    eq(&mut diffs, &exp, "recommendations_given", ins.recommendations.given.into());
    eq(&mut diffs, &exp, "owner_name", ins.owner.name.clone().into());
    let owner_key = exp["owner_url"].as_str().and_then(ProfileKey::parse).map(|k| k.url());
    if owner_key != ins.owner.url {
        diffs.push(format!("owner_url: expected {:?}, got {:?}", exp["owner_url"], ins.owner.url));
    }
    eq(&mut diffs, &exp, "owner_method", serde_json::to_value(ins.owner.method).unwrap());
    eq(&mut diffs, &exp, "messages_matched", m.matched.into());
    eq(&mut diffs, &exp, "invitations_matched", i.matched.into());
    let canonical = |s: &str| ProfileKey::parse(s).map_or_else(|| s.to_string(), |k| k.url());
    let mut want: Vec<String> = exp["unmatched_senders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| canonical(v.as_str().unwrap()))
        .collect();
    let mut got: Vec<String> = ins.unmatched_senders.iter().map(|s| s.sender.clone()).collect();
    want.sort();
    got.sort();
    if want != got {
        diffs.push(format!("unmatched_senders: expected {want:?}, got {got:?}"));
    }
    let range = ins.date_range.map(|[a, b]| vec![a.to_string(), b.to_string()]);
    eq(&mut diffs, &exp, "date_range", serde_json::to_value(range).unwrap());
    let coach: Vec<Value> = exp["ignored_files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| export::COACH_FILES.contains(&f.as_str().unwrap()))
        .cloned()
        .collect();
    let ignored: Vec<Value> = ins.ignored.iter().map(|f| f.name.clone().into()).collect();
    if coach != ignored {
        diffs.push(format!("ignored coach files: expected {coach:?}, got {ignored:?}"));
    }
    diffs.extend(rows(&exp, &export, &people));
    assert!(diffs.is_empty(), "fixture {name}:\n  {}", diffs.join("\n  "));
}

fn eq(diffs: &mut Vec<String>, exp: &Value, what: &str, actual: Value) {
    if exp[what] != actual {
        diffs.push(format!("{what}: expected {}, got {}", exp[what], actual));
    }
}

/// The hand-picked rows of the expected file, field by field.
fn rows(exp: &Value, export: &Export, people: &People) -> Vec<String> {
    let mut diffs = Vec::new();
    for want in exp["connections"].as_array().unwrap() {
        let line = want["line"].as_u64().unwrap();
        let Some(c) = export.connections.iter().find(|c| c.line == line) else {
            diffs.push(format!("Connections.csv:{line}: no row starts there"));
            continue;
        };
        let got = serde_json::json!({
            "line": line, "first_name": c.first_name, "last_name": c.last_name, "url": c.url,
            "email": c.email, "company": c.company, "position": c.position,
            "connected_on": c.connected_on.map(|d| d.to_string()),
        });
        if &got != want {
            diffs.push(format!("Connections.csv:{line}: expected {want}, got {got}"));
        }
    }
    for want in exp["messages"].as_array().unwrap() {
        let line = want["line"].as_u64().unwrap();
        let Some(i) = export.messages.rows.iter().position(|m| m.line == line) else {
            diffs.push(format!("messages:{line}: no row starts there"));
            continue;
        };
        let m = &export.messages.rows[i];
        let class = match m.class {
            MessageClass::Person if people.links.messages[i].outgoing => "sent".to_string(),
            MessageClass::Person => "received".to_string(),
            other => serde_json::to_value(other).unwrap().as_str().unwrap().to_string(),
        };
        let got = serde_json::json!({
            "line": line, "class": class, "from": export.messages.text(m.from), "time_utc": m.time.to_string(),
        });
        if &got != want {
            diffs.push(format!("messages:{line}: expected {want}, got {got}"));
        }
    }
    for want in exp["invitations"].as_array().unwrap() {
        let line = want["line"].as_u64().unwrap();
        let Some(inv) = export.invitations.iter().find(|i| i.line == line) else {
            diffs.push(format!("Invitations.csv:{line}: no row starts there"));
            continue;
        };
        let direction = if inv.direction == Direction::Outgoing { "OUTGOING" } else { "INCOMING" };
        let got = serde_json::json!({
            "line": line, "direction": direction, "sent_at_utc": inv.sent_at.to_string(),
            "has_note": inv.has_note(),
        });
        if &got != want {
            diffs.push(format!("Invitations.csv:{line}: expected {want}, got {got}"));
        }
    }
    diffs
}

macro_rules! fixtures {
    ($($test:ident => $name:literal),* $(,)?) => {
        $( #[test] fn $test() { check($name) } )*

        /// Every expected file has its test above.
        #[test]
        fn every_expected_file_is_checked() {
            let listed = [$($name),*];
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected");
            for entry in std::fs::read_dir(dir).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_string();
                assert!(listed.contains(&name.as_str()), "tests/expected/{name}.json has no test");
            }
        }
    };
}

fixtures! {
    era_2018 => "2018",
    era_2020 => "2020",
    era_2020_connections_only => "2020-connections-only",
    era_2022 => "2022",
    era_2023_urn => "2023-urn",
    era_2023_bare => "2023-bare",
    era_2024 => "2024",
    era_2024_excel => "2024-excel",
    era_2024_excel_eu => "2024-excel-eu",
    era_2025 => "2025",
    era_2026 => "2026",
}
