//! The generator: deterministic, readable by netsift, and the bundled sample is its output.

use crate::util::{TestDir, stdout};

const NAME: &str = "Complete_LinkedInDataExport_11-20-2026";

#[test]
fn the_bundled_sample_is_what_the_generator_writes() {
    let dir = TestDir::new("sample-bundled");
    let out = dir.run(
        &[
            "sample",
            "--out",
            "s",
            "--connections",
            "300",
            "--messages",
            "3000",
            "--seed",
            "1",
            "--zip",
        ],
        0,
    );
    assert_eq!(stdout(&out), format!("s/{NAME}.zip\ns/notes.csv\n"));
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for file in [format!("{NAME}.zip"), "notes.csv".into()] {
        let made = std::fs::read(dir.path("s").join(&file)).unwrap();
        let kept = std::fs::read(bundled.join(&file)).unwrap();
        assert!(
            made == kept,
            "sample-data/{file} differs from the generator's output: regenerate it"
        );
    }
}

#[test]
fn folder_and_zip_samples_read_alike_and_every_note_resolves() {
    let dir = TestDir::new("sample-read");
    let args = ["--connections", "400", "--messages", "5000", "--seed", "9"];
    dir.run(&[&["sample", "--out", "folder"][..], &args].concat(), 0);
    dir.run(&[&["sample", "--out", "zip", "--zip"][..], &args].concat(), 0);
    let json = |path: String| {
        let out = dir.run(&["inspect", "--json", &path, "--notes", "folder/notes.csv"], 0);
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_object_mut().unwrap().retain(|k, _| k != "export" && k != "kind");
        v
    };
    let a = json(format!("folder/{NAME}"));
    assert_eq!(a, json(format!("zip/{NAME}.zip")));
    assert_eq!(a["connections"]["rows"], 400);
    assert_eq!(a["messages"]["rows"], 5000);
    assert_eq!(a["owner"]["method"], "invitations");
    assert_eq!(a["owner"]["url"], "https://www.linkedin.com/in/owen-owner");
    assert_eq!(a["notes"]["unresolved"], 0);
    assert_eq!(a["skipped"], serde_json::json!([]));
    assert!(a["messages"]["drafts"].as_u64().unwrap() > 0);
    assert!(a["messages"]["system"].as_u64().unwrap() > 0);
    assert!(a["connections"]["hidden_members"].as_u64().unwrap() > 0);
    let (matched, sent, received) =
        (&a["messages"]["matched"], &a["messages"]["sent"], &a["messages"]["received"]);
    assert!(
        matched.as_u64().unwrap() * 10 > (sent.as_u64().unwrap() + received.as_u64().unwrap()) * 9
    );
    // Percent-encoded slugs in Connections met raw ones elsewhere: every endorsement matched.
    assert_eq!(a["endorsements"]["received"], a["endorsements"]["received_matched"]);
}

#[test]
fn a_large_messages_file_reads_from_the_zip_as_from_the_folder() {
    // Large enough to be parsed while it is inflated from the zip.
    let dir = TestDir::new("sample-large");
    let args = ["--connections", "300", "--messages", "26000", "--seed", "3"];
    dir.run(&[&["sample", "--out", "folder"][..], &args].concat(), 0);
    dir.run(&[&["sample", "--out", "zip", "--zip"][..], &args].concat(), 0);
    let size = std::fs::metadata(dir.path(&format!("folder/{NAME}/messages.csv"))).unwrap().len();
    assert!(size > netsift::export::table::CHUNKED_FROM as u64, "{size} bytes");
    let folder = netsift::export::read(&dir.path(&format!("folder/{NAME}"))).unwrap();
    let zip = netsift::export::read(&dir.path(&format!("zip/{NAME}.zip"))).unwrap();
    assert_eq!(zip.messages.rows.len(), 26000);
    assert!(zip.messages == folder.messages);
    assert_eq!(zip.files, folder.files);
    assert_eq!(zip.diagnostics, folder.diagnostics);
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let dir = TestDir::new("sample-seed");
    for out in ["a", "b"] {
        dir.run(
            &[
                "sample",
                "--out",
                out,
                "--connections",
                "50",
                "--messages",
                "400",
                "--seed",
                "5",
                "--zip",
            ],
            0,
        );
    }
    let read = |d: &str| std::fs::read(dir.path(d).join(format!("{NAME}.zip"))).unwrap();
    assert!(read("a") == read("b"));
    dir.run(
        &[
            "sample",
            "--out",
            "c",
            "--connections",
            "50",
            "--messages",
            "400",
            "--seed",
            "6",
            "--zip",
        ],
        0,
    );
    assert!(read("a") != read("c"));
}
