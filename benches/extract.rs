//! Extraction stage: file in, clean pages out, per format (throughput in bytes of input).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tokenlens::extract::ExtractorBuilder;

mod common;

fn extract(c: &mut Criterion) {
    let extractor = ExtractorBuilder::new().build();
    for (name, ext) in [("pdf", "pdf"), ("html", "htm")] {
        let files: Vec<(std::path::PathBuf, Vec<u8>)> = common::inputs(ext)
            .into_iter()
            .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
            .collect();
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let mut group = c.benchmark_group("extract");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function(format!("{name} ({} files)", files.len()), |b| {
            b.iter(|| {
                files
                    .iter()
                    .filter_map(|(p, bytes)| extractor.extract_bytes(p, bytes.clone()).ok())
                    .map(|d| d.pages.len())
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, extract);
criterion_main!(benches);
