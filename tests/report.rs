//! The report files: every era fixture gets charts, `report.html` and `report.png`; PNGs decode
//! at their stated sizes; the SVGs of a fixed small export are pinned; the page loads nothing
//! from outside, and export text reaches it only escaped.

use netsift::report::charts::{Kind, poster};
use sha2::{Digest, Sha256};

use crate::payload;
use crate::util::{TestDir, fixture_dir};

const ERAS: [&str; 11] = [
    "2018",
    "2020",
    "2020-connections-only",
    "2022",
    "2023-bare",
    "2023-urn",
    "2024",
    "2024-excel",
    "2024-excel-eu",
    "2025",
    "2026",
];

fn png_size(path: &std::path::Path) -> (u32, u32) {
    let file = std::fs::File::open(path).expect("PNG exists");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().expect("header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("PNG decodes");
    (info.width, info.height)
}

/// The rows of a CSV file as maps from column to cell.
fn csv_rows(path: &std::path::Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().clone();
    let cells = |rec: csv::StringRecord| {
        header.iter().zip(rec.iter()).map(|(h, v)| (h.into(), v.into())).collect()
    };
    r.records().map(|rec| cells(rec.unwrap())).collect()
}

#[test]
fn every_list_holds_everyone_its_rule_selects_on_every_era() {
    let dir = TestDir::new("report-lists");
    for era in ERAS {
        let out = format!("r-{era}");
        let fixture = fixture_dir(era);
        dir.run(&["analyze", fixture.to_str().unwrap(), "--out", &out, "-q", "--no-history"], 0);
        let scores = csv_rows(&dir.path(&format!("{out}/scores.csv")));
        let named = |r: &&std::collections::HashMap<String, String>| {
            !(r["name"].is_empty() && r["profile_url"].is_empty())
        };
        let tagged = |r: &std::collections::HashMap<String, String>, t: &str| {
            r["tags"].split(';').any(|x| x == t)
        };
        let count = |pick: &dyn Fn(&std::collections::HashMap<String, String>) -> bool| {
            scores.iter().filter(named).filter(|r| pick(r)).count()
        };
        let prune =
            count(&|r| (r["tier"] == "clutter" || tagged(r, "prune")) && r["keep"] == "false");
        let reconnect = count(&|r| r["tier"] == "dormant");
        let welcome = count(&|r| r["tier"] == "new" && r["welcome"] == "none");
        let listed = |name: &str| csv_rows(&dir.path(&format!("{out}/{name}"))).len();
        assert_eq!(listed("prune.csv"), prune, "{era}: prune.csv");
        assert_eq!(listed("reconnect.csv"), reconnect, "{era}: reconnect.csv");
        assert_eq!(listed("welcome.csv"), welcome, "{era}: welcome.csv");
        let summary: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path(&format!("{out}/summary.json"))).unwrap(),
        )
        .unwrap();
        let actions = &summary["actions"];
        assert_eq!(actions["prune"], prune, "{era}: the headline counts the list");
        assert_eq!(actions["reconnect"], reconnect, "{era}");
        assert_eq!(actions["welcome"], welcome, "{era}");
    }
}

#[test]
fn every_era_gets_charts_a_page_and_an_image() {
    let dir = TestDir::new("report-eras");
    for era in ERAS {
        let fixture = fixture_dir(era);
        let out = format!("r-{era}");
        dir.run(&["analyze", fixture.to_str().unwrap(), "--out", &out, "-q"], 0);
        for kind in Kind::ALL {
            let png = dir.path(&format!("{out}/charts/{}.png", kind.file()));
            assert_eq!(png_size(&png), kind.size(), "{era}: {}", kind.file());
            let svg = std::fs::read_to_string(png.with_extension("svg")).expect("SVG exists");
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{era}");
        }
        assert_eq!(png_size(&dir.path(&format!("{out}/report.png"))), poster::SIZE, "{era}");
        let html = std::fs::read_to_string(dir.path(&format!("{out}/report.html"))).unwrap();
        assert!(html.contains("<h2 id=\"connections-h\">"), "{era}");
    }
}

#[test]
fn the_charts_of_a_small_export_are_pinned() {
    let dir = TestDir::new("report-svg");
    let sample =
        ["sample", "--out", "s", "--connections", "60", "--messages", "500", "--seed", "11"];
    dir.run(&[&sample[..], &["-q"]].concat(), 0);
    let export = "s/Complete_LinkedInDataExport_11-20-2026";
    dir.run(&["analyze", export, "--notes", "s/notes.csv", "--out", "r", "-q"], 0);
    for kind in Kind::ALL {
        let svg = std::fs::read_to_string(dir.path(&format!("r/charts/{}.svg", kind.file())));
        insta::assert_snapshot!(format!("chart-{}", kind.file()), svg.expect("SVG exists"));
    }
}

/// The text between each `<tag…>` and its closing tag.
fn contents<'h>(html: &'h str, open: &str, close: &str) -> Vec<&'h str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let after = &rest[start..];
        let body = &after[after.find('>').expect("tag ends") + 1..];
        let end = body.find(close).expect("tag closes");
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

#[test]
fn the_page_is_self_contained_and_its_csp_names_exactly_its_style_and_script() {
    let dir = TestDir::new("report-csp");
    let fixture = fixture_dir("2026");
    dir.run(&["analyze", fixture.to_str().unwrap(), "--out", "r", "-q"], 0);
    let html = std::fs::read_to_string(dir.path("r/report.html")).unwrap();
    let hash = |s: &str| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s))
    };
    let styles = contents(&html, "<style", "</style>");
    let scripts: Vec<&str> = contents(&html, "<script>", "</script>");
    assert_eq!((styles.len(), scripts.len()), (1, 1));
    let csp = format!(
        "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        hash(styles[0]),
        hash(scripts[0])
    );
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">");
    let unescaped = html.replace("&#x27;", "'").replace("&#x2f;", "/");
    assert!(unescaped.contains(&meta), "the CSP hashes the inline style and script");
    for outside in ["http://", "<link", "@import", "url(", "<iframe", "<img", "src="] {
        let found = html.match_indices(outside).count();
        // SVG's namespace is a name, never fetched: in the charts' markup, and in the script
        // that draws the table's trends.
        let namespace = html.matches("xmlns=\"http://").count()
            + html.matches("'http://www.w3.org/2000/svg'").count();
        let allowed = if outside == "http://" { namespace } else { 0 };
        assert_eq!(found, allowed, "{outside}");
    }
}

#[test]
fn export_text_reaches_the_page_only_escaped() {
    let dir = TestDir::new("report-payload");
    payload::export(&dir, "e");
    dir.run(&["analyze", "e", "--out", "r", "-q", "--as-of", "2026-11-20"], 0);
    let html = std::fs::read_to_string(dir.path("r/report.html")).unwrap();
    assert_eq!(html.matches("<script").count(), 2, "the data block and the page's script");
    assert_eq!(html.matches("<svg").count(), Kind::ALL.len(), "one per chart, none injected");
    for tag in ["<img", "<iframe", "<b ", "<a href=\"javascript", "onerror=\"", "\"><svg"] {
        assert!(!html.contains(tag), "{tag} must not reach the page as markup");
    }
    // In the table's JSON, markup is escaped for a <script> element.
    assert!(html.contains("\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e"));
    // In the lists, as HTML text (a position, in the prune list).
    assert!(
        html.contains("&lt;&#x2f;script&gt;&lt;script&gt;window.__pwned=3&lt;&#x2f;script&gt;")
    );
    let html = html.replace("&#x2f;", "/");
    for href in html.match_indices("href=\"").map(|(i, _)| &html[i + 6..]) {
        assert!(
            href.starts_with('#') || href.starts_with("https://www.linkedin.com/"),
            "{href:.60}"
        );
    }
}

/// Every string in `v` that reads as a number, with where it is: numbers must be numbers.
fn numeric_strings(v: &serde_json::Value, at: &str, found: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.trim().parse::<f64>().is_ok() => {
            found.push(format!("{at} = {s:?}"))
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                numeric_strings(item, &format!("{at}[{i}]"), found);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                numeric_strings(item, &format!("{at}.{k}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_json_output_carries_numbers_as_numbers() {
    let dir = TestDir::new("report-json");
    let zip = crate::util::SAMPLE_ZIP;
    let notes = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/notes.csv");
    for day in ["2026-08-20", "2026-11-20"] {
        let args = ["analyze", zip, "--notes", notes, "--out", "r", "-q", "--history", "h"];
        dir.run(&[&args[..], &["--as-of", day]].concat(), 0);
    }
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.path("r").join(name)).unwrap()).unwrap()
    };
    let stdout = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&dir.run(args, 0).stdout).unwrap()
    };
    let outputs = [
        ("scores.json", read("scores.json")),
        ("summary.json", read("summary.json")),
        ("graph.json", read("graph.json")),
        ("inspect --json", stdout(&["inspect", zip, "--notes", notes, "--json", "-q"])),
        ("history --json", stdout(&["history", "--history", "h", "--json"])),
        ("diff --json", stdout(&["diff", "--history", "h", "--json"])),
        ("backtest --json", stdout(&["backtest", zip, "--at", "2026-05-20", "--json", "-q"])),
        ("intro --json", stdout(&["intro", "Globex", zip, "--json", "-q"])),
    ];
    for (name, value) in &outputs {
        let mut found = Vec::new();
        numeric_strings(value, name, &mut found);
        assert!(found.is_empty(), "numbers written as text: {found:?}");
    }
    // scores.json field by field.
    let scores = outputs[0].1.as_array().unwrap();
    assert_eq!(scores.len(), 300);
    for row in scores {
        for key in ["score", "p_contact_90d", "recency", "intensity", "reciprocity", "depth"] {
            assert!(row[key].is_f64() || row[key].is_u64(), "{key}: {}", row[key]);
        }
        for key in ["messages_sent", "messages_received", "bridges", "brokerage"] {
            assert!(row[key].is_u64(), "{key}: {}", row[key]);
        }
        for key in ["keep", "invitation_note"] {
            assert!(row[key].is_boolean(), "{key}: {}", row[key]);
        }
        assert!(row["tags"].is_array() && row["reasons"].is_array() && row["channels"].is_object());
        for key in ["community", "typical_gap_days", "connected_on", "last_interaction"] {
            assert!(!row[key].is_string() || key.ends_with("_on") || key == "last_interaction");
            assert!(row[key] != serde_json::json!(""), "{key}: none is null, not empty text");
        }
        let tiers = ["core", "active", "dormant", "weak", "new", "clutter"];
        assert!(tiers.contains(&row["tier"].as_str().unwrap()));
        // The second run of the history: the first run's tier and score, or null.
        let before = &row["previous_tier"];
        assert!(before.is_null() || tiers.contains(&before.as_str().unwrap()), "{before}");
        for key in ["previous_score", "score_change"] {
            assert_eq!(row[key].is_number(), !before.is_null(), "{key}: {}", row[key]);
        }
    }
    assert!(scores.iter().any(|r| r["score_change"].is_number()), "the sample's rows were there");
}

#[test]
fn an_export_without_messages_says_so_everywhere() {
    let dir = TestDir::new("report-gaps");
    let bare = fixture_dir("2020-connections-only");
    let out = dir.run(&["analyze", bare.to_str().unwrap(), "--out", "r", "-q", "--no-history"], 0);
    let said = "this export holds no messages";
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("note: {said}")));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("r/summary.json")).unwrap()).unwrap();
    assert!(summary["data_gaps"][0].as_str().unwrap().starts_with(said), "{summary}");
    let html = std::fs::read_to_string(dir.path("r/report.html")).unwrap();
    assert!(html.contains(&format!("Note: {said}")));
    // An export with messages has no such note; one scored long after its messages end has
    // another.
    let full = fixture_dir("2024");
    dir.run(&["analyze", full.to_str().unwrap(), "--out", "f", "-q", "--no-history"], 0);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("f/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["data_gaps"], serde_json::json!([]));
    let late = ["analyze", full.to_str().unwrap(), "--out", "l", "-q", "--no-history"];
    let out = dir.run(&[&late[..], &["--as-of", "2026-06-30"]].concat(), 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("note: the messages in this export end on")
    );
}

#[test]
fn fewer_to_prune_than_clutter_is_explained() {
    let dir = TestDir::new("report-unlisted");
    let out = dir.run(&["analyze", crate::util::SAMPLE_ZIP, "--out", "r", "--no-history"], 0);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("r/summary.json")).unwrap()).unwrap();
    let (prune, clutter) = (&summary["actions"]["prune"], &summary["tiers"]["clutter"]);
    assert!(prune.as_u64() < clutter.as_u64(), "the sample has hidden members among its clutter");
    assert!(
        text.contains(&format!(
            "to do: prune {prune} (of {clutter} clutter: hidden members and anyone tagged keep \
             are never listed)"
        )),
        "{text}"
    );
}
