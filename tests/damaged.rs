//! Damaged input, as users hand it over: each case gets a message naming the file (and the
//! line), the documented exit status (1 when nothing usable is left, 0 with a warning when the
//! rest can be read), and never a half-written report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{TestDir, stderr};

const HEADER: &str = "First Name,Last Name,Company,Connected On\n";
const ROWS: &str =
    "Ann,One,Acme,01 Jan 2024\nBob,Two,Beta,02 Jan 2024\nCy,Three,Gamma,03 Jan 2024\n";

/// `netsift analyze EXPORT --out out`, expecting `code`.
fn analyze(dir: &TestDir, export: &str, code: i32) -> Output {
    dir.run(&["analyze", export, "--out", "out"], code)
}

/// What `analyze` says of an export that names no owner (these hand-made ones do not).
const NO_OWNER: &str = "netsift: warning: this export names neither its owner's profile nor their name: the run is not kept in the history, so that no one else's export is ever compared with it\n";

/// stderr of a run on these hand-made exports, which name no owner, less the warning that
/// says the run is therefore not kept in the history (checked to be there).
fn said(out: &Output) -> String {
    let err = stderr(out);
    assert!(err.ends_with(NO_OWNER), "{err}");
    err[..err.len() - NO_OWNER.len()].to_string()
}

/// A failed run leaves no report and keeps no history.
fn nothing_written(dir: &TestDir) {
    assert!(!dir.path("out").exists(), "a failed run created its output folder");
    assert!(!dir.path("xdg").exists(), "a failed run touched the history");
}

/// A successful run wrote the whole report; returns scores.csv.
fn report_written(dir: &TestDir) -> String {
    for file in ["scores.csv", "summary.json", "report.html", "report.png", "charts/tiers.svg"] {
        assert!(dir.path("out").join(file).is_file(), "{file} missing");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".netsift-files")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    std::fs::read_to_string(dir.path("out/scores.csv")).unwrap()
}

/// Writes a zip of `(name, bytes)` entries, names taken as given (even `..` or absolute).
fn zip_of(dir: &TestDir, rel: &str, entries: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.path(rel);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn connections(rows: &str) -> String {
    format!("{HEADER}{rows}")
}

#[test]
fn a_file_cut_short_inside_a_quote_loses_only_its_last_row() {
    let dir = TestDir::new("cut-mid-quote");
    dir.create("e/Connections.csv", connections(&format!("{ROWS}Dee,Four,Delta,\"04 Jan")));
    let out = analyze(&dir, "e", 0);
    assert_eq!(
        said(&out),
        "Connections.csv:5: a quote opened in this row never closes: the file ends first (cut short?); the row is skipped\n"
    );
    let scores = report_written(&dir);
    assert_eq!(scores.lines().count(), 4, "{scores}");
}

#[test]
fn a_quote_left_open_in_the_last_column_does_not_swallow_the_rows_after_it() {
    let dir = TestDir::new("open-last-column");
    let rows = "Ann,One,Acme,\"01 Jan 2024\nBob,Two,Beta,02 Jan 2024\nCy,Three,Gamma,03 Jan 2024";
    dir.create("e/Connections.csv", connections(rows));
    let export = netsift::export::read(&dir.path("e")).unwrap();
    let names: Vec<&str> = export.connections.iter().map(|c| c.first_name.as_str()).collect();
    assert_eq!(names, ["Bob", "Cy"]);
    let items = export.diagnostics.items();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        items[0].to_string(),
        "Connections.csv:2: a quote opened in this row never closes (it runs to line 4); the row is skipped and reading resumes on the next line"
    );
}

#[test]
fn a_file_cut_short_mid_row_reports_the_short_row() {
    let dir = TestDir::new("cut-mid-row");
    dir.create("e/Connections.csv", connections(&format!("{ROWS}Dee,Fo")));
    let out = analyze(&dir, "e", 0);
    assert_eq!(said(&out), "Connections.csv:5: row has 2 fields, the header has 4\n");
    assert_eq!(report_written(&dir).lines().count(), 4);
}

#[test]
fn a_zip_cut_short_is_refused_and_nothing_is_written() {
    let dir = TestDir::new("cut-zip");
    let zip = zip_of(&dir, "whole.zip", &[("Connections.csv", connections(ROWS).as_bytes())]);
    let bytes = std::fs::read(zip).unwrap();
    dir.create("cut.zip", &bytes[..bytes.len() / 2]);
    let out = analyze(&dir, "cut.zip", 1);
    let err = stderr(&out);
    assert!(err.starts_with("netsift: error: cut.zip: not a zip archive ("), "{err}");
    assert!(err.ends_with("; give the export's .zip as downloaded, or a folder\n"), "{err}");
    nothing_written(&dir);
}

#[test]
fn a_missing_header_is_refused_naming_what_was_found() {
    let dir = TestDir::new("no-header");
    dir.create("e/Connections.csv", ROWS);
    let out = analyze(&dir, "e", 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: Connections.csv: required column(s) \"First Name\", \"Last Name\", \"Connected On\" not found; columns found: \"Ann\", \"One\", \"Acme\", \"01 Jan 2024\"\n"
    );
    nothing_written(&dir);
}

#[test]
fn a_duplicated_header_column_is_named_and_the_first_is_read() {
    let dir = TestDir::new("dup-header");
    let csv = "First Name,Last Name,Company,Connected On,Company\n\
               Ann,One,Acme,01 Jan 2024,Other\nBob,Two,Beta,02 Jan 2024,Other\n";
    dir.create("e/Connections.csv", csv);
    let out = analyze(&dir, "e", 0);
    assert_eq!(
        said(&out),
        "Connections.csv:1: column \"Company\" appears twice in the header (columns 3 and 5); the first is read\n"
    );
    let scores = report_written(&dir);
    assert!(scores.contains(",Acme,") && !scores.contains("Other"), "{scores}");
}

#[test]
fn required_columns_absent_from_an_optional_file_skip_only_that_file() {
    let dir = TestDir::new("absent-columns");
    dir.create("e/Connections.csv", connections(ROWS));
    dir.create("e/Invitations.csv", "From,To,Message\nAnn One,Owen Owner,hi\n");
    let out = analyze(&dir, "e", 0);
    assert_eq!(
        said(&out),
        "Invitations.csv: not read: Invitations.csv: required column(s) \"Sent At\", \"Direction\" not found; columns found: \"From\", \"To\", \"Message\"\n"
    );
    assert_eq!(report_written(&dir).lines().count(), 4);
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252_and_nothing_is_dropped() {
    let dir = TestDir::new("cp1252");
    let mut csv = connections(ROWS).into_bytes();
    csv.extend_from_slice(b"Ren\xe9e,M\xfcller,Caf\xe9 \x80 Co,04 Jan 2024\n");
    dir.create("e/Connections.csv", csv);
    let out = analyze(&dir, "e", 0);
    assert_eq!(
        said(&out),
        "Connections.csv:5: not valid UTF-8 (first at this line); the file was read as Windows-1252\n"
    );
    let scores = report_written(&dir);
    assert_eq!(scores.lines().count(), 5);
    assert!(scores.contains("Renée Müller,Café € Co"), "{scores}");
}

#[test]
fn a_giant_field_skips_its_row_only() {
    let dir = TestDir::new("giant");
    let giant = "x".repeat(netsift::export::table::MAX_FIELD + 1);
    dir.create("e/Connections.csv", connections(&format!("{ROWS}Dee,Four,{giant},04 Jan 2024\n")));
    let out = analyze(&dir, "e", 0);
    assert_eq!(
        said(&out),
        format!(
            "Connections.csv:5: field \"Company\" holds {} bytes, more than any LinkedIn field ({} at most); the row is skipped\n",
            giant.len(),
            netsift::export::table::MAX_FIELD
        )
    );
    assert_eq!(report_written(&dir).lines().count(), 4);
}

#[test]
fn empty_files_and_an_empty_zip() {
    let dir = TestDir::new("empty");
    dir.create("e/Connections.csv", "");
    let out = analyze(&dir, "e", 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: Connections.csv: required column(s) \"First Name\", \"Last Name\", \"Connected On\" not found; columns found: none (empty file?)\n"
    );
    nothing_written(&dir);
    zip_of(&dir, "empty.zip", &[]);
    let out = analyze(&dir, "empty.zip", 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: empty.zip: holds no files; is this a LinkedIn data export?\n"
    );
    nothing_written(&dir);
    dir.create("nothing.zip", "");
    let err = stderr(&analyze(&dir, "nothing.zip", 1));
    assert!(err.starts_with("netsift: error: nothing.zip: not a zip archive ("), "{err}");
    std::fs::create_dir(dir.path("no-files")).unwrap();
    let out = analyze(&dir, "no-files", 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: no-files: holds no files; is this a LinkedIn data export?\n"
    );
    nothing_written(&dir);
}

#[test]
fn zip_entries_leading_outside_the_archive_are_named_and_never_read() {
    let dir = TestDir::new("zip-paths");
    let evil = connections("Eve,Evil,Evil Co,01 Jan 2020\n");
    let zip = zip_of(
        &dir,
        "paths.zip",
        &[
            ("../Connections.csv", evil.as_bytes()),
            ("/tmp/evil/Connections.csv", evil.as_bytes()),
            ("export/Connections.csv", connections(ROWS).as_bytes()),
        ],
    );
    let out = analyze(&dir, "paths.zip", 0);
    assert_eq!(
        said(&out),
        "paths.zip: entry \"../Connections.csv\" has a path leading outside the archive (`..` or absolute); it is not read\n\
         paths.zip: entry \"/tmp/evil/Connections.csv\" has a path leading outside the archive (`..` or absolute); it is not read\n"
    );
    let scores = report_written(&dir);
    assert!(!scores.contains("Evil"), "{scores}");
    assert!(!dir.root.parent().unwrap().join("Connections.csv").exists());
    // With nothing else inside, the refusal is the error.
    std::fs::remove_dir_all(dir.path("out")).unwrap();
    let _ = std::fs::remove_dir_all(dir.path("xdg"));
    std::fs::remove_file(zip).unwrap();
    zip_of(&dir, "only.zip", &[("../../Connections.csv", evil.as_bytes())]);
    let out = analyze(&dir, "only.zip", 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: only.zip: no Connections.csv found; 1 entry was refused for a path leading outside the archive (\"../../Connections.csv\"); is this a LinkedIn data export?\n"
    );
    nothing_written(&dir);
}

#[test]
fn an_entry_declaring_a_bomb_size_is_refused_before_inflating() {
    let dir = TestDir::new("bomb-cli");
    let zip = zip_of(&dir, "bomb.zip", &[("Connections.csv", connections(ROWS).as_bytes())]);
    // Declare 3 GB uncompressed in both headers (offset 22 of a local header, 24 of a central).
    let mut bytes = std::fs::read(&zip).unwrap();
    for (sig, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = bytes.windows(4).position(|w| w == sig).unwrap() + offset;
        bytes[at..at + 4].copy_from_slice(&3_000_000_000u32.to_le_bytes());
    }
    std::fs::write(&zip, bytes).unwrap();
    let out = analyze(&dir, "bomb.zip", 1);
    let err = stderr(&out);
    assert!(
        err.starts_with("netsift: error: bomb.zip: Connections.csv inflates to more than "),
        "{err}"
    );
    assert!(err.ends_with(" bytes; refusing it as a possible zip bomb\n"), "{err}");
    nothing_written(&dir);
}

#[test]
fn a_report_that_cannot_be_written_leaves_the_previous_one_whole() {
    let dir = TestDir::new("blocked-out");
    dir.create("e/Connections.csv", connections(ROWS));
    analyze(&dir, "e", 0);
    let before = tree(&dir.path("out"));
    // A new run that fails half-way (charts/tiers.png is a folder and cannot be replaced)
    // leaves every file of the previous report as it was, and no temporary file behind.
    dir.create("e/Connections.csv", connections(&format!("{ROWS}Dee,Four,Delta,04 Jan 2024\n")));
    std::fs::remove_file(dir.path("out/charts/tiers.png")).unwrap();
    std::fs::create_dir(dir.path("out/charts/tiers.png")).unwrap();
    dir.create("out/charts/tiers.png/keep", "");
    let out = analyze(&dir, "e", 1);
    let err = stderr(&out);
    assert!(err.starts_with("netsift: error: out/charts/tiers.png: "), "{err}");
    let after = tree(&dir.path("out"));
    let changed: Vec<_> =
        after.iter().filter(|(name, hash)| before.get(*name) != Some(hash)).collect();
    assert_eq!(
        changed.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["charts/tiers.png/keep"],
        "files changed by a failed run"
    );
}

/// Every file under `root` with a hash of its bytes, by path relative to `root`.
pub fn tree(root: &Path) -> std::collections::BTreeMap<String, String> {
    use sha2::Digest;
    walk(root)
        .into_iter()
        .map(|path| {
            let hash = sha2::Sha256::digest(std::fs::read(&path).unwrap());
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, hash.iter().map(|b| format!("{b:02x}")).collect())
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}

/// A sample export's files, with messages.csv large enough to be parsed while inflated.
fn large_export(dir: &TestDir) -> Vec<(String, Vec<u8>)> {
    let args = ["sample", "--out", "s", "--connections", "200", "--messages", "26000", "-q"];
    dir.run(&args, 0);
    let folder = dir.path("s/Complete_LinkedInDataExport_11-20-2026");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    let messages = files.iter().find(|(n, _)| n == "messages.csv").unwrap();
    assert!(messages.1.len() > netsift::export::table::CHUNKED_FROM);
    files
}

fn zip_files(dir: &TestDir, rel: &str, files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    std::fs::read(zip_of(dir, rel, &entries)).unwrap()
}

/// Where the sizes of entry `name` stand in its local and central headers.
fn size_fields(bytes: &[u8], name: &str) -> Vec<usize> {
    let mut at = vec![];
    for (sig, offset, name_at) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
        for start in (0..bytes.len() - 4).filter(|&i| &bytes[i..i + 4] == sig) {
            if bytes[start + name_at..].starts_with(name.as_bytes()) {
                at.push(start + offset);
            }
        }
    }
    assert_eq!(at.len(), 2, "one local and one central header");
    at
}

#[test]
fn a_large_entry_lying_about_its_size_or_damaged_is_refused_as_it_inflates() {
    let dir = TestDir::new("stream-damage");
    let files = large_export(&dir);
    let honest = zip_files(&dir, "honest.zip", &files);
    let out = dir.run(&["inspect", "--json", "honest.zip"], 0);
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(read["messages"]["rows"], 26000);
    // Declaring fewer bytes than it holds: refused, as when it was inflated before the parse.
    let mut short = honest.clone();
    for at in size_fields(&short, "messages.csv") {
        let declared = u32::from_le_bytes(short[at..at + 4].try_into().unwrap());
        short[at..at + 4].copy_from_slice(&(declared - 100_000).to_le_bytes());
    }
    std::fs::write(dir.path("short.zip"), &short).unwrap();
    let out = analyze(&dir, "short.zip", 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: short.zip/messages.csv: File is larger than its declared uncompressed size\n"
    );
    nothing_written(&dir);
    // Its deflate stream damaged in the middle: an error naming the entry, nothing written.
    let mut broken = honest.clone();
    let local = size_fields(&broken, "messages.csv")[0] - 22;
    let compressed = u32::from_le_bytes(broken[local + 18..local + 22].try_into().unwrap());
    let middle = local + 30 + "messages.csv".len() + compressed as usize / 2;
    for b in &mut broken[middle..middle + 64] {
        *b = !*b;
    }
    std::fs::write(dir.path("broken.zip"), &broken).unwrap();
    let out = analyze(&dir, "broken.zip", 1);
    assert_eq!(stderr(&out), "netsift: error: broken.zip/messages.csv: Invalid checksum\n");
    nothing_written(&dir);
}
