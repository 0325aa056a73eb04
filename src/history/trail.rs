//! Each relationship across the runs: every earlier run's tier and score of each person, by
//! who they are across runs ([`Row::key`]), for the report's trends (the previous run's tier
//! and score in scores.csv/json, a small trend in the page's table).

use foldhash::HashMap;
use jiff::civil::Date;

use super::Row;
use crate::score::Tier;

/// A person in one earlier run: the run (its place in [`Trail::days`]), the tier, the score.
pub type Seen = (usize, Tier, f64);

/// Every earlier run's tier and score of each person.
#[derive(Clone, Debug, Default)]
pub struct Trail {
    /// The earlier runs read, oldest first: their days.
    pub days: Vec<Date>,
    /// By person ([`Row::key`]): the earlier runs they were in, oldest first.
    pub by_person: HashMap<String, Vec<Seen>>,
}

impl Trail {
    /// Adds a run's rows, later than every run added before. A person who appears twice in a
    /// run (a repeated Connections.csv row) is taken once, as first seen.
    pub fn push(&mut self, day: Date, rows: &[Row]) {
        let run = self.days.len();
        self.days.push(day);
        for r in rows {
            let Some(key) = r.key() else { continue };
            let seen = self.by_person.entry(key).or_default();
            if seen.last().is_none_or(|&(last, ..)| last != run) {
                seen.push((run, r.tier, r.score));
            }
        }
    }

    /// The earlier runs `key` was in, oldest first (none for `None`, a hidden member).
    pub fn of(&self, key: Option<&str>) -> &[Seen] {
        key.and_then(|k| self.by_person.get(k)).map_or(&[], Vec::as_slice)
    }

    /// `key`'s tier and score in the latest earlier run, when they were in it.
    pub fn previous(&self, key: Option<&str>) -> Option<(Tier, f64)> {
        let &(run, tier, score) = self.of(key).last()?;
        (run + 1 == self.days.len()).then_some((tier, score))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(url: &str, name: &str, tier: Tier, score: f64) -> Row {
        Row {
            profile_url: url.into(),
            name: name.into(),
            company: String::new(),
            position: String::new(),
            connected_on: None,
            tier,
            score,
            last_interaction: None,
            messages_sent: 0,
            messages_received: 0,
            keep: false,
            suggested_prune: false,
        }
    }

    #[test]
    fn each_person_is_followed_by_url_or_name_and_the_previous_run_is_the_latest() {
        let day = |d: &str| d.parse::<Date>().unwrap();
        let mut t = Trail::default();
        t.push(
            day("2026-01-01"),
            &[
                row("u/a", "A", Tier::Active, 50.0),
                row("u/a", "A", Tier::Active, 50.0),
                row("", "Bo", Tier::Weak, 10.0),
                row("", "", Tier::Clutter, 0.0),
                row("u/c", "C", Tier::Core, 90.0),
            ],
        );
        t.push(
            day("2026-06-01"),
            &[row("u/a", "A", Tier::Dormant, 30.5), row("", "Bo", Tier::Weak, 12.0)],
        );
        assert_eq!(t.of(Some("u/a")), [(0, Tier::Active, 50.0), (1, Tier::Dormant, 30.5)]);
        assert_eq!(t.previous(Some("u/a")), Some((Tier::Dormant, 30.5)));
        assert_eq!(t.previous(Some("name:Bo")), Some((Tier::Weak, 12.0)));
        assert_eq!(t.of(Some("u/c")).len(), 1);
        assert_eq!(t.previous(Some("u/c")), None, "not in the latest earlier run");
        assert_eq!(t.of(None), []);
        assert_eq!(t.by_person.len(), 3, "a hidden member is nobody across runs");
    }
}
