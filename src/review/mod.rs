//! Translator review over a finished run: a local web page and JSON API
//! ([`server`]) over a [`session::Session`], whose decisions, edits and alignment fixes
//! live in `review.json` beside the run; and the export of the reviewed result.

pub mod server;
pub mod session;

use std::path::Path;

use crate::decision::Status;
use crate::error::Result;
use crate::report::Format;

/// Which beads an export keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every bead except rejected ones: the reviewed result.
    #[default]
    Reviewed,
    Accepted,
    Rejected,
    NeedsFix,
    /// Every bead.
    All,
}

impl StatusFilter {
    fn keeps(self, status: Option<Status>) -> bool {
        match self {
            StatusFilter::Reviewed => status != Some(Status::Rejected),
            StatusFilter::Accepted => status == Some(Status::Accepted),
            StatusFilter::Rejected => status == Some(Status::Rejected),
            StatusFilter::NeedsFix => status == Some(Status::NeedsFix),
            StatusFilter::All => true,
        }
    }
}

/// The reviewed run in `dir` as `format`, with edits applied and comments as notes.
pub fn export(dir: &Path, format: Format, filter: StatusFilter) -> Result<Vec<u8>> {
    let mut table = session::Session::open(dir)?.table();
    table.rows.retain(|r| filter.keeps(r.review.as_ref().and_then(|m| m.status)));
    Ok(format.render_table(&table))
}
