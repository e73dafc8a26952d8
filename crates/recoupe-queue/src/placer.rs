//! The placer: `recoupe placer --db postgres://…`. One per partition (one partition for now):
//! it holds the partition's lease in PostgreSQL (renewed every second; a second placer waits,
//! and takes over within the lease's time once the holder stops renewing), reads what the
//! workers analysed in stream order, and places it in batches cut as a SQLite ingest cuts its
//! input — by run and position, `chunk` articles a batch, dated articles first then undated —
//! so that the stories are those one process would make of the same input. Each batch is
//! written in one transaction with the lease's progress, and refused if the lease was lost
//! (its epoch moved on).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use recoupe_core::similarity::Profile;
use recoupe_core::stories::StoryConfig;
use recoupe_core::ArticleId;
use recoupe_store::pg::{analysed_article, Fence, ItemKind, Lease, QueueItem};
use recoupe_store::{PgStore, Prepared, StoryIndex};

/// The lease's time: a placer that stops renewing is replaced after this.
pub const LEASE_MS: i64 = 6_000;
/// The partition placed.
const PART: i32 = 0;

/// What a placer did before it stopped.
#[derive(Debug, Default)]
pub struct PlacerRun {
    pub epoch: i64,
    pub placed: usize,
    pub known: usize,
    pub batches: usize,
}

/// Places until nothing new has come for `idle_exit` (never, when `None`). Each run's batches
/// hold the articles its publisher said (`ingest --batch`).
pub fn place(db: &str, holder: &str, idle_exit: Option<Duration>) -> Result<PlacerRun> {
    let mut store = PgStore::open(db).with_context(|| format!("opening {db}"))?;
    let started = Instant::now();
    let lease = loop {
        if let Some(lease) = store.lease(PART, holder, LEASE_MS)? {
            break lease;
        }
        if idle_exit.is_some_and(|d| started.elapsed() >= d) {
            anyhow::bail!("another placer holds the lease");
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let lost = Arc::new(AtomicBool::new(false));
    let renewer = renew_in_background(db, lease.clone(), Arc::clone(&lost))?;
    let result = place_held(&mut store, &lease, idle_exit, &lost);
    renewer.store(true, Ordering::Relaxed);
    if result.is_ok() {
        let _ = store.release(&lease);
    }
    result
}

fn place_held(
    store: &mut PgStore,
    lease: &Lease,
    idle_exit: Option<Duration>,
    lost: &AtomicBool,
) -> Result<PlacerRun> {
    let mut index = store.story_index(StoryConfig::default())?;
    index.snapshot_every = 5_000;
    let mut run = PlacerRun {
        epoch: lease.epoch,
        ..PlacerRun::default()
    };
    let mut done = lease.done_seq;
    let mut batch: Vec<QueueItem> = Vec::new();
    let mut seen: HashSet<ArticleId> = HashSet::new();
    let mut idle_since = Instant::now();
    loop {
        if lost.load(Ordering::Relaxed) {
            anyhow::bail!("the lease was lost (epoch {})", lease.epoch);
        }
        let next = batch.last().map_or(done, |i| i.stream_seq);
        let items = store.queue_after(next, 1_000)?;
        // the items in stream order, up to the first that is missing (not analysed yet)
        let mut took = 0;
        for (expected, item) in (next + 1..).zip(items) {
            if item.stream_seq != expected {
                break;
            }
            took += 1;
            let closes = match batch.first() {
                Some(first) => first.run != item.run || key(first) != key(&item),
                None => false,
            };
            if closes {
                let through = batch.last().map_or(done, |i| i.stream_seq);
                write_batch(
                    store,
                    &mut index,
                    lease,
                    std::mem::take(&mut batch),
                    through,
                    &mut seen,
                    &mut run,
                )?;
                done = through;
            }
            let end = item.kind == ItemKind::End;
            batch.push(item);
            if end {
                let through = batch.last().map_or(done, |i| i.stream_seq);
                write_batch(
                    store,
                    &mut index,
                    lease,
                    std::mem::take(&mut batch),
                    through,
                    &mut seen,
                    &mut run,
                )?;
                done = through;
            }
        }
        if took == 0 {
            if idle_exit.is_some_and(|d| idle_since.elapsed() >= d) {
                return Ok(run);
            }
            std::thread::sleep(Duration::from_millis(100));
        } else {
            idle_since = Instant::now();
        }
    }
}

/// The batch an item belongs to within its run (positions count from 1, as the SQLite ingest
/// counts them, stored articles included).
fn key(item: &QueueItem) -> i64 {
    (item.position - 1).max(0) / item.batch.max(1)
}

fn write_batch(
    store: &mut PgStore,
    index: &mut StoryIndex,
    lease: &Lease,
    items: Vec<QueueItem>,
    through: i64,
    seen: &mut HashSet<ArticleId>,
    run: &mut PlacerRun,
) -> Result<()> {
    let mut prepared = Vec::new();
    let mut runs: Vec<(String, i64, i64, Option<i64>)> = Vec::new();
    let mut run_of: std::collections::HashMap<ArticleId, usize> = Default::default();
    let ids: Vec<ArticleId> = items.iter().filter_map(|i| i.article).collect();
    let stored_already = store.stored_among(&ids)?;
    for item in &items {
        if runs.last().is_none_or(|r| r.0 != item.run) {
            runs.push((item.run.clone(), 0, 0, None));
        }
        let at = runs.len() - 1;
        match item.kind {
            ItemKind::End => runs[at].3 = Some(item.stream_seq),
            ItemKind::Unreadable => {}
            ItemKind::Article => {
                let Some(stored) = item.payload.as_deref().and_then(analysed_article) else {
                    continue;
                };
                if seen.contains(&stored.id) || stored_already.contains(&stored.id) {
                    runs[at].2 += 1;
                    continue;
                }
                run_of.insert(stored.id, at);
                let analysis = stored.analysis();
                let profile = Profile::of(&analysis, None);
                prepared.push(Prepared::new(analysis, profile));
            }
        }
    }
    let placed = index.place(prepared, seen);
    for (analysis, _) in placed.placements() {
        if let Some(&at) = run_of.get(&analysis.id) {
            runs[at].1 += 1;
        }
    }
    let (new, known) = runs
        .iter()
        .fold((0, 0), |(n, k), r| (n + r.1 as usize, k + r.2 as usize));
    store.set_fence(Fence {
        part: PART,
        epoch: lease.epoch,
        done_seq: through,
        runs,
    });
    store.write_placed(placed)?;
    run.placed += new;
    run.known += known;
    run.batches += 1;
    Ok(())
}

/// Renews the lease every second on a connection of its own; sets `lost` when it cannot.
/// Gives the flag that stops it.
fn renew_in_background(db: &str, lease: Lease, lost: Arc<AtomicBool>) -> Result<Arc<AtomicBool>> {
    let mut store = PgStore::open(db)?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("lease".into())
        .spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                match store.renew(&lease, LEASE_MS) {
                    Ok(true) => {}
                    _ => {
                        lost.store(true, Ordering::Relaxed);
                        return;
                    }
                }
                std::thread::sleep(Duration::from_millis(1_000));
            }
        })?;
    Ok(stop)
}
