//! Does the score predict who stays in touch? The real-data evaluation (`netsift::evaluate`,
//! protocol in `benches/data/README.md`): the logs read in either shape, an ego's export reads
//! as that person's own, the baselines reproduce the data README's table, and the score ranks
//! at least as well as the best baseline on a fixed subset of egos.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use netsift::backtest::Baselines;
use netsift::evaluate::{self, BASELINES, Case, Cell, Dataset, Log};
use netsift::interactions::Interactions;
use netsift::model::Model;
use netsift::people::{OwnerMethod, ProfileKey};
use netsift::sample::{person_url, write_ego_export};

use crate::util::TestDir;

/// The log of `dataset`, read once for all tests.
fn log(dataset: Dataset) -> &'static Log {
    static LOGS: [OnceLock<Log>; 2] = [OnceLock::new(), OnceLock::new()];
    LOGS[dataset as usize].get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
        Log::read(&data.join(dataset.file())).expect("read the log")
    })
}

/// The cell of `dataset` with this split (`D = 100`, `F = 0.7`).
fn cell(dataset: Dataset, split: &str) -> Cell {
    let cells = log(dataset).cells();
    cells.into_iter().find(|c| c.split == split).expect("a cell of the protocol")
}

/// The id of a `person-17` profile.
fn id_of(key: &ProfileKey) -> u32 {
    key.slug().strip_prefix("person-").and_then(|n| n.parse().ok()).expect("a person-N slug")
}

#[test]
fn logs_read_in_either_shape_gzipped_or_not() {
    let dir = TestDir::new("predict-logs");
    let college = dir.create(
        "college.csv",
        "Source,Target,Timestamp\n1,2,4/15/04 2:56 PM\n2,1,12/1/04 12:05 AM\n",
    );
    let log = Log::read(&college).unwrap();
    assert_eq!(log.dataset, Dataset::CollegeMsg);
    let times: Vec<i64> = log.messages.iter().map(|m| m.time).collect();
    // 2004-04-15 14:56 and 2004-12-01 00:05, UTC.
    assert_eq!(times, [1_082_040_960, 1_101_859_500]);
    let enron =
        dir.create("enron.csv", "message,unix_time,sender,recipients\n1,910930020,138,59;15\n");
    let log = Log::read(&enron).unwrap();
    assert_eq!((log.dataset, &log.messages[0].recipients[..]), (Dataset::Enron, &[59, 15][..]));
    let broken =
        dir.create("broken.csv", "Source,Target,Timestamp\n1,2,4/15/04 2:56 PM\n1,2,soon\n");
    let err = Log::read(&broken).unwrap_err().to_string();
    assert!(err.ends_with("broken.csv:3: unreadable timestamp \"soon\""), "{err}");
    // The shipped file is gzipped: 59,835 messages.
    assert_eq!(self::log(Dataset::CollegeMsg).messages.len(), 59_835);
    assert_eq!(self::log(Dataset::Enron).messages.len(), 21_635);
}

/// Every message of `case` as (time, sent by the ego, the others it links to), sorted.
fn expected_links(case: &Case) -> Vec<(i64, bool, Vec<u32>)> {
    let mut out: Vec<(i64, bool, Vec<u32>)> = case
        .before
        .iter()
        .map(|m| {
            let sent = m.sender == case.ego;
            let mut others: Vec<u32> = match sent {
                true => m.recipients.iter().copied().filter(|&r| r != case.ego).collect(),
                false => vec![m.sender],
            };
            others.sort_unstable();
            (m.time, sent, others)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_ego_export_reads_as_the_ego_s_own() {
    let dir = TestDir::new("predict-ego");
    for (dataset, split) in [(Dataset::Enron, "F = 0.7"), (Dataset::CollegeMsg, "D = 60")] {
        let cell = cell(dataset, split);
        let case = &evaluate::cases(log(dataset), &cell)[0];
        let date = cell.export_date().unwrap();
        let path = write_ego_export(case.ego, &case.before, date, &dir.path(split)).unwrap();
        let loaded = netsift::load(&path, None, &netsift::progress::Silent).unwrap();
        let (export, people) = (&loaded.export, &loaded.people);
        assert_eq!(export.export_date, Some(date));
        assert_eq!(people.owner.method, OwnerMethod::Invitations);
        assert_eq!(people.owner.url(), Some(person_url(case.ego)));
        // Every correspondent is a connection, connected on the day of the first message.
        let mut first: BTreeMap<u32, i64> = BTreeMap::new();
        for (t, _, others) in expected_links(case) {
            for x in others {
                first.entry(x).or_insert(t);
            }
        }
        assert_eq!(export.connections.len(), case.connections.len());
        for (i, c) in export.connections.iter().enumerate() {
            let person = &people.persons[i];
            assert!(people.is_connection(i as u32), "{person:?}");
            let id = id_of(person.key.as_ref().expect("a profile URL"));
            let day = jiff::Timestamp::from_second(first[&id]).unwrap();
            assert_eq!(c.connected_on, Some(day.to_zoned(jiff::tz::TimeZone::UTC).date()));
        }
        // Every message is there, linked to the right people.
        let mut linked: Vec<(i64, bool, Vec<u32>)> = (0..export.messages.rows.len())
            .map(|i| {
                let ids = people.links.counterparts(i).iter();
                let mut others: Vec<u32> =
                    ids.map(|&p| id_of(people.persons[p as usize].key.as_ref().unwrap())).collect();
                others.sort_unstable();
                (
                    export.messages.rows[i].time.as_second(),
                    people.links.messages[i].outgoing,
                    others,
                )
            })
            .collect();
        linked.sort();
        assert_eq!(linked, expected_links(case));
    }
    // Enron's e-mails to several people are group conversations.
    let enron = cell(Dataset::Enron, "F = 0.7");
    let case = &evaluate::cases(log(Dataset::Enron), &enron)[0];
    assert!(case.before.iter().any(|m| m.participants().len() > 2));
}

#[test]
fn baselines_reproduce_the_data_readme() {
    // benches/data/README.md: CollegeMsg D = 100 and Enron F = 0.7, every ego.
    let table = [
        (Dataset::CollegeMsg, "D = 100", 63, [0.793, 0.696, 0.721, 0.656]),
        (Dataset::Enron, "F = 0.7", 38, [0.736, 0.758, 0.778, 0.733]),
    ];
    for (dataset, split, egos, want) in table {
        let cases = evaluate::cases(log(dataset), &cell(dataset, split));
        let got = evaluate::baseline_aucs(&cases).map(|b| (b.mean * 1000.0).round() / 1000.0);
        assert_eq!((cases.len(), got), (egos, want), "{} {split}: {BASELINES:?}", dataset.name());
    }
}

#[test]
fn backtest_counts_the_baselines_as_the_protocol_does() {
    // `netsift backtest` computes the four baselines from netsift's own events; on an ego's
    // export they must equal the harness's, counted from the raw log (group e-mails included).
    let dir = TestDir::new("predict-backtest");
    let cell = cell(Dataset::Enron, "F = 0.7");
    let model = Model::default();
    for case in evaluate::cases(log(Dataset::Enron), &cell).iter().take(3) {
        let date = cell.export_date().unwrap();
        let path = write_ego_export(case.ego, &case.before, date, &dir.path(&case.ego.to_string()))
            .unwrap();
        let loaded = netsift::load(&path, None, &netsift::progress::Silent).unwrap();
        let as_of = netsift::as_of_moment(loaded.export.export_date, &loaded.export);
        let events = Interactions::collect(&loaded.export, &loaded.people, None, &model, as_of);
        for (i, person) in loaded.people.persons.iter().enumerate() {
            let Some(key) = person.key.as_ref().filter(|_| i < loaded.export.connections.len())
            else {
                continue;
            };
            let want = case.connections.iter().find(|c| c.id == id_of(key)).unwrap().baselines;
            let b = Baselines::of(events.of(i as u32), cell.cut);
            let got = [b.recency, b.count, b.decayed, b.mutual];
            for (k, (g, w)) in got.iter().zip(want).enumerate() {
                assert!(
                    (g - w).abs() < 1e-9,
                    "ego {} person {i}: {} {g} != {w}",
                    case.ego,
                    BASELINES[k]
                );
            }
        }
    }
}

#[test]
fn score_beats_the_best_baseline_on_a_subset() {
    // The first six egos by id of one cell of each log.
    for (dataset, split) in [(Dataset::CollegeMsg, "D = 100"), (Dataset::Enron, "F = 0.7")] {
        let r = evaluate::evaluate_cell(
            log(dataset),
            &cell(dataset, split),
            Some(6),
            &Model::default(),
        )
        .unwrap();
        let best = r.best_baseline();
        assert!(
            r.margin >= 0.0,
            "{} {split}, {} egos: netsift {:.3} < {} {:.3}",
            dataset.name(),
            r.egos,
            r.netsift.mean,
            BASELINES[best],
            r.baselines[best].mean
        );
    }
}
