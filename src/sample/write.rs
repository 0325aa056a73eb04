//! Writing the export: every file, each from its own random stream, into a folder or into a
//! zip of Deflated entries with fixed times. `write_sample` writes under a temporary name and
//! renames when complete.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::files::{POSITIONS, PROFILE, connections, endorsements, invitations, recommendations};
use super::messages::{write_coach, write_messages};
use super::world::World;
use super::{SampleSpec, rng};

/// Every file of the export; each draws from its own stream of the seed.
pub(super) fn write_export(sink: &mut Sink, w: &World, spec: &SampleSpec) -> io::Result<()> {
    let stream = |n| rng(spec.seed, n);
    sink.file("messages.csv", |o| write_messages(o, w, spec.messages, &mut stream(2)))?;
    let files = [
        ("Connections.csv", connections(w)?),
        ("Invitations.csv", invitations(w, &mut stream(3))?),
        ("Endorsement_Received_Info.csv", endorsements(w, &mut stream(4), false)?),
        ("Endorsement_Given_Info.csv", endorsements(w, &mut stream(5), true)?),
        ("Recommendations_Received.csv", recommendations(w, &mut stream(6), false)?),
        ("Recommendations_Given.csv", recommendations(w, &mut stream(7), true)?),
        ("Profile.csv", PROFILE.as_bytes().to_vec()),
        ("Positions.csv", POSITIONS.as_bytes().to_vec()),
    ];
    for (name, bytes) in files {
        sink.file(name, |o| o.write_all(&bytes))?;
    }
    sink.file("coach_messages.csv", |o| write_coach(o, w, &mut stream(8)))
}

/// Counts the bytes that pass through, before any compression.
struct Counted<W> {
    inner: W,
    n: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The export being written: files in a folder, or Deflated entries at the root of a zip.
pub(super) struct Sink {
    dir: PathBuf,
    zip: Option<(ZipWriter<BufWriter<File>>, SimpleFileOptions)>,
    bytes: u64,
}

impl Sink {
    /// Starts the export at `path`, a folder or, `spec.zip`, a zip, replacing what is there.
    pub(super) fn create(path: &Path, spec: &SampleSpec) -> io::Result<Sink> {
        remove(path)?;
        let zip = if spec.zip {
            let d = spec.export_date;
            let time = DateTime::from_date_and_time(
                d.year() as u16,
                d.month() as u8,
                d.day() as u8,
                9,
                0,
                0,
            );
            let options = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .last_modified_time(time.unwrap_or_default())
                .system(System::Unix)
                .large_file(spec.messages > 5_000_000);
            Some((ZipWriter::new(BufWriter::with_capacity(1 << 20, File::create(path)?)), options))
        } else {
            fs::create_dir(path)?;
            None
        };
        Ok(Sink { dir: path.to_path_buf(), zip, bytes: 0 })
    }

    /// Adds the file `name`, written by `fill`.
    pub(super) fn file<F: FnOnce(&mut dyn Write) -> io::Result<()>>(
        &mut self,
        name: &str,
        fill: F,
    ) -> io::Result<()> {
        let inner: Box<dyn Write + '_> = match &mut self.zip {
            Some((zip, options)) => {
                zip.start_file(name, *options)?;
                Box::new(zip)
            }
            None => Box::new(BufWriter::with_capacity(1 << 20, File::create(self.dir.join(name))?)),
        };
        let mut out = Counted { inner, n: 0 };
        fill(&mut out)?;
        out.flush()?;
        self.bytes += out.n;
        Ok(())
    }

    /// Completes the zip; the CSV bytes written, uncompressed.
    pub(super) fn finish(self) -> io::Result<u64> {
        if let Some((zip, _)) = self.zip {
            zip.finish()?.flush()?;
        }
        Ok(self.bytes)
    }
}

/// Removes a file or folder left by an earlier run; nothing there is fine.
pub(super) fn remove(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}
