//! Corrections in PostgreSQL: the SQLite store's `crate::corrections` (move, merge, undo, the
//! log), in SQL PostgreSQL reads, one transaction each.

use postgres::GenericClient;
use recoupe_core::{ArticleId, StoryId};

use super::PgStore;
use crate::corrections::{in_story, new_story_id, split_id, story_row_of, Member};
use crate::{Action, Correction, Result, StoreError};

impl PgStore {
    /// Moves an article to story `to`, or to a story of its own when `to` is `None`.
    pub fn move_article(
        &mut self,
        article: ArticleId,
        to: Option<StoryId>,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        let mut tx = self.db_mut().transaction()?;
        lock(&mut tx)?;
        let (seq, from) = member(&mut tx, article)?;
        let id = next_id(&mut tx)?;
        let to = match to {
            Some(to) => {
                exists(&mut tx, to)?;
                to
            }
            None => new_story_id(article, id),
        };
        let action = Action::Move { article, from, to };
        set_story(&mut tx, &[seq], to)?;
        refresh(&mut tx, from)?;
        refresh(&mut tx, to)?;
        let correction = log(&mut tx, id, by, why, &action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// Takes `articles` (each of story `from`) out of it into a new story of their own.
    pub fn split_story(
        &mut self,
        from: StoryId,
        articles: &[ArticleId],
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        let mut tx = self.db_mut().transaction()?;
        lock(&mut tx)?;
        exists(&mut tx, from)?;
        let mut moved = Vec::with_capacity(articles.len());
        for article in articles {
            let (seq, found) = member(&mut tx, *article)?;
            in_story(*article, found, from)?;
            moved.push(seq);
        }
        let id = next_id(&mut tx)?;
        let to = split_id(articles, id)?;
        set_story(&mut tx, &moved, to)?;
        refresh(&mut tx, from)?;
        refresh(&mut tx, to)?;
        let action = Action::Split {
            from,
            to,
            articles: articles.to_vec(),
            moved,
        };
        let correction = log(&mut tx, id, by, why, &action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// Moves every article of story `from` into `into`; later articles placed in `from` join
    /// `into`.
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
        let mut tx = self.db_mut().transaction()?;
        lock(&mut tx)?;
        exists(&mut tx, from)?;
        exists(&mut tx, into)?;
        let moved: Vec<i64> = tx
            .query(
                "SELECT seq FROM story_members WHERE story = $1 ORDER BY seq",
                &[&from.to_string()],
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
        let id = next_id(&mut tx)?;
        set_story(&mut tx, &moved, into)?;
        tx.execute(
            "INSERT INTO story_redirects (story, into_story, correction) VALUES ($1, $2, $3)
             ON CONFLICT (story) DO UPDATE SET into_story = $2, correction = $3",
            &[&from.to_string(), &into.to_string(), &id],
        )?;
        refresh(&mut tx, from)?;
        refresh(&mut tx, into)?;
        let action = Action::Merge { from, into, moved };
        let correction = log(&mut tx, id, by, why, &action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// Undoes correction `id`.
    pub fn undo_correction(&mut self, id: i64) -> Result<Correction> {
        let mut tx = self.db_mut().transaction()?;
        lock(&mut tx)?;
        let Some(correction) = read(&mut tx, id)? else {
            return Err(StoreError::NotFound(format!("no correction {id}")));
        };
        if correction.undone_at.is_some() {
            return Err(StoreError::NotFound(format!(
                "correction {id} is undone already"
            )));
        }
        match &correction.action {
            Action::Move { article, from, to } => {
                let (seq, _) = member(&mut tx, *article)?;
                set_story(&mut tx, &[seq], *from)?;
                refresh(&mut tx, *from)?;
                refresh(&mut tx, *to)?;
            }
            Action::Split {
                from, to, moved, ..
            } => {
                set_story(&mut tx, moved, *from)?;
                refresh(&mut tx, *from)?;
                refresh(&mut tx, *to)?;
            }
            Action::Merge { from, into, moved } => {
                set_story(&mut tx, moved, *from)?;
                tx.execute(
                    "DELETE FROM story_redirects WHERE story = $1 AND correction = $2",
                    &[&from.to_string(), &id],
                )?;
                refresh(&mut tx, *from)?;
                refresh(&mut tx, *into)?;
            }
            // read over what is stored, which it never changed: marked undone, it is gone
            Action::MergeEntities { .. }
            | Action::SplitSpelling { .. }
            | Action::MarkWrong { .. } => {}
        }
        tx.execute(
            "UPDATE corrections
             SET undone_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
             WHERE id = $1",
            &[&id],
        )?;
        let correction = read(&mut tx, id)?.unwrap_or(correction);
        tx.commit()?;
        Ok(correction)
    }

    /// Logs a correction applied over what is stored when it is read (a merge of entities).
    pub fn log_correction(&mut self, by: &str, why: &str, action: &Action) -> Result<Correction> {
        let mut tx = self.db_mut().transaction()?;
        lock(&mut tx)?;
        let id = next_id(&mut tx)?;
        let correction = log(&mut tx, id, by, why, action)?;
        tx.commit()?;
        Ok(correction)
    }

    /// The log, oldest first.
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        let rows = self.db().query(
            "SELECT id, at, by, why, action, undone_at FROM corrections ORDER BY id",
            &[],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            if let Some(c) = correction_of(r)? {
                out.push(c);
            }
        }
        Ok(out)
    }
}

/// Corrections and the placer's writes are serialised on the stories they touch: one
/// correction at a time, and the story rows it makes again are not written under it.
fn lock(db: &mut impl GenericClient) -> Result<()> {
    db.execute("LOCK TABLE stories IN SHARE ROW EXCLUSIVE MODE", &[])?;
    Ok(())
}

fn correction_of(r: &postgres::Row) -> Result<Option<Correction>> {
    let action: String = r.try_get(4)?;
    // an entry this build cannot read is left out (a later version's kind of correction)
    let Ok(action) = serde_json::from_str::<Action>(&action) else {
        return Ok(None);
    };
    Ok(Some(Correction {
        id: r.try_get(0)?,
        at: r.try_get(1)?,
        by: r.try_get(2)?,
        why: r.try_get(3)?,
        action,
        undone_at: r.try_get(5)?,
    }))
}

fn read(db: &mut impl GenericClient, id: i64) -> Result<Option<Correction>> {
    match db.query_opt(
        "SELECT id, at, by, why, action, undone_at FROM corrections WHERE id = $1",
        &[&id],
    )? {
        Some(r) => correction_of(&r),
        None => Ok(None),
    }
}

fn next_id(db: &mut impl GenericClient) -> Result<i64> {
    Ok(db
        .query_one("SELECT coalesce(max(id), 0) + 1 FROM corrections", &[])?
        .try_get(0)?)
}

fn log(
    db: &mut impl GenericClient,
    id: i64,
    by: &str,
    why: &str,
    action: &Action,
) -> Result<Correction> {
    let json = serde_json::to_string(action).unwrap_or_default();
    db.execute(
        "INSERT INTO corrections (id, by, why, action) VALUES ($1, $2, $3, $4)",
        &[&id, &by, &why, &json],
    )?;
    read(db, id)?.ok_or_else(|| StoreError::NotFound(format!("correction {id} was not written")))
}

/// The sequence number of a stored article and the story it is in.
fn member(db: &mut impl GenericClient, article: ArticleId) -> Result<(i64, StoryId)> {
    let found = db.query_opt(
        "SELECT a.seq, m.story FROM articles a LEFT JOIN story_members m ON m.seq = a.seq
         WHERE a.id = $1",
        &[&article.to_string()],
    )?;
    let Some(row) = found else {
        return Err(StoreError::NotFound(format!("no article {article}")));
    };
    let seq: i64 = row.try_get(0)?;
    let story: Option<String> = row.try_get(1)?;
    match story {
        Some(story) => StoryId::parse(&story)
            .map(|s| (seq, s))
            .ok_or_else(|| StoreError::NotFound(format!("article {article} is in no story"))),
        None => Err(StoreError::NotFound(format!(
            "article {article} is not placed in a story yet"
        ))),
    }
}

fn exists(db: &mut impl GenericClient, story: StoryId) -> Result<()> {
    db.query_opt("SELECT 1 FROM stories WHERE id = $1", &[&story.to_string()])?
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound(format!("no story {story}")))
}

fn set_story(db: &mut impl GenericClient, seqs: &[i64], story: StoryId) -> Result<()> {
    db.execute(
        "UPDATE story_members SET story = $2 WHERE seq = ANY($1)",
        &[&seqs, &story.to_string()],
    )?;
    Ok(())
}

/// A story's row made again from its members (gone when it has none), its version moved on.
fn refresh(db: &mut impl GenericClient, story: StoryId) -> Result<()> {
    let id = story.to_string();
    let rows = db.query(
        "SELECT a.title, a.published, a.language, coalesce(a.site, a.source), m.seq
         FROM story_members m JOIN articles a ON a.seq = m.seq
         WHERE m.story = $1 ORDER BY m.seq",
        &[&id],
    )?;
    let members: Vec<Member> = rows
        .iter()
        .map(|r| {
            Ok((
                r.try_get(0)?,
                r.try_get(1)?,
                r.try_get(2)?,
                r.try_get(3)?,
                r.try_get(4)?,
            ))
        })
        .collect::<Result<_>>()?;
    let Some(row) = story_row_of(&members) else {
        db.execute("DELETE FROM stories WHERE id = $1", &[&id])?;
        return Ok(());
    };
    let version: i64 = db
        .query_one("SELECT coalesce(max(updated_seq), 0) + 1 FROM stories", &[])?
        .try_get(0)?;
    db.execute(
        "INSERT INTO stories (id, title, start, \"end\", size, languages, sources, opened_seq, updated_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET start = $3, \"end\" = $4, size = $5, languages = $6,
             sources = $7, updated_seq = $9",
        &[
            &id,
            &row.title,
            &row.start,
            &row.end,
            &row.size,
            &row.languages,
            &row.sources,
            &row.opened_seq,
            &version,
        ],
    )?;
    Ok(())
}
