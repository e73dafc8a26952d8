//! Figures and quotes a desk marked wrong (`recoupe wrong figure|quote ARTICLE START`, the
//! API's `mark_wrong`, the story page's form), read over the stored findings: a story's
//! comparison leaves them out, the exports flag them with the correction's number. The stored
//! rows are never changed, so an undo leaves nothing behind.

use std::collections::HashMap;

use recoupe_core::{Analysis, ArticleId};
use recoupe_store::{Action, Correction, Finding, Result, Store};

/// The findings marked wrong and not undone, each with the number of its correction.
#[derive(Clone, Debug, Default)]
pub struct Marked {
    marked: HashMap<(ArticleId, Finding, usize), i64>,
}

impl Marked {
    pub fn of(store: &Store) -> Result<Marked> {
        Ok(Marked::of_log(&store.corrections()?))
    }

    pub fn of_log(log: &[Correction]) -> Marked {
        let marked = log
            .iter()
            .filter(|c| c.undone_at.is_none())
            .filter_map(|c| match &c.action {
                Action::MarkWrong {
                    article,
                    finding,
                    start,
                    ..
                } => Some(((*article, *finding, *start), c.id)),
                _ => None,
            })
            .collect();
        Marked { marked }
    }

    pub fn is_empty(&self) -> bool {
        self.marked.is_empty()
    }

    /// The correction that marked the finding of `article` starting at byte `start`, if one did.
    pub fn marking(&self, article: ArticleId, finding: Finding, start: usize) -> Option<i64> {
        self.marked.get(&(article, finding, start)).copied()
    }

    /// The article without its findings marked wrong.
    pub fn apply(&self, analysis: &mut Analysis) {
        if self.is_empty() {
            return;
        }
        let id = analysis.id;
        analysis
            .figures
            .retain(|f| self.marking(id, Finding::Figure, f.start).is_none());
        analysis
            .quotes
            .retain(|q| self.marking(id, Finding::Quote, q.start).is_none());
        analysis
            .reported_speech
            .retain(|q| self.marking(id, Finding::Quote, q.start).is_none());
    }
}
