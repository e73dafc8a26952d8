//! Exports: the store's stories, articles, entities, quotes, figures and links as CSV (one header
//! line, then one record per row), JSON Lines (one object per line, the same fields) or Parquet
//! (the same columns, typed), written as they are read, so memory stays that of one article (one
//! row group for Parquet) whatever the size of the store. The CLI
//! (`recoupe export`) and the API (`/api/export/{table}`) both write through [`export`].
//!
//! Every row says which article and story it comes from; quotes and figures keep their byte
//! offsets into the article's cleaned text (`start`, `end`), as the JSON report does.

use std::io::Write;

use recoupe_core::entities::Entity;
use recoupe_core::{ArticleId, Date, Lang, StoryId};
use recoupe_store::{
    serde_name, Action, Finding, Result, Store, StoreError, StoredArticle, StoryRow,
};
use serde_json::Value;

mod columnar;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Stories,
    Articles,
    Entities,
    Quotes,
    Figures,
    Links,
    Corrections,
}

impl Table {
    pub const ALL: [Table; 7] = [
        Table::Stories,
        Table::Articles,
        Table::Entities,
        Table::Quotes,
        Table::Figures,
        Table::Links,
        Table::Corrections,
    ];

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Stories => "stories",
            Table::Articles => "articles",
            Table::Entities => "entities",
            Table::Quotes => "quotes",
            Table::Figures => "figures",
            Table::Links => "links",
            Table::Corrections => "corrections",
        }
    }

    /// The columns of the table, in order (CSV header, JSON keys).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Stories => &[
                "story",
                "title",
                "start",
                "end",
                "articles",
                "languages",
                "sources",
            ],
            Table::Articles => &[
                "article",
                "story",
                "published",
                "published_basis",
                "language",
                "site",
                "url",
                "byline",
                "source",
                "title",
                "text",
            ],
            Table::Entities => &[
                "entity",
                "type",
                "name",
                "mentions",
                "articles",
                "languages",
                "spellings",
                "evidence",
            ],
            Table::Quotes => &[
                "article",
                "story",
                "published",
                "language",
                "kind",
                "speaker",
                "speaker_entity",
                "cue",
                "words",
                "start",
                "end",
                "marked_wrong",
            ],
            Table::Figures => &[
                "article",
                "story",
                "published",
                "language",
                "kind",
                "value",
                "unit",
                "counts",
                "qualifier",
                "bound",
                "text",
                "start",
                "end",
                "marked_wrong",
            ],
            Table::Links => &[
                "a",
                "b",
                "kind",
                "score",
                "aligned_paragraphs",
                "a_adds",
                "b_adds",
                "evidence",
            ],
            Table::Corrections => &[
                "correction",
                "at",
                "by",
                "why",
                "action",
                "article",
                "from",
                "to",
                "articles_moved",
                "undone_at",
            ],
        }
    }
}

/// What a column holds (Parquet's column type; CSV and JSON write the value as it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text and ids.
    Text,
    /// A day, `YYYY-MM-DD` (Parquet's `DATE`).
    Date,
    /// A count or a byte offset.
    Int,
    /// A measured or computed number (a figure's value, a link's score).
    Float,
}

impl Table {
    /// What each column holds, in the order of [`Table::columns`].
    pub fn kinds(self) -> &'static [Kind] {
        use Kind::{Date as D, Float as F, Int as I, Text as T};
        match self {
            Table::Stories => &[T, T, D, D, I, T, T],
            Table::Articles => &[T, T, D, T, T, T, T, T, T, T, T],
            Table::Entities => &[T, T, T, I, I, T, T, T],
            Table::Quotes => &[T, T, D, T, T, T, T, T, T, I, I, T],
            Table::Figures => &[T, T, D, T, T, F, T, T, T, T, T, I, I, T],
            Table::Links => &[T, T, T, F, I, I, I, T],
            Table::Corrections => &[I, T, T, T, T, T, T, T, I, T],
        }
    }
}

/// How rows are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    /// Binary, columnar: for pandas, polars, DuckDB, Arrow. Snappy-compressed, a row group per
    /// 8,192 rows or 16 MB of cells.
    Parquet,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }

    /// The media type of a response holding this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Jsonl => "application/x-ndjson",
            Format::Parquet => "application/vnd.apache.parquet",
        }
    }

    /// The file name extension of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }

    /// Whether the format is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }
}

/// What an export keeps to, every field optional: the rows of one story; of the articles in one
/// language, published within dates (an undated article is left out by a date), from a site or
/// source (a part of its name, any case). Stories are kept by their languages, their span and
/// their sources; links when both articles are kept; entities by their languages. The log of
/// corrections, and the entities, take no date or source.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub story: Option<StoryId>,
    pub language: Option<Lang>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub source: Option<String>,
}

impl Filters {
    /// Only the rows of `story`, when given.
    pub fn of_story(story: Option<StoryId>) -> Filters {
        Filters {
            story,
            ..Filters::default()
        }
    }

    /// An error (`StoreError::NotFound`) when `table` cannot be kept to these filters: the
    /// entities to dates or sources, the corrections to anything but a story.
    pub fn check(&self, table: Table) -> Result<()> {
        let undated = self.since.is_some() || self.until.is_some() || self.source.is_some();
        if (table == Table::Entities && undated)
            || (table == Table::Corrections && self.by_article())
        {
            return Err(StoreError::NotFound(format!(
                "{} are not kept to {}: filter stories, articles, quotes, figures or links",
                table.name(),
                if table == Table::Entities {
                    "dates or sources"
                } else {
                    "a language, dates or sources"
                }
            )));
        }
        Ok(())
    }

    /// Whether the filters keep to some articles beyond a story.
    fn by_article(&self) -> bool {
        self.language.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.source.is_some()
    }

    fn dates_hold(&self, start: Option<Date>, end: Option<Date>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let (Some(start), Some(end)) = (start.or(end), end.or(start)) else {
            return false;
        };
        self.since.is_none_or(|s| end >= s) && self.until.is_none_or(|u| start <= u)
    }

    fn source_holds<'a>(&self, mut names: impl Iterator<Item = &'a str>) -> bool {
        match &self.source {
            None => true,
            Some(part) => {
                let part = part.to_lowercase();
                names.any(|n| n.to_lowercase().contains(&part))
            }
        }
    }

    fn keeps_article(&self, a: &StoredArticle) -> bool {
        self.language.is_none_or(|l| a.language == Some(l))
            && self.dates_hold(a.published, a.published)
            && self.source_holds(
                a.kept
                    .site
                    .as_deref()
                    .into_iter()
                    .chain([a.source.as_str()]),
            )
    }

    fn keeps_story(&self, s: &StoryRow) -> bool {
        self.language.is_none_or(|l| s.languages.contains(&l))
            && self.dates_hold(s.start, s.end)
            && self.source_holds(s.sources.iter().map(String::as_str))
    }

    fn keeps_entity(&self, e: &Entity) -> bool {
        self.language.is_none_or(|l| e.languages.contains(&l))
    }
}

/// Writes `table` (of `story` only, when given) to `out` in `format`; gives the rows written.
/// An error writing to `out` ends the export (a closed pipe, a client gone).
pub fn export(
    store: &Store,
    table: Table,
    format: Format,
    story: Option<StoryId>,
    out: &mut dyn Write,
) -> Result<usize> {
    export_with(store, table, format, &Filters::of_story(story), out)
}

/// Writes the rows of `table` that `filters` keep to `out` in `format`; gives the rows written.
/// Dates and sources asked of the entities or the corrections are an error
/// (`StoreError::NotFound`), before anything is written.
pub fn export_with(
    store: &Store,
    table: Table,
    format: Format,
    filters: &Filters,
    out: &mut dyn Write,
) -> Result<usize> {
    let story = filters.story;
    filters.check(table)?;
    let mut rows = Rows::new(table, format, out)?;
    rows.header()?;
    match table {
        Table::Stories => {
            store.each_story(story, |s| {
                if !filters.keeps_story(&s) {
                    return Ok(());
                }
                rows.write(vec![
                    s.id.to_string().into(),
                    s.title.into(),
                    opt(s.start.map(|d| d.to_string())),
                    opt(s.end.map(|d| d.to_string())),
                    s.size.into(),
                    joined(s.languages.iter().map(|l| l.to_string()), " "),
                    joined(s.sources.into_iter(), " | "),
                ])
            })?;
        }
        Table::Articles => {
            store.each_article(story, |a, in_story| {
                if !filters.keeps_article(&a) {
                    return Ok(());
                }
                rows.write(vec![
                    a.id.to_string().into(),
                    opt(in_story.map(|s| s.to_string())),
                    opt(a.published.map(|d| d.to_string())),
                    opt(a.published_basis.map(|b| serde_name(&b))),
                    opt(a.language.map(|l| l.to_string())),
                    opt(a.kept.site),
                    opt(a.kept.url),
                    opt(a.kept.byline),
                    a.source.into(),
                    a.title.into(),
                    a.text.into(),
                ])
            })?;
        }
        Table::Entities => {
            // an entity belongs to no one story: a story's entities are those of its articles
            if story.is_none() {
                entity_rows(store, filters, &mut rows)?;
            } else {
                entities_of_story(store, filters, &mut rows)?;
            }
        }
        Table::Quotes => quote_rows(store, filters, &mut rows)?,
        Table::Figures => figure_rows(store, filters, &mut rows)?,
        Table::Links => {
            // the articles kept, read first when the filters keep to some (8 bytes each)
            let mut kept: Option<std::collections::HashSet<ArticleId>> = None;
            if filters.by_article() {
                let mut ids = std::collections::HashSet::new();
                store.each_article(story, |a, _| {
                    if filters.keeps_article(&a) {
                        ids.insert(a.id);
                    }
                    Ok(())
                })?;
                kept = Some(ids);
            }
            store.each_link(story, |l| {
                if kept
                    .as_ref()
                    .is_some_and(|ids| !(ids.contains(&l.a) && ids.contains(&l.b)))
                {
                    return Ok(());
                }
                rows.write(vec![
                    l.a.to_string().into(),
                    l.b.to_string().into(),
                    serde_name(&l.kind).into(),
                    number(l.score),
                    l.aligned.len().into(),
                    l.a_adds.len().into(),
                    l.b_adds.len().into(),
                    joined(
                        l.evidence
                            .iter()
                            .map(|e| format!("{} {:.2}: {}", e.signal, e.value, e.detail)),
                        " | ",
                    ),
                ])
            })?;
        }
        Table::Corrections => correction_rows(store, story, &mut rows)?,
    }
    rows.finish()
}

/// Each quote (direct, partial, reported) of the articles, with its speaker's entity.
fn quote_rows(store: &Store, filters: &Filters, rows: &mut Rows<'_>) -> Result<()> {
    let marked = crate::Marked::of(store)?;
    store.each_article(filters.story, |a, in_story| {
        if !filters.keeps_article(&a) {
            return Ok(());
        }
        let analysis = a.analysis();
        for q in analysis.quotes.iter().chain(&analysis.reported_speech) {
            let speaker = q.speaker_name.clone().or_else(|| q.speaker_text.clone());
            let entity = match (q.speaker, &speaker) {
                (Some(id), _) => Some(id),
                (None, Some(name)) => store.entity_named(name)?,
                (None, None) => None,
            };
            let cue = q
                .cue
                .and_then(|c| analysis.text.get(c.start..c.end))
                .map(str::to_string);
            rows.write(vec![
                a.id.to_string().into(),
                opt(in_story.map(|s| s.to_string())),
                opt(a.published.map(|d| d.to_string())),
                opt(a.language.map(|l| l.to_string())),
                serde_name(&q.kind).into(),
                opt(speaker),
                opt(entity.map(|e| e.to_string())),
                opt(cue),
                q.text.clone().into(),
                q.start.into(),
                q.end.into(),
                opt(marked
                    .marking(a.id, Finding::Quote, q.start)
                    .map(|c| c.to_string())),
            ])?;
        }
        Ok(())
    })?;

    Ok(())
}

/// Each figure of the articles.
fn figure_rows(store: &Store, filters: &Filters, rows: &mut Rows<'_>) -> Result<()> {
    let marked = crate::Marked::of(store)?;
    store.each_article(filters.story, |a, in_story| {
        if !filters.keeps_article(&a) {
            return Ok(());
        }
        for f in a.analysis().figures {
            rows.write(vec![
                a.id.to_string().into(),
                opt(in_story.map(|s| s.to_string())),
                opt(a.published.map(|d| d.to_string())),
                opt(a.language.map(|l| l.to_string())),
                serde_name(&f.kind).into(),
                number(f.value),
                opt(f.unit),
                opt(f.counts),
                opt(f.qualifier),
                serde_name(&f.bound).into(),
                f.text.into(),
                f.start.into(),
                f.end.into(),
                opt(marked
                    .marking(a.id, Finding::Figure, f.start)
                    .map(|c| c.to_string())),
            ])?;
        }
        Ok(())
    })?;

    Ok(())
}

/// Each correction of the log (touching `story`, when given); the log is small: read whole.
fn correction_rows(store: &Store, story: Option<StoryId>, rows: &mut Rows<'_>) -> Result<()> {
    for c in store.corrections()? {
        if story.is_some_and(|s| !c.action.touches(s)) {
            continue;
        }
        let (action, article, [from, to], moved) = match &c.action {
            Action::Move { article, from, to } => {
                ("move", Some(article.to_string()), ids([from, to]), 1)
            }
            Action::Merge { from, into, moved } => ("merge", None, ids([from, into]), moved.len()),
            Action::Split {
                from, to, articles, ..
            } => {
                let list: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
                (
                    "split",
                    Some(list.join(" ")),
                    ids([from, to]),
                    articles.len(),
                )
            }
            Action::MergeEntities { from, into } => ("merge_entities", None, ids([from, into]), 0),
            Action::SplitSpelling {
                entity,
                spelling,
                to,
            } => (
                "split_spelling",
                None,
                [entity.to_string(), format!("{to} {spelling}")],
                0,
            ),
            Action::MarkWrong {
                article,
                finding,
                start,
                end,
                text,
            } => (
                "mark_wrong",
                Some(article.to_string()),
                [format!("{} {start}-{end}", finding.as_str()), text.clone()],
                0,
            ),
        };
        rows.write(vec![
            c.id.into(),
            c.at.into(),
            c.by.into(),
            c.why.into(),
            action.into(),
            opt(article),
            from.into(),
            to.into(),
            moved.into(),
            opt(c.undone_at),
        ])?;
    }

    Ok(())
}

/// Every entity of the store, as read with the desk's corrections (see [`crate::EntityMerges`]
/// and [`crate::EntitySplits`]): a merged entity left out, its spellings and counts given to the
/// one it was merged into; a spelling split out given to an entity of its own, written after
/// the one it was split out of.
fn entity_rows(store: &Store, filters: &Filters, rows: &mut Rows<'_>) -> Result<()> {
    let log = store.corrections()?;
    let merges = crate::EntityMerges::of_log(&log);
    let splits = crate::EntitySplits::of_log(&log);
    // the few entities merged away or split, read before the stream
    let mut merged: std::collections::HashMap<recoupe_core::EntityId, Vec<Entity>> =
        std::collections::HashMap::new();
    for target in merges.targets() {
        let mut of_target = Vec::new();
        for from in merges.merged_into(target) {
            of_target.extend(crate::EntityMerges::stored(store, from)?);
        }
        merged.insert(target, of_target);
    }
    let mut split: std::collections::HashMap<recoupe_core::EntityId, Vec<Entity>> =
        std::collections::HashMap::new();
    for s in recoupe_store::spelling_splits(&log) {
        if split.contains_key(&s.entity) {
            continue;
        }
        if let Some(e) = merges.read(store, s.entity, 0)? {
            let (kept, made) = splits.apply(store, &merges, e, 0)?;
            split.insert(s.entity, std::iter::once(kept).chain(made).collect());
        }
    }
    store.each_entity(|mut e| {
        if merges.is_merged(e.id) {
            return Ok(());
        }
        if let Some(read) = split.remove(&e.id) {
            for r in read.into_iter().filter(|r| filters.keeps_entity(r)) {
                rows.write(entity_row(r))?;
            }
            return Ok(());
        }
        for m in merged.get(&e.id).into_iter().flatten() {
            crate::EntityMerges::absorb(&mut e, m);
        }
        if !filters.keeps_entity(&e) {
            return Ok(());
        }
        rows.write(entity_row(e))
    })?;
    Ok(())
}

/// Two ids (stories, or entities) as the export writes them.
fn ids<T: std::fmt::Display>(pair: [&T; 2]) -> [String; 2] {
    pair.map(|id| id.to_string())
}

/// The entities named in one story's articles, linked among them as the story page links them,
/// the most mentioned first.
fn entities_of_story(store: &Store, filters: &Filters, rows: &mut Rows<'_>) -> Result<()> {
    let Some(id) = filters.story else {
        return Ok(());
    };
    let Some(view) = crate::story_view(store, id, usize::MAX)? else {
        return Ok(());
    };
    let mut entities = view.entities;
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    for e in entities.into_iter().filter(|e| filters.keeps_entity(e)) {
        rows.write(entity_row(e))?;
    }
    Ok(())
}

fn entity_row(e: Entity) -> Vec<Value> {
    vec![
        e.id.to_string().into(),
        serde_name(&e.kind).into(),
        e.name.into(),
        e.mentions.into(),
        e.article_count.into(),
        joined(e.languages.iter().map(|l| l.to_string()), " "),
        joined(e.variants.into_iter(), " | "),
        joined(e.evidence.into_iter(), " | "),
    ]
}

/// The writer of one export: where rows go, the rows written.
struct Rows<'a> {
    table: Table,
    sink: Sink<'a>,
    count: usize,
}

enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Jsonl(&'a mut dyn Write),
    Parquet(Box<columnar::Rows<'a>>),
}

impl<'a> Rows<'a> {
    fn new(table: Table, format: Format, out: &'a mut dyn Write) -> Result<Rows<'a>> {
        let sink = match format {
            Format::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
            Format::Jsonl => Sink::Jsonl(out),
            Format::Parquet => Sink::Parquet(Box::new(columnar::Rows::new(table, out)?)),
        };
        Ok(Rows {
            table,
            sink,
            count: 0,
        })
    }

    fn header(&mut self) -> Result<()> {
        if let Sink::Csv(csv) = &mut self.sink {
            csv.write_record(self.table.columns()).map_err(csv_error)?;
        }
        Ok(())
    }

    /// One row, its cells in the order of the table's columns.
    fn write(&mut self, cells: Vec<Value>) -> Result<()> {
        debug_assert_eq!(cells.len(), self.table.columns().len());
        match &mut self.sink {
            Sink::Csv(csv) => {
                csv.write_record(cells.iter().map(csv_cell))
                    .map_err(csv_error)?;
            }
            Sink::Jsonl(out) => {
                // the keys in the order of the columns (a JSON map would sort them)
                let mut line = String::from("{");
                for (i, (column, cell)) in self.table.columns().iter().zip(&cells).enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    line.push_str(&Value::from(*column).to_string());
                    line.push(':');
                    line.push_str(&cell.to_string());
                }
                line.push_str("}\n");
                out.write_all(line.as_bytes()).map_err(io)?;
            }
            Sink::Parquet(parquet) => parquet.write(cells)?,
        }
        self.count += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<usize> {
        match &mut self.sink {
            Sink::Csv(csv) => csv.flush().map_err(io)?,
            Sink::Jsonl(out) => out.flush().map_err(io)?,
            Sink::Parquet(parquet) => parquet.finish()?,
        }
        Ok(self.count)
    }
}

/// A cell as CSV writes it: text as is, numbers as JSON writes them, nothing for null.
fn csv_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn opt(value: Option<String>) -> Value {
    value.map_or(Value::Null, Value::String)
}

fn joined(items: impl Iterator<Item = String>, separator: &str) -> Value {
    Value::String(items.collect::<Vec<_>>().join(separator))
}

/// A number as the JSON report writes it: whole numbers without a fraction.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Io(e)
}

/// A CSV writer's error: its IO error as it is (a closed pipe stays a closed pipe).
fn csv_error(e: csv::Error) -> StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => StoreError::Io(e),
        other => StoreError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}
