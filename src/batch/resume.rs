//! What an earlier run already reported, read back from its JSON Lines output, so a resumed run
//! does each input once.
//!
//! Inputs are known by content: the `source.sha256` of every record, error records included
//! (a corrupt PDF that was read and hashed is as done as a good one). An input that could not
//! be read at all has no hash, and is known by its path instead.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::report::SourceRecord;

/// The inputs an earlier run reported.
#[derive(Debug, Default)]
pub struct Done {
    sha256: HashSet<String>,
    unread: HashSet<PathBuf>,
    /// Records read.
    pub records: usize,
    /// Lines that were not tokenlens filing records (1-based line numbers).
    pub bad_lines: Vec<usize>,
}

#[derive(Deserialize)]
struct Line {
    #[serde(rename = "type")]
    kind: Option<String>,
    source: SourceRecord,
}

impl Done {
    /// Read the records of a JSON Lines report (as `scan --format jsonl` writes it).
    ///
    /// ```
    /// use tokenlens::batch::Done;
    ///
    /// let jsonl = r#"{"type":"filing","source":{"path":"a.pdf","format":"pdf","bytes":9,"sha256":"ab12"}}
    /// {"type":"filing","source":{"path":"gone.htm","format":null,"bytes":null,"sha256":null}}
    /// "#;
    /// let done = Done::read(jsonl.as_bytes()).unwrap();
    /// assert_eq!(done.records, 2);
    /// assert!(done.has_sha256("ab12"));
    /// assert!(done.has_unread("gone.htm".as_ref()));
    /// ```
    pub fn read<R: BufRead>(reader: R) -> std::io::Result<Done> {
        let mut done = Done::default();
        for (n, line) in reader.split(b'\n').enumerate() {
            let line = line?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Line>(&line) {
                Ok(l) if l.kind.as_deref().is_none_or(|k| k == "filing") => done.insert(&l.source),
                Ok(_) => {}
                Err(_) => done.bad_lines.push(n + 1),
            }
        }
        Ok(done)
    }

    /// Note one reported input.
    pub fn insert(&mut self, source: &SourceRecord) {
        self.records += 1;
        match &source.sha256 {
            Some(sha) => {
                self.sha256.insert(sha.clone());
            }
            None => {
                self.unread.insert(source.path.clone());
            }
        }
    }

    /// Whether content with this hash was reported.
    pub fn has_sha256(&self, sha256: &str) -> bool {
        self.sha256.contains(sha256)
    }

    /// Whether this path was reported as unreadable (missing, a directory, no permission).
    pub fn has_unread(&self, path: &Path) -> bool {
        self.unread.contains(path)
    }
}
