//! `recoupe watch`: polls feeds, fetches the pages they link to, and ingests them like
//! `recoupe ingest` (each article placed in its story as it is stored). What each feed's server
//! said last (ETag, Last-Modified) is kept in the store, so a restarted watch still asks "has it
//! changed?" rather than downloading the feed again, and items whose page is stored already (by
//! URL) are not fetched again.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use recoupe_core::stories::StoryConfig;
use recoupe_ingest::web::{FeedState, Fetcher, WebConfig};
use recoupe_ingest::Caps;
use recoupe_store::{Prepared, Store};

pub struct Options {
    pub interval: Duration,
    pub once: bool,
    pub host_delay: Duration,
    pub max_pages: usize,
}

pub fn run(
    urls: &[String],
    db: &Path,
    caps: &Caps,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode> {
    if let Some(notice) = recoupe_store::upgrade_notice(db) {
        eprintln!("recoupe: {notice}");
    }
    let mut store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let mut index = store.story_index(StoryConfig::default())?;
    let mut fetcher = Fetcher::new(
        caps,
        WebConfig {
            host_delay: options.host_delay,
            max_pages_per_poll: options.max_pages,
            ..WebConfig::default()
        },
    );
    let mut feeds = Vec::new();
    for url in urls {
        let mut feed = FeedState::new(url);
        (feed.etag, feed.last_modified) = store.feed_validators(url)?;
        feeds.push(feed);
    }
    let mut problems = 0usize;
    loop {
        let started = Instant::now();
        for feed in &mut feeds {
            let poll = fetcher.poll(feed, |link| store.has_url(link).unwrap_or(false));
            for problem in &poll.problems {
                eprintln!("{problem}");
            }
            problems += poll.problems.len();
            let prepared: Vec<Prepared> = poll
                .articles
                .par_iter()
                .map(|raw| {
                    let (analysis, profile) = recoupe_core::prepare(raw);
                    Prepared::new(analysis, profile)
                })
                .collect();
            let fetched = prepared.len();
            let added = store.add(&mut index, prepared)?;
            store.save_feed(
                &feed.url,
                feed.etag.as_deref(),
                feed.last_modified.as_deref(),
            )?;
            let status = if poll.not_modified {
                "not modified".to_string()
            } else {
                let mut line = format!(
                    "{fetched} read, {} new, {} already stored",
                    added.placed.len(),
                    poll.known + added.known
                );
                if poll.deferred > 0 {
                    line.push_str(&format!(", {} left for the next poll", poll.deferred));
                }
                line
            };
            writeln!(out, "{}: {status}", feed.url)?;
            out.flush()?;
        }
        store.save_index(&mut index)?;
        if options.once {
            break;
        }
        if let Some(rest) = options.interval.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
    writeln!(
        out,
        "{} articles in {} stories in {}",
        store.count()?,
        store.story_count()?,
        db.display()
    )?;
    Ok(if problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
