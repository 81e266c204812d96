//! The HTML reader and the cleaner on arbitrary markup: no panic, and pages are valid text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::extract::ExtractorBuilder;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"<html><body>".to_vec();
    bytes.extend_from_slice(data);
    if let Ok(doc) = ExtractorBuilder::new().build().extract_bytes("fuzz.htm", bytes) {
        for (i, page) in doc.pages.iter().enumerate() {
            assert_eq!(page.number as usize, i + 1);
        }
    }
});
