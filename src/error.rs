//! The one error type of the library, and the exit code each kind of error maps to.
//!
//! Every message says what was wrong and where (a file, a config key and line), so the
//! command line can print it as one line and exit with its code (the README lists them):
//! 2 usage or configuration, 3 input, 4 MT endpoint.

use std::path::{Path, PathBuf};

/// Process exit codes, one per kind of outcome.
pub mod exit {
    pub const OK: i32 = 0;
    /// Drift above the configured threshold (for CI use).
    pub const DRIFT: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const INPUT: i32 = 3;
    pub const MT: i32 = 4;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A command-line flag or value that cannot work.
    #[error("{0}")]
    Usage(String),
    /// A configuration file that does not parse or names something impossible.
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    /// An input document that cannot be read as text.
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    /// An output that could not be written.
    #[error("{path}: cannot write: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The MT endpoint failed in a way retrying will not fix.
    #[error("{0}")]
    Mt(String),
}

impl Error {
    pub fn input(path: &Path, message: impl Into<String>) -> Self {
        Error::Input { path: path.to_path_buf(), message: message.into() }
    }

    pub fn config(path: &Path, message: impl Into<String>) -> Self {
        Error::Config { path: path.to_path_buf(), message: message.into() }
    }

    pub fn output(path: &Path, source: std::io::Error) -> Self {
        Error::Output { path: path.to_path_buf(), source }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Config { .. } => exit::USAGE,
            Error::Input { .. } | Error::Output { .. } => exit::INPUT,
            Error::Mt(_) => exit::MT,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
