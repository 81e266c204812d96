//! A glossary built across many filings: one entry per term, every distinct definition with the
//! filings and pages that give it, how many filings use the term, and conflicts made visible.

use std::collections::BTreeMap;
use std::path::PathBuf;

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::scan::Term;

/// Where a definition was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    #[serde(serialize_with = "crate::util::path_lossy")]
    pub path: PathBuf,
    pub page: u32,
    /// `glossary_section`, `inline` or `means_clause`.
    pub source: String,
}

/// One wording of a term's meaning, and every place that gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The definition text; for an inline term, the full name it stands for.
    pub text: String,
    pub places: Vec<Place>,
}

/// A term merged over filings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergedTerm {
    /// The term as most often written.
    pub term: String,
    /// The normalized key it was merged on (case, quotes and a plural `s` folded).
    pub key: String,
    pub aliases: Vec<String>,
    /// Distinct definitions, most common first.
    pub definitions: Vec<Definition>,
    /// Filings that define the term.
    pub filings_defining: usize,
    /// Filings whose text uses the term (defined there or not).
    pub filings_using: usize,
    /// True when filings define the term in different words.
    pub conflict: bool,
}

/// The merge key of a term: [`super::key`] with a plural `s` dropped ("GPUs" and "GPU" merge).
pub fn merge_key(term: &str) -> String {
    let k = super::key(term);
    // "GPUs", "tokens" fold; "access", "analysis", "bonus" do not.
    let acronym_plural = {
        let mut rev = term.trim_end_matches(['”', '"', '’']).chars().rev();
        rev.next() == Some('s') && rev.next().is_some_and(char::is_uppercase)
    };
    let singular = k.strip_suffix('s').filter(|s| {
        s.chars().count() >= 2
            && (acronym_plural || (s.chars().count() >= 3 && !s.ends_with(['s', 'i', 'u'])))
    });
    singular.map(str::to_string).unwrap_or(k)
}

/// The form definitions are compared in: their words, lower-case, in order, without articles
/// and prepositions, "U.S." and "of America" folded. "accounting principles generally accepted
/// in the United States of America" and "U.S. generally accepted accounting principles" are one
/// definition in other words, not a conflict.
fn norm_definition(d: &str) -> String {
    let lower = super::key(d)
        .replace("u.s.", "united states")
        .replace("united states of america", "united states");
    // A plural is the same word ("application programming interfaces" and "application
    // programming interface").
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "the" | "a" | "an" | "of" | "in" | "for" | "at" | "on" | "by" | "its" | "our"
                )
        })
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                &w[..w.len() - 1]
            } else {
                w
            }
        })
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// Whether two of the definitions disagree: neither holds all the words of the other. One that
/// only adds to another ("artificial intelligence" and "artificial intelligence, an area of
/// computer science that ...") agrees with it.
fn disagree(definitions: &[Definition]) -> bool {
    let words: Vec<std::collections::BTreeSet<String>> = definitions
        .iter()
        .map(|d| {
            norm_definition(&d.text)
                .split(' ')
                .map(str::to_string)
                .collect()
        })
        .collect();
    words.iter().enumerate().any(|(i, a)| {
        words[i + 1..]
            .iter()
            .any(|b| !a.is_subset(b) && !b.is_subset(a))
    })
}

/// Collects defined terms filing by filing, then merges them.
#[derive(Debug, Default)]
pub struct GlossaryMerger {
    /// key -> (spelling counts, aliases, definition text by normalized form, filings defining)
    terms: BTreeMap<String, Pending>,
    /// The text of each filing, to count uses.
    texts: Vec<String>,
}

#[derive(Debug, Default)]
struct Pending {
    spellings: BTreeMap<String, usize>,
    aliases: BTreeMap<String, ()>,
    definitions: BTreeMap<String, Definition>,
    filings: BTreeMap<PathBuf, ()>,
}

impl GlossaryMerger {
    pub fn new() -> GlossaryMerger {
        GlossaryMerger::default()
    }

    /// Add one filing: its path, the terms it defines, and its text (all pages).
    pub fn add(&mut self, path: PathBuf, terms: &[Term], text: String) {
        for t in terms {
            let key = merge_key(&t.term);
            if key.is_empty() {
                continue;
            }
            let p = self.terms.entry(key).or_default();
            *p.spellings.entry(t.term.clone()).or_default() += 1;
            for a in &t.aliases {
                p.aliases.insert(a.clone(), ());
            }
            p.filings.insert(path.clone(), ());
            // An inline term with both reads "annual recurring revenue: the annualized value ...".
            let text = match (&t.antecedent, &t.definition) {
                (Some(a), Some(d)) if t.source == "inline" => format!("{a}: {d}"),
                _ => t
                    .definition
                    .clone()
                    .or_else(|| t.antecedent.clone())
                    .unwrap_or_default(),
            };
            if text.is_empty() {
                continue;
            }
            let d = p
                .definitions
                .entry(norm_definition(&text))
                .or_insert_with(|| Definition {
                    text: text.clone(),
                    places: Vec::new(),
                });
            d.places.push(Place {
                path: path.clone(),
                page: t.page,
                source: t.source.clone(),
            });
        }
        self.texts.push(text);
    }

    /// The merged glossary, sorted by key.
    pub fn finish(self) -> Vec<MergedTerm> {
        let GlossaryMerger { terms, texts } = self;
        let keys: Vec<&String> = terms.keys().collect();
        // Count, for each term, the filings whose text uses it (any spelling or alias).
        let mut patterns: Vec<String> = Vec::new();
        let mut owner: Vec<usize> = Vec::new();
        for (i, (_, p)) in terms.iter().enumerate() {
            for s in p.spellings.keys().chain(p.aliases.keys()) {
                patterns.push(s.clone());
                owner.push(i);
                if !s.ends_with('s') {
                    patterns.push(format!("{s}s"));
                    owner.push(i);
                }
            }
        }
        let mut using = vec![0usize; keys.len()];
        if !patterns.is_empty() {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("term patterns build");
            for text in &texts {
                let mut seen = vec![false; keys.len()];
                for m in ac.find_iter(text) {
                    let before = text[..m.start()].chars().next_back();
                    let after = text[m.end()..].chars().next();
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                    if !word(before) && !word(after) {
                        seen[owner[m.pattern().as_usize()]] = true;
                    }
                }
                for (u, s) in using.iter_mut().zip(seen) {
                    *u += s as usize;
                }
            }
        }
        terms
            .into_iter()
            .enumerate()
            .map(|(i, (key, p))| {
                let term = p
                    .spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(s, _)| s.clone())
                    .unwrap_or_default();
                let mut definitions: Vec<Definition> = p.definitions.into_values().collect();
                definitions.sort_by(|a, b| {
                    b.places
                        .len()
                        .cmp(&a.places.len())
                        .then(a.text.cmp(&b.text))
                });
                let aliases = p
                    .aliases
                    .into_keys()
                    .filter(|a| merge_key(a) != key)
                    .collect();
                MergedTerm {
                    conflict: disagree(&definitions),
                    filings_defining: p.filings.len(),
                    filings_using: using[i].max(p.filings.len()),
                    term,
                    key,
                    aliases,
                    definitions,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str, def: &str, page: u32) -> Term {
        Term {
            term: t.into(),
            aliases: vec![],
            definition: Some(def.into()),
            antecedent: None,
            source: "glossary_section".into(),
            section: None,
            page,
            start: 0,
            end: 0,
            sentence: String::new(),
        }
    }

    #[test]
    fn merges_spellings_and_shows_conflicts() {
        let mut m = GlossaryMerger::new();
        m.add(
            "a.htm".into(),
            &[term("Token", "the basic unit of text.", 3)],
            "Our tokens grew.".into(),
        );
        m.add(
            "b.htm".into(),
            &[
                term("tokens", "The basic unit of text", 7),
                term("GPU", "a chip", 2),
            ],
            "GPUs and tokens".into(),
        );
        m.add(
            "c.htm".into(),
            &[term("“token”", "a crypto asset", 1)],
            "token".into(),
        );
        m.add("d.htm".into(), &[], "No such words.".into());
        let g = m.finish();
        let token = g.iter().find(|t| t.key == "token").unwrap();
        assert_eq!(token.filings_defining, 3);
        assert_eq!(token.filings_using, 3);
        assert!(token.conflict);
        assert_eq!(token.definitions.len(), 2);
        assert_eq!(
            token.definitions[0].places.len(),
            2,
            "same words, case and period aside"
        );
        let gpu = g.iter().find(|t| t.key == "gpu").unwrap();
        assert!(!gpu.conflict);
        assert_eq!(merge_key("access"), "access");
        assert_eq!(merge_key("analysis"), "analysis");
        assert_eq!(merge_key("GPUs"), "gpu");
    }

    #[test]
    fn the_same_definition_in_other_words_is_no_conflict() {
        let mut m = GlossaryMerger::new();
        for (path, def) in [
            (
                "a.htm",
                "accounting principles generally accepted in the United States of America",
            ),
            ("b.htm", "U.S. generally accepted accounting principles"),
            (
                "c.htm",
                "Generally accepted accounting principles in the United States.",
            ),
        ] {
            m.add(path.into(), &[term("GAAP", def, 1)], "GAAP".into());
        }
        m.add(
            "d.htm".into(),
            &[term("GAAP", "generally accepted auditing standards", 1)],
            "GAAP".into(),
        );
        let g = m.finish();
        let gaap = g.iter().find(|t| t.key == "gaap").unwrap();
        assert_eq!(gaap.definitions.len(), 2);
        assert_eq!(gaap.definitions[0].places.len(), 3);
        assert!(gaap.conflict);
    }

    #[test]
    fn a_plural_is_no_conflict() {
        assert_eq!(
            norm_definition("Accounting Standards Codifications"),
            norm_definition("Accounting Standards Codification")
        );
        assert_ne!(
            norm_definition("graphics processing unit"),
            norm_definition("tensor unit")
        );
    }

    #[test]
    fn a_definition_that_adds_to_another_is_no_conflict() {
        let mut m = GlossaryMerger::new();
        m.add(
            "a.htm".into(),
            &[term("AI", "artificial intelligence", 1)],
            "AI".into(),
        );
        m.add(
            "b.htm".into(),
            &[term(
                "AI",
                "artificial intelligence, an area of computer science",
                1,
            )],
            "AI".into(),
        );
        let g = m.finish();
        let ai = g.iter().find(|t| t.key == "ai").unwrap();
        assert_eq!(ai.definitions.len(), 2);
        assert!(!ai.conflict);
    }

    #[test]
    fn an_inline_term_reads_as_its_name_and_its_definition() {
        let mut arr = term("ARR", "the annualized value of our contracts.", 4);
        arr.source = "inline".into();
        arr.antecedent = Some("annual recurring revenue".into());
        let mut llm = term("LLM", "", 5);
        llm.source = "inline".into();
        llm.definition = None;
        llm.antecedent = Some("large language model".into());
        let mut m = GlossaryMerger::new();
        m.add("a.htm".into(), &[arr, llm], "ARR and LLMs".into());
        let g = m.finish();
        let text = |key: &str| {
            g.iter().find(|t| t.key == key).unwrap().definitions[0]
                .text
                .clone()
        };
        assert_eq!(
            text("arr"),
            "annual recurring revenue: the annualized value of our contracts."
        );
        assert_eq!(text("llm"), "large language model");
    }
}
