//! Where the export comes from: zip or folder, odd names, nested folders, duplicate copies.

use netsift::export;

use crate::util::{TestDir, fixture_dir, stdout};

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
    let export = export::read(&dir.path("export")).unwrap();
    let report = export.files.iter().find(|f| f.name.ends_with("Connections.csv")).unwrap();
    assert_eq!(report.name, "Basic_LinkedInDataExport_12-12-2024/Connections.csv");
    assert_eq!(report.ignored_copies, vec!["copy/Connections.csv".to_string()]);
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
fn two_exports_in_one_folder_are_never_mixed() {
    let dir = TestDir::new("two-exports");
    // The older export was re-saved by a spreadsheet; the newer one is pristine.
    dir.copy_fixture("2024-excel", "all/Basic_LinkedInDataExport_12-12-2024");
    dir.copy_fixture("2025", "all/Basic_LinkedInDataExport_09-01-2025");
    let export = export::read(&dir.path("all")).unwrap();
    let names: Vec<&str> = export.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.iter().all(|n| n.starts_with("Basic_LinkedInDataExport_09-01-2025/")),
        "{names:?}"
    );
    assert_eq!(export.export_date.map(|d| d.to_string()).as_deref(), Some("2025-09-01"));
    // Diagnostics name the files as read, folders included.
    let mut diags = export.diagnostics.clone();
    let _ = netsift::people::People::resolve(&export, &mut diags);
    assert!(
        diags.items().iter().all(|d| d.file.starts_with("Basic_LinkedInDataExport_09-01-2025/"))
    );
}
