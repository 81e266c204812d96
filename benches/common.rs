//! Inputs for the benches: the corpus filings beside the repository when they are there
//! (`../shared/corpus`), else the committed fixtures.

use std::path::{Path, PathBuf};

pub fn inputs(ext: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["../shared/corpus/filings", "../shared/corpus/prospectuses"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ext.split('|').any(|x| e == x))
        })
        .collect();
    if files.is_empty() {
        let fallback = if ext.contains("pdf") {
            "fixtures/pdf/multipage.pdf"
        } else {
            "fixtures/html/sample_s1.htm"
        };
        files.push(root.join(fallback));
    }
    files.sort();
    files
}
