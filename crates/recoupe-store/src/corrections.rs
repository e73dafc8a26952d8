//! Corrections a verification desk makes to the stories: an article moved to another story or
//! to a story of its own, some articles split out into a new story together, two stories merged. Each is an entry of the `corrections` log (what,
//! when, by whom, why), applied to `story_members` and the story rows at once, kept when more
//! articles come (a merged story's later articles join the story it was merged into: the story
//! index still places them in the old one, and `story_redirects` sends them on) and when the
//! same input is ingested again (stored articles are not placed again), and undone by its id.
//! The story index itself is not changed: it goes on placing as it learned, and the log is
//! applied over what it places.

use recoupe_core::{ArticleId, EntityId, StoryId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Result, SqliteStore, StoreError};

/// One entry of the log.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Correction {
    pub id: i64,
    /// UTC, ISO 8601.
    pub at: String,
    pub by: String,
    pub why: String,
    pub action: Action,
    /// When it was undone, if it was.
    pub undone_at: Option<String>,
}

/// What a correction did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// An article taken from one story to another (a story of its own when `to` was new).
    Move {
        article: ArticleId,
        from: StoryId,
        to: StoryId,
    },
    /// Some articles of `from` taken out together into a new story `to`.
    Split {
        from: StoryId,
        to: StoryId,
        articles: Vec<ArticleId>,
        /// their sequence numbers, for undoing
        moved: Vec<i64>,
    },
    /// Every article of `from` moved into `into`, and later articles placed in `from` sent on.
    Merge {
        from: StoryId,
        into: StoryId,
        /// the articles moved (by their sequence number), for undoing
        moved: Vec<i64>,
    },
    /// Entity `from` read as part of `into` (two entities the linker kept apart that are one
    /// actor): lists show one entity, a lookup of either answers with `into` and all the
    /// spellings of both, a story's page links them as one actor. Applied over what the
    /// linker finds (`recoupe_query::EntityMerges`), so articles linked to `from` later are
    /// read as `into`'s too.
    MergeEntities { from: EntityId, into: EntityId },
    /// A spelling of entity `entity` read as another entity `to` (the linker joined a name that
    /// is not the same actor: a surname two people share, a town named as a person): `entity` is
    /// read without it, and its mentions in that spelling — in the articles stored and in those
    /// that come later — are read as `to`'s. Applied over what the linker finds
    /// (`recoupe_query::EntitySplits`); `to` is derived from the two, so the same split made
    /// again gives the same id.
    SplitSpelling {
        entity: EntityId,
        spelling: String,
        to: EntityId,
    },
    /// A figure or a quote of an article marked wrong (the extraction misread it: a page number
    /// read as a toll, words given to the wrong speaker): left out of its story's comparison,
    /// flagged in the exports. Found again by where it starts; `end` and `text` say what it was.
    MarkWrong {
        article: ArticleId,
        finding: Finding,
        start: usize,
        end: usize,
        text: String,
    },
}

/// What kind of finding a correction marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Figure,
    Quote,
}

impl Finding {
    pub fn parse(name: &str) -> Option<Finding> {
        match name {
            "figure" => Some(Finding::Figure),
            "quote" => Some(Finding::Quote),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Figure => "figure",
            Finding::Quote => "quote",
        }
    }
}

impl Action {
    /// The stories the correction moved articles between (none for a correction of entities).
    pub fn stories(&self) -> Vec<StoryId> {
        match self {
            Action::Move { from, to, .. } | Action::Split { from, to, .. } => vec![*from, *to],
            Action::Merge { from, into, .. } => vec![*from, *into],
            Action::MergeEntities { .. }
            | Action::SplitSpelling { .. }
            | Action::MarkWrong { .. } => Vec::new(),
        }
    }

    /// Whether the correction is read over what is stored (a merge of entities, a finding
    /// marked wrong): any story's page may change with it.
    pub fn is_read_over(&self) -> bool {
        matches!(
            self,
            Action::MergeEntities { .. } | Action::SplitSpelling { .. } | Action::MarkWrong { .. }
        )
    }

    /// Whether the correction moved articles into or out of `story`.
    pub fn touches(&self, story: StoryId) -> bool {
        self.stories().contains(&story)
    }
}

/// The merges of entities in force in a log (those not undone): each merged entity and the one
/// it was merged into.
pub fn entity_merges(log: &[Correction]) -> std::collections::HashMap<EntityId, EntityId> {
    log.iter()
        .filter(|c| c.undone_at.is_none())
        .filter_map(|c| match c.action {
            Action::MergeEntities { from, into } => Some((from, into)),
            _ => None,
        })
        .collect()
}

/// A spelling split out of an entity by a correction in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpellingSplit {
    /// The entity the spelling was taken from.
    pub entity: EntityId,
    /// The spelling as the entity writes it.
    pub spelling: String,
    /// The entity the spelling is read as.
    pub to: EntityId,
}

impl SpellingSplit {
    /// The id of the entity a spelling split out of `entity` is read as: derived from the two
    /// (the spelling lowercased), never an id the linker gives.
    pub fn id_of(entity: EntityId, spelling: &str) -> EntityId {
        EntityId::of_key(&format!("{entity} split {}", spelling.to_lowercase()), 7)
    }

    /// Whether `text` (a mention's text, a typed name) is this spelling, case aside.
    pub fn is_spelling(&self, text: &str) -> bool {
        text.trim().to_lowercase() == self.spelling.to_lowercase()
    }
}

/// The spellings split out of entities by the corrections of a log in force (not undone), in
/// the order they were made.
pub fn spelling_splits(log: &[Correction]) -> Vec<SpellingSplit> {
    log.iter()
        .filter(|c| c.undone_at.is_none())
        .filter_map(|c| match &c.action {
            Action::SplitSpelling {
                entity,
                spelling,
                to,
            } => Some(SpellingSplit {
                entity: *entity,
                spelling: spelling.clone(),
                to: *to,
            }),
            _ => None,
        })
        .collect()
}

/// Schema 10: the log and the redirects of merged stories.
pub(crate) const MIGRATION: &str = r#"
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        by TEXT NOT NULL,
        why TEXT NOT NULL,
        action TEXT NOT NULL,        -- JSON: {"kind": "move", "article", "from", "to"},
                                     -- {"kind": "merge", "from", "into", "moved": [seq…]} or
                                     -- {"kind": "split", "from", "to", "articles", "moved"}
        undone_at TEXT
    );
    CREATE TABLE story_redirects (
        story TEXT PRIMARY KEY,      -- a story merged into another
        into_story TEXT NOT NULL,
        correction INTEGER NOT NULL
    );
"#;

/// The story that placements into `story` go to: itself, unless it was merged into another
/// (followed through a few merges of merges).
pub(crate) fn redirected(conn: &Connection, story: StoryId) -> Result<StoryId> {
    let mut at = story;
    let mut stmt =
        conn.prepare_cached("SELECT into_story FROM story_redirects WHERE story = ?1")?;
    for _ in 0..16 {
        let next: Option<String> = stmt.query_row([at.to_string()], |r| r.get(0)).optional()?;
        match next.as_deref().and_then(StoryId::parse) {
            Some(into) if into != at => at = into,
            _ => break,
        }
    }
    Ok(at)
}

impl SqliteStore {
    /// Moves an article to story `to`, or to a story of its own when `to` is `None`; gives the
    /// log entry.
    pub fn move_article(
        &mut self,
        article: ArticleId,
        to: Option<StoryId>,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        let tx = self.conn.transaction()?;
        let (seq, from) = member(&tx, article)?;
        let id = next_id(&tx)?;
        let to = match to {
            Some(to) => {
                exists(&tx, to)?;
                to
            }
            None => new_story_id(article, id),
        };
        let action = Action::Move { article, from, to };
        set_story(&tx, &[seq], to)?;
        refresh(&tx, from)?;
        refresh(&tx, to)?;
        let correction = log(&tx, id, by, why, &action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// Takes `articles` (each of story `from`) out of it into a new story of their own; gives
    /// the log entry.
    pub fn split_story(
        &mut self,
        from: StoryId,
        articles: &[ArticleId],
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        let tx = self.conn.transaction()?;
        exists(&tx, from)?;
        let mut moved = Vec::with_capacity(articles.len());
        for article in articles {
            moved.push(member_of(&tx, *article, from)?);
        }
        let id = next_id(&tx)?;
        let to = split_id(articles, id)?;
        set_story(&tx, &moved, to)?;
        refresh(&tx, from)?;
        refresh(&tx, to)?;
        let action = Action::Split {
            from,
            to,
            articles: articles.to_vec(),
            moved,
        };
        let correction = log(&tx, id, by, why, &action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// Moves every article of story `from` into `into`; later articles placed in `from` join
    /// `into`. Gives the log entry.
    pub fn merge_stories(
        &mut self,
        from: StoryId,
        into: StoryId,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        if from == into {
            return Err(StoreError::NotFound(
                "a story cannot be merged into itself".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        exists(&tx, from)?;
        exists(&tx, into)?;
        let moved: Vec<i64> = tx
            .prepare("SELECT seq FROM story_members WHERE story = ?1 ORDER BY seq")?
            .query_map([from.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let id = next_id(&tx)?;
        set_story(&tx, &moved, into)?;
        tx.execute(
            "INSERT OR REPLACE INTO story_redirects (story, into_story, correction) VALUES (?1, ?2, ?3)",
            params![from.to_string(), into.to_string(), id],
        )?;
        refresh(&tx, from)?;
        refresh(&tx, into)?;
        let action = Action::Merge { from, into, moved };
        let correction = log(&tx, id, by, why, &action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// Undoes correction `id`: a moved article goes back where it was, a merged story's
    /// articles back to it (those placed since stay where they are). Gives the entry, undone.
    pub fn undo_correction(&mut self, id: i64) -> Result<Correction> {
        let tx = self.conn.transaction()?;
        let Some(mut correction) = read(&tx, id)? else {
            return Err(StoreError::NotFound(format!("no correction {id}")));
        };
        if correction.undone_at.is_some() {
            return Err(StoreError::NotFound(format!(
                "correction {id} is undone already"
            )));
        }
        match &correction.action {
            Action::Move { article, from, to } => {
                let (seq, _) = member(&tx, *article)?;
                set_story(&tx, &[seq], *from)?;
                refresh(&tx, *from)?;
                refresh(&tx, *to)?;
            }
            Action::Split {
                from, to, moved, ..
            } => {
                set_story(&tx, moved, *from)?;
                refresh(&tx, *from)?;
                refresh(&tx, *to)?;
            }
            Action::Merge { from, into, moved } => {
                set_story(&tx, moved, *from)?;
                tx.execute(
                    "DELETE FROM story_redirects WHERE story = ?1 AND correction = ?2",
                    params![from.to_string(), id],
                )?;
                refresh(&tx, *from)?;
                refresh(&tx, *into)?;
            }
            // read over what is stored, which it never changed: marked undone, it is gone
            Action::MergeEntities { .. }
            | Action::SplitSpelling { .. }
            | Action::MarkWrong { .. } => {}
        }
        tx.execute(
            "UPDATE corrections SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [id],
        )?;
        correction = read(&tx, id)?.unwrap_or(correction);
        tx.commit()?;
        Ok(correction)
    }

    /// Logs a correction that is applied over what is stored, when it is read (a merge of
    /// entities): nothing is written but the entry.
    pub fn log_correction(&mut self, by: &str, why: &str, action: &Action) -> Result<Correction> {
        let tx = self.conn.transaction()?;
        let id = next_id(&tx)?;
        let correction = log(&tx, id, by, why, action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// The log, oldest first.
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, at, by, why, action, undone_at FROM corrections ORDER BY id")?;
        let rows = stmt.query_map([], row_to_correction)?;
        Ok(rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect())
    }
}

fn row_to_correction(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Correction>> {
    let action: String = r.get(4)?;
    // an entry this build cannot read is left out (a later version's kind of correction)
    let Ok(action) = serde_json::from_str::<Action>(&action) else {
        return Ok(None);
    };
    Ok(Some(Correction {
        id: r.get(0)?,
        at: r.get(1)?,
        by: r.get(2)?,
        why: r.get(3)?,
        action,
        undone_at: r.get(5)?,
    }))
}

fn read(conn: &Connection, id: i64) -> Result<Option<Correction>> {
    Ok(conn
        .query_row(
            "SELECT id, at, by, why, action, undone_at FROM corrections WHERE id = ?1",
            [id],
            row_to_correction,
        )
        .optional()?
        .flatten())
}

fn next_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(id), 0) + 1 FROM corrections",
        [],
        |r| r.get(0),
    )?)
}

fn log(conn: &Connection, id: i64, by: &str, why: &str, action: &Action) -> Result<Correction> {
    let json = serde_json::to_string(action).unwrap_or_default();
    conn.execute(
        "INSERT INTO corrections (id, by, why, action) VALUES (?1, ?2, ?3, ?4)",
        params![id, by, why, json],
    )?;
    read(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("correction {id} was not written")))
}

/// The sequence number of a stored article and the story it is in.
fn member(conn: &Connection, article: ArticleId) -> Result<(i64, StoryId)> {
    let found: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT a.rowid, m.story FROM articles a LEFT JOIN story_members m ON m.seq = a.rowid
             WHERE a.id = ?1",
            [article.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((seq, Some(story))) => match StoryId::parse(&story) {
            Some(story) => Ok((seq, story)),
            None => Err(StoreError::NotFound(format!(
                "article {article} is in no story"
            ))),
        },
        Some((_, None)) => Err(StoreError::NotFound(format!(
            "article {article} is not placed in a story yet"
        ))),
        None => Err(StoreError::NotFound(format!("no article {article}"))),
    }
}

/// The sequence number of `article`, which must be a member of `story`.
fn member_of(conn: &Connection, article: ArticleId, story: StoryId) -> Result<i64> {
    let (seq, found) = member(conn, article)?;
    in_story(article, found, story)?;
    Ok(seq)
}

/// An error unless `article`, found in story `found`, is in `story` (a split takes out only the
/// story's own articles), for every backend.
pub(crate) fn in_story(article: ArticleId, found: StoryId, story: StoryId) -> Result<()> {
    if found != story {
        return Err(StoreError::NotFound(format!(
            "article {article} is not in story {story} (it is in {found})"
        )));
    }
    Ok(())
}

/// The id of the story a split makes: its first article's, turned by the correction (as a move
/// to a new story makes it); an error when no article is given.
pub(crate) fn split_id(articles: &[ArticleId], correction: i64) -> Result<StoryId> {
    let first = articles.first().ok_or_else(|| {
        StoreError::NotFound("a split needs at least one article of the story".into())
    })?;
    Ok(new_story_id(*first, correction))
}

/// A new story's id for an article taken out by correction `id` (never an existing id: the
/// index's ids are the articles' own).
pub(crate) fn new_story_id(article: ArticleId, correction: i64) -> StoryId {
    StoryId(article.0.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15 ^ correction as u64)
}

fn exists(conn: &Connection, story: StoryId) -> Result<()> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM stories WHERE id = ?1",
            [story.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound(format!("no story {story}")))
}

fn set_story(conn: &Connection, seqs: &[i64], story: StoryId) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE story_members SET story = ?2 WHERE seq = ?1")?;
    for seq in seqs {
        stmt.execute(params![seq, story.to_string()])?;
    }
    Ok(())
}

/// A story's row made again from its members (gone when it has none): title of the first
/// member, first and last dates, size, languages, sources; its version moved on, so that pages
/// made from it before are not served again.
fn refresh(conn: &Connection, story: StoryId) -> Result<()> {
    let id = story.to_string();
    let members: Vec<Member> = conn
        .prepare_cached(
            "SELECT a.title, a.published, a.language, coalesce(a.site, a.source), m.seq
             FROM story_members m JOIN articles a ON a.rowid = m.seq
             WHERE m.story = ?1 ORDER BY m.seq",
        )?
        .query_map([&id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some(row) = story_row_of(&members) else {
        conn.execute("DELETE FROM stories WHERE id = ?1", [&id])?;
        return Ok(());
    };
    let version: i64 = conn.query_row(
        "SELECT coalesce(max(updated_seq), 0) + 1 FROM stories",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO stories (id, title, start, end, size, languages, sources, opened_seq, updated_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET start = ?3, end = ?4, size = ?5, languages = ?6,
             sources = ?7, updated_seq = ?9",
        params![
            id,
            row.title,
            row.start,
            row.end,
            row.size,
            row.languages,
            row.sources,
            row.opened_seq,
            version,
        ],
    )?;
    Ok(())
}

/// A member of a story as [`story_row_of`] reads it: title, published, language, source (site
/// else path), sequence number.
pub(crate) type Member = (String, Option<String>, Option<String>, String, i64);

/// A story's row made from its members in the order they joined.
pub(crate) struct RefreshedRow {
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub size: i64,
    pub languages: String,
    pub sources: String,
    pub opened_seq: i64,
}

/// The row a story's members make (`None` when it has none), for every backend.
pub(crate) fn story_row_of(members: &[Member]) -> Option<RefreshedRow> {
    let first = members.first()?;
    let dates: Vec<&String> = members.iter().filter_map(|m| m.1.as_ref()).collect();
    let mut languages: Vec<&str> = members.iter().filter_map(|m| m.2.as_deref()).collect();
    languages.sort_unstable();
    languages.dedup();
    let mut sources: Vec<&str> = Vec::new();
    for m in members {
        if sources.len() < crate::stories::SOURCES_KEPT && !sources.contains(&m.3.as_str()) {
            sources.push(&m.3);
        }
    }
    Some(RefreshedRow {
        title: first.0.clone(),
        start: dates.iter().min().map(|d| d.to_string()),
        end: dates.iter().max().map(|d| d.to_string()),
        size: members.len() as i64,
        languages: languages.join(" "),
        sources: serde_json::to_string(&sources).unwrap_or_else(|_| "[]".into()),
        opened_seq: first.4,
    })
}
