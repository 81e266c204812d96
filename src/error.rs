//! Errors of the library: one enum, each variant a distinct `kind` that reports carry as
//! `error.kind`, with the path of the input it concerns.

use std::path::{Path, PathBuf};

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while reading a filing.
///
/// Every variant names the input's path; [`Error::kind`] gives the stable machine-readable name
/// that JSON reports carry as `error.kind`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path does not exist.
    #[error("{}: no such file", path.display())]
    NotFound { path: PathBuf },
    /// A directory was given where a file was expected.
    #[error("{}: is a directory, not a file", path.display())]
    IsDirectory { path: PathBuf },
    /// The file has zero bytes.
    #[error("{}: file is empty", path.display())]
    Empty { path: PathBuf },
    /// The file or a folder on its path may not be read by this user.
    #[error("{}: permission denied", path.display())]
    PermissionDenied { path: PathBuf },
    /// The file exists but could not be read (an I/O error).
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The content is not a format tokenlens reads (an image, an archive, random bytes).
    #[error("{}: not a filing: {what}", path.display())]
    Unsupported { path: PathBuf, what: String },
    /// The file claims a format but is damaged beyond reading.
    #[error("{}: corrupt {format}: {message}", path.display())]
    Corrupt {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    /// The PDF is encrypted and the password given (or none) does not open it.
    #[error("{}: encrypted PDF: {message}", path.display())]
    Encrypted { path: PathBuf, message: String },
    /// A bug in tokenlens met on this input: it is reported, and the batch goes on.
    #[error("{}: internal error (please report it): {message}", path.display())]
    Internal { path: PathBuf, message: String },
    /// A term list (TOML) that cannot be used.
    #[error("{}{}: invalid term list: {message}", path.display(), line.map(|l| format!(": line {l}")).unwrap_or_default())]
    Glossary {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// The document was read but holds no text at all (a scan without OCR, an empty body).
    #[error("{}: no text: {message}", path.display())]
    NoText { path: PathBuf, message: String },
    /// A folder walk met a symbolic link that leads back to one of its own parent folders.
    #[error("{}: symbolic link loop (it points back to {})", path.display(), target.display())]
    SymlinkLoop { path: PathBuf, target: PathBuf },
    /// A glob pattern that matches no file.
    #[error("{}: no file matches this pattern", path.display())]
    NoMatch { path: PathBuf },
    /// The file is larger than the limit (`--max-size`).
    #[error("{}: file too large: {bytes} bytes, over the limit of {limit} (raise it with --max-size)", path.display())]
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },
    /// Reading the file took longer than the limit (`--timeout`); the worker was stopped.
    #[error("{}: timed out after {seconds} s (raise the limit with --timeout)", path.display())]
    Timeout { path: PathBuf, seconds: u64 },
    /// Reading the file needed more memory than the limit (`--max-memory`).
    #[error("{}: out of memory: reading it needed more than {limit_mib} MiB (raise the limit with --max-memory)", path.display())]
    OutOfMemory { path: PathBuf, limit_mib: u64 },
    /// A compressed stream in the file inflates past the limit (`--max-decompressed`).
    #[error("{}: decompression bomb: a compressed stream inflates to more than {limit_mib} MiB (raise the limit with --max-decompressed)", path.display())]
    DecompressionBomb { path: PathBuf, limit_mib: u64 },
    /// The worker reading the file died (a stack overflow on deeply nested objects, an abort).
    #[error("{}: the reader crashed: {message}", path.display())]
    Crashed { path: PathBuf, message: String },
}

impl Error {
    /// The stable name of this error's kind, as written to `error.kind` in reports.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::IsDirectory { .. } => "is_directory",
            Error::Empty { .. } => "empty",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::Unreadable { .. } => "unreadable",
            Error::Unsupported { .. } => "unsupported",
            Error::Corrupt { .. } => "corrupt",
            Error::Encrypted { .. } => "encrypted",
            Error::NoText { .. } => "no_text",
            Error::Glossary { .. } => "glossary",
            Error::Internal { .. } => "internal",
            Error::SymlinkLoop { .. } => "symlink_loop",
            Error::NoMatch { .. } => "no_match",
            Error::TooLarge { .. } => "too_large",
            Error::Timeout { .. } => "timeout",
            Error::OutOfMemory { .. } => "out_of_memory",
            Error::DecompressionBomb { .. } => "decompression_bomb",
            Error::Crashed { .. } => "crashed",
        }
    }

    /// The path of the input this error is about.
    pub fn path(&self) -> &Path {
        match self {
            Error::NotFound { path }
            | Error::IsDirectory { path }
            | Error::Empty { path }
            | Error::PermissionDenied { path }
            | Error::Unreadable { path, .. }
            | Error::Unsupported { path, .. }
            | Error::Corrupt { path, .. }
            | Error::Encrypted { path, .. }
            | Error::NoText { path, .. }
            | Error::Glossary { path, .. }
            | Error::Internal { path, .. }
            | Error::SymlinkLoop { path, .. }
            | Error::NoMatch { path }
            | Error::TooLarge { path, .. }
            | Error::Timeout { path, .. }
            | Error::OutOfMemory { path, .. }
            | Error::DecompressionBomb { path, .. }
            | Error::Crashed { path, .. } => path,
        }
    }

    /// Turn an I/O error met while opening or reading `path` into the matching variant.
    pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
        let path = path.to_path_buf();
        match err.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path },
            std::io::ErrorKind::IsADirectory => Error::IsDirectory { path },
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied { path },
            _ => Error::Unreadable { path, source: err },
        }
    }
}
