//! API keys: read only from the environment variable the configuration names, and never
//! printed: `Debug` and `Display` show a placeholder, and [`Secret::redact`] scrubs a key
//! out of any text that might echo it (a server's error body, a URL in a transport error).

use std::fmt;

use crate::error::{Error, Result};

#[derive(Clone, PartialEq)]
pub struct Secret(String);

impl Secret {
    /// The key in environment variable `var`, or an error naming the variable (never
    /// its value).
    pub fn from_env(var: &str, provider: &str) -> Result<Secret> {
        match std::env::var(var) {
            Ok(value) if !value.trim().is_empty() => Ok(Secret(value.trim().to_string())),
            _ => Err(Error::Usage(format!(
                "{provider}: the API key is read from the environment variable {var}, which is not set; export it (the key never goes into config.toml)"
            ))),
        }
    }

    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The key itself, for the one place that puts it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the key replaced by a placeholder.
    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_string()
        } else {
            text.replace(&self.0, "[api key]")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([api key])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_key() {
        let s = Secret("sk-123".into());
        assert_eq!(format!("{s:?}"), "Secret([api key])");
        assert_eq!(s.redact("bad key sk-123 here"), "bad key [api key] here");
    }
}
