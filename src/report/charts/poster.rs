//! `report.png`: the whole story on one shareable image, 1600 px wide — the headline numbers,
//! the tiers, the layers, growth by tier, the top actions and who changed jobs — composed from
//! the same chart
//! drawings as `charts/`, so the image and the report never disagree.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::draw::{Drawn, TIER_COLOURS, shorten};
use super::fonts;
use super::{ChartData, Kind};

/// Width and height of `report.png` with people who changed jobs to show.
pub const SIZE: (u32, u32) = (1600, 2540);
/// Width and height of `report.png` with nobody who changed jobs: their panel is only its
/// heading and why it is empty, never an empty box.
pub const SIZE_WITHOUT_JOBS: (u32, u32) = (1600, 2540 - JOBS_PEOPLE);
/// The height of the job-changes panel's list of people.
const JOBS_PEOPLE: u32 = 280;

/// What the image says besides the charts.
#[derive(Clone, Debug)]
pub struct Poster<'a> {
    /// The numbers behind the charts.
    pub data: &'a ChartData,
    /// The heading: whose network, as of when.
    pub heading: String,
    /// Headline numbers: value and label.
    pub kpis: Vec<(String, String)>,
    /// Top actions: a heading (with the list's length) and the first names with their reason.
    pub actions: Vec<(String, Vec<(String, String)>)>,
    /// Who changed jobs: a heading, what the list is (or why it is empty), and the first names
    /// with their new role.
    pub jobs: (String, String, Vec<(String, String)>),
}

impl Poster<'_> {
    /// The image's width and height: shorter with nobody who changed jobs.
    pub fn size(&self) -> (u32, u32) {
        if self.jobs.2.is_empty() { SIZE_WITHOUT_JOBS } else { SIZE }
    }
}

/// The image as PNG bytes.
pub fn png(p: &Poster<'_>) -> Result<Vec<u8>, String> {
    super::png(p.size(), |root| draw(root, p))
}

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
const PANEL: RGBColor = RGBColor(0xF3, 0xF5, 0xF8);

/// The text `s` at `at`, `size` pixels high, in a font that has its characters.
fn text(s: &str, at: (i32, i32), size: u32, style: FontStyle, colour: &RGBColor) -> Label {
    Text::new(s.to_string(), at, fonts::desc(s, size, style).color(colour))
}

/// A text drawn on the image.
type Label = Text<'static, (i32, i32), String>;

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, p: &Poster<'_>) -> Drawn<DB> {
    root.fill(&WHITE)?;
    let (header, rest) = root.split_vertically(250);
    let (row, rest) = rest.split_vertically(560);
    let (growth, rest) = rest.split_vertically(580);
    let (actions, jobs) = rest.split_vertically(750);
    let (tiers, layers) = row.split_horizontally(800);
    draw_header(&header, p)?;
    Kind::Tiers.draw(&tiers, p.data)?;
    Kind::Layers.draw(&layers, p.data)?;
    Kind::Growth.draw(&growth, p.data)?;
    draw_actions(&actions, p)?;
    draw_jobs(&jobs, p)
}

fn draw_header<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &Poster<'_>) -> Drawn<DB> {
    area.draw(&text(&p.heading, (40, 30), 40, FontStyle::Bold, &INK))?;
    let n = p.kpis.len().max(1) as i32;
    let width = (1600 - 80 - (n - 1) * 16) / n;
    for (i, (value, label)) in p.kpis.iter().enumerate() {
        let x = 40 + i as i32 * (width + 16);
        area.draw(&Rectangle::new([(x, 100), (x + width, 230)], PANEL.filled()))?;
        let accent = TIER_COLOURS[i % 2];
        area.draw(&Rectangle::new([(x, 100), (x + 6, 230)], accent.filled()))?;
        area.draw(&text(value, (x + 22, 118), 44, FontStyle::Bold, &INK))?;
        area.draw(&text(label, (x + 22, 186), 20, FontStyle::Normal, &MUTED))?;
    }
    Ok(())
}

fn draw_actions<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &Poster<'_>) -> Drawn<DB> {
    area.draw(&text("What to do next", (40, 20), 30, FontStyle::Bold, &INK))?;
    let n = p.actions.len().max(1) as i32;
    let width = (1600 - 80 - (n - 1) * 24) / n;
    for (i, (heading, people)) in p.actions.iter().enumerate() {
        let x = 40 + i as i32 * (width + 24);
        area.draw(&Rectangle::new([(x, 70), (x + width, 740)], PANEL.filled()))?;
        area.draw(&text(heading, (x + 18, 86), 24, FontStyle::Bold, &INK))?;
        for (j, (name, why)) in people.iter().enumerate() {
            let y = 136 + j as i32 * 74;
            let name = fit(name, width - 36, 21);
            let why = fit(why, width - 36, 17);
            area.draw(&text(&name, (x + 18, y), 21, FontStyle::Bold, &INK))?;
            area.draw(&text(&why, (x + 18, y + 30), 17, FontStyle::Normal, &MUTED))?;
        }
        if people.is_empty() {
            area.draw(&text("nothing to do here", (x + 18, 136), 20, FontStyle::Normal, &MUTED))?;
        }
    }
    Ok(())
}

/// Who changed jobs: a panel across the width, the first names in two columns.
fn draw_jobs<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &Poster<'_>) -> Drawn<DB> {
    let (heading, lead, people) = &p.jobs;
    let bottom = area.dim_in_pixel().1 as i32 - 10;
    area.draw(&Rectangle::new([(40, 10), (1560, bottom)], PANEL.filled()))?;
    area.draw(&text(heading, (58, 26), 24, FontStyle::Bold, &INK))?;
    let lead = fit(lead, 1484, 17);
    area.draw(&text(&lead, (58, 62), 17, FontStyle::Normal, &MUTED))?;
    for (j, (name, role)) in people.iter().enumerate() {
        let (x, y) = (58 + (j as i32 / 4) * 752, 104 + (j as i32 % 4) * 68);
        let (name, role) = (fit(name, 716, 21), fit(role, 716, 17));
        area.draw(&text(&name, (x, y), 21, FontStyle::Bold, &INK))?;
        area.draw(&text(&role, (x, y + 30), 17, FontStyle::Normal, &MUTED))?;
    }
    Ok(())
}

/// Cuts `s` to what fits in `pixels` at font size `size` (an average glyph is ~0.55 em, a
/// wide one — Chinese, Japanese, Korean — twice that).
fn fit(s: &str, pixels: i32, size: u32) -> String {
    let max = (f64::from(pixels) / (f64::from(size) * 0.55)).floor().max(4.0) as usize;
    shorten(s, max)
}
