//! The PDF reader on arbitrary bytes: it returns a document or an error, never panics through.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::extract::ExtractorBuilder;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = ExtractorBuilder::new().build().extract_bytes("fuzz.pdf", bytes);
});
