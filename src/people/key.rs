//! Identity keys. A profile URL in any of its forms — percent-encoded or raw UTF-8 slug, with
//! or without scheme, `www.` or a country subdomain, trailing slash, query or fragment — gives
//! the same [`ProfileKey`]; names compare through [`name_key`].

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

/// Characters percent-encoded when a slug is written back into a URL: everything that is not
/// plain ASCII, and what would end or split the path segment.
const SLUG: &AsciiSet = &CONTROLS.add(b' ').add(b'/').add(b'?').add(b'#').add(b'%').add(b'"');

/// A normalised `/in/<slug>` profile: the slug percent-decoded, NFC, lower-case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ProfileKey(String);

impl ProfileKey {
    /// Reads a profile URL in any form LinkedIn or a user writes it; `None` for anything that
    /// is not an `/in/<slug>` profile (a bare `…/in`, a URN, a company page, legacy forms).
    pub fn parse(url: &str) -> Option<ProfileKey> {
        let s = url.trim();
        let lower_scheme = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
        let rest = if lower_scheme.starts_with("https://") {
            &s[8..]
        } else if lower_scheme.starts_with("http://") {
            &s[7..]
        } else {
            s
        };
        let (host, path) = rest.split_once('/')?;
        let host = host.to_ascii_lowercase();
        let sub = host.strip_suffix("linkedin.com")?;
        let sub_ok = sub.is_empty()
            || sub == "www."
            || (sub.len() == 3
                && sub.ends_with('.')
                && sub[..2].bytes().all(|b| b.is_ascii_alphabetic()));
        if !sub_ok {
            return None;
        }
        let path = path.split(['?', '#']).next()?;
        let mut parts = path.split('/');
        if !parts.next()?.eq_ignore_ascii_case("in") {
            return None;
        }
        let slug = parts.next()?;
        if parts.any(|p| !p.is_empty()) {
            return None;
        }
        let decoded = percent_decode_str(slug).decode_utf8().ok()?;
        let key = fold(decoded.trim());
        (!key.is_empty()).then_some(ProfileKey(key))
    }

    /// The slug, decoded.
    pub fn slug(&self) -> &str {
        &self.0
    }

    /// The canonical URL, `https://www.linkedin.com/in/<slug>`, percent-encoded as
    /// Connections.csv writes it.
    pub fn url(&self) -> String {
        format!("https://www.linkedin.com/in/{}", utf8_percent_encode(&self.0, SLUG))
    }
}

/// NFC, then Unicode lower-case, then NFC again (lower-casing can decompose).
fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let lower: String = s.nfc().collect::<String>().to_lowercase();
    lower.nfc().collect()
}

/// A `urn:li:member:<digits>` reference, kept as its own key: it cannot be joined to slugs.
pub fn urn(s: &str) -> Option<&str> {
    let s = s.trim();
    let digits = s.strip_prefix("urn:li:member:")?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// How names are compared: NFC, lower-case, zero-width characters dropped, every run of white
/// space (no-break and narrow spaces included) one space, trimmed.
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        return name
            .split_ascii_whitespace()
            .map(|w| w.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfc().flat_map(char::to_lowercase) {
        if matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// How a typed name or company is compared when nothing matches it exactly: its
/// [`name_key`], decomposed (NFD) with the combining marks dropped, so `Novák` is `novak` and
/// `Zoë` is `zoe`. Letters that do not decompose (`ł`, `ø`, `ß`) stay as they are.
pub fn loose_key(name: &str) -> String {
    let key = name_key(name);
    if key.is_ascii() {
        return key;
    }
    key.nfd().filter(|&c| !unicode_normalization::char::is_combining_mark(c)).nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Option<String> {
        ProfileKey::parse(s).map(|k| k.slug().to_string())
    }

    #[test]
    fn every_form_of_one_profile_meets() {
        let forms = [
            "https://www.linkedin.com/in/bo%C5%BEi%C4%87",
            "https://www.linkedin.com/in/božić",
            "www.linkedin.com/in/božić",
            "http://linkedin.com/in/Božić/",
            "https://uk.linkedin.com/in/bo%c5%bei%c4%87?utm_source=share#top",
            " https://www.linkedin.com/in/BOŽIĆ ",
        ];
        for f in forms {
            assert_eq!(key(f).as_deref(), Some("božić"), "{f}");
        }
        assert_eq!(key("https://www.linkedin.com/in/%7Eyamila").as_deref(), Some("~yamila"));
    }

    #[test]
    fn what_is_not_a_profile() {
        for s in [
            "https://www.linkedin.com/in",
            "https://www.linkedin.com/in/",
            "urn:li:member:12345",
            "https://www.linkedin.com/company/acme",
            "https://www.linkedin.com/pub/jane-doe/1/2/3",
            "https://evil.example/in/jane",
            "https://notlinkedin.com/in/jane",
            "",
        ] {
            assert_eq!(key(s), None, "{s}");
        }
    }

    #[test]
    fn canonical_url_is_percent_encoded() {
        let k = ProfileKey::parse("https://www.linkedin.com/in/božić").unwrap();
        assert_eq!(k.url(), "https://www.linkedin.com/in/bo%C5%BEi%C4%87");
    }

    #[test]
    fn names_compare_loosely_on_space_and_case_only() {
        assert_eq!(name_key("  Jane\u{a0} DOE \u{200b}"), "jane doe");
        assert_eq!(name_key("Zoe\u{308}"), name_key("Zoë"));
        assert_ne!(name_key("Jane Doe"), name_key("Jane Doe, MBA"));
    }

    #[test]
    fn loose_keys_drop_accents() {
        assert_eq!(loose_key("Grace Novák"), "grace novak");
        assert_eq!(loose_key("GRACE NOVA\u{301}K"), "grace novak");
        assert_eq!(loose_key("Zoë  Dvořák"), "zoe dvorak");
        assert_eq!(loose_key("Łukasz"), "łukasz");
        assert_eq!(loose_key("山田 太郎"), "山田 太郎");
    }
}
