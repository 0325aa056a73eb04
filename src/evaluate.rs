//! The real-data evaluation of the score: the harness behind `examples/evaluate.rs` and the
//! `predict` tests, not a user command. It judges netsift's score by the protocol of
//! `benches/data/README.md` on two public communication logs, CollegeMsg and Enron.
//!
//! A log ([`Log::read`], plain or gzipped CSV) is cut at a time T ([`Cell`]: three cuts per
//! log). Every person with enough correspondents up to T becomes an ego: their messages up to
//! T are written as their own LinkedIn export ([`crate::sample::write_ego_export`]) and scored
//! by the very code `analyze` runs, [`crate::load`] then [`crate::score`] as of the export's
//! date. A connection is positive when the ego and that person exchanged any message after T.
//! Per ego, the ROC AUC of the score is set beside four one-line baselines computed from the
//! raw log (recency, count, decayed volume, mutual), independently of netsift; a cell reports
//! the mean over egos (macro AUC), its spread, and netsift's margin over the best baseline.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use rayon::prelude::*;

use crate::backtest::roc_auc;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::people::ProfileKey;
use crate::sample::{LogMessage, person_url, write_ego_export};

const DAY: i64 = 86_400;
/// The half-life of the decayed-volume baseline, in days.
const HALF_LIFE_DAYS: f64 = 180.0;
/// The horizon of `p_contact_90d`, in days.
const HORIZON_DAYS: i64 = 90;

/// The four baselines, in the order of [`Connection::baselines`].
pub const BASELINES: [&str; 4] = ["recency", "count", "decayed 180 d", "mutual"];

/// The two logs the protocol uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// Private messages of an online student community (`Source,Target,Timestamp`).
    CollegeMsg,
    /// E-mail among Enron employees (`message,unix_time,sender,recipients`).
    Enron,
}

impl Dataset {
    /// Its name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::CollegeMsg => "CollegeMsg",
            Dataset::Enron => "Enron",
        }
    }

    /// Its file in the data folder.
    pub fn file(self) -> &'static str {
        match self {
            Dataset::CollegeMsg => "collegemsg.csv.gz",
            Dataset::Enron => "enron-emails.csv.gz",
        }
    }

    /// The fewest correspondents up to T that make someone an ego.
    pub fn min_correspondents(self) -> usize {
        match self {
            Dataset::CollegeMsg => 50,
            Dataset::Enron => 20,
        }
    }
}

/// A timestamped message log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Log {
    /// Which shape the file had.
    pub dataset: Dataset,
    /// The messages, oldest first (the file's order among messages of the same second).
    pub messages: Vec<LogMessage>,
}

/// An error at line `line` of the log `path`.
fn bad(path: &Path, line: u64, message: String) -> Error {
    Error::Input { file: format!("{}:{line}", path.display()), message }
}

impl Log {
    /// Reads a log, gzipped or plain: CollegeMsg's `Source,Target,Timestamp` (timestamps like
    /// `4/15/04 2:56 PM`, read as UTC) or Enron's `message,unix_time,sender,recipients`
    /// (recipients joined by `;`); columns are found by name.
    pub fn read(path: &Path) -> Result<Log> {
        let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::with_capacity(raw.len() * 4);
            flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .map_err(|e| Error::io(path, e))?;
            out
        } else {
            raw
        };
        let mut reader = csv::Reader::from_reader(&bytes[..]);
        let header = reader.headers().map_err(|e| bad(path, 1, e.to_string()))?.clone();
        let col = |name: &str| header.iter().position(|h| h.trim() == name);
        let (dataset, columns) = match [col("Source"), col("Target"), col("Timestamp")] {
            [Some(a), Some(b), Some(c)] => (Dataset::CollegeMsg, [a, b, c]),
            _ => match [col("unix_time"), col("sender"), col("recipients")] {
                [Some(a), Some(b), Some(c)] => (Dataset::Enron, [a, b, c]),
                _ => {
                    let found = header.iter().collect::<Vec<_>>().join(",");
                    let message = format!(
                        "neither Source,Target,Timestamp nor unix_time,sender,recipients in the header ({found})"
                    );
                    return Err(bad(path, 1, message));
                }
            },
        };
        let mut messages = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| bad(path, 0, e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(columns[i]).unwrap_or("").trim();
            let m = match dataset {
                Dataset::CollegeMsg => college_message(field(0), field(1), field(2)),
                Dataset::Enron => enron_message(field(0), field(1), field(2)),
            };
            messages.push(m.map_err(|e| bad(path, line, e))?);
        }
        messages.sort_by_key(|m| m.time);
        Ok(Log { dataset, messages })
    }

    /// The protocol's three cuts of this log.
    pub fn cells(&self) -> Vec<Cell> {
        let times = self.messages.iter().map(|m| m.time);
        let (Some(first), Some(last)) = (times.clone().min(), times.max()) else {
            return Vec::new();
        };
        let cell = |split: String, cut: i64| Cell { dataset: self.dataset, split, cut };
        match self.dataset {
            Dataset::CollegeMsg => {
                [60, 100, 130].map(|d| cell(format!("D = {d}"), first + d * DAY)).into()
            }
            Dataset::Enron => [0.6, 0.65, 0.7]
                .map(|f| {
                    let at = first as f64 + f * (last - first) as f64;
                    let day = (at / DAY as f64).floor() as i64;
                    cell(format!("F = {f}"), day * DAY + DAY - 1)
                })
                .into(),
        }
    }
}

fn id(s: &str) -> std::result::Result<u32, String> {
    s.parse().map_err(|_| format!("{s:?} is not a person id"))
}

/// A CollegeMsg row: one message from `source` to `target` at `stamp`.
fn college_message(source: &str, target: &str, stamp: &str) -> Result<LogMessage, String> {
    let time = college_time(stamp).ok_or_else(|| format!("unreadable timestamp {stamp:?}"))?;
    Ok(LogMessage { time, sender: id(source)?, recipients: vec![id(target)?] })
}

/// `4/15/04 2:56 PM`, read as UTC, in seconds since 1970.
fn college_time(s: &str) -> Option<i64> {
    let mut words = s.split_whitespace();
    let (date, clock, half) = (words.next()?, words.next()?, words.next()?);
    let mut mdy = date.split('/').map(|p| p.parse::<i16>().ok());
    let (month, day, yy) = (mdy.next()??, mdy.next()??, mdy.next()??);
    let (h, min) = clock.split_once(':')?;
    let (h, min) = (h.parse::<i8>().ok().filter(|h| (1..=12).contains(h))?, min.parse().ok()?);
    let hour = match half.to_ascii_uppercase().as_str() {
        "AM" => h % 12,
        "PM" => h % 12 + 12,
        _ => return None,
    };
    if words.next().is_some() || mdy.next().is_some() {
        return None;
    }
    let year = match yy {
        0..=68 => 2000 + yy,
        69..=99 => 1900 + yy,
        _ => yy,
    };
    let at =
        DateTime::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?, hour, min, 0, 0);
    Some(at.ok()?.to_zoned(TimeZone::UTC).ok()?.timestamp().as_second())
}

/// An Enron row: one e-mail from `sender` at `time` to the `;`-joined `recipients`.
fn enron_message(time: &str, sender: &str, recipients: &str) -> Result<LogMessage, String> {
    let time = time.parse().map_err(|_| format!("unreadable unix_time {time:?}"))?;
    let mut to: Vec<u32> = Vec::new();
    for r in recipients.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let r = id(r)?;
        if !to.contains(&r) {
            to.push(r);
        }
    }
    if to.is_empty() {
        return Err("no recipients".to_string());
    }
    Ok(LogMessage { time, sender: id(sender)?, recipients: to })
}

/// One split of a log: the protocol's time T, and who qualifies as an ego.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The log.
    pub dataset: Dataset,
    /// `D = 60` (days after the first message) or `F = 0.6` (fraction of the span).
    pub split: String,
    /// T, in seconds since 1970: messages up to it (inclusive) are known, later ones are the
    /// future that labels the connections.
    pub cut: i64,
}

impl Cell {
    /// T's UTC date: the date of every ego's export, and so of netsift's scoring.
    pub fn export_date(&self) -> Result<Date> {
        let at = jiff::Timestamp::from_second(self.cut)
            .map_err(|e| Error::Usage(format!("the cut {} is out of range: {e}", self.cut)))?;
        Ok(at.to_zoned(TimeZone::UTC).date())
    }
}

/// One connection of an ego at T: who, the label, and the baselines.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    /// The correspondent's id in the log.
    pub id: u32,
    /// The ego and they exchanged a message after T.
    pub positive: bool,
    /// The ego and they exchanged a message within the 90 days after T.
    pub within_90_days: bool,
    /// Recency (−days since the last message), count, decayed volume (sum of
    /// 0.5^(age in days / 180)), mutual (min(sent, received)): see [`BASELINES`].
    pub baselines: [f64; 4],
}

/// One ego of a cell: the messages their export holds, and their connections.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// The ego's id in the log.
    pub ego: u32,
    /// Every message up to T that the ego sent or received, oldest first.
    pub before: Vec<LogMessage>,
    /// Everyone the ego exchanged a message with up to T, by id.
    pub connections: Vec<Connection>,
}

/// What the baselines count of one correspondent's messages up to T.
#[derive(Default)]
struct Tally {
    last: i64,
    count: u32,
    decayed: f64,
    sent: u32,
    received: u32,
}

impl Tally {
    fn add(&mut self, time: i64, sent: bool, cut: i64) {
        self.last = if self.count == 0 { time } else { self.last.max(time) };
        self.count += 1;
        self.decayed += 0.5f64.powf((cut - time) as f64 / DAY as f64 / HALF_LIFE_DAYS);
        if sent { self.sent += 1 } else { self.received += 1 }
    }

    fn baselines(&self, cut: i64) -> [f64; 4] {
        let recency = -((cut - self.last) as f64) / DAY as f64;
        [recency, f64::from(self.count), self.decayed, f64::from(self.sent.min(self.received))]
    }
}

/// Whom a message counts for, from the ego's side: each recipient when the ego sent it
/// (`true`), its sender when the ego received it (`false`); nobody otherwise.
fn counted_for(ego: u32, m: &LogMessage) -> Vec<(u32, bool)> {
    if m.sender == ego {
        m.recipients.iter().filter(|&&r| r != ego).map(|&r| (r, true)).collect()
    } else if m.recipients.contains(&ego) {
        vec![(m.sender, false)]
    } else {
        Vec::new()
    }
}

/// The egos of `cell`, by id: everyone with at least the dataset's minimum of correspondents
/// up to T whose connections are of both classes (some in touch after T, some not).
pub fn cases(log: &Log, cell: &Cell) -> Vec<Case> {
    let mut of: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, m) in log.messages.iter().enumerate() {
        for p in m.participants() {
            of.entry(p).or_default().push(i);
        }
    }
    let min = log.dataset.min_correspondents();
    of.into_par_iter()
        .filter_map(|(ego, idx)| case(ego, idx.iter().map(|&i| &log.messages[i]), cell.cut, min))
        .collect()
}

/// The case of `ego`, from the messages they took part in; `None` when they do not qualify.
fn case<'a>(
    ego: u32,
    messages: impl Iterator<Item = &'a LogMessage>,
    cut: i64,
    min: usize,
) -> Option<Case> {
    let (mut before, mut tallies) = (Vec::new(), BTreeMap::<u32, Tally>::new());
    let mut after: HashSet<u32> = HashSet::new();
    let mut soon: HashSet<u32> = HashSet::new();
    for m in messages {
        let counted = counted_for(ego, m);
        if counted.is_empty() {
            continue;
        }
        if m.time <= cut {
            before.push(m.clone());
            for (x, sent) in counted {
                tallies.entry(x).or_default().add(m.time, sent, cut);
            }
        } else {
            if m.time <= cut + HORIZON_DAYS * DAY {
                soon.extend(counted.iter().map(|&(x, _)| x));
            }
            after.extend(counted.into_iter().map(|(x, _)| x));
        }
    }
    let connections: Vec<Connection> = tallies
        .into_iter()
        .map(|(id, t)| Connection {
            id,
            positive: after.contains(&id),
            within_90_days: soon.contains(&id),
            baselines: t.baselines(cut),
        })
        .collect();
    let positives = connections.iter().filter(|c| c.positive).count();
    let qualifies = connections.len() >= min && positives > 0 && positives < connections.len();
    qualifies.then_some(Case { ego, before, connections })
}

/// A folder under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("netsift-evaluate-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What netsift said of one connection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Predicted {
    /// The 0–100 score.
    pub score: f64,
    /// The chance of contact within 90 days.
    pub p_contact: f64,
    /// The vitality the two come from (every connection here has some contact).
    pub vitality: f64,
}

/// What netsift says of each of the case's connections (in their order): the ego's export is
/// written into a temporary folder, read and scored as `analyze` does, as of its date. An
/// error when netsift does not take the ego as the owner or leaves a correspondent unscored.
pub fn netsift_scores(case: &Case, export_date: Date, model: &Model) -> Result<Vec<Predicted>> {
    let dir = Scratch::new()?;
    let export = write_ego_export(case.ego, &case.before, export_date, &dir.0)
        .map_err(|e| Error::io(&dir.0, e))?;
    let loaded = crate::load(&export, None, &crate::progress::Silent)?;
    let fail = |message: String| Error::Input { file: export.display().to_string(), message };
    let ego = ProfileKey::parse(&person_url(case.ego));
    if loaded.people.owner.key != ego || loaded.export.export_date != Some(export_date) {
        let owner = loaded.people.owner.url();
        return Err(fail(format!(
            "read as the export of {owner:?} on {:?}",
            loaded.export.export_date
        )));
    }
    let as_of = crate::as_of_moment(loaded.export.export_date, &loaded.export);
    let scoring = crate::score(&loaded, as_of, model, &crate::progress::Silent)?;
    let connections = &loaded.export.connections;
    let by_key: HashMap<ProfileKey, Predicted> = scoring
        .scored
        .iter()
        .filter_map(|s| {
            let key = ProfileKey::parse(connections[s.connection].url.as_deref()?)?;
            let vitality = s.vitality?;
            Some((key, Predicted { score: s.score, p_contact: s.p_contact, vitality }))
        })
        .collect();
    case.connections
        .iter()
        .map(|c| {
            let key = ProfileKey::parse(&person_url(c.id));
            let score = key.and_then(|k| by_key.get(&k).copied());
            score.ok_or_else(|| fail(format!("person {} is not a scored connection", c.id)))
        })
        .collect()
}

/// The ROC AUC of `values` (one per connection of `case`) against the labels.
fn auc(case: &Case, values: impl Iterator<Item = f64>) -> f64 {
    let pairs: Vec<(f64, bool)> = values.zip(case.connections.iter().map(|c| c.positive)).collect();
    roc_auc(&pairs).unwrap_or(f64::NAN)
}

/// A macro AUC: the mean of per-ego AUCs, and how it spreads across egos.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MacroAuc {
    /// The mean over egos (NaN without any).
    pub mean: f64,
    /// The standard deviation across egos (sample, n − 1; 0 for one ego).
    pub sd: f64,
    /// The normal 95 % confidence interval of the mean: mean ± 1.96 sd / √n.
    pub ci95: (f64, f64),
}

impl MacroAuc {
    /// Of the per-ego AUCs `aucs`.
    pub fn of(aucs: &[f64]) -> MacroAuc {
        let n = aucs.len() as f64;
        let mean = aucs.iter().sum::<f64>() / n;
        let var = aucs.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
        let half = 1.96 * var.sqrt() / n.sqrt();
        MacroAuc { mean, sd: var.sqrt(), ci95: (mean - half, mean + half) }
    }
}

/// The baselines' macro AUCs over `cases`, in the order of [`BASELINES`].
pub fn baseline_aucs(cases: &[Case]) -> [MacroAuc; 4] {
    std::array::from_fn(|k| {
        let aucs: Vec<f64> =
            cases.iter().map(|c| auc(c, c.connections.iter().map(|x| x.baselines[k]))).collect();
        MacroAuc::of(&aucs)
    })
}

/// What one cell found.
#[derive(Clone, Debug, PartialEq)]
pub struct CellResult {
    /// The cell.
    pub cell: Cell,
    /// Egos evaluated.
    pub egos: usize,
    /// Their connections, all egos together.
    pub connections: usize,
    /// Of which in touch after T.
    pub positives: usize,
    /// netsift's score.
    pub netsift: MacroAuc,
    /// The baselines, in the order of [`BASELINES`].
    pub baselines: [MacroAuc; 4],
    /// netsift's mean minus the best baseline's.
    pub margin: f64,
    /// What netsift said of every connection beside whether they were in touch within 90 days
    /// of T; empty when the log ends less than 90 days after T.
    pub within_90_days: Vec<(Predicted, bool)>,
}

impl CellResult {
    /// The index in [`BASELINES`] of the best baseline.
    pub fn best_baseline(&self) -> usize {
        (0..4)
            .max_by(|&a, &b| self.baselines[a].mean.total_cmp(&self.baselines[b].mean))
            .unwrap_or(0)
    }
}

/// Evaluates `cell` of `log` under `model`: every ego, or the first `limit` by id (a fast
/// subset).
pub fn evaluate_cell(
    log: &Log,
    cell: &Cell,
    limit: Option<usize>,
    model: &Model,
) -> Result<CellResult> {
    let mut cases = cases(log, cell);
    cases.truncate(limit.unwrap_or(usize::MAX));
    let date = cell.export_date()?;
    let scored: Vec<Vec<Predicted>> =
        cases.par_iter().map(|c| netsift_scores(c, date, model)).collect::<Result<_>>()?;
    let aucs: Vec<f64> =
        cases.iter().zip(&scored).map(|(c, s)| auc(c, s.iter().map(|x| x.score))).collect();
    let netsift = MacroAuc::of(&aucs);
    let end = log.messages.iter().map(|m| m.time).max().unwrap_or(cell.cut);
    let covered = end >= cell.cut + HORIZON_DAYS * DAY;
    let labels = cases.iter().flat_map(|c| c.connections.iter().map(|x| x.within_90_days));
    let within_90_days: Vec<(Predicted, bool)> = match covered {
        true => scored.iter().flatten().copied().zip(labels).collect(),
        false => Vec::new(),
    };
    let baselines = baseline_aucs(&cases);
    let best = baselines.iter().map(|b| b.mean).fold(f64::NEG_INFINITY, f64::max);
    let connections = cases.iter().map(|c| c.connections.len()).sum();
    let positives = cases.iter().flat_map(|c| &c.connections).filter(|c| c.positive).count();
    Ok(CellResult {
        cell: cell.clone(),
        egos: cases.len(),
        connections,
        positives,
        netsift,
        baselines,
        margin: netsift.mean - best,
        within_90_days,
    })
}

/// The six cells: both logs of `data` (`collegemsg.csv.gz`, `enron-emails.csv.gz`), each ego
/// or the first `limit` of each cell.
pub fn run(data: &Path, limit: Option<usize>, model: &Model) -> Result<Vec<CellResult>> {
    let mut results = Vec::new();
    for dataset in [Dataset::CollegeMsg, Dataset::Enron] {
        let log = Log::read(&data.join(dataset.file()))?;
        for cell in log.cells() {
            results.push(evaluate_cell(&log, &cell, limit, model)?);
        }
    }
    Ok(results)
}

/// The results as a markdown table, the best baseline of each cell in bold, then the mean
/// margin and netsift's confidence intervals.
pub fn markdown(results: &[CellResult]) -> String {
    let mut out = String::from(
        "| dataset | split | egos | connections | positives | netsift ± sd | recency | count \
         | decayed 180 d | mutual | margin |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in results {
        let best = r.best_baseline();
        let base = r.baselines.iter().enumerate().map(|(k, b)| match k == best {
            true => format!("**{:.3}**", b.mean),
            false => format!("{:.3}", b.mean),
        });
        out += &format!(
            "| {} | {} | {} | {} | {} | {:.3} ± {:.3} | {} | {:+.3} |\n",
            r.cell.dataset.name(),
            r.cell.split,
            r.egos,
            r.connections,
            r.positives,
            r.netsift.mean,
            r.netsift.sd,
            base.collect::<Vec<_>>().join(" | "),
            r.margin
        );
    }
    let mean = results.iter().map(|r| r.margin).sum::<f64>() / results.len() as f64;
    out += &format!("\nmean margin (netsift − best baseline): {mean:+.3}\n");
    for r in results {
        let (lo, hi) = r.netsift.ci95;
        let name = format!("{}, {}", r.cell.dataset.name(), r.cell.split);
        out += &format!("netsift 95 % CI of the mean, {name}: {lo:.3} – {hi:.3}\n");
    }
    out
}

/// How well predicted chances match what happened: reliability by predicted decile, the Brier
/// score beside that of always predicting the base rate, and the expected calibration error.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// Per decile of the predicted chance (0–10 %, …, 90–100 %): connections, mean predicted,
    /// observed frequency.
    pub deciles: Vec<(usize, f64, f64)>,
    /// Mean squared error of the predictions.
    pub brier: f64,
    /// The same, predicting the base rate for everyone.
    pub brier_base_rate: f64,
    /// The share in touch within 90 days.
    pub base_rate: f64,
    /// Σ over deciles of (share of connections) × |mean predicted − observed|.
    pub ece: f64,
    /// Connections.
    pub n: usize,
}

impl Calibration {
    /// Of `(predicted chance, in touch)` pairs.
    pub fn of(pairs: &[(f64, bool)]) -> Calibration {
        let n = pairs.len().max(1) as f64;
        let y = |b: bool| f64::from(u8::from(b));
        let base_rate = pairs.iter().map(|p| y(p.1)).sum::<f64>() / n;
        let brier = pairs.iter().map(|p| (p.0 - y(p.1)).powi(2)).sum::<f64>() / n;
        let brier_base_rate = pairs.iter().map(|p| (base_rate - y(p.1)).powi(2)).sum::<f64>() / n;
        let mut bins = vec![(0usize, 0.0, 0.0); 10];
        for &(p, label) in pairs {
            let b = &mut bins[((p * 10.0) as usize).min(9)];
            (b.0, b.1, b.2) = (b.0 + 1, b.1 + p, b.2 + y(label));
        }
        let deciles: Vec<(usize, f64, f64)> = bins
            .into_iter()
            .map(|(k, p, o)| (k, p / k.max(1) as f64, o / k.max(1) as f64))
            .collect();
        let ece = deciles.iter().map(|&(k, p, o)| k as f64 / n * (p - o).abs()).sum();
        Calibration { deciles, brier, brier_base_rate, base_rate, ece, n: pairs.len() }
    }

    /// As a markdown table, then the Brier scores and the ECE.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| predicted | connections | mean predicted | observed |\n|---|---|---|---|\n",
        );
        for (d, &(k, p, o)) in self.deciles.iter().enumerate().filter(|(_, d)| d.0 > 0) {
            out += &format!("| {}–{} % | {k} | {:.3} | {:.3} |\n", 10 * d, 10 * d + 10, p, o);
        }
        out + &format!(
            "Brier {:.4} (base rate {:.3} predicted for all: {:.4}); expected calibration \
             error {:.4}; {} connections\n",
            self.brier, self.base_rate, self.brier_base_rate, self.ece, self.n
        )
    }
}
