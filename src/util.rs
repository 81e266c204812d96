//! Small helpers shared by the readers, the scanners and the writers.

use std::path::{Path, PathBuf};

/// The largest char boundary of `s` at or below byte `i` (clamped to the length): for cutting
/// a window out of text without splitting a character.
pub(crate) fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first `n` bytes of `s`, or a little fewer, ending at a char boundary.
pub(crate) fn head(s: &str, n: usize) -> &str {
    &s[..floor_char_boundary(s, n)]
}

/// The last `n` bytes of `s`, or a little fewer, starting at a char boundary.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// Serialize a path as a string even when it is not UTF-8 (serde's own impl fails on those).
pub(crate) fn path_lossy<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// `path_lossy` for a list of paths.
pub(crate) fn paths_lossy<S: serde::Serializer>(
    paths: &[PathBuf],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(paths.iter().map(|p| p.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_never_split_a_character() {
        let s = "a“b”c";
        for n in 0..=s.len() + 2 {
            let _ = (head(s, n), tail(s, n));
        }
        assert_eq!(head(s, 2), "a");
        assert_eq!(tail(s, 2), "c");
        assert_eq!(floor_char_boundary(s, 99), s.len());
    }
}
