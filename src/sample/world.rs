//! The people of the sample: the owner, the connections with their latent relationship class
//! ([`Rel`]) and when it happened, and strangers who write or get invited without being
//! connections. Every file is written from this [`World`].

use std::collections::HashSet;

use jiff::civil::Date;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::moves::{Job, later};
use super::names::{CHAT, COMPANY, FIRST, LAST, TITLE, decorate, pick, unique_slug};
use super::time::{DAY, YEAR, clamp, days, span};
use super::{SampleSpec, rng};

/// The owner of the export, as messages and invitations name them.
pub(super) const OWNER: &str = "Owen Owner";
pub(super) const OWNER_URL: &str = "https://www.linkedin.com/in/owen-owner";
/// Connections' URLs percent-encode everything but ASCII letters, digits and `-`.
const SLUG: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-');

/// The owner's latent relationship with a connection: `Close` (frequent, two-way, recent),
/// `Active` (two-way within the year), `Dormant` (strong, stopped 1.5–5 years ago), `Outreach`
/// (the owner wrote, no answer), `Pitch` (they wrote, never answered), `Welcome` (a personal
/// welcome within two weeks of connecting, answered one time in four), `None` (nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rel {
    Close,
    Active,
    Dormant,
    Outreach,
    Pitch,
    Welcome,
    None,
}

impl Rel {
    /// The class in lower case, as `truth.csv` writes it.
    pub(super) fn name(self) -> &'static str {
        match self {
            Rel::Close => "close",
            Rel::Active => "active",
            Rel::Dormant => "dormant",
            Rel::Outreach => "outreach",
            Rel::Pitch => "pitch",
            Rel::Welcome => "welcome",
            Rel::None => "none",
        }
    }
}

/// A connection (or, in `World::strangers`, someone who is not one).
pub(super) struct Person {
    /// First and Last Name as Connections.csv writes them, decorations included.
    pub(super) first: String,
    pub(super) last: String,
    /// The display name in messages and invitations; unique unless made a duplicate on purpose.
    pub(super) name: String,
    /// Lower-case, raw UTF-8.
    pub(super) slug: String,
    /// Company and Position in Connections.csv; the email is most often empty.
    pub(super) company: &'static str,
    pub(super) position: &'static str,
    pub(super) email: String,
    /// Connected On, in days since 1970-01-01.
    pub(super) day: i64,
    pub(super) rel: Rel,
    /// When the relationship happened, Unix seconds: its messages and notes fall inside.
    pub(super) from: i64,
    pub(super) to: i64,
    /// A member who hid their profile: an empty row in Connections.csv, nothing else.
    pub(super) hidden: bool,
}

impl Person {
    /// The profile URL as messages, invitations and endorsements write it: the raw slug.
    pub(super) fn url(&self) -> String {
        format!("https://www.linkedin.com/in/{}", self.slug)
    }

    /// The profile URL as Connections.csv writes it: the slug percent-encoded.
    pub(super) fn connections_url(&self) -> String {
        format!("https://www.linkedin.com/in/{}", utf8_percent_encode(&self.slug, SLUG))
    }

    /// The first word of the first name, to greet them with.
    pub(super) fn greeting_name(&self) -> &str {
        self.first.split_whitespace().next().unwrap_or_default()
    }

    /// First and last name, as a note names them.
    pub(super) fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// Everything the files are written from.
pub(super) struct World {
    pub(super) people: Vec<Person>,
    pub(super) strangers: Vec<Person>,
    /// Indexes of close, active and dormant connections, and of all that are not hidden.
    pub(super) strong: Vec<usize>,
    pub(super) visible: Vec<usize>,
    /// The chat phrases, split once: they fill most of messages.csv.
    chat: Vec<&'static str>,
    /// The export date, 00:00 UTC: every timestamp is earlier.
    pub(super) now: i64,
    /// Every connection's job as Connections.csv writes it: as drawn, or as a later export
    /// finds it ([`super::Later`]).
    pub(super) jobs: Vec<Job>,
}

impl World {
    /// Draws the connections (`spec.connections`) and enough strangers for the messages.
    pub(super) fn new(spec: &SampleSpec) -> World {
        let (mut rng, mut taken) = (rng(spec.seed, 1), HashSet::new());
        let today = days(spec.world_date());
        let mut people: Vec<Person> =
            (0..spec.connections).map(|i| connection(&mut rng, &mut taken, i, today)).collect();
        duplicate_names(&mut rng, &mut people, &mut taken);
        let strangers =
            (0..20 + spec.messages / 200).map(|_| person(&mut rng, &mut taken)).collect();
        let strong = (0..people.len())
            .filter(|&i| matches!(people[i].rel, Rel::Close | Rel::Active | Rel::Dormant))
            .collect();
        let visible: Vec<usize> = (0..people.len()).filter(|&i| !people[i].hidden).collect();
        let chat = CHAT.split('|').collect();
        let jobs = match spec.later {
            Some(l) => later(&people, &visible, l.moves, &mut super::rng(spec.seed, 10)),
            None => people.iter().map(Job::of).collect(),
        };
        World { people, strangers, strong, visible, chat, now: today * DAY, jobs }
    }

    /// One to three chat sentences, joined by spaces or real line breaks.
    pub(super) fn chat(&self, rng: &mut ChaCha8Rng) -> String {
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
    pub(super) fn someone(&self, rng: &mut ChaCha8Rng) -> &Person {
        let strong = rng.random_bool(0.6) && !self.strong.is_empty();
        match (if strong { &self.strong } else { &self.visible }).choose(rng) {
            Some(&i) => &self.people[i],
            None => self.stranger(rng),
        }
    }

    /// Someone who is not a connection.
    pub(super) fn stranger(&self, rng: &mut ChaCha8Rng) -> &Person {
        &self.strangers[rng.random_range(0..self.strangers.len())]
    }
}

/// A connection: a person, a connection date (denser recently), a class and its time span.
fn connection(rng: &mut ChaCha8Rng, taken: &mut HashSet<String>, i: usize, today: i64) -> Person {
    let (u, max_back): (f64, i64) =
        (rng.random(), (today - days(Date::constant(2010, 1, 1))).max(30));
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
