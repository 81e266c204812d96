//! Decompression bombs: does a PDF hold a Flate stream that inflates past a limit?
//!
//! lopdf inflates a stream whole, into memory, when it is read, so a 1 MB stream that inflates
//! to 1 GB (a ratio zlib reaches easily) is a gigabyte allocation. This check inflates each
//! Flate stream into a small buffer, counting and discarding, so it costs no memory at all; the
//! batch runs it on a file whose reader ran out of memory, to tell a bomb from a file that is
//! merely big.

use std::io::Read;

use flate2::read::ZlibDecoder;

/// Whether some `/FlateDecode` stream of this PDF inflates to more than `limit` bytes.
///
/// Streams are found in the raw bytes (`>> stream` ... ), not through the cross-reference
/// table, so a broken file is checked as well as a sound one.
pub fn pdf_inflates_past(bytes: &[u8], limit: u64) -> bool {
    let mut from = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"stream") {
        let keyword = from + at;
        from = keyword + 6;
        if !is_stream_start(bytes, keyword) {
            continue;
        }
        let dict_start = bytes[..keyword]
            .windows(2)
            .rposition(|w| w == b"<<")
            .unwrap_or(0);
        let dict = &bytes[dict_start..keyword];
        // Filters may be chained (`[/FlateDecode /FlateDecode]`): inflate as many times.
        let layers = memchr::memmem::find_iter(dict, b"FlateDecode").count()
            + memchr::memmem::find_iter(dict, b"/Fl ").count()
            + memchr::memmem::find_iter(dict, b"/Fl]").count();
        if layers == 0 {
            continue;
        }
        let mut data = from;
        if bytes.get(data) == Some(&b'\r') {
            data += 1;
        }
        if bytes.get(data) == Some(&b'\n') {
            data += 1;
        }
        let mut inflater: Box<dyn Read> = Box::new(ZlibDecoder::new(&bytes[data..]));
        for _ in 1..layers.min(4) {
            inflater = Box::new(ZlibDecoder::new(inflater));
        }
        let mut total: u64 = 0;
        loop {
            match inflater.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > limit {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// `stream` as a keyword after a dictionary (`>>`, then white space), not `endstream`.
fn is_stream_start(bytes: &[u8], at: usize) -> bool {
    let before = bytes[..at]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map(|i| &bytes[..=i]);
    before.is_some_and(|b| b.ends_with(b">>"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    fn pdf_with_stream(inflated: usize) -> Vec<u8> {
        let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        let mut left = inflated;
        while left > 0 {
            let n = left.min(chunk.len());
            z.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        let data = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Length ".to_vec();
        pdf.extend_from_slice(
            format!("{} /Filter /FlateDecode >>\nstream\n", data.len()).as_bytes(),
        );
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_bomb_is_found_without_inflating_it_into_memory() {
        let bomb = pdf_with_stream(8 << 20);
        assert!(bomb.len() < 20_000, "{}", bomb.len());
        assert!(pdf_inflates_past(&bomb, 4 << 20));
        assert!(!pdf_inflates_past(&bomb, 16 << 20));
    }

    #[test]
    fn chained_filters_are_inflated_layer_by_layer() {
        let once = pdf_with_stream(8 << 20);
        let start = memchr::memmem::find(&once, b"stream\n").unwrap() + 7;
        let end = memchr::memmem::find(&once, b"\nendstream").unwrap();
        let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&once[start..end]).unwrap();
        let twice = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n<< /Filter [/FlateDecode /FlateDecode] >>\nstream\n".to_vec();
        pdf.extend_from_slice(&twice);
        assert!(pdf_inflates_past(&pdf, 4 << 20));
    }

    #[test]
    fn ordinary_and_broken_streams_pass() {
        assert!(!pdf_inflates_past(&pdf_with_stream(1000), 1 << 20));
        let broken = b"%PDF-1.4\n<< /Filter /FlateDecode >>\nstream\nnot zlib at all\nendstream";
        assert!(!pdf_inflates_past(broken, 10));
        assert!(!pdf_inflates_past(b"%PDF endstream stream", 0));
    }
}
