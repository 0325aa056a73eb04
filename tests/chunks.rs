//! A large messages file is read in chunks on several threads: the rows, strings,
//! conversations and reports are exactly those of one sequential read, whatever the split, and
//! a file with a row that cannot be read is read again as one. The same holds for a file read
//! while it is inflated from a zip.

use netsift::diag::Diagnostics;
use netsift::export::FileReport;
use netsift::export::messages::{self, Messages, read_chunks};
use netsift::export::stream::{Inflated, inflate_while};
use netsift::export::table::Table;

use crate::fuzz_replay::harness::Trickle;
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

type Read = (Messages, FileReport, Diagnostics);

fn whole(bytes: Vec<u8>) -> Read {
    let mut diags = Diagnostics::default();
    let table = Table::parse("messages.csv", bytes, &messages::REQUIRED, &mut diags).unwrap();
    let (read, report) = messages::read(&table, &mut diags).unwrap();
    (read, report, diags)
}

/// The file read while it trickles in, in runs of `step` bytes; whether it was (else it was
/// read whole once all had arrived, as netsift does).
fn streamed(bytes: &[u8], step: usize) -> (Read, bool) {
    let (inflated, streamed) = inflate_while(Trickle(bytes, 4093), bytes.len(), |feed| {
        messages::stream("messages.csv", feed, step)
    });
    let Inflated::Whole(text) = inflated else { panic!("the whole file arrives") };
    assert!(text == bytes);
    match streamed {
        Some(streamed) => {
            let mut diags = Diagnostics::default();
            let (read, report) = messages::finish_stream(streamed, text, &mut diags);
            ((read, report, diags), true)
        }
        None => (whole(text), false),
    }
}

/// Read while arriving, in runs of several sizes, exactly as read whole; `streams` says
/// whether the file can be read while arriving at all.
fn compare_streamed(bytes: Vec<u8>, streams: bool) {
    let one = whole(bytes.clone());
    for step in [1, 997, 30_000, 250_000, bytes.len()] {
        let (read, was) = streamed(&bytes, step);
        assert_eq!(was, streams, "step {step}");
        assert!(read.0 == one.0, "step {step}: the same messages");
        assert_eq!(read.1, one.1, "step {step}");
        assert_eq!(read.2, one.2, "step {step}: the same diagnostics");
    }
}

#[test]
fn read_while_inflated_exactly_as_read_whole() {
    let dir = TestDir::new("chunks-stream");
    let bytes = messages_file(&dir);
    assert!(bytes.len() > 1 << 20, "longer than the head the header is looked for in");
    compare_streamed(bytes.clone(), true);
    // With a byte-order mark and CRLF line ends, as a spreadsheet saves it.
    let mut crlf = b"\xEF\xBB\xBF".to_vec();
    crlf.extend(String::from_utf8(bytes.clone()).unwrap().replace('\n', "\r\n").into_bytes());
    compare_streamed(crlf, true);
    // A row it cannot read: every row is read again whole, with the same report.
    let mut broken = bytes.clone();
    broken.extend_from_slice(b"\"only\",\"three\",\"fields\"\n");
    let ((.., diags), was) = streamed(&broken, 30_000);
    assert!(was && diags.items().len() == 1);
    compare_streamed(broken, true);
    // Not UTF-8 far past the header: read whole as Windows-1252, with the warning.
    let mut latin = bytes.clone();
    let at = latin.len() * 3 / 4;
    let at = at + latin[at..].iter().position(|&b| b == b'e').unwrap();
    latin[at] = 0xE9;
    compare_streamed(latin, false);
    // A header that never comes in the first megabyte: read whole.
    let mut late = vec![b'\n'; (1 << 20) + 10];
    late.extend_from_slice(&bytes);
    compare_streamed(late, false);
}
