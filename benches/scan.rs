//! Scanning stage: clean text in, hits out, in MB/s of page text. `scan` is the whole stage;
//! the others are its biggest parts alone, to show where the time goes.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::glossary::Glossary;
use tokenlens::scan::{sentence, terms, Scanner};

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
    group.finish();
}

criterion_group!(benches, scan);
criterion_main!(benches);
