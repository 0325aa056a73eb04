//! `messages.csv` and `coach_messages.csv`: each planned conversation becomes a chat (with a
//! connection, a group, or a stranger: InMail, sponsored, recruiters, message requests, drafts)
//! and is written newest row first, every field quoted, as LinkedIn writes them in 2026.

use std::io::{self, Write};

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{
    GROUP, INVITE, MEMBER, OUTREACH, PITCH, RECRUIT, REPLY, SPONSOR, SUBJECT, TITLE, WELCOME, fill,
    pick,
};
use super::plan::{Conv, Kind, plan};
use super::time::{DAY, YEAR, span, utc};
use super::world::{OWNER, OWNER_URL, Person, Rel, World};

/// The header of `messages.csv` as LinkedIn writes it since Aug 2025 (drafts included).
pub(super) const MESSAGE_COLUMNS: &str = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,\
    RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT";

/// The owner's questions to LinkedIn's AI coach and its answers.
const COACH: &str = "How can I make my headline stronger?|A strong headline says who you help \
    and how.\nTry: \"I help B2B founders find partners.\"|Which skills should I add?|Based on \
    your experience: Partnerships, Negotiation, Channel Sales.";
const INMAIL: &str = "<p>Hi %FIRSTNAME%,</p><p>I came across your profile and think you would \
    be a great fit for our {title} opening at {co}.</p>\n<p>Open to a short call this week?</p>\
    <p>Best,<br>{name}</p>";
const SPONSORED: &str = "<p>Hi %FIRSTNAME%, join our free webinar on AI in recruiting &amp; \
    sales.</p><p><a href=\"https://example.com/register?utm_source=linkedin\">Save my seat</a></p>";
const ATTACHMENT: &str = "https://www.linkedin.com/dms/prv/attachment/v2/D4E10AQ";
const FOLLOW_UP: &str = "Just bumping this up in case it got buried 🙂";

/// messages.csv: the planned conversations, most recent first, each newest row first.
pub(super) fn write_messages(
    out: &mut dyn Write,
    w: &World,
    m: usize,
    rng: &mut ChaCha8Rng,
) -> io::Result<()> {
    let convs = plan(w, m, rng);
    let mut csv = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(out);
    csv.write_record(MESSAGE_COLUMNS.split(','))?;
    for (n, c) in convs.iter().enumerate() {
        let mut chat = match c.kind {
            Kind::Direct(i) => direct_chat(w, rng, c, &w.people[i]),
            Kind::Group => group_chat(w, rng, c),
            _ => stranger_chat(w, rng, c),
        };
        if let (true, Some(last)) = (chat.draft, chat.msgs.last_mut()) {
            last.from = Some(0);
        }
        if !matches!(c.kind, Kind::Draft) {
            chat.id = conv_id(rng, n);
        }
        chat.write(&mut csv, rng)?;
    }
    csv.flush()
}

/// coach_messages.csv: chats with LinkedIn's AI coach, in the messages format but about no one.
pub(super) fn write_coach(out: &mut dyn Write, w: &World, rng: &mut ChaCha8Rng) -> io::Result<()> {
    let mut csv = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(out);
    csv.write_record(MESSAGE_COLUMNS.split(','))?;
    for n in 0..2 {
        let coach = Party { name: "LinkedIn Coach".into(), url: String::new() };
        let (mut chat, start) =
            (Chat::new(vec![coach], "INBOX", false), w.now - span(rng, DAY, YEAR));
        (chat.id, chat.title) = (conv_id(rng, 9000 + n), "Career coach".into());
        for (k, text) in COACH.split('|').enumerate() {
            chat.msgs.push(Msg { at: start + 40 * k as i64, from: Some(k % 2), text: text.into() });
        }
        chat.write(&mut csv, rng)?;
    }
    csv.flush()
}

/// `n` times in `from..=to`, oldest first, the last one `to`; `dense` crowds them towards `to`.
fn times(rng: &mut ChaCha8Rng, n: usize, from: i64, to: i64, dense: bool) -> Vec<i64> {
    let len = (to - from).max(1) as f64;
    let mut v: Vec<i64> = (1..n)
        .map(|_| {
            let u: f64 = rng.random();
            to - ((if dense { u * u } else { u }) * len) as i64
        })
        .collect();
    v.push(to);
    v.sort_unstable();
    v
}

/// Someone in a chat: a name and a profile URL (empty for sponsors and hidden members).
struct Party {
    name: String,
    url: String,
}

fn party(p: &Person) -> Party {
    Party { name: p.name.clone(), url: p.url() }
}

/// One message: `from` indexes the chat's parties (0 is the owner); `None` is a system row.
struct Msg {
    at: i64,
    from: Option<usize>,
    text: String,
}

/// A conversation ready to write, oldest message first.
struct Chat {
    /// Empty on standalone drafts.
    id: String,
    title: String,
    /// SUBJECT of the oldest row (InMail, standalone drafts).
    subject: String,
    folder: &'static str,
    parts: Vec<Party>,
    msgs: Vec<Msg>,
    /// The newest row is a draft.
    draft: bool,
}

impl Chat {
    fn new(mut parts: Vec<Party>, folder: &'static str, draft: bool) -> Chat {
        let (id, title, subject, msgs) = (String::new(), String::new(), String::new(), Vec::new());
        parts.insert(0, Party { name: OWNER.into(), url: OWNER_URL.into() });
        Chat { id, title, subject, folder, parts, msgs, draft }
    }

    /// Writes the chat's rows, newest first.
    fn write<W: Write>(&self, out: &mut csv::Writer<W>, rng: &mut ChaCha8Rng) -> io::Result<()> {
        let to: Vec<String> =
            (0..self.parts.len()).map(|s| others(&self.parts, s, false)).collect();
        let urls: Vec<String> =
            (0..self.parts.len()).map(|s| others(&self.parts, s, true)).collect();
        let newest = self.msgs.len().saturating_sub(1);
        for (k, m) in self.msgs.iter().enumerate().rev() {
            let (from, url, to, urls) = match m.from {
                Some(s) => (&*self.parts[s].name, &*self.parts[s].url, &*to[s], &*urls[s]),
                None => ("", "", "", ""),
            };
            let attachment = match m.from.is_some() && rng.random_bool(0.015) {
                true => format!("{ATTACHMENT}{:016x}/attachment.pdf", rng.random::<u64>()),
                false => String::new(),
            };
            let draft = if self.draft && k == newest { "Yes" } else { "No" };
            let subject = if k == 0 { &*self.subject } else { "" };
            let (id, title, date) = (&*self.id, &*self.title, utc(m.at, "%Y-%m-%d %H:%M:%S UTC")?);
            let row = [id, title, from, url, to, urls, &date, subject, &m.text, self.folder];
            out.write_record(row.into_iter().chain([&*attachment, draft]))?;
        }
        Ok(())
    }
}

fn folder(rng: &mut ChaCha8Rng, inbox: f64, archive: f64) -> &'static str {
    match rng.random::<f64>() {
        u if u < inbox => "INBOX",
        u if u < inbox + archive => "ARCHIVE",
        _ => "SPAM",
    }
}

fn direct_chat(w: &World, rng: &mut ChaCha8Rng, c: &Conv, p: &Person) -> Chat {
    let folder = match p.rel {
        Rel::Pitch => folder(rng, 0.7, 0.2),
        Rel::Dormant | Rel::Outreach => folder(rng, 0.7, 0.3),
        _ => folder(rng, 0.9, 0.1),
    };
    let mut ch = Chat::new(vec![party(p)], folder, c.draft);
    let (first, co) = (p.greeting_name(), p.company);
    for (k, at) in times(rng, c.len, c.from, c.to, p.rel == Rel::Close).into_iter().enumerate() {
        let (who, text) = match (p.rel, k) {
            (Rel::Outreach, 0) => (0, fill(rng, OUTREACH, first, co)),
            (Rel::Outreach, _) => (0, FOLLOW_UP.to_string()),
            (Rel::Pitch, 0) => (1, fill(rng, PITCH, first, co)),
            (Rel::Pitch, _) => (1, format!("Following up on my note below, Owen. {FOLLOW_UP}")),
            (Rel::Welcome, 0) => (0, fill(rng, WELCOME, first, co)),
            (Rel::Welcome, 1) => (1, fill(rng, REPLY, first, co)),
            (Rel::Welcome, k) => (k % 2, w.chat(rng)),
            _ => (rng.random_range(0..2), w.chat(rng)),
        };
        ch.msgs.push(Msg { at, from: Some(who), text });
    }
    // Strong ties are two-way among the messages actually sent.
    let sent = &mut ch.msgs[..c.len - usize::from(c.draft)];
    if c.weight > 0 && sent.len() >= 2 && sent.iter().all(|m| m.from == sent[0].from) {
        sent[0].from = Some(usize::from(sent[0].from == Some(0)));
    }
    ch
}

fn group_chat(w: &World, rng: &mut ChaCha8Rng, c: &Conv) -> Chat {
    let (others, mut parts) = (rng.random_range(2..8), Vec::<Party>::new());
    for _ in 0..others * 3 {
        let p = w.someone(rng);
        if parts.len() < others && !parts.iter().any(|q| q.url == p.url()) {
            parts.push(party(p));
        }
    }
    if parts.len() < 2 || (parts.len() < 7 && rng.random_bool(0.2)) {
        parts.push(party(w.stranger(rng)));
    }
    let mut ch = Chat::new(parts, folder(rng, 0.85, 0.15), c.draft);
    ch.title = pick(rng, GROUP).to_string();
    let left = if c.len >= 4 && rng.random_bool(0.25) { rng.random_range(1..c.len - 1) } else { 0 };
    for (k, at) in times(rng, c.len, c.from, c.to, false).into_iter().enumerate() {
        let who = rng.random_range(0..ch.parts.len());
        ch.msgs.push(if k == left && k > 0 {
            let gone = &ch.parts[rng.random_range(1..ch.parts.len())].name;
            Msg { at, from: None, text: format!("{gone} left the conversation.") }
        } else {
            Msg { at, from: Some(who), text: w.chat(rng) }
        });
    }
    ch
}

/// InMail, sponsored, hidden-member, recruiter, message-request and standalone-draft chats.
fn stranger_chat(w: &World, rng: &mut ChaCha8Rng, c: &Conv) -> Chat {
    let s = w.stranger(rng);
    let mut ch = Chat::new(vec![party(s)], "INBOX", matches!(c.kind, Kind::Draft));
    match c.kind {
        Kind::InMail => ch.title = fill(rng, SUBJECT, "", s.company),
        Kind::Sponsored => {
            ch.title = "Sponsored Conversation".into();
            ch.parts[1] = Party { name: pick(rng, SPONSOR).into(), url: String::new() };
        }
        Kind::Member => ch.parts[1] = Party { name: "LinkedIn Member".into(), url: String::new() },
        Kind::Request => ch.folder = "",
        Kind::Draft => {
            (ch.folder, ch.subject) = ("", "Let's connect!".into());
            ch.parts.truncate(1);
        }
        _ => {}
    }
    if let Kind::InMail = c.kind {
        ch.subject = ch.title.clone();
    }
    for (k, at) in times(rng, c.len, c.from, c.to, false).into_iter().enumerate() {
        let (from, text) = match (c.kind, k) {
            (Kind::InMail, 0) => (Some(1), inmail(rng, s)),
            (Kind::Sponsored, _) => (Some(1), SPONSORED.to_string()),
            (Kind::Member, 0) => (Some(1), pick(rng, MEMBER).to_string()),
            (Kind::Recruiter | Kind::Request, 0) => (Some(1), fill(rng, RECRUIT, "", s.company)),
            (Kind::Recruiter, 1) => (None, "Message request accepted".to_string()),
            (Kind::Request, _) => (Some(1), FOLLOW_UP.to_string()),
            (Kind::Draft, _) => (Some(0), fill(rng, INVITE, "there", "")),
            (Kind::Recruiter, k) => (Some(k % 2), w.chat(rng)),
            (_, k) => (Some(1 - k % 2), w.chat(rng)),
        };
        ch.msgs.push(Msg { at, from, text });
    }
    ch
}

fn inmail(rng: &mut ChaCha8Rng, s: &Person) -> String {
    let co = if s.company.is_empty() { "our client" } else { s.company };
    INMAIL.replace("{title}", pick(rng, TITLE)).replace("{co}", co).replace("{name}", &s.name)
}

/// The other parties' names or URLs, joined by `,` without spaces, as LinkedIn writes them.
fn others(parts: &[Party], sender: usize, urls: bool) -> String {
    let field = |p: &Party| if urls { p.url.clone() } else { p.name.clone() };
    let all = parts.iter().enumerate().filter(|&(i, p)| i != sender && !field(p).is_empty());
    all.map(|(_, p)| field(p)).collect::<Vec<_>>().join(",")
}

/// `2-` and a base64 string ending in `==`, as opaque as LinkedIn's.
fn conv_id(rng: &mut ChaCha8Rng, n: usize) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let raw = format!("{:016x}{:016x}_{:04}", rng.random::<u64>(), rng.random::<u64>(), n % 10_000);
    let mut s = String::from("2-");
    for chunk in raw.as_bytes().chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let v = b(0) << 16 | b(1) << 8 | b(2);
        for i in 0..4 {
            let c = char::from(B64[(v >> (18 - 6 * i) & 63) as usize]);
            s.push(if i > chunk.len() { '=' } else { c });
        }
    }
    s
}
