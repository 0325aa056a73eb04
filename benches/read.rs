//! Reading an export at LinkedIn's cap: `export::read` (folder and zip) and identity
//! resolution on a generated `--connections 30000 --messages 1000000` export, beside a bare
//! `csv::ByteRecord` pass over the same files — the practical floor.
//!
//! `cargo bench --bench read`; a smaller export with `NETSIFT_BENCH_CONNECTIONS=3000
//! NETSIFT_BENCH_MESSAGES=100000 cargo bench --bench read`. The export is generated once into
//! `target/bench-data/` and reused.

use std::path::PathBuf;
use std::time::Duration;

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The generated export (folder and zip) and the bytes of the files netsift reads.
struct Data {
    folder: PathBuf,
    zip: PathBuf,
    files: Vec<PathBuf>,
    bytes: u64,
}

fn data() -> Data {
    let root = common::bench_data(true);
    let name = common::NAME;
    let folder = root.join(name);
    let read =
        ["Connections.csv", "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv"];
    let files: Vec<PathBuf> = read.iter().map(|f| folder.join(f)).filter(|p| p.exists()).collect();
    let bytes = files.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
    Data { zip: root.join(format!("{name}.zip")), folder, files, bytes }
}

fn read(c: &mut Criterion) {
    let data = data();
    let mut group = c.benchmark_group("read");
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Bytes(data.bytes));
    group.bench_function("bare csv ByteRecord pass", |b| b.iter(|| common::bare_pass(&data.files)));
    group.bench_function("export::read folder", |b| {
        b.iter(|| netsift::export::read(&data.folder).expect("read"))
    });
    group.bench_function("export::read zip", |b| {
        b.iter(|| netsift::export::read(&data.zip).expect("read"))
    });
    let export = netsift::export::read(&data.folder).expect("read");
    group.bench_function("people::resolve", |b| {
        b.iter(|| {
            let mut diags = netsift::diag::Diagnostics::default();
            netsift::people::People::resolve(&export, &mut diags)
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
