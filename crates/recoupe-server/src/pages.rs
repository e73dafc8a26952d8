//! The web UI: server-rendered HTML (maud escapes every interpolated string), no JavaScript, one
//! stylesheet served by the server. Article text is untrusted: it only ever reaches a page as
//! escaped text. Text blocks carry `dir="auto"` and their language, so Arabic and Hebrew read
//! right to left.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use recoupe_core::stories::Story;
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, ArticleId, Date};
use recoupe_query::display::short;
use recoupe_store::{StoryOrder, StoryRow};

use crate::api::{find_article, story_view, ListQuery};
use crate::{ApiError, AppState, ErrorCode};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(stories_page))
        .route("/stories/{id}", get(story_page))
        .route("/stories/{id}/correct", axum::routing::post(correct_story))
        .route("/articles/{id}", get(article_page))
        .route("/entities/{name}", get(entity_page))
        .route(
            "/entities/{name}/correct",
            axum::routing::post(correct_entity),
        )
        .route("/search", get(search_page))
}

const STYLE: &str = include_str!("style.css");

pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · recoupe" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.top {
                    a.brand href="/" { "recoupe" }
                    nav { a href="/" { "Stories" } " " a href="/?order=largest" { "Largest" } }
                    form.search action="/search" method="get" {
                        input type="search" name="q" placeholder="Search any script…" aria-label="Search";
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
            }
        }
    }
}

pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    let page = layout(
        status.canonical_reason().unwrap_or("Error"),
        html! { h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) } p { (message) } },
    );
    (status, Html(page.into_string())).into_response()
}

/// An API error shown as a page.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0.status, &self.0.message)
    }
}

/// Where an article comes from, for a person: the site, else the file name of a path (the full
/// source is on the article page).
fn source_label(site: Option<&str>, source: &str) -> String {
    if let Some(site) = site.filter(|s| !s.trim().is_empty()) {
        return site.to_string();
    }
    if !source.contains("://") {
        if let Some(name) = source.rsplit('/').next().filter(|n| !n.is_empty()) {
            return name.to_string();
        }
    }
    source.to_string()
}

async fn stories_page(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, PageError> {
    let largest = q.order.as_deref() == Some("largest");
    let offset = q.offset.unwrap_or(0);
    let (rows, total) = state
        .read(move |store| {
            let order = if largest {
                StoryOrder::Largest
            } else {
                StoryOrder::Recent
            };
            Ok((store.stories(order, 50, offset)?, store.story_count()?))
        })
        .await?;
    let heading = if largest {
        "Largest stories"
    } else {
        "Most recent stories"
    };
    let body = html! {
        h1 { (heading) }
        p.meta { (total) " stories" }
        @if rows.is_empty() {
            p { "No stories yet: ingest articles with " code { "recoupe ingest" } " or POST them to " code { "/api/articles" } "." }
        }
        ol.stories {
            @for row in &rows { (story_item(row)) }
        }
        @if offset + rows.len() < total {
            a.more href={ "/?order=" (if largest { "largest" } else { "recent" }) "&offset=" (offset + 50) } { "More stories →" }
        }
    };
    Ok(Html(layout(heading, body).into_string()))
}

fn story_item(row: &StoryRow) -> Markup {
    let langs: Vec<String> = row.languages.iter().map(|l| l.to_string()).collect();
    html! {
        li.story {
            a.title href={ "/stories/" (row.id) } dir="auto" { (short(&row.title, 140)) }
            div.meta {
                span.dates { (recoupe_query::display::date_range(row.start, row.end)) }
                " · " span { (row.size) " article" @if row.size != 1 { "s" } }
                " · " @for l in &langs { span.lang { (l) } " " }
                " · " span.sources { (short(&row.sources.iter().map(|s| source_label(None, s)).collect::<Vec<_>>().join(", "), 120)) }
            }
        }
    }
}

async fn story_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let page = state
        .story_cached(crate::PageKind::Html, id, |store, row| {
            let view = story_view(store, row)?;
            Ok(render_story(row, &view))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response())
}

fn render_story(row: &StoryRow, view: &recoupe_query::StoryView) -> String {
    let story = &view.story;
    let by_id: HashMap<ArticleId, &Analysis> = view.articles.iter().map(|a| (a.id, a)).collect();
    let tag = |id: &ArticleId| -> Markup {
        let a = by_id.get(id);
        let source = a
            .map(|a| source_label(a.site.as_deref(), &a.source))
            .unwrap_or_default();
        let lang = a
            .and_then(|a| a.language)
            .map(|l| l.to_string())
            .unwrap_or_else(|| "??".into());
        html! { a.tag href={ "/articles/" (id) } title=(source) { span.lang { (lang) } " " (short(&source, 28)) } }
    };
    let entity_chips: Vec<&recoupe_core::entities::Entity> = {
        let mut list: Vec<_> = view
            .entities
            .iter()
            .filter(|e| e.kind != recoupe_core::entities::EntityKind::Other)
            .collect();
        list.sort_by_key(|e| std::cmp::Reverse(e.mentions));
        list.truncate(24);
        list
    };
    let body = html! {
        h1 dir="auto" { (story.title) }
        p.meta {
            (recoupe_query::display::date_range(story.start, story.end)) " · " (row.size) " articles · "
            @for l in &story.languages { span.lang { (l.to_string()) } " " }
            " · " (story.sources.len()) " sources"
            @if view.truncated > 0 { " · the first " (story.articles.len()) " are compared" }
        }
        p.downloads {
            "Download: "
            @for (i, table) in ["articles", "quotes", "figures", "entities", "links"].iter().enumerate() {
                @if i > 0 { " · " }
                (table) " ("
                a href=(format!("/api/export/{table}?story={}&format=csv", row.id)) download { "CSV" }
                ", "
                a href=(format!("/api/export/{table}?story={}&format=parquet", row.id)) download { "Parquet" }
                ")"
            }
        }
        @if !entity_chips.is_empty() {
            div.chips {
                @for e in &entity_chips {
                    a.chip.(e.kind.as_str()) href=(entity_href(e)) dir="auto" title=(e.variants.join(" = ")) { (e.name) }
                }
            }
        }
        h2 { "Timeline" }
        (timeline(story, &by_id))
        h2 { "Sources side by side" }
        div.side {
            @for id in &story.articles {
                @if let Some(a) = by_id.get(id) {
                    (article_card(a, story))
                }
            }
        }
        (figures_section(story, &tag))
        (framing_section(story, &tag))
        (quotes_section(story, &tag))
        h2 { "Versions of one dispatch" }
        @if view.links.is_empty() {
            p.meta { "No two articles are versions or translations of each other." }
        } @else {
            @for l in &view.links { (link_block(l, &by_id, &tag)) }
        }
        (joins_section(story, &tag))
        (correction_forms(row, story, &by_id))
    };
    layout(&short(&story.title, 80), body).into_string()
}

/// The forms a desk corrects the story with: move one of its articles, split some of them out
/// into a new story, merge it into another story. Plain HTML forms (no script), sent to `/stories/{id}/correct`; the write token is
/// asked for when the server has one.
fn correction_forms(
    row: &StoryRow,
    story: &Story,
    by_id: &HashMap<ArticleId, &Analysis>,
) -> Markup {
    let action = format!("/stories/{}/correct", row.id);
    html! {
        h2 #correct { "Correct this story" }
        p.meta { "Corrections are kept in a log (who, when, why) and can be undone: "
            code { "recoupe corrections" } ", " code { "/api/corrections" } "." }
        details.correct open {
            summary { "Move an article to another story" }
            form method="post" action=(action) {
                input type="hidden" name="action" value="move";
                label { "Article " select name="article" {
                    @for id in &story.articles {
                        @if let Some(a) = by_id.get(id) {
                            option value=(id) dir="auto" {
                                (a.language.map(|l| l.to_string()).unwrap_or_default()) " · " (short(&a.title, 70))
                            }
                        }
                    }
                } }
                label { "to story " input type="text" name="to" value="new" size="18" required; }
                (who_fields())
                button type="submit" { "Move" }
            }
        }
        details.correct {
            summary { "Split articles out of this story into a new one" }
            form method="post" action=(action) {
                input type="hidden" name="action" value="split";
                fieldset {
                    legend { "Articles that go together to a new story" }
                    @for id in &story.articles {
                        @if let Some(a) = by_id.get(id) {
                            label.pick dir="auto" {
                                input type="checkbox" name="articles" value=(id);
                                " " (a.language.map(|l| l.to_string()).unwrap_or_default()) " · " (short(&a.title, 70))
                            }
                        }
                    }
                }
                (who_fields())
                button type="submit" { "Split" }
            }
        }
        details.correct {
            summary { "Merge this story into another" }
            form method="post" action=(action) {
                input type="hidden" name="action" value="merge";
                label { "into story " input type="text" name="into" size="18" required placeholder="s…"; }
                (who_fields())
                button type="submit" { "Merge" }
            }
        }
    }
}

fn who_fields() -> Markup {
    html! {
        label { "why " input type="text" name="why" size="30"; }
        label { "by " input type="text" name="by" size="12"; }
        label { "token " input type="password" name="token" size="12" autocomplete="off"; }
    }
}

/// What a correction form sends.
#[derive(Default)]
struct CorrectForm {
    action: String,
    article: Option<String>,
    /// The split form's ticked articles (the field repeats).
    articles: Vec<String>,
    to: Option<String>,
    into: Option<String>,
    /// The spelling split out of an entity.
    spelling: Option<String>,
    /// The figure marked wrong, ARTICLE:START.
    figure: Option<String>,
    /// The quote marked wrong, ARTICLE:START.
    quote: Option<String>,
    why: String,
    by: String,
    token: String,
}

impl CorrectForm {
    /// Who made the correction: the form's `by`, else "web".
    fn by_or_web(&self) -> String {
        match self.by.trim() {
            "" => "web".to_string(),
            by => by.to_string(),
        }
    }

    /// The form from its fields as sent (a field may repeat).
    fn of(fields: Vec<(String, String)>) -> CorrectForm {
        let mut form = CorrectForm::default();
        for (name, value) in fields {
            match name.as_str() {
                "action" => form.action = value,
                "article" => form.article = Some(value),
                "articles" => form.articles.push(value),
                "to" => form.to = Some(value),
                "into" => form.into = Some(value),
                "spelling" => form.spelling = Some(value),
                "figure" => form.figure = Some(value),
                "quote" => form.quote = Some(value),
                "why" => form.why = value,
                "by" => form.by = value,
                "token" => form.token = value,
                _ => {}
            }
        }
        form
    }
}

/// A correction form needs the server's write token, when it has one.
fn authorize_form(state: &AppState, form: &CorrectForm) -> Result<(), PageError> {
    if let Some(token) = &state.config().token {
        if form.token != *token {
            return Err(PageError(ApiError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                "this server needs its write token to make corrections",
            )));
        }
    }
    Ok(())
}

/// `POST /stories/{id}/correct`: applies a correction form, then shows the story the article
/// went to (or the story merged into).
async fn correct_story(
    State(state): State<AppState>,
    Path(id): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = CorrectForm::of(fields);
    authorize_form(&state, &form)?;
    let by = form.by_or_web();
    let here = id.clone();
    let entry = state
        .write(move |store, _| {
            let row = crate::api::story_row(store, &id)?;
            let entry = match form.action.as_str() {
                "move" => {
                    let article = form.article.unwrap_or_default();
                    let stored = store
                        .article(&article)?
                        .ok_or_else(|| ApiError::not_found(format!("no article {article}")))?;
                    let to = match form.to.as_deref().map(str::trim) {
                        None | Some("") | Some("new") => None,
                        Some(other) => Some(crate::api::story_row(store, other)?.id),
                    };
                    store.move_article(stored.id, to, &by, form.why.trim())?
                }
                "split" => {
                    let ids = crate::api::articles_of(store, &form.articles)?;
                    store.split_story(row.id, &ids, &by, form.why.trim())?
                }
                "merge" => {
                    let into = form.into.unwrap_or_default();
                    let into = crate::api::story_row(store, into.trim())?.id;
                    store.merge_stories(row.id, into, &by, form.why.trim())?
                }
                "wrong_figure" | "wrong_quote" => {
                    // ARTICLE:START, as the form's options give it
                    let (finding, chosen) = if form.action == "wrong_figure" {
                        (
                            recoupe_store::Finding::Figure,
                            form.figure.unwrap_or_default(),
                        )
                    } else {
                        (
                            recoupe_store::Finding::Quote,
                            form.quote.unwrap_or_default(),
                        )
                    };
                    let (article, start) = chosen
                        .split_once(':')
                        .and_then(|(a, s)| Some((a, s.parse::<usize>().ok()?)))
                        .ok_or_else(|| {
                            ApiError::bad_request(format!("not a {}: {chosen:?}", finding.as_str()))
                        })?;
                    let stored = crate::api::find_article(store, article)?;
                    store.mark_wrong(stored.id, finding, start, &by, form.why.trim())?
                }
                other => return Err(ApiError::bad_request(format!("no correction {other:?}"))),
            };
            Ok(entry)
        })
        .await?;
    let to = entry
        .action
        .stories()
        .last()
        .map_or(here, |s| s.to_string());
    state.forget_corrected(&entry.action);
    Ok(axum::response::Redirect::to(&format!("/stories/{to}")).into_response())
}

/// The figures two articles or more give about one thing, side by side.
fn figures_section(story: &Story, tag: &dyn Fn(&ArticleId) -> Markup) -> Markup {
    html! {
    h2 { "Figures about the same thing" }
    @if story.comparison.figures.is_empty() {
        p.meta { "No figure is given by two articles." }
    } @else {
        table.figures {
            thead { tr { th { "what" } th { "article" } th { "value" } th { "as written" } } }
            @for g in &story.comparison.figures {
                @for (i, f) in g.figures.iter().enumerate() {
                    tr class=(if g.disagree { "disagree" } else { "" }) {
                        @if i == 0 {
                            td rowspan=(g.figures.len()) {
                                (g.counts) @if let Some(e) = g.event { " — " (e) }
                                @if g.disagree { br; strong.flag { "sources disagree" } }
                            }
                        }
                        td { (tag(&f.article)) }
                        td.num { (recoupe_query::display::number(f.value)) }
                        td dir="auto" { (f.text) }
                    }
                }
            }
        }
        details.correct {
            summary { "Mark a figure wrong (the extraction misread it)" }
            form method="post" action={ "/stories/" (story.id) "/correct" } {
                input type="hidden" name="action" value="wrong_figure";
                label { "figure "
                    select name="figure" {
                        @for g in &story.comparison.figures {
                            @for f in &g.figures {
                                option value={ (f.article) ":" (f.start) } { (g.counts) " · " (short_id(&f.article)) " · " (f.text) }
                            }
                        }
                    }
                }
                (who_fields())
                button type="submit" { "Mark wrong" }
            }
            p.meta { "Left out of this comparison, flagged in the exports; undone in the corrections log." }
        }
    }
    }
}

/// The first eight digits of an article's id, as the pages show it.
fn short_id(id: &ArticleId) -> String {
    id.to_string().chars().take(8).collect()
}

/// The words each source uses for the actors.
fn framing_section(story: &Story, tag: &dyn Fn(&ArticleId) -> Markup) -> Markup {
    html! {
    h2 { "How each source names the actors" }
    @if story.comparison.framing.is_empty() {
        p.meta { "No framing words found." }
    } @else {
        table.framing {
            thead { tr { th { "actors" } th { "article" } th { "words used" } } }
            @for f in &story.comparison.framing {
                @for (i, at) in f.by_article.iter().enumerate() {
                    tr {
                        @if i == 0 { td rowspan=(f.by_article.len()) { (f.actor) } }
                        td { (tag(&at.article)) }
                        td dir="auto" {
                            @for t in &at.terms {
                                span class={ "term " (t.tone) } title=(t.tone) { (t.text) @if t.count > 1 { " ×" (t.count) } } " "
                            }
                        }
                    }
                }
            }
        }
        p.meta { span.term.loaded { "marked" } " words are usually read as taking sides." }
    }
    }
}

/// The quotes several articles share, each version with its article.
fn quotes_section(story: &Story, tag: &dyn Fn(&ArticleId) -> Markup) -> Markup {
    html! {
    h2 { "Quotes found in several articles" }
    @if story.comparison.quotes.is_empty() {
        p.meta { "No quote is shared by two articles." }
    } @else {
        @for q in &story.comparison.quotes {
            div.quote {
                p.speaker { (q.speaker.clone().unwrap_or_else(|| "unknown speaker".into())) }
                @for v in &q.versions {
                    blockquote dir="auto" lang=(v.language.map(|l| l.to_string()).unwrap_or_default()) {
                        (v.text) footer { (tag(&v.article)) }
                    }
                }
            }
        }
        details.correct {
            summary { "Mark a quote wrong (words given to the wrong speaker, or not a quote)" }
            form method="post" action={ "/stories/" (story.id) "/correct" } {
                input type="hidden" name="action" value="wrong_quote";
                label { "quote "
                    select name="quote" {
                        @for q in &story.comparison.quotes {
                            @for v in &q.versions {
                                option value={ (v.article) ":" (v.start) } dir="auto" {
                                    (q.speaker.as_deref().unwrap_or("unknown speaker")) " · " (short_id(&v.article)) " · " (recoupe_query::display::short(&v.text, 80))
                                }
                            }
                        }
                    }
                }
                (who_fields())
                button type="submit" { "Mark wrong" }
            }
            p.meta { "Left out of this comparison, flagged in the exports; undone in the corrections log." }
        }
    }
    }
}

/// Why each article joined the story.
fn joins_section(story: &Story, tag: &dyn Fn(&ArticleId) -> Markup) -> Markup {
    html! {
    h2 { "Why each article is in this story" }
    ul.joins {
        @for j in &story.joins {
            li {
                (tag(&j.article))
                @match j.score {
                    None => { " opened the story" }
                    Some(s) => {
                        " joined at " (format!("{s:.2}")) ": "
                        @for e in &j.evidence { span.evidence { (e.signal) " " (format!("{:.2}", e.value)) " — " (e.detail) } " " }
                    }
                }
            }
        }
    }
    }
}

/// The page of an entity: by name (entity ids hold within one linking only).
fn entity_href(e: &recoupe_core::entities::Entity) -> String {
    format!("/entities/{}", percent(&e.name))
}

/// Percent-encodes a path segment.
fn percent(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The story's articles by date (x) and source (one row each): a picture in SVG, no script.
fn timeline(story: &Story, by_id: &HashMap<ArticleId, &Analysis>) -> Markup {
    let mut sources: Vec<String> = Vec::new();
    let mut points: Vec<(i64, usize, ArticleId, String)> = Vec::new();
    for id in &story.articles {
        let Some(a) = by_id.get(id) else { continue };
        let source = source_label(a.site.as_deref(), &a.source);
        let row = match sources.iter().position(|s| *s == source) {
            Some(r) => r,
            None => {
                sources.push(source.clone());
                sources.len() - 1
            }
        };
        if let Some(d) = a.published {
            points.push((
                d.to_days(),
                row,
                *id,
                a.language.map(|l| l.to_string()).unwrap_or_default(),
            ));
        }
    }
    if points.is_empty() {
        return html! { p.meta { "No article of this story is dated." } };
    }
    let min = points.iter().map(|p| p.0).min().unwrap_or(0);
    let max = points.iter().map(|p| p.0).max().unwrap_or(0).max(min + 1);
    let (left, width, row_h) = (220.0, 560.0, 22.0);
    let height = 40.0 + row_h * sources.len() as f64;
    let x = |d: i64| left + (d - min) as f64 / (max - min) as f64 * width;
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (left + width + 40.0) " " (height) } role="img" aria-label="articles by date and source" {
            @for (r, s) in sources.iter().enumerate() {
                text x="4" y=(30.0 + row_h * r as f64 + 4.0) class="src" { (short(s, 32)) }
                line x1=(left) x2=(left + width) y1=(30.0 + row_h * r as f64) y2=(30.0 + row_h * r as f64) class="row" {}
            }
            text x=(left) y="14" class="axis" { (Date::from_days(min).map(|d| d.to_string()).unwrap_or_default()) }
            text x=(left + width) y="14" class="axis" text-anchor="end" { (Date::from_days(max).map(|d| d.to_string()).unwrap_or_default()) }
            @for (d, r, id, lang) in &points {
                a href={ "/articles/" (id) } {
                    circle cx=(x(*d)) cy=(30.0 + row_h * *r as f64) r="6" class="dot" {
                        title { (lang) " " (Date::from_days(*d).map(|d| d.to_string()).unwrap_or_default()) }
                    }
                }
            }
        }
    }
}

fn article_card(a: &Analysis, story: &Story) -> Markup {
    let lang = a.language.map(|l| l.to_string()).unwrap_or_default();
    // the first paragraph that reads as prose (not a dateline or a lone date)
    let paragraphs: Vec<&str> = a
        .paragraphs
        .iter()
        .filter_map(|p| a.text.get(p.start..p.end))
        .collect();
    let first = paragraphs
        .iter()
        .find(|p| p.split_whitespace().count() >= 8)
        .or(paragraphs.first())
        .copied()
        .unwrap_or("")
        .to_string();
    let figures: Vec<&recoupe_core::figures::Figure> = a.figures.iter().take(4).collect();
    let _ = story;
    html! {
        article.card lang=(lang) {
            h3 dir="auto" { a href={ "/articles/" (a.id) } { (short(&a.title, 120)) } }
            p.meta {
                span.lang { (lang) } " "
                (a.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()))
                " · " (source_label(a.site.as_deref(), &a.source))
            }
            p dir="auto" { (short(&first, 320)) }
            @if !figures.is_empty() {
                ul.figs { @for f in figures { li dir="auto" { (f.text) } } }
            }
        }
    }
}

fn link_block(
    l: &Link,
    by_id: &HashMap<ArticleId, &Analysis>,
    tag: &dyn Fn(&ArticleId) -> Markup,
) -> Markup {
    let (Some(a), Some(b)) = (by_id.get(&l.a), by_id.get(&l.b)) else {
        return html! {};
    };
    let para = |article: &Analysis, span: recoupe_core::Span| -> String {
        article
            .text
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string()
    };
    html! {
        details.link open[l.aligned.len() <= 6] {
            summary {
                (tag(&l.a)) " ↔ " (tag(&l.b)) " "
                strong { (l.kind.as_str()) } " (" (format!("{:.2}", l.score)) "), "
                (l.aligned.len()) " paragraphs aligned"
            }
            p.meta { @for e in &l.evidence { span.evidence { (e.signal) ": " (e.detail) } " " } }
            table.aligned {
                @for p in &l.aligned {
                    tr {
                        td dir="auto" lang=(a.language.map(|x| x.to_string()).unwrap_or_default()) { (short(&para(a, p.a_span), 400)) }
                        td dir="auto" lang=(b.language.map(|x| x.to_string()).unwrap_or_default()) { (short(&para(b, p.b_span), 400)) }
                    }
                }
                @for s in &l.a_adds {
                    tr.adds { td dir="auto" { span.flag { "only here" } " " (short(&para(a, *s), 300)) } td {} }
                }
                @for s in &l.b_adds {
                    tr.adds { td {} td dir="auto" { span.flag { "only here" } " " (short(&para(b, *s), 300)) } }
                }
            }
        }
    }
}

async fn article_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let (stored, story) = state
        .read(move |store| {
            let stored = find_article(store, &id)?;
            let story = store.story_of_article(stored.id)?;
            Ok((stored, story))
        })
        .await?;
    // the article read back whole, typed (names, figures and quotes found again in its text)
    let a = stored.analysis();
    let text = &stored.text;
    // spans to highlight: quotes, figures, names (outermost first, no overlaps)
    let mut spans: Vec<(usize, usize, &'static str, String)> = Vec::new();
    // (indirect speech is a whole clause: its names and figures are highlighted, not it)
    for q in a
        .quotes
        .iter()
        .chain(&a.reported_speech)
        .filter(|q| q.kind != recoupe_core::quotes::QuoteKind::Indirect)
    {
        let speaker = q.speaker_name.as_deref().or(q.speaker_text.as_deref());
        let title = match q.kind {
            recoupe_core::quotes::QuoteKind::Direct => {
                format!("said by {}", speaker.unwrap_or("unknown"))
            }
            recoupe_core::quotes::QuoteKind::Partial
            | recoupe_core::quotes::QuoteKind::Indirect => format!(
                "words of {}, quoted in reported speech",
                speaker.unwrap_or("an unknown speaker")
            ),
        };
        if q.parts.is_empty() {
            spans.push((q.start, q.end, "quote", title));
        } else {
            // the quoted parts only, not the attribution between them
            for p in &q.parts {
                spans.push((p.start, p.end, "quote", title.clone()));
            }
        }
    }
    for f in &a.figures {
        let title = format!(
            "{} {}",
            recoupe_query::display::number(f.value),
            f.counts.as_deref().unwrap_or("")
        );
        spans.push((f.start, f.end, "figure", title));
    }
    for m in &a.entities {
        spans.push((m.start, m.end, "entity", m.text.clone()));
    }
    let lang = stored.language.map(|l| l.to_string()).unwrap_or_default();
    let paragraphs: Vec<(usize, usize)> = a.paragraphs.iter().map(|p| (p.start, p.end)).collect();
    let body = html! {
        h1 dir="auto" lang=(lang) { (stored.title) }
        p.meta {
            span.lang { (lang) } " "
            (stored.published.map_or_else(|| "undated".to_string(), |d| d.to_string()))
            @if let Some(basis) = stored.published_basis { " (" (basis.as_str()) ")" }
            " · " (a.site.as_deref().unwrap_or(&stored.source))
            @if let Some(url) = a.url.as_deref() {
                " · " a href=(safe_url(url)) rel="noreferrer nofollow" { "original" }
            }
            @if let Some(s) = story { " · " a href={ "/stories/" (s) } { "its story" } }
        }
        p.legend { span.entity { "names" } " " span.quote { "quotes" } " " span.figure { "figures" } }
        div.text dir="auto" lang=(lang) {
            @for (start, end) in &paragraphs {
                p { (highlight(text, *start, *end, &spans)) }
            }
        }
        (who_said_what(&a, &lang))
        h2 { "Removed from the page" }
        @if a.removed.is_empty() {
            p.meta { "Nothing." }
        } @else {
            table.removed {
                thead { tr { th { "reason" } th { "why" } th { "text" } } }
                @for r in &a.removed {
                    tr {
                        td { (r.reason.as_str()) }
                        td { (r.detail) }
                        td dir="auto" { (short(&r.text, 200)) }
                    }
                }
            }
        }
        p.meta { "Source: " (stored.source) }
    };
    Ok(Html(layout(&short(&stored.title, 80), body).into_string()))
}

/// The article's quotes and reported speech, each with its speaker and how the text gives it.
fn who_said_what(a: &recoupe_core::Analysis, lang: &str) -> Markup {
    use recoupe_core::quotes::QuoteKind;
    let all: Vec<&recoupe_core::quotes::Quote> =
        a.quotes.iter().chain(&a.reported_speech).collect();
    html! {
        h2 { "Who said what" }
        @if all.is_empty() {
            p.meta { "No quote or reported speech found." }
        } @else {
            table.said {
                thead { tr { th { "speaker" } th { "how" } th { "words" } } }
                @for q in &all {
                    tr {
                        td dir="auto" {
                            (q.speaker_name.as_deref().or(q.speaker_text.as_deref()).unwrap_or("unknown"))
                        }
                        td {
                            (match q.kind {
                                QuoteKind::Direct => "quote",
                                QuoteKind::Partial => "words quoted in reported speech",
                                QuoteKind::Indirect => "reported speech",
                            })
                        }
                        td dir="auto" lang=(lang) {
                            @if q.kind == QuoteKind::Indirect {
                                (short(&q.text, 300))
                            } @else {
                                "“" (short(&q.text, 300)) "”"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Only http(s) links are made clickable; anything else (javascript:, data:) becomes "#".
fn safe_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        url.trim().to_string()
    } else {
        "#".to_string()
    }
}

/// One paragraph with its highlighted spans, every piece escaped.
fn highlight(
    text: &str,
    start: usize,
    end: usize,
    spans: &[(usize, usize, &'static str, String)],
) -> Markup {
    let mut inside: Vec<&(usize, usize, &'static str, String)> = spans
        .iter()
        .filter(|(s, e, _, _)| *s >= start && *e <= end && s < e)
        .collect();
    inside.sort_by_key(|(s, e, _, _)| (*s, std::cmp::Reverse(*e)));
    let mut out = String::new();
    let mut at = start;
    for (s, e, class, title) in inside {
        if *s < at || !text.is_char_boundary(*s) || !text.is_char_boundary(*e) {
            continue; // nested or overlapping: the outer one is shown
        }
        out.push_str(&maud::html! { (text.get(at..*s).unwrap_or("")) }.into_string());
        out.push_str(
            &maud::html! { mark class=(class) title=(title) { (text.get(*s..*e).unwrap_or("")) } }
                .into_string(),
        );
        at = *e;
    }
    out.push_str(&maud::html! { (text.get(at..end).unwrap_or("")) }.into_string());
    PreEscaped(out)
}

/// Articles listed on an entity's page (its first ones).
const PAGE_ARTICLES: usize = 100;

async fn entity_page(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Html<String>, PageError> {
    let (entity, articles, split) = state
        .read(move |store| {
            let entity = recoupe_query::entity(store, &name, PAGE_ARTICLES)?
                .ok_or_else(|| ApiError::not_found(format!("no entity named {name:?}")))?;
            // an entity a split made is corrected by undoing the split
            let split = recoupe_query::EntitySplits::of(store)?
                .named_by_id(entity.id)
                .is_some();
            let mut out = Vec::new();
            for id in &entity.articles {
                if let Some(a) = store.article(&id.to_string())? {
                    let story = store.story_of_article(a.id)?;
                    out.push((a, story));
                }
            }
            Ok((entity, out, split))
        })
        .await?;
    let by_script = recoupe_query::spellings_by_script(&entity.variants);
    let body = html! {
        h1 dir="auto" { (entity.name) }
        p.meta { (entity.kind.as_str()) " · " (entity.mentions) " mentions · languages: " (entity.languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")) }
        h2 { "Spellings by script" }
        table.variants {
            @for (script, list) in &by_script {
                tr { th { (script.name()) } td dir="auto" { (list.join(" · ")) } }
            }
        }
        @if !entity.evidence.is_empty() {
            h2 { "Why these spellings are one" }
            ul { @for e in &entity.evidence { li { (e) } } }
        }
        h2 { "Articles" }
        ul.articles {
            @for (a, story) in &articles {
                li {
                    a href={ "/articles/" (a.id) } dir="auto" { (short(&a.title, 120)) }
                    " " span.meta { (a.published.map(|d| d.to_string()).unwrap_or_default()) " " (a.language.map(|l| l.to_string()).unwrap_or_default()) }
                    @if let Some(s) = story { " · " a href={ "/stories/" (s) } { "story" } }
                }
            }
        }
        @if entity.article_count > articles.len() {
            p.meta { "The first " (articles.len()) " of " (entity.article_count) " articles." }
        }
        h2 { "Correct" }
        @if split {
            p.meta { "A spelling split out of another entity by a correction: undo that correction to give it back." }
        } @else {
        details.correct {
            summary { "Merge this entity into another (one actor the linker kept apart)" }
            form method="post" action={ "/entities/" (entity.id) "/correct" } {
                input type="hidden" name="action" value="merge_entities";
                label { "into entity " input type="text" name="into" size="24" required placeholder="a name, a spelling or an id"; }
                (who_fields())
                button type="submit" { "Merge" }
            }
        }
        @if entity.variants.len() > 1 {
            details.correct {
                summary { "Split a spelling out of this entity (a name the linker joined that is another actor)" }
                form method="post" action={ "/entities/" (entity.id) "/correct" } {
                    input type="hidden" name="action" value="split_spelling";
                    label { "spelling " select name="spelling" required {
                        @for v in &entity.variants { option value=(v) dir="auto" { (v) } }
                    } }
                    (who_fields())
                    button type="submit" { "Split" }
                }
            }
        }
        }
        p.meta { "Kept in the corrections log; undone there by its number." }
    };
    Ok(Html(layout(&entity.name, body).into_string()))
}

/// `POST /entities/{id}/correct`: the entity page's merge and split forms; shows the entity
/// merged into, or the one the spelling split out is read as.
async fn correct_entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = CorrectForm::of(fields);
    authorize_form(&state, &form)?;
    let by = form.by_or_web();
    let entry = state
        .write(move |store, _| match form.action.as_str() {
            "merge_entities" => {
                let from = crate::api::entity_named(store, &id)?;
                let into = crate::api::entity_named(store, form.into.as_deref().unwrap_or(""))?;
                Ok(store.merge_entities(from, into, &by, form.why.trim())?)
            }
            "split_spelling" => {
                let entity = crate::api::entity_read_as(store, &id)?;
                let spelling = form.spelling.as_deref().unwrap_or("");
                Ok(store.split_spelling(entity, spelling, &by, form.why.trim())?)
            }
            other => Err(ApiError::bad_request(format!(
                "no correction {other:?} of an entity"
            ))),
        })
        .await?;
    state.forget_corrected(&entry.action);
    let to = match &entry.action {
        recoupe_store::Action::MergeEntities { into, .. } => into.to_string(),
        recoupe_store::Action::SplitSpelling { to, .. } => to.to_string(),
        _ => String::new(),
    };
    Ok(axum::response::Redirect::to(&format!("/entities/{to}")).into_response())
}

async fn search_page(
    State(state): State<AppState>,
    Query(params): Query<crate::api::SearchParams>,
) -> Result<Html<String>, PageError> {
    let shown = [
        params.q.clone().unwrap_or_default(),
        params.lang.clone().unwrap_or_default(),
        params.since.clone().unwrap_or_default(),
        params.until.clone().unwrap_or_default(),
        params.source.clone().unwrap_or_default(),
        params.entity.clone().unwrap_or_default(),
        params.story.clone().unwrap_or_default(),
    ];
    let [query, lang, since, until, source, entity, story] = &shown;
    let results = if query.trim().is_empty() {
        None
    } else {
        Some(
            state
                .read(move |store| {
                    let request = params.request(store, 50)?;
                    Ok(recoupe_query::search(store, &request)?)
                })
                .await?,
        )
    };
    let body = html! {
        h1 { "Search" }
        form.search-big action="/search" method="get" {
            input type="search" name="q" value=(query) dir="auto" aria-label="Search";
            button type="submit" { "Search" }
            div.filters {
                label { "Language " input type="text" name="lang" value=(lang) size="3" placeholder="fr"; }
                label { "From " input type="date" name="since" value=(since); }
                label { "to " input type="date" name="until" value=(until); }
                label { "Source " input type="text" name="source" value=(source) size="14"; }
                label { "Entity " input type="text" name="entity" value=(entity) size="14" dir="auto"; }
                label { "Story " input type="text" name="story" value=(story) size="10"; }
            }
        }
        p.meta.syntax { "Words must all match; \"a phrase\", word* for a prefix, OR, NOT or -word. A name also finds its other spellings." }
        @if let Some(results) = &results {
            @for also in &results.also {
                p.also dir="auto" { (also.typed) " → also " (also.spellings.join(", ")) }
            }
            p.meta { (results.hits.len()) " articles" @if results.hits.len() == 50 { " (the first 50)" } }
            ol.hits {
                @for h in &results.hits {
                    li {
                        a href={ "/articles/" (h.id) } dir="auto" { (h.title) }
                        " " span.meta { (h.published.map(|d| d.to_string()).unwrap_or_default()) " " (h.language.map(|l| l.to_string()).unwrap_or_default()) }
                        p.snippet dir="auto" { (snippet(&h.snippet)) }
                    }
                }
            }
        }
    };
    Ok(Html(layout("Search", body).into_string()))
}

/// The store marks matches with [brackets]: shown as <mark>, the rest escaped.
fn snippet(text: &str) -> Markup {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        out.push_str(&html! { (&rest[..open]) }.into_string());
        out.push_str(&html! { mark { (&rest[open + 1..open + close]) } }.into_string());
        rest = &rest[open + close + 1..];
    }
    out.push_str(&html! { (rest) }.into_string());
    PreEscaped(out)
}
