//! Which font draws each string of a chart. The bundled DejaVu Sans (`fonts/`) draws every
//! string it has all the glyphs for, so Latin, Greek, Cyrillic, Arabic and Hebrew text looks
//! the same on every machine. In a PNG, a string with a character DejaVu lacks — a Japanese,
//! Chinese, Korean, Thai or Devanagari name — is drawn with an installed system font that has
//! it, found once and kept for the run; a machine without one draws DejaVu's boxes, as before.
//! The system's fonts are scanned the first time a string needs one, never for a chart of
//! Latin names. SVG charts always name `sans-serif`: the browser picks the fonts there.

use std::cell::Cell;
use std::cmp::Reverse;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex, MutexGuard, OnceLock, PoisonError};

use ab_glyph::{Font, FontRef};
use plotters::style::{FontDesc, FontFamily, FontStyle};

static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Where the text of a drawing finds its glyphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fonts {
    /// The bundled DejaVu Sans alone: SVG always, PNG with `NETSIFT_SYSTEM_FONTS=0`.
    Bundled,
    /// DejaVu Sans, and a system font for each string DejaVu cannot draw.
    System,
}

impl Fonts {
    /// The fonts of PNG images: [`Fonts::System`] unless `NETSIFT_SYSTEM_FONTS=0`.
    pub fn from_env() -> Fonts {
        match std::env::var_os("NETSIFT_SYSTEM_FONTS") {
            Some(v) if v == "0" => Fonts::Bundled,
            _ => Fonts::System,
        }
    }
}

thread_local! {
    /// The fonts of the drawing under way on this thread.
    static MODE: Cell<Fonts> = const { Cell::new(Fonts::Bundled) };
}

/// Runs `draw` with `fonts` choosing the fonts of what it draws on this thread.
pub(super) fn using<T>(fonts: Fonts, draw: impl FnOnce() -> T) -> T {
    struct Restore(Fonts);
    impl Drop for Restore {
        fn drop(&mut self) {
            MODE.with(|m| m.set(self.0));
        }
    }
    let _restore = Restore(MODE.with(|m| m.replace(fonts)));
    draw()
}

/// Registers the bundled fonts with plotters as `sans-serif`, once.
pub(super) fn bundled() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font("sans-serif", FontStyle::Normal, REGULAR)
                .and_then(|()| plotters::style::register_font("sans-serif", FontStyle::Bold, BOLD))
                .map_err(|_| "the bundled font could not be read".to_string())
        })
        .clone()
}

/// The font for `text` at `size` pixels.
pub fn desc(text: &str, size: u32, style: FontStyle) -> FontDesc<'static> {
    desc_for(&[text], size, style)
}

/// One font for all of `texts` (the labels of an axis or a legend share one).
pub fn desc_for(texts: &[impl AsRef<str>], size: u32, style: FontStyle) -> FontDesc<'static> {
    let size = f64::from(size);
    let face = match MODE.with(Cell::get) {
        Fonts::Bundled => None,
        Fonts::System => SYSTEM.family(texts, matches!(style, FontStyle::Bold)),
    };
    match face {
        Some(face) => FontDesc::new(FontFamily::Name(face.name), size * face.scale, style),
        None => FontDesc::new(FontFamily::SansSerif, size, style),
    }
}

/// The system face that draws `text` in a PNG, by family name, if it needs one and one is
/// installed. Scans the system's fonts if `text` has a character DejaVu Sans lacks.
pub fn system_face(text: &str) -> Option<String> {
    let name = SYSTEM.family(&[text], false)?.name;
    Some(name.split_once('\u{1f}').map_or(name, |(family, _)| family).to_string())
}

/// The installed fonts, searched when a string first needs them.
static SYSTEM: LazyLock<Fallback> =
    LazyLock::new(|| Fallback::new(fontdb::Database::load_system_fonts));

/// DejaVu Sans regular and bold, as plotters draws them.
fn dejavu() -> Option<&'static [FontRef<'static>; 2]> {
    static FACES: LazyLock<Option<[FontRef<'static>; 2]>> = LazyLock::new(|| {
        Some([FontRef::try_from_slice(REGULAR).ok()?, FontRef::try_from_slice(BOLD).ok()?])
    });
    FACES.as_ref()
}

/// The characters of some texts, each once with how often it occurs (whitespace and controls
/// aside: no font needs to draw them).
struct Letters(Vec<(char, usize)>);

impl Letters {
    fn of(texts: &[impl AsRef<str>]) -> Letters {
        let mut all: Vec<char> = texts
            .iter()
            .flat_map(|t| t.as_ref().chars())
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .collect();
        all.sort_unstable();
        let mut counted: Vec<(char, usize)> = Vec::new();
        for c in all {
            match counted.last_mut() {
                Some((last, n)) if *last == c => *n += 1,
                _ => counted.push((c, 1)),
            }
        }
        Letters(counted)
    }

    /// How many of the letters `font` draws.
    fn drawn(&self, font: &FontRef<'_>) -> usize {
        self.0.iter().filter(|&&(c, _)| draws(font, c)).map(|&(_, n)| n).sum()
    }
}

/// Whether `font` draws `c`: a glyph with an outline (bitmap-only emoji faces draw nothing).
fn draws(font: &FontRef<'_>, c: char) -> bool {
    let id = font.glyph_id(c);
    id.0 != 0 && (c.is_whitespace() || font.outline(id).is_some())
}

/// A face registered with plotters.
#[derive(Clone)]
struct Registered {
    /// Its name there.
    name: &'static str,
    /// Its glyphs.
    font: FontRef<'static>,
    /// What its text sizes are multiplied by for its letters to be as large as DejaVu Sans's.
    scale: f64,
}

/// The plotters family and size factor of a face.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Face {
    /// The family name registered with plotters.
    pub(crate) name: &'static str,
    /// What a text size is multiplied by in this face.
    pub(crate) scale: f64,
}

impl Registered {
    fn face(&self) -> Face {
        Face { name: self.name, scale: self.scale }
    }
}

/// Faces of a font database, searched for the characters DejaVu Sans lacks; each face chosen
/// is registered with plotters once, under a name of its own.
pub(crate) struct Fallback {
    load: Box<dyn Fn(&mut fontdb::Database) + Send + Sync>,
    db: OnceLock<fontdb::Database>,
    /// The faces chosen so far, each with whether it was chosen for bold text, in order.
    chosen: Mutex<Vec<(bool, fontdb::ID, Option<Registered>)>>,
    /// Characters no face has (a later string with one of them does not search again).
    absent: Mutex<Vec<(bool, char)>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Fallback {
    /// A fallback over the faces that `load` puts in a database, loaded when first needed.
    pub(crate) fn new(load: impl Fn(&mut fontdb::Database) + Send + Sync + 'static) -> Fallback {
        Fallback {
            load: Box::new(load),
            db: OnceLock::new(),
            chosen: Mutex::new(Vec::new()),
            absent: Mutex::new(Vec::new()),
        }
    }

    /// Whether the database was loaded.
    #[cfg(test)]
    pub(crate) fn scanned(&self) -> bool {
        self.db.get().is_some()
    }

    /// The plotters family to draw `texts` in: none while DejaVu Sans has all their letters;
    /// else the face that draws the most of those it lacks, if it draws more of `texts` than
    /// DejaVu does (a face for one emoji without Latin letters would turn a name into boxes).
    pub(crate) fn family(&self, texts: &[impl AsRef<str>], bold: bool) -> Option<Face> {
        let dejavu = &dejavu()?[usize::from(bold)];
        let letters = Letters::of(texts);
        let absent = |c: char| lock(&self.absent).contains(&(bold, c));
        let need: Vec<char> = (letters.0.iter().map(|l| l.0))
            .filter(|&c| dejavu.glyph_id(c).0 == 0 && !absent(c))
            .collect();
        if need.is_empty() {
            return None;
        }
        // A face already chosen that draws them all (a run's names share a few scripts).
        if let Some(face) = self.reuse(&letters, bold) {
            return Some(face);
        }
        let db = self.db.get_or_init(|| {
            let mut db = fontdb::Database::new();
            (self.load)(&mut db);
            db
        });
        let (best, any) = best(db, &need, &letters, bold);
        let absent = need.iter().filter(|c| !any.contains(c)).map(|&c| (bold, c));
        lock(&self.absent).extend(absent);
        let (id, drawn) = best?;
        (drawn > letters.drawn(dejavu)).then(|| self.choose(db, id, bold)).flatten()
    }

    /// The first face chosen for `bold` text that draws every one of `letters` that any face
    /// draws.
    fn reuse(&self, letters: &Letters, bold: bool) -> Option<Face> {
        let chosen = lock(&self.chosen);
        let absent = lock(&self.absent);
        let draws_all = |r: &&Registered| {
            (letters.0.iter()).all(|&(c, _)| draws(&r.font, c) || absent.contains(&(bold, c)))
        };
        let mut faces = chosen.iter().filter(|c| c.0 == bold);
        faces.find_map(|c| c.2.as_ref().filter(draws_all)).map(Registered::face)
    }

    /// Registers the face `id` with plotters, once, and returns its name there.
    fn choose(&self, db: &fontdb::Database, id: fontdb::ID, bold: bool) -> Option<Face> {
        let mut chosen = lock(&self.chosen);
        let registered = match chosen.iter().find(|c| c.1 == id) {
            Some(known) => known.2.clone(),
            None => register(db, id),
        };
        if !chosen.iter().any(|c| c.0 == bold && c.1 == id) {
            chosen.push((bold, id, registered.clone()));
        }
        registered.as_ref().map(Registered::face)
    }
}

/// The face of `db` that draws the most of `need`, then the most of `letters` (so that a name
/// keeps its Latin letters), then a regular (for `bold`, a bold) upright proportional one, a
/// "Sans" one, then by name and file, so that the same fonts always give the same choice; with
/// how many of `letters` it draws, and the characters of `need` that some face draws.
fn best(
    db: &fontdb::Database,
    need: &[char],
    letters: &Letters,
    bold: bool,
) -> (Option<(fontdb::ID, usize)>, Vec<char>) {
    let target = if bold { 700 } else { 400 };
    let mut found = Vec::new();
    let mut any = Vec::new();
    for f in db.faces() {
        let coverage = db.with_face_data(f.id, |data, index| {
            let font = FontRef::try_from_slice_and_index(data, index).ok()?;
            let covered: Vec<char> = need.iter().copied().filter(|&c| draws(&font, c)).collect();
            Some((covered, letters.drawn(&font)))
        });
        let Some((covered, drawn)) = coverage.flatten().filter(|c| !c.0.is_empty()) else {
            continue;
        };
        for &c in &covered {
            if !any.contains(&c) {
                any.push(c);
            }
        }
        let family = f.families.first().map_or("", |(name, _)| name.as_str()).to_string();
        let rank = (
            (Reverse(covered.len()), Reverse(drawn)),
            (f.monospaced, f.style != fontdb::Style::Normal, f.weight.0.abs_diff(target)),
            (!family.contains("Sans"), family, path(&f.source), f.index),
        );
        found.push((rank, f.id, drawn));
    }
    let best = found.into_iter().min_by(|x, y| x.0.cmp(&y.0));
    (best.map(|(_, id, drawn)| (id, drawn)), any)
}

fn path(source: &fontdb::Source) -> PathBuf {
    match source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
        fontdb::Source::Binary(_) => PathBuf::new(),
    }
}

/// Registers the face `id` with plotters under its family name (made unique by its file), its
/// bytes read once and kept for the life of the process, as plotters requires. A file that
/// cannot be read or parsed registers nothing.
fn register(db: &fontdb::Database, id: fontdb::ID) -> Option<Registered> {
    let info = db.face(id)?;
    let bytes = db.with_face_data(id, standalone).flatten()?;
    FontRef::try_from_slice(&bytes).ok()?;
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let font = FontRef::try_from_slice(bytes).ok()?;
    let family = info.families.first().map_or("", |(name, _)| name.as_str());
    let name = format!("{family}\u{1f}{}#{}", path(&info.source).display(), info.index);
    let name: &'static str = Box::leak(name.into_boxed_str());
    plotters::style::register_font(name, FontStyle::Normal, bytes).ok()?;
    let scale = match (dejavu(), em(&font)) {
        (Some([regular, _]), Some(em_here)) => {
            em(regular).map_or(1.0, |em_dejavu| em_dejavu / em_here)
        }
        _ => 1.0,
    };
    Some(Registered { name, font, scale: scale.clamp(0.8, 1.5) })
}

/// The share of a size (plotters sizes text by a font's ascent to descent) that is the em.
fn em(font: &FontRef<'_>) -> Option<f64> {
    let height = f64::from(font.height_unscaled());
    let em = f64::from(font.units_per_em()?);
    (height > 0.0).then_some(em / height)
}

/// The face `index` of a font file as a file whose first face it is: plotters reads only the
/// first face of a collection (`.ttc`), so the collection's first offset is made the face's.
fn standalone(data: &[u8], index: u32) -> Option<Vec<u8>> {
    let mut bytes = data.to_vec();
    if index > 0 {
        let count = u32::from_be_bytes(bytes.get(8..12)?.try_into().ok()?);
        let at = 12 + 4 * index as usize;
        if bytes.get(..4)? != b"ttcf" || index >= count {
            return None;
        }
        let offset: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        bytes[12..16].copy_from_slice(&offset);
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use plotters::coord::Shift;
    use plotters::prelude::*;

    use super::*;
    use crate::report::charts::draw::Drawn;

    fn line<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str) -> Drawn<DB> {
        area.fill(&WHITE)?;
        let style = desc(text, 32, FontStyle::Normal).color(&BLACK);
        area.draw(&Text::new(text.to_string(), (10, 20), style))
    }

    /// `text` drawn with `mode` on a 480 × 80 image, as RGB pixels.
    fn pixels(text: &str, mode: Fonts) -> Vec<u8> {
        let png = super::super::png_with((480, 80), mode, |area| line(area, text)).expect("drawn");
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().expect("PNG");
        let mut out = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut out).expect("PNG decodes");
        assert_eq!((info.width, info.height), (480, 80));
        out
    }

    /// The system face for `text`, or why the test is skipped (under CI, where `.ci/run`
    /// installs `package`, its absence fails the test when `required`).
    fn face(text: &str, package: &str, required: bool) -> Option<String> {
        let face = system_face(text);
        match &face {
            None if required && std::env::var_os("CI").is_some() => {
                panic!("no font draws {text}; .ci/run installs one (apt-get install {package})")
            }
            None => eprintln!("skipped: no font draws {text} (apt-get install {package})"),
            Some(_) => {}
        }
        face
    }

    /// In a font with the glyphs, the name and its characters reversed draw differently; in
    /// DejaVu Sans alone, each character is the same box, so the two draw alike.
    fn draws_real_glyphs(name: &str, face: &str) {
        let reversed: String = name.chars().rev().collect();
        let (tofu, tofu_reversed) =
            (pixels(name, Fonts::Bundled), pixels(&reversed, Fonts::Bundled));
        assert_eq!(tofu, tofu_reversed, "DejaVu Sans draws {name} as boxes");
        let (drawn, drawn_reversed) =
            (pixels(name, Fonts::System), pixels(&reversed, Fonts::System));
        assert_ne!(drawn, drawn_reversed, "{face} draws each character of {name} as itself");
        assert_ne!(drawn, tofu, "{name}");
    }

    #[test]
    fn cjk_names_draw_in_a_system_font_not_as_boxes() {
        let Some(face) = face("山田太郎", "fonts-wqy-microhei", true) else { return };
        for name in ["山田太郎", "株式会社テスト", "김민준"] {
            draws_real_glyphs(name, &face);
        }
    }

    #[test]
    fn thai_and_devanagari_names_draw_where_a_font_has_them() {
        for (name, package) in [("สมชาย", "fonts-thai-tlwg"), ("राजेश", "fonts-lohit-deva")]
        {
            if let Some(face) = face(name, package, false) {
                draws_real_glyphs(name, &face);
            }
        }
    }

    #[test]
    fn text_dejavu_draws_never_scans_the_system_fonts_nor_changes() {
        let fallback = Fallback::new(|_| panic!("the system's fonts were scanned"));
        let texts = ["Ana Müller", "Ελένη Παπαδοπούλου", "Жанна Иванова", "محمد علي", "יעל כהן"];
        for text in texts {
            assert_eq!(fallback.family(&[text], false), None, "{text}");
            assert_eq!(fallback.family(&[text], true), None, "{text}");
            assert_eq!(pixels(text, Fonts::System), pixels(text, Fonts::Bundled), "{text}");
        }
        assert!(!fallback.scanned());
    }

    #[test]
    fn a_face_that_draws_less_of_a_text_than_dejavu_is_not_chosen() {
        let Some(_) = face("山田太郎", "fonts-wqy-microhei", true) else { return };
        // Three Hebrew letters, which CJK fonts lack, and one CJK character: DejaVu's box for
        // the one rather than three boxes, unless a face draws them all.
        let text = "דנה 山";
        let letters = Letters::of(&[text]);
        let drawn = match SYSTEM.family(&[text], false) {
            Some(face) => {
                let chosen = lock(&SYSTEM.chosen);
                let registered =
                    chosen.iter().find_map(|c| c.2.as_ref().filter(|r| r.name == face.name));
                letters.drawn(&registered.expect("the face is registered").font)
            }
            None => letters.drawn(&dejavu().expect("DejaVu Sans")[0]),
        };
        assert!(drawn >= 3, "{drawn} of the 4 letters drawn");
        // A face that draws them all is reused for a text it draws whole.
        let whole = SYSTEM.family(&["山田 Ana"], false).expect("a CJK face");
        assert_eq!(SYSTEM.family(&["株式会社 & co."], false), Some(whole));
    }

    /// The file of the system face that draws `text`, if one does.
    fn file_of(text: &str) -> Option<PathBuf> {
        let face = SYSTEM.family(&[text], false)?.name;
        let (_, at) = face.split_once('\u{1f}')?;
        Some(PathBuf::from(at.rsplit_once('#')?.0))
    }

    #[test]
    fn unreadable_font_files_are_skipped() {
        let dir = std::env::temp_dir().join(format!("netsift-fonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let write =
            |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
        write("broken.ttf", b"not a font at all");
        write("broken.ttc", b"ttcf\0\x01\0\0\0\0\0\x09\0\0\0\x10");
        write("cut.ttf", &REGULAR[..4096]);
        // A font that draws the name, cut short, and another copy gone after the scan.
        if let Some(file) = file_of("山田太郎") {
            let bytes = std::fs::read(file).expect("the font file reads");
            write("cut-cjk.ttc", &bytes[..bytes.len().min(65_536)]);
            write("gone.ttc", &bytes);
        }
        let at = dir.clone();
        let fallback = Fallback::new(move |db| {
            db.load_fonts_dir(&at);
            let _ = std::fs::remove_file(at.join("gone.ttc"));
        });
        assert_eq!(fallback.family(&["山田太郎"], false), None);
        assert!(fallback.scanned());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_collections_face_becomes_its_first() {
        let mut ttc = b"ttcf\0\x01\0\0\0\0\0\x02".to_vec();
        ttc.extend([0, 0, 0, 20, 0, 0, 1, 0]);
        let second = standalone(&ttc, 1).expect("face 1 exists");
        assert_eq!(&second[12..16], &[0, 0, 1, 0]);
        assert_eq!(&second[16..], &ttc[16..]);
        assert_eq!(standalone(&ttc, 0).as_deref(), Some(&ttc[..]));
        assert_eq!(standalone(&ttc, 2), None, "only two faces");
        assert_eq!(standalone(REGULAR, 1), None, "not a collection");
        assert_eq!(standalone(&ttc[..14], 1), None, "cut short");
    }
}
