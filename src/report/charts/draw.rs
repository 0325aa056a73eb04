//! Each chart drawn onto any plotters drawing area — a PNG bitmap, an SVG document, or a
//! region of the one-page image — from [`ChartData`]. Titles say what to see; axes say what
//! they measure; colours come from the Okabe–Ito palette, which colour-blind readers tell apart.

use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_width::UnicodeWidthChar;

use super::data::{ChartData, SILENCE};
use super::fonts;
use super::network::COLOURED;
use crate::score::Tier;

/// What a drawing returns: plotters' error of the backend in use.
pub type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Okabe–Ito colours by tier (clutter a neutral grey, unknown Okabe–Ito's yellow).
pub const TIER_COLOURS: [RGBColor; Tier::ALL.len()] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xB0, 0xB0, 0xB0),
    RGBColor(0xF0, 0xE4, 0x42),
];

/// The tiers a chart shows: every tier but `unknown`, which only where `present` says some
/// connection holds it (an export with messages never has one, and its charts stay as they were).
fn shown(present: impl Fn(Tier) -> bool) -> impl Iterator<Item = Tier> {
    Tier::ALL.into_iter().filter(move |&t| t != Tier::Unknown || present(t))
}

/// Okabe–Ito colours for communities; the others grey.
const GROUP_COLOURS: [RGBColor; COLOURED + 1] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x99, 0x88, 0x22),
    RGBColor(0xB0, 0xB0, 0xB0),
];
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const REFERENCE: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// The font of a chart's `title`.
fn title_font(title: &str, size: u32) -> TextStyle<'static> {
    fonts::desc(title, size, FontStyle::Bold).color(&INK)
}

/// The font of netsift's own words (axis names, numbers).
fn font(size: u32) -> TextStyle<'static> {
    FontDesc::new(FontFamily::SansSerif, f64::from(size), FontStyle::Normal).color(&INK)
}

/// One font for `texts` from the export (names, companies), in whatever script.
fn font_for(texts: &[impl AsRef<str>], size: u32) -> TextStyle<'static> {
    fonts::desc_for(texts, size, FontStyle::Normal).color(&INK)
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 { "0 %".into() } else { format!("{:.0} %", 100.0 * part as f64 / whole as f64) }
}

/// The title of the tiers chart.
pub fn tiers_title(d: &ChartData) -> String {
    format!(
        "{} of {} connections are living relationships ({})",
        d.living(),
        d.connections,
        pct(d.living(), d.connections)
    )
}

/// Connections per tier, closest first.
pub fn tiers<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    let bars: Vec<(String, usize, RGBColor)> = shown(|t| d.tiers[t] > 0)
        .map(|t| {
            let n = d.tiers[t] as usize;
            (format!("{} · {}", t.name(), pct(n, d.connections)), n, TIER_COLOURS[t as usize])
        })
        .collect();
    horizontal_bars(area, &tiers_title(d), "connections", &bars, None)
}

/// The title of the companies chart.
pub fn companies_title(d: &ChartData) -> String {
    let best = d.companies.iter().filter(|c| c.2 > 0).max_by(|x, y| {
        (x.2 as f64 / x.1 as f64).total_cmp(&(y.2 as f64 / y.1 as f64)).then(y.0.cmp(&x.0))
    });
    match best {
        Some((name, n, living)) => format!(
            "Top employers; dark: living ties — most alive: {} ({})",
            shorten(name, 24),
            pct(*living, *n)
        ),
        None => "Top employers by connections; none has a living relationship yet".into(),
    }
}

/// The largest employers by connections, the living share darker.
pub fn companies<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    let colour = TIER_COLOURS[0];
    let bars: Vec<(String, usize, RGBColor)> = d
        .companies
        .iter()
        .map(|(name, n, _)| (shorten(name, 28), *n, colour.mix(0.3).over_white()))
        .collect();
    let living: Vec<usize> = d.companies.iter().map(|c| c.2).collect();
    horizontal_bars(area, &companies_title(d), "connections", &bars, Some((&living, colour)))
}

trait OverWhite {
    fn over_white(&self) -> RGBColor;
}

impl OverWhite for RGBAColor {
    /// The colour over white.
    fn over_white(&self) -> RGBColor {
        let over = |c: u8| (f64::from(c) * self.3 + 255.0 * (1.0 - self.3)).round() as u8;
        RGBColor(over(self.0), over(self.1), over(self.2))
    }
}

/// `s` cut to `max` columns with an ellipsis, a wide character (Chinese, Japanese, Korean)
/// taking two columns.
pub(super) fn shorten(s: &str, max: usize) -> String {
    let columns = |c: char| UnicodeWidthChar::width(c).unwrap_or(0).max(1);
    if s.chars().map(columns).sum::<usize>() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in s.chars() {
        used += columns(c);
        if used > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Each bar's value as drawn at its end, with the living count when `inner` gives it.
fn bar_values(
    bars: &[(String, usize, RGBColor)],
    inner: Option<(&[usize], RGBColor)>,
) -> Vec<String> {
    bars.iter()
        .enumerate()
        .map(|(i, b)| match inner {
            Some((living, _)) => format!("{} ({} living)", b.1, living[i]),
            None => b.1.to_string(),
        })
        .collect()
}

/// Where the value axis of horizontal bars ends so that each bar's value, drawn after its end,
/// fits inside the chart.
fn room_for_values<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[(String, usize, RGBColor)],
    values: &[String],
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let plot_width = f64::from(area.dim_in_pixel().0.saturating_sub(2 * 16 + 230));
    let mut widths = Vec::with_capacity(values.len());
    for v in values {
        widths.push(f64::from(area.estimate_text_size(v, &font(14))?.0));
    }
    let fits = bars.iter().zip(&widths).map(|(b, &w)| (b.1, w + LABEL_GAP + 4.0));
    Ok(axis_end(fits, plot_width))
}

/// Labelled horizontal bars, first on top; `inner` overlays a second value on each bar.
fn horizontal_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    x_desc: &str,
    bars: &[(String, usize, RGBColor)],
    inner: Option<(&[usize], RGBColor)>,
) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let n = bars.len().max(1) as i32;
    let values = bar_values(bars, inner);
    let top = room_for_values(area, bars, &values)?;
    let mut chart = ChartBuilder::on(area)
        .caption(title, title_font(title, 20))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(230)
        .build_cartesian_2d(0..top, (0..(n - 1).max(1)).into_segmented())?;
    let labels: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc(x_desc)
        .axis_desc_style(font(15))
        .label_style(font_for(&labels, 14))
        .y_labels(bars.len().max(1))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => {
                bars.get((n - 1 - *i) as usize).map_or(String::new(), |b| b.0.clone())
            }
            _ => String::new(),
        })
        .draw()?;
    let row = |i: usize| n - 1 - i as i32;
    chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
        let mut r = Rectangle::new(
            [(0, SegmentValue::Exact(row(i))), (b.1, SegmentValue::Exact(row(i) + 1))],
            b.2.filled(),
        );
        r.set_margin(5, 5, 0, 0);
        r
    }))?;
    if let Some((values, colour)) = inner {
        chart.draw_series(values.iter().enumerate().map(|(i, &v)| {
            let mut r = Rectangle::new(
                [(0, SegmentValue::Exact(row(i))), (v, SegmentValue::Exact(row(i) + 1))],
                colour.filled(),
            );
            r.set_margin(5, 5, 0, 0);
            r
        }))?;
    }
    chart.draw_series(bars.iter().zip(values).enumerate().map(|(i, (b, label))| {
        let at = EmptyElement::at((b.1, SegmentValue::CenterOf(row(i))));
        at + Text::new(label, (LABEL_GAP as i32, 0), font(14).pos(pos_left()))
    }))?;
    Ok(())
}

/// Pixels between a bar's end and its value.
const LABEL_GAP: f64 = 4.0;

/// Where a value axis `length` pixels long must end so that each of `bars` — its value and the
/// pixels its label needs beyond the bar's end — fits: at least an eighth above the largest.
fn axis_end(bars: impl Iterator<Item = (usize, f64)>, length: f64) -> usize {
    let mut end = 1.0f64;
    for (value, room) in bars {
        let v = value as f64;
        end = end.max(v + v / 8.0 + 1.0);
        // value / end · length + room ≤ length
        if room < length {
            end = end.max(v * length / (length - room));
        }
    }
    end.ceil() as usize
}

/// The pixels a legend of `entries` takes from the top of the plot, text `text` pixels high,
/// with its margin: plotters draws a row per entry, `text` + 8 apart, inside 10 pixels of padding
/// 5 pixels from the edge; a little more, to be safe.
fn legend_height(entries: usize, text: u32) -> f64 {
    entries as f64 * (f64::from(text) + 8.0) + 2.0 * 10.0 + 5.0 + 6.0
}

/// The series' legend, on a translucent white box, its labels in `style`.
fn legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    at: SeriesLabelPosition,
    style: TextStyle<'static>,
) -> Drawn<DB> {
    chart
        .configure_series_labels()
        .position(at)
        .label_font(style)
        .background_style(WHITE.mix(0.85))
        .border_style(REFERENCE)
        .draw()
}

fn pos_left() -> Pos {
    Pos::new(HPos::Left, VPos::Center)
}

/// The title of the growth chart.
pub fn growth_title(d: &ChartData) -> String {
    let recent = d.growth.iter().rev().take(12);
    let (all, clutter) = recent
        .fold((0, 0), |(a, c), q| (a + q.2.iter().sum::<usize>(), c + q.2[Tier::Clutter as usize]));
    if all == 0 {
        return "Connections added per quarter, by today's tier".into();
    }
    format!(
        "Added per quarter, by today's tier: {} of the last 3 years' are clutter",
        pct(clutter, all)
    )
}

/// Connections added per quarter, stacked by today's tier: where the clutter came from.
pub fn growth<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    // A label per year, or per few years on a long history (at most about 12 labels).
    let step = d.growth.len().div_ceil(4).div_ceil(12).max(1) as i16;
    let first_year = d.growth.first().map_or(0, |q| q.0);
    let labels = d.growth.iter().map(|q| {
        if d.growth.len() <= 8 {
            format!("{} Q{}", q.0, q.1)
        } else if q.1 == 1 && (q.0 - first_year) % step == 0 {
            q.0.to_string()
        } else {
            String::new()
        }
    });
    let x_desc = if d.undated > 0 {
        format!("quarter connected ({} without a date not shown)", d.undated)
    } else {
        "quarter connected".to_string()
    };
    let stacked = Stacked {
        title: growth_title(d),
        x_desc,
        y_desc: "connections added",
        columns: labels.zip(d.growth.iter().map(|q| q.2)).collect(),
        headroom: 10,
        gap: 1,
    };
    stacked.draw(area)
}

/// Columns of tier counts, the closest tier lowest, with a legend.
struct Stacked {
    title: String,
    x_desc: String,
    y_desc: &'static str,
    /// Each column's label (empty: none) and counts by tier.
    columns: Vec<(String, [usize; Tier::ALL.len()])>,
    /// Room above the tallest column: 1/`headroom` of its height.
    headroom: usize,
    /// Pixels between columns, each side.
    gap: u32,
}

impl Stacked {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        area.fill(&WHITE)?;
        let n = self.columns.len().max(1) as i32;
        let max = self.columns.iter().map(|c| c.1.iter().sum::<usize>()).max().unwrap_or(0).max(1);
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, title_font(&self.title, 20))
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(
                (0..(n - 1).max(1)).into_segmented(),
                0..max + max / self.headroom + 1,
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .x_desc(self.x_desc.as_str())
            .y_desc(self.y_desc)
            .axis_desc_style(font(15))
            .label_style(font(13))
            .x_labels(self.columns.len().max(1))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => {
                    self.columns.get(*i as usize).map_or(String::new(), |c| c.0.clone())
                }
                _ => String::new(),
            })
            .draw()?;
        for tier in shown(|t| self.columns.iter().any(|c| c.1[t as usize] > 0)) {
            let (colour, t) = (TIER_COLOURS[tier as usize], tier as usize);
            chart
                .draw_series(self.columns.iter().enumerate().map(|(i, (_, counts))| {
                    let below: usize = counts[..t].iter().sum();
                    let x = i as i32;
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(x), below),
                            (SegmentValue::Exact(x + 1), below + counts[t]),
                        ],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, self.gap, self.gap);
                    bar
                }))?
                .label(tier.name())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled())
                });
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft, font(14))
    }
}

/// The title of the silence chart.
pub fn silence_title(d: &ChartData) -> String {
    let within_year: usize = d.silence[..4].iter().sum();
    format!(
        "{} never exchanged anything; {} in touch within the year",
        pct(d.silence[7], d.connections),
        pct(within_year, d.connections)
    )
}

/// Connections by time since the last interaction, and those never in contact.
pub fn silence<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    let mut labels: Vec<&str> = SILENCE.iter().map(|s| s.1).collect();
    labels.push("never");
    let mut colours = vec![TIER_COLOURS[0]; 7];
    colours.push(TIER_COLOURS[Tier::Clutter as usize]);
    let bars: Vec<(&str, Vec<(usize, RGBColor)>)> = labels
        .iter()
        .zip(d.silence.iter().zip(colours))
        .map(|(l, (&n, c))| (*l, vec![(n, c)]))
        .collect();
    vertical_bars(area, &silence_title(d), "time since the last interaction", &bars, &[])
}

/// The title of the layers chart.
pub fn layers_title(d: &ChartData) -> String {
    let [a, b, c, e] = d.layers.0;
    format!("Your layers: {a} / {b} / {c} / {e} against Dunbar's 5 / 15 / 50 / 150")
}

/// This network's layers against Dunbar's sizes.
pub fn layers<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    let names = ["support", "sympathy", "affinity", "active"];
    let bars: Vec<(&str, Vec<(usize, RGBColor)>)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, vec![(d.layers.0[i], TIER_COLOURS[0]), (d.layers.1[i], REFERENCE)]))
        .collect();
    let legend = [("this network", TIER_COLOURS[0]), ("Dunbar", REFERENCE)];
    vertical_bars(area, &layers_title(d), "layer (score at or above its threshold)", &bars, &legend)
}

/// Where the value axis of vertical bars ends so that above every bar its value fits, and
/// under the legend's box (`legend` entries, in the top corner) when there is one.
fn room_above_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    groups: &[(&str, Vec<(usize, RGBColor)>)],
    legend: usize,
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let (_, text) = area.estimate_text_size("0123456789", &font(14))?;
    let (_, caption) = area.estimate_text_size(title, &title_font(title, 20))?;
    let height = f64::from(area.dim_in_pixel().1) - 2.0 * 16.0 - 48.0 - f64::from(caption) - 10.0;
    let legend = if legend == 0 { 0.0 } else { legend_height(legend, text) };
    let room = f64::from(text) + 8.0 + legend;
    let values = groups.iter().flat_map(|g| g.1.iter().map(move |b| (b.0, room)));
    Ok(axis_end(values, height.max(1.0)))
}

/// Groups of vertical bars side by side, each labelled with its value.
fn vertical_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    x_desc: &str,
    groups: &[(&str, Vec<(usize, RGBColor)>)],
    legend: &[(&str, RGBColor)],
) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let per = groups.iter().map(|g| g.1.len()).max().unwrap_or(1).max(1) as i32;
    let n = groups.len().max(1) as i32 * per;
    let top = room_above_bars(area, title, groups, legend.len())?;
    let mut chart = ChartBuilder::on(area)
        .caption(title, title_font(title, 20))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(60)
        .build_cartesian_2d(0..n, 0..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc(x_desc)
        .y_desc("connections")
        .axis_desc_style(font(15))
        .label_style(font(14))
        .x_labels(1)
        .x_label_formatter(&|_| String::new())
        .draw()?;
    let bars = groups.iter().enumerate().flat_map(|(g, (_, bars))| {
        bars.iter().enumerate().map(move |(i, b)| (g as i32 * per + i as i32, b.0, b.1))
    });
    chart.draw_series(bars.clone().map(|(x, v, c)| {
        let mut r = Rectangle::new([(x, 0), (x + 1, v)], c.filled());
        r.set_margin(0, 0, 4, 4);
        r
    }))?;
    let centre = Pos::new(HPos::Center, VPos::Bottom);
    let (w, _) = chart.plotting_area().dim_in_pixel();
    let half = (w as i32 / n / 2).max(1);
    chart.draw_series(bars.map(|(x, v, _)| {
        EmptyElement::at((x, v)) + Text::new(v.to_string(), (half, -4), font(14).pos(centre))
    }))?;
    let below = Pos::new(HPos::Center, VPos::Top);
    chart.draw_series(groups.iter().enumerate().map(|(g, (label, _))| {
        EmptyElement::at((g as i32 * per, 0))
            + Text::new(label.to_string(), (half * per, 8), font(14).pos(below))
    }))?;
    for &(label, colour) in legend {
        chart
            .draw_series(std::iter::empty::<Rectangle<(i32, usize)>>())?
            .label(label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled()));
    }
    if !legend.is_empty() {
        self::legend(&mut chart, SeriesLabelPosition::UpperRight, font(14))?;
    }
    Ok(())
}

/// The title of the reciprocity chart.
pub fn reciprocity_title(_: &ChartData) -> String {
    "Reciprocity against recency: living relationships sit top right".into()
}

/// Every connection with any contact, by recency and reciprocity, coloured by tier.
pub fn reciprocity<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let title = reciprocity_title(d);
    let mut chart = ChartBuilder::on(area)
        .caption(&title, title_font(&title, 20))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.02f64..1.02, -0.02f64..1.02)?;
    chart
        .configure_mesh()
        .x_desc("recency (1 = in touch today, halves every half-life)")
        .y_desc("reciprocity (1 = fully two-way)")
        .axis_desc_style(font(15))
        .label_style(font(13))
        .light_line_style(TRANSPARENT)
        .draw()?;
    for tier in shown(|t| d.points.iter().any(|p| p.2 == t)) {
        let colour = TIER_COLOURS[tier as usize];
        let points = d.points.iter().filter(|p| p.2 == tier);
        chart
            .draw_series(points.map(|p| Circle::new((p.0, p.1), 3, colour.mix(0.7).filled())))?
            .label(tier.name())
            .legend(move |(x, y)| Circle::new((x + 6, y), 5, colour.filled()));
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft, font(14))?;
    Ok(())
}

/// The title of the network picture.
pub fn network_title(d: &ChartData) -> String {
    let p = &d.network;
    let coloured = p.groups.len().saturating_sub(1);
    if coloured == 0 {
        return format!(
            "Your strongest {} of {} ties; the closer, the stronger",
            p.nodes.len(),
            p.candidates
        );
    }
    format!(
        "Your {} largest communities: {} of {} ties; the closer, the stronger",
        coloured,
        p.nodes.len(),
        p.candidates
    )
}

/// The owner at the centre, the strongest connections around, communities coloured.
pub fn network<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let p = &d.network;
    let title = network_title(d);
    let mut chart = ChartBuilder::on(area)
        .caption(&title, title_font(&title, 20))
        .margin(16)
        .build_cartesian_2d(-1.08f64..1.08, -1.08f64..1.08)?;
    let edge = REFERENCE.mix(0.35);
    chart.draw_series(p.edges.iter().map(|&(i, j)| {
        let (a, b) = (p.nodes[i], p.nodes[j]);
        PathElement::new(vec![(a.0, a.1), (b.0, b.1)], edge.stroke_width(1))
    }))?;
    let labels: Vec<String> = p.groups.iter().map(|(label, _)| label.clone()).collect();
    for (g, label) in labels.iter().enumerate() {
        let colour = GROUP_COLOURS[g.min(COLOURED)];
        let nodes = p.nodes.iter().filter(|n| n.2 == g);
        if nodes.clone().next().is_none() {
            continue;
        }
        chart
            .draw_series(nodes.map(|n| {
                Circle::new((n.0, n.1), 3 + (n.3 / 20.0) as u32, colour.mix(0.85).filled())
            }))?
            .label(label)
            .legend(move |(x, y)| Circle::new((x + 6, y), 5, colour.filled()));
    }
    chart.draw_series([
        Circle::new((0.0, 0.0), 9, INK.filled()),
        Circle::new((0.0, 0.0), 13, INK.stroke_width(2)),
    ])?;
    chart.draw_series([Text::new(
        "you",
        (0.0, -0.07),
        font(15).pos(Pos::new(HPos::Center, VPos::Top)),
    )])?;
    legend(&mut chart, SeriesLabelPosition::LowerRight, font_for(&labels, 13))?;
    Ok(())
}

/// The title of the trend chart.
pub fn trend_title(d: &ChartData) -> String {
    let (Some(first), Some(last)) = (d.trend.first(), d.trend.last()) else {
        return "Tiers over your runs".into();
    };
    format!(
        "Tiers over {} runs: living {} → {}, clutter {} → {}",
        d.trend.len(),
        first.1.living(),
        last.1.living(),
        first.1.clutter,
        last.1.clutter
    )
}

/// Tier counts of every stored run and this one, stacked, oldest left.
pub fn trend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ChartData) -> Drawn<DB> {
    let stacked = Stacked {
        title: trend_title(d),
        x_desc: "run (the day scored as of)".into(),
        y_desc: "connections",
        columns: d
            .trend
            .iter()
            .map(|(day, t)| (day.to_string(), t.closest_first().map(|n| n as usize)))
            .collect(),
        // Headroom above the tallest column for the legend.
        headroom: 2,
        gap: 12,
    };
    stacked.draw(area)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::{Kind, network::Picture, svg};

    /// A text of an SVG: its box (estimated: 0.62 em a character, one em high) and its text.
    #[derive(Debug)]
    struct Label {
        x0: f64,
        x1: f64,
        y0: f64,
        y1: f64,
        text: String,
    }

    fn attr(tag: &str, name: &str) -> Option<f64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.trim_end_matches("em").parse().ok()
    }

    /// The horizontal texts of an SVG and its translucent white boxes (the legends).
    fn layout(svg: &str) -> (Vec<Label>, Vec<[f64; 4]>) {
        let mut labels = Vec::new();
        for part in svg.split("<text").skip(1) {
            let (tag, rest) = part.split_once('>').unwrap();
            if tag.contains("rotate(") {
                continue;
            }
            let text = rest.split("</text>").next().unwrap().trim().to_string();
            let (x, y, size) =
                (attr(tag, "x").unwrap(), attr(tag, "y").unwrap(), attr(tag, "font-size").unwrap());
            let width = text.chars().count() as f64 * 0.62 * size;
            let x0 = if tag.contains("text-anchor=\"end\"") {
                x - width
            } else if tag.contains("text-anchor=\"middle\"") {
                x - width / 2.0
            } else {
                x
            };
            let y0 = match tag {
                t if t.contains("dy=\"0.76em\"") => y,
                t if t.contains("dy=\"-0.5ex\"") => y - size,
                _ => y - size / 2.0,
            };
            labels.push(Label { x0, x1: x0 + width, y0, y1: y0 + size, text });
        }
        let boxes = svg
            .split("<rect")
            .skip(1)
            .filter(|r| r.contains("opacity=\"0.85\" fill=\"#FFFFFF\""))
            .map(|r| {
                let (x, y) = (attr(r, "x").unwrap(), attr(r, "y").unwrap());
                [x, y, x + attr(r, "width").unwrap(), y + attr(r, "height").unwrap()]
            })
            .collect();
        (labels, boxes)
    }

    /// The numbers of a network of `n` connections, roughly as the sample's.
    fn data(n: usize) -> ChartData {
        let share = |p: f64| (n as f64 * p) as u64;
        let tiers = crate::score::TierCounts {
            core: share(0.03),
            active: share(0.02),
            dormant: share(0.04),
            weak: share(0.2),
            new: share(0.02),
            clutter: share(0.69),
            ..Default::default()
        };
        let companies = (0..12)
            .map(|i| {
                let name = ["Wema Bank", "Vandelay Industries International", "Pied Piper"][i % 3];
                (format!("{name} {i}"), n / 10 / (i + 1), n / 400 / (i + 1))
            })
            .collect();
        ChartData {
            tiers,
            growth: Vec::new(),
            undated: 0,
            silence: [n / 8; 8],
            points: Vec::new(),
            layers: ([n / 35, n / 20, n / 16, n / 14], [5, 15, 50, 150]),
            companies,
            network: Picture::default(),
            trend: Vec::new(),
            as_of: "2026-11-20".into(),
            connections: n,
        }
    }

    #[test]
    fn no_label_lies_under_a_legend_or_past_the_edge_at_300_and_30000() {
        for n in [300, 30_000] {
            let d = data(n);
            for kind in [Kind::Tiers, Kind::Silence, Kind::Layers, Kind::Companies] {
                let (w, _) = kind.size();
                let drawn = svg(kind.size(), |area| kind.draw(area, &d)).unwrap();
                let (labels, boxes) = layout(&drawn);
                for l in &labels {
                    let at = format!("{} at {n}: {:?}", kind.file(), l);
                    assert!(l.x0 >= 0.0 && l.x1 <= f64::from(w), "cut at the edge: {at}");
                    for b in &boxes {
                        let inside = l.x0 >= b[0] && l.x1 <= b[2] && l.y0 >= b[1] && l.y1 <= b[3];
                        let apart = l.x1 <= b[0] || l.x0 >= b[2] || l.y1 <= b[1] || l.y0 >= b[3];
                        // A legend's own labels are words; values start with a digit.
                        let value = l.text.starts_with(|c: char| c.is_ascii_digit());
                        assert!(apart || inside && !value, "under the legend {b:?}: {at}");
                    }
                }
            }
        }
    }
}
