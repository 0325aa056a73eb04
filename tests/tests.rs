//! netsift's integration tests: one binary, one module per subject.

// Helpers: a temporary folder, the netsift command.
mod util;

// The HTML report in headless Chromium: loads, filters, sorts, stays inert.
mod browser;
// followup.ics read back with an independent parser: entries, UIDs, hostile names.
mod calendar;
// A large messages file read in chunks reads exactly as one.
mod chunks;
// Damaged input: cut, empty, misheaded, mis-encoded, hostile zips; no half-written report.
mod damaged;
// Unusable input and bad usage: exit codes and exact messages.
mod errors;
// Every era fixture read exactly as hand-counted.
mod fixtures;
// The fuzz corpora and former crashes replayed through the fuzz targets' bodies.
mod fuzz_replay;
// The relationship graph: communities, brokers, intro paths.
mod graph;
// The history: snapshots, diffs, kills, foreign files.
mod history;
// A payload in every text field of every file: every output stays inert.
mod hostile;
// Job changes between two exports: changes.csv, the report, diff, reconnect.csv.
mod jobs;
// Who is who: owner, namesakes, URLs and names.
mod identity;
// The inspect command's output, pinned.
mod inspect;
// Zip or folder, odd names, nested folders, duplicate copies, nothing written.
mod layout;
// The notes file: resolution and FILE:LINE reports.
mod notes;
// An export of script and markup payloads, for the report tests.
mod payload;
// Does the score predict? Real communication data against the one-line baselines.
mod predict;
// Properties: identity keys, re-saved files.
mod properties;
// The command line in a shell: completions, the manual, examples in --help.
mod shell;
// The synthetic export generator and the bundled sample.
mod sample;
// Scoring: planted classes, the contract files, properties.
mod score;
// The report files: every era, PNG sizes, any script in the PNGs, pinned SVGs, the page.
mod report;
// Spreadsheet re-saves read as the pristine file.
mod resave;
// Inputs never modified, nothing written outside --out and the history, kills leave whole files.
mod untouched;
