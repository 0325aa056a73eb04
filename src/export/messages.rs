//! messages.csv in every era: the 2018 `Messages.csv` with Direction, the 2020 upper-case form,
//! the 9-column conversation form (2021), recipient URLs (Apr 2023), draft and attachment
//! columns (Dec 2024, Aug 2025), and the fully quoted form with real line breaks (Mar 2026).
//! Drafts, system rows, sponsored and `LinkedIn Member` rows are recognised here.

use foldhash::{HashMap, HashMapExt};

use jiff::Timestamp;
use serde::Serialize;

use super::FileReport;
use super::dates::{Zone, parse_time};
use super::stream::Feed;
use super::table::{Chunk, Row, Seen, Table};
use crate::diag::Diagnostics;
use crate::error::Result;

/// What a message row is, the first rule that applies winning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageClass {
    /// `IS MESSAGE DRAFT` = `Yes`: never sent.
    Draft,
    /// No sender at all: `Message request accepted`, `X left the conversation.`
    System,
    /// A `Sponsored Conversation` from an advertiser.
    Sponsored,
    /// From `LinkedIn Member`, a hidden person.
    LinkedinMember,
    /// A message between people.
    Person,
}

/// The direction a 2018/2020 file states; later files have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// The owner sent it.
    Outgoing,
    /// The owner received it.
    Incoming,
}

/// A string of messages.csv, interned: a million rows name a few thousand people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

impl Sym {
    /// The empty string.
    pub const EMPTY: Sym = Sym(0);
}

/// The distinct strings of a file, each stored once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    list: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
}

impl Default for Strings {
    fn default() -> Strings {
        let mut s = Strings { list: vec![], index: HashMap::new() };
        s.intern("");
        s
    }
}

impl Strings {
    /// The symbol of `text`, adding it when new.
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.index.get(text) {
            return sym;
        }
        let sym = Sym(self.list.len() as u32);
        self.list.push(text.into());
        self.index.insert(text.into(), sym);
        sym
    }

    /// The text of a symbol.
    pub fn get(&self, sym: Sym) -> &str {
        &self.list[sym.0 as usize]
    }

    /// How many distinct strings.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether only the empty string is held.
    pub fn is_empty(&self) -> bool {
        self.list.len() <= 1
    }
}

/// One row of messages.csv; its texts are in [`Messages::strings`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The line where the row starts.
    pub line: u64,
    /// Index into [`Messages::conversations`]; `None` without an id (2018, standalone drafts).
    pub conversation: Option<u32>,
    /// The sender's display name.
    pub from: Sym,
    /// The sender's profile URL as written; [`Sym::EMPTY`] when absent.
    pub sender_url: Sym,
    /// The recipients' display names as written (cannot be split reliably).
    pub to: Sym,
    /// The recipients' profile URLs (Apr 2023 →) as written, joined by `,`.
    pub recipient_urls: Sym,
    /// When it was sent.
    pub time: Timestamp,
    /// What kind of row it is.
    pub class: MessageClass,
    /// The direction, where the file states it (2018, 2020).
    pub direction: Option<Direction>,
    /// The FOLDER column (`INBOX`, `ARCHIVE`, `SPAM`, `SENT`, or empty).
    pub folder: Sym,
    /// The length of CONTENT in bytes (the text itself is not kept).
    pub content_len: u32,
}

/// A conversation: its opaque id and its title (set for groups, InMail, sponsored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    /// `2-<base64>==`.
    pub id: String,
    /// `CONVERSATION TITLE`, empty for plain 1:1 chats.
    pub title: String,
}

/// All rows of messages.csv.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Messages {
    /// The rows that were read, in file order.
    pub rows: Vec<Message>,
    /// The conversations they belong to.
    pub conversations: Vec<Conversation>,
    /// The names, URLs and folders the rows refer to.
    pub strings: Strings,
}

impl Messages {
    /// The text of a symbol.
    pub fn text(&self, sym: Sym) -> &str {
        self.strings.get(sym)
    }

    /// The sender's URL, when the row has one.
    pub fn sender_url(&self, m: &Message) -> Option<&str> {
        Some(self.text(m.sender_url)).filter(|u| !u.is_empty())
    }

    /// The recipients' profile URLs, split at `,`.
    pub fn recipient_urls(&self, m: &Message) -> impl Iterator<Item = &str> {
        split_urls(self.text(m.recipient_urls))
    }
}

/// The columns a messages file has, by name.
struct Columns {
    conversation: Option<usize>,
    title: Option<usize>,
    from: Option<usize>,
    sender: Option<usize>,
    to: Option<usize>,
    recipients: Option<usize>,
    date: Option<usize>,
    content: Option<usize>,
    folder: Option<usize>,
    direction: Option<usize>,
    draft: Option<usize>,
}

impl Columns {
    fn of(table: &Table) -> Columns {
        let c = |n: &str| table.col(n);
        Columns {
            conversation: c("CONVERSATION ID"),
            title: c("CONVERSATION TITLE"),
            from: c("FROM"),
            sender: c("SENDER PROFILE URL"),
            to: c("TO"),
            recipients: c("RECIPIENT PROFILE URLS"),
            date: c("DATE"),
            content: c("CONTENT"),
            folder: c("FOLDER"),
            direction: c("DIRECTION"),
            draft: c("IS MESSAGE DRAFT"),
        }
    }
}

/// Messages being read, with the conversations met so far by id.
#[derive(Default)]
struct Builder {
    out: Messages,
    ids: HashMap<String, u32>,
}

impl Builder {
    /// Adds one row, or reports why it is skipped.
    fn push(&mut self, c: &Columns, row: &Row<'_>, diags: &mut Diagnostics) {
        let date_text = row.get(c.date);
        let Some(time) = parse_time(date_text, Zone::Utc) else {
            let msg = format!("unreadable DATE {date_text:?}; the message is skipped");
            diags.skip(row.file(), row.line, "bad date", msg);
            return;
        };
        let id = row.id(c.conversation);
        let title = row.get(c.title);
        let conversation = (!id.is_empty()).then(|| match self.ids.get(id) {
            Some(&known) => known,
            None => {
                let next = self.out.conversations.len() as u32;
                self.out
                    .conversations
                    .push(Conversation { id: id.to_string(), title: title.to_string() });
                self.ids.insert(id.to_string(), next);
                next
            }
        });
        let from_name = row.get(c.from);
        let sender_url = row.id(c.sender);
        let class = if row.id(c.draft).eq_ignore_ascii_case("yes") {
            MessageClass::Draft
        } else if from_name.is_empty() && sender_url.is_empty() {
            MessageClass::System
        } else if title == "Sponsored Conversation" {
            MessageClass::Sponsored
        } else if from_name == "LinkedIn Member" && sender_url.is_empty() {
            MessageClass::LinkedinMember
        } else {
            MessageClass::Person
        };
        let direction = match row.get(c.direction) {
            d if d.eq_ignore_ascii_case("OUTGOING") => Some(Direction::Outgoing),
            d if d.eq_ignore_ascii_case("INCOMING") => Some(Direction::Incoming),
            _ => None,
        };
        let strings = &mut self.out.strings;
        self.out.rows.push(Message {
            line: row.line,
            conversation,
            from: strings.intern(from_name),
            sender_url: strings.intern(sender_url),
            to: strings.intern(row.get(c.to)),
            recipient_urls: strings.intern(row.id(c.recipients)),
            time,
            class,
            direction,
            folder: strings.intern(row.get(c.folder)),
            content_len: row.len_of(c.content).min(u32::MAX as usize) as u32,
        });
    }

    /// Appends the rows of a later chunk, its strings and conversations mapped onto ours.
    fn append(&mut self, later: Builder) {
        let strings: Vec<Sym> =
            later.out.strings.list.iter().map(|s| self.out.strings.intern(s)).collect();
        let conversations: Vec<u32> = later
            .out
            .conversations
            .into_iter()
            .map(|conv| match self.ids.get(&conv.id) {
                Some(&known) => known,
                None => {
                    let next = self.out.conversations.len() as u32;
                    self.ids.insert(conv.id.clone(), next);
                    self.out.conversations.push(conv);
                    next
                }
            })
            .collect();
        let sym = |s: Sym| strings[s.0 as usize];
        self.out.rows.extend(later.out.rows.into_iter().map(|m| Message {
            conversation: m.conversation.map(|c| conversations[c as usize]),
            from: sym(m.from),
            sender_url: sym(m.sender_url),
            to: sym(m.to),
            recipient_urls: sym(m.recipient_urls),
            folder: sym(m.folder),
            ..m
        }));
    }
}

/// Reads messages.csv (or the 2018 Messages.csv). A large file is read in chunks on every
/// thread; should any chunk meet a row it cannot read, the file is read again as one, so the
/// rows and what is reported are exactly those of a sequential read.
pub fn read(table: &Table, diags: &mut Diagnostics) -> Result<(Messages, FileReport)> {
    Ok(read_chunks(table, table.chunks(rayon::current_num_threads()), diags))
}

/// Reads the table in the given chunks (or as one), falling back to one sequential read when
/// any chunk meets a row it cannot read.
pub fn read_chunks(
    table: &Table,
    chunks: Option<Vec<Chunk>>,
    diags: &mut Diagnostics,
) -> (Messages, FileReport) {
    let parts = chunks.map(|chunks| {
        use rayon::prelude::*;
        let columns = Columns::of(table);
        let data = table.data();
        chunks.par_iter().map(|chunk| Part::read(table, &columns, data, chunk)).collect()
    });
    finish(table, parts, diags)
}

/// The header columns that a file read while inflated needs (see [`Streamed`]).
pub const REQUIRED: [&str; 2] = ["FROM", "DATE"];

/// messages.csv read while it was inflated ([`stream`]), to be finished with the whole file.
pub struct Streamed {
    table: Table,
    skip: usize,
    /// Every run joined; `None` when one met a row it could not read.
    read: Option<Part>,
}

/// Reads messages.csv while `feed` inflates it, each run of about `step` bytes on another
/// thread as soon as it is inflated, joined in order on this one while the rest arrives;
/// `None` when the file must be read whole instead (see [`Table::stream`]).
pub fn stream(file: &str, feed: &Feed, step: usize) -> Option<Streamed> {
    let columns = std::sync::OnceLock::new();
    let parse = |table: &Table, data: &[u8], chunk: &Chunk| {
        Part::read(table, columns.get_or_init(|| Columns::of(table)), data, chunk)
    };
    let (mut read, mut clean) = (None::<Part>, true);
    let join = |part: Part| {
        clean &= part.found.items().is_empty();
        match &mut read {
            _ if !clean => {}
            Some(whole) => {
                whole.builder.append(part.builder);
                whole.seen += part.seen;
            }
            None => read = Some(part),
        }
    };
    let (table, skip) = Table::stream(file, feed, &REQUIRED, step, parse, join)?;
    Some(Streamed { table, skip, read: read.filter(|_| clean) })
}

/// Finishes a read begun by [`stream`], given the whole file as inflated: the runs as joined,
/// or, if any met a row it could not read, the file read again as one.
pub fn finish_stream(
    streamed: Streamed,
    text: Vec<u8>,
    diags: &mut Diagnostics,
) -> (Messages, FileReport) {
    let Streamed { table, skip, read } = streamed;
    finish(&table.with_text(text, skip), read.map(|part| vec![part]), diags)
}

/// The messages of one chunk, with what it found wrong and how many rows it saw.
struct Part {
    builder: Builder,
    found: Diagnostics,
    seen: Seen,
}

impl Part {
    fn read(table: &Table, columns: &Columns, data: &[u8], chunk: &Chunk) -> Part {
        let (mut builder, mut found) = (Builder::default(), Diagnostics::default());
        let seen = table.rows_of(data, chunk, &mut found, |row, d| builder.push(columns, &row, d));
        Part { builder, found, seen }
    }
}

/// Joins the chunks read, in order, or reads the table as one when there are none or any
/// met a row it could not read.
fn finish(
    table: &Table,
    parts: Option<Vec<Part>>,
    diags: &mut Diagnostics,
) -> (Messages, FileReport) {
    let chunked = parts.filter(|parts| parts.iter().all(|p| p.found.items().is_empty()));
    let joined = chunked.and_then(|parts| {
        let mut parts = parts.into_iter();
        let Part { builder: mut whole, mut seen, .. } = parts.next()?;
        for part in parts {
            whole.append(part.builder);
            seen += part.seen;
        }
        Some((whole, seen))
    });
    let (builder, seen) = joined.unwrap_or_else(|| {
        let columns = Columns::of(table);
        let mut whole = Builder::default();
        let seen = table.rows(diags, |row, d| whole.push(&columns, &row, d));
        (whole, seen)
    });
    let out = builder.out;
    let report = FileReport::new(table, seen, out.rows.len() as u64, variant(table));
    (out, report)
}

fn split_urls(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|u| !u.is_empty())
}

fn variant(t: &Table) -> String {
    if t.has("DIRECTION") {
        return if t.header().iter().any(|h| h == "FROM") {
            "2020: upper-case header with DIRECTION".into()
        } else {
            "2018: Messages.csv with Direction and Folder".into()
        };
    }
    let mut v = if t.has("RECIPIENT PROFILE URLS") {
        format!("Apr 2023 →: {} columns with recipient URLs", t.header().len())
    } else {
        format!("2021 – early 2023: {} columns, no recipient URLs", t.header().len())
    };
    if t.has("ATTACHMENTS") {
        v.push_str(", attachments (Aug 2025 →)");
    }
    if t.has("IS MESSAGE DRAFT") {
        v.push_str(", drafts");
    }
    if t.fully_quoted {
        v.push_str(", every field quoted (Mar 2026 →)");
    }
    v
}
