//! Nothing lost, nothing touched: every command leaves its inputs byte for byte and time for
//! time as they were, writes only into `--out` and the history folder, and a run killed at any
//! moment leaves each report file either the previous one or the new one, whole.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::damaged::tree;
use crate::util::{SAMPLE_ZIP, TestDir};

/// Every file and folder under `root`: its hash (empty for a folder) and modification time.
fn state(root: &Path) -> BTreeMap<String, (String, SystemTime)> {
    let hashes = tree(root);
    let mut all = BTreeMap::new();
    for entry in walkdir(root) {
        let rel = entry.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let modified = std::fs::symlink_metadata(&entry).unwrap().modified().unwrap();
        let hash = hashes.get(&rel).cloned().unwrap_or_default();
        all.insert(rel, (hash, modified));
    }
    all
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        all.push(path.clone());
        if path.is_dir() {
            all.extend(walkdir(&path));
        }
    }
    all
}

#[test]
fn inputs_are_never_modified_and_nothing_is_written_outside_out_and_history() {
    let dir = TestDir::new("untouched");
    let sample = ["--connections", "200", "--messages", "2000", "-q"];
    dir.run(&[&["sample", "--out", "folder"][..], &sample].concat(), 0);
    dir.run(&[&["sample", "--out", "zipped", "--zip"][..], &sample].concat(), 0);
    for d in ["home", "tmp"] {
        std::fs::create_dir(dir.path(d)).unwrap();
    }
    let folder = "folder/Complete_LinkedInDataExport_11-20-2026";
    let zip = "zipped/Complete_LinkedInDataExport_11-20-2026.zip";
    let notes = "folder/notes.csv";
    let before = state(&dir.root);
    let commands: [&[&str]; 8] = [
        &["analyze", folder, "--notes", notes, "--out", "out-folder", "-q"],
        &["analyze", zip, "--notes", notes, "--out", "out-zip", "-q", "--as-of", "2026-06-30"],
        &["analyze", zip, "--out", "out-zip", "-q"],
        &["inspect", zip, "--notes", notes],
        &["intro", "Acme", folder],
        &["history"],
        &["diff"],
        &["config", "--default"],
    ];
    for args in commands {
        let mut cmd = dir.command(args);
        cmd.env("HOME", dir.path("home")).env("TMPDIR", dir.path("tmp"));
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "netsift {}: {:?}", args.join(" "), out);
    }
    let after = state(&dir.root);
    for (path, was) in &before {
        assert_eq!(after.get(path), Some(was), "{path} was changed");
    }
    let new: Vec<&String> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    let allowed = ["out-folder", "out-zip", "xdg"];
    let outside: Vec<&&String> =
        new.iter().filter(|p| !allowed.iter().any(|a| p.split('/').next() == Some(a))).collect();
    assert!(outside.is_empty(), "written outside --out and the history: {outside:?}");
    let history: Vec<&&String> = new.iter().filter(|p| p.starts_with("xdg/")).collect();
    assert!(
        history.iter().all(|p| "xdg/netsift/history".starts_with(p.as_str())
            || p.starts_with("xdg/netsift/history/")),
        "{history:?}"
    );
    assert!(history.iter().any(|p| p.ends_with("scores.parquet")), "{history:?}");
    let manifest = |p: &str| p.ends_with("/.netsift-files");
    let hidden: Vec<&&String> = new.iter().filter(|p| p.contains("/.") && !manifest(p)).collect();
    assert!(hidden.is_empty(), "temporary files left behind: {hidden:?}");
}

#[test]
fn out_holds_one_run_and_nothing_netsift_did_not_write_is_touched() {
    let dir = TestDir::new("one-run");
    let zip = SAMPLE_ZIP;
    // Two runs in the history: the second draws the trend.
    dir.run(&["analyze", zip, "--history", "h", "--out", "r", "--as-of", "2026-05-20", "-q"], 0);
    dir.run(&["analyze", zip, "--history", "h", "--out", "r", "-q"], 0);
    assert!(dir.path("r/charts/trend.svg").is_file() && dir.path("r/charts/trend.png").is_file());
    dir.create("r/mine.txt", "my own notes");
    dir.create("r/charts/mine.svg", "<svg/>");
    // A run without history draws no trend: the last run's trend goes, the user's files stay.
    dir.run(&["analyze", zip, "--no-history", "--out", "r", "-q"], 0);
    assert!(!dir.path("r/charts/trend.svg").exists() && !dir.path("r/charts/trend.png").exists());
    assert_eq!(std::fs::read_to_string(dir.path("r/mine.txt")).unwrap(), "my own notes");
    assert!(dir.path("r/charts/mine.svg").is_file() && dir.path("r/report.html").is_file());
    // A manifest edited to point outside the folder reaches nothing there.
    dir.create("outside.txt", "keep");
    dir.create("r/.netsift-files", "../outside.txt\n/etc/hostname\nreport.html\n");
    dir.run(&["analyze", zip, "--no-history", "--out", "r", "-q"], 0);
    assert!(dir.path("outside.txt").is_file() && dir.path("r/report.html").is_file());
}

#[test]
fn a_killed_analyze_leaves_every_report_file_old_or_new() {
    let dir = TestDir::new("report-kill");
    let sample = ["--connections", "300", "--messages", "3000", "-q"];
    dir.run(&[&["sample", "--out", "s"][..], &sample].concat(), 0);
    let export = "s/Complete_LinkedInDataExport_11-20-2026";
    let run = |out: &str, as_of: &str| -> Vec<String> {
        ["analyze", export, "--out", out, "--as-of", as_of, "--no-history", "-q"]
            .map(String::from)
            .to_vec()
    };
    let go = |args: &[String], code| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        dir.run(&args, code);
    };
    go(&run("old", "2026-03-31"), 0);
    let start = std::time::Instant::now();
    go(&run("new", "2026-11-20"), 0);
    let full = start.elapsed();
    let (old, new) = (tree(&dir.path("old")), tree(&dir.path("new")));
    let differ = old.iter().filter(|(name, hash)| new.get(*name) != Some(hash)).count();
    assert!(differ >= 10, "the two reports differ in only {differ} files");
    let mut seen = (false, false);
    for k in 0..=8u32 {
        let out = format!("out-{k}");
        crate::history::copy_dir(&dir.path("old"), &dir.path(&out));
        let args = run(&out, "2026-11-20");
        let mut child = dir
            .command(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * k / 8);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&dir.path(&out));
        for (name, hash) in &now {
            if is_hidden(name) {
                continue; // a temporary file of the killed run, never under a report name
            }
            let is_old = old.get(name) == Some(hash);
            let is_new = new.get(name) == Some(hash);
            assert!(is_old || is_new, "{name} is neither the old nor the new file after {k}/8");
            seen.0 |= is_old && !is_new;
            seen.1 |= is_new && !is_old;
        }
        let names: Vec<&String> = now.keys().filter(|n| !is_hidden(n)).collect();
        let report: Vec<&String> = old.keys().filter(|n| !is_hidden(n)).collect();
        assert_eq!(names, report, "files missing after {k}/8");
        // The next run clears what the killed one left.
        if k % 3 == 2 {
            go(&args, 0);
            assert_eq!(tree(&dir.path(&out)), new, "the rerun after {k}/8 is the new report");
        }
    }
    assert!(seen.0, "no kill came before the new report was in place");
}

fn is_hidden(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
}
