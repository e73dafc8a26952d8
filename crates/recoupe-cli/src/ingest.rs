//! The ingest pipeline: files read as streams on one thread, articles analysed in parallel
//! (rayon) in chunks, each chunk placed in its stories by a clusterer thread, its names linked
//! into the store's entities by a linker thread, then written with its placements and entities
//! by a writer thread, in one transaction. Channels between the stages are bounded, so memory
//! holds a few chunks whatever the size of the input.
//!
//! Restarting an interrupted run with the same input continues it: articles the store holds are
//! skipped before they are analysed (their id is a hash of title and body), and the story index
//! picks up where the last committed batch left it (see `recoupe_store::StoryIndex`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use recoupe_core::similarity::Profile;
use recoupe_core::stories::{Assignment, StoryConfig};
use recoupe_core::{Analysis, ArticleId, Linking, RawArticle};
use recoupe_ingest::stream::{open_stream, Item};
use recoupe_ingest::{Caps, IngestError};
use recoupe_store::{Placed, Prepared, Store};

/// Articles analysed together and written in one transaction, by default.
pub const CHUNK: usize = 2048;

/// Articles analysed together within a batch: the clusterer places a part's dated articles
/// while the next part is analysed, instead of waiting for the whole batch. The first parts of
/// a run are smaller ([`FIRST_PART`], doubling), so that the clusterer starts early and a small
/// input is not analysed first and placed after.
const PART: usize = 256;
const FIRST_PART: usize = 32;

/// What a run did.
#[derive(Default)]
pub struct Run {
    /// The analyses, when asked to keep them (`analyze`), in input order.
    pub analyses: Vec<Analysis>,
    /// Where each kept analysis was placed, in the order they were placed.
    pub assignments: Vec<Assignment>,
    /// The profiles the kept analyses were placed with.
    pub profiles: Vec<Profile>,
    /// The kept analyses' names, linked as they were kept: [`Linking::finish`] ends it.
    pub linking: Linking,
    pub errors: Vec<IngestError>,
    /// Articles read from the input.
    pub read: usize,
    /// New to the store.
    pub added: usize,
    /// Stored already (skipped before analysis, or found so when written).
    pub known: usize,
    /// Records that are not articles, by reason ("status 404", "request"…).
    pub skipped: BTreeMap<String, usize>,
    /// Articles placed again from the store when the story index was opened.
    pub replayed: usize,
    pub stories: usize,
}

enum Message {
    /// Articles in input order; `end` closes their batch, `last` the input.
    Articles {
        raws: Vec<RawArticle>,
        end: bool,
        last: bool,
    },
    Problem(IngestError),
    Skipped(String),
    Known,
}

/// Reads `paths`, analyses what is new and places each article in its story, as the story
/// index of `store` would; with a store, writes each batch with its placements. `db` is the
/// store's path when it is a file: a second connection then skips stored articles before they
/// are analysed. `keep` keeps the analyses and where each was placed (`analyze`).
/// `snapshot_every` overrides how often the story index is saved.
pub fn run(
    paths: &[PathBuf],
    caps: &Caps,
    mut store: Option<&mut Store>,
    db: Option<&Path>,
    keep: bool,
    snapshot_every: Option<usize>,
    chunk: usize,
) -> Result<Run> {
    let chunk_size = chunk.max(1);
    // the tables every article needs are built while the input is opened and read, not by the
    // first analysis thread while the others wait on it
    let _ = std::thread::Builder::new()
        .name("tables".into())
        .spawn(recoupe_core::pipeline::prepare_tables);
    let mut index = story_index(store.as_deref_mut(), snapshot_every)?;
    // the names of the articles placed are linked into the store's entities on a thread of
    // their own, between the clusterer and the writer
    let entities = index.take_entities();
    let mut run = Run {
        replayed: index.replayed,
        ..Run::default()
    };
    let (files, errors) = recoupe_ingest::collect_files(paths, caps);
    run.errors = errors;
    let total: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    let bytes = Arc::new(AtomicU64::new(0));
    let known = match db {
        Some(path) => Some(Store::open(path)?),
        None => None,
    };
    let analysis_pool = analysis_pool()?;
    let started = Instant::now();
    let progress = Progress {
        bar: progress_bar(total, files.len()),
        bytes: Arc::clone(&bytes),
        total_bytes: total,
        found: Arc::new(AtomicU64::new(0)),
        started,
    };
    let found = Arc::clone(&progress.found);
    let done_bar = progress.bar.clone();
    let (raw_tx, raw_rx) = sync_channel::<Message>(4);
    let (prepared_tx, prepared_rx) = sync_channel::<Part>(2);
    let written = std::thread::scope(|scope| -> Result<(usize, usize, usize, Kept)> {
        let counter = Arc::clone(&bytes);
        let pool = &analysis_pool;
        let reader = std::thread::Builder::new().name("reader".into());
        reader.spawn_scoped(scope, move || {
            read_input(
                &files,
                caps,
                known.as_ref(),
                pool,
                (counter, found),
                chunk_size,
                raw_tx,
            )
        })?;
        // the clusterer places batch k+1 while the writer writes batch k; the writer writes
        // each part of a batch as it is placed, in the batch's one transaction
        let (placed_tx, placed_rx) = sync_channel::<(Placed, bool)>(2);
        let index = &mut index;
        let writing = store.is_some();
        let clusterer = std::thread::Builder::new()
            .name("clusterer".into())
            .spawn_scoped(scope, move || -> (usize, Kept) {
                place_parts(index, prepared_rx, placed_tx, keep, writing)
            })?;
        let placed_rx = match entities {
            Some(entities) => {
                let (linked_tx, linked_rx) = sync_channel::<(Placed, bool)>(2);
                std::thread::Builder::new()
                    .name("linker".into())
                    .spawn_scoped(scope, move || link_parts(entities, placed_rx, linked_tx))?;
                linked_rx
            }
            None => placed_rx,
        };
        let writer = std::thread::Builder::new()
            .name("writer".into())
            .spawn_scoped(scope, move || -> Result<(usize, usize, usize)> {
                write_parts(store, placed_rx, started, &done_bar)
            })?;
        analyse(
            &mut run,
            raw_rx,
            &prepared_tx,
            &analysis_pool,
            writing,
            &progress,
        );
        drop(prepared_tx);
        let (stories, kept) = clusterer
            .join()
            .map_err(|_| anyhow::anyhow!("the clusterer thread panicked"))?;
        let (added, known, conflicts) = writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the writer thread panicked")))?;
        let added = if writing {
            added
        } else {
            kept.assignments.len()
        };
        Ok((added, known + conflicts, stories, kept))
    });
    progress.bar.finish_and_clear();
    let (added, known, stories, kept) = written?;
    run.known += kept.repeated;
    run.analyses = kept.analyses;
    run.assignments = kept.assignments;
    run.profiles = kept.profiles;
    run.linking = kept.linking;
    run.added = added;
    run.known += known;
    run.stories = stories;
    Ok(run)
}

/// The store's story index (one in memory without a store), its snapshot taken every
/// `snapshot_every` articles when given.
fn story_index(
    store: Option<&mut Store>,
    snapshot_every: Option<usize>,
) -> Result<recoupe_store::StoryIndex> {
    let mut index = match store {
        Some(store) => store.story_index(StoryConfig::default())?,
        None => recoupe_store::StoryIndex::in_memory(StoryConfig::default()),
    };
    if let Some(n) = snapshot_every {
        index.snapshot_every = n.max(1);
    }
    Ok(index)
}

/// The reader: `files` opened a window at a time on the analysis pool, their articles sent in
/// parts of a batch (see [`PART`]), articles the store holds already (`known`) counted, not
/// sent; problems and skipped records sent as they come.
fn read_input(
    files: &[PathBuf],
    caps: &Caps,
    known: Option<&Store>,
    pool: &rayon::ThreadPool,
    (counter, found): (Arc<AtomicU64>, Arc<AtomicU64>),
    chunk_size: usize,
    raw_tx: std::sync::mpsc::SyncSender<Message>,
) {
    // chunks are cut by position in the input, stored articles included, so that a
    // restarted run places the rest in the same batches as an uninterrupted one
    // a batch goes to the analysis in parts, so that the clusterer places the dated
    // articles of a part while the next is analysed (see the clusterer below)
    let mut part_size = chunk_size.min(FIRST_PART);
    let mut in_part = 0usize;
    let mut chunk = Vec::with_capacity(part_size);
    let mut position = 0usize;
    // files read whole (a page, a feed, a JSON file) are read and extracted a window at
    // a time on the analysis threads, in input order; streams (JSON Lines, WARC) only
    // open there and are read here, one record after the other
    let opened = windows(files).flat_map(|window| {
        pool.install(|| {
            window
                .par_iter()
                .map(|path| (path, open_stream(path, caps, Some(Arc::clone(&counter)))))
                .collect::<Vec<_>>()
        })
    });
    for (path, stream) in opened {
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                if raw_tx.send(Message::Problem(e)).is_err() {
                    return;
                }
                continue;
            }
        };
        for item in stream {
            let message = match item {
                Item::Article(article) => {
                    position += 1;
                    found.fetch_add(1, Ordering::Relaxed);
                    let stored = known
                        .as_ref()
                        .is_some_and(|s| s.contains(article.id()).unwrap_or(false));
                    if stored {
                        if raw_tx.send(Message::Known).is_err() {
                            return;
                        }
                    } else {
                        chunk.push(*article);
                    }
                    let end = position.is_multiple_of(chunk_size);
                    in_part += 1;
                    if !end && (in_part < part_size || chunk.is_empty()) {
                        continue;
                    }
                    in_part = 0;
                    part_size = (part_size * 2).min(chunk_size.min(PART));
                    Message::Articles {
                        raws: std::mem::take(&mut chunk),
                        end,
                        last: false,
                    }
                }
                Item::Skipped(why) => Message::Skipped(why),
                Item::Problem(message) => Message::Problem(IngestError {
                    path: path.display().to_string(),
                    message,
                }),
            };
            if raw_tx.send(message).is_err() {
                return;
            }
        }
    }
    let _ = raw_tx.send(Message::Articles {
        raws: chunk,
        end: true,
        last: true,
    });
}

/// The clusterer: each part's dated articles placed as the part comes, the batch's undated
/// ones at its end (the order [`recoupe_store::StoryIndex::place`] gives a whole batch), each
/// part sent on to be linked and written (`writing`); with `keep`, the analyses kept in input
/// order with where each was placed. Gives the stories known and what was kept.
fn place_parts(
    index: &mut recoupe_store::StoryIndex,
    prepared_rx: std::sync::mpsc::Receiver<Part>,
    placed_tx: std::sync::mpsc::SyncSender<(Placed, bool)>,
    keep: bool,
    writing: bool,
) -> (usize, Kept) {
    let mut seen = HashSet::new();
    let mut kept = Kept::default();
    // the batch being placed: its dated articles as their part comes, its undated
    // ones when it ends — the order StoryIndex::place gives a whole batch, so a
    // restarted run still places as an uninterrupted one
    let mut undated: Vec<Prepared> = Vec::new();
    // analyze reports the articles in input order
    let mut position: HashMap<ArticleId, usize> = HashMap::new();
    let mut in_order: Vec<(usize, Analysis)> = Vec::new();
    for Part {
        prepared: part,
        end,
        last,
    } in prepared_rx
    {
        if keep {
            for p in &part {
                let next = position.len();
                position.entry(p.analysis.id).or_insert(next);
            }
        }
        let (dated, later): (Vec<Prepared>, Vec<Prepared>) = part
            .into_iter()
            .partition(|p| p.analysis.published.is_some());
        if keep {
            kept.keep_profiles(&dated, &seen);
        }
        undated.extend(later);
        let placed = index.place_in_order(dated, &mut seen);
        let mut out = Outgoing {
            placed_tx: &placed_tx,
            position: &position,
            in_order: &mut in_order,
            kept: &mut kept,
            keep,
            writing,
        };
        if !end {
            if !out.send(placed, false) {
                break; // the writer failed: its error is returned below
            }
            continue;
        }
        // the undated articles placed in slices sent on as each is placed, so that linking
        // and writing them overlap the placing of the next (the order is the same)
        let undated = std::mem::take(&mut undated);
        if keep {
            out.kept.keep_profiles(&undated, &seen);
        }
        let mut placed = Some(placed);
        let mut slices = undated.into_iter().peekable();
        let mut failed = false;
        loop {
            let slice: Vec<Prepared> = slices.by_ref().take(UNDATED_SLICE).collect();
            let mut part = index.place_in_order(slice, &mut seen);
            if let Some(mut first) = placed.take() {
                first.append(part);
                part = first;
            }
            let batch_placed = slices.peek().is_none();
            if batch_placed {
                index.end_batch(&mut part);
            }
            // the input's last batch: its last part goes on open, its names linked while the
            // index's final snapshot is taken, and the snapshot closes the batch — written in
            // its transaction, not in one of its own after it
            let closing = batch_placed && last && writing;
            if !out.send(part, batch_placed && !closing) {
                failed = true;
                break;
            }
            if closing {
                let closing = index
                    .final_snapshot()
                    .map_or_else(Placed::default, Placed::snapshot_only);
                if !out.send(closing, true) {
                    failed = true;
                }
            }
            if batch_placed {
                break;
            }
        }
        if failed {
            break; // the writer failed: its error is returned below
        }
        position.clear();
        if keep {
            kept.keep_in_order(std::mem::take(&mut in_order));
        }
    }
    if writing {
        if let Some(bytes) = index.final_snapshot() {
            let _ = placed_tx.send((Placed::snapshot_only(bytes), true));
        }
    }
    drop(placed_tx);
    (index.stories(), kept)
}

/// A part of a batch analysed, on its way to the clusterer.
struct Part {
    prepared: Vec<Prepared>,
    /// it closes its batch
    end: bool,
    /// it is the input's last
    last: bool,
}

/// How many undated articles the clusterer places before sending them on at the end of a
/// batch.
const UNDATED_SLICE: usize = 64;

/// Where the clusterer sends what it placed: on to the linker and the writer, or kept for the
/// report of `analyze` (in input order once its batch ends).
struct Outgoing<'a> {
    placed_tx: &'a std::sync::mpsc::SyncSender<(Placed, bool)>,
    position: &'a HashMap<ArticleId, usize>,
    in_order: &'a mut Vec<(usize, Analysis)>,
    kept: &'a mut Kept,
    keep: bool,
    writing: bool,
}

impl Outgoing<'_> {
    /// Sends (or keeps) one part placed; false when the writer has gone.
    fn send(&mut self, placed: Placed, end: bool) -> bool {
        let at = |id: &ArticleId| self.position.get(id).copied().unwrap_or(usize::MAX);
        if self.writing {
            if self.keep {
                for (analysis, assignment) in placed.placements() {
                    self.in_order.push((at(&analysis.id), analysis.clone()));
                    self.kept.assignments.push(assignment.clone());
                }
            }
            return self.placed_tx.send((placed, end)).is_ok();
        }
        self.kept.repeated += placed.known;
        if self.keep {
            for (analysis, assignment) in placed.into_placements() {
                self.in_order.push((at(&analysis.id), analysis));
                self.kept.assignments.push(assignment);
            }
        }
        true
    }
}

/// The linker: the names of each part placed linked into the store's entities, in order.
fn link_parts(
    mut entities: recoupe_store::EntityIndex,
    placed_rx: std::sync::mpsc::Receiver<(Placed, bool)>,
    linked_tx: std::sync::mpsc::SyncSender<(Placed, bool)>,
) {
    for (mut placed, end) in placed_rx {
        entities.link(&mut placed, end);
        if linked_tx.send((placed, end)).is_err() {
            break; // the writer failed: its error is returned by the run
        }
    }
}

/// The writer: each part written as it comes, in its batch's transaction (nothing is written
/// without a store). Gives the articles written, those found stored already, and those another
/// writer stored meanwhile.
fn write_parts(
    mut store: Option<&mut Store>,
    placed_rx: std::sync::mpsc::Receiver<(Placed, bool)>,
    started: Instant,
    bar: &ProgressBar,
) -> Result<(usize, usize, usize)> {
    let (mut added, mut known, mut conflicts) = (0, 0, 0);
    let mut trace = Trace::from_env(started);
    for (placed, end) in placed_rx {
        let Some(store) = store.as_deref_mut() else {
            let n = placed.placements().count();
            added += n;
            bar.inc(n as u64);
            continue;
        };
        let written = store.write_placed_part(placed, end)?;
        added += written.placed.len();
        known += written.known;
        conflicts += written.conflicts;
        // articles found stored already are counted done as the reader finds them
        bar.inc((written.placed.len() + written.conflicts) as u64);
        if end {
            trace.batch(added);
        }
    }
    Ok((added, known, conflicts))
}

/// The articles the reader sends analysed on the pool, a part at a time, and sent on to the
/// clusterer; what the reader says of the rest counted in `run`.
fn analyse(
    run: &mut Run,
    raw_rx: std::sync::mpsc::Receiver<Message>,
    prepared_tx: &std::sync::mpsc::SyncSender<Part>,
    pool: &rayon::ThreadPool,
    writing: bool,
    progress: &Progress,
) {
    for message in raw_rx {
        match message {
            Message::Articles { raws, end, last } => {
                run.read += raws.len();
                let prepare = |raw: &RawArticle| {
                    let (analysis, profile) = recoupe_core::prepare(raw);
                    if writing {
                        Prepared::new(analysis, profile)
                    } else {
                        Prepared::placing_only(analysis, profile)
                    }
                };
                let prepared: Vec<Prepared> =
                    pool.install(|| raws.par_iter().map(prepare).collect());
                if prepared_tx
                    .send(Part {
                        prepared,
                        end,
                        last,
                    })
                    .is_err()
                {
                    break; // the writer failed: its error is returned by the run
                }
            }
            Message::Problem(e) => run.errors.push(e),
            Message::Skipped(why) => *run.skipped.entry(why).or_default() += 1,
            Message::Known => {
                run.read += 1;
                run.known += 1;
                progress.bar.inc(1);
            }
        }
        progress.show(run.read);
    }
}

/// The progress bar: articles done (stored, or found stored) of the articles the input holds,
/// that total estimated from the articles read so far and the share of the input's bytes they
/// came from (a JSON Lines file does not say how many lines it has); articles per second.
struct Progress {
    bar: ProgressBar,
    /// bytes of the input read so far, and in all; articles the reader has found in them
    bytes: Arc<AtomicU64>,
    total_bytes: u64,
    found: Arc<AtomicU64>,
    started: Instant,
}

impl Progress {
    /// After the reader sent `read` articles: the estimated total and the rate.
    fn show(&self, read: usize) {
        let bytes = self.bytes.load(Ordering::Relaxed);
        let found = self.found.load(Ordering::Relaxed);
        let estimate = if bytes > 0 && self.total_bytes >= bytes {
            (found as f64 * self.total_bytes as f64 / bytes as f64) as u64
        } else {
            read as u64
        };
        let done = self.bar.position();
        self.bar.set_length(estimate.max(read as u64).max(done));
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        self.bar
            .set_message(format!("{:.0} articles/s", done as f64 / secs));
    }
}

/// What the clusterer keeps for `analyze`: the analyses in input order, where each was placed
/// in the order they were placed.
#[derive(Default)]
struct Kept {
    /// Articles given again in this run (the same title and body), placed once.
    repeated: usize,
    analyses: Vec<Analysis>,
    assignments: Vec<Assignment>,
    profiles: Vec<Profile>,
    linking: Linking,
}

impl Kept {
    /// Keeps the profiles of the articles about to be placed (not placed before).
    /// An article given twice within one part is kept once, as it is placed once: the
    /// profiles weigh the words of a story's articles, whatever the size of the parts.
    fn keep_profiles(&mut self, part: &[Prepared], seen: &HashSet<ArticleId>) {
        let mut here = HashSet::new();
        let fresh = part
            .iter()
            .filter(|p| !seen.contains(&p.analysis.id) && here.insert(p.analysis.id));
        self.profiles.extend(fresh.map(|p| p.profile.clone()));
    }

    /// Keeps the analyses of a batch, by their position in it, and links their names to those
    /// of the batches before (while the next batch is analysed).
    fn keep_in_order(&mut self, mut batch: Vec<(usize, Analysis)>) {
        batch.sort_by_key(|(position, _)| *position);
        let from = self.analyses.len();
        self.analyses.extend(batch.into_iter().map(|(_, a)| a));
        for analysis in &mut self.analyses[from..] {
            self.linking.add(analysis);
        }
    }
}

/// Most files opened together by the reader, and most bytes they may hold.
const WINDOW_FILES: usize = 64;
const WINDOW_BYTES: u64 = 64 << 20;

/// `files` cut into consecutive windows of at most [`WINDOW_FILES`] files and, past the first
/// file of a window, [`WINDOW_BYTES`] bytes: what the reader opens at once.
fn windows(files: &[PathBuf]) -> impl Iterator<Item = &[PathBuf]> {
    let mut rest = files;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0u64;
        let mut n = 0;
        while n < rest.len().min(WINDOW_FILES) {
            let size = std::fs::metadata(&rest[n]).map_or(0, |m| m.len());
            if n > 0 && bytes.saturating_add(size) > WINDOW_BYTES {
                break;
            }
            bytes = bytes.saturating_add(size);
            n += 1;
        }
        let (window, later) = rest.split_at(n);
        rest = later;
        Some(window)
    })
}

/// The threads that analyse articles in parallel. They run at the lowest priority of the
/// process: the clusterer and the writer are one thread each, and when they waited for a core
/// behind the analysis (the scheduler's fair share: four busy threads, two cores) the pipeline
/// stalled on them. At low priority the analysis takes what the two serial stages leave, and
/// the cores stay busy (300k generated articles: 153 s → 136 s, 186% → 193% CPU).
fn analysis_pool() -> Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("analysis-{i}"))
        .start_handler(|_| {
            // not allowed, or not supported here: the run is only slower
            let _ =
                thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        })
        .build()?)
}

fn progress_bar(total: u64, files: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || (files < 20 && total < (8 << 20)) {
        return ProgressBar::hidden();
    }
    // the length is the estimated number of articles, set as the input is read
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/~{len} articles  {msg}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// `RECOUPE_INGEST_TRACE=FILE`: after each batch written, one line "articles written, seconds
/// since the start, resident memory in KB" (the per-article cost plot of docs/BENCHMARKS.md).
struct Trace {
    out: Option<std::fs::File>,
    started: Instant,
}

impl Trace {
    fn from_env(started: Instant) -> Trace {
        let out =
            std::env::var_os("RECOUPE_INGEST_TRACE").and_then(|p| std::fs::File::create(p).ok());
        Trace { out, started }
    }

    fn batch(&mut self, written: usize) {
        use std::io::Write;
        let Some(out) = &mut self.out else { return };
        // resident set: the second field of /proc/self/statm, in pages of 4 KB
        let rss_kb = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(0, |pages| pages * 4);
        let _ = writeln!(
            out,
            "{written}\t{:.3}\t{rss_kb}",
            self.started.elapsed().as_secs_f64()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_opened_in_windows_that_keep_their_order_and_bound_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for i in 0..70 {
            let path = dir.path().join(format!("page-{i:03}.html"));
            std::fs::write(&path, "<p>Le maire a parlé.</p>").unwrap();
            files.push(path);
        }
        let big = dir.path().join("big.txt");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(WINDOW_BYTES)
            .unwrap();
        files.insert(3, big.clone());
        let windows: Vec<&[PathBuf]> = windows(&files).collect();
        let sizes: Vec<usize> = windows.iter().map(|w| w.len()).collect();
        // the big file closes the first window after three pages and is alone in the next
        assert_eq!(sizes, vec![3, 1, WINDOW_FILES, 3]);
        assert_eq!(windows[1], [big]);
        assert_eq!(windows.concat(), files, "every file once, in input order");
    }
}
