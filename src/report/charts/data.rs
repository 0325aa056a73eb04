//! What the charts show, computed once from an analysis: tier counts, growth per quarter by
//! today's tier, silence since the last contact, reciprocity against recency, the Dunbar
//! layers, the top companies and the network picture's layout. Drawing reads only this, so the
//! PNG, the SVG and the one-page image tell the same numbers.

use jiff::civil::Date;

use super::network::{self, Picture};
use crate::report::{Analysis, Summary};
use crate::score::{Tier, TierCounts};

const DAY: f64 = 86_400.0;

/// The buckets of days since the last interaction, and their labels.
pub const SILENCE: [(f64, &str); 7] = [
    (30.0, "< 1 month"),
    (91.0, "1–3 months"),
    (182.0, "3–6 months"),
    (365.0, "6–12 months"),
    (730.0, "1–2 years"),
    (1826.0, "2–5 years"),
    (f64::INFINITY, "5+ years"),
];

/// Everything the charts draw.
#[derive(Clone, Debug)]
pub struct ChartData {
    /// Connections in each tier.
    pub tiers: TierCounts,
    /// Connections added per quarter, by today's tier: `(year, quarter 1–4, counts)`, every
    /// quarter from the first connection to the moment of scoring.
    pub growth: Vec<(i16, u8, [usize; Tier::ALL.len()])>,
    /// Connections whose date of connecting is unknown (not in `growth`).
    pub undated: usize,
    /// Connections in each [`SILENCE`] bucket, then those never in contact.
    pub silence: [usize; 8],
    /// `(recency, reciprocity, tier)` of every connection with any contact, one point per
    /// distinct position on a 400 × 400 grid (a point drawn twice adds nothing to the picture).
    pub points: Vec<(f64, f64, Tier)>,
    /// Connections at or above each layer's score, and Dunbar's sizes.
    pub layers: ([usize; 4], [usize; 4]),
    /// The largest employers: name, connections, living relationships.
    pub companies: Vec<(String, usize, usize)>,
    /// The network around the owner.
    pub network: Picture,
    /// Tier counts of every stored run and this one, oldest first (empty without history).
    pub trend: Vec<(Date, TierCounts)>,
    /// The moment of scoring.
    pub as_of: String,
    /// Connections scored.
    pub connections: usize,
}

impl ChartData {
    /// The numbers behind every chart of an analysis.
    pub fn new(a: &Analysis<'_>, summary: &Summary) -> ChartData {
        let mut silence = [0; 8];
        let mut seen = foldhash::HashSet::default();
        let mut points = Vec::new();
        let mut dated: Vec<(Date, Tier)> = Vec::new();
        for s in a.scored {
            let f = &a.features[s.connection];
            match f.last {
                Some(last) => {
                    let days = (a.as_of - last).max(0) as f64 / DAY;
                    let bucket = SILENCE.iter().position(|&(max, _)| days < max).unwrap_or(6);
                    silence[bucket] += 1;
                    let (x, y) = (s.components.recency, s.components.reciprocity);
                    let cell = ((x * 400.0) as u32, (y * 400.0) as u32, s.tier);
                    if seen.insert(cell) {
                        points.push((x, y, s.tier));
                    }
                }
                None => silence[7] += 1,
            }
            if let Some(d) = a.export.connections[s.connection].connected_on {
                dated.push((d, s.tier));
            }
        }
        let l = &summary.layers;
        ChartData {
            tiers: summary.tiers,
            growth: quarters(&dated, crate::score::day_of(a.as_of)),
            undated: a.scored.len() - dated.len(),
            silence,
            points,
            layers: ([l.support, l.sympathy, l.affinity, l.active], l.reference),
            companies: a
                .graph
                .companies
                .iter()
                .take(12)
                .map(|c| (c.name.clone(), c.connections, c.living))
                .collect(),
            network: network::layout(a),
            trend: Vec::new(),
            as_of: summary.as_of.clone(),
            connections: a.scored.len(),
        }
    }

    /// Core and active together.
    pub fn living(&self) -> usize {
        self.tiers.living() as usize
    }
}

/// Counts per quarter and tier, every quarter from the first to `until` (or the last dated).
fn quarters(
    dated: &[(Date, Tier)],
    until: Option<Date>,
) -> Vec<(i16, u8, [usize; Tier::ALL.len()])> {
    let quarter = |d: Date| (d.year(), ((d.month() - 1) / 3 + 1) as u8);
    let Some(first) = dated.iter().map(|&(d, _)| quarter(d)).min() else { return Vec::new() };
    let last = dated.iter().map(|&(d, _)| quarter(d)).chain(until.map(quarter)).max();
    let last = last.unwrap_or(first);
    let index = |(y, q): (i16, u8)| (i32::from(y) - i32::from(first.0)) * 4 + i32::from(q) - 1;
    let len = index(last) + 1 - i32::from(first.1) + 1;
    let mut out: Vec<(i16, u8, [usize; Tier::ALL.len()])> = (0..len.max(1))
        .map(|i| {
            let q = i32::from(first.1) - 1 + i;
            ((i32::from(first.0) + q / 4) as i16, (q % 4 + 1) as u8, [0; Tier::ALL.len()])
        })
        .collect();
    for &(d, tier) in dated {
        let i = (index(quarter(d)) - (i32::from(first.1) - 1)) as usize;
        if let Some(slot) = out.get_mut(i) {
            slot.2[tier as usize] += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_cover_every_quarter_from_the_first_to_the_end() {
        let d = |y, m| Date::new(y, m, 15).unwrap();
        let dated =
            [(d(2023, 11), Tier::Clutter), (d(2024, 5), Tier::Core), (d(2024, 6), Tier::New)];
        let q = quarters(&dated, Some(d(2025, 1)));
        let labels: Vec<(i16, u8)> = q.iter().map(|&(y, q, _)| (y, q)).collect();
        assert_eq!(labels, [(2023, 4), (2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1)]);
        assert_eq!(q[0].2[Tier::Clutter as usize], 1);
        assert_eq!(q[2].2[Tier::Core as usize], 1);
        assert_eq!(q[2].2[Tier::New as usize], 1);
        assert_eq!(q.iter().map(|x| x.2.iter().sum::<usize>()).sum::<usize>(), 3);
        assert!(quarters(&[], None).is_empty());
    }
}
