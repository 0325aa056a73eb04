//! The reasons for a score and tier, in plain words: "14 messages both ways, last 50 days
//! ago; call in September 2026 (notes)".

use super::tier::{Coverage, Moment};
use super::{DAY, Tier, day_of};
use crate::features::{Features, Welcome};
use crate::interactions::Flow;

/// The reasons, most telling first.
pub fn reasons(f: &Features, tier: Tier, at: Moment, keep: bool) -> Vec<String> {
    let Moment { connected, prune, as_of, coverage } = at;
    let mut out = Vec::new();
    let ago = |t: i64| ago((as_of - t).max(0) as f64 / DAY);
    out.extend(exchanged(f));
    contact(f, tier, ago, &mut out);
    out.extend(welcome(f.welcome, tier).map(str::to_string));
    if let Some((flow, note)) = f.invitation {
        let who = if flow == Flow::Out { "you invited them" } else { "they invited you" };
        out.push(format!("{who}{}", if note { " with a note" } else { " without a note" }));
    }
    if f.events == 0 {
        match connected {
            Some(at) => out.push(format!("nothing exchanged since connecting {}", ago(at))),
            None => out.push("nothing exchanged".into()),
        }
    }
    if tier == Tier::Unknown {
        out.push(match coverage {
            Coverage::EndsAt(last) => format!(
                "the export's messages end {}, before you connected: cannot tell",
                ago(last)
            ),
            _ => "the export holds no messages: cannot tell".into(),
        });
    }
    if keep {
        out.push("tagged keep: never suggested for pruning".into());
    }
    if prune {
        out.push("tagged prune".into());
    }
    out
}

/// The messages exchanged person to person, and which ways they went: "both ways" only where
/// the tie ever lived (an answer, a mutual or a deep contact: the tiers' two-way).
fn exchanged(f: &Features) -> Option<String> {
    let (sent, received) = (f.messages_sent - f.group_sent, f.messages_received - f.group_received);
    match (sent, received) {
        (0, 0) => None,
        (s, 0) => Some(format!("{} sent, never answered", plural(s, "message"))),
        (0, r) => Some(format!("{} from them, never answered", plural(r, "message"))),
        (s, r) if f.last_living.is_none() => Some(format!(
            "{} ({s} sent, {r} received), never an answer to each other",
            plural(s + r, "message")
        )),
        _ => Some(format!(
            "{} both ways ({} sent, {} received)",
            plural(sent + received, "message"),
            sent,
            received
        )),
    }
}

/// Into `out`: group messages, when the last contacts were (`ago` says how long ago a moment
/// was), and for a dormant tie how often you used to be in touch.
fn contact(f: &Features, tier: Tier, ago: impl Fn(i64) -> String, out: &mut Vec<String>) {
    if f.group > 0 {
        out.push(format!("{} in group conversations you share", plural(f.group, "message")));
    }
    if let Some(last) = f.last {
        out.push(format!("last contact {}", ago(last)));
    }
    if let Some(living) = f.last_living.filter(|&l| Some(l) != f.last) {
        out.push(format!("last two-way exchange {}", ago(living)));
    }
    if let Some((at, channel)) = f.last_noted {
        let month = day_of(at).map_or(String::new(), |d| d.strftime("%B %Y").to_string());
        out.push(format!("{} in {month} (notes)", channel.label()));
    }
    if let Some(gap) = f.typical_gap_days.filter(|_| tier == Tier::Dormant) {
        out.push(format!("usually in touch every {}", plural(gap.round() as u32, "day")));
    }
}

/// Whether a welcome followed the connection, where that tells something.
fn welcome(welcome: Welcome, tier: Tier) -> Option<&'static str> {
    match welcome {
        Welcome::Answered => Some("welcome sent after connecting, answered"),
        Welcome::Sent => Some("welcome sent after connecting, not answered"),
        Welcome::None if tier == Tier::New => Some("no welcome sent yet"),
        Welcome::None => None,
    }
}

fn ago(days: f64) -> String {
    match days {
        d if d < 1.0 => "today".into(),
        d if d < 60.0 => format!("{} ago", plural(d.floor() as u32, "day")),
        d if d < 730.0 => format!("{} ago", plural((d / 30.44).floor() as u32, "month")),
        d => format!("{} ago", plural((d / 365.25).floor() as u32, "year")),
    }
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// The chance of contact within `horizon` days in words: "about a 1-in-3 chance you'll be in
/// touch within three months".
pub fn chance(p: f64, horizon: f64) -> String {
    let within = if horizon == 90.0 {
        "within three months".to_string()
    } else {
        format!("within {}", plural(horizon.round() as u32, "day"))
    };
    let odds = if p < 0.05 {
        "less than a 1-in-20 chance".to_string()
    } else if p < 0.45 {
        format!("about a 1-in-{} chance", (1.0 / p).round())
    } else if p < 0.95 {
        format!("about a {}-in-10 chance", (10.0 * p).round())
    } else {
        "more than a 19-in-20 chance".to_string()
    };
    format!("{odds} you'll be in touch {within}")
}
