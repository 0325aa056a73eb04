//! Unusable input exits 1 with a message naming the file; bad usage exits 2; never a panic.

use netsift::export::Limits;

use crate::util::{SAMPLE_ZIP, TestDir, fixture_dir, stderr};

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
    // The same problem on many rows is one line naming them (the first ten).
    assert_eq!(
        lines[2],
        "Connections.csv:5: row has 5 fields, the header has 7 (and 24 more rows like it: \
         lines 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, …)"
    );
    // The last row's quote never closes: the file ends inside it.
    assert_eq!(
        lines[3],
        "Connections.csv:30: a quote opened in this row never closes: the file ends first (cut \
         short?); the row is skipped"
    );
    assert_eq!(lines.len(), 4);
    let text = crate::util::stdout(&out);
    assert!(text.contains("Connections.csv  29 rows, 27 skipped"), "{text}");
    assert!(text.contains("skipped        Connections.csv: 1 × unclosed quote"), "{text}");
    assert!(text.contains("Connections.csv: 26 × wrong field count"), "{text}");
}

#[test]
fn days_outside_the_export_are_refused_or_said() {
    let dir = TestDir::new("days-outside");
    let zip = SAMPLE_ZIP;
    let range = "its data runs from 2010-01-31 to 2026-11-20";
    let out = dir.run(&["analyze", zip, "--as-of", "1990-01-01", "--out", "r", "--no-history"], 2);
    assert_eq!(
        stderr(&out),
        format!(
            "netsift: --as-of 1990-01-01 is before anything in this export: {range}; choose a day in that range\n"
        )
    );
    assert!(!dir.path("r").exists(), "nothing written");
    // Later than the data can mean something (the silence since): done, and said.
    let out = dir.run(&["analyze", zip, "--as-of", "2030-01-01", "--out", "r", "--no-history"], 0);
    assert!(stderr(&out).contains(
        "netsift: warning: --as-of 2030-01-01 is after the export's last day, 2026-11-20: nothing later is known, so the scores count the 1138 days since as silence\n"
    ), "{}", stderr(&out));
    for (at, side) in [
        ("2030-01-01", "not before the last day of"),
        ("2026-11-20", "not before the last day of"),
        ("1990-01-01", "before anything in"),
    ] {
        let out = dir.run(&["backtest", zip, "--at", at], 2);
        assert_eq!(
            stderr(&out),
            format!(
                "netsift: --at {at} is {side} this export: {range}; cut at a day from 2010-01-31 to the day before 2026-11-20\n"
            )
        );
        assert!(out.stdout.is_empty());
    }
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
    let limits = |max_bytes, max_ratio, ratio_floor| Limits { max_bytes, max_ratio, ratio_floor };
    let read = |path: &std::path::Path, l| {
        netsift::export::read_limited(path, l).map(|_| ()).map_err(|e| e.to_string())
    };
    let err = read(&zip, limits(1 << 20, 1000, 1 << 30)).unwrap_err();
    assert!(err.ends_with("bomb.zip: Connections.csv inflates to more than 1048576 bytes; refusing it as a possible zip bomb"), "{err}");
    // The same size limit holds for a folder; the ratio does not apply there.
    let err = read(&dir.path("export"), limits(1 << 20, 1000, 1 << 30)).unwrap_err();
    assert!(err.contains("Connections.csv inflates to more than 1048576 bytes"), "{err}");
    assert_eq!(read(&dir.path("export"), limits(4 << 20, 2, 0)), Ok(()));
    // Past the floor, an entry may not inflate to more than the ratio × its compressed size.
    let compressed = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap())
        .unwrap()
        .by_index(0)
        .unwrap()
        .compressed_size();
    let err = read(&zip, limits(4 << 20, 10, 1 << 10)).unwrap_err();
    assert!(err.contains(&format!("inflates to more than {} bytes", compressed * 10)), "{err}");
    assert_eq!(read(&zip, limits(4 << 20, 1000, 1 << 10)), Ok(()));
}

#[test]
fn a_quote_that_never_closes_loses_no_row_after_it() {
    let dir = TestDir::new("unclosed");
    dir.create(
        "e/Connections.csv",
        "First Name,Last Name,Company,Connected On\nAnn,One,A,01 Jan 2024\n\"Bob,Two,B,02 Jan 2024\nCy,Three,C,03 Jan 2024\nDee,Four,D,04 Jan 2024",
    );
    let out = dir.run(&["inspect", "e"], 0);
    assert_eq!(
        stderr(&out),
        "Connections.csv:3: a quote opened in this row never closes (it runs to line 5); the row is skipped and reading resumes on the next line\n"
    );
    let export = netsift::export::read(&dir.path("e")).unwrap();
    let names: Vec<&str> = export.connections.iter().map(|c| c.first_name.as_str()).collect();
    assert_eq!(names, ["Ann", "Cy", "Dee"]);
    assert_eq!(export.connections.iter().map(|c| c.line).collect::<Vec<_>>(), [2, 4, 5]);
}

#[test]
fn a_stray_quote_closed_rows_later_loses_no_row_it_swallowed() {
    let dir = TestDir::new("stray-quote");
    // 40 rows; a stray quote on line 12 runs on to the quoted company on line 30.
    let mut csv = String::from("First Name,Last Name,Company,Connected On\n");
    for i in 2..=41 {
        match i {
            12 => csv.push_str("\"Unclosed,quote,row,01 Jan 2020\n"),
            30 => csv.push_str(&format!("P{i},Q,\"Acme, Inc.\",01 Jan 2024\n")),
            _ => csv.push_str(&format!("P{i},Q,Co,01 Jan 2024\n")),
        }
    }
    dir.create("e/Connections.csv", &csv);
    let out = dir.run(&["inspect", "e"], 0);
    assert_eq!(
        stderr(&out),
        "Connections.csv:12: a quote opened in this row runs on to line 30, making a row of 3 fields (the header has 4); the row is skipped and reading resumes on the next line\n"
    );
    let export = netsift::export::read(&dir.path("e")).unwrap();
    let lines: Vec<u64> = export.connections.iter().map(|c| c.line).collect();
    assert_eq!(lines, (2..=41).filter(|&l| l != 12).collect::<Vec<u64>>());
    let acme = export.connections.iter().find(|c| c.line == 30).unwrap();
    assert_eq!((acme.first_name.as_str(), acme.company.as_str()), ("P30", "Acme, Inc."));
}

#[test]
fn a_broken_messages_file_is_reported_and_the_rest_is_read() {
    let dir = TestDir::new("empty-messages");
    dir.create("e/Connections.csv", "First Name,Last Name,Connected On\nAnn,One,01 Jan 2024");
    dir.create("e/messages.csv", "");
    let out = dir.run(&["inspect", "e"], 0);
    assert_eq!(
        stderr(&out),
        "messages.csv: not read: messages.csv: required column(s) \"FROM\", \"DATE\" not found; columns found: none (empty file?)\n"
    );
}

#[test]
fn rows_of_empty_cells_are_blank_lines_not_hidden_members() {
    let dir = TestDir::new("empty-cells");
    dir.create(
        "e/Connections.csv",
        "First Name,Last Name,URL,Connected On\r\n,,,\r\nAnn,One,NA,01 Jan 2024\r\n,,NA,\r\n,,,14 Sep 2024\r\n",
    );
    let export = netsift::export::read(&dir.path("e")).unwrap();
    assert!(export.diagnostics.items().is_empty(), "{:?}", export.diagnostics.items());
    assert_eq!(export.connections.len(), 2);
    assert_eq!(export.connections[0].url, None);
    assert!(export.connections[1].is_hidden());
    assert_eq!(export.connections[1].line, 5);
}

#[test]
fn an_utf16_file_without_bom_and_odd_headers_are_named_plainly() {
    let dir = TestDir::new("utf16be");
    let text = "First Name,Last Name,Connected On\nAnn,One,01 Jan 2024\n";
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    dir.create("e/Connections.csv", be);
    let export = netsift::export::read(&dir.path("e")).unwrap();
    assert_eq!(export.connections[0].first_name, "Ann");
    dir.create("f/Connections.csv", "First\u{1}Name,Nom\n");
    let out = dir.run(&["inspect", "f"], 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: Connections.csv: required column(s) \"First Name\", \"Last Name\", \"Connected On\" not found; columns found: \"First\\u{1}Name\", \"Nom\"\n"
    );
    let out = dir.run(&["inspect", "nowhere"], 1);
    assert_eq!(stderr(&out), "netsift: error: nowhere: No such file or directory (os error 2)\n");
}

#[test]
fn a_file_where_a_folder_belongs_is_named_with_what_to_give() {
    let dir = TestDir::new("one-file");
    let folder = dir.copy_fixture("2024", "export");
    let csv = folder.join("Connections.csv");
    let out = dir.run(&["inspect", csv.to_str().unwrap()], 1);
    assert!(
        stderr(&out).contains(&format!(
            "Connections.csv: one file of an export, not the export; give the folder that holds \
             it ({}) or the export's .zip",
            folder.display()
        )),
        "{}",
        stderr(&out)
    );
    dir.create("taken", "a file");
    let out = dir.run(&["analyze", folder.to_str().unwrap(), "--out", "taken", "-q"], 2);
    assert!(stderr(&out).contains("--out taken is a file; give a folder"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path("taken")).unwrap(), "a file");
    // `netsift config` prints the defaults, as `--default` does.
    let plain = dir.run(&["config"], 0).stdout;
    assert_eq!(plain, dir.run(&["config", "--default"], 0).stdout);
}
