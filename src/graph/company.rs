//! Company names compared as people mean them: case, punctuation, accents kept apart from
//! meaning, legal suffixes dropped — `Acme, Inc.` and `ACME Corp` are one employer, `Acme
//! Health` another. Matching is on whole tokens, never substrings.

use unicode_normalization::UnicodeNormalization;

/// Legal forms that say nothing about who the employer is.
const SUFFIXES: [&str; 22] = [
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "bv",
    "nv",
    "ab",
    "oy",
    "srl",
    "spa",
    "na",
];

/// The words of a company name, lower-case, without punctuation or legal suffixes; empty for
/// no company (or `Self-employed`, which is nobody's employer).
pub fn tokens(name: &str) -> Vec<String> {
    let mut joined = words(name);
    while joined.len() > 1 && joined.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        joined.pop();
    }
    if joined == ["self", "employed"] || joined == ["freelance"] {
        return vec![];
    }
    joined
}

/// The words of any text as people mean them: lower-case, accents composed, punctuation gone,
/// initials written with dots joined (`N.A.` is `na`). A job title compares on these
/// (`VP, Sales` = `vp sales`); a company name on [`tokens`], which also drops legal suffixes.
pub fn words(text: &str) -> Vec<String> {
    let lower: String = text.nfc().flat_map(char::to_lowercase).collect();
    let mut words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // "N.A." and "S.A." split into single letters: join runs of one-letter words.
    let mut joined: Vec<String> = Vec::with_capacity(words.len());
    for w in words.drain(..) {
        match joined.last_mut() {
            Some(last)
                if is_initials(last)
                    && w.chars().count() == 1
                    && w.chars().all(char::is_alphabetic) =>
            {
                last.push_str(&w)
            }
            _ => joined.push(w),
        }
    }
    joined
}

/// One or two ASCII letters: the start of an abbreviation written with dots (`N.A.`).
fn is_initials(word: &str) -> bool {
    word.len() <= 2 && word.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The key a company is grouped by: its tokens joined by spaces.
pub fn key(name: &str) -> String {
    tokens(name).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_employer_many_spellings() {
        assert_eq!(key("Acme, Inc."), "acme");
        assert_eq!(key("ACME Corp"), "acme");
        assert_eq!(key("acme"), "acme");
        assert_eq!(key("Example Bank, N.A."), "example bank");
        assert_eq!(key("Müller & Söhne AG"), "müller söhne");
        assert_eq!(key("Smith + Co"), "smith");
        assert_eq!(key("Self-employed"), "");
    }

    #[test]
    fn other_employers_stay_apart() {
        assert_ne!(key("Acme Health"), key("Acme"));
        assert_ne!(key("Initech"), key("Initech Labs"));
    }
}
