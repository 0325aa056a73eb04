//! `report.html`: one self-contained page, rendered by minijinja with HTML auto-escaping, so
//! every value from the export reaches the page as text, never as markup. Its style and script
//! are inline and named in a Content-Security-Policy by their SHA-256 hashes; everything else —
//! any request, any other script, style or frame — the browser refuses. The connection table
//! travels as JSON (escaped by the engine for a `<script>` element) and is drawn by the page's
//! script, only the rows in view, so it stays smooth at 30,000 rows.

use base64::Engine;
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use sha2::{Digest, Sha256};

use super::charts::Rendered;
use super::view::View;

const TEMPLATE: &str = include_str!("report.html");
const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// The page's Content-Security-Policy: nothing may load; only this style and this script run.
pub fn csp() -> String {
    let hash = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
    format!(
        "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        hash(CSS),
        hash(JS)
    )
}

/// What each tier means, in a line.
const MEANINGS: [(&str, &str); 7] = [
    ("core", "close, two-way and recent"),
    ("active", "two-way within the year"),
    ("dormant", "a real relationship gone quiet: reconnect"),
    ("weak", "some contact, but never an answer either way and nothing deep"),
    ("new", "connected recently, no answer either way yet: welcome"),
    ("clutter", "nothing exchanged with you directly, or only their unanswered pitches: prune"),
    ("unknown", "nothing in the export shows contact, but it holds no messages for their time"),
];

/// Renders the report page.
pub fn render(view: &View, charts: &[Rendered]) -> Result<String, String> {
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE).map_err(|e| e.to_string())?;
    let charts: Vec<_> = charts
        .iter()
        .map(|c| context! { file => c.kind.file(), title => &c.title, svg => &c.svg })
        .collect();
    let meanings: std::collections::BTreeMap<&str, &str> = MEANINGS.into_iter().collect();
    let template = env.get_template("report.html").map_err(|e| e.to_string())?;
    template
        .render(context! { v => Value::from(Serde(view)), charts, css => CSS, js => JS, csp => csp(), meanings })
        .map_err(|e| e.to_string())
}
