//! A deterministic synthetic LinkedIn data export, for tests, benchmarks and demos.
//!
//! [`write_sample`] writes what LinkedIn delivers in 2026, a zip or a folder named
//! `Complete_LinkedInDataExport_MM-DD-YYYY`: `Connections.csv`, `messages.csv` (Mar 2026 form:
//! every field quoted, real line breaks), `Invitations.csv`, endorsements, recommendations,
//! `Profile.csv`, `Positions.csv` and `coach_messages.csv`; beside it, a `notes.csv` in netsift's
//! notes format. The byte-level quirks follow `linkedin-export-format.md`: the Connections
//! preamble and missing final newline, hidden members, names with commas, quotes, emoji and
//! decorative letters, slugs percent-encoded in Connections only, group chats, InMail, sponsored
//! and system rows, drafts, unanswered message requests.
//!
//! Every connection draws a latent relationship class (`Rel`) that shapes its messages,
//! invitations, endorsements and notes, so that what netsift infers can be checked against how
//! the data was made. The output depends on the [`SampleSpec`] only: one ChaCha8 stream per file,
//! no clock, no hash-map iteration, fixed zip entry times.
//!
//! The pieces: `names` holds the name and phrase lists and makes names and slugs; `world` draws
//! the people and their classes; `time` draws times and writes them (the calendar is jiff's);
//! `plan` shares the rows of `messages.csv` out among conversations, which `messages` writes;
//! `files` builds the other, small files and `notes.csv`; `write` puts the export into a
//! folder or a zip.
//!
//! Besides the synthetic world, [`write_ego_export`] writes one person's export from a real,
//! timestamped message log (ids only): what the real-data evaluation (`crate::evaluate`) scores.

mod ego;
mod files;
mod messages;
mod moves;
mod names;
mod plan;
mod time;
mod world;
mod write;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use ego::{LogMessage, person_name, person_url, write_ego_export};
use files::notes;
use world::World;
use write::{Sink, remove, write_export};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleSpec {
    /// Rows of `Connections.csv`, hidden members included.
    pub connections: usize,
    /// Rows of `messages.csv`, exactly.
    pub messages: usize,
    /// The same spec gives byte-identical output.
    pub seed: u64,
    /// Write one `.zip` instead of a folder.
    pub zip: bool,
    /// Names the export; every date in it is older.
    pub export_date: Date,
    /// A later export of the owner of an earlier sample, when given.
    pub later: Option<Later>,
}

/// A later export of the owner of an earlier sample: the people, messages and every other
/// file of the export of day `after` (the same seed and counts), exported on the spec's
/// `export_date`, with `moves` connections moved to another employer or title; a few
/// employers are renamed only in case or legal suffix and a company and a title left blank,
/// which are no job changes. `truth.csv` says who moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Later {
    /// The earlier export's date: the world is the one drawn for it.
    pub after: Date,
    /// How many connections moved.
    pub moves: usize,
}

impl SampleSpec {
    /// The day the people and their history are drawn for: the export's date, or for a later
    /// export the earlier one's.
    fn world_date(&self) -> Date {
        self.later.map_or(self.export_date, |l| l.after)
    }
}

/// Where the sample went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleOutput {
    /// The export: `Complete_LinkedInDataExport_MM-DD-YYYY.zip` or the folder of that name.
    pub export: PathBuf,
    /// `notes.csv`, beside the export.
    pub notes: PathBuf,
    /// Uncompressed CSV bytes written, `notes.csv` included.
    pub bytes: u64,
}

/// One ChaCha8 stream per file, so that changing one count leaves the other files alone.
fn rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(stream);
    r
}

/// Writes the sample export and `notes.csv` into `out_dir` (created if needed).
///
/// Both are written under temporary names and renamed when complete, replacing an earlier
/// sample of the same names. The same `spec` always gives byte-identical files.
pub fn write_sample(spec: &SampleSpec, out_dir: &Path) -> io::Result<SampleOutput> {
    fs::create_dir_all(out_dir)?;
    let name = spec.export_date.strftime("Complete_LinkedInDataExport_%m-%d-%Y").to_string();
    let name = if spec.zip { format!("{name}.zip") } else { name };
    let (export, notes_csv) = (out_dir.join(&name), out_dir.join("notes.csv"));
    let (tmp, notes_tmp) = (out_dir.join(format!(".{name}.tmp")), out_dir.join(".notes.csv.tmp"));
    let world = World::new(spec);
    let written = (|| -> io::Result<u64> {
        let mut sink = Sink::create(&tmp, spec)?;
        write_export(&mut sink, &world, spec)?;
        let notes = notes(&world, &mut rng(spec.seed, 9))?;
        fs::write(&notes_tmp, &notes)?;
        let bytes = sink.finish()? + notes.len() as u64;
        remove(&export)?;
        fs::rename(&tmp, &export)?;
        fs::rename(&notes_tmp, &notes_csv)?;
        Ok(bytes)
    })();
    if written.is_err() {
        let _ = (remove(&tmp), remove(&notes_tmp));
    }
    Ok(SampleOutput { export, notes: notes_csv, bytes: written? })
}

/// Writes `truth.csv`: the latent class the generator planted for every connection
/// (`profile_url,class,connected_on,hidden,moved,renamed`), so that what netsift infers can be
/// checked; in a later export ([`Later`]) `moved` marks who changed jobs since the earlier one
/// and `renamed` whose employer is only written differently. The same `spec` as
/// [`write_sample`] describes the same people.
pub fn write_truth(spec: &SampleSpec, path: &Path) -> io::Result<()> {
    let world = World::new(spec);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["profile_url", "class", "connected_on", "hidden", "moved", "renamed"])?;
    for (p, job) in world.people.iter().zip(&world.jobs) {
        let url = if p.hidden { String::new() } else { p.connections_url() };
        let day = time::utc(p.day * time::DAY, "%Y-%m-%d")?;
        let flags = [p.hidden, job.moved, job.renamed].map(|f| f.to_string());
        w.write_record([url, p.rel.name().into(), day].into_iter().chain(flags))?;
    }
    let bytes = w.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
    let tmp = path.with_extension("csv.tmp");
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}
