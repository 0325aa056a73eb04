//! A test folder and a command runner, in the manner of ripgrep's `Dir` and xsv's `Workdir`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty folder under the target directory, unique to one test.
pub struct TestDir {
    pub root: PathBuf,
}

impl TestDir {
    pub fn new(name: &str) -> TestDir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create test dir");
        TestDir { root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes `contents` to `rel`, creating folders.
    pub fn create(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// Copies a fixture folder of `sample-data/fixtures` to `rel`.
    pub fn copy_fixture(&self, fixture: &str, rel: &str) -> PathBuf {
        let from = fixture_dir(fixture);
        for entry in std::fs::read_dir(&from).expect("read fixture") {
            let entry = entry.expect("fixture entry");
            let bytes = std::fs::read(entry.path()).expect("read fixture file");
            self.create(&format!("{rel}/{}", entry.file_name().to_string_lossy()), bytes);
        }
        self.root.join(rel)
    }

    /// Zips a folder's files (at the zip root, deflated, like LinkedIn's) into `rel`.
    pub fn zip_folder(&self, folder: &Path, rel: &str) -> PathBuf {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        let file = std::fs::File::create(&path).expect("create zip");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut names: Vec<_> = std::fs::read_dir(folder)
            .expect("read folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        for p in names {
            zip.start_file(p.file_name().unwrap().to_string_lossy(), options).expect("start entry");
            std::io::Write::write_all(&mut zip, &std::fs::read(&p).expect("read"))
                .expect("write entry");
        }
        zip.finish().expect("finish zip");
        path
    }

    /// `netsift ARGS…` run in this folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_netsift"));
        // The default history goes under the test's own folder, never the user's.
        cmd.current_dir(&self.root).args(args).env("XDG_DATA_HOME", self.root.join("xdg"));
        cmd
    }

    /// Runs `netsift ARGS…`, expecting exit status `code`; shows everything when it differs.
    pub fn run(&self, args: &[&str], code: i32) -> Output {
        let out = self.command(args).output().expect("run netsift");
        if out.status.code() != Some(code) {
            panic!(
                "\n\ncommand: netsift {}\nexpected status {code}, got {:?}\n--- stdout\n{}\n--- stderr\n{}\n",
                args.join(" "),
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        out
    }
}

/// The bundled sample export, the zip as LinkedIn delivers it.
pub const SAMPLE_ZIP: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/Complete_LinkedInDataExport_11-20-2026.zip");

/// The bundled sample's notes.
pub const SAMPLE_NOTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/notes.csv");

/// The folder of one era's fixture export.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/fixtures").join(name)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
