//! Built-in and user term lists, and finding their terms in documents (`mentions`).
//!
//! The lists are TOML files (format in `glossary/README.md`): the built-in ones are compiled into
//! the binary from `glossary/*.toml`; a user's file goes through the same parser. All terms and
//! aliases are matched in one pass with aho-corasick, leftmost-longest (so "token economy" wins
//! over "token"), ASCII case-insensitive unless a term asks for case, and only at word boundaries.

mod merge;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use merge::{merge_key, Definition, GlossaryMerger, MergedTerm, Place};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::error::{Error, Result};
use crate::scan::Mention;

/// The built-in lists, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "ai_business.toml",
        include_str!("../../glossary/ai_business.toml"),
    ),
    (
        "ai_infrastructure.toml",
        include_str!("../../glossary/ai_infrastructure.toml"),
    ),
    (
        "ai_models.toml",
        include_str!("../../glossary/ai_models.toml"),
    ),
    (
        "ipo_finance.toml",
        include_str!("../../glossary/ipo_finance.toml"),
    ),
    (
        "token_economy.toml",
        include_str!("../../glossary/token_economy.toml"),
    ),
];

/// One term of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The file's category unless the term names its own.
    #[serde(default)]
    pub category: String,
    pub definition: String,
    /// Match only as written (for acronyms that are ordinary words in lower case).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub case_sensitive: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    category: String,
    #[serde(default)]
    term: Vec<Entry>,
}

/// Parse one list. `name` labels errors, which give the line.
pub fn parse_list(name: &Path, text: &str) -> Result<Vec<Entry>> {
    let err = |line: Option<usize>, message: String| Error::Glossary {
        path: name.to_path_buf(),
        line,
        message,
    };
    let file: ListFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        err(line, e.message().to_string())
    })?;
    let line_of = |needle: &str| {
        text.find(&format!("\"{needle}\""))
            .map(|i| text[..i].lines().count().max(1))
    };
    let mut entries = Vec::with_capacity(file.term.len());
    for mut e in file.term {
        e.term = e.term.trim().to_string();
        if e.term.is_empty() {
            return Err(err(None, "a term is empty".into()));
        }
        if e.definition.trim().is_empty() {
            return Err(err(
                line_of(&e.term),
                format!("term {:?} has no definition", e.term),
            ));
        }
        if let Some(a) = e.aliases.iter().find(|a| a.trim().is_empty()) {
            return Err(err(
                line_of(&e.term),
                format!("term {:?} has an empty alias {a:?}", e.term),
            ));
        }
        if e.category.is_empty() {
            e.category = file.category.clone();
        }
        entries.push(e);
    }
    Ok(entries)
}

/// The normalized key of a term or alias: case folded, quotes and spaces evened out.
pub fn key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !k.is_empty() {
            k.push(' ');
        }
        for c in w.chars() {
            match c {
                '“' | '”' | '"' | '‘' | '’' | '\'' => {}
                '‐' | '‑' | '–' => k.push('-'),
                c => k.extend(c.to_lowercase()),
            }
        }
    }
    k
}

/// Builds a [`Glossary`] from the built-in lists and user files.
#[derive(Debug, Default)]
pub struct GlossaryBuilder {
    builtin: bool,
    files: Vec<PathBuf>,
}

impl GlossaryBuilder {
    pub fn new() -> GlossaryBuilder {
        GlossaryBuilder {
            builtin: true,
            files: Vec::new(),
        }
    }

    /// Include the built-in lists (default `true`).
    pub fn builtin(&mut self, yes: bool) -> &mut GlossaryBuilder {
        self.builtin = yes;
        self
    }

    /// Add a user's TOML list.
    pub fn file(&mut self, path: impl Into<PathBuf>) -> &mut GlossaryBuilder {
        self.files.push(path.into());
        self
    }

    pub fn build(&self) -> Result<Glossary> {
        let mut entries = Vec::new();
        if self.builtin {
            for (name, text) in BUILTIN {
                entries.extend(parse_list(Path::new(name), text)?);
            }
        }
        for path in &self.files {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            entries.extend(parse_list(path, &text)?);
        }
        Ok(Glossary::new(entries))
    }
}

/// Term lists compiled for matching.
///
/// One automaton holds every form in lower case and runs over a lower-cased copy of the text
/// (ASCII case only, so offsets do not move): half the size of a case-insensitive automaton,
/// and one pass. A case-sensitive form ("ARR") is then checked against the text as written.
#[derive(Clone, Debug)]
pub struct Glossary {
    entries: Vec<Entry>,
    matcher: Option<AhoCorasick>,
    /// For each pattern: its entry, and the forms as written when it must match case.
    patterns: Vec<(usize, Option<Vec<String>>)>,
}

impl Glossary {
    /// The built-in lists.
    pub fn builtin() -> Glossary {
        GlossaryBuilder::new()
            .build()
            .expect("the built-in lists parse")
    }

    fn new(entries: Vec<Entry>) -> Glossary {
        let mut lowered: Vec<String> = Vec::new();
        let mut patterns: Vec<(usize, Option<Vec<String>>)> = Vec::new();
        // Case-folded forms first: a case-sensitive form that one of them already covers
        // adds nothing; two case-sensitive forms alike but for case ("Arr", "ARR") share one.
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for case_sensitive in [false, true] {
            for (i, e) in entries.iter().enumerate() {
                if e.case_sensitive != case_sensitive {
                    continue;
                }
                for form in std::iter::once(&e.term).chain(&e.aliases) {
                    let mut forms = vec![form.clone()];
                    // Plurals: "data center" also finds "data centers", "GPU" finds "GPUs".
                    if !form.ends_with(['s', 'S'])
                        && form.chars().last().is_some_and(char::is_alphanumeric)
                    {
                        forms.push(format!("{form}s"));
                    }
                    for f in forms {
                        let lower = f.to_ascii_lowercase();
                        if let Some(&k) = seen.get(&lower) {
                            if let Some(written) = patterns[k].1.as_mut() {
                                written.push(f);
                            }
                            continue;
                        }
                        seen.insert(lower.clone(), patterns.len());
                        lowered.push(lower);
                        patterns.push((i, case_sensitive.then(|| vec![f])));
                    }
                }
            }
        }
        let matcher = (!lowered.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                // A full DFA: built once, and the fastest search.
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&lowered)
                .expect("term patterns build")
        });
        Glossary {
            matcher,
            patterns,
            entries,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every use of a listed term in the document, one record per term, in term order.
    pub fn mentions(&self, doc: &Document) -> Vec<Mention> {
        // entry index -> (count, pages)
        let mut found: BTreeMap<usize, (usize, Vec<u32>)> = BTreeMap::new();
        for page in &doc.pages {
            for (_, _, entry) in self.find(&page.text) {
                let slot = found.entry(entry).or_default();
                slot.0 += 1;
                if slot.1.last() != Some(&page.number) {
                    slot.1.push(page.number);
                }
            }
        }
        let mut out: Vec<Mention> = found
            .into_iter()
            .map(|(i, (count, pages))| Mention {
                term: self.entries[i].term.clone(),
                category: self.entries[i].category.clone(),
                count,
                first_page: pages[0],
                pages,
            })
            .collect();
        out.sort_by(|a, b| {
            key(&a.term)
                .cmp(&key(&b.term))
                .then(a.category.cmp(&b.category))
        });
        out
    }

    /// Matches in `text` at word boundaries, leftmost-longest: `(start, end, entry index)`.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let lower = text.to_ascii_lowercase();
        matcher
            .find_iter(&lower)
            .filter_map(|m| {
                let (entry, written) = &self.patterns[m.pattern().as_usize()];
                let as_written = written.as_ref().is_none_or(|forms| {
                    forms
                        .iter()
                        .any(|w| text.as_bytes()[m.range()] == *w.as_bytes())
                });
                (as_written && at_word_boundary(text, m.start(), m.end())).then_some((
                    m.start(),
                    m.end(),
                    *entry,
                ))
            })
            .collect()
    }
}

fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !word(before) && !word(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn builtin_lists_are_clean_sorted_and_without_duplicates() {
        let mut owner: HashMap<String, String> = HashMap::new();
        let mut total = 0;
        for (name, text) in BUILTIN {
            let entries = parse_list(Path::new(name), text).unwrap();
            let terms: Vec<String> = entries.iter().map(|e| key(&e.term)).collect();
            let mut sorted = terms.clone();
            sorted.sort();
            assert_eq!(terms, sorted, "{name}: terms are not sorted");
            for e in &entries {
                assert!(
                    !e.definition.trim().is_empty(),
                    "{name}: {} has no definition",
                    e.term
                );
                for form in std::iter::once(&e.term).chain(&e.aliases) {
                    assert!(
                        !form.trim().is_empty(),
                        "{name}: {} has an empty alias",
                        e.term
                    );
                    let k = key(form);
                    if let Some(prev) = owner.insert(k.clone(), format!("{name}: {}", e.term)) {
                        panic!("{k:?} is listed twice: {prev} and {name}: {}", e.term);
                    }
                }
            }
            total += entries.len();
        }
        assert!(total >= 150, "only {total} built-in terms");
    }

    #[test]
    fn malformed_lists_name_file_and_line() {
        let err = parse_list(
            Path::new("mine.toml"),
            "category = \"x\"\n\n[[term]]\nterm = \"a\"\ndefinition = 3\n",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("mine.toml") && msg.contains("line 5"), "{msg}");
        let err = parse_list(
            Path::new("m.toml"),
            "category = \"x\"\n[[term]]\nterm = \"a\"\naliases = [\"\"]\ndefinition = \"d\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("empty alias"), "{err}");
    }

    #[test]
    fn case_sensitive_forms_match_as_written_only() {
        let entry = |term: &str, aliases: &[&str], case_sensitive: bool| Entry {
            term: term.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            category: "test".into(),
            definition: "d".into(),
            case_sensitive,
        };
        let g = Glossary::new(vec![
            entry("ARR", &["Arr"], true),
            entry("run rate", &[], false),
        ]);
        let text = "ARR, Arr, arr, aRR, Run Rate and run rates";
        let terms: Vec<&str> = g
            .find(text)
            .into_iter()
            .map(|(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(terms, vec!["ARR", "Arr", "Run Rate", "run rates"]);
    }

    #[test]
    fn leftmost_longest_at_word_boundaries() {
        let g = Glossary::builtin();
        let text = "Our context window and tokens; GPUs in data centers. Tokenization. CUDA, cuda.";
        let terms: Vec<&str> = g
            .find(text)
            .into_iter()
            .map(|(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(
            terms,
            vec![
                "context window",
                "tokens",
                "GPUs",
                "data centers",
                "Tokenization",
                "CUDA"
            ]
        );
    }
}
