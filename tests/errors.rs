//! Unusable input exits 1 with a message naming the file; bad usage exits 2; never a panic.

use crate::util::{TestDir, fixture_dir, stderr};

#[test]
fn no_connections_file() {
    let dir = TestDir::new("no-connections");
    dir.create("export/messages.csv", "FROM,DATE\n");
    let out = dir.run(&["inspect", "export"], 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: export: no Connections.csv found (searched 1 files); is this a LinkedIn data export?\n"
    );
}

#[test]
fn not_a_zip() {
    let dir = TestDir::new("not-zip");
    dir.create("export.zip", "First Name,Last Name\n");
    let out = dir.run(&["inspect", "export.zip"], 1);
    let err = stderr(&out);
    assert!(err.starts_with("netsift: error: export.zip: not a zip archive ("), "{err}");
}

#[test]
fn missing_export() {
    let dir = TestDir::new("missing");
    let out = dir.run(&["inspect", "nowhere.zip"], 1);
    assert!(stderr(&out).starts_with("netsift: error: nowhere.zip: "), "{}", stderr(&out));
}

#[test]
fn required_column_missing_names_the_columns_found() {
    let dir = TestDir::new("columns");
    dir.create("export/Connections.csv", "First Name,Surname,Company\nJane,Doe,Acme\n");
    let out = dir.run(&["inspect", "export"], 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: Connections.csv: required column(s) \"Last Name\", \"Connected On\" not found; columns found: \"First Name\", \"Surname\", \"Company\"\n"
    );
}

#[test]
fn encrypted_zip() {
    let dir = TestDir::new("encrypted");
    let zip = dir.zip_folder(&fixture_dir("2020-connections-only"), "export.zip");
    // Set the "encrypted" flag (bit 0 of the general-purpose flags) on every header.
    let mut bytes = std::fs::read(&zip).unwrap();
    for (sig, offset) in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)] {
        let at: Vec<usize> =
            bytes.windows(4).enumerate().filter(|(_, w)| w == sig).map(|(i, _)| i).collect();
        for i in at {
            bytes[i + offset] |= 1;
        }
    }
    std::fs::write(&zip, bytes).unwrap();
    let out = dir.run(&["inspect", "export.zip"], 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: export.zip: Connections.csv is encrypted; netsift reads the export as LinkedIn delivers it, unencrypted\n"
    );
}

#[test]
fn bad_rows_are_reported_and_counted_not_lost() {
    let dir = TestDir::new("bad-rows");
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    csv.push_str("Ann,One,https://www.linkedin.com/in/ann-one,,A,B,01 Jan 2024\n");
    csv.push_str("Bob,Two,https://www.linkedin.com/in/bob-two,,A,B\n");
    csv.push_str("Cy,Three,https://www.linkedin.com/in/cy-three,,A,B,someday\n");
    for i in 0..25 {
        csv.push_str(&format!("X{i},Y,,,A\n"));
    }
    csv.push_str("Dee,Four,https://www.linkedin.com/in/dee-four,,\"A,B,02 Jan 2024");
    dir.create("export/Connections.csv", csv);
    let out = dir.run(&["inspect", "export"], 0);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "Connections.csv:3: row has 6 fields, the header has 7");
    assert_eq!(
        lines[1],
        "Connections.csv:4: unreadable Connected On \"someday\"; the connection is kept without a date"
    );
    assert_eq!(lines[2], "Connections.csv:5: row has 5 fields, the header has 7");
    assert_eq!(lines[20], "… and 8 more:");
    assert_eq!(lines[21], "  Connections.csv: 8 × wrong field count (skipped)");
    let text = crate::util::stdout(&out);
    assert!(text.contains("Connections.csv  29 rows, 27 skipped"), "{text}");
    assert!(text.contains("skipped        Connections.csv: 27 × wrong field count"), "{text}");
}

#[test]
fn bad_usage_exits_2() {
    let dir = TestDir::new("usage");
    dir.run(&["inspect"], 2);
    dir.run(&["frobnicate"], 2);
    let out = dir.run(&["sample", "--out", "x", "--date", "tomorrow"], 2);
    assert_eq!(stderr(&out), "netsift: --date \"tomorrow\" is not a date (YYYY-MM-DD)\n");
}

#[test]
fn an_entry_inflating_past_the_limit_is_refused() {
    let dir = TestDir::new("bomb");
    let mut csv = String::from("First Name,Last Name,Connected On\n");
    // 2 MB of one repeated row: deflates to a few kilobytes.
    while csv.len() < 2 << 20 {
        csv.push_str("Ann,One,01 Jan 2024\n");
    }
    dir.create("export/Connections.csv", csv);
    let zip = dir.zip_folder(&dir.path("export"), "bomb.zip");
    assert!(std::fs::metadata(&zip).unwrap().len() < 64 << 10);
    let err = netsift::export::read_limited(&zip, 1 << 20).unwrap_err().to_string();
    assert!(err.ends_with("bomb.zip: Connections.csv inflates to more than 1048576 bytes; refusing it as a possible zip bomb"), "{err}");
    // The same limit holds for a folder.
    let err = netsift::export::read_limited(&dir.path("export"), 1 << 20).unwrap_err().to_string();
    assert!(err.contains("Connections.csv inflates to more than 1048576 bytes"), "{err}");
    assert!(netsift::export::read_limited(&zip, 4 << 20).is_ok());
}
