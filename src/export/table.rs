//! A CSV file of the export as a table: decoded to UTF-8 (BOM, UTF-16, Windows-1252), the
//! delimiter and the header line found by looking for the columns a reader needs, columns
//! mapped by name. Rows come out with the line they start on; rows of the wrong width are
//! reported and skipped, never silently lost.

use std::collections::BTreeMap;

use csv::{ByteRecord, ReaderBuilder, StringRecord};

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::export::source::Bytes;
use crate::export::stream::Feed;

/// How many records to look through for the header (preamble, blank and padding lines).
const HEADER_SEARCH: usize = 20;

/// A decoded, delimited file with its header found.
pub struct Table {
    /// The file as named inside the export.
    pub file: String,
    /// The file as UTF-8 (validated, or converted from UTF-16 or Windows-1252).
    text: Bytes,
    delimiter: u8,
    header: Vec<String>,
    data_start: usize,
    data_line: u64,
    /// Lines before the header (a preamble, blank lines, Excel padding).
    pub preamble_lines: u64,
    /// Every field of the header is quoted (the 2026 messages form).
    pub fully_quoted: bool,
    /// What was done to read the file: encodings, separators, line ends.
    pub notes: Vec<String>,
}

/// No field of a real export comes near this (messages are at most 8,000 characters): a row
/// holding a larger one is damage, skipped and reported.
pub const MAX_FIELD: usize = 1 << 20;

/// Files larger than this are read in chunks on several threads.
pub const CHUNKED_FROM: usize = 8 << 20;

/// The header of a file read while it is inflated is looked for in this many first bytes.
const HEAD: usize = 1 << 20;

/// A run of whole records of a table's data: byte offsets from the data's start, and the line
/// the chunk starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The 1-based line of the file where the chunk starts.
    pub line: u64,
}

/// One data row: its record and the line it starts on.
pub struct Row<'t> {
    table: &'t Table,
    /// The 1-based line of the file where the row starts.
    pub line: u64,
    record: &'t ByteRecord,
}

/// What a read of a table's data saw: every physical line of the data is in a row seen (kept
/// by the reader, or skipped and reported) or blank (nothing but white space, or cells all
/// empty), so `lines - row_lines` lines are blank and no line is lost without a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// Data rows, blank ones not counted.
    pub rows: u64,
    /// The physical lines those rows stand on.
    pub row_lines: u64,
    /// The physical lines of the data read.
    pub lines: u64,
}

impl std::ops::AddAssign for Seen {
    fn add_assign(&mut self, other: Seen) {
        self.rows += other.rows;
        self.row_lines += other.row_lines;
        self.lines += other.lines;
    }
}

/// Counts the rows of a table's data and the lines they stand on, from the line numbers the
/// csv reader keeps (a line two rows share is counted once).
#[derive(Default)]
struct Lines {
    /// Rows seen, kept or skipped.
    rows: u64,
    /// The last line a row stands on, and how many lines rows stand on.
    covered: u64,
    row_lines: u64,
}

impl Lines {
    /// A row seen (kept or skipped) stands on lines `first..=last`.
    #[inline]
    fn row(&mut self, first: u64, last: u64) {
        self.rows += 1;
        if last > self.covered {
            self.row_lines += last - first.max(self.covered + 1) + 1;
            self.covered = last;
        }
    }

    /// Everything counted in `data`: its lines counted afresh.
    fn done(self, data: &[u8]) -> Seen {
        let partial = data.last().is_some_and(|&b| b != b'\n');
        let lines = bytecount::count(data, b'\n') as u64 + u64::from(partial);
        Seen { rows: self.rows, row_lines: self.row_lines, lines }
    }
}

/// Where a record stands in the slice a pass reads, from the positions the csv reader gives.
struct Span {
    /// Its first byte, and one past its last (its line end included).
    start: usize,
    end: usize,
    /// The line it ends on.
    last: u64,
    /// A quoted field of it is still open when the slice ends.
    unclosed: bool,
}

impl Span {
    /// The span of the record that starts at `pos` and that the reader, now at `now`, has
    /// just read from `slice`, whose first line follows `lines_before` lines.
    #[inline]
    fn of(
        slice: &[u8],
        pos: &csv::Position,
        now: &csv::Position,
        lines_before: u64,
        delimiter: u8,
    ) -> Span {
        let start = pos.byte() as usize;
        let end = (now.byte() as usize).min(slice.len());
        // The reader counts the line ends it has read, this record's own included.
        let last = now.line() + lines_before - u64::from(slice[..end].ends_with(b"\n"));
        let at_end = now.byte() as usize >= slice.len();
        let unclosed = at_end && quote_left_open(&slice[start..], delimiter);
        Span { start, end, last, unclosed }
    }
}

impl Table {
    /// Decodes `bytes` and finds the header: the first line that, split at `,`, `;` or tab,
    /// holds every column in `required` (case-insensitive).
    pub fn parse(
        file: &str,
        bytes: impl Into<Bytes>,
        required: &[&str],
        diags: &mut Diagnostics,
    ) -> Result<Table> {
        let (text, mut notes) = decode(file, bytes.into(), diags);
        // A file's line ends are all of one kind: its start tells.
        if text[..text.len().min(1 << 16)].windows(2).any(|w| w == b"\r\n") {
            notes.push("CRLF line ends".into());
        }
        let mut best = None;
        let found = [b',', b';', b'\t']
            .into_iter()
            .find_map(|delimiter| find_header(&text, delimiter, required, &mut best));
        let Some(header) = found else {
            return Err(missing_columns(file, required, best.unwrap_or_default()));
        };
        if header.delimiter != b',' {
            let name = if header.delimiter == b';' { "`;`" } else { "tab" };
            notes.push(format!("{name}-separated"));
        }
        report_duplicates(file, header.line, &header.cells, diags);
        Ok(Table {
            file: file.to_string(),
            delimiter: header.delimiter,
            data_start: header.data.byte() as usize,
            data_line: header.data.line(),
            preamble_lines: header.line - 1,
            fully_quoted: header_fully_quoted(&text, header.byte),
            header: header.cells,
            notes,
            text,
        })
    }

    /// The index of a column, by name, ignoring case.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|c| c.eq_ignore_ascii_case(name))
    }

    /// Whether the header has this column.
    pub fn has(&self, name: &str) -> bool {
        self.col(name).is_some()
    }

    /// The text after the header.
    pub fn data(&self) -> &[u8] {
        &self.text[self.data_start..]
    }

    /// The header, cleaned (trimmed, BOM removed).
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Calls `each` for every data row of the right width. Rows of another width are reported
    /// as skipped; a quote that never closes is reported and reading resumes on the next line.
    /// Returns what was seen: the data rows (skipped ones included) and the lines they stand on.
    pub fn rows(
        &self,
        diags: &mut Diagnostics,
        each: impl FnMut(Row<'_>, &mut Diagnostics),
    ) -> Seen {
        let whole =
            Chunk { start: 0, end: self.text.len() - self.data_start, line: self.data_line };
        self.rows_in(&whole, diags, each)
    }

    /// The data split into about `n` chunks of whole records, found by the parity of the
    /// quotes before each split point; `None` for a small file. A split that lands inside a
    /// field (possible only where a stray quote stands in an unquoted field) shows as rows of
    /// the wrong width, which is why callers read the chunks again as one when any reports a
    /// problem.
    pub fn chunks(&self, n: usize) -> Option<Vec<Chunk>> {
        self.split(n, CHUNKED_FROM)
    }

    /// [`Table::chunks`] for data of at least `min` bytes.
    pub fn split(&self, n: usize, min: usize) -> Option<Vec<Chunk>> {
        let data = &self.text[self.data_start..];
        if n < 2 || data.len() < min.max(1) {
            return None;
        }
        let size = data.len() / n;
        let count = |s: &[u8], b: u8| bytecount::count(s, b);
        let pieces: Vec<(usize, usize)> = (0..n)
            .map(|k| (k * size, if k + 1 == n { data.len() } else { (k + 1) * size }))
            .collect();
        let counts: Vec<(usize, usize)> = {
            use rayon::prelude::*;
            pieces
                .par_iter()
                .map(|&(a, b)| (count(&data[a..b], b'"'), count(&data[a..b], b'\n')))
                .collect()
        };
        let mut chunks = vec![Chunk { start: 0, end: data.len(), line: self.data_line }];
        let (mut quotes, mut lines) = (0, 0);
        for k in 1..n {
            quotes += counts[k - 1].0;
            lines += counts[k - 1].1;
            let from = pieces[k].0;
            let Some(last) = chunks.last() else { break };
            if from <= last.start {
                continue; // the previous boundary lies past this piece's start
            }
            let Some((at, newlines)) = record_end(&data[from..], quotes % 2 == 1) else {
                break;
            };
            let start = from + at + 1;
            if start >= data.len() {
                break;
            }
            let line = self.data_line + (lines + newlines) as u64;
            if let Some(prev) = chunks.last_mut() {
                prev.end = start;
            }
            chunks.push(Chunk { start, end: data.len(), line });
        }
        (chunks.len() > 1).then_some(chunks)
    }

    /// [`Table::rows`] over one chunk of the data.
    pub fn rows_in(
        &self,
        chunk: &Chunk,
        diags: &mut Diagnostics,
        each: impl FnMut(Row<'_>, &mut Diagnostics),
    ) -> Seen {
        self.rows_of(self.data(), chunk, diags, each)
    }

    /// [`Table::rows_in`] over `data`: this table's data or, while it is inflated, the part of
    /// it that has arrived ([`Table::stream`]).
    pub fn rows_of(
        &self,
        data: &[u8],
        chunk: &Chunk,
        diags: &mut Diagnostics,
        mut each: impl FnMut(Row<'_>, &mut Diagnostics),
    ) -> Seen {
        let data = &data[chunk.start..chunk.end];
        let (mut offset, mut lines_before) = (0, chunk.line - 1);
        let mut lines = Lines::default();
        // A runaway quote ends a pass; the next starts on the line after the row's own.
        while let Some((skip, line)) =
            self.read_pass(&data[offset..], lines_before, &mut lines, diags, &mut each)
        {
            offset += skip;
            lines_before = line;
        }
        lines.done(data)
    }

    /// Reads the rows of `slice`, whose first line follows `lines_before` lines, to its end,
    /// or up to a row whose quote runs on past its line: then returns where in `slice` to
    /// read on, and that row's line.
    fn read_pass(
        &self,
        slice: &[u8],
        lines_before: u64,
        lines: &mut Lines,
        diags: &mut Diagnostics,
        each: &mut impl FnMut(Row<'_>, &mut Diagnostics),
    ) -> Option<(usize, u64)> {
        let mut reader = reader(self.delimiter, slice);
        // Byte records: the text is UTF-8 already, and fields never used (CONTENT) are
        // never validated again.
        let mut record = ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.unreadable(&e, lines_before, lines, diags);
                    continue;
                }
            }
            let Some(pos) = record.position() else { continue };
            let line = start_line(slice, pos) + lines_before;
            if record.iter().all(|f| matches!(f.trim_ascii(), b"" | b"NA")) {
                continue; // a blank line, or one of empty cells
            }
            let span = Span::of(slice, pos, reader.position(), lines_before, self.delimiter);
            if !span.unclosed && (record.len() == self.header.len() || self.is_padding(&record)) {
                lines.row(line, span.last);
                self.keep(&record, line, diags, each);
            } else if !span.unclosed && span.last == line {
                // A record of the wrong width over several lines is a stray quote that closed
                // somewhere below: the lines it swallowed are rows of their own.
                lines.row(line, line);
                self.wrong_width(&record, line, diags);
            } else {
                lines.row(line, line);
                return self.runaway(slice, &record, line, &span, diags).map(|at| (at, line));
            }
        }
    }

    /// Reports a record the csv reader cannot read: a row on a line of its own.
    #[cold]
    fn unreadable(
        &self,
        e: &csv::Error,
        lines_before: u64,
        lines: &mut Lines,
        diags: &mut Diagnostics,
    ) {
        let line = e.position().map_or(0, |p| p.line()) + lines_before;
        diags.skip(&self.file, line, "unreadable row", format!("unreadable row: {e}"));
        lines.row(line, line);
    }

    /// Hands a row of the right width to `each`, unless a field of it is larger than any real
    /// one: then the row is reported as skipped.
    #[inline]
    fn keep(
        &self,
        record: &ByteRecord,
        line: u64,
        diags: &mut Diagnostics,
        each: &mut impl FnMut(Row<'_>, &mut Diagnostics),
    ) {
        if record.as_slice().len() > MAX_FIELD
            && let Some(msg) = self.giant_field(record)
        {
            diags.skip(&self.file, line, "giant field", msg);
            return;
        }
        each(Row { table: self, line, record }, diags);
    }

    /// What to say of a record holding a field larger than [`MAX_FIELD`], if it does.
    #[cold]
    fn giant_field(&self, record: &ByteRecord) -> Option<String> {
        let (col, field) = record.iter().enumerate().find(|(_, f)| f.len() > MAX_FIELD)?;
        let name = self.header.get(col).map_or("?", String::as_str);
        Some(format!(
            "field {name:?} holds {} bytes, more than any LinkedIn field ({MAX_FIELD} at most); the row is skipped",
            field.len()
        ))
    }

    /// Reports a row of one line and the wrong number of fields.
    #[cold]
    fn wrong_width(&self, record: &ByteRecord, line: u64, diags: &mut Diagnostics) {
        let msg = format!("row has {} fields, the header has {}", record.len(), self.header.len());
        diags.skip(&self.file, line, "wrong field count", msg);
    }

    /// Reports a row whose quote runs on past its line, and returns where in `slice` to read
    /// on so the rows the quote swallowed are not lost: the line after the row's own (`None`
    /// when there is none).
    #[cold]
    fn runaway(
        &self,
        slice: &[u8],
        record: &ByteRecord,
        line: u64,
        span: &Span,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let rest = &slice[span.start..if span.unclosed { slice.len() } else { span.end }];
        let widths = (!span.unclosed).then_some((record.len(), self.header.len()));
        diags.skip(&self.file, line, "unclosed quote", runaway_quote(line, rest, widths));
        // (From the row's own line: the csv crate may place it at blank lines before.)
        let own = span.start
            + slice[span.start..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        slice[own..].iter().position(|&b| b == b'\n').map(|nl| own + nl + 1)
    }

    /// Reads a file while it is inflated: the header from its first megabyte, then each run
    /// of about `step` bytes of whole records, once inflated, by `parse` on another thread;
    /// `join` gets each run's result in file order, on this thread, as soon as it and those
    /// before it are read. Returns the table (holding only that first megabyte until
    /// [`Table::with_text`] gives it the whole) and how many bytes of byte-order mark precede
    /// its text. `None` whenever reading the file whole could differ: a header not found in
    /// that first megabyte or reported on, text that is not UTF-8 (it will be transcoded).
    pub fn stream<P: Send>(
        file: &str,
        feed: &Feed,
        required: &[&str],
        step: usize,
        parse: impl Fn(&Table, &[u8], &Chunk) -> P + Sync,
        join: impl FnMut(P),
    ) -> Option<(Table, usize)> {
        let (table, bom) = Table::stream_head(file, feed, required)?;
        let data_at = bom + table.data_start;
        let mut order = InOrder { waiting: BTreeMap::new(), next: 0, utf8: true, join };
        rayon::in_place_scope(|scope| {
            let (send, results) = std::sync::mpsc::channel();
            let (mut start, mut lines, mut index) = (data_at, 0, 0);
            let mut want = start + step;
            loop {
                while let Ok(result) = results.try_recv() {
                    order.arrived(result);
                }
                let (bytes, done) = feed.wait(want);
                if start >= bytes.len() {
                    break;
                }
                let Some(end) = run_end(bytes, start, step, done) else {
                    want = bytes.len() + step;
                    continue;
                };
                let line = table.data_line + lines;
                let chunk = Chunk { start: start - data_at, end: end - data_at, line };
                lines += bytecount::count(&bytes[start..end], b'\n') as u64;
                let run = (&table, &bytes[data_at..end], chunk);
                spawn_run(scope, run, &parse, send.clone(), index);
                index += 1;
                start = end;
                want = start + step;
            }
            // Every run is sent; a run that panicked sends nothing, and the scope re-raises.
            drop(send);
            while let Ok(result) = results.recv() {
                order.arrived(result);
            }
        });
        order.complete().then_some((table, bom))
    }

    /// [`Table::stream`]'s table, from the first megabyte of a file being inflated, and the
    /// bytes of byte-order mark before its text; `None` when reading the file whole could
    /// differ (a header not found there or reported on, text that is not UTF-8).
    fn stream_head(file: &str, feed: &Feed, required: &[&str]) -> Option<(Table, usize)> {
        let (head, done) = feed.wait(HEAD);
        let done = done && head.len() <= HEAD;
        let head = &head[..head.len().min(HEAD)];
        let cut = if done { head.len() } else { head.iter().rposition(|&b| b == b'\n')? + 1 };
        let head = &head[..cut];
        let bom = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        if utf16(head).is_some() || std::str::from_utf8(&head[bom..]).is_err() {
            return None;
        }
        let mut found = Diagnostics::default();
        let table = Table::parse(file, head.to_vec(), required, &mut found).ok()?;
        // The header must end before the last line of the head, which may be cut short.
        if !found.items().is_empty() || bom + table.data_start >= head.len() && !done {
            return None;
        }
        Some((table, bom))
    }

    /// This table (from [`Table::stream`]) with the whole file, `skip` bytes of byte-order
    /// mark before its text.
    pub fn with_text(self, text: Vec<u8>, skip: usize) -> Table {
        let data_start = self.data_start + skip;
        Table { text: Bytes::Owned(text), data_start, ..self }
    }

    fn is_padding(&self, record: &ByteRecord) -> bool {
        record.len() > self.header.len()
            && record.iter().skip(self.header.len()).all(<[u8]>::is_empty)
    }
}

impl Row<'_> {
    /// The field of column `col` as written; empty when the file has no such column.
    pub fn raw(&self, col: Option<usize>) -> &str {
        // Fields of UTF-8 text split at ASCII delimiters are UTF-8.
        col.and_then(|c| self.record.get(c)).and_then(|f| std::str::from_utf8(f).ok()).unwrap_or("")
    }

    /// An identifier-like field (URL, e-mail, id, flag), trimmed, with a spreadsheet's `NA`
    /// read as empty. Names and text keep a literal `NA`.
    pub fn id(&self, col: Option<usize>) -> &str {
        match self.get(col) {
            "NA" => "",
            s => s,
        }
    }

    /// The length in bytes of a field, without reading it as text.
    pub fn len_of(&self, col: Option<usize>) -> usize {
        col.and_then(|c| self.record.get(c)).map_or(0, <[u8]>::len)
    }

    /// The field trimmed of surrounding white space.
    pub fn get(&self, col: Option<usize>) -> &str {
        self.raw(col).trim()
    }

    /// An identifier-like field ([`Row::id`]), or `None` when empty.
    pub fn opt(&self, col: Option<usize>) -> Option<String> {
        Some(self.id(col)).filter(|s| !s.is_empty()).map(str::to_string)
    }

    /// The file this row comes from.
    pub fn file(&self) -> &str {
        &self.table.file
    }
}

/// The results of the runs [`Table::stream`] reads on other threads, by index, waiting until
/// those before them are joined; a run that is not UTF-8 (`None`) ends the joining.
struct InOrder<P, J> {
    waiting: BTreeMap<usize, Option<P>>,
    /// The index of the next run to join.
    next: usize,
    /// No run so far was other than UTF-8.
    utf8: bool,
    join: J,
}

impl<P, J: FnMut(P)> InOrder<P, J> {
    /// Run `index` is read: it is joined, with the runs after it that wait, once those
    /// before it are.
    fn arrived(&mut self, (index, part): (usize, Option<P>)) {
        self.waiting.insert(index, part);
        while let Some(part) = self.waiting.remove(&self.next) {
            self.next += 1;
            match part {
                Some(part) if self.utf8 => (self.join)(part),
                _ => self.utf8 = false,
            }
        }
    }

    /// Every run was joined, all of them UTF-8.
    fn complete(&self) -> bool {
        self.utf8 && self.waiting.is_empty()
    }
}

/// Where the run of a file being inflated that starts at `start` ends in the `bytes` inflated
/// so far (all of them when `done`): past the first line end outside quotes `step` bytes on,
/// or at the end of the file; `None` while it lies beyond what has arrived.
fn run_end(bytes: &[u8], start: usize, step: usize, done: bool) -> Option<usize> {
    if done && bytes.len() <= start + step {
        return Some(bytes.len());
    }
    let from = start + step;
    let quoted = bytecount::count(&bytes[start..from], b'"') % 2 == 1;
    match record_end(&bytes[from..], quoted) {
        Some((at, _)) => Some(from + at + 1),
        None => done.then_some(bytes.len()),
    }
}

/// Parses one run of [`Table::stream`] — a table, its data up to the run's end, and the run —
/// on another thread of `scope`, and sends back the run's `index` and result: `None` when the
/// run is not UTF-8.
fn spawn_run<'s, P: Send + 's>(
    scope: &rayon::Scope<'s>,
    (table, data, chunk): (&'s Table, &'s [u8], Chunk),
    parse: &'s (impl Fn(&Table, &[u8], &Chunk) -> P + Sync),
    send: std::sync::mpsc::Sender<(usize, Option<P>)>,
    index: usize,
) {
    scope.spawn(move |_| {
        // Split at line ends, each run of UTF-8 is UTF-8 on its own.
        let text = &data[chunk.start..chunk.end];
        let part = std::str::from_utf8(text).is_ok().then(|| parse(table, data, &chunk));
        let _ = send.send((index, part));
    });
}

/// Whether the record `raw` (the file from a record's start to its end) leaves a quoted field
/// open: a quote opens a field only at its start, `""` inside one is a literal quote, and a
/// quote anywhere else is a literal character, as the csv crate reads them.
fn quote_left_open(raw: &[u8], delimiter: u8) -> bool {
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = raw.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' && bytes.next_if_eq(&&b'"').is_none() {
                quoted = false;
            }
            field_start = false;
        } else {
            quoted = b == b'"' && field_start;
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
    }
    quoted
}

/// Where the record under way ends in `bytes`, which start inside a quoted field when
/// `quoted` (an odd number of quotes before them): the first line end outside quotes, and how
/// many line ends `bytes` hold up to it, it included. Counting quotes is enough to tell, as a
/// quote inside a quoted field is doubled; only a stray quote in an unquoted field can
/// mislead it (see [`Table::chunks`]).
#[inline]
fn record_end(bytes: &[u8], mut quoted: bool) -> Option<(usize, usize)> {
    let mut newlines = 0;
    let at = bytes.iter().position(|&b| {
        if b == b'"' {
            quoted = !quoted;
        } else if b == b'\n' {
            newlines += 1;
            return !quoted;
        }
        false
    })?;
    Some((at, newlines))
}

/// What to say of a row whose quote runs on past its line: `rest` is the file from the row on
/// (to the end when the quote never closes, else to where it closes), `widths` the row's and
/// the header's number of fields when it does close.
fn runaway_quote(line: u64, rest: &[u8], widths: Option<(usize, usize)>) -> String {
    let last = line + rest.trim_ascii_end().iter().filter(|&&b| b == b'\n').count() as u64;
    let resumes = "the row is skipped and reading resumes on the next line";
    match widths {
        None if last == line => "a quote opened in this row never closes: the file ends first \
             (cut short?); the row is skipped"
            .to_string(),
        None => {
            format!("a quote opened in this row never closes (it runs to line {last}); {resumes}")
        }
        Some((row, header)) => format!(
            "a quote opened in this row runs on to line {last}, making a row of {row} fields \
             (the header has {header}); {resumes}"
        ),
    }
}

fn reader(delimiter: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
    ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes)
}

/// The line a record really starts on: the csv crate places a record that follows blank lines
/// at the first blank line.
fn start_line(bytes: &[u8], p: &csv::Position) -> u64 {
    let from = &bytes[(p.byte() as usize).min(bytes.len())..];
    let blank =
        from.iter().take_while(|&&b| b == b'\n' || b == b'\r').filter(|&&b| b == b'\n').count();
    p.line() + blank as u64
}

/// A header line found: its cells, the delimiter that splits it, where it stands and where
/// the data after it starts.
struct Header {
    cells: Vec<String>,
    delimiter: u8,
    /// Its 1-based line (blank lines before it skipped) and its first byte.
    line: u64,
    byte: u64,
    /// The byte and line just past it.
    data: csv::Position,
}

/// Looks for the header among the first records of `text` split at `delimiter`; each record
/// that is not the header may become `best`, the fullest line seen, for the error that names
/// what was found instead.
fn find_header(
    text: &[u8],
    delimiter: u8,
    required: &[&str],
    best: &mut Option<Vec<String>>,
) -> Option<Header> {
    let mut reader = reader(delimiter, text);
    let mut record = StringRecord::new();
    for _ in 0..HEADER_SEARCH {
        if !matches!(reader.read_record(&mut record), Ok(true)) {
            break;
        }
        let cells: Vec<String> = record.iter().map(clean_header).collect();
        if required.iter().all(|r| cells.iter().any(|c| c.eq_ignore_ascii_case(r))) {
            let line = record.position().map_or(1, |p| start_line(text, p));
            let byte = record.position().map_or(0, |p| p.byte());
            let data = reader.position().clone();
            return Some(Header { cells, delimiter, line, byte, data });
        }
        keep_fullest(best, cells);
    }
    None
}

/// Keeps `cells` as `best` when they hold more non-empty cells (the first of equals stays).
fn keep_fullest(best: &mut Option<Vec<String>>, cells: Vec<String>) {
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
    if best.as_deref().is_none_or(|b| filled(b) < filled(&cells)) {
        *best = Some(cells);
    }
}

/// Reports every header cell that repeats an earlier one: only the first is ever read.
fn report_duplicates(file: &str, line: u64, cells: &[String], diags: &mut Diagnostics) {
    for (i, cell) in cells.iter().enumerate() {
        let first = cells.iter().position(|c| c.eq_ignore_ascii_case(cell));
        if let Some(first) = first.filter(|&f| f < i && !cell.is_empty()) {
            let msg = format!(
                "column {cell:?} appears twice in the header (columns {} and {}); the first is read",
                first + 1,
                i + 1
            );
            diags.repair(file, line, "duplicated column", msg);
        }
    }
}

/// The error for a file whose header was not found: the columns missing from `found`, the
/// fullest line seen, and those it does hold.
fn missing_columns(file: &str, required: &[&str], found: Vec<String>) -> Error {
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !found.iter().any(|c| c.eq_ignore_ascii_case(r)))
        .map(|r| format!("{r:?}"))
        .collect();
    let found: Vec<String> =
        found.iter().filter(|c| !c.is_empty()).map(|c| format!("{c:?}")).collect();
    Error::MissingColumns {
        file: file.to_string(),
        missing: missing.join(", "),
        found: if found.is_empty() { "none (empty file?)".into() } else { found.join(", ") },
    }
}

fn clean_header(cell: &str) -> String {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').to_string()
}

fn header_fully_quoted(text: &[u8], start: u64) -> bool {
    let rest = &text[(start as usize).min(text.len())..];
    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let line = std::str::from_utf8(&rest[..end]).unwrap_or("").trim_end_matches('\r');
    line.starts_with('"') && line.trim_end().ends_with('"') && line.split("\",\"").count() > 1
}

/// Decodes a file to UTF-8: strips a UTF-8 BOM, transcodes UTF-16 (with a BOM, or
/// recognised by its zero bytes), and falls back to Windows-1252 with a warning.
pub fn decode(file: &str, bytes: Bytes, diags: &mut Diagnostics) -> (Bytes, Vec<String>) {
    let mut notes = Vec::new();
    if let Some(encoding) = utf16(&bytes) {
        notes.push(format!("{} encoded", encoding.name()));
        let (text, _, had_errors) = encoding.decode(&bytes);
        if had_errors {
            diags.repair(file, 0, "bad encoding", format!("invalid {} replaced", encoding.name()));
        }
        return (text.into_owned().into_bytes().into(), notes);
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        notes.push("UTF-8 BOM".into());
        bytes.skip(3);
    }
    if is_utf8(&bytes) {
        return (bytes, notes);
    }
    let at = std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to());
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    diags.repair(
        file,
        line,
        "not UTF-8",
        "not valid UTF-8 (first at this line); the file was read as Windows-1252".into(),
    );
    notes.push("Windows-1252".into());
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    (text.into_owned().into_bytes().into(), notes)
}

/// The UTF-16 a file is written in: by its byte-order mark, or by its zero bytes.
fn utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(encoding_rs::UTF_16BE)
    } else if bytes.len() >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0 {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.len() >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether `bytes` are UTF-8; a large file is checked in pieces on every thread, split where
/// a character starts.
fn is_utf8(bytes: &[u8]) -> bool {
    use rayon::prelude::*;
    let n = rayon::current_num_threads();
    if n < 2 || bytes.len() < CHUNKED_FROM {
        return std::str::from_utf8(bytes).is_ok();
    }
    let mut splits = vec![0];
    for k in 1..n {
        let mut at = bytes.len() / n * k;
        while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
            at += 1; // inside a character: move to where the next one starts
        }
        splits.push(at);
    }
    splits.push(bytes.len());
    splits.par_windows(2).all(|w| std::str::from_utf8(&bytes[w[0]..w[1]]).is_ok())
}
