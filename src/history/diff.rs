//! What changed between two runs: connections new and gone (and how many of the gone the
//! earlier run had suggested pruning), tier moves — drifting (living → dormant), revived
//! (dormant → living), never welcomed (new → clutter) — the biggest score changes, and who
//! changed jobs ([`super::jobs`]).

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use super::{JobChange, Row};
use crate::score::Tier;

/// Score changes listed each way.
const BIGGEST: usize = 10;

/// A person in a diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    /// Canonical profile URL; empty for URL-less eras.
    pub profile_url: String,
    /// Their name.
    pub name: String,
    /// Their company.
    pub company: String,
}

/// A connection in the earlier run only.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gone {
    /// Who.
    #[serde(flatten)]
    pub person: Person,
    /// Whether the earlier run had suggested pruning them.
    pub suggested_prune: bool,
}

/// A person whose tier or score moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Move {
    /// Who.
    #[serde(flatten)]
    pub person: Person,
    /// The tier in the earlier run.
    pub from_tier: Tier,
    /// The tier in the later run.
    pub to_tier: Tier,
    /// The score in the earlier run.
    pub from_score: f64,
    /// The score in the later run.
    pub to_score: f64,
}

/// The changes from one run to another.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Diff {
    /// The earlier run's day.
    pub from: Date,
    /// The later run's day.
    pub to: Date,
    /// Connections in the later run only.
    pub new: Vec<Person>,
    /// Connections in the earlier run only.
    pub gone: Vec<Gone>,
    /// How many the earlier run suggested pruning.
    pub suggested_prune: usize,
    /// Of the gone, how many the earlier run had suggested pruning.
    pub pruned_as_suggested: usize,
    /// Living (core, active) → dormant.
    pub drifting: Vec<Move>,
    /// Dormant → living.
    pub revived: Vec<Move>,
    /// New → clutter: never welcomed.
    pub never_welcomed: Vec<Move>,
    /// Every tier move, `from→to` → count.
    pub moves: BTreeMap<String, usize>,
    /// The largest score rises.
    pub rising: Vec<Move>,
    /// The largest score falls.
    pub falling: Vec<Move>,
    /// Connections whose employer or title changed, highest score first.
    pub changed_jobs: Vec<JobChange>,
}

fn person(r: &Row) -> Person {
    Person { profile_url: r.profile_url.clone(), name: r.name.clone(), company: r.company.clone() }
}

impl Diff {
    /// The changes from `from` (run on day `from_day`) to `to`.
    pub fn between(from_day: Date, from: &[Row], to_day: Date, to: &[Row]) -> Diff {
        let index = |rows: &[Row]| -> BTreeMap<String, usize> {
            rows.iter().enumerate().filter_map(|(i, r)| Some((r.key()?, i))).collect()
        };
        let (before, after) = (index(from), index(to));
        let new: Vec<Person> = after
            .iter()
            .filter(|(k, _)| !before.contains_key(*k))
            .map(|(_, &i)| person(&to[i]))
            .collect();
        let gone_rows: Vec<&Row> = before
            .iter()
            .filter(|(k, _)| !after.contains_key(*k))
            .map(|(_, &i)| &from[i])
            .collect();
        let mut d = Diff {
            from: from_day,
            to: to_day,
            new,
            gone: gone_rows
                .iter()
                .map(|r| Gone { person: person(r), suggested_prune: r.suggested_prune })
                .collect(),
            suggested_prune: from.iter().filter(|r| r.suggested_prune && r.key().is_some()).count(),
            pruned_as_suggested: gone_rows.iter().filter(|r| r.suggested_prune).count(),
            changed_jobs: super::jobs::between(from, to),
            ..Diff::default()
        };
        let mut both = Vec::new();
        for (key, &i) in &before {
            let Some(&j) = after.get(key) else { continue };
            let (a, b) = (&from[i], &to[j]);
            let m = Move {
                person: person(b),
                from_tier: a.tier,
                to_tier: b.tier,
                from_score: a.score,
                to_score: b.score,
            };
            if a.tier != b.tier {
                *d.moves.entry(format!("{}→{}", a.tier, b.tier)).or_default() += 1;
                match (a.tier, b.tier) {
                    (x, Tier::Dormant) if x.is_living() => d.drifting.push(m.clone()),
                    (Tier::Dormant, y) if y.is_living() => d.revived.push(m.clone()),
                    (Tier::New, Tier::Clutter) => d.never_welcomed.push(m.clone()),
                    _ => {}
                }
            }
            both.push(m);
        }
        let change = |m: &Move| m.to_score - m.from_score;
        both.sort_by(|x, y| {
            change(y).total_cmp(&change(x)).then(x.person.profile_url.cmp(&y.person.profile_url))
        });
        d.rising = both.iter().filter(|m| change(m) > 0.0).take(BIGGEST).cloned().collect();
        d.falling = both.iter().rev().filter(|m| change(m) < 0.0).take(BIGGEST).cloned().collect();
        d
    }

    /// The headline in one line: `since 2026-08-20: 12 new, 40 gone (you pruned 31 of the 40
    /// suggested), 5 drifting, 3 revived, 2 never welcomed, 4 changed jobs`.
    pub fn headline(&self) -> String {
        format!(
            "since {}: {} new, {} gone (you pruned {} of the {} suggested), {} drifting, {} revived, {} never welcomed, {} changed jobs",
            self.from,
            self.new.len(),
            self.gone.len(),
            self.pruned_as_suggested,
            self.suggested_prune,
            self.drifting.len(),
            self.revived.len(),
            self.never_welcomed.len(),
            self.changed_jobs.len()
        )
    }
}

/// The diff as text for stdout: the headline, then each list (25 at most; `--json` lists all).
impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} → {}\n{}", self.from, self.to, self.headline())?;
        people(f, "new connections", &self.new)?;
        listed(f, "gone", &self.gone, |f, g| {
            let p = &g.person;
            let mark = if g.suggested_prune { "  (suggested for pruning)" } else { "" };
            writeln!(f, "  {}  {}  {}{mark}", p.name, p.company, p.profile_url)
        })?;
        moves(f, "drifting: active → dormant", &self.drifting)?;
        moves(f, "revived: dormant → active", &self.revived)?;
        moves(f, "never welcomed: new → clutter", &self.never_welcomed)?;
        listed(f, "changed jobs", &self.changed_jobs, |f, c| {
            writeln!(f, "  {}  {} → {}  {}", c.name, c.before(), c.after(), c.profile_url)
        })?;
        moves(f, "biggest rises", &self.rising)?;
        moves(f, "biggest falls", &self.falling)?;
        if !self.moves.is_empty() {
            writeln!(f, "\nall tier moves:")?;
            for (m, n) in &self.moves {
                writeln!(f, "  {m}: {n}")?;
            }
        }
        Ok(())
    }
}

/// Entries listed under a title in the text.
const LISTED: usize = 25;

/// A titled list of people, when there are any.
fn people(f: &mut fmt::Formatter<'_>, title: &str, list: &[Person]) -> fmt::Result {
    listed(f, title, list, |f, p| writeln!(f, "  {}  {}  {}", p.name, p.company, p.profile_url))
}

/// A titled list of tier and score moves, when there are any.
fn moves(f: &mut fmt::Formatter<'_>, title: &str, list: &[Move]) -> fmt::Result {
    listed(f, title, list, |f, m| {
        let (p, from, to) = (&m.person, m.from_score, m.to_score);
        writeln!(
            f,
            "  {}  {} {from:.1} → {} {to:.1}  {}",
            p.name, m.from_tier, m.to_tier, p.profile_url
        )
    })
}

/// `title (n):` and the first [`LISTED`] entries, then how many more.
fn listed<T>(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    list: &[T],
    entry: impl Fn(&mut fmt::Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(f, "\n{title} ({}):", list.len())?;
    for item in list.iter().take(LISTED) {
        entry(f, item)?;
    }
    if list.len() > LISTED {
        writeln!(f, "  … and {} more (--json lists all)", list.len() - LISTED)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(url: &str, tier: &str, score: f64, prune: bool) -> Row {
        Row {
            profile_url: url.into(),
            name: url.into(),
            company: String::new(),
            position: String::new(),
            connected_on: None,
            tier: Tier::from_name(tier).unwrap(),
            score,
            last_interaction: None,
            messages_sent: 0,
            messages_received: 0,
            keep: false,
            suggested_prune: prune,
        }
    }

    fn moved_jobs(d: &Diff) -> Vec<&str> {
        d.changed_jobs.iter().map(|c| c.profile_url.as_str()).collect()
    }

    #[test]
    fn the_changes_are_the_planted_ones() {
        let before = [
            row("a", "active", 60.0, false),
            row("b", "dormant", 30.0, false),
            row("c", "new", 5.0, false),
            row("d", "clutter", 0.0, true),
            row("e", "clutter", 0.0, true),
            row("f", "core", 80.0, false),
        ];
        let after = [
            row("a", "dormant", 35.0, false),
            row("b", "active", 55.0, false),
            row("c", "clutter", 0.0, true),
            row("e", "clutter", 0.0, true),
            row("g", "new", 0.0, false),
        ];
        let hidden = |tier: &str| Row {
            profile_url: String::new(),
            name: String::new(),
            ..row("", tier, 0.0, false)
        };
        let mut before: Vec<Row> =
            before.into_iter().chain([hidden("clutter"), hidden("weak")]).collect();
        let mut after: Vec<Row> = after.into_iter().chain([hidden("new")]).collect();
        // a renamed only in case and suffix; b promoted; the hidden members' rows differ.
        (before[0].company, after[0].company) = ("Acme, Inc.".into(), "ACME Corp".into());
        (before[1].position, after[1].position) = ("Engineer".into(), "Head of Data".into());
        (before[6].position, after[5].position) = ("Engineer".into(), "CEO".into());
        let day = |d: &str| d.parse().unwrap();
        let d = Diff::between(day("2026-01-01"), &before, day("2026-06-01"), &after);
        let urls = |l: &[Person]| l.iter().map(|p| p.profile_url.clone()).collect::<Vec<_>>();
        let moved = |l: &[Move]| l.iter().map(|m| m.person.profile_url.clone()).collect::<Vec<_>>();
        assert_eq!(urls(&d.new), ["g"]);
        let gone: Vec<Person> = d.gone.iter().map(|g| g.person.clone()).collect();
        assert_eq!(urls(&gone), ["d", "f"]);
        let suggested: Vec<bool> = d.gone.iter().map(|g| g.suggested_prune).collect();
        assert_eq!(suggested, [true, false]);
        assert_eq!((d.pruned_as_suggested, d.suggested_prune), (1, 2));
        assert_eq!(moved(&d.drifting), ["a"]);
        assert_eq!(moved(&d.revived), ["b"]);
        assert_eq!(moved(&d.never_welcomed), ["c"]);
        assert_eq!(moved(&d.rising), ["b"]);
        assert_eq!(moved(&d.falling), ["a", "c"]);
        assert_eq!(
            d.headline(),
            "since 2026-01-01: 1 new, 2 gone (you pruned 1 of the 2 suggested), 1 drifting, 1 revived, 1 never welcomed, 1 changed jobs"
        );
        assert_eq!(moved_jobs(&d), ["b"]);
        let text = d.to_string();
        assert!(text.contains("  d    d  (suggested for pruning)\n"), "{text}");
        assert!(text.contains("  f    f\n"), "{text}");
        assert!(text.contains("\nchanged jobs (1):\n  b  Engineer → Head of Data  b\n"), "{text}");
    }
}
