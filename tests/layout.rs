//! Where the export comes from: zip or folder, odd names, nested folders, duplicate copies.

use netsift::export;

use crate::util::{TestDir, fixture_dir, stderr, stdout};

/// The inspection as JSON, without the two fields that name the source.
fn findings(dir: &TestDir, export: &std::path::Path) -> serde_json::Value {
    let out = dir.run(&["inspect", "--json", export.to_str().unwrap()], 0);
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let o = v.as_object_mut().unwrap();
    o.remove("export");
    o.remove("kind");
    o.remove("export_date");
    // A nested folder names its files with the folders above them.
    for f in v["files"].as_array_mut().unwrap() {
        let name = f["name"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        f["name"] = name.into();
    }
    v
}

#[test]
fn zip_and_unpacked_folder_give_identical_results() {
    for fixture in
        ["2018", "2020", "2022", "2023-urn", "2023-bare", "2024", "2024-excel", "2025", "2026"]
    {
        let dir = TestDir::new("zip-folder");
        let zip = dir.zip_folder(&fixture_dir(fixture), "export.zip");
        assert_eq!(
            findings(&dir, &zip),
            findings(&dir, &fixture_dir(fixture)),
            "fixture {fixture}"
        );
    }
}

#[test]
fn browser_names_and_folders_named_like_zips() {
    let dir = TestDir::new("names");
    let zip =
        dir.zip_folder(&fixture_dir("2024"), "Complete_LinkedInDataExport_12-12-2024.zip (1).zip");
    let doubled = dir.path("Basic_LinkedInDataExport_12-12-2024.zip.zip");
    std::fs::copy(&zip, &doubled).unwrap();
    // Unpacked by the user into a folder named after the zip, one level deeper.
    let folder = dir.copy_fixture(
        "2024",
        "Basic_LinkedInDataExport_12-12-2024.zip/Basic_LinkedInDataExport_12-12-2024",
    );
    let parent = folder.parent().unwrap().to_path_buf();
    let want = findings(&dir, &fixture_dir("2024"));
    for path in [&zip, &doubled, &parent] {
        assert_eq!(findings(&dir, path), want, "{}", path.display());
    }
    let out = dir.run(&["inspect", parent.to_str().unwrap()], 0);
    assert!(stdout(&out).contains("(folder, exported 2024-12-12)"), "{}", stdout(&out));
    let out = dir.run(&["inspect", doubled.to_str().unwrap()], 0);
    assert!(stdout(&out).contains("(zip, exported 2024-12-12)"), "{}", stdout(&out));
}

#[test]
fn a_spreadsheet_copy_beside_the_original_is_reported_not_used() {
    let dir = TestDir::new("copies");
    let root = dir.copy_fixture("2024", "export/Basic_LinkedInDataExport_12-12-2024");
    let excel = std::fs::read(fixture_dir("2024-excel").join("Connections.csv")).unwrap();
    dir.create("export/copy/Connections.csv", excel);
    let messages = std::fs::read(fixture_dir("2024").join("messages.csv")).unwrap();
    dir.create("export/stray/messages.csv", messages);
    let export = export::read(&dir.path("export")).unwrap();
    let report = export.files.iter().find(|f| f.name.ends_with("Connections.csv")).unwrap();
    assert_eq!(report.name, "Basic_LinkedInDataExport_12-12-2024/Connections.csv");
    // A Connections.csv with a folder of its own is an export of its own, named as a whole; a
    // stray copy of one file is named beside the file read.
    assert!(report.ignored_copies.is_empty());
    assert_eq!(export.others.iter().map(|u| u.home.as_str()).collect::<Vec<_>>(), ["copy"]);
    let report = export.files.iter().find(|f| f.name.ends_with("messages.csv")).unwrap();
    assert_eq!(report.ignored_copies, vec!["stray/messages.csv".to_string()]);
    assert!(root.exists());
    // Without a pristine copy the one beside messages.csv wins, whatever the depth.
    let dir = TestDir::new("copies-excel");
    dir.copy_fixture("2024-excel", "e/a/b");
    dir.create(
        "e/Connections.csv",
        std::fs::read(fixture_dir("2024-excel/Connections.csv")).unwrap(),
    );
    let export = export::read(&dir.path("e")).unwrap();
    assert_eq!(export.files[0].name, "a/b/Connections.csv");
}

#[test]
fn ai_coach_chats_are_ignored_and_said_so() {
    let dir = TestDir::new("coach");
    let out = dir.run(&["inspect", fixture_dir("2026").to_str().unwrap()], 0);
    let text = stdout(&out);
    assert!(
        text.contains("ignored: coach_messages.csv (chats with LinkedIn's AI coach, not people)"),
        "{text}"
    );
}

#[test]
fn inspecting_writes_nothing_anywhere() {
    let dir = TestDir::new("untouched");
    let folder = dir.copy_fixture("2025", "export");
    let zip = dir.zip_folder(&folder, "export.zip");
    let before = listing(&dir.root);
    dir.run(&["inspect", "export", "--json"], 0);
    dir.run(&["inspect", zip.to_str().unwrap()], 0);
    assert_eq!(listing(&dir.root), before);
}

/// Every file below `root` with its bytes.
fn listing(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walk(root)
        .into_iter()
        .map(|p| (p.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn two_exports_of_one_owner_in_one_folder_are_never_mixed() {
    let dir = TestDir::new("two-exports");
    // One owner's exports of 2022 and 2025; the newer lacks a file the older has.
    dir.copy_fixture("2022", "all/Basic_LinkedInDataExport_03-01-2022");
    let newer = dir.copy_fixture("2025", "all/Basic_LinkedInDataExport_09-01-2025");
    std::fs::remove_file(newer.join("Recommendations_Given.csv")).unwrap();
    let export = export::read(&dir.path("all")).unwrap();
    let names: Vec<&str> = export.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.iter().all(|n| n.starts_with("Basic_LinkedInDataExport_09-01-2025/")),
        "{names:?}"
    );
    assert!(export.recommendations_given.is_empty(), "a file of the other export was read");
    assert!(export.files.iter().all(|f| f.ignored_copies.is_empty()), "{:?}", export.files);
    assert_eq!(export.export_date.map(|d| d.to_string()).as_deref(), Some("2025-09-01"));
    assert_eq!(export.others.len(), 1);
    assert!(export.others[0].home.ends_with("03-01-2022"));
    // Diagnostics name the files as read, folders included.
    let mut diags = export.diagnostics.clone();
    let _ = netsift::people::People::resolve(&export, &mut diags);
    assert!(
        diags.items().iter().all(|d| d.file.starts_with("Basic_LinkedInDataExport_09-01-2025/"))
    );
    // The run names the export it did not read, and why.
    let out = dir.run(&["inspect", "all"], 0);
    assert!(
        stderr(&out).contains(
            "Basic_LinkedInDataExport_03-01-2022: an older export of the same owner (2022-03-01): not read"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exports_of_two_owners_in_one_folder_are_refused_with_the_list() {
    let dir = TestDir::new("two-owners");
    dir.copy_fixture("2025", "Downloads/Basic_LinkedInDataExport_09-01-2025");
    // Another person's export, still zipped, and one of the first owner's, older.
    dir.zip_folder(&fixture_dir("2024"), "Downloads/Complete_LinkedInDataExport_12-12-2024.zip");
    dir.copy_fixture("2022", "Downloads/Basic_LinkedInDataExport_03-01-2022");
    let commands: [&[&str]; 3] = [
        &["analyze", "Downloads", "--out", "out"],
        &["inspect", "Downloads"],
        &["backtest", "Downloads", "--at", "2025-03-01"],
    ];
    for args in commands {
        let (command, out) = (args[0], dir.run(args, 2));
        let err = stderr(&out);
        for found in [
            "Basic_LinkedInDataExport_09-01-2025 — Oscar Owner, exported 2025-09-01, 13 connections (read first)",
            "Complete_LinkedInDataExport_12-12-2024.zip — Olive Owner, exported 2024-12-12, 14 connections",
            "Basic_LinkedInDataExport_03-01-2022 — Oscar Owner, exported 2022-03-01",
            "holds the exports of more than one person",
            "Give one of them as the export path",
        ] {
            assert!(err.contains(found), "{command}: {found:?} not in\n{err}");
        }
        assert!(out.stdout.is_empty(), "{command}");
    }
    assert!(!dir.path("out").exists(), "a refused run wrote its report");
    // Given one of them, it runs.
    dir.run(&["inspect", "Downloads/Complete_LinkedInDataExport_12-12-2024.zip"], 0);
}

#[test]
fn zips_in_a_folder_are_exports_too_and_the_newest_is_read() {
    let dir = TestDir::new("zips-in-folder");
    // The same owner's export of 2024, zipped, and re-saved by a spreadsheet, unpacked, older.
    let zip =
        dir.zip_folder(&fixture_dir("2024"), "Downloads/Basic_LinkedInDataExport_12-12-2024.zip");
    dir.copy_fixture("2024-excel", "Downloads/old/Basic_LinkedInDataExport_06-01-2024");
    dir.create("Downloads/notes.txt", "not an export");
    let export = export::read(&dir.path("Downloads")).unwrap();
    assert_eq!(export.kind, export::SourceKind::Zip);
    assert_eq!(export.export_date.map(|d| d.to_string()).as_deref(), Some("2024-12-12"));
    assert_eq!(export.others.len(), 1);
    assert_eq!(export.files.len(), export::read(&zip).unwrap().files.len());
    let out = dir.run(&["inspect", "Downloads"], 0);
    assert!(
        stderr(&out).contains("an older export of the same owner (2024-06-01)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_zip_read_first_is_named_as_itself_in_the_list() {
    let dir = TestDir::new("zip-first");
    dir.zip_folder(&fixture_dir("2024"), "Downloads/Complete_LinkedInDataExport_12-12-2025.zip");
    dir.copy_fixture("2025", "Downloads/Basic_LinkedInDataExport_09-01-2025");
    let err = stderr(&dir.run(&["inspect", "Downloads"], 2));
    assert!(
        err.contains(
            "Complete_LinkedInDataExport_12-12-2025.zip — Olive Owner, exported 2025-12-12, 14 \
             connections (read first)"
        ),
        "{err}"
    );
}
