fn main() {
    let path = std::env::args().nth(1).unwrap();
    let pw = std::env::args().nth(2);
    let bytes = std::fs::read(&path).unwrap();
    let opts = lopdf::LoadOptions { password: pw, ..Default::default() };
    match lopdf::Document::load_mem_with_options(&bytes, opts) {
        Ok(doc) => {
            println!("pages {:?} encrypted-trailer {} was_encrypted {}", doc.get_pages().len(), doc.trailer.get(b"Encrypt").is_ok(), doc.was_encrypted());
            let r = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&bytes));
            println!("{:?}", r.map(|r| r.map(|s| s.chars().take(100).collect::<String>())));
        }
        Err(e) => println!("load error {e:?}"),
    }
}
