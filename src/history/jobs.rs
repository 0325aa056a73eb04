//! Job changes between two runs: every connection followed from one export to the next whose
//! employer or title changed. Employers compare on their normalised words with legal suffixes
//! dropped ([`company::tokens`], as `intro` matches them), titles on their normalised words
//! ([`company::words`]), so `Acme, Inc.` → `ACME Corp` is no change. A hidden member, a
//! namesake without a profile URL (who cannot be told apart), or a value missing on either
//! side is never a change.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Row;
use crate::graph::company;
use crate::score::Tier;

/// What changed in a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Changed {
    /// Another employer, the same title.
    Company,
    /// Another title, the same employer.
    Position,
    /// Both.
    Both,
}

impl Changed {
    /// `company`, `position` or `both`, as changes.csv writes it.
    pub fn name(self) -> &'static str {
        match self {
            Changed::Company => "company",
            Changed::Position => "position",
            Changed::Both => "both",
        }
    }
}

/// A connection whose employer or title changed between two runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobChange {
    /// Canonical profile URL; empty for URL-less eras.
    pub profile_url: String,
    /// Their name, as the later run writes it.
    pub name: String,
    /// The company in the earlier run, as written.
    pub company_before: String,
    /// The position in the earlier run, as written.
    pub position_before: String,
    /// The company in the later run, as written.
    pub company_after: String,
    /// The position in the later run, as written.
    pub position_after: String,
    /// What changed.
    pub changed: Changed,
    /// The tier in the later run.
    pub tier: Tier,
    /// The score in the later run.
    pub score: f64,
}

impl JobChange {
    /// Who, across runs (as [`Row::key`]).
    pub fn key(&self) -> Option<String> {
        super::snapshot::key(&self.profile_url, &self.name)
    }

    /// The role before, in words: `Engineer at Acme`.
    pub fn before(&self) -> String {
        role(&self.position_before, &self.company_before)
    }

    /// The role after, in words: `Head of Data at Globex`.
    pub fn after(&self) -> String {
        role(&self.position_after, &self.company_after)
    }

    /// Why to get in touch, in words: `new role as Head of Data at Globex since your last
    /// export — a natural moment to get back in touch`.
    pub fn reason(&self) -> String {
        let (position, company) = (self.position_after.trim(), self.company_after.trim());
        let what = match (position.is_empty(), company.is_empty()) {
            (false, false) => format!("new role as {position} at {company}"),
            (false, true) => format!("new role as {position}"),
            _ => format!("now at {company}"),
        };
        format!("{what} since your last export — a natural moment to get back in touch")
    }
}

/// `Position at Company`, or whichever of the two is there.
fn role(position: &str, company: &str) -> String {
    match (position.trim(), company.trim()) {
        (p, "") => p.to_string(),
        ("", c) => format!("at {c}"),
        (p, c) => format!("{p} at {c}"),
    }
}

/// The job changes from the rows of one run to the rows of a later one, highest score first.
pub fn between(from: &[Row], to: &[Row]) -> Vec<JobChange> {
    let before = followed(from);
    let mut list: Vec<JobChange> =
        followed(to).into_iter().filter_map(|(key, b)| change(before.get(&key)?, b)).collect();
    list.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.profile_url.cmp(&y.profile_url))
            .then(x.name.cmp(&y.name))
    });
    list
}

/// The rows that can be followed to another run, by key: hidden members have none, and a key
/// found twice (namesakes in an era without profile URLs) names nobody for sure.
fn followed(rows: &[Row]) -> BTreeMap<String, &Row> {
    let mut seen: BTreeMap<String, Option<&Row>> = BTreeMap::new();
    for r in rows {
        if let Some(key) = r.key() {
            seen.entry(key).and_modify(|once| *once = None).or_insert(Some(r));
        }
    }
    seen.into_iter().filter_map(|(key, r)| Some((key, r?))).collect()
}

/// The change from `a` to `b`, the same person, if their employer or title changed.
fn change(a: &Row, b: &Row) -> Option<JobChange> {
    // Most jobs are written as before: equal text needs no normalising.
    let differs = |x: &str, y: &str, words: fn(&str) -> Vec<String>| {
        x != y && !x.trim().is_empty() && !y.trim().is_empty() && words(x) != words(y)
    };
    let changed = match (
        differs(&a.company, &b.company, company::tokens),
        differs(&a.position, &b.position, company::words),
    ) {
        (true, true) => Changed::Both,
        (true, false) => Changed::Company,
        (false, true) => Changed::Position,
        (false, false) => return None,
    };
    Some(JobChange {
        profile_url: b.profile_url.clone(),
        name: b.name.clone(),
        company_before: a.company.clone(),
        position_before: a.position.clone(),
        company_after: b.company.clone(),
        position_after: b.position.clone(),
        changed,
        tier: b.tier,
        score: b.score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(url: &str, name: &str, company: &str, position: &str, score: f64) -> Row {
        Row {
            profile_url: url.into(),
            name: name.into(),
            company: company.into(),
            position: position.into(),
            connected_on: None,
            tier: Tier::Active,
            score,
            last_interaction: None,
            messages_sent: 0,
            messages_received: 0,
            keep: false,
            suggested_prune: false,
        }
    }

    #[test]
    fn only_real_moves_are_changes() {
        let before = [
            row("a", "A", "Acme, Inc.", "Engineer", 50.0),
            row("b", "B", "Acme", "Engineer", 40.0),
            row("c", "C", "Initech", "VP, Sales", 30.0),
            row("d", "D", "", "Analyst", 20.0),
            row("e", "E", "Hooli", "Analyst", 10.0),
            row("f", "F", "Hooli", "Analyst", 60.0),
            row("", "", "Hooli", "Analyst", 0.0),
            row("", "Sam Same", "Globex", "Analyst", 0.0),
            row("", "Sam Same", "Initech", "Analyst", 0.0),
            row("", "Uma Url-less", "Globex", "Analyst", 5.0),
        ];
        let after = [
            row("a", "A", "ACME Corp", "engineer", 50.0),
            row("b", "B", "Globex", "Engineer", 45.0),
            row("c", "C", "Initech LLC", "VP Sales ", 30.0),
            row("d", "D", "Hooli", "Analyst", 20.0),
            row("e", "E", "", "Head of Data", 10.0),
            row("f", "F", "Globex", "Head of Data", 70.0),
            row("", "", "Globex", "CEO", 0.0),
            row("", "Sam Same", "Hooli", "Analyst", 0.0),
            row("", "Sam Same", "Initech", "Analyst", 0.0),
            row("", "Uma Url-less", "Pied Piper", "Analyst", 5.0),
        ];
        let changes = between(&before, &after);
        let who: Vec<(&str, Changed)> =
            changes.iter().map(|c| (c.name.as_str(), c.changed)).collect();
        assert_eq!(
            who,
            [
                ("F", Changed::Both),
                ("B", Changed::Company),
                ("E", Changed::Position),
                ("Uma Url-less", Changed::Company)
            ]
        );
        let f = &changes[0];
        assert_eq!(
            (f.before(), f.after()),
            ("Analyst at Hooli".into(), "Head of Data at Globex".into())
        );
        assert_eq!(
            f.reason(),
            "new role as Head of Data at Globex since your last export — a natural moment to get \
             back in touch"
        );
        assert_eq!(
            changes[1].reason().split(" since").next(),
            Some("new role as Engineer at Globex")
        );
        assert_eq!(changes[2].reason().split(" since").next(), Some("new role as Head of Data"));
        assert_eq!(changes[3].key().as_deref(), Some("name:Uma Url-less"));
    }
}
