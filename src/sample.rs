//! A deterministic synthetic LinkedIn data export, for tests, benchmarks and demos.
//!
//! [`write_sample`] writes what LinkedIn delivers in 2026, a zip or a folder named
//! `Complete_LinkedInDataExport_MM-DD-YYYY`: `Connections.csv`, `messages.csv` (Mar 2026 form:
//! every field quoted, real line breaks), `Invitations.csv`, endorsements, recommendations,
//! `Profile.csv`, `Positions.csv` and `coach_messages.csv`; beside it, a `notes.csv` in netsift's
//! notes format. The byte-level quirks follow `linkedin-export-format.md`: the Connections
//! preamble and missing final newline, hidden members, names with commas, quotes, emoji and
//! decorative letters, slugs percent-encoded in Connections only, group chats, InMail, sponsored
//! and system rows, drafts, unanswered message requests.
//!
//! Every connection draws a latent relationship class (`Rel`) that shapes its messages,
//! invitations, endorsements and notes, so that what netsift infers can be checked against how
//! the data was made. The output depends on the [`SampleSpec`] only: one ChaCha8 stream per file,
//! no clock, no hash-map iteration, fixed zip entry times.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleSpec {
    /// Rows of `Connections.csv`, hidden members included.
    pub connections: usize,
    /// Rows of `messages.csv`, exactly.
    pub messages: usize,
    /// The same spec gives byte-identical output.
    pub seed: u64,
    /// Write one `.zip` instead of a folder.
    pub zip: bool,
    /// Names the export; every date in it is older.
    pub export_date: Date,
}

/// Where the sample went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleOutput {
    /// The export: `Complete_LinkedInDataExport_MM-DD-YYYY.zip` or the folder of that name.
    pub export: PathBuf,
    /// `notes.csv`, beside the export.
    pub notes: PathBuf,
    /// Uncompressed CSV bytes written, `notes.csv` included.
    pub bytes: u64,
}

const OWNER: &str = "Owen Owner";
const OWNER_URL: &str = "https://www.linkedin.com/in/owen-owner";
/// Connections' URLs percent-encode everything but ASCII letters, digits and `-`.
const SLUG: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-');
const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;
const MONTHS: &str = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
const MESSAGE_COLUMNS: &str = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,\
    RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT";
const PREAMBLE: &str = "Notes:\n\"When exporting your connection data, you may notice that some \
    of the email addresses are missing. You will only see email addresses for connections who \
    have allowed their connections to see or download them. Learn more about this here \
    https://www.linkedin.com/help/linkedin/answer/261\"\n\n";
const PROFILE: &str = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,\
    Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\nOwen,Owner,,,,\
    \"Head of Partnerships at Examplify | Networks, not lists\",\"I connect founders, investors \
    and operators.\nAsk me about partnerships, hiring, or sourdough.\",Software Development,,\
    San Francisco Bay Area,[owenowner],,\n";
const POSITIONS: &str = "Company Name,Title,Description,Location,Started On,Finished On\n\
    Examplify,Head of Partnerships,\"Alliances and channel sales, EMEA and US\",\"San Francisco, \
    California\",Mar 2021,\n\"Globex, Inc.\",Business Development Manager,,\"Berlin, Germany\",\
    Jun 2016,Feb 2021\nInitech,Sales Associate,,\"Austin, Texas\",Sep 2012,May 2016\n";
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

// Phrase lists, `|`-separated; `{first}`, `{co}` and `{event}` are filled in by `fill`.
const FIRST: &str = "Anna|Ben|Chloé|Dmitri|Élodie|Farah|Gustavo|Hana|Inès|Jonas|Kai|Léa|Mateo|\
    Noor|Olga|Priya|Quentin|Rafael|Sofía|Tomás|Uma|Viktor|Wen|Ximena|Yusuf|Zoë|Łukasz|Søren|\
    Jürgen|Mei|Oluwaseun|Siobhán|Björn|Çağla|Marie-Claire|Aarav|Emma|Liam|Noah|Grace|Nhat";
const LAST: &str = "Smith|Müller|Božić|Ñúñez|García|Nguyen|O'Brien|Kowalski|Nakamura|Okafor|\
    Andersson|Dubois|Rossi|Şahin|Yates|Patel|Kim|Johansson|Lefèvre|Novák|Dvořák|van der Berg|\
    Fernández|Ólafsson|Schröder|Ivanova|Chen|Murphy|Haddad|Costa|Weiß|Gonçalves|Lindqvist|Brown";
const COMPANY: &str = "Acme Corp|Globex, Inc.|Initech|Smith + Co|Umbrella Health|\
    Stark & Wayne, LLP|Nordwind GmbH|Hooli|Vandelay Industries|Müller & Söhne AG|Some University|\
    Blue Harbor Ventures|Pied Piper|Wonka Labs|Self-employed|Soylent, Ltd.|Example Bank, N.A.";
const TITLE: &str = "Software Engineer|Senior Product Manager|Associate Director, Career Services|\
    Recruiter|Founder & CEO|VP, Sales|Data Scientist|Talent Partner, EMEA|Account Executive|\
    UX Designer|Head of People|Consultant|Student|Professor, Economics|CFO|Engineering Manager|\
    Marketing Lead, DACH|Tax Intern|Staff Engineer|Partner";
const CHAT: &str = "Thanks so much!|Sounds good, talk soon.|Are you free for a call on Thursday?|\
    Great catching up today.|Happy to help, send it over.|Congrats on the new role!|\
    Let me check and get back to you.|I'll be in town next week, coffee?|\
    That deck looks great, a few small comments.|Does 3\u{202f}PM work for you?|Haha, fair enough|\
    Can you introduce me to someone at Globex?|Here's the link: https://example.com/notes|\
    Thanks for the intro, we're meeting Friday.|How did the interview go?|Sending good vibes 🙏|\
    Let's sync after the holidays.|Just landed, will call you later.|Any news on this?|\
    Absolutely, count me in.|Nice to hear from you!|Merci\u{a0}!|Yes!|No worries at all.|\
    See you at the meetup 🎉|I owe you one.|Totally agree, the market is wild right now.|\
    Happy birthday! 🎂|Can we move it to Monday?|Budget is 10\u{202f}000, not more.";
const OUTREACH: &str = "Hi {first}, I enjoyed your post about hiring at {co}. Would you be \
    open to a 20-minute chat?|Hello {first}! I'm exploring a move into your field and would \
    value your view, even briefly.|Hi {first}, we met briefly at {event}. Could I ask you two \
    quick questions about {co}?|Hi {first},\nI'm putting together a panel on remote teams. \
    Would you like to join?";
const PITCH: &str = "Hi Owen! We help teams like yours cut cloud spend by 30%. Worth a call?|\
    Owen, are you the right person to talk to about lead generation?|Hi Owen, our AI assistant \
    books 20+ meetings a month for founders. Demo this week?|Quick question, Owen: who handles \
    HR software on your side?";
const WELCOME: &str = "Thanks for connecting, {first}! Great to meet you at {event}.|\
    Hi {first}, glad we're connected. What are you focused on these days?|\
    Welcome, {first}! If I can ever help with anything at {co}, just ask.|\
    Good to connect, {first}. Let's grab a coffee when you're around.";
const REPLY: &str = "Thanks Owen, likewise!|Great to connect, Owen. Coffee sounds good.|\
    Thank you! Let's stay in touch.|Hi Owen, thanks for reaching out 🙂";
const RECRUIT: &str = "Hi Owen, I'm hiring a Staff Engineer at {co}, remote-friendly. Open to a \
    chat?|Hello Owen,\nyour background looks like a great fit for a leadership role with a \
    client.\nAre you open to new opportunities?|Hi Owen! Would you consider a move this year?";
const MEMBER: &str = "Hello, I would like to discuss a business proposal with you.|\
    Hi, are you still working in this field?|Dear Sir/Madam, kindly review the attached offer.";
const GROUP: &str = "Sweden Meetup|Product Guild|Class of 2012|Founders, Berlin|Hiring Friends|\
    Book Club 📚|Q3 Offsite|Alumni – Data Track";
const SPONSOR: &str = "Examplify Cloud|Learnly|Fintech Weekly|Globex, Inc.|Nordwind GmbH";
const SKILL: &str = "Leadership|Python|Product Management|Public Speaking|Recruiting|SQL|\
    Negotiation|Machine Learning|Team Building|Project Management|Strategy|Sales|Rust|Coaching";
const INVITE: &str = "Hi {first}, great meeting you at {event}, let's stay in touch!|\
    Let's connect!|Loved your talk on hiring, would be great to connect.|\
    Hi {first},\nwe have many friends in common. Happy to connect!";
const EVENT: &str = "the Berlin summit|RustConf|the alumni dinner|SaaStr|the product meetup";
const PRAISE: &str = "{first} is one of the most thoughtful people I have worked with. At {co}, \
    {first} rebuilt our hiring process, calmly and with humour.\n\nHighly recommended.|\
    I managed {first} for two years. Sharp, kind, and always the first to help a colleague.|\
    Working with {first} on the {co} launch was a pleasure: clear, fast, honest.";
const SUBJECT: &str =
    "Opportunity at {co}|Your experience caught my eye|Confidential: Head of Sales";
const NOTE: &str = "Coffee near the office, talked about the move into product, promised two \
    contacts|Long call about fundraising, pricing and the board, very helpful|Dinner after the \
    conference, with the whole team|Reviewed the CV, sent comments on structure, tone and the \
    summary|Asked for advice on a salary negotiation, 45 minutes|Quarterly catch-up: kids, \
    travel, work|Shared the market report, got thoughts back";
const KIND: &str = "call|call|meeting|meeting|message|email|event|referral|intro|intro|help|other";

/// A random entry of a `|`-separated list.
fn pick(rng: &mut ChaCha8Rng, list: &'static str) -> &'static str {
    let n = list.split('|').count();
    list.split('|').nth(rng.random_range(0..n)).unwrap_or_default()
}

/// A phrase with `{first}`, `{co}` and `{event}` filled in.
fn fill(rng: &mut ChaCha8Rng, list: &'static str, first: &str, co: &str) -> String {
    let (text, event) = (pick(rng, list), pick(rng, EVENT));
    let co = if co.is_empty() { "your company" } else { co };
    text.replace("{first}", first).replace("{co}", co).replace("{event}", event)
}

/// The owner's latent relationship with a connection: `Close` (frequent, two-way, recent),
/// `Active` (two-way within the year), `Dormant` (strong, stopped 1.5–5 years ago), `Outreach`
/// (the owner wrote, no answer), `Pitch` (they wrote, never answered), `Welcome` (a personal
/// welcome within two weeks of connecting, answered one time in four), `None` (nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    Close,
    Active,
    Dormant,
    Outreach,
    Pitch,
    Welcome,
    None,
}

/// A connection (or, in `World::strangers`, someone who is not one).
struct Person {
    first: String,
    last: String,
    /// The display name in messages and invitations; unique unless made a duplicate on purpose.
    name: String,
    /// Lower-case, raw UTF-8.
    slug: String,
    company: &'static str,
    position: &'static str,
    email: String,
    /// Connected On, in days since 1970-01-01.
    day: i64,
    rel: Rel,
    /// When the relationship happened, Unix seconds: its messages and notes fall inside.
    from: i64,
    to: i64,
    hidden: bool,
}

impl Person {
    fn url(&self) -> String {
        format!("https://www.linkedin.com/in/{}", self.slug)
    }

    fn connections_url(&self) -> String {
        format!("https://www.linkedin.com/in/{}", utf8_percent_encode(&self.slug, SLUG))
    }

    fn greeting_name(&self) -> &str {
        self.first.split_whitespace().next().unwrap_or_default()
    }

    fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// Everything the files are written from.
struct World {
    people: Vec<Person>,
    strangers: Vec<Person>,
    /// Indexes of close, active and dormant connections, and of all that are not hidden.
    strong: Vec<usize>,
    visible: Vec<usize>,
    /// The chat phrases, split once: they fill most of messages.csv.
    chat: Vec<&'static str>,
    /// The export date, 00:00 UTC: every timestamp is earlier.
    now: i64,
}

impl World {
    fn new(spec: &SampleSpec) -> World {
        let (mut rng, mut taken) = (rng(spec.seed, 1), HashSet::new());
        let d = spec.export_date;
        let today = days_from_civil(d.year().into(), d.month().into(), d.day().into());
        let mut people: Vec<Person> =
            (0..spec.connections).map(|i| connection(&mut rng, &mut taken, i, today)).collect();
        duplicate_names(&mut rng, &mut people, &mut taken);
        let strangers =
            (0..20 + spec.messages / 200).map(|_| person(&mut rng, &mut taken)).collect();
        let strong = (0..people.len())
            .filter(|&i| matches!(people[i].rel, Rel::Close | Rel::Active | Rel::Dormant))
            .collect();
        let visible = (0..people.len()).filter(|&i| !people[i].hidden).collect();
        let chat = CHAT.split('|').collect();
        World { people, strangers, strong, visible, chat, now: today * DAY }
    }

    /// One to three chat sentences, joined by spaces or real line breaks.
    fn chat(&self, rng: &mut ChaCha8Rng) -> String {
        let mut s = String::from(*self.chat.choose(rng).unwrap_or(&""));
        for _ in 0..rng.random_range(0..3) {
            s.push_str(["\n", "\n\n", " ", " ", " "][rng.random_range(0..5)]);
            s.push_str(self.chat.choose(rng).unwrap_or(&""));
        }
        if rng.random_bool(0.03) {
            s.push_str(" 👍");
        }
        s
    }

    /// Someone to add to a group chat: mostly a strong tie, else any connection or a stranger.
    fn someone(&self, rng: &mut ChaCha8Rng) -> &Person {
        let strong = rng.random_bool(0.6) && !self.strong.is_empty();
        match (if strong { &self.strong } else { &self.visible }).choose(rng) {
            Some(&i) => &self.people[i],
            None => self.stranger(rng),
        }
    }

    fn stranger(&self, rng: &mut ChaCha8Rng) -> &Person {
        &self.strangers[rng.random_range(0..self.strangers.len())]
    }
}

/// One ChaCha8 stream per file, so that changing one count leaves the other files alone.
fn rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(stream);
    r
}

/// A value in `lo..hi`, or `lo` when that range is empty.
fn span(rng: &mut ChaCha8Rng, lo: i64, hi: i64) -> i64 {
    if hi > lo { rng.random_range(lo..hi) } else { lo }
}

/// A value in `0..max`, denser near 0 (recent, when subtracted from now).
fn recent(rng: &mut ChaCha8Rng, max: i64) -> i64 {
    let u: f64 = rng.random();
    (max as f64 * u * u) as i64
}

/// `(from, to)` with `from <= to < now`; a `to` in the future is drawn again before `now`.
fn clamp(rng: &mut ChaCha8Rng, from: i64, to: i64, now: i64) -> (i64, i64) {
    let to = if to < now { to } else { span(rng, from.min(now - 1), now) };
    (from.min(to), to)
}

// ---------------------------------------------------------------------------------------------
// People

/// A connection: a person, a connection date (denser recently), a class and its time span.
fn connection(rng: &mut ChaCha8Rng, taken: &mut HashSet<String>, i: usize, today: i64) -> Person {
    let (u, max_back): (f64, i64) = (rng.random(), (today - days_from_civil(2010, 1, 1)).max(30));
    let back =
        if i < 3 { span(rng, 1, 15) } else { 1 + ((max_back - 1) as f64 * u * u.sqrt()) as i64 };
    let mut p = person(rng, taken);
    p.day = today - back;
    if rng.random_bool(0.015) {
        p.hidden = true;
        return p;
    }
    let young = back < 12 * 365;
    p.rel = match rng.random_range(0..100) {
        0..2 => Rel::Close,
        2..8 => Rel::Active,
        8..16 if back >= 800 => Rel::Dormant,
        8..16 => Rel::Active,
        16..23 if young => Rel::Outreach,
        23..30 if young => Rel::Pitch,
        30..36 if young => Rel::Welcome,
        _ => Rel::None,
    };
    let connected = p.day * DAY + span(rng, 6 * 3600, 22 * 3600);
    (p.from, p.to) = window(rng, p.rel, connected, today * DAY);
    p
}

/// When a relationship of class `rel`, connected at `c`, happened.
fn window(rng: &mut ChaCha8Rng, rel: Rel, c: i64, now: i64) -> (i64, i64) {
    let age = now - c;
    let (from, to) = match rel {
        Rel::Close => (c.max(now - 10 * YEAR), now - span(rng, 0, age.min(20 * DAY))),
        Rel::Active => {
            (c.max(now - span(rng, YEAR, 6 * YEAR)), now - span(rng, 0, age.min(330 * DAY)))
        }
        Rel::Dormant => {
            let to = now - span(rng, 548 * DAY, (1826 * DAY).min(age - 60 * DAY));
            (c.max(to - span(rng, 180 * DAY, 4 * YEAR)), to)
        }
        Rel::Outreach | Rel::Pitch => {
            let from = c + span(rng, 0, age.min(YEAR));
            (from, from + span(rng, 2 * DAY, 30 * DAY))
        }
        Rel::Welcome => {
            let from = c + span(rng, 3600, 14 * DAY);
            (from, from + span(rng, 3600, 5 * DAY))
        }
        Rel::None => (c, c),
    };
    clamp(rng, from, to, now)
}

/// A fresh person with a unique display name, sometimes decorated as real exports are, and a
/// unique slug. `taken` holds display names and slugs (they never clash: names hold a space).
fn person(rng: &mut ChaCha8Rng, taken: &mut HashSet<String>) -> Person {
    let mut tries = 0;
    let (first, last, base) = loop {
        let (mut f, mut l) = (pick(rng, FIRST).to_string(), pick(rng, LAST).to_string());
        if tries > 0 {
            f = format!("{f} {}.", char::from(b'A' + rng.random_range(0..26)));
            l = if rng.random_bool(0.5) { format!("{l}-{}", pick(rng, LAST)) } else { l };
        }
        let (first, last) = decorate(rng, &f, &l);
        if taken.insert(format!("{} {}", first.trim(), last.trim())) {
            break (first, last, format!("{f} {l}"));
        }
        tries += 1;
    };
    let email = match rng.random_bool(0.03) {
        true => format!("urn:li:member:{}", rng.random_range(100_000..999_999_999)),
        false => String::new(),
    };
    Person {
        name: format!("{} {}", first.trim(), last.trim()),
        first,
        last,
        slug: unique_slug(rng, &base, taken, false),
        company: if rng.random_bool(0.97) { pick(rng, COMPANY) } else { "" },
        position: pick(rng, TITLE),
        email,
        day: 0,
        rel: Rel::None,
        from: 0,
        to: 0,
        hidden: false,
    }
}

/// Trailing spaces, credentials, nicknames in quotes, emoji, decorative letters, `\u{a0}`.
fn decorate(rng: &mut ChaCha8Rng, f: &str, l: &str) -> (String, String) {
    let k = rng.random_range(0..1000);
    let (f, l) = (f.to_string(), l.to_string());
    match k {
        0..35 => (f, format!("{l} ")),
        35..65 => (f, format!("{l}, {}", ["SPHR", "MBA", "PhD", "CPA, CFA"][k % 4])),
        65..75 => (format!("{f} \"{}\"", ["Vy", "Bo", "Sam"][k % 3]), l),
        75..85 => (f, format!("{l} {}", ["🚀", "🌱", "✨"][k % 3])),
        85..90 => (["𝓩𝓪𝓻𝓪", "𝔐𝔞𝔯𝔦𝔬", "𝐀𝐥𝐞𝐱"][k % 3].to_string(), l),
        90..95 => (format!("{f}\u{a0}{}", pick(rng, FIRST)), l),
        _ => (f, l),
    }
}

/// Gives a few people the full name of another one (a different person, a different URL).
fn duplicate_names(rng: &mut ChaCha8Rng, people: &mut [Person], taken: &mut HashSet<String>) {
    let visible: Vec<usize> = (0..people.len()).filter(|&i| !people[i].hidden).collect();
    let count = if visible.len() >= 50 { visible.len() / 300 + 1 } else { 0 };
    for _ in 0..count {
        let (Some(&a), Some(&b)) = (visible.choose(rng), visible.choose(rng)) else { return };
        if a != b {
            let (first, last, name) =
                (people[a].first.clone(), people[a].last.clone(), people[a].name.clone());
            people[b].slug = unique_slug(rng, &name, taken, true);
            (people[b].first, people[b].last, people[b].name) = (first, last, name);
        }
    }
}

/// A lower-case slug from a name (raw or folded to ASCII), with a hex suffix when needed.
fn unique_slug(
    rng: &mut ChaCha8Rng,
    name: &str,
    taken: &mut HashSet<String>,
    suffix: bool,
) -> String {
    let ascii = rng.random_bool(0.5);
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c == ' ' || c == '-' {
            if !stem.is_empty() && !stem.ends_with('-') {
                stem.push('-');
            }
        } else if c == 'ß' && ascii {
            stem.push_str("ss");
        } else if c.is_ascii_alphanumeric() || (c.is_alphabetic() && u32::from(c) < 0x250) {
            stem.push(if ascii { fold(c) } else { c });
        }
    }
    let stem = match stem.trim_end_matches('-') {
        "" => "member",
        s => s,
    };
    let mut slug = stem.to_string();
    while suffix || rng.random_bool(0.6) || taken.contains(&slug) {
        let hex = format!("{:016x}", rng.random::<u64>());
        slug = format!("{stem}-{}", &hex[..rng.random_range(4..10)]);
        if !taken.contains(&slug) {
            break;
        }
    }
    taken.insert(slug.clone());
    slug
}

/// The ASCII letter a Latin letter with a diacritic is usually written as in a slug.
fn fold(c: char) -> char {
    const FROM: &str = "áàâäãåçčćéèêëěęíìîïłñńňóòôöõøřšśşúùûüůýÿžźżğıđ";
    const TO: &str = "aaaaaaccceeeeeeiiiilnnnoooooorsssuuuuuyyzzzgid";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

// ---------------------------------------------------------------------------------------------
// Dates (proleptic Gregorian, UTC; Pacific time through jiff for Invitations)

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// `[year, month, day, hour, minute, second]` of a Unix time, UTC.
fn civil(secs: i64) -> [i64; 6] {
    let (days, sod) = (secs.div_euclid(DAY), secs.rem_euclid(DAY));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let (d, m) = (doy - (153 * mp + 2) / 5 + 1, if mp < 10 { mp + 3 } else { mp - 9 });
    [yoe + era * 400 + i64::from(m <= 2), m, d, sod / 3600, sod % 3600 / 60, sod % 60]
}

/// `2026-03-07 21:07:44 UTC` (messages) or, with `/`, `2026/03/07 21:07:44 UTC` (endorsements).
fn utc(secs: i64, sep: char) -> String {
    let [y, m, d, h, mi, s] = civil(secs);
    format!("{y:04}{sep}{m:02}{sep}{d:02} {h:02}:{mi:02}:{s:02} UTC")
}

fn ymd(secs: i64) -> String {
    let [y, m, d, ..] = civil(secs);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `3/7/26, 1:07 PM` (Invitations) or, padded, `03/07/26, 01:07 PM` (Recommendations).
fn us_stamp([y, m, d, h, mi, _]: [i64; 6], pad: bool) -> String {
    let (h12, ampm) = (if h % 12 == 0 { 12 } else { h % 12 }, if h < 12 { "AM" } else { "PM" });
    let yy = y.rem_euclid(100);
    match pad {
        true => format!("{m:02}/{d:02}/{yy:02}, {h12:02}:{mi:02} {ampm}"),
        false => format!("{m}/{d}/{yy:02}, {h12}:{mi:02} {ampm}"),
    }
}

fn pacific(tz: &TimeZone, secs: i64) -> io::Result<String> {
    let dt = tz.to_datetime(Timestamp::from_second(secs).map_err(io::Error::other)?);
    let [m, d, h, mi] = [dt.month(), dt.day(), dt.hour(), dt.minute()].map(i64::from);
    Ok(us_stamp([dt.year().into(), m, d, h, mi, 0], false))
}

// ---------------------------------------------------------------------------------------------
// messages.csv: a plan of conversations whose lengths add up to exactly `messages` rows

/// A conversation's kind. `Direct` is 1:1 with a connection, shaped by its [`Rel`]; `Member` is
/// from a hidden `LinkedIn Member`; `Recruiter` is a stranger's request, accepted and answered;
/// `Request` one never answered (empty FOLDER, at the end); `Draft` a standalone draft.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Direct(usize),
    Group,
    InMail,
    Sponsored,
    Member,
    Recruiter,
    Request,
    Draft,
}

struct Conv {
    kind: Kind,
    /// The fewest rows that keep the conversation's shape, and the final count.
    min: usize,
    len: usize,
    /// Its share of the rows beyond every conversation's `min` (0: fixed length).
    weight: u64,
    from: i64,
    to: i64,
    /// The newest row is an unsent draft by the owner.
    draft: bool,
}

fn conv(kind: Kind, min: i64, weight: i64, (from, to): (i64, i64)) -> Conv {
    let (min, weight) = (min.max(1) as usize, weight.max(0) as u64);
    Conv { kind, min, len: min, weight, from, to, draft: false }
}

fn plan(w: &World, m: usize, rng: &mut ChaCha8Rng) -> Vec<Conv> {
    let mut convs = Vec::new();
    for (i, p) in w.people.iter().enumerate() {
        let (min, weight) = match p.rel {
            Rel::Close => (4, span(rng, 20, 120) * 4),
            Rel::Active => (2, span(rng, 4, 30)),
            Rel::Dormant => (2, span(rng, 6, 40)),
            Rel::Outreach => (span(rng, 1, 3), 0),
            Rel::Pitch => (span(rng, 1, 4), 0),
            Rel::Welcome if rng.random_bool(0.25) => (span(rng, 2, 4), 0),
            Rel::Welcome => (1, 0),
            Rel::None => continue,
        };
        convs.push(conv(Kind::Direct(i), min, weight, (p.from, p.to)));
    }
    let extras = [
        (Kind::Group, 1 + m / 300),
        (Kind::InMail, 1 + m / 400),
        (Kind::Sponsored, 1 + m / 250),
        (Kind::Member, 1 + m / 1000),
        (Kind::Recruiter, 1 + m / 500),
        (Kind::Request, 2 + m / 1000),
        (Kind::Draft, 2 + m / 200_000),
    ];
    for (kind, count) in extras {
        convs.extend((0..count).map(|_| extra(rng, kind, w.now)));
    }
    let mut convs = fit(rng, convs, m, w.now);
    finish_plan(rng, &mut convs, m, w.now);
    convs
}

/// A group chat, or a conversation with someone who is not a connection.
fn extra(rng: &mut ChaCha8Rng, kind: Kind, now: i64) -> Conv {
    let from =
        now - 1 - recent(rng, if matches!(kind, Kind::Request) { 200 * DAY } else { 6 * YEAR });
    let (min, weight, to) = match kind {
        Kind::Group => (3, span(rng, 2, 60), from + span(rng, 30 * DAY, 4 * YEAR)),
        Kind::Recruiter => (span(rng, 3, 7), 0, from + span(rng, 3600, 9 * DAY)),
        Kind::InMail | Kind::Member if rng.random_bool(0.3) => (span(rng, 2, 4), 0, from + 9 * DAY),
        Kind::Request => (span(rng, 1, 3), 0, from + span(rng, 3600, 9 * DAY)),
        _ => (1, 0, from),
    };
    conv(kind, min, weight, clamp(rng, from, to, now))
}

/// Keeps the conversations whose minimum fits in `m` rows, then shares the remaining rows out by
/// weight, so that the lengths add up to exactly `m`.
fn fit(rng: &mut ChaCha8Rng, mut convs: Vec<Conv>, m: usize, now: i64) -> Vec<Conv> {
    convs.shuffle(rng);
    convs.sort_by_key(|c| c.weight == 0);
    let (mut kept, mut used) = (Vec::new(), 0);
    for c in convs {
        if used + c.min <= m {
            used += c.min;
            kept.push(c);
        }
    }
    let total: u64 = kept.iter().map(|c| c.weight).sum();
    let rest = (m - used) as u64;
    if total == 0 {
        kept.extend((0..rest).map(|_| extra(rng, Kind::Sponsored, now)));
        return kept;
    }
    let mut given = 0;
    for c in &mut kept {
        let share = (u128::from(rest) * u128::from(c.weight) / u128::from(total)) as u64;
        c.len = c.min + share as usize;
        given += share;
    }
    for c in kept.iter_mut().filter(|c| c.weight > 0).take((rest - given) as usize) {
        c.len += 1;
    }
    kept
}

/// Makes the newest message 0–2 days old, marks a few drafts, and orders the conversations:
/// most recent first, unanswered message requests last.
fn finish_plan(rng: &mut ChaCha8Rng, convs: &mut [Conv], m: usize, now: i64) {
    let newest = convs.iter_mut().filter(|c| !matches!(c.kind, Kind::Request)).max_by_key(|c| c.to);
    if let Some(c) = newest {
        c.to = (now - span(rng, 60, 2 * DAY)).max(c.from);
    }
    let mut drafts: Vec<usize> =
        (0..convs.len()).filter(|&i| convs[i].weight > 0 && convs[i].len >= 4).collect();
    drafts.shuffle(rng);
    for &i in drafts.iter().take(2 + m / 50_000) {
        convs[i].draft = true;
    }
    convs.sort_by_key(|c| (matches!(c.kind, Kind::Request), Reverse(c.to)));
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
            let (id, title, date) = (&*self.id, &*self.title, utc(m.at, '-'));
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

fn write_messages(
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
fn write_coach(out: &mut dyn Write, w: &World, rng: &mut ChaCha8Rng) -> io::Result<()> {
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

// ---------------------------------------------------------------------------------------------
// The other files, built in memory (they are small)

/// A CSV file: `header` (comma-separated), then `rows`, quoted only where needed.
fn csv_bytes<R>(header: &str, rows: impl IntoIterator<Item = R>) -> io::Result<Vec<u8>>
where
    R: IntoIterator<Item: AsRef<[u8]>>,
{
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header.split(','))?;
    for row in rows {
        csv.write_record(row)?;
    }
    csv.into_inner().map_err(|e| e.into_error())
}

/// Connections.csv: preamble, newest first, hidden members, no newline after the last row.
fn connections(w: &World) -> io::Result<Vec<u8>> {
    let mut order: Vec<&Person> = w.people.iter().collect();
    order.sort_by_key(|p| Reverse(p.day));
    let rows = order.into_iter().map(|p| {
        let [y, m, d, ..] = civil(p.day * DAY);
        let on =
            format!("{d:02} {} {y}", MONTHS.split('|').nth(m as usize - 1).unwrap_or_default());
        let mut row = vec![String::new(); 6];
        if !p.hidden {
            let url = p.connections_url();
            row =
                [&p.first, &p.last, &url, &p.email, p.company, p.position].map(String::from).into();
        }
        row.push(on);
        row
    });
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
    let mut bytes = [PREAMBLE.as_bytes(), &csv_bytes(header, rows)?].concat();
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    Ok(bytes)
}

/// Invitations.csv: the last two years of connections, plus pending ones with strangers.
fn invitations(w: &World, rng: &mut ChaCha8Rng) -> io::Result<Vec<u8>> {
    let tz = TimeZone::get("America/Los_Angeles").map_err(io::Error::other)?;
    let mut rows = Vec::new();
    for p in w.visible.iter().map(|&i| &w.people[i]).filter(|p| w.now - p.day * DAY <= 730 * DAY) {
        let sent = p.day * DAY + span(rng, -10 * DAY, 20 * 3600);
        rows.push(invitation(rng, p, sent));
    }
    for s in w.strangers.iter().take(3 + w.people.len() / 100) {
        let sent = w.now - span(rng, 3600, 60 * DAY);
        rows.push(invitation(rng, s, sent));
    }
    rows.sort_by_key(|r| Reverse(r.0));
    let rows = rows.into_iter().map(|(sent, [from, to, note, dir, by, of])| {
        Ok([from, to, pacific(&tz, sent)?, note, dir, by, of])
    });
    let header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl";
    csv_bytes(header, rows.collect::<io::Result<Vec<_>>>()?)
}

fn invitation(rng: &mut ChaCha8Rng, p: &Person, sent: i64) -> (i64, [String; 6]) {
    let outgoing = rng.random_bool(0.45);
    let greet = if outgoing { p.greeting_name() } else { "Owen" };
    let note = if rng.random_bool(0.3) { fill(rng, INVITE, greet, "") } else { String::new() };
    let (me, them) = ((OWNER.to_string(), OWNER_URL.to_string()), (p.name.clone(), p.url()));
    let (a, b, dir) = if outgoing { (me, them, "OUTGOING") } else { (them, me, "INCOMING") };
    (sent, [a.0, b.0, note, dir.to_string(), a.1, b.1])
}

/// Endorsement_Received_Info.csv or, `given`, Endorsement_Given_Info.csv: mostly strong ties.
fn endorsements(w: &World, rng: &mut ChaCha8Rng, given: bool) -> io::Result<Vec<u8>> {
    let mut rows = Vec::new();
    for p in w.visible.iter().map(|&i| &w.people[i]) {
        let chance = match p.rel {
            Rel::Close => 0.8,
            Rel::Active => 0.6,
            Rel::Dormant => 0.5,
            _ => 0.03,
        };
        let n = if rng.random_bool(chance / if given { 2.0 } else { 1.0 }) {
            span(rng, 1, 4)
        } else {
            0
        };
        for _ in 0..n {
            let at = span(rng, (p.day * DAY).max(w.now - 8 * YEAR), w.now);
            let url = if rng.random_bool(0.92) {
                format!("www.linkedin.com/in/{}", p.slug)
            } else {
                String::new()
            };
            let status = if rng.random_bool(0.88) { "ACCEPTED" } else { "PENDING" };
            let (first, last) = (p.first.trim().into(), p.last.trim().into());
            rows.push([utc(at, '/'), pick(rng, SKILL).into(), first, last, url, status.into()]);
        }
    }
    rows.sort_by(|a, b| b[0].cmp(&a[0]));
    let role = if given { "Endorsee" } else { "Endorser" };
    let names = format!("{role} First Name,{role} Last Name,{role} Public Url");
    csv_bytes(&format!("Endorsement Date,Skill Name,{names},Endorsement Status"), rows)
}

/// Recommendations_Received.csv or, `given`, Recommendations_Given.csv: close or active ties.
fn recommendations(w: &World, rng: &mut ChaCha8Rng, given: bool) -> io::Result<Vec<u8>> {
    let pool: Vec<&Person> =
        w.strong.iter().map(|&i| &w.people[i]).filter(|p| p.rel != Rel::Dormant).collect();
    let mut rows = Vec::new();
    for p in pool.choose_multiple(rng, if given { 2 } else { 4 }) {
        let text = fill(rng, PRAISE, if given { p.greeting_name() } else { "Owen" }, p.company);
        let at = us_stamp(civil(span(rng, (p.day * DAY).max(w.now - 6 * YEAR), w.now)), true);
        let status = if rng.random_bool(0.8) { "VISIBLE" } else { "" };
        rows.push(
            [p.first.trim(), p.last.trim(), p.company, p.position, &text, &at, status]
                .map(String::from),
        );
    }
    csv_bytes("First Name,Last Name,Company,Job Title,Text,Creation Date,Status", rows)
}

// ---------------------------------------------------------------------------------------------
// notes.csv: what the user logged outside LinkedIn

/// Connections a note may name by their full name: unique, without surrounding spaces.
fn nameable(w: &World) -> Vec<&Person> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for p in &w.people {
        *count.entry(p.full_name()).or_default() += 1;
    }
    let unique = |p: &Person| count.get(&p.full_name()) == Some(&1);
    w.people
        .iter()
        .filter(|p| !p.hidden && unique(p) && p.full_name().trim() == p.full_name())
        .collect()
}

fn notes(w: &World, rng: &mut ChaCha8Rng) -> io::Result<Vec<u8>> {
    let eligible = nameable(w);
    let of = |rels: &[Rel]| -> Vec<&Person> {
        eligible.iter().copied().filter(|p| rels.contains(&p.rel)).collect()
    };
    let strong = of(&[Rel::Close, Rel::Active, Rel::Dormant]);
    let mut rows = Vec::new();
    for p in of(&[Rel::None]).choose_multiple(rng, 2) {
        rows.push(note_row(
            rng,
            p,
            w.now,
            ["other", "mutual", "keep"],
            "Old friend from school, we talk offline",
        ));
    }
    if let Some(p) = of(&[Rel::Pitch]).choose(rng) {
        rows.push(note_row(
            rng,
            p,
            w.now,
            ["message", "received", "prune"],
            "Only ever pitched me",
        ));
    }
    let weak = of(&[Rel::Outreach, Rel::Welcome]);
    while rows.len() < (w.people.len() / 50).max(8) {
        let weak_turn = !weak.is_empty() && (strong.is_empty() || rng.random_bool(0.15));
        let Some(&p) = (if weak_turn { &weak } else { &strong }).choose(rng) else { break };
        let (kind, dir, note) =
            (pick(rng, KIND), pick(rng, "given|received|mutual"), pick(rng, NOTE));
        let tags = match p.rel {
            Rel::Close => pick(rng, "mentor|family|mentor;keep|"),
            Rel::Active => pick(rng, "client|client;mentor|"),
            _ => "",
        };
        let mut row = note_row(rng, p, w.now, [kind, dir, tags], note);
        if let ("intro", Some(&other)) = (kind, strong.choose(rng))
            && other.slug != p.slug
        {
            let with = person_ref(rng, other);
            row[5] = format!("Introduced them, both building marketplaces, with:{with}");
        }
        rows.push(row);
    }
    rows.sort();
    csv_bytes("date,person,kind,direction,tags,note", rows)
}

fn note_row(
    rng: &mut ChaCha8Rng,
    p: &Person,
    now: i64,
    [kind, dir, tags]: [&str; 3],
    note: &str,
) -> [String; 6] {
    let (from, to) = if p.rel == Rel::None { (p.day * DAY, now - 1) } else { (p.from, p.to) };
    let date = ymd(span(rng, from, to + 1).min(now - 1));
    [date, person_ref(rng, p), kind.into(), dir.into(), tags.into(), note.into()]
}

/// A Connections URL (percent-encoded or raw) or the full name, as a user would write it.
fn person_ref(rng: &mut ChaCha8Rng, p: &Person) -> String {
    match rng.random_range(0..10) {
        0..4 => p.connections_url(),
        4..7 => p.url(),
        _ => p.full_name(),
    }
}

// ---------------------------------------------------------------------------------------------
// Writing: a folder or a zip under a temporary name, renamed when complete

/// Counts the bytes that pass through, before any compression.
struct Counted<W> {
    inner: W,
    n: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The export being written: files in a folder, or Deflated entries at the root of a zip.
struct Sink {
    dir: PathBuf,
    zip: Option<(ZipWriter<BufWriter<File>>, SimpleFileOptions)>,
    bytes: u64,
}

impl Sink {
    fn create(path: &Path, spec: &SampleSpec) -> io::Result<Sink> {
        remove(path)?;
        let zip = if spec.zip {
            let d = spec.export_date;
            let time = DateTime::from_date_and_time(
                d.year() as u16,
                d.month() as u8,
                d.day() as u8,
                9,
                0,
                0,
            );
            let options = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .last_modified_time(time.unwrap_or_default())
                .system(System::Unix)
                .large_file(spec.messages > 5_000_000);
            Some((ZipWriter::new(BufWriter::with_capacity(1 << 20, File::create(path)?)), options))
        } else {
            fs::create_dir(path)?;
            None
        };
        Ok(Sink { dir: path.to_path_buf(), zip, bytes: 0 })
    }

    fn file<F: FnOnce(&mut dyn Write) -> io::Result<()>>(
        &mut self,
        name: &str,
        fill: F,
    ) -> io::Result<()> {
        let inner: Box<dyn Write + '_> = match &mut self.zip {
            Some((zip, options)) => {
                zip.start_file(name, *options)?;
                Box::new(zip)
            }
            None => Box::new(BufWriter::with_capacity(1 << 20, File::create(self.dir.join(name))?)),
        };
        let mut out = Counted { inner, n: 0 };
        fill(&mut out)?;
        out.flush()?;
        self.bytes += out.n;
        Ok(())
    }

    fn finish(self) -> io::Result<u64> {
        if let Some((zip, _)) = self.zip {
            zip.finish()?.flush()?;
        }
        Ok(self.bytes)
    }
}

/// Removes a file or folder left by an earlier run; nothing there is fine.
fn remove(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Every file of the export; each draws from its own stream of the seed.
fn write_export(sink: &mut Sink, w: &World, spec: &SampleSpec) -> io::Result<()> {
    let stream = |n| rng(spec.seed, n);
    sink.file("messages.csv", |o| write_messages(o, w, spec.messages, &mut stream(2)))?;
    let files = [
        ("Connections.csv", connections(w)?),
        ("Invitations.csv", invitations(w, &mut stream(3))?),
        ("Endorsement_Received_Info.csv", endorsements(w, &mut stream(4), false)?),
        ("Endorsement_Given_Info.csv", endorsements(w, &mut stream(5), true)?),
        ("Recommendations_Received.csv", recommendations(w, &mut stream(6), false)?),
        ("Recommendations_Given.csv", recommendations(w, &mut stream(7), true)?),
        ("Profile.csv", PROFILE.as_bytes().to_vec()),
        ("Positions.csv", POSITIONS.as_bytes().to_vec()),
    ];
    for (name, bytes) in files {
        sink.file(name, |o| o.write_all(&bytes))?;
    }
    sink.file("coach_messages.csv", |o| write_coach(o, w, &mut stream(8)))
}

/// Writes the sample export and `notes.csv` into `out_dir` (created if needed).
///
/// Both are written under temporary names and renamed when complete, replacing an earlier
/// sample of the same names. The same `spec` always gives byte-identical files.
pub fn write_sample(spec: &SampleSpec, out_dir: &Path) -> io::Result<SampleOutput> {
    fs::create_dir_all(out_dir)?;
    let d = spec.export_date;
    let name =
        format!("Complete_LinkedInDataExport_{:02}-{:02}-{:04}", d.month(), d.day(), d.year());
    let name = if spec.zip { format!("{name}.zip") } else { name };
    let (export, notes_csv) = (out_dir.join(&name), out_dir.join("notes.csv"));
    let (tmp, notes_tmp) = (out_dir.join(format!(".{name}.tmp")), out_dir.join(".notes.csv.tmp"));
    let world = World::new(spec);
    let written = (|| -> io::Result<u64> {
        let mut sink = Sink::create(&tmp, spec)?;
        write_export(&mut sink, &world, spec)?;
        let notes = notes(&world, &mut rng(spec.seed, 9))?;
        fs::write(&notes_tmp, &notes)?;
        let bytes = sink.finish()? + notes.len() as u64;
        remove(&export)?;
        fs::rename(&tmp, &export)?;
        fs::rename(&notes_tmp, &notes_csv)?;
        Ok(bytes)
    })();
    if written.is_err() {
        let _ = (remove(&tmp), remove(&notes_tmp));
    }
    Ok(SampleOutput { export, notes: notes_csv, bytes: written? })
}
