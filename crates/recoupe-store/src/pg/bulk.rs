//! A placed batch written in a handful of statements, whatever its size: each table's rows sent
//! as arrays and inserted with `UNNEST`, the stories touched read once and brought up to date in
//! memory, the dates inferred through versions worked out in memory in the order the articles
//! were placed. A statement per row cost two round trips each, twenty-odd per article: on
//! loopback about 2 ms an article, ten times the SQLite store's whole write.
//!
//! The result is the row-by-row writing's (`crate::stories`' `write_placement` and
//! `infer_stored_dates`, the SQLite store's), which the store's tests check on both backends.

use std::collections::HashMap;

use postgres::GenericClient;
use recoupe_core::entities::{sound_block, LinkerChanges};
use recoupe_core::stories::Assignment;
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, ArticleId, StoryId};

use crate::stories::{story_row_after, StoryRowParts};
use crate::Result;

/// An article to write: its analysis and its row's JSON ([`crate::kept_json`]).
pub(crate) struct Row<'a> {
    pub analysis: &'a Analysis,
    pub kept: &'a str,
}

/// Inserts the articles not stored yet, with their findings; gives the sequence number of each
/// new one (`None` for one stored already), in order.
pub(crate) fn insert_articles(
    db: &mut impl GenericClient,
    rows: &[Row<'_>],
    linked: bool,
) -> Result<Vec<Option<i64>>> {
    use rayon::prelude::*;
    // the search vectors made on all cores: the writer is the placer's long pole
    let vectors: Vec<String> = rows
        .par_iter()
        .map(|r| super::search_vector(&r.analysis.title, &r.analysis.text))
        .collect();
    let mut cols: [Vec<Option<String>>; 12] = Default::default();
    for (r, vector) in rows.iter().zip(vectors) {
        let a = r.analysis;
        let values = [
            Some(a.id.to_string()),
            Some(a.source.clone()),
            Some(a.title.clone()),
            a.url.clone(),
            a.site.clone(),
            a.byline.clone(),
            a.language.map(|l| l.to_string()),
            a.published.map(|d| d.to_string()),
            a.published_basis.map(|b| b.as_str().to_string()),
            Some(a.text.clone()),
            Some(r.kept.to_string()),
            Some(vector),
        ];
        for (col, v) in cols.iter_mut().zip(values) {
            col.push(v);
        }
    }
    let [id, source, title, url, site, byline, language, published, basis, text, kept, vector] =
        &cols;
    let inserted = db.query(
        "INSERT INTO articles
             (id, source, title, url, site, byline, language, published, published_basis, text,
              analysis, search)
         SELECT id, source, title, url, site, byline, language, published, basis, text, kept,
                vector::TSVECTOR
         FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[],
                     $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[])
              WITH ORDINALITY AS u(id, source, title, url, site, byline, language, published,
                                   basis, text, kept, vector, n)
         ORDER BY n
         ON CONFLICT (id) DO NOTHING RETURNING id, seq",
        &[
            id, source, title, url, site, byline, language, published, basis, text, kept, vector,
        ],
    )?;
    let mut seq_of: HashMap<String, i64> = HashMap::with_capacity(inserted.len());
    for r in &inserted {
        seq_of.insert(r.try_get(0)?, r.try_get(1)?);
    }
    let seqs: Vec<Option<i64>> = rows
        .iter()
        .map(|r| seq_of.remove(&r.analysis.id.to_string()))
        .collect();
    let written: Vec<(i64, &Analysis)> = rows
        .iter()
        .zip(&seqs)
        .filter_map(|(r, s)| s.map(|s| (s, r.analysis)))
        .collect();
    insert_findings(db, &written)?;
    insert_mentions(db, &written, linked)?;
    Ok(seqs)
}

/// The names of the articles written, the text's then the title's, each with the entity
/// (`entities.cluster`) the linker gave it when `linked` (the mentions carry their cluster's
/// number then), else none; written again, the entity is the one given now.
pub(crate) fn insert_mentions(
    db: &mut impl GenericClient,
    written: &[(i64, &Analysis)],
    linked: bool,
) -> Result<()> {
    let (mut seq, mut n, mut in_title, mut kind, mut text, mut cluster, mut start, mut end) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    for (s, a) in written {
        let all = a
            .entities
            .iter()
            .map(|m| (false, m))
            .chain(a.title_entities.iter().map(|m| (true, m)));
        for (i, (title, m)) in all.enumerate() {
            seq.push(*s);
            n.push(i as i32);
            in_title.push(title);
            kind.push(m.kind.as_str());
            text.push(m.text.as_str());
            cluster.push(if linked {
                m.entity.map(|e| e.0 as i64)
            } else {
                None
            });
            start.push(m.start as i64);
            end.push(m.end as i64);
        }
    }
    if !seq.is_empty() {
        db.execute(
            "INSERT INTO mentions (seq, n, in_title, kind, text, cluster, start, \"end\")
             SELECT * FROM UNNEST($1::INT8[], $2::INT4[], $3::BOOL[], $4::TEXT[], $5::TEXT[],
                                  $6::INT8[], $7::INT8[], $8::INT8[])
             ON CONFLICT (seq, n) DO UPDATE SET cluster = EXCLUDED.cluster",
            &[&seq, &n, &in_title, &kind, &text, &cluster, &start, &end],
        )?;
    }
    Ok(())
}

/// The quotes and figures of the articles written, as the analyst's tables keep them.
pub(crate) fn insert_findings(
    db: &mut impl GenericClient,
    written: &[(i64, &Analysis)],
) -> Result<()> {
    let (mut seq, mut n, mut kind, mut speaker, mut key, mut words, mut start, mut end) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    for (s, a) in written {
        for (i, q) in a.quotes.iter().chain(&a.reported_speech).enumerate() {
            let who = q.speaker_name.clone().or_else(|| q.speaker_text.clone());
            seq.push(*s);
            n.push(i as i32);
            kind.push(crate::serde_name(&q.kind));
            key.push(who.as_ref().map(|w| w.to_lowercase()));
            speaker.push(who);
            words.push(q.text.clone());
            start.push(q.start as i64);
            end.push(q.end as i64);
        }
    }
    if !seq.is_empty() {
        db.execute(
            "INSERT INTO quotes (seq, n, kind, speaker, speaker_key, words, start, \"end\")
             SELECT * FROM UNNEST($1::INT8[], $2::INT4[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                                  $6::TEXT[], $7::INT8[], $8::INT8[])
             ON CONFLICT (seq, n) DO NOTHING",
            &[&seq, &n, &kind, &speaker, &key, &words, &start, &end],
        )?;
    }
    let (mut seq, mut n, mut kind, mut value, mut unit, mut counts, mut qualifier) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut bound, mut text, mut start, mut end) = (vec![], vec![], vec![], vec![]);
    for (s, a) in written {
        for (i, f) in a.figures.iter().enumerate() {
            seq.push(*s);
            n.push(i as i32);
            kind.push(f.kind.as_str().to_string());
            value.push(f.value);
            unit.push(f.unit.clone());
            counts.push(f.counts.clone());
            qualifier.push(f.qualifier.clone());
            bound.push(crate::serde_name(&f.bound));
            text.push(f.text.clone());
            start.push(f.start as i64);
            end.push(f.end as i64);
        }
    }
    if !seq.is_empty() {
        db.execute(
            "INSERT INTO figures (seq, n, kind, value, unit, counts, qualifier, bound, text, start, \"end\")
             SELECT * FROM UNNEST($1::INT8[], $2::INT4[], $3::TEXT[], $4::FLOAT8[], $5::TEXT[],
                                  $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::INT8[],
                                  $11::INT8[])
             ON CONFLICT (seq, n) DO NOTHING",
            &[
                &seq, &n, &kind, &value, &unit, &counts, &qualifier, &bound, &text, &start, &end,
            ],
        )?;
    }
    Ok(())
}

/// The placements of articles stored as `seqs` (in the order they were placed): memberships
/// (`if_missing`: keep what is stored, as a replay does), the stories' rows, the version links
/// and the dates inferred through them.
pub(crate) fn write_placements(
    db: &mut impl GenericClient,
    placed: &[(&Analysis, &Assignment, i64)],
    if_missing: bool,
) -> Result<()> {
    if placed.is_empty() {
        return Ok(());
    }
    // merged stories send their new articles on
    let mut redirects: HashMap<StoryId, StoryId> = HashMap::new();
    for r in db.query("SELECT story, into_story FROM story_redirects", &[])? {
        let (from, into): (String, String) = (r.try_get(0)?, r.try_get(1)?);
        if let (Some(from), Some(into)) = (StoryId::parse(&from), StoryId::parse(&into)) {
            redirects.insert(from, into);
        }
    }
    let redirected = |mut at: StoryId| {
        for _ in 0..16 {
            match redirects.get(&at) {
                Some(&into) if into != at => at = into,
                _ => break,
            }
        }
        at
    };
    let stories: Vec<StoryId> = placed.iter().map(|(_, a, _)| redirected(a.story)).collect();
    let seq: Vec<i64> = placed.iter().map(|(_, _, s)| *s).collect();
    let story: Vec<String> = stories.iter().map(|s| s.to_string()).collect();
    let score: Vec<Option<f64>> = placed
        .iter()
        .map(|(_, a, _)| (a.score > 0.0).then_some(a.score))
        .collect();
    let evidence: Vec<String> = placed
        .iter()
        .map(|(_, a, _)| serde_json::to_string(&a.evidence).unwrap_or_else(|_| "[]".into()))
        .collect();
    let on_conflict = if if_missing {
        "DO NOTHING"
    } else {
        "DO UPDATE SET story = excluded.story, score = excluded.score, evidence = excluded.evidence"
    };
    let written: std::collections::HashSet<i64> = db
        .query(
            &format!(
                "INSERT INTO story_members (seq, story, score, evidence)
                 SELECT * FROM UNNEST($1::INT8[], $2::TEXT[], $3::FLOAT8[], $4::TEXT[])
                 ON CONFLICT (seq) {on_conflict} RETURNING seq"
            ),
            &[&seq, &story, &score, &evidence],
        )?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<std::result::Result<_, _>>()?;
    let placed: Vec<(&Analysis, &Assignment, i64, StoryId)> = placed
        .iter()
        .zip(stories)
        .filter(|((_, _, s), _)| written.contains(s))
        .map(|((a, p, s), story)| (*a, *p, *s, story))
        .collect();
    update_stories(db, &placed)?;
    insert_links(db, &placed)?;
    infer_dates(db, &placed)
}

/// The rows of the stories the articles joined, read once and brought up to date in order.
fn update_stories(
    db: &mut impl GenericClient,
    placed: &[(&Analysis, &Assignment, i64, StoryId)],
) -> Result<()> {
    let ids: Vec<String> = placed.iter().map(|p| p.3.to_string()).collect();
    let mut rows: HashMap<String, (Option<String>, StoryRowParts, i64, i64)> = HashMap::new();
    for r in db.query(
        "SELECT id, start, \"end\", size, languages, sources, opened_seq, updated_seq, title
         FROM stories WHERE id = ANY($1)",
        &[&ids],
    )? {
        let parts = (
            r.try_get(1)?,
            r.try_get(2)?,
            r.try_get(3)?,
            r.try_get(4)?,
            r.try_get(5)?,
        );
        rows.insert(
            r.try_get(0)?,
            (Some(r.try_get(8)?), parts, r.try_get(6)?, r.try_get(7)?),
        );
    }
    for (analysis, _, seq, story) in placed {
        let key = story.to_string();
        let existing = rows.get(&key).map(|r| r.1.clone());
        let (title, parts) = story_row_after(existing, analysis);
        match rows.get_mut(&key) {
            Some(row) => {
                row.1 = parts;
                row.3 = *seq;
            }
            None => {
                rows.insert(key, (title, parts, *seq, *seq));
            }
        }
    }
    let (mut id, mut title, mut start, mut end, mut size) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut languages, mut sources, mut opened, mut updated) = (vec![], vec![], vec![], vec![]);
    for (key, (t, (s, e, n, l, src), o, u)) in rows {
        id.push(key);
        title.push(t.unwrap_or_default());
        start.push(s);
        end.push(e);
        size.push(n);
        languages.push(l);
        sources.push(src);
        opened.push(o);
        updated.push(u);
    }
    db.execute(
        "INSERT INTO stories AS s (id, title, start, \"end\", size, languages, sources, opened_seq, updated_seq)
         SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::INT8[],
                              $6::TEXT[], $7::TEXT[], $8::INT8[], $9::INT8[])
         ON CONFLICT (id) DO UPDATE SET start = excluded.start, \"end\" = excluded.\"end\",
             size = excluded.size, languages = excluded.languages, sources = excluded.sources,
             updated_seq = excluded.updated_seq",
        &[
            &id, &title, &start, &end, &size, &languages, &sources, &opened, &updated,
        ],
    )?;
    Ok(())
}

fn insert_links(
    db: &mut impl GenericClient,
    placed: &[(&Analysis, &Assignment, i64, StoryId)],
) -> Result<()> {
    let (mut seq, mut a, mut b, mut kind, mut score, mut json) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (_, assignment, s, _) in placed {
        for link in &assignment.links {
            seq.push(*s);
            a.push(link.a.to_string());
            b.push(link.b.to_string());
            kind.push(link.kind.as_str().to_string());
            score.push(link.score);
            json.push(serde_json::to_string(link).unwrap_or_else(|_| "{}".into()));
        }
    }
    if !seq.is_empty() {
        db.execute(
            "INSERT INTO links (seq, a, b, kind, score, link)
             SELECT * FROM UNNEST($1::INT8[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::FLOAT8[], $6::TEXT[])
             ON CONFLICT (seq, b) DO NOTHING",
            &[&seq, &a, &b, &kind, &score, &json],
        )?;
    }
    Ok(())
}

/// As the row-by-row `infer_stored_dates`, for every article placed, in order: an undated
/// article that is a version of a dated one takes its date, marked inferred (the strongest link
/// first), and a dated one dates the undated versions stored before it. What an earlier article
/// of the batch changed is seen by the later ones.
fn infer_dates(
    db: &mut impl GenericClient,
    placed: &[(&Analysis, &Assignment, i64, StoryId)],
) -> Result<()> {
    if placed.iter().all(|(_, p, _, _)| p.links.is_empty()) {
        return Ok(());
    }
    // the articles placed (written already, in this transaction) and those their links name
    let others: Vec<String> = placed
        .iter()
        .flat_map(|(a, p, _, _)| {
            std::iter::once(a.id).chain(p.links.iter().filter_map(|l| l.other(a.id)))
        })
        .map(|id| id.to_string())
        .collect();
    // the state of every article a link points at: (published, source, analysis column)
    let mut state: HashMap<ArticleId, (Option<String>, String, String)> = HashMap::new();
    for r in db.query(
        "SELECT id, published, source, analysis FROM articles WHERE id = ANY($1)",
        &[&others],
    )? {
        let id: String = r.try_get(0)?;
        if let Some(id) = ArticleId::parse(&id) {
            state.insert(id, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
        }
    }
    let mut changed: HashMap<ArticleId, (String, String)> = HashMap::new();
    for (article, assignment, _, _) in placed {
        let mut links: Vec<&Link> = assignment.links.iter().collect();
        links.sort_by(|x, y| y.score.total_cmp(&x.score));
        for link in links {
            let Some(other) = link.other(article.id) else {
                continue;
            };
            let Some((other_date, other_source, _)) = state.get(&other).cloned() else {
                continue;
            };
            let (undated, date, from, from_source) = match (article.published, other_date) {
                (None, Some(d)) => (article.id, d, other, other_source),
                (Some(d), None) => (other, d.to_string(), article.id, article.source.clone()),
                _ => continue,
            };
            let evidence = link.date_evidence(from, &from_source);
            if let Some(entry) = state.get_mut(&undated).filter(|e| e.0.is_none()) {
                let mut value: serde_json::Value =
                    serde_json::from_str(&entry.2).unwrap_or_default();
                if let Some(fields) = value.as_object_mut() {
                    fields.insert("published_evidence".into(), evidence.into());
                    // kept for a replay of the story index (`analysis_as_placed`)
                    if let Some(dates) = fields.remove("dates") {
                        fields.insert("dates_as_placed".into(), dates);
                    }
                }
                entry.0 = Some(date.clone());
                entry.2 = value.to_string();
                changed.insert(undated, (date, entry.2.clone()));
            }
            if undated == article.id {
                break;
            }
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let (mut id, mut date, mut kept) = (vec![], vec![], vec![]);
    for (a, (d, k)) in changed {
        id.push(a.to_string());
        date.push(d);
        kept.push(k);
    }
    db.execute(
        "UPDATE articles a SET published = u.date, published_basis = 'inferred', analysis = u.kept
         FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[]) AS u(id, date, kept)
         WHERE a.id = u.id AND a.published IS NULL",
        &[&id, &date, &kept],
    )?;
    Ok(())
}

/// What the linker changed, as of the article `seq`, in a few statements.
pub(crate) fn write_entity_changes(
    db: &mut impl GenericClient,
    changes: LinkerChanges,
    seq: i64,
) -> Result<()> {
    let (mut cluster, mut id, mut kind, mut name, mut block) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut mentions, mut articles, mut state) = (vec![], vec![], vec![]);
    let (mut name_key, mut name_cluster) = (vec![], vec![]);
    let (mut article_cluster, mut article_id) = (vec![], vec![]);
    for e in &changes.entities {
        let c = e.cluster as i64;
        cluster.push(c);
        id.push(e.id.to_string());
        kind.push(e.kind.as_str().to_string());
        name.push(e.name.clone());
        block.push(sound_block(&e.name).map(i32::from));
        mentions.push(e.mentions as i64);
        articles.push(e.articles as i64);
        state.push(crate::entities::state_json(e));
        name_key.push(e.name.to_lowercase());
        name_cluster.push(c);
        for (v, _, _) in e.variants.get(e.new_variants..).unwrap_or_default() {
            name_key.push(v.to_lowercase());
            name_cluster.push(c);
        }
        for a in &e.new_articles {
            article_cluster.push(c);
            article_id.push(a.to_string());
        }
    }
    if !cluster.is_empty() {
        db.execute(
            "INSERT INTO entities (cluster, id, kind, name, block, mentions, articles, state)
             SELECT * FROM UNNEST($1::INT8[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::INT4[],
                                  $6::INT8[], $7::INT8[], $8::TEXT[])
             ON CONFLICT (cluster) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                 block = excluded.block, mentions = excluded.mentions,
                 articles = excluded.articles, state = excluded.state",
            &[
                &cluster, &id, &kind, &name, &block, &mentions, &articles, &state,
            ],
        )?;
        db.execute(
            "INSERT INTO entity_names (name, cluster)
             SELECT * FROM UNNEST($1::TEXT[], $2::INT8[]) ON CONFLICT DO NOTHING",
            &[&name_key, &name_cluster],
        )?;
        db.execute(
            "INSERT INTO entity_articles (cluster, seq)
             SELECT u.cluster, a.seq FROM UNNEST($1::INT8[], $2::TEXT[]) AS u(cluster, id)
             JOIN articles a ON a.id = u.id ON CONFLICT DO NOTHING",
            &[&article_cluster, &article_id],
        )?;
    }
    // a spelling placed twice in one batch keeps the last placement, as row by row
    let mut spellings: Vec<(String, String, i64)> = Vec::new();
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for s in changes.spellings {
        let key = (s.text, s.kind.as_str().to_string());
        match at.get(&key) {
            Some(&i) => spellings[i].2 = s.cluster as i64,
            None => {
                at.insert(key.clone(), spellings.len());
                spellings.push((key.0, key.1, s.cluster as i64));
            }
        }
    }
    if !spellings.is_empty() {
        let (text, kind, cluster): (Vec<String>, Vec<String>, Vec<i64>) =
            spellings.into_iter().fold(
                (vec![], vec![], vec![]),
                |(mut t, mut k, mut c), (x, y, z)| {
                    t.push(x);
                    k.push(y);
                    c.push(z);
                    (t, k, c)
                },
            );
        db.execute(
            "INSERT INTO entity_spellings (spelling, kind, cluster)
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::INT8[])
             ON CONFLICT (spelling, kind) DO UPDATE SET cluster = excluded.cluster",
            &[&text, &kind, &cluster],
        )?;
    }
    db.execute(
        "INSERT INTO entity_index (one, seq) VALUES (1, $1)
         ON CONFLICT (one) DO UPDATE SET seq = excluded.seq",
        &[&seq],
    )?;
    Ok(())
}
