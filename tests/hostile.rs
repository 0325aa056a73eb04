//! The hostile export (a payload in every text field of every file, see `payload::hostile`):
//! every CSV netsift writes is safe in a spreadsheet, the page, the charts and the GraphML
//! carry the payloads only as text, profile links only ever go to LinkedIn, and what reaches
//! the terminal holds no control character.

use crate::payload::{self, HOSTILE_CONNECTIONS, PAYLOADS};
use crate::util::{TestDir, stderr, stdout};

/// Control characters a terminal acts on (line ends and tabs aside).
fn assert_plain(what: &str, text: &str) {
    let bad: Vec<char> =
        text.chars().filter(|&c| c.is_control() && c != '\n' && c != '\t').collect();
    assert!(bad.is_empty(), "{what} sends control characters {bad:?} to the terminal:\n{text}");
}

#[test]
fn a_hostile_export_is_read_whole_and_every_output_stays_inert() {
    let dir = TestDir::new("hostile");
    let export = payload::hostile(&dir, "h");
    let export = export.to_str().unwrap();
    let analyze = |out: &str, as_of: &str| {
        let args = ["analyze", export, "--notes", "h/notes.csv", "--out", out, "--as-of", as_of];
        dir.run(&args, 0)
    };
    analyze("before", "2026-07-01");
    let run = analyze("r", "2026-11-20");
    let mut terminal = vec![("analyze", run)];
    for (what, args) in [
        ("inspect", vec!["inspect", export, "--notes", "h/notes.csv"]),
        ("intro", vec!["intro", PAYLOADS[14], export]),
        ("intro", vec!["intro", "https://www.linkedin.com/in/p14", export]),
        ("diff", vec!["diff"]),
        ("history", vec!["history"]),
    ] {
        terminal.push((what, dir.run(&args, 0)));
    }
    for (what, out) in &terminal {
        assert_plain(what, &stdout(out));
        assert_plain(what, &stderr(out));
    }
    assert!(stdout(&terminal[2].1).contains("\\u{1b}]0;pwned"), "{}", stdout(&terminal[2].1));

    // Every connection is read and scored.
    let scores = std::fs::read_to_string(dir.path("r/scores.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(scores.as_bytes());
    assert_eq!(reader.records().count(), HOSTILE_CONNECTIONS);

    // Every CSV: no cell a spreadsheet would run.
    for file in ["scores.csv", "prune.csv", "reconnect.csv", "welcome.csv", "followup.csv"] {
        let mut reader = csv::Reader::from_path(dir.path("r").join(file)).unwrap();
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(!formula || cell.parse::<f64>().is_ok(), "{file}: {cell:?}");
            }
        }
    }
    // (Tab and CR at a field's start are trimmed on reading; `report::safe` covers them.)
    for neutralised in ["'=HYPERLINK(", "'+cmd|", "'-2+3", "'@SUM("] {
        assert!(scores.contains(neutralised), "{neutralised:?} reaches scores.csv, neutralised");
    }

    // The page: the payloads only as text, in the data block only as JSON.
    let html = std::fs::read_to_string(dir.path("r/report.html")).unwrap();
    assert_eq!(html.matches("<script").count(), 2, "the data block and the page's script");
    assert_eq!(html.matches("<style").count(), 1, "the page's own style");
    let charts = std::fs::read_dir(dir.path("r/charts")).unwrap();
    let svgs = charts.filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "svg");
    assert_eq!(html.matches("<svg").count(), svgs.count(), "one per chart, none injected");
    for markup in ["<img", "<iframe", "<svg onload", "<a href=\"javascript", "<node", "<!--<"] {
        assert!(!html.contains(markup), "{markup} reaches the page as markup");
    }
    let start = html.find("<script type=\"application/json\" id=\"rows\">").unwrap();
    let block = &html[start..];
    let block = &block[block.find('>').unwrap() + 1..block.find("</script>").unwrap()];
    let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(block).unwrap();
    assert_eq!(rows.len(), HOSTILE_CONNECTIONS);
    let names: String = rows.iter().map(|r| r[0].as_str().unwrap_or("")).collect();
    for payload in &PAYLOADS[..6] {
        assert!(names.contains(payload.trim()), "{payload:?} reaches the table as data");
    }
    let unescaped = html.replace("&#x2f;", "/");
    // Every link is an anchor or a LinkedIn profile whose payload stays percent-encoded.
    for href in unescaped.match_indices("href=\"").map(|(i, _)| &unescaped[i + 6..]) {
        let value = &href[..href.find('"').unwrap()];
        let inert = !value.contains(|c: char| c.is_whitespace() || "<>'`".contains(c));
        assert!(
            value.starts_with('#') || (value.starts_with("https://www.linkedin.com/in/") && inert),
            "{href:.60}"
        );
    }

    // The charts (inlined into the page) and the graph files.
    for entry in std::fs::read_dir(dir.path("r/charts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            let svg = std::fs::read_to_string(&path).unwrap();
            for markup in ["<script", "<img", "<style", "<a ", "<node"] {
                assert!(!svg.contains(markup), "{}: {markup}", path.display());
            }
        }
    }
    let graphml = std::fs::read_to_string(dir.path("r/graph.graphml")).unwrap();
    assert!(!graphml.contains("<script") && !graphml.contains("<node id=\"evil\""));
    assert!(graphml.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    for json in ["scores.json", "graph.json", "summary.json"] {
        let text = std::fs::read(dir.path("r").join(json)).unwrap();
        serde_json::from_slice::<serde_json::Value>(&text).unwrap();
    }
}
