//! Scanning stage: clean text in, hits out, in MB/s of page text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tokenlens::extract::ExtractorBuilder;
use tokenlens::scan::Scanner;

mod common;

fn scan(c: &mut Criterion) {
    let extractor = ExtractorBuilder::new().build();
    let docs: Vec<_> = common::inputs("htm|md|txt|pdf")
        .iter()
        .filter_map(|p| extractor.extract_path(p).ok())
        .collect();
    let bytes: usize = docs
        .iter()
        .flat_map(|d| &d.pages)
        .map(|p| p.text.len())
        .sum();
    let scanner = Scanner::new();
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
    group.finish();
}

criterion_group!(benches, scan);
criterion_main!(benches);
