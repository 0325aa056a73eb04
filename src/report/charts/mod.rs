//! The charts, each written as PNG and SVG under `charts/` (plotters; DejaVu Sans bundled so a
//! PNG of Latin text looks the same on every machine, the system's fonts for the scripts it
//! lacks: see [`fonts`]), and the SVG text kept for the HTML report. Plotters'
//! backend-generic errors become [`Error::Chart`] here, at the module's edge.

pub mod data;
mod draw;
pub mod fonts;
pub mod network;
pub mod poster;

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

pub use data::ChartData;
pub use fonts::Fonts;

use crate::error::{Error, Result};
use crate::report::Staged;

/// One chart of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Connections per tier.
    Tiers,
    /// Connections added per quarter, stacked by today's tier.
    Growth,
    /// Days since the last interaction.
    Silence,
    /// Reciprocity against recency, by tier.
    Reciprocity,
    /// The Dunbar layers against 5 / 15 / 50 / 150.
    Layers,
    /// Top companies and their living share.
    Companies,
    /// The network around the owner.
    Network,
    /// Tiers over the stored runs (only with history).
    Trend,
}

impl Kind {
    /// Every chart drawn on every run, in the report's order ([`Kind::Trend`] joins them when
    /// there is history).
    pub const ALL: [Kind; 7] = [
        Kind::Tiers,
        Kind::Growth,
        Kind::Silence,
        Kind::Reciprocity,
        Kind::Layers,
        Kind::Companies,
        Kind::Network,
    ];

    /// The file name without extension.
    pub fn file(self) -> &'static str {
        match self {
            Kind::Tiers => "tiers",
            Kind::Growth => "growth",
            Kind::Silence => "silence",
            Kind::Reciprocity => "reciprocity",
            Kind::Layers => "layers",
            Kind::Companies => "companies",
            Kind::Network => "network",
            Kind::Trend => "trend",
        }
    }

    /// Width and height in pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Kind::Network => (900, 900),
            Kind::Growth | Kind::Trend => (1200, 520),
            _ => (900, 520),
        }
    }

    /// The title, saying what to see.
    pub fn title(self, d: &ChartData) -> String {
        match self {
            Kind::Tiers => draw::tiers_title(d),
            Kind::Growth => draw::growth_title(d),
            Kind::Silence => draw::silence_title(d),
            Kind::Reciprocity => draw::reciprocity_title(d),
            Kind::Layers => draw::layers_title(d),
            Kind::Companies => draw::companies_title(d),
            Kind::Network => draw::network_title(d),
            Kind::Trend => draw::trend_title(d),
        }
    }

    /// Draws the chart onto `area`.
    pub fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        d: &ChartData,
    ) -> draw::Drawn<DB> {
        match self {
            Kind::Tiers => draw::tiers(area, d),
            Kind::Growth => draw::growth(area, d),
            Kind::Silence => draw::silence(area, d),
            Kind::Reciprocity => draw::reciprocity(area, d),
            Kind::Layers => draw::layers(area, d),
            Kind::Companies => draw::companies(area, d),
            Kind::Network => draw::network(area, d),
            Kind::Trend => draw::trend(area, d),
        }
    }
}

/// A chart as the HTML report embeds it.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// Which chart.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

/// Draws every chart and stages `charts/<name>.png` and `charts/<name>.svg` in `dir`.
pub fn write(d: &ChartData, dir: &Path, out: &Staged) -> Result<Vec<Rendered>> {
    let charts = dir.join("charts");
    std::fs::create_dir_all(&charts).map_err(|e| Error::io(&charts, e))?;
    let trend = (d.trend.len() >= 2).then_some(Kind::Trend);
    // No empty panel: the network picture only when it has people and ties or communities.
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|&k| k != Kind::Network || d.network.is_worth_drawing())
        .chain(trend)
        .collect();
    kinds
        .par_iter()
        .map(|&kind| {
            let name = kind.file();
            let svg = svg(kind.size(), |area| kind.draw(area, d))
                .map_err(|m| chart_error(&charts.join(format!("{name}.svg")), m))?;
            let png_path = charts.join(format!("{name}.png"));
            let png = png(kind.size(), |area| kind.draw(area, d))
                .map_err(|m| chart_error(&png_path, m))?;
            out.write(&png_path, &png)?;
            out.write(&charts.join(format!("{name}.svg")), svg.as_bytes())?;
            Ok(Rendered { kind, title: kind.title(d), svg })
        })
        .collect()
}

fn chart_error(path: &Path, message: String) -> Error {
    Error::Chart { file: path.to_path_buf(), message }
}

/// Runs a drawing, turning a panic inside the chart library into an error: unusual data must
/// never crash netsift.
fn contained(
    draw: impl FnOnce() -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(draw))
        .unwrap_or_else(|_| Err("the chart library failed on this data (a defect)".to_string()))
}

/// Draws into an SVG document of `size`. Its text names the family `sans-serif` and leaves
/// the fonts to the browser.
pub fn svg(
    size: (u32, u32),
    draw: impl for<'b> FnOnce(&DrawingArea<SVGBackend<'b>, Shift>) -> draw::Drawn<SVGBackend<'b>>,
) -> std::result::Result<String, String> {
    fonts::bundled()?;
    let mut out = String::new();
    contained(|| {
        fonts::using(Fonts::Bundled, || {
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            draw(&area).map_err(|e| e.to_string())?;
            area.present().map_err(|e| e.to_string())
        })
    })?;
    Ok(out)
}

/// Draws into an RGB bitmap of `size` and encodes it as PNG, with the fonts that
/// [`Fonts::from_env`] names.
pub fn png(
    size: (u32, u32),
    draw: impl for<'b> FnOnce(&DrawingArea<BitMapBackend<'b>, Shift>) -> draw::Drawn<BitMapBackend<'b>>,
) -> std::result::Result<Vec<u8>, String> {
    png_with(size, Fonts::from_env(), draw)
}

/// Draws into an RGB bitmap of `size` with the fonts `mode` names and encodes it as PNG.
pub fn png_with(
    size: (u32, u32),
    mode: Fonts,
    draw: impl for<'b> FnOnce(&DrawingArea<BitMapBackend<'b>, Shift>) -> draw::Drawn<BitMapBackend<'b>>,
) -> std::result::Result<Vec<u8>, String> {
    fonts::bundled()?;
    let (w, h) = size;
    let mut pixels = vec![255u8; w as usize * h as usize * 3];
    contained(|| {
        fonts::using(mode, || {
            let area = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
            draw(&area).map_err(|e| e.to_string())?;
            area.present().map_err(|e| e.to_string())
        })
    })?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}
