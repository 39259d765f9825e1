//! When to try a request again: exponential backoff with full jitter, and the server's
//! own `Retry-After` (delta-seconds or an HTTP date) when it sends one, capped.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The backoff policy.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first delay's upper bound; it doubles each retry.
    pub base: Duration,
    /// No wait is longer than this, whatever the server asks.
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { retries: 5, base: Duration::from_millis(1000), cap: Duration::from_secs(60) }
    }
}

impl Backoff {
    /// The wait before retry `attempt` (0 for the first retry): what the server asked
    /// for, else a random time up to `base · 2^attempt` (full jitter spreads clients
    /// that failed together), never more than `cap`.
    pub fn delay(&self, attempt: u32, asked: Option<Duration>) -> Duration {
        let wait = match asked {
            Some(asked) => asked,
            None => {
                let ceiling = self.base.saturating_mul(1u32 << attempt.min(20));
                ceiling.mul_f64(jitter())
            }
        };
        wait.min(self.cap)
    }
}

/// The wait a `Retry-After` header asks for.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// A number in [0, 1) that differs between calls, threads and processes; backoff jitter
/// needs no better randomness.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_nanos());
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(30);
        h.insert(RETRY_AFTER, HeaderValue::from_str(&httpdate::fmt_http_date(later)).unwrap());
        let d = retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(25) && d <= Duration::from_secs(30), "{d:?}");
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let b = Backoff { retries: 5, base: Duration::from_millis(100), cap: Duration::from_secs(1) };
        for attempt in 0..8 {
            let d = b.delay(attempt, None);
            assert!(d <= Duration::from_millis(100 << attempt).min(Duration::from_secs(1)), "{attempt}: {d:?}");
        }
        assert_eq!(b.delay(0, Some(Duration::from_secs(500))), Duration::from_secs(1));
        assert_eq!(b.delay(0, Some(Duration::from_millis(20))), Duration::from_millis(20));
    }
}
