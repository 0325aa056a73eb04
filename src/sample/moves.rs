//! Jobs in a later export of the same people ([`super::Later`]): a known set of connections
//! moved to another employer, another title, or both; a few employers renamed only in case or
//! legal suffix (`Acme Corp` → `ACME CORP, LLC`: the same employer); and a company and a title
//! left blank (a missing value). Only the movers changed jobs — what netsift's job changes
//! (`crate::history::jobs`) must find, and `truth.csv` lists.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::names::{COMPANY, TITLE};
use super::world::Person;

/// A connection's company and position as Connections.csv writes them, and how they came to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Job {
    pub(super) company: String,
    pub(super) position: String,
    /// Moved to another employer or title since the earlier export.
    pub(super) moved: bool,
    /// Not moved, but their employer's name is written differently (case or legal suffix).
    pub(super) renamed: bool,
}

impl Job {
    /// The job as the world drew it.
    pub(super) fn of(p: &Person) -> Job {
        Job { company: p.company.into(), position: p.position.into(), moved: false, renamed: false }
    }
}

/// Employers renamed in a later export.
const RENAMED: usize = 3;

/// The jobs of `people` in a later export in which `moves` of the `visible` ones moved.
pub(super) fn later(
    people: &[Person],
    visible: &[usize],
    moves: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Job> {
    let mut jobs: Vec<Job> = people.iter().map(Job::of).collect();
    let mut order = visible.to_vec();
    order.shuffle(rng);
    let (movers, rest) = order.split_at(moves.min(order.len()));
    for &i in movers {
        move_job(&mut jobs[i], rng);
    }
    // A missing value is not a change: one company and one title left blank.
    if let [a, b, ..] = rest {
        jobs[*a].company.clear();
        jobs[*b].position.clear();
    }
    let mut employers: Vec<&str> = COMPANY.split('|').filter(|c| *c != "Self-employed").collect();
    employers.shuffle(rng);
    for (k, employer) in employers.into_iter().take(RENAMED).enumerate() {
        for job in jobs.iter_mut().filter(|j| j.company == employer) {
            job.company = renamed(employer, k);
            job.renamed = !job.moved;
        }
    }
    jobs
}

/// Another employer, another title, or both: never the same one again (every name in the
/// lists is another employer or title). Without a company, the title changes.
fn move_job(job: &mut Job, rng: &mut ChaCha8Rng) {
    let other = |rng: &mut ChaCha8Rng, list: &'static str, now: &str| loop {
        let pick = super::names::pick(rng, list);
        if pick != now {
            return pick.to_string();
        }
    };
    let what = if job.company.is_empty() { 1 } else { rng.random_range(0..3) };
    if what != 1 {
        job.company = other(rng, COMPANY, &job.company);
    }
    if what != 0 {
        job.position = other(rng, TITLE, &job.position);
    }
    job.moved = true;
}

/// The same employer written another way: upper case, and a legal suffix added or not.
fn renamed(employer: &str, k: usize) -> String {
    match k % 3 {
        0 => employer.to_uppercase(),
        1 => format!("{} Inc.", employer.to_uppercase()),
        _ => format!("{}, LLC", employer.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::company;

    #[test]
    fn a_rename_is_the_same_employer_and_every_other_name_another() {
        let employers: Vec<&str> = COMPANY.split('|').collect();
        for e in &employers {
            for k in 0..3 {
                assert_eq!(company::key(&renamed(e, k)), company::key(e), "{e} #{k}");
                assert_ne!(renamed(e, k), *e);
            }
        }
        let mut keys: Vec<String> = employers.iter().map(|e| company::key(e)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), employers.len(), "every employer its own");
        let mut titles: Vec<Vec<String>> = TITLE.split('|').map(company::words).collect();
        let n = titles.len();
        titles.sort();
        titles.dedup();
        assert_eq!(titles.len(), n, "every title its own words");
    }
}
