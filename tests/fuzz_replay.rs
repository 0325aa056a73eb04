//! Every input of the fuzz corpora (`fuzz/corpus/<target>/`) and every former crash
//! (`fuzz/regressions/<target>/`) replayed through the fuzz targets' own bodies: hostile input
//! is read without a panic, under plain `cargo test`, no fuzzer needed.

use std::path::Path;

#[path = "../fuzz/harness.rs"]
pub mod harness;

/// Runs `target` on every file of its corpus and regressions; names the file that panics.
fn replay(target: &str, run: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else { continue };
        let mut paths: Vec<_> = entries.map(|e| e.expect("corpus entry").path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).expect("read corpus file");
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                panic!("fuzz target {target} panics on {}", path.display());
            }
            count += 1;
        }
    }
    assert!(count > 0, "fuzz/corpus/{target} is empty");
}

#[test]
fn zip() {
    replay("zip", harness::zip);
}

#[test]
fn connections() {
    replay("connections", harness::connections);
}

#[test]
fn messages() {
    replay("messages", harness::messages);
}

#[test]
fn invitations() {
    replay("invitations", harness::invitations);
}

#[test]
fn endorsements() {
    replay("endorsements", harness::endorsements);
}

#[test]
fn recommendations() {
    replay("recommendations", harness::recommendations);
}

#[test]
fn profile() {
    replay("profile", harness::profile);
}

#[test]
fn notes() {
    replay("notes", harness::notes);
}

#[test]
fn dates() {
    replay("dates", harness::dates);
}
