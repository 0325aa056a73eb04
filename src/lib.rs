//! netsift reads a LinkedIn data export and tells, connection by connection, which ties are
//! real relationships and which are clutter.
//!
//! The pipeline, one module per stage: [`export`] reads the files, [`people`] resolves who is
//! who and who the owner is, [`notes`] reads the user's own interaction notes,
//! [`interactions`] lays every event out as a table, [`features`] sums it up per person,
//! [`score`] scores and tiers every connection, [`graph`] finds who knows whom, communities
//! and brokers, [`report`] writes the outputs, [`history`] keeps a snapshot of each run and
//! says what changed; [`pipeline`] runs them in order ([`analyze`]). [`inspect`] reports what an export holds, [`backtest`] checks the score
//! against the user's own history, [`sample`] writes synthetic exports; [`evaluate`] is the
//! real-data evaluation of the score, for an example and the tests.

pub mod backtest;
pub mod channel;
pub mod cli;
pub mod config;
pub mod day;
pub mod diag;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod features;
pub mod graph;
pub mod history;
pub mod inspect;
pub mod interactions;
pub mod model;
pub mod notes;
pub mod people;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod sample;
pub mod score;

pub use error::{Error, Result};
pub use pipeline::{
    Analyzed, Loaded, Request, Scoring, analyze, as_of_moment, data_days, inspect, intro, load,
    score,
};
