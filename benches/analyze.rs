//! `analyze` at LinkedIn's cap, stage by stage — interactions, features, scoring, writing the
//! report — and the whole run, on the generated `--connections 30000 --messages 1000000`
//! export (made once into `target/bench-data/`, shared with the `read` bench).
//!
//! `cargo bench --bench analyze`; smaller: `NETSIFT_BENCH_CONNECTIONS=3000
//! NETSIFT_BENCH_MESSAGES=100000 cargo bench --bench analyze`.

use std::time::Duration;

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use netsift::interactions::Interactions;
use netsift::model::Model;
use netsift::people::People;
use netsift::report::Analysis;

fn analyze(c: &mut Criterion) {
    let root = common::bench_data(false);
    let folder = root.join(common::NAME);
    let notes = root.join("notes.csv");
    let out = root.join("bench-report");
    let model = Model::default();
    let export = netsift::export::read(&folder).expect("read");
    let people = People::resolve(&export, &mut Default::default());
    let notes_read = netsift::notes::read(&notes, &people, &mut Default::default()).expect("notes");
    let as_of = netsift::as_of_moment(export.export_date, &export);

    let mut group = c.benchmark_group("analyze");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("interactions", |b| {
        b.iter(|| Interactions::collect(&export, &people, Some(&notes_read), &model, as_of))
    });
    let interactions = Interactions::collect(&export, &people, Some(&notes_read), &model, as_of);
    group.bench_function("features", |b| {
        b.iter(|| {
            netsift::features::compute(&interactions, &export, &people, &model).expect("features")
        })
    });
    let features =
        netsift::features::compute(&interactions, &export, &people, &model).expect("features");
    group.bench_function("score", |b| {
        b.iter(|| {
            netsift::score::score_all(
                &export,
                &features,
                Some(&notes_read),
                &model,
                &interactions,
                &people,
            )
        })
    });
    let scored = netsift::score::score_all(
        &export,
        &features,
        Some(&notes_read),
        &model,
        &interactions,
        &people,
    );
    let graph =
        netsift::graph::Graph::build(&export, &people, &interactions, &scored, Some(&notes_read));
    group.bench_function("graph", |b| {
        b.iter(|| {
            netsift::graph::Graph::build(
                &export,
                &people,
                &interactions,
                &scored,
                Some(&notes_read),
            )
        })
    });
    let analysis = Analysis {
        graph: &graph,
        notes: Some(&notes_read),
        export: &export,
        people: &people,
        interactions: &interactions,
        features: &features,
        scored: &scored,
        model: &model,
        as_of: as_of.as_second(),
    };
    group.bench_function("report", |b| {
        let past = netsift::report::Past::default();
        b.iter(|| netsift::report::write(&analysis, &out, &past).expect("write"))
    });
    group.bench_function("whole run", |b| {
        let request = netsift::Request {
            export: folder.clone(),
            notes: Some(notes.clone()),
            out: out.clone(),
            as_of: None,
            model: model.clone(),
            history: netsift::history::Choice::Off,
        };
        b.iter(|| netsift::analyze(&request, &netsift::progress::Silent).expect("analyze"))
    });
    group.finish();
}

criterion_group!(benches, analyze);
criterion_main!(benches);
