//! A fast main-text extractor: one linear scan of the tags builds a flat list of elements and of
//! text blocks, then Readability's scoring picks the element that holds the article.
//!
//! The scan never builds a DOM, so cost is linear in the page and nesting depth is harmless.
//! Scoring, as in Readability: every block of 25 characters or more scores 1, plus its commas,
//! plus one per 100 characters (at most 3); the score goes to the block's element and half to the
//! grandparent. Elements start from a weight read from their tag and their class/id (article,
//! content, story … up; comment, share, related, sidebar … down) and end multiplied by one minus
//! their link density. The best element and its good siblings are the article; navigation,
//! headers, footers, asides, forms and figure captions inside are left out.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use recoupe_core::{Date, Lang};

/// What the extractor found on a page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub title: String,
    /// Paragraphs separated by line breaks.
    pub body: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub language: Option<Lang>,
    /// What the extractor noticed (a cap reached).
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Starts a new block of text (p, div, li, h2…).
    Block,
    /// Text flows through it (a, span, b…).
    Inline,
    /// Never article text (button, figcaption, hidden…): skipped with all it holds.
    Excluded,
    /// Furniture by its tag or class (nav, footer, aside, header, "sidebar", "share"…): dropped
    /// after the scan unless it holds most of the page's text (then it is a page wrapper).
    Doubtful,
}

struct Element {
    name: String,
    parent: Option<usize>,
    kind: Kind,
    /// Class/id and tag weight (Readability's).
    weight: f32,
    /// The class/id part of the weight alone.
    class_bonus: f32,
    /// Class or id names a byline or an author.
    byline_class: bool,
    /// Some ancestor (or itself) is excluded.
    excluded: bool,
    score: f32,
    scored: bool,
    text_chars: usize,
    link_chars: usize,
    /// `<article>` or marked `articleBody`: where the page says its article is
    marked_article: bool,
}

struct Block {
    element: usize,
    text: String,
    link_chars: usize,
    heading: bool,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "blockquote",
    "pre",
    "article",
    "section",
    "main",
    "dd",
    "dt",
    "dl",
    "center",
    "body",
    "html",
    "form",
];
const DOUBTFUL_TAGS: &[&str] = &["nav", "footer", "aside", "header", "menu"];
const EXCLUDED_TAGS: &[&str] = &[
    "button",
    "select",
    "textarea",
    "figcaption",
    "dialog",
    "script",
    "style",
    "noscript",
    "svg",
    "iframe",
    "template",
    "head",
    "title",
    "object",
    "embed",
    "canvas",
    "audio",
    "video",
    "label",
    "input",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "sidebar",
    "footer",
    "footnote",
    "masthead",
    "promo",
    "sponsor",
    "widget",
    "newsletter",
    "subscribe",
    "cookie",
    "popup",
    "modal",
    "advert",
    "banner",
    "breadcrumb",
    "menu",
    "nav",
    "tags",
    "tool",
    "shopping",
    "outbrain",
    "taboola",
    "recommend",
    "signup",
    "login",
    "byline",
    "caption",
    "credit",
    "hidden",
    "gdpr",
    "disqus",
    "pagination",
    "pager",
    "more-",
    "trending",
    "popular",
    "teaser",
    "meta",
    "author",
    "timestamp",
    "dateline",
    "published",
    "print",
    "rating",
];
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "post", "text", "story", "blog",
    "prose",
];
/// Class/id patterns for whole sections that are never the article (unless they also look like it).
const UNLIKELY: &[&str] = &[
    "comment",
    "disqus",
    "related",
    "sidebar",
    "social",
    "share",
    "sponsor",
    "newsletter",
    "cookie",
    "gdpr",
    "breadcrumb",
    "footer",
    "menu",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "recommend",
    "trending",
    "subscribe",
    "promo",
    "advert",
    "banner",
    "gallery",
    "slideshow",
    "carousel",
];

fn class_weight(class_and_id: &str) -> f32 {
    if class_and_id.is_empty() {
        return 0.0;
    }
    let mut weight = 0.0;
    if any_of(class_and_id, &CLASS_PATTERNS.negative) {
        weight -= 25.0;
    }
    if any_of(class_and_id, &CLASS_PATTERNS.positive) {
        weight += 25.0;
    }
    weight
}

fn tag_weight(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Collected `<meta>`, JSON-LD and other metadata, best source first when read.
#[derive(Default)]
struct Meta {
    og_title: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    site: Option<String>,
    author: Option<String>,
    published: Option<Date>,
    updated: Option<Date>,
    time_element: Option<Date>,
    lang: Option<Lang>,
    url: Option<String>,
    json_ld: Vec<String>,
}

/// Attribute value of `name` in a tag's inside (`a href="x" class=y`), entity-decoded.
fn attribute(tag: &str, lower_tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = find(&lower_tag[from..], name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = at == 0 || lower_tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower_tag[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        let quoted = value.chars().next().filter(|c| *c == '"' || *c == '\'');
        let raw = match quoted {
            Some(q) => value[1..].split(q).next().unwrap_or(""),
            None => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(crate::charref::decode_entities(raw));
    }
    None
}

fn date_of(value: &str) -> Option<Date> {
    Date::parse_iso(value.trim().get(..10)?)
}

/// Extracts the main text and metadata of a page. Never fails: a page with no text gives an
/// empty body.
pub fn extract(html: &str, max_elements: usize) -> Page {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut scan = Scan::new(max_elements);
    let mut i = 0;
    while i < bytes.len() {
        let Some(offset) = lower[i..].find('<') else {
            scan.text(&html[i..]);
            break;
        };
        let at = i + offset;
        if at > i && !scan.in_excluded() {
            scan.text(&html[i..at]);
        }
        if lower[at..].starts_with("<!--") {
            i = lower[at + 4..]
                .find("-->")
                .map_or(bytes.len(), |e| at + 4 + e + 3);
            continue;
        }
        let Some(tag_end) = end_of_tag(bytes, at) else {
            break;
        };
        let inside = &html[at + 1..tag_end - 1];
        let lower_inside = &lower[at + 1..tag_end - 1];
        i = tag_end;
        if inside.starts_with('!') || inside.starts_with('?') {
            continue;
        }
        let closing = inside.starts_with('/');
        let name: String = lower_inside
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            continue;
        }
        if closing {
            scan.close(&name);
        } else if RAW_TEXT.contains(&name.as_str()) {
            i = scan.raw_text(html, &lower, &name, lower_inside, tag_end);
        } else {
            scan.open(name, inside, lower_inside);
        }
    }
    scan.flush();
    let Scan {
        mut elements,
        blocks,
        meta,
        capped,
        ..
    } = scan;
    let (body, byline) = choose_article(&mut elements, &blocks);
    let mut page = finish(meta, body);
    if page.byline.is_none() {
        page.byline = byline.map(|b| clean_byline(&b));
    }
    if capped {
        page.notes.push(format!("more than {max_elements} HTML elements (--max-html-elements): the rest read as plain text"));
    }
    page
}

/// Where the tag opening at `at` ends (just past its `>`): a `>` inside a quoted attribute value
/// does not end it (`data-x="{&quot;caption&quot;:&quot;<p></p>&quot;}"`). A quote that never
/// closes falls back to the first `>`, so a broken tag cannot swallow the page.
fn end_of_tag(bytes: &[u8], at: usize) -> Option<usize> {
    let first = at + memchr::memchr(b'>', &bytes[at..])?;
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i + 1),
            b'=' => {
                let mut v = i + 1;
                while v < bytes.len() && bytes[v].is_ascii_whitespace() {
                    v += 1;
                }
                match bytes.get(v) {
                    Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[v + 1..]) {
                        Some(close) => i = v + 1 + close + 1,
                        None => return Some(first + 1),
                    },
                    _ => i = v,
                }
            }
            _ => i += 1,
        }
    }
    Some(first + 1)
}

/// Elements whose content is not markup: JSON-LD is read from them, the rest skipped.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "noscript", "template", "svg", "iframe",
];

/// The state of one pass over a page's tags: the elements open and read, the text blocks and
/// the metadata found so far.
struct Scan {
    elements: Vec<Element>,
    /// the elements open, innermost last
    stack: Vec<usize>,
    blocks: Vec<Block>,
    meta: Meta,
    /// the text of the block being filled, and how much of it is link text
    current: String,
    current_links: usize,
    link_depth: usize,
    in_h1: Option<String>,
    max_elements: usize,
    capped: bool,
    /// class/id verdicts (weight, unlikely), memoised: pages repeat the same classes many times
    class_verdicts: std::collections::HashMap<String, (f32, bool)>,
}

impl Scan {
    fn new(max_elements: usize) -> Scan {
        Scan {
            elements: Vec::new(),
            stack: Vec::new(),
            blocks: Vec::new(),
            meta: Meta::default(),
            current: String::new(),
            current_links: 0,
            link_depth: 0,
            in_h1: None,
            max_elements,
            capped: false,
            class_verdicts: std::collections::HashMap::new(),
        }
    }

    fn in_excluded(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|e| self.elements[*e].excluded)
    }

    fn text(&mut self, text: &str) {
        append_text(
            &mut self.current,
            text,
            self.link_depth > 0,
            &mut self.current_links,
            &mut self.in_h1,
        );
    }

    /// Ends the block being filled: its text goes to the innermost open block element, unless
    /// that one is excluded.
    fn flush(&mut self) {
        let text = self
            .current
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.current.clear();
        let links = std::mem::take(&mut self.current_links);
        if text.is_empty() {
            return;
        }
        let elements = &self.elements;
        let Some(&element) = self
            .stack
            .iter()
            .rev()
            .find(|e| matches!(elements[**e].kind, Kind::Block | Kind::Doubtful))
        else {
            return;
        };
        if elements[element].excluded {
            return;
        }
        let heading = matches!(
            elements[element].name.as_str(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        );
        self.blocks.push(Block {
            element,
            text,
            link_chars: links,
            heading,
        });
    }

    /// A closing tag: up to the matching open element, if any is open.
    fn close(&mut self, name: &str) {
        if name == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
            return;
        }
        if name == "h1" {
            if let Some(text) = self.in_h1.take() {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if self.meta.h1.is_none() && !text.is_empty() {
                    self.meta.h1 = Some(text);
                }
            }
        }
        let elements = &self.elements;
        if let Some(pos) = self.stack.iter().rposition(|e| elements[*e].name == name) {
            if elements[self.stack[pos]].kind != Kind::Inline {
                self.flush();
            }
            self.stack.truncate(pos);
        }
    }

    /// A raw-text element opening at `tag_end`: JSON-LD and the title read; gives where the
    /// scan goes on (after its closing tag).
    fn raw_text(
        &mut self,
        html: &str,
        lower: &str,
        name: &str,
        lower_inside: &str,
        tag_end: usize,
    ) -> usize {
        let close = format!("</{name}");
        let content_end = lower[tag_end..]
            .find(&close)
            .map_or(html.len(), |e| tag_end + e);
        let content = &html[tag_end..content_end];
        if name == "script" && lower_inside.contains("ld+json") && content.len() < 1_000_000 {
            self.meta.json_ld.push(content.to_string());
        }
        if name == "title" && self.meta.title_tag.is_none() {
            let text = crate::charref::decode_entities(content)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                self.meta.title_tag = Some(text);
            }
        }
        lower[content_end..]
            .find('>')
            .map_or(html.len(), |e| content_end + e + 1)
    }

    /// An opening tag: the metadata it carries, then the element it opens (a link, a void
    /// element and elements past the cap open none).
    fn open(&mut self, name: String, inside: &str, lower_inside: &str) {
        let meta = &mut self.meta;
        match name.as_str() {
            "meta" => read_meta(inside, lower_inside, meta),
            "html" => {
                if let Some(lang) = attribute(inside, lower_inside, "lang") {
                    meta.lang = meta.lang.or(Lang::parse(&lang));
                }
            }
            "link" if lower_inside.contains("canonical") => {
                meta.url = meta
                    .url
                    .take()
                    .or_else(|| attribute(inside, lower_inside, "href"));
            }
            "time" if meta.time_element.is_none() => {
                meta.time_element =
                    attribute(inside, lower_inside, "datetime").and_then(|d| date_of(&d));
            }
            "br" => self.current.push('\n'),
            _ => {}
        }
        if name == "a" && !inside.ends_with('/') {
            self.link_depth += 1;
            return;
        }
        if VOID.contains(&name.as_str()) || inside.ends_with('/') {
            return;
        }
        if self.elements.len() >= self.max_elements {
            self.capped = true;
            return;
        }
        if name == "h1" {
            self.in_h1 = Some(String::new());
        }
        let element = self.element(name, inside, lower_inside);
        if element.kind != Kind::Inline {
            self.flush();
            // an open <p> closes when a block starts (as browsers do)
            if let Some(&top) = self.stack.last() {
                if self.elements[top].name == "p" && element.name != "span" {
                    self.stack.pop();
                }
            }
        }
        let parent = self.stack.last().copied();
        let excluded =
            element.kind == Kind::Excluded || parent.is_some_and(|p| self.elements[p].excluded);
        self.elements.push(Element {
            parent,
            excluded,
            ..element
        });
        self.stack.push(self.elements.len() - 1);
        if self.stack.len() > 4096 {
            // pathological nesting: stop descending, keep what was read
            self.stack.truncate(4096);
        }
    }

    /// What the tag says its element is: its kind (by tag, class, id, role, visibility) and
    /// weight; not yet placed among the others.
    fn element(&mut self, name: String, inside: &str, lower_inside: &str) -> Element {
        let class_and_id = format!(
            "{} {}",
            attribute(inside, lower_inside, "class").unwrap_or_default(),
            attribute(inside, lower_inside, "id").unwrap_or_default()
        )
        .to_ascii_lowercase();
        let role = attribute(inside, lower_inside, "role").unwrap_or_default();
        // The page's own frame is never judged by its class: `<body class="menu-dropdown">`.
        let frame = matches!(name.as_str(), "html" | "body" | "main" | "article");
        // hidden as browsers and screen readers hide it (Readability's `_isProbablyVisible`)
        let hidden = has_hidden_attribute(lower_inside)
            || has(lower_inside, "display:none")
            || has(lower_inside, "display: none")
            || has(lower_inside, "visibility:hidden")
            || has(lower_inside, "visibility: hidden")
            || has(lower_inside, "aria-hidden=\"true\"");
        let (class_bonus, unlikely) = match self.class_verdicts.get(&class_and_id) {
            Some(verdict) => *verdict,
            None => {
                let verdict = (
                    class_weight(&class_and_id),
                    any_of(&class_and_id, &CLASS_PATTERNS.unlikely)
                        && !any_of(&class_and_id, &CLASS_PATTERNS.positive),
                );
                if self.class_verdicts.len() < 10_000 {
                    self.class_verdicts.insert(class_and_id.clone(), verdict);
                }
                verdict
            }
        };
        let by_role = matches!(
            role.as_str(),
            "navigation" | "complementary" | "banner" | "contentinfo" | "dialog" | "menu"
        );
        let kind = if EXCLUDED_TAGS.contains(&name.as_str()) || (!frame && hidden) {
            Kind::Excluded
        } else if DOUBTFUL_TAGS.contains(&name.as_str()) || (!frame && (unlikely || by_role)) {
            Kind::Doubtful
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            Kind::Block
        } else {
            Kind::Inline
        };
        let marked_article = name == "article" || has(lower_inside, "articlebody");
        Element {
            marked_article,
            byline_class: has(&class_and_id, "byline") || has(&class_and_id, "author"),
            class_bonus,
            weight: class_bonus
                + tag_weight(&name)
                + if has(lower_inside, "articlebody") {
                    50.0
                } else {
                    0.0
                },
            name,
            parent: None,
            kind,
            excluded: false,
            score: 0.0,
            scored: false,
            text_chars: 0,
            link_chars: 0,
        }
    }
}

/// The class and id patterns, each compiled once into a substring searcher: a page has dozens of
/// distinct classes, each looked for ninety patterns (`str::contains` built a searcher per
/// pattern and class: a quarter of an HTML page's extraction, callgrind on the ScrapingHub pages).
struct ClassPatterns {
    negative: Vec<Finder<'static>>,
    positive: Vec<Finder<'static>>,
    unlikely: Vec<Finder<'static>>,
}

static CLASS_PATTERNS: LazyLock<ClassPatterns> = LazyLock::new(|| {
    let compile = |list: &'static [&'static str]| list.iter().map(Finder::new).collect();
    ClassPatterns {
        negative: compile(NEGATIVE),
        positive: compile(POSITIVE),
        unlikely: compile(UNLIKELY),
    }
});

fn any_of(hay: &str, patterns: &[Finder<'static>]) -> bool {
    patterns.iter().any(|f| f.find(hay.as_bytes()).is_some())
}

/// Where `needle` first occurs in `hay`. Mostly the inside of one tag, a few dozen bytes: there
/// a plain scan costs less than building a searcher (`str::find`, `memmem::find`).
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    if hay.len() > 96 {
        return memchr::memmem::find(hay, needle);
    }
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start).find(|&i| hay[i] == first && hay[i + 1..].starts_with(rest))
}

fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The boolean `hidden` attribute (not a class such as `hidden-xs`).
fn has_hidden_attribute(lower_inside: &str) -> bool {
    let mut from = 0;
    while let Some(found) = find(&lower_inside[from..], " hidden") {
        let at = from + found;
        let after = lower_inside[at + 7..].chars().next();
        if matches!(after, None | Some(' ' | '=' | '/' | '>' | '\t' | '\n')) {
            return true;
        }
        from = at + 1;
    }
    false
}

fn append_text(
    current: &mut String,
    raw: &str,
    in_link: bool,
    links: &mut usize,
    h1: &mut Option<String>,
) {
    let text = if raw.contains('&') {
        crate::charref::decode_entities(raw)
    } else {
        raw.to_string()
    };
    if in_link {
        *links += text.chars().filter(|c| !c.is_whitespace()).count();
    }
    if let Some(h1) = h1 {
        h1.push_str(&text);
    }
    current.push_str(&text);
}

fn read_meta(inside: &str, lower: &str, meta: &mut Meta) {
    let key = attribute(inside, lower, "property")
        .or_else(|| attribute(inside, lower, "name"))
        .or_else(|| attribute(inside, lower, "itemprop"))
        .or_else(|| attribute(inside, lower, "http-equiv"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let Some(content) = attribute(inside, lower, "content") else {
        return;
    };
    let content = content.trim().to_string();
    if content.is_empty() {
        return;
    }
    match key.as_str() {
        "og:title" | "twitter:title" => meta.og_title = meta.og_title.take().or(Some(content)),
        "og:site_name" | "application-name" => meta.site = meta.site.take().or(Some(content)),
        "author" | "article:author" | "dc.creator" | "byl" | "sailthru.author"
        | "parsely-author"
            if !content.starts_with("http") =>
        {
            meta.author = meta.author.take().or(Some(clean_byline(&content)));
        }
        "article:published_time"
        | "og:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "dc.date.issued"
        | "dc.date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "publish-date" => {
            meta.published = meta.published.or_else(|| date_of(&content));
        }
        "article:modified_time"
        | "og:updated_time"
        | "datemodified"
        | "last-modified"
        | "dc.date.modified" => {
            meta.updated = meta.updated.or_else(|| date_of(&content));
        }
        "og:url" => meta.url = meta.url.take().or(Some(content)),
        "og:locale" | "content-language" | "language" => {
            meta.lang = meta.lang.or_else(|| Lang::parse(&content))
        }
        _ => {}
    }
}

/// Scores the elements and returns the article's paragraphs, one per line.
fn choose_article(elements: &mut [Element], blocks: &[Block]) -> (String, Option<String>) {
    let page_chars = sum_up(elements, blocks);
    exclude_furniture(elements, page_chars);
    let blocks: Vec<&Block> = blocks
        .iter()
        .filter(|b| !elements[b.element].excluded)
        .collect();
    score(elements, &blocks);
    let Some((top, top_score)) = best_candidate(elements) else {
        // No element scores: the page's own text, less its links; all of it when links are all
        // it has (a page wrapped in one link must not come out empty).
        let prose: Vec<&str> = blocks
            .iter()
            .filter(|b| b.link_chars * 2 < b.text.chars().count())
            .map(|b| b.text.as_str())
            .collect();
        let chosen = if prose.iter().all(|t| t.trim().is_empty()) {
            blocks.iter().map(|b| b.text.as_str()).collect()
        } else {
            prose
        };
        return (chosen.join("\n"), None);
    };
    gather(elements, &blocks, top, top_score)
}

/// Each block's text and link amounts added up the chain of its ancestors; gives the page's
/// characters.
fn sum_up(elements: &mut [Element], blocks: &[Block]) -> usize {
    let page_chars: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
    for block in blocks {
        let chars = block.text.chars().count();
        let mut at = Some(block.element);
        let mut hops = 0;
        while let Some(e) = at {
            elements[e].text_chars += chars;
            elements[e].link_chars += block.link_chars;
            at = elements[e].parent;
            hops += 1;
            if hops > 64 {
                break;
            }
        }
    }
    page_chars
}

/// Doubtful elements holding less than half the page's text are furniture, unless their class
/// alone made them doubtful and they hold a marked article of real length (a page that shows its
/// story in a "modal" layer); exclusion flows down to everything inside (parents come before
/// children in `elements`).
fn exclude_furniture(elements: &mut [Element], page_chars: usize) {
    let mut holds_article = vec![false; elements.len()];
    for index in 0..elements.len() {
        let e = &elements[index];
        if e.marked_article && e.text_chars >= 1000 && e.link_chars * 4 < e.text_chars {
            let mut at = Some(index);
            for _ in 0..256 {
                let Some(a) = at else { break };
                holds_article[a] = true;
                at = elements[a].parent;
            }
        }
    }
    for index in 0..elements.len() {
        let by_tag = DOUBTFUL_TAGS.contains(&elements[index].name.as_str());
        let doubtful_furniture = elements[index].kind == Kind::Doubtful
            && elements[index].text_chars * 2 < page_chars
            && (by_tag || !holds_article[index]);
        let parent_excluded = elements[index].parent.is_some_and(|p| elements[p].excluded);
        if doubtful_furniture || parent_excluded {
            elements[index].excluded = true;
        }
    }
}

/// Readability's scores: each paragraph of 25 characters or more scores by its commas and
/// length, less its links, for its element, half for the parent, a quarter for the grandparent.
fn score(elements: &mut [Element], blocks: &[&Block]) {
    for block in blocks {
        let chars = block.text.chars().count();
        if chars < 25 || block.heading {
            continue;
        }
        // Commas are capped: a list of 2,000 names is not 2,000 times an article's paragraph.
        let commas = block.text.matches([',', '،', '，']).count().min(10) as f32;
        let own_links = (block.link_chars as f32 / chars as f32).min(1.0);
        let score = (1.0 + commas + (chars as f32 / 100.0).min(3.0)) * (1.0 - own_links);
        // Readability's shares: the element in full, its parent half, then a third of that
        // per level, up to five levels
        let mut target = Some(block.element);
        for share in [1.0, 0.5, 1.0 / 6.0, 1.0 / 9.0, 1.0 / 12.0] {
            let Some(t) = target else { break };
            target = elements[t].parent;
            if elements[t].excluded {
                continue;
            }
            if !elements[t].scored {
                elements[t].scored = true;
                elements[t].score = elements[t].weight;
            }
            elements[t].score += score * share;
        }
    }
}

/// An element's final score: what it earned, a class bonus in full only for an element holding
/// a real amount of text (a teaser box of 150 characters classed "item-content" is not the
/// article), less its share of link text.
fn final_score(e: &Element) -> f32 {
    let density = if e.text_chars == 0 {
        0.0
    } else {
        e.link_chars as f32 / e.text_chars as f32
    };
    let bonus = e.weight.max(0.0);
    let earned = e.score - bonus * (1.0 - (e.text_chars as f32 / 500.0).min(1.0));
    earned * (1.0 - density)
}

/// The element that holds the article, and the best final score: the best element, else the
/// ancestor that holds at least two more of the close candidates (an article cut into several
/// boxes, Readability's rule); a lone paragraph gives its container.
fn best_candidate(elements: &[Element]) -> Option<(usize, f32)> {
    let (top, top_score) = elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.scored && !e.excluded && matches!(e.kind, Kind::Block | Kind::Doubtful))
        .map(|(i, e)| (i, final_score(e)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    let close: Vec<usize> = elements
        .iter()
        .enumerate()
        .filter(|(i, e)| *i != top && e.scored && !e.excluded && final_score(e) >= 0.75 * top_score)
        .map(|(i, _)| i)
        .take(32)
        .collect();
    let mut chosen = top;
    if close.len() >= 2 {
        let mut ancestor = elements[top].parent;
        for _ in 0..64 {
            let Some(a) = ancestor else { break };
            if elements[a].name == "body" || elements[a].name == "html" {
                break;
            }
            let holding = close.iter().filter(|c| is_inside(elements, **c, a)).count();
            if holding >= 2 {
                chosen = a;
                break;
            }
            ancestor = elements[a].parent;
        }
    }
    let mut chosen = if elements[chosen].name == "p" {
        elements[chosen].parent.unwrap_or(chosen)
    } else {
        chosen
    };
    // An only child stands for its parent (Readability's rule): the article's other boxes are
    // siblings further up.
    let mut children = vec![0u32; elements.len()];
    for e in elements {
        if let Some(p) = e.parent {
            children[p] += 1;
        }
    }
    for _ in 0..64 {
        match elements[chosen].parent {
            Some(p)
                if children[p] == 1 && !matches!(elements[p].name.as_str(), "body" | "html") =>
            {
                chosen = p;
            }
            _ => break,
        }
    }
    Some((chosen, top_score))
}

/// The article's text: the blocks inside `top`, and those of its siblings that score well or
/// read as prose; short lines classed as furniture left out, the first signed one kept as the
/// byline.
fn gather(
    elements: &[Element],
    blocks: &[&Block],
    top: usize,
    top_score: f32,
) -> (String, Option<String>) {
    let parent = elements[top].parent;
    let threshold = (top_score * 0.2).max(10.0);
    let sibling_root = |e: usize| -> Option<usize> {
        // the ancestor of `e` whose parent is `parent` (a sibling subtree of the top candidate)
        let mut at = e;
        for _ in 0..256 {
            let up = elements[at].parent;
            if up == parent {
                return Some(at);
            }
            at = up?;
        }
        None
    };
    let mut out: Vec<&str> = Vec::new();
    let mut byline: Option<String> = None;
    for block in blocks {
        let chars = block.text.chars().count();
        let keep = if is_inside(elements, block.element, top) {
            true
        } else if let Some(root) = parent.and(sibling_root(block.element)) {
            let sibling = &elements[root];
            let sibling_score = final_score(sibling);
            (sibling.scored && sibling_score >= threshold)
                || (chars > 80
                    && block.link_chars * 4 < chars
                    && block
                        .text
                        .trim_end()
                        .ends_with(['.', '!', '?', '»', '"', '”', '。', '؟']))
        } else {
            false
        };
        if !keep || (block.link_chars * 2 > chars && chars < 200) {
            continue;
        }
        // a short line in an element classed as furniture: a byline, a date line, a credit
        let element = &elements[block.element];
        if element.class_bonus < 0.0 && chars < 120 {
            let signed = ["By ", "Par ", "Von ", "Por ", "Автор", "بقلم"]
                .iter()
                .any(|p| block.text.starts_with(p));
            if (element.byline_class || signed) && byline.is_none() {
                byline = Some(block.text.clone());
            }
            continue;
        }
        out.push(&block.text);
    }
    (out.join("\n"), byline)
}

/// `e` is `root` or lies inside it.
fn is_inside(elements: &[Element], mut e: usize, root: usize) -> bool {
    for _ in 0..256 {
        if e == root {
            return true;
        }
        match elements[e].parent {
            Some(p) => e = p,
            None => return false,
        }
    }
    false
}

/// "By Sarah Collins · July 9, 2025" → "Sarah Collins".
fn clean_byline(line: &str) -> String {
    let line = line.split(['·', '|', '•']).next().unwrap_or(line).trim();
    for prefix in [
        "By ",
        "by ",
        "Par ",
        "par ",
        "Von ",
        "von ",
        "Por ",
        "por ",
        "Di ",
        "Автор: ",
        "Автор ",
        "بقلم ",
    ] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    line.to_string()
}

fn finish(mut meta: Meta, body: String) -> Page {
    for json in std::mem::take(&mut meta.json_ld) {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
            read_json_ld(&value, &mut meta, 0);
        }
    }
    let title = meta
        .og_title
        .clone()
        .or(meta.title_tag.clone())
        .or(meta.h1.clone())
        .unwrap_or_default();
    // "Headline | Site" / "Headline - Site": keep the headline part when the h1 or og:title
    // confirms it, or when the suffix is the site's name
    let title = strip_site_suffix(&title, meta.site.as_deref(), meta.h1.as_deref());
    Page {
        title,
        body,
        byline: meta.author,
        site: meta.site,
        url: meta.url,
        published: meta.published.or(meta.time_element),
        updated: meta.updated,
        language: meta.lang,
        notes: Vec::new(),
    }
}

fn strip_site_suffix(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    if let Some(h1) = h1 {
        if !h1.is_empty() && title.starts_with(h1) {
            return h1.to_string();
        }
    }
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim();
            if site.is_some_and(|s| {
                s.eq_ignore_ascii_case(tail) || tail.to_lowercase().contains(&s.to_lowercase())
            }) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

fn read_json_ld(value: &serde_json::Value, meta: &mut Meta, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| read_json_ld(v, meta, depth + 1)),
        Value::Object(object) => {
            if let Some(graph) = object.get("@graph") {
                read_json_ld(graph, meta, depth + 1);
            }
            let kind = object
                .get("@type")
                .map(|t| t.to_string().to_lowercase())
                .unwrap_or_default();
            let article_like = ["article", "posting", "report", "blog"]
                .iter()
                .any(|k| kind.contains(k));
            if !article_like {
                return;
            }
            if let Some(date) = object
                .get("datePublished")
                .and_then(Value::as_str)
                .and_then(date_of)
            {
                meta.published = meta.published.or(Some(date));
            }
            if let Some(date) = object
                .get("dateModified")
                .and_then(Value::as_str)
                .and_then(date_of)
            {
                meta.updated = meta.updated.or(Some(date));
            }
            if meta.og_title.is_none() {
                meta.og_title = object
                    .get("headline")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if meta.author.is_none() {
                meta.author = author_name(object.get("author"));
            }
            if meta.site.is_none() {
                meta.site = object
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
        }
        _ => {}
    }
}

fn author_name(value: Option<&serde_json::Value>) -> Option<String> {
    use serde_json::Value;
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(|i| author_name(Some(i))).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_found_between_navigation_teasers_and_comments() {
        let page = r#"<html lang="fr"><head><title>Crue de la Garonne | La Dépêche du Sud</title>
            <meta property="og:site_name" content="La Dépêche du Sud">
            <meta property="article:published_time" content="2022-01-31T08:00:00+01:00">
            <meta property="article:modified_time" content="2022-02-01T10:00:00+01:00">
            <meta name="author" content="Jeanne Roux"></head>
            <body class="menu-open"><nav><ul><li><a href="/">Accueil</a></li><li><a href="/sport">Sport</a></li></ul></nav>
            <div class="wrapper"><div class="main-column">
            <h1>Crue de la Garonne</h1>
            <div class="article-body" itemprop="articleBody">
            <p>La Garonne a atteint lundi son plus haut niveau depuis vingt ans, à 8,2 mètres, selon la préfecture, qui a évacué trois quartiers.</p>
            <p>Près de 1 200 habitants ont passé la nuit dans des gymnases, a précisé le maire, qui demande l'état de catastrophe naturelle.</p>
            <figure><img src="a.jpg"><figcaption>La place inondée, lundi. Photo AFP</figcaption></figure>
            <p>Les pompiers ont mené 140 interventions, dont 35 sauvetages, dans la nuit de dimanche à lundi, selon leur porte-parole.</p>
            </div>
            <div class="related-articles"><h3>À lire aussi</h3><ul><li><a href="/x">Les digues ont-elles tenu ? Notre enquête complète sur les ouvrages du fleuve</a></li></ul></div>
            </div><aside class="sidebar"><p>Les plus lus : un long texte de la colonne de droite qui parle de tout autre chose, longuement.</p></aside></div>
            <section class="comments"><p>Marcel, 10h02 : encore une fois les riverains sont oubliés, c'est scandaleux, vraiment.</p></section>
            <footer><p>© La Dépêche du Sud — mentions légales</p></footer></body></html>"#;
        let extracted = extract(page, 10_000);
        assert_eq!(extracted.title, "Crue de la Garonne");
        assert_eq!(extracted.site.as_deref(), Some("La Dépêche du Sud"));
        assert_eq!(extracted.byline.as_deref(), Some("Jeanne Roux"));
        assert_eq!(
            extracted.published.map(|d| d.to_string()).as_deref(),
            Some("2022-01-31")
        );
        assert_eq!(extracted.language, Lang::parse("fr"));
        let paragraphs: Vec<&str> = extracted.body.lines().collect();
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert!(paragraphs[0].starts_with("La Garonne a atteint"));
        assert!(paragraphs[2].starts_with("Les pompiers"));
        for furniture in [
            "Accueil",
            "La place inondée",
            "Notre enquête",
            "Les plus lus",
            "Marcel",
            "mentions légales",
        ] {
            assert!(!extracted.body.contains(furniture), "{furniture} kept");
        }
    }

    #[test]
    fn a_story_shown_in_a_modal_layer_over_a_list_of_teasers_is_found() {
        let teaser = |n: usize| {
            format!("<li><div class=\"teaser\"><p><a href=\"/s/{n}\">Teaser {n}: a summary of another story of the day</a>, with enough words and commas, to score, as teasers do, on a busy front page.</p></div></li>")
        };
        let teasers: String = (0..12).map(teaser).collect();
        let paragraph = "The harbour of Valparaíso reopened on Tuesday after three days of storms, the port authority said, and the first container ships were unloaded by night.";
        let story: String = (0..8).map(|i| format!("<p>{i}. {paragraph}</p>")).collect();
        let page = format!(
            "<html><body><div class=\"stream\"><ul>{teasers}</ul></div><div class=\"layer modal\"><article><h1>Valparaíso reopens</h1>{story}</article></div></body></html>"
        );
        let extracted = extract(&page, 10_000);
        assert!(
            extracted.body.contains("harbour of Valparaíso"),
            "{}",
            extracted.body
        );
        assert!(!extracted.body.contains("Teaser"), "{}", extracted.body);
    }

    #[test]
    fn markup_inside_a_quoted_attribute_is_not_text() {
        let page = r#"<html><body><article><div class="video" data-playlist="[{&quot;caption&quot;:&quot;<p>Ein Video</p>&quot;,&quot;size&quot;:1865911}]" data-x='a > b'><p>Der Bürgermeister von Görlitz hat am Montag die Sperrung der Altstadtbrücke angekündigt, die seit Wochen Risse zeigt, wie die Stadt mitteilte.</p></div></article></body></html>"#;
        let extracted = extract(page, 10_000);
        assert!(
            extracted.body.starts_with("Der Bürgermeister"),
            "{}",
            extracted.body
        );
        for leak in ["size", "1865911", "Ein Video", "b'"] {
            assert!(!extracted.body.contains(leak), "{leak}: {}", extracted.body);
        }
    }

    #[test]
    fn an_article_cut_into_boxes_is_read_whole() {
        // each step in its own box; the best box is an only child, its siblings are further up
        let step = |n: usize, text: &str| {
            format!("<div class=\"step\"><h3>Schritt {n}</h3><div class=\"step-content\"><div class=\"content\"><p>{text}</p></div></div></div>")
        };
        let page = format!(
            "<html><body><div class=\"col-main\">{}{}{}</div><div class=\"rail\"><p>Werbung</p></div></body></html>",
            step(1, "Den Boden des Glases mit einer Schicht Kies bedecken, damit das Wasser abfließen kann, und darauf eine dünne Lage Holzkohle streuen, die Gerüche bindet, wie Gärtner empfehlen, seit Jahren."),
            step(2, "Dann die Erde einfüllen, etwa drei Finger hoch, und leicht andrücken, ohne sie zu verdichten."),
            step(3, "Zuletzt die Pflanzen setzen, Moos zwischen die Steine legen und das Glas mit der Glocke schließen."),
        );
        let extracted = extract(&page, 10_000);
        for words in ["Schicht Kies", "Erde einfüllen", "Pflanzen setzen"] {
            assert!(
                extracted.body.contains(words),
                "{words}: {}",
                extracted.body
            );
        }
        assert!(!extracted.body.contains("Werbung"));
    }

    #[test]
    fn json_ld_gives_metadata_when_meta_tags_do_not() {
        let page = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Москва и Анкара договорились","datePublished":"2025-02-04T10:00:00Z","author":[{"@type":"Person","name":"Иван Петров"}],"publisher":{"@type":"Organization","name":"Вестник"}}]}</script></head>
            <body><article><p>Министры иностранных дел России и Турции провели переговоры в Москве во вторник, сообщили обе стороны.</p></article></body></html>"#;
        let extracted = extract(page, 10_000);
        assert_eq!(extracted.title, "Москва и Анкара договорились");
        assert_eq!(extracted.byline.as_deref(), Some("Иван Петров"));
        assert_eq!(extracted.site.as_deref(), Some("Вестник"));
        assert_eq!(
            extracted.published.map(|d| d.to_string()).as_deref(),
            Some("2025-02-04")
        );
    }

    #[test]
    fn text_a_browser_hides_is_not_the_article() {
        let page = r#"<html><body><article><h1>Tormenta en Valencia</h1>
            <div style="visibility: hidden;"><p>Texto de una versión anterior que la página esconde, largo, con comas, para puntuar como un párrafo.</p></div>
            <div><p>La lluvia caída el martes en Valencia superó los 180 litros por metro cuadrado, según la agencia meteorológica, que mantiene la alerta.</p>
            <p><span aria-hidden="true">Icono decorativo de la lluvia, oculto a los lectores de pantalla</span>Los bomberos realizaron 60 rescates durante la noche, informó el ayuntamiento.</p>
            <p hidden>Un párrafo con el atributo hidden que nadie ve en la página.</p></div>
            </article></body></html>"#;
        let extracted = extract(page, 10_000);
        assert!(extracted.body.contains("180 litros"), "{}", extracted.body);
        assert!(extracted.body.contains("60 rescates"), "{}", extracted.body);
        for hidden in ["versión anterior", "Icono decorativo", "atributo hidden"] {
            assert!(
                !extracted.body.contains(hidden),
                "{hidden}: {}",
                extracted.body
            );
        }
    }

    #[test]
    fn a_page_that_is_all_one_link_still_gives_its_text() {
        let page = r#"<html><body><a href="javascript:void(0)"><p>Ulwazi</p><p>lwethu</p> namhlanje</a></body></html>"#;
        let extracted = extract(page, 10_000);
        let words: Vec<&str> = extracted.body.split_whitespace().collect();
        assert_eq!(
            words,
            ["Ulwazi", "lwethu", "namhlanje"],
            "{}",
            extracted.body
        );
    }

    #[test]
    fn a_page_over_the_element_cap_is_still_read_and_says_so() {
        let page = format!("<html><body>{}<p>Le texte final de la page reste lisible malgré tout.</p></body></html>", "<span>x</span>".repeat(50));
        let extracted = extract(&page, 20);
        assert_eq!(extracted.notes.len(), 1);
        assert!(extracted.body.contains("Le texte final"));
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        for page in [
            "<",
            "<p",
            "<<<>>>",
            "<p class='unterminated>text",
            "</div></div>text",
            "<script>",
            "<!-- never closed",
            "<a href=x>link</a",
            "&#xFFFFFFFF; &#0; &",
        ] {
            let _ = extract(page, 100);
        }
    }
}
