//! Feeds over HTTP: conditional GET (ETag, Last-Modified), bounded bodies, timeouts, a limited
//! number of redirects, and the linked articles fetched politely (a pause between two requests
//! to one host). What a poll finds is a list of [`RawArticle`]s: the page of each new item, or the
//! item's own text when the page cannot be had.

use std::collections::HashMap;
use std::io::Read;
use std::time::{Duration, Instant};

use recoupe_core::{Diagnostic, RawArticle};

use crate::feed::{is_feed, read_feed};
use crate::{html, Caps};

/// How a [`Fetcher`] behaves on the network.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Whole request, connection to last byte.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_redirects: u32,
    /// Least time between two requests to one host.
    pub host_delay: Duration,
    /// Most linked pages fetched per poll of one feed (the rest wait for the next poll).
    pub max_pages_per_poll: usize,
    pub user_agent: String,
}

impl Default for WebConfig {
    fn default() -> WebConfig {
        WebConfig {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            host_delay: Duration::from_secs(1),
            max_pages_per_poll: 100,
            user_agent: format!(
                "recoupe/{} (news cross-checking; polite polling)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// One feed being watched: where it is, and what the server said last time.
#[derive(Clone, Debug, Default)]
pub struct FeedState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Polls answered "not modified" (304).
    pub not_modified: usize,
}

impl FeedState {
    pub fn new(url: &str) -> FeedState {
        FeedState {
            url: url.to_string(),
            ..FeedState::default()
        }
    }
}

/// What one poll of a feed gave.
#[derive(Debug, Default)]
pub struct Poll {
    /// New articles: fetched pages, or the feed's own text for an item whose page failed.
    pub articles: Vec<RawArticle>,
    /// Items skipped because `is_known` said their link is stored already.
    pub known: usize,
    /// Items past the per-poll cap, left for the next poll.
    pub deferred: usize,
    pub problems: Vec<String>,
    /// The server answered 304: nothing changed since the last poll.
    pub not_modified: bool,
}

enum Got {
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        content_type: Option<String>,
    },
}

/// An HTTP client for feeds and pages, with the caps of [`Caps`] and [`WebConfig`].
pub struct Fetcher {
    agent: ureq::Agent,
    caps: Caps,
    config: WebConfig,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    pub fn new(caps: &Caps, config: WebConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .max_redirects(config.max_redirects)
            .user_agent(config.user_agent.as_str())
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            caps: caps.clone(),
            config,
            last_request: HashMap::new(),
        }
    }

    /// Waits until the host of `url` may be asked again.
    fn be_polite(&mut self, url: &str) {
        let host = host_of(url);
        if let Some(last) = self.last_request.get(&host) {
            let since = last.elapsed();
            if since < self.config.host_delay {
                std::thread::sleep(self.config.host_delay - since);
            }
        }
        self.last_request.insert(host, Instant::now());
    }

    fn get(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Got, String> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("{url}: only http and https URLs are fetched"));
        }
        self.be_polite(url);
        let mut request = self.agent.get(url);
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| format!("{url}: {e}"))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Got::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(format!("{url}: HTTP status {status}"));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header("etag");
        let last_modified = header("last-modified");
        let content_type = header("content-type");
        let limit = self.caps.max_file_bytes;
        let mut bytes = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{url}: reading the body: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "{url}: body over {limit} bytes (--max-file-bytes), not read"
            ));
        }
        Ok(Got::Body {
            bytes,
            etag,
            last_modified,
            content_type,
        })
    }

    /// Polls one feed: a conditional GET of the feed, then the page of each new item (one whose
    /// link `is_known` does not know), at most [`WebConfig::max_pages_per_poll`].
    pub fn poll(&mut self, feed: &mut FeedState, is_known: impl Fn(&str) -> bool) -> Poll {
        let mut poll = Poll::default();
        let (etag, modified) = (feed.etag.clone(), feed.last_modified.clone());
        let got = match self.get(&feed.url, etag.as_deref(), modified.as_deref()) {
            Ok(got) => got,
            Err(e) => {
                poll.problems.push(e);
                return poll;
            }
        };
        let (bytes, etag, last_modified) = match got {
            Got::NotModified => {
                feed.not_modified += 1;
                poll.not_modified = true;
                return poll;
            }
            Got::Body {
                bytes,
                etag,
                last_modified,
                ..
            } => (bytes, etag, last_modified),
        };
        let text = match crate::decode_text(&bytes, None) {
            Ok(decoded) => decoded.text,
            Err(e) => {
                poll.problems.push(format!("{}: {e}", feed.url));
                return poll;
            }
        };
        if !is_feed(&text) {
            poll.problems
                .push(format!("{}: not an RSS or Atom feed", feed.url));
            return poll;
        }
        // the validators are kept only once the feed was read
        feed.etag = etag;
        feed.last_modified = last_modified;
        let (items, problems) = read_feed(&feed.url, &text, self.caps.max_feed_items);
        poll.problems
            .extend(problems.into_iter().map(|p| format!("{}: {p}", feed.url)));
        let mut fetched = 0;
        for item in items {
            let Some(link) = item.link.clone() else {
                poll.articles.push(item.article);
                continue;
            };
            if is_known(&link) {
                poll.known += 1;
                continue;
            }
            if fetched >= self.config.max_pages_per_poll {
                poll.deferred += 1;
                continue;
            }
            fetched += 1;
            poll.articles
                .push(self.article(&link, item.article, &mut poll.problems));
        }
        poll
    }

    /// The page at `link` as an article, completed by what the feed said; the feed's item when
    /// the page cannot be fetched or read.
    fn article(
        &mut self,
        link: &str,
        from_feed: RawArticle,
        problems: &mut Vec<String>,
    ) -> RawArticle {
        let page = match self.get(link, None, None) {
            Ok(Got::Body {
                bytes,
                content_type,
                ..
            }) => {
                let declared = html::declared_charset(&bytes).or_else(|| {
                    let ct = content_type?.to_ascii_lowercase();
                    let charset = ct
                        .split("charset=")
                        .nth(1)?
                        .trim()
                        .trim_matches('"')
                        .to_string();
                    encoding_rs::Encoding::for_label(charset.as_bytes())
                });
                crate::decode_text(&bytes, declared)
                    .map(|d| html::read_html(link, &d.text, &self.caps))
                    .map_err(|e| format!("{link}: {e}"))
            }
            Ok(Got::NotModified) => Err(format!("{link}: 304 to an unconditional request")),
            Err(e) => Err(e),
        };
        match page {
            Ok(mut article) if !article.body.trim().is_empty() => {
                article.url = Some(link.to_string());
                if article.title.trim().is_empty() {
                    article.title = from_feed.title;
                }
                article.published = article.published.or(from_feed.published);
                article.site = article.site.or(from_feed.site);
                article.byline = article.byline.or(from_feed.byline);
                crate::cap_body(&mut article, self.caps.max_article_bytes);
                article
            }
            other => {
                if let Err(e) = other {
                    problems.push(e.clone());
                }
                let mut article = from_feed;
                article.diagnostics.push(Diagnostic::new(
                    "ingest",
                    "the linked page could not be read: the feed's own text is used",
                ));
                article
            }
        }
    }
}

/// `scheme://host[:port]` of a URL (the unit of politeness).
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}
