//! The words the sample is made of: `|`-separated lists of first and last names, companies,
//! titles and phrases (`{first}`, `{co}` and `{event}` are filled in by [`fill`]), and how a
//! person's displayed name and profile slug are made from them.

use std::collections::HashSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(super) const FIRST: &str = "Anna|Ben|Chloé|Dmitri|Élodie|Farah|Gustavo|Hana|Inès|Jonas|Kai|Léa|\
    Mateo|Noor|Olga|Priya|Quentin|Rafael|Sofía|Tomás|Uma|Viktor|Wen|Ximena|Yusuf|Zoë|Łukasz|Søren|\
    Jürgen|Mei|Oluwaseun|Siobhán|Björn|Çağla|Marie-Claire|Aarav|Emma|Liam|Noah|Grace|Nhat";
pub(super) const LAST: &str = "Smith|Müller|Božić|Ñúñez|García|Nguyen|O'Brien|Kowalski|Nakamura|\
    Okafor|Andersson|Dubois|Rossi|Şahin|Yates|Patel|Kim|Johansson|Lefèvre|Novák|Dvořák|\
    van der Berg|Fernández|Ólafsson|Schröder|Ivanova|Chen|Murphy|Haddad|Costa|Weiß|Gonçalves|\
    Lindqvist|Brown";
pub(super) const COMPANY: &str = "Acme Corp|Globex, Inc.|Initech|Smith + Co|Umbrella Health|\
    Stark & Wayne, LLP|Nordwind GmbH|Hooli|Vandelay Industries|Müller & Söhne AG|Some University|\
    Blue Harbor Ventures|Pied Piper|Wonka Labs|Self-employed|Soylent, Ltd.|Example Bank, N.A.";
pub(super) const TITLE: &str = "Software Engineer|Senior Product Manager|\
    Associate Director, Career Services|Recruiter|Founder & CEO|VP, Sales|Data Scientist|\
    Talent Partner, EMEA|Account Executive|UX Designer|Head of People|Consultant|Student|\
    Professor, Economics|CFO|Engineering Manager|Marketing Lead, DACH|Tax Intern|Staff Engineer|\
    Partner";
pub(super) const CHAT: &str = "Thanks so much!|Sounds good, talk soon.|\
    Are you free for a call on Thursday?|Great catching up today.|Happy to help, send it over.|\
    Congrats on the new role!|Let me check and get back to you.|I'll be in town next week, coffee?|\
    That deck looks great, a few small comments.|Does 3\u{202f}PM work for you?|Haha, fair enough|\
    Can you introduce me to someone at Globex?|Here's the link: https://example.com/notes|\
    Thanks for the intro, we're meeting Friday.|How did the interview go?|Sending good vibes 🙏|\
    Let's sync after the holidays.|Just landed, will call you later.|Any news on this?|\
    Absolutely, count me in.|Nice to hear from you!|Merci\u{a0}!|Yes!|No worries at all.|\
    See you at the meetup 🎉|I owe you one.|Totally agree, the market is wild right now.|\
    Happy birthday! 🎂|Can we move it to Monday?|Budget is 10\u{202f}000, not more.";
pub(super) const OUTREACH: &str = "Hi {first}, I enjoyed your post about hiring at {co}. Would you \
    be open to a 20-minute chat?|Hello {first}! I'm exploring a move into your field and would \
    value your view, even briefly.|Hi {first}, we met briefly at {event}. Could I ask you two \
    quick questions about {co}?|Hi {first},\nI'm putting together a panel on remote teams. \
    Would you like to join?";
pub(super) const PITCH: &str = "Hi Owen! We help teams like yours cut cloud spend by 30%. Worth a \
    call?|Owen, are you the right person to talk to about lead generation?|\
    Hi Owen, our AI assistant books 20+ meetings a month for founders. Demo this week?|\
    Quick question, Owen: who handles HR software on your side?";
pub(super) const WELCOME: &str = "Thanks for connecting, {first}! Great to meet you at {event}.|\
    Hi {first}, glad we're connected. What are you focused on these days?|\
    Welcome, {first}! If I can ever help with anything at {co}, just ask.|\
    Good to connect, {first}. Let's grab a coffee when you're around.";
pub(super) const REPLY: &str = "Thanks Owen, likewise!|Great to connect, Owen. Coffee sounds good.|\
    Thank you! Let's stay in touch.|Hi Owen, thanks for reaching out 🙂";
pub(super) const RECRUIT: &str = "Hi Owen, I'm hiring a Staff Engineer at {co}, remote-friendly. \
    Open to a chat?|Hello Owen,\nyour background looks like a great fit for a leadership role \
    with a client.\nAre you open to new opportunities?|Hi Owen! Would you consider a move this \
    year?";
pub(super) const MEMBER: &str = "Hello, I would like to discuss a business proposal with you.|\
    Hi, are you still working in this field?|Dear Sir/Madam, kindly review the attached offer.";
pub(super) const GROUP: &str = "Sweden Meetup|Product Guild|Class of 2012|Founders, Berlin|\
    Hiring Friends|Book Club 📚|Q3 Offsite|Alumni – Data Track";
pub(super) const SPONSOR: &str =
    "Examplify Cloud|Learnly|Fintech Weekly|Globex, Inc.|Nordwind GmbH";
pub(super) const SKILL: &str = "Leadership|Python|Product Management|Public Speaking|Recruiting|\
    SQL|Negotiation|Machine Learning|Team Building|Project Management|Strategy|Sales|Rust|Coaching";
pub(super) const INVITE: &str = "Hi {first}, great meeting you at {event}, let's stay in touch!|\
    Let's connect!|Loved your talk on hiring, would be great to connect.|\
    Hi {first},\nwe have many friends in common. Happy to connect!";
const EVENT: &str = "the Berlin summit|RustConf|the alumni dinner|SaaStr|the product meetup";
pub(super) const PRAISE: &str = "{first} is one of the most thoughtful people I have worked with. \
    At {co}, {first} rebuilt our hiring process, calmly and with humour.\n\nHighly recommended.|\
    I managed {first} for two years. Sharp, kind, and always the first to help a colleague.|\
    Working with {first} on the {co} launch was a pleasure: clear, fast, honest.";
pub(super) const SUBJECT: &str =
    "Opportunity at {co}|Your experience caught my eye|Confidential: Head of Sales";
pub(super) const NOTE: &str = "Coffee near the office, talked about the move into product, \
    promised two contacts|Long call about fundraising, pricing and the board, very helpful|\
    Dinner after the conference, with the whole team|\
    Reviewed the CV, sent comments on structure, tone and the summary|\
    Asked for advice on a salary negotiation, 45 minutes|Quarterly catch-up: kids, travel, work|\
    Shared the market report, got thoughts back";
pub(super) const KIND: &str =
    "call|call|meeting|meeting|message|email|event|referral|intro|intro|help|other";

/// A random entry of a `|`-separated list.
pub(super) fn pick(rng: &mut ChaCha8Rng, list: &'static str) -> &'static str {
    let n = list.split('|').count();
    list.split('|').nth(rng.random_range(0..n)).unwrap_or_default()
}

/// A phrase with `{first}`, `{co}` and `{event}` filled in.
pub(super) fn fill(rng: &mut ChaCha8Rng, list: &'static str, first: &str, co: &str) -> String {
    let (text, event) = (pick(rng, list), pick(rng, EVENT));
    let co = if co.is_empty() { "your company" } else { co };
    text.replace("{first}", first).replace("{co}", co).replace("{event}", event)
}

/// Trailing spaces, credentials, nicknames in quotes, emoji, decorative letters, `\u{a0}`.
pub(super) fn decorate(rng: &mut ChaCha8Rng, f: &str, l: &str) -> (String, String) {
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

/// A lower-case slug from a name (raw or folded to ASCII), with a hex suffix when needed.
pub(super) fn unique_slug(
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
