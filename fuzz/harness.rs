//! The bodies of the fuzz targets, one plain function per target: bytes in, every reader of
//! hostile input exercised, nothing returned. A panic (an `assert!` included) is a bug. The
//! fuzz targets in `fuzz/fuzz_targets/` call these, and `tests/fuzz_replay.rs` replays every
//! corpus input and former crash through them under `cargo test`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use netsift::Error;
use netsift::diag::Diagnostics;
use netsift::export::dates::{Zone, parse_date, parse_time};
use netsift::export::table::Table;
use netsift::export::{
    self, FileReport, Limits, connections, endorsements, invitations, messages, profile,
    recommendations, stream,
};
use netsift::people::People;

/// Small enough that a bomb is refused after a few megabytes, not two gigabytes.
const LIMITS: Limits = Limits { max_bytes: 4 << 20, max_ratio: 200, ratio_floor: 256 << 10 };

/// The sample export, against which notes are resolved.
const SAMPLE: &[u8] = include_bytes!("../sample-data/Complete_LinkedInDataExport_11-20-2026.zip");

/// A zip (or anything else) read as a whole export, then who is who resolved in it.
pub fn zip(data: &[u8]) {
    let path = Scratch::new("export.zip", data);
    match export::read_limited(&path.0, LIMITS) {
        Ok(export) => {
            let mut diags = export.diagnostics.clone();
            for report in &export.files {
                rows_accounted(report, &export.diagnostics);
            }
            let people = People::resolve(&export, &mut diags);
            assert!(people.persons.len() >= export.connections.len());
            show(&diags);
        }
        Err(e) => drop(e.to_string()),
    }
}

/// Connections.csv.
pub fn connections(data: &[u8]) {
    let columns = ["First Name", "Last Name", "Connected On"];
    read("Connections.csv", data, &columns, connections::read);
}

/// messages.csv, read as one, in 2 to 4 chunks (by the input's length) and while it trickles
/// in (as from a zip): the same messages, report and diagnostics whatever the split (the
/// contract of `messages::read_chunks` and `messages::stream`).
pub fn messages(data: &[u8]) {
    let mut diags = Diagnostics::default();
    let table = match Table::parse("messages.csv", data.to_vec(), &["FROM", "DATE"], &mut diags) {
        Ok(table) => table,
        Err(e) => return drop(e.to_string()),
    };
    let mut one_diags = diags.clone();
    let Ok((one, one_report)) = messages::read(&table, &mut one_diags) else { return };
    accounted(&one_report, table.data(), &one_diags);
    assert_eq!(one_report.kept, one.rows.len() as u64);
    let n = 2 + data.len() % 3;
    if let Some(chunks) = table.split(n, 0) {
        assert_eq!(chunks[0].start, 0);
        assert!(chunks.windows(2).all(|w| w[0].end == w[1].start && w[0].line < w[1].line));
        let mut many_diags = diags.clone();
        let (many, many_report) = messages::read_chunks(&table, Some(chunks), &mut many_diags);
        assert!(many == one, "{n} chunks read other messages than one read");
        assert_eq!(many_report, one_report, "{n} chunks");
        assert_eq!(many_diags, one_diags, "{n} chunks");
    }
    // Read while it trickles in, as from a zip, in runs of a few bytes: the same again.
    let step = 1 + data.len() % 61;
    let (inflated, streamed) = stream::inflate_while(Trickle(data, 37), data.len(), |feed| {
        messages::stream("messages.csv", feed, step)
    });
    let stream::Inflated::Whole(text) = inflated else { panic!("all of it arrives") };
    assert!(text == data);
    if let Some(streamed) = streamed {
        let mut streamed_diags = Diagnostics::default();
        let (read, report) = messages::finish_stream(streamed, text, &mut streamed_diags);
        assert!(read == one, "read while arriving in runs of {step}: other messages");
        assert_eq!(report, one_report, "runs of {step}");
        assert_eq!(streamed_diags, one_diags, "runs of {step}");
    }
    show(&one_diags);
}

/// Hands out its bytes at most `.1` at a time, as an inflating zip entry does.
pub struct Trickle<'a>(pub &'a [u8], pub usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.0.len()).min(self.1);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// Invitations.csv.
pub fn invitations(data: &[u8]) {
    let columns = ["From", "To", "Sent At", "Direction"];
    read("Invitations.csv", data, &columns, invitations::read);
}

/// Endorsement_Received_Info.csv and Endorsement_Given_Info.csv: the bytes as either.
pub fn endorsements(data: &[u8]) {
    for role in ["Endorser", "Endorsee"] {
        let (first, last) = (format!("{role} First Name"), format!("{role} Last Name"));
        let columns = ["Endorsement Date", first.as_str(), last.as_str()];
        read("Endorsement_Info.csv", data, &columns, |t, d| endorsements::read(t, role, d));
    }
}

/// Recommendations_Received.csv (and Given, which reads the same).
pub fn recommendations(data: &[u8]) {
    read("Recommendations_Received.csv", data, &["First Name", "Last Name"], recommendations::read);
}

/// Profile.csv.
pub fn profile(data: &[u8]) {
    read("Profile.csv", data, &["First Name", "Last Name"], |t, d| {
        let (found, report) = profile::read(t, d)?;
        assert_eq!(report.kept, u64::from(found.is_some()));
        Ok((found, report))
    });
}

/// A notes file, resolved against the people of the sample export.
pub fn notes(data: &[u8]) {
    let path = Scratch::new("notes.csv", data);
    let mut diags = Diagnostics::default();
    match netsift::notes::read(&path.0, sample_people(), &mut diags) {
        Ok(notes) => {
            let reported = skipped(&diags, &notes.file);
            assert_eq!(
                notes.rows,
                notes.notes.len() as u64 + reported,
                "every note kept or reported"
            );
            let _ = notes.unresolved();
        }
        Err(e) => drop(e.to_string()),
    }
    show(&diags);
}

/// Dates and times of every form, as any field might hold them.
pub fn dates(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let date = parse_date(&text);
    for zone in [Zone::Utc, Zone::Pacific] {
        if parse_time(&text, zone).is_some() {
            assert!(date.is_some(), "{text:?} has a time but no date");
        }
    }
}

/// Decodes `data` as the file `name` and, when the header is found, reads it with `reader`.
fn read<T>(
    name: &str,
    data: &[u8],
    columns: &[&str],
    reader: impl FnOnce(&Table, &mut Diagnostics) -> netsift::Result<(T, FileReport)>,
) {
    let mut diags = Diagnostics::default();
    let table = match Table::parse(name, data.to_vec(), columns, &mut diags) {
        Ok(table) => table,
        Err(e) => return drop(e.to_string()),
    };
    match reader(&table, &mut diags) {
        Ok((_, report)) => accounted(&report, table.data(), &diags),
        Err(e) => drop(e.to_string()),
    }
    show(&diags);
}

/// What every file report promises: every row seen is kept or reported skipped with its line,
/// and every physical line of the data (`data`, the text after the header) is part of a row
/// seen or has nothing on it — nothing is lost without a word.
pub fn accounted(report: &FileReport, data: &[u8], diags: &Diagnostics) {
    rows_accounted(report, diags);
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if data.is_empty() || data.ends_with(b"\n") {
        lines.pop(); // no line after the last line end
    }
    assert_eq!(report.lines, lines.len() as u64, "data lines: {report:?}");
    let blank = lines.iter().filter(|l| has_nothing(l)).count() as u64;
    assert!(
        report.blank_lines <= blank,
        "{} lines called blank, {blank} are: {report:?}",
        report.blank_lines
    );
}

/// Every row seen is kept or reported skipped, with its line.
fn rows_accounted(report: &FileReport, diags: &Diagnostics) {
    check(report);
    assert_eq!(report.rows, report.kept + skipped(diags, &report.name), "{report:?}");
}

/// How many rows of `file` were reported skipped.
fn skipped(diags: &Diagnostics, file: &str) -> u64 {
    diags.items().iter().filter(|d| d.file == file && !d.kept && d.line > 0).count() as u64
}

/// Whether a line holds nothing but white space, separators, quotes and `NA`.
fn has_nothing(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line).replace("NA", "");
    text.bytes().all(|b| b.is_ascii_whitespace() || matches!(b, b',' | b';' | b'"'))
}

/// What every file report promises: no more records kept than rows seen.
fn check(report: &FileReport) {
    assert!(report.kept <= report.rows, "{report:?}");
}

/// Formats every diagnostic, as the CLI prints them.
fn show(diags: &Diagnostics) {
    if let Err(e) = diags.write_to(std::io::sink(), usize::MAX) {
        panic!("writing diagnostics to a sink failed: {e}");
    }
}

/// The people of the sample export, resolved once per process.
fn sample_people() -> &'static People {
    static PEOPLE: OnceLock<People> = OnceLock::new();
    PEOPLE.get_or_init(|| {
        let path = Scratch::new("Complete_LinkedInDataExport_11-20-2026.zip", SAMPLE);
        let export = export::read(&path.0).unwrap_or_else(|e: Error| panic!("the sample: {e}"));
        People::resolve(&export, &mut Diagnostics::default())
    })
}

/// A file holding one input, unique to this process and thread, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, data: &[u8]) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        thread_local!(static SLOT: usize = NEXT.fetch_add(1, Ordering::Relaxed));
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
        let slot = SLOT.with(|s| *s);
        let path = dir.join(format!("netsift-fuzz-{}-{slot}-{name}", std::process::id()));
        if let Err(e) = std::fs::write(&path, data) {
            panic!("cannot write {}: {e}", path.display());
        }
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
