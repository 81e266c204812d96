//! Scanning stage: clean text in, hits out, in MB/s of page text. `scan` is the whole stage;
//! the others are its biggest parts alone, to show where the time goes.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::glossary::Glossary;
use tokenlens::scan::{sentence, terms, MetricFinder, Scanner};

mod common;

fn scan(c: &mut Criterion) {
    let extractor = ExtractorBuilder::new().build();
    let docs: Vec<_> = common::inputs("htm|md|txt|pdf")
        .iter()
        .filter_map(|p| extractor.extract_path(p).ok())
        .collect();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| {
            let pages: Vec<&str> = d.pages.iter().map(|p| p.text.as_str()).collect();
            pages.join("\n")
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let scanner = Scanner::new();
    scanner.warm_up();
    let glossary = Glossary::builtin();
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(format!("{} documents", docs.len()), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| scanner.scan(d).metrics.len())
                .sum::<usize>()
        })
    });
    group.bench_function("glossary mentions", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| glossary.mentions(d).len())
                .sum::<usize>()
        })
    });
    group.bench_function("defined terms", |b| {
        b.iter(|| texts.iter().map(|t| terms::find(t).len()).sum::<usize>())
    });
    group.bench_function("section headings", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| sentence::sections(t).len())
                .sum::<usize>()
        })
    });
    group.bench_function("sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| sentence::sentences(t).len())
                .sum::<usize>()
        })
    });
    // The floor under any design that finds mentions and keywords by automaton: one pass of
    // one DFA holding both lists (lower-cased forms, as the mention pass uses), before any
    // rule runs. At 200 MiB/s the whole scan may take what 7.4 MB allow: 35 ms.
    let mut forms: Vec<String> = glossary
        .entries()
        .iter()
        .flat_map(|e| std::iter::once(&e.term).chain(&e.aliases))
        .map(|f| f.to_ascii_lowercase())
        .collect();
    forms.extend(
        MetricFinder::keywords()
            .iter()
            .map(|k| k.to_ascii_lowercase()),
    );
    let one = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&forms)
        .expect("forms build");
    let lowered: Vec<String> = texts.iter().map(|t| t.to_ascii_lowercase()).collect();
    group.bench_function("floor: mentions and keywords, one automaton", |b| {
        b.iter(|| {
            lowered
                .iter()
                .map(|t| one.find_iter(t).count())
                .sum::<usize>()
        })
    });
    // And the floor under a hand-written pass: the word starts alone (a byte-class loop).
    group.bench_function("floor: word starts", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let mut prev = false;
                    t.bytes()
                        .filter(|&c| {
                            let word = c.is_ascii_alphanumeric();
                            let start = word && !prev;
                            prev = word;
                            start
                        })
                        .count()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, scan);
criterion_main!(benches);
