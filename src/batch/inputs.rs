//! Turning what the user named (files, folders, glob patterns, lists of paths) into the ordered
//! list of inputs a batch reads.
//!
//! Order is part of the contract: inputs come out in the order they were named, a folder's files
//! sorted by name, so two runs over the same arguments write their reports in the same order.
//! Nothing named is dropped in silence: a path that does not exist, a pattern that matches
//! nothing or a symbolic-link loop becomes an [`Input::Failed`] that the batch reports in its
//! place. Only files *found* in a folder walk may later be skipped, when their content is not a
//! filing (a `.DS_Store`, a logo, a zip).

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One input of a batch.
#[derive(Debug)]
pub enum Input {
    /// A file to read. `walked` is true for a file found inside a folder rather than named: such
    /// a file is skipped (and counted) when its content is not a filing, where a named file gets
    /// an error record.
    File { path: PathBuf, walked: bool },
    /// Something named that cannot be read as a list of files.
    Failed(Error),
}

impl Input {
    /// The path this input stands for.
    pub fn path(&self) -> &Path {
        match self {
            Input::File { path, .. } => path,
            Input::Failed(e) => e.path(),
        }
    }

    /// The file's size in bytes, 0 when it cannot be read: a guess at its cost, to start large
    /// files first (see [`for_each_ordered_by`](super::for_each_ordered_by)).
    pub fn size(&self) -> u64 {
        match self {
            Input::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
            Input::Failed(_) => 0,
        }
    }
}

/// Collects inputs from paths, folders, glob patterns and path lists.
///
/// ```
/// use tokenlens::batch::InputsBuilder;
///
/// let mut inputs = InputsBuilder::new();
/// inputs.add("fixtures/html");
/// inputs.add("no/such/file.pdf");
/// let inputs = inputs.build();
/// assert!(inputs.len() > 1);
/// assert_eq!(inputs.last().unwrap().path().to_str(), Some("no/such/file.pdf"));
/// ```
#[derive(Debug, Default)]
pub struct InputsBuilder {
    inputs: Vec<Input>,
    hidden: bool,
}

impl InputsBuilder {
    pub fn new() -> InputsBuilder {
        InputsBuilder::default()
    }

    /// Whether a folder walk enters hidden files and folders (names starting with `.`). Off by
    /// default, as in ripgrep and fd: `.git` and `.DS_Store` are not filings.
    pub fn hidden(&mut self, yes: bool) -> &mut InputsBuilder {
        self.hidden = yes;
        self
    }

    /// Add what one argument names: a file, a folder (walked recursively) or, when no such path
    /// exists and it holds `*`, `?` or `[`, a glob pattern (`corpus/**/*.pdf`).
    pub fn add(&mut self, arg: impl AsRef<Path>) -> &mut InputsBuilder {
        let arg = arg.as_ref();
        match std::fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => self.walk(arg),
            Ok(_) => self.inputs.push(Input::File {
                path: arg.to_path_buf(),
                walked: false,
            }),
            Err(e) => match arg.to_str().filter(|s| is_glob(s)) {
                Some(pattern) => self.glob(arg, pattern),
                None => self.inputs.push(Input::Failed(Error::io(arg, e))),
            },
        }
        self
    }

    /// Add the paths listed in `list`, one a line (as `find` or `ls` print them). Blank lines are
    /// ignored; a trailing `\r` is dropped. Each line is taken as [`InputsBuilder::add`] takes
    /// an argument.
    pub fn add_list<R: BufRead>(&mut self, mut list: R) -> std::io::Result<&mut InputsBuilder> {
        let mut line = Vec::new();
        loop {
            line.clear();
            if list.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.add(path_from_bytes(&line));
        }
        Ok(self)
    }

    pub fn build(self) -> Vec<Input> {
        self.inputs
    }

    fn walk(&mut self, root: &Path) {
        let hidden = self.hidden;
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |e| hidden || e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => self.inputs.push(Input::File {
                    path: e.into_path(),
                    walked: true,
                }),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let ancestor = e.loop_ancestor().map(Path::to_path_buf);
                    let error = match (ancestor, e.into_io_error()) {
                        (Some(target), _) => Error::SymlinkLoop { target, path },
                        (None, Some(io)) => Error::io(&path, io),
                        (None, None) => Error::Unreadable {
                            source: std::io::Error::other("cannot walk this folder"),
                            path,
                        },
                    };
                    self.inputs.push(Input::Failed(error));
                }
            }
        }
    }

    fn glob(&mut self, arg: &Path, pattern: &str) {
        let paths = match glob::glob(pattern) {
            Ok(paths) => paths,
            Err(e) => {
                self.inputs.push(Input::Failed(Error::Unsupported {
                    path: arg.to_path_buf(),
                    what: format!("invalid glob pattern: {e}"),
                }));
                return;
            }
        };
        let before = self.inputs.len();
        for entry in paths {
            match entry {
                Ok(path) if path.is_dir() => self.walk(&path),
                Ok(path) => self.inputs.push(Input::File {
                    path,
                    walked: false,
                }),
                Err(e) => {
                    let path = e.path().to_path_buf();
                    self.inputs.push(Input::Failed(Error::io(&path, e.into())));
                }
            }
        }
        if self.inputs.len() == before {
            self.inputs.push(Input::Failed(Error::NoMatch {
                path: arg.to_path_buf(),
            }));
        }
    }
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A path from the raw bytes of a list: any bytes on Unix, where file names need not be UTF-8.
#[cfg(unix)]
pub(crate) fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
pub(crate) fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Whether `path` belongs to shard `k` of `n` (1-based `k`).
///
/// Membership is a hash of the path as written (FNV-1a, fixed forever), so it does not depend on
/// the order or the number of the other inputs: N machines given the same paths split them
/// exactly, each path to one shard.
pub fn in_shard(path: &Path, k: u32, n: u32) -> bool {
    debug_assert!(k >= 1 && k <= n);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash % u64::from(n) == u64::from(k - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(inputs: &[Input]) -> Vec<String> {
        inputs
            .iter()
            .map(|i| i.path().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn folders_are_walked_in_name_order_without_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/.git")).unwrap();
        std::fs::write(dir.path().join("b/.git/HEAD"), "x").unwrap();
        std::fs::write(dir.path().join("b/z.htm"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join(".DS_Store"), "x").unwrap();
        let mut b = InputsBuilder::new();
        b.add(dir.path());
        let got = paths(&b.build());
        let root = dir.path().to_string_lossy();
        assert_eq!(got, [format!("{root}/a.txt"), format!("{root}/b/z.htm")]);
    }

    #[test]
    fn a_missing_path_and_an_empty_glob_are_failures_in_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("one.pdf"), "x").unwrap();
        let mut b = InputsBuilder::new();
        b.add(dir.path().join("missing.htm"));
        b.add(dir.path().join("*.pdf"));
        b.add(dir.path().join("*.xyz"));
        let inputs = b.build();
        assert_eq!(inputs.len(), 3);
        assert!(matches!(&inputs[0], Input::Failed(Error::NotFound { .. })));
        assert!(matches!(&inputs[1], Input::File { walked: false, .. }));
        assert!(matches!(&inputs[2], Input::Failed(Error::NoMatch { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/back")).unwrap();
        std::fs::write(dir.path().join("sub/f.txt"), "x").unwrap();
        let mut b = InputsBuilder::new();
        b.add(dir.path());
        let inputs = b.build();
        assert!(inputs
            .iter()
            .any(|i| matches!(i, Input::Failed(Error::SymlinkLoop { .. }))));
        assert_eq!(
            inputs
                .iter()
                .filter(|i| matches!(i, Input::File { .. }))
                .count(),
            1
        );
    }

    #[test]
    fn lists_take_one_path_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("with space.txt");
        std::fs::write(&f, "x").unwrap();
        let list = format!(
            "{}\r\n\n  \n{}\n",
            f.display(),
            dir.path().join("nope").display()
        );
        let mut b = InputsBuilder::new();
        b.add_list(list.as_bytes()).unwrap();
        let inputs = b.build();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].path(), f);
        assert!(matches!(&inputs[1], Input::Failed(Error::NotFound { .. })));
    }

    #[test]
    fn shards_cover_every_path_exactly_once() {
        let paths: Vec<PathBuf> = (0..500)
            .map(|i| PathBuf::from(format!("corpus/{i}.htm")))
            .collect();
        let mut counts = [0usize; 7];
        for p in &paths {
            let owners: Vec<u32> = (1..=7).filter(|&k| in_shard(p, k, 7)).collect();
            assert_eq!(owners.len(), 1, "{}", p.display());
            counts[owners[0] as usize - 1] += 1;
        }
        assert!(counts.iter().all(|&c| c > 40), "{counts:?}");
        assert!(paths.iter().all(|p| in_shard(p, 1, 1)));
    }
}
