//! `tokenlens text`: a filing's clean text, page by page.

use std::io::Write;

use anyhow::Result;
use tokenlens::extract::ExtractorBuilder;
use tokenlens::report::TextOutput;

use super::args::TextArgs;
use super::{ExitCode, UsageError};

pub fn run(args: TextArgs) -> Result<ExitCode> {
    let wanted = match &args.pages {
        Some(spec) => Some(parse_page_list(spec).map_err(UsageError)?),
        None => None,
    };
    let extractor = ExtractorBuilder::new()
        .password(args.read.password.clone())
        .clean(!args.raw)
        .build();
    let mut doc = match extractor.extract_path(&args.path) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("tokenlens: {e}");
            return Ok(ExitCode::GeneralError);
        }
    };
    for w in &doc.warnings {
        match w.page {
            Some(p) => eprintln!(
                "tokenlens: {}: page {p}: {}",
                args.path.display(),
                w.message
            ),
            None => eprintln!("tokenlens: {}: {}", args.path.display(), w.message),
        }
    }
    if let Some(wanted) = &wanted {
        let last = doc.pages.len() as u32;
        if let Some(&missing) = wanted.iter().find(|&&n| n == 0 || n > last) {
            return Err(UsageError(format!(
                "page {missing} is out of range: {} has {last} pages",
                args.path.display()
            ))
            .into());
        }
        doc.pages.retain(|p| wanted.contains(&p.number));
    }
    let mut out = super::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &TextOutput::new(&doc))?;
        out.write_all(b"\n")?;
    } else {
        for (i, page) in doc.pages.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\x0c")?;
            }
            out.write_all(page.text.as_bytes())?;
            if !page.text.is_empty() {
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::Success)
}

/// Parse `7`, `3-5`, `1,4-6` into a sorted list of page numbers.
fn parse_page_list(spec: &str) -> std::result::Result<Vec<u32>, String> {
    let bad = || format!("invalid page list {spec:?}: use e.g. 7, 3-5 or 1,4-6");
    let mut pages = Vec::new();
    for part in spec.split(',') {
        let part = part.trim();
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let a: u32 = a.parse().map_err(|_| bad())?;
        let b: u32 = b.parse().map_err(|_| bad())?;
        if a == 0 || b < a || b - a > 1_000_000 {
            return Err(bad());
        }
        pages.extend(a..=b);
    }
    pages.sort_unstable();
    pages.dedup();
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::parse_page_list;

    #[test]
    fn page_lists() {
        assert_eq!(parse_page_list("7").unwrap(), vec![7]);
        assert_eq!(parse_page_list("1,4-6,4").unwrap(), vec![1, 4, 5, 6]);
        assert!(parse_page_list("0").is_err());
        assert!(parse_page_list("5-3").is_err());
        assert!(parse_page_list("x").is_err());
    }
}
