//! A large messages file is read in chunks on several threads: the rows, strings,
//! conversations and reports are exactly those of one sequential read, whatever the split, and
//! a file with a row that cannot be read is read again as one.

use netsift::diag::Diagnostics;
use netsift::export::messages::read_chunks;
use netsift::export::table::Table;

use crate::util::TestDir;

fn messages_file(dir: &TestDir) -> Vec<u8> {
    dir.run(&["sample", "--out", "s", "--connections", "150", "--messages", "4000", "-q"], 0);
    std::fs::read(dir.path("s/Complete_LinkedInDataExport_11-20-2026/messages.csv")).unwrap()
}

fn compare(bytes: Vec<u8>) {
    let mut diags = Diagnostics::default();
    let table = Table::parse("messages.csv", bytes, &["FROM", "DATE"], &mut diags).unwrap();
    let mut alone = Diagnostics::default();
    let (one, one_report) = read_chunks(&table, None, &mut alone);
    assert!(one.rows.len() > 1000);
    for n in 2..=9 {
        let chunks = table.split(n, 0).expect("the file splits");
        assert!(chunks.windows(2).all(|w| w[0].end == w[1].start && w[0].line < w[1].line));
        let mut found = Diagnostics::default();
        let (many, many_report) = read_chunks(&table, Some(chunks), &mut found);
        assert!(many == one, "{n} chunks read the same messages");
        assert_eq!(many_report, one_report, "{n} chunks");
        assert_eq!(found, alone, "{n} chunks report the same");
    }
}

#[test]
fn chunks_read_exactly_what_one_read_does() {
    let dir = TestDir::new("chunks");
    let bytes = messages_file(&dir);
    assert!(
        bytes.windows(3).any(|w| w == b"\n\n\"" || w == b"!\n\n"),
        "real line breaks inside fields"
    );
    compare(bytes);
}

#[test]
fn a_bad_row_sends_the_file_back_to_one_read() {
    let dir = TestDir::new("chunks-bad");
    let text = String::from_utf8(messages_file(&dir)).unwrap();
    // Break a row two thirds in: a date nobody can read, and a row of the wrong width.
    let at = text.len() * 2 / 3;
    let line_start = at + text[at..].find("\n\"2-").unwrap() + 1;
    let mut broken = text.clone();
    let date = broken[line_start..].find(" UTC\"").unwrap() + line_start;
    broken.replace_range(date - 19..date, "not a date at all!!");
    broken.push_str("\"only\",\"three\",\"fields\"\n");
    compare(broken.into_bytes());
}
