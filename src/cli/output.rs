//! Where output goes: standard output, a file that appears only once complete, or (for
//! `--resume`) a JSON Lines file appended to.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// An output destination.
pub enum Destination {
    Stdout,
    /// Written as `<path>.tmp`, renamed to `path` by [`Destination::commit`].
    Atomic {
        path: PathBuf,
        tmp: PathBuf,
    },
    /// Appended to in place.
    Append {
        path: PathBuf,
    },
}

/// The temporary name an output is written under until it is complete.
pub fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

impl Destination {
    pub fn new(output: Option<&Path>) -> Destination {
        match output {
            None => Destination::Stdout,
            Some(path) if path == Path::new("-") => Destination::Stdout,
            Some(path) => Destination::Atomic {
                path: path.to_path_buf(),
                tmp: tmp_path(path),
            },
        }
    }

    /// The file to write into, when there is one.
    pub fn file_path(&self) -> Option<&Path> {
        match self {
            Destination::Stdout => None,
            Destination::Atomic { tmp, .. } => Some(tmp),
            Destination::Append { path } => Some(path),
        }
    }

    /// The name the output ends up under, when it is a file.
    pub fn final_path(&self) -> Option<&Path> {
        match self {
            Destination::Stdout => None,
            Destination::Atomic { path, .. } | Destination::Append { path } => Some(path),
        }
    }

    /// Open the destination for writing, buffered.
    pub fn open(&self) -> Result<Box<dyn Write>> {
        Ok(match self {
            Destination::Stdout => Box::new(super::stdout()),
            Destination::Atomic { tmp, .. } => {
                let file = File::create(tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                Box::new(BufWriter::with_capacity(64 * 1024, file))
            }
            Destination::Append { path } => {
                let file = OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                Box::new(BufWriter::with_capacity(64 * 1024, file))
            }
        })
    }

    /// Give the output its final name (after everything was written and flushed).
    pub fn commit(&self) -> Result<()> {
        if let Destination::Atomic { path, tmp } = self {
            std::fs::rename(tmp, path).with_context(|| {
                format!("cannot rename {} to {}", tmp.display(), path.display())
            })?;
        }
        Ok(())
    }
}

/// Whether `input` is the file `output` (by name first, so most inputs cost no system call).
pub fn same_file(input: &Path, output: &Path) -> bool {
    if input.file_name() != output.file_name() {
        return false;
    }
    match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Cut a file back to its last line break: the partial line an interrupted writer left.
/// Returns how many bytes were cut.
pub fn truncate_partial_line(path: &Path) -> Result<u64> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let len = file.metadata()?.len();
    let mut keep = len;
    let mut buf = [0u8; 64 * 1024];
    while keep > 0 {
        let start = keep.saturating_sub(buf.len() as u64);
        let chunk = &mut buf[..(keep - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        match chunk.iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                keep = start + i as u64 + 1;
                break;
            }
            None => keep = start,
        }
    }
    if keep < len {
        file.set_len(keep)
            .with_context(|| format!("cannot truncate {}", path.display()))?;
    }
    Ok(len - keep)
}

/// Whether writing `what` to standard output would spill binary data onto a terminal.
pub fn refuse_binary_on_terminal(dest: &Destination, what: &str) -> Result<()> {
    use std::io::IsTerminal;
    if matches!(dest, Destination::Stdout) && io::stdout().is_terminal() {
        return Err(super::UsageError(format!(
            "{what} is binary: write it to a file with -o FILE, or redirect standard output"
        ))
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_last_line_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("out.jsonl");
        std::fs::write(&f, "{\"a\":1}\n{\"b\":2}\n{\"c\":").unwrap();
        assert_eq!(truncate_partial_line(&f).unwrap(), 5);
        assert_eq!(
            std::fs::read_to_string(&f).unwrap(),
            "{\"a\":1}\n{\"b\":2}\n"
        );
        assert_eq!(truncate_partial_line(&f).unwrap(), 0);
        std::fs::write(&f, "no newline at all").unwrap();
        truncate_partial_line(&f).unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "");
    }

    #[test]
    fn tmp_name_sits_beside_the_output() {
        assert_eq!(
            tmp_path(Path::new("out/book.xlsx")),
            PathBuf::from("out/book.xlsx.tmp")
        );
    }
}
