//! What a reviewer says of a bead: the vocabulary review records and the reports show.

use serde::{Deserialize, Serialize};

/// A reviewer's decision on a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    Rejected,
    NeedsFix,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::NeedsFix => "needs_fix",
        }
    }
}

/// What review says about a bead, as a report shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewMark {
    pub status: Option<Status>,
    pub comment: String,
    /// The translation was edited by the reviewer.
    pub edited: bool,
    /// The decision was made on a text that has changed since.
    pub stale: bool,
}
