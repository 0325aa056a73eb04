//! "Did you mean …?": the names closest to one that matches nothing, by edit distance on
//! their [`loose_key`](super::loose_key)s.

/// How many suggestions at most.
pub const SUGGESTIONS: usize = 3;

/// The names among `candidates` (each a loose key and the name to show) within a few edits
/// of `wanted` (a loose key): one edit per four characters, at least one; the closest first,
/// ties by name, each name once, at most [`SUGGESTIONS`].
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    let len = wanted.chars().count();
    let most = (len / 4).max(1);
    let mut near: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|(key, _)| !key.is_empty() && key.chars().count().abs_diff(len) <= most)
        .map(|(key, name)| (strsim::damerau_levenshtein(wanted, key), name))
        .filter(|&(d, _)| d <= most)
        .collect();
    near.sort_unstable();
    let mut names: Vec<String> = Vec::new();
    for (_, name) in near {
        if names.len() < SUGGESTIONS && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// `did you mean A, B or C?`, or nothing without suggestions.
pub fn did_you_mean(names: &[String]) -> Option<String> {
    let (last, rest) = names.split_last()?;
    if rest.is_empty() {
        return Some(format!("did you mean {last}?"));
    }
    Some(format!("did you mean {} or {last}?", rest.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_the_name_and_a_stranger_finds_nothing() {
        let names = [("grace novak", "Grace Novák"), ("liam dvorak", "Liam Dvořák")];
        assert_eq!(closest("grace nowak", names), ["Grace Novák"]);
        assert_eq!(closest("garce novak", names), ["Grace Novák"]);
        assert!(closest("jane doe", names).is_empty());
        assert!(closest("", names).is_empty());
    }

    #[test]
    fn the_closest_come_first_and_at_most_three() {
        let names = [("abcd", "D"), ("abcx", "X"), ("abce", "E"), ("abcd", "D"), ("abc", "C")];
        assert_eq!(closest("abcd", names), ["D", "C", "E"]);
        assert_eq!(
            did_you_mean(&["A".into(), "B".into(), "C".into()]).unwrap(),
            "did you mean A, B or C?"
        );
        assert_eq!(did_you_mean(&["A".into()]).unwrap(), "did you mean A?");
        assert_eq!(did_you_mean(&[]), None);
    }
}
