//! The report files: every era fixture gets charts, `report.html` and `report.png`; PNGs decode
//! at their stated sizes; names in any script draw in the PNGs; the SVGs of a fixed small export
//! are pinned; the page loads nothing from outside, and export text reaches it only escaped.

use netsift::report::charts::{Kind, fonts, poster};
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

/// A PNG's width and height.
pub fn png_size(path: &std::path::Path) -> (u32, u32) {
    png_pixels(path).0
}

/// A PNG's size and pixels.
fn png_pixels(path: &std::path::Path) -> ((u32, u32), Vec<u8>) {
    let file = std::fs::File::open(path).expect("PNG exists");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().expect("header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("PNG decodes");
    ((info.width, info.height), pixels)
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

/// The charts drawn into `out`: every one, but the network picture only where the page shows it
/// (an export without ties or communities gets none, and no file of it).
fn charts_of(dir: &TestDir, out: &str) -> Vec<Kind> {
    let html = std::fs::read_to_string(dir.path(&format!("{out}/report.html"))).unwrap();
    let network = html.contains("class=\"chart chart-network\"");
    let file = dir.path(&format!("{out}/charts/network.svg"));
    assert_eq!(file.exists(), network, "{out}: network.svg exactly when the page shows it");
    Kind::ALL.into_iter().filter(|&k| k != Kind::Network || network).collect()
}

#[test]
fn every_era_gets_charts_a_page_and_an_image() {
    let dir = TestDir::new("report-eras");
    for era in ERAS {
        let fixture = fixture_dir(era);
        let out = format!("r-{era}");
        dir.run(&["analyze", fixture.to_str().unwrap(), "--out", &out, "-q"], 0);
        for kind in charts_of(&dir, &out) {
            let png = dir.path(&format!("{out}/charts/{}.png", kind.file()));
            assert_eq!(png_size(&png), kind.size(), "{era}: {}", kind.file());
            let svg = std::fs::read_to_string(png.with_extension("svg")).expect("SVG exists");
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{era}");
        }
        let size = png_size(&dir.path(&format!("{out}/report.png")));
        assert_eq!(
            size,
            poster::SIZE_WITHOUT_JOBS,
            "{era}: no earlier run, no job changes to show"
        );
        let html = std::fs::read_to_string(dir.path(&format!("{out}/report.html"))).unwrap();
        assert!(html.contains("<h2 id=\"connections-h\">"), "{era}");
    }
}

/// Connections with Japanese, Chinese and Korean names and employers, never in touch and tagged
/// prune (an export without messages calls no one clutter by itself): they fill the prune list
/// of `report.png` and the employers chart.
const CJK: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On
太郎,山田,https://www.linkedin.com/in/yamada-taro,,株式会社テスト,エンジニア,12 Mar 2021
花子,佐藤,https://www.linkedin.com/in/sato-hanako,,株式会社テスト,デザイナー,02 Apr 2021
伟,王,https://www.linkedin.com/in/wang-wei,,华为技术有限公司,工程师,15 May 2021
민준,김,https://www.linkedin.com/in/kim-minjun,,삼성전자,연구원,20 Jun 2021
";

/// The same in scripts DejaVu Sans draws.
const DEJAVU: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Müller,https://www.linkedin.com/in/ana-muller,,Société Exemple,Engineer,12 Mar 2021
Ελένη,Παπαδοπούλου,https://www.linkedin.com/in/eleni,,Εταιρεία Δοκιμή,Μηχανικός,02 Apr 2021
Жанна,Иванова,https://www.linkedin.com/in/zhanna,,ООО Пример,Инженер,15 May 2021
يعل,כהן,https://www.linkedin.com/in/yael,,شركة مثال,מהנדסת,20 Jun 2021
";

/// The PNGs that show the export's names and employers.
const NAMED: [&str; 2] = ["report.png", "charts/companies.png"];

/// Analyzes the export in `export` into `out`, with the system's fonts or DejaVu Sans alone.
fn analyze_with_fonts(dir: &TestDir, export: &str, out: &str, system: bool) {
    let notes = format!("{export}-notes.csv");
    let connections = std::fs::read_to_string(dir.path(&format!("{export}/Connections.csv")));
    let tagged: String = connections
        .unwrap()
        .lines()
        .skip(1)
        .map(|row| format!("2025-01-01,{},other,mutual,prune,\n", row.split(',').nth(2).unwrap()))
        .collect();
    dir.create(&notes, format!("date,person,kind,direction,tags,note\n{tagged}"));
    let args = ["analyze", export, "--notes", &notes, "--out", out, "-q", "--no-history"];
    let args = [&args[..], &["--as-of", "2026-11-20"]].concat();
    let mut run = dir.command(&args);
    let output = run.env("NETSIFT_SYSTEM_FONTS", if system { "1" } else { "0" }).output();
    let output = output.expect("netsift runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(png_size(&dir.path(&format!("{out}/report.png"))), poster::SIZE_WITHOUT_JOBS);
    for kind in charts_of(dir, out) {
        let png = dir.path(&format!("{out}/charts/{}.png", kind.file()));
        assert_eq!(png_size(&png), kind.size(), "{out}: {}", kind.file());
    }
}

#[test]
fn names_in_any_script_draw_in_the_pngs() {
    let dir = TestDir::new("report-scripts");
    dir.create("cjk/Connections.csv", CJK);
    dir.create("dejavu/Connections.csv", DEJAVU);
    for export in ["cjk", "dejavu"] {
        analyze_with_fonts(&dir, export, &format!("{export}-system"), true);
        analyze_with_fonts(&dir, export, &format!("{export}-bundled"), false);
        for kind in charts_of(&dir, &format!("{export}-system")) {
            let svg =
                |out: &str| std::fs::read(dir.path(&format!("{out}/charts/{}.svg", kind.file())));
            let (system, bundled) =
                (svg(&format!("{export}-system")), svg(&format!("{export}-bundled")));
            assert_eq!(system.unwrap(), bundled.unwrap(), "the SVG names sans-serif either way");
        }
    }
    let pixels = |out: &str, png: &str| png_pixels(&dir.path(&format!("{out}/{png}"))).1;
    // What DejaVu Sans draws is drawn in it, system fonts or not.
    for png in NAMED {
        assert!(pixels("dejavu-system", png) == pixels("dejavu-bundled", png), "{png}");
    }
    // Without a font for them, CJK names are DejaVu's boxes; with one, they are not.
    let Some(face) = fonts::system_face("山田太郎") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "no CJK font installed; .ci/run installs one (apt-get install fonts-wqy-microhei)"
        );
        eprintln!("skipped: no CJK font installed (apt-get install fonts-wqy-microhei)");
        return;
    };
    for png in NAMED {
        assert!(pixels("cjk-system", png) != pixels("cjk-bundled", png), "{png} in {face}");
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
    assert_eq!(charts_of(&dir, "r"), Kind::ALL, "every chart, the network among them");
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
    let charts = charts_of(&dir, "r").len();
    assert_eq!(html.matches("<svg").count(), charts, "one per chart, none injected");
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
    // Nobody is clutter for silence the export cannot show: unknown, and nobody to prune.
    let tiers = &summary["tiers"];
    assert_eq!(tiers["clutter"], 0, "{summary}");
    assert!(tiers["unknown"].as_u64().unwrap() > 0, "{summary}");
    assert!(csv_rows(&dir.path("r/prune.csv")).is_empty());
    let unknown =
        csv_rows(&dir.path("r/scores.csv")).into_iter().filter(|r| r["tier"] == "unknown");
    assert!(unknown.into_iter().all(|r| r["reasons"].contains("the export holds no messages")));
    // An export with messages has no such note; one scored long after its messages end has
    // another.
    let full = fixture_dir("2024");
    dir.run(&["analyze", full.to_str().unwrap(), "--out", "f", "-q", "--no-history"], 0);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("f/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["data_gaps"], serde_json::json!([]));
    // One more connection, made after the messages end.
    let copy = dir.copy_fixture("2024", "late");
    let connections = copy.join("Connections.csv");
    let mut text = std::fs::read_to_string(&connections).unwrap();
    text.push_str(
        "\nLee,Later,https://www.linkedin.com/in/lee-later,,Globex,Analyst,01 Jun 2025\n",
    );
    std::fs::write(&connections, text).unwrap();
    let late = ["analyze", "late", "--out", "l", "-q", "--no-history"];
    let out = dir.run(&[&late[..], &["--as-of", "2026-06-30"]].concat(), 0);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let end = text.split("note: the messages in this export end on ").nth(1).expect(&text);
    let end = &end[..10];
    // Connected after the messages end and silent: unknown; before: judged as ever.
    let rows = csv_rows(&dir.path("l/scores.csv"));
    let after = |r: &std::collections::HashMap<String, String>| r["connected_on"].as_str() > end;
    for r in &rows {
        match r["tier"].as_str() {
            "unknown" => assert!(after(r), "{r:?} connected before {end}"),
            "clutter" => assert!(!after(r) || r["tags"].contains("prune"), "{r:?} after {end}"),
            _ => {}
        }
    }
    assert!(rows.iter().any(|r| r["tier"] == "unknown"), "the fixture has late connections");
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

/// The era fixtures and the bundled sample (with its notes), each with the arguments that
/// analyse it.
fn every_export() -> Vec<(String, Vec<String>)> {
    let mut all: Vec<(String, Vec<String>)> = ERAS
        .iter()
        .map(|era| (era.to_string(), vec![fixture_dir(era).to_str().unwrap().to_string()]))
        .collect();
    let sample = [crate::util::SAMPLE_ZIP, "--notes", crate::util::SAMPLE_NOTES];
    all.push(("sample".into(), sample.map(String::from).to_vec()));
    all
}

/// The number after `label` in `text` (`"prune 174"` → 174), when it is there.
fn number_after(text: &str, label: &str) -> Option<u64> {
    let rest = &text[text.find(label)? + label.len()..];
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[test]
fn every_figure_agrees_across_outputs_on_every_era() {
    let dir = TestDir::new("report-agree");
    for (name, input) in every_export() {
        let out = format!("r-{name}");
        let mut args: Vec<&str> = vec!["analyze"];
        args.extend(input.iter().map(String::as_str));
        args.extend(["--out", &out, "--no-history"]);
        let stdout = crate::util::stdout(&dir.run(&args, 0));
        let read =
            |file: &str| std::fs::read_to_string(dir.path(&format!("{out}/{file}"))).unwrap();
        let summary: serde_json::Value = serde_json::from_str(&read("summary.json")).unwrap();
        let html = read("report.html");
        let scores = csv_rows(&dir.path(&format!("{out}/scores.csv")));
        let n = summary["connections"].as_u64().unwrap();
        assert_eq!(scores.len() as u64, n, "{name}: scores.csv");
        assert_eq!(number_after(&stdout, ": "), Some(n), "{name}: {stdout}");
        for (tier, count) in summary["tiers"].as_object().unwrap() {
            let count = count.as_u64().unwrap();
            let rows = scores.iter().filter(|r| &r["tier"] == tier).count() as u64;
            assert_eq!(rows, count, "{name}: {tier} in scores.csv");
            let line = stdout.lines().find(|l| l.starts_with("core ")).unwrap();
            let said = number_after(line, &format!("{tier} "));
            assert_eq!(said.unwrap_or(0), count, "{name}: {tier} on stdout:\n{stdout}");
            let chip =
                format!("<span class=\"chip tier-{tier}\">{tier}</span></td><td class=\"num\">");
            assert_eq!(
                number_after(&html, &chip).unwrap_or(0),
                count,
                "{name}: {tier} in the page"
            );
        }
        let actions = &summary["actions"];
        let listed = |file: &str| csv_rows(&dir.path(&format!("{out}/{file}")));
        let due =
            listed("followup.csv").iter().filter(|r| !r["overdue_days"].starts_with('-')).count();
        for (key, file, on_stdout, in_page, count) in [
            ("prune", "prune.csv", "prune", "<h3>Prune", listed("prune.csv").len()),
            ("reconnect", "reconnect.csv", "reconnect with", "<h3>Reconnect with", 0),
            ("welcome", "welcome.csv", "welcome", "<h3>Welcome", listed("welcome.csv").len()),
            ("followup_overdue", "followup.csv", "follow up with", "<h3>Follow up with", due),
        ] {
            let value = actions[key].as_u64().unwrap();
            let rows = if key == "reconnect" { listed(file).len() } else { count };
            assert_eq!(rows as u64, value, "{name}: {file} against summary.json's {key}");
            let todo = stdout.lines().find(|l| l.starts_with("to do:")).unwrap();
            assert_eq!(number_after(todo, on_stdout), Some(value), "{name}: {key} on stdout");
            assert_eq!(number_after(&html, in_page), Some(value), "{name}: {key} in the page");
        }
        let kpi = |label: &str| {
            let at = html.find(&format!("<div class=\"label\">{label}</div>")).unwrap();
            let value = &html[..at].rsplit("<div class=\"value\">").next().unwrap();
            value.split('<').next().unwrap().trim().to_string()
        };
        assert_eq!(kpi("to prune"), actions["prune"].to_string(), "{name}: the page's headline");
        assert_eq!(kpi("connections"), n.to_string(), "{name}");
        let layers = &summary["layers"];
        let [a, b, c, d] = ["support", "sympathy", "affinity", "active"].map(|k| &layers[k]);
        let line = format!("layers: {a} support, {b} sympathy, {c} affinity, {d} active");
        assert!(stdout.contains(&line), "{name}: {stdout}");
        let title = format!("Your layers: {a} / {b} / {c} / {d}");
        assert!(read("charts/layers.svg").contains(&title), "{name}: the layers chart");
        let living = summary["tiers"]["core"].as_u64().unwrap()
            + summary["tiers"]["active"].as_u64().unwrap();
        let title = format!("{living} of {n} connections are living relationships");
        assert!(read("charts/tiers.svg").contains(&title), "{name}: the tiers chart");
        let lived = ["core", "active", "dormant"].map(|t| summary["tiers"][t].as_u64().unwrap());
        assert!(
            d.as_u64().unwrap() <= lived.iter().sum(),
            "{name}: a layer holds relationships only"
        );
    }
}

#[test]
fn tiers_reasons_and_lists_never_contradict_on_every_era() {
    let dir = TestDir::new("report-contradict");
    for (name, input) in every_export() {
        let out = format!("r-{name}");
        let mut args: Vec<&str> = vec!["analyze"];
        args.extend(input.iter().map(String::as_str));
        args.extend(["--out", &out, "--no-history", "-q"]);
        dir.run(&args, 0);
        for r in csv_rows(&dir.path(&format!("{out}/scores.csv"))) {
            let (tier, why) = (r["tier"].as_str(), r["reasons"].as_str());
            let says = |words: &str| why.contains(words);
            let lived = matches!(tier, "core" | "active" | "dormant");
            // Two-way is what the three living tiers share; no other tier may claim it.
            if !lived {
                assert!(
                    !says("both ways") && !says("last two-way exchange"),
                    "{name}: {tier}: {why}"
                );
            } else {
                assert!(
                    !says("nothing exchanged") && !says("never an answer"),
                    "{name}: {tier}: {why}"
                );
            }
            if matches!(tier, "clutter" | "unknown") && !r["tags"].contains("prune") {
                // Your own outreach is contact you wanted: weak, never clutter.
                assert!(!says("sent, never answered"), "{name}: {tier}: {why}");
            }
            assert_eq!(tier == "unknown", says("cannot tell"), "{name}: {tier}: {why}");
        }
        let html = std::fs::read_to_string(dir.path(&format!("{out}/report.html"))).unwrap();
        assert!(!html.contains("Never exchanged anything"), "{name}: the prune list's lead");
    }
}
