//! messages.csv in every era: the 2018 `Messages.csv` with Direction, the 2020 upper-case form,
//! the 9-column conversation form (2021), recipient URLs (Apr 2023), draft and attachment
//! columns (Dec 2024, Aug 2025), and the fully quoted form with real line breaks (Mar 2026).
//! Drafts, system rows, sponsored and `LinkedIn Member` rows are recognised here.

use foldhash::{HashMap, HashMapExt};

use jiff::Timestamp;
use serde::Serialize;

use super::FileReport;
use super::dates::{Zone, parse_time};
use super::table::Table;
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

/// Reads messages.csv (or the 2018 Messages.csv).
pub fn read(table: &Table, diags: &mut Diagnostics) -> Result<(Messages, FileReport)> {
    let c = |n: &str| table.col(n);
    let (conv_col, title_col, from, sender, to, recips) = (
        c("CONVERSATION ID"),
        c("CONVERSATION TITLE"),
        c("FROM"),
        c("SENDER PROFILE URL"),
        c("TO"),
        c("RECIPIENT PROFILE URLS"),
    );
    let (date, content, folder, direction, draft) =
        (c("DATE"), c("CONTENT"), c("FOLDER"), c("DIRECTION"), c("IS MESSAGE DRAFT"));
    let mut out = Messages::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let rows = table.rows(diags, |row, diags| {
        let date_text = row.get(date);
        let Some(time) = parse_time(date_text, Zone::Utc) else {
            let msg = format!("unreadable DATE {date_text:?}; the message is skipped");
            diags.skip(row.file(), row.line, "bad date", msg);
            return;
        };
        let id = row.id(conv_col);
        let title = row.get(title_col);
        let conversation = (!id.is_empty()).then(|| {
            let next = out.conversations.len() as u32;
            *ids.entry(id.to_string()).or_insert_with(|| {
                out.conversations
                    .push(Conversation { id: id.to_string(), title: title.to_string() });
                next
            })
        });
        let from_name = row.get(from);
        let sender_url = row.id(sender);
        let class = if row.id(draft).eq_ignore_ascii_case("yes") {
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
        let direction = match row.get(direction) {
            d if d.eq_ignore_ascii_case("OUTGOING") => Some(Direction::Outgoing),
            d if d.eq_ignore_ascii_case("INCOMING") => Some(Direction::Incoming),
            _ => None,
        };
        out.rows.push(Message {
            line: row.line,
            conversation,
            from: out.strings.intern(from_name),
            sender_url: out.strings.intern(sender_url),
            to: out.strings.intern(row.get(to)),
            recipient_urls: out.strings.intern(row.id(recips)),
            time,
            class,
            direction,
            folder: out.strings.intern(row.get(folder)),
            content_len: row.len_of(content).min(u32::MAX as usize) as u32,
        });
    });
    let report = FileReport::new(table, rows, out.rows.len() as u64, variant(table));
    Ok((out, report))
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
