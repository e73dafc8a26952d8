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
use rayon::prelude::*;
use recoupe_core::similarity::Profile;
use recoupe_core::stories::StoryConfig;
use recoupe_core::ArticleId;
use recoupe_store::pg::{analysed_article, Fence, ItemKind, Lease, QueueItem};
use recoupe_store::{PgStore, Placed, Prepared, StoryIndex};

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
    let mut reader = PgStore::open(db).with_context(|| format!("opening {db}"))?;
    let started = Instant::now();
    let lease = loop {
        if let Some(lease) = reader.lease(PART, holder, LEASE_MS)? {
            break lease;
        }
        if idle_exit.is_some_and(|d| started.elapsed() >= d) {
            anyhow::bail!("another placer holds the lease");
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let lost = Arc::new(AtomicBool::new(false));
    let renewer = renew_in_background(db, lease.clone(), Arc::clone(&lost))?;
    let mut writer = PgStore::open(db)?;
    let result = place_held(&mut reader, &mut writer, &lease, idle_exit, &lost);
    renewer.store(true, Ordering::Relaxed);
    if result.is_ok() {
        let _ = reader.release(&lease);
    }
    result
}

/// A batch placed, on its way to the writer.
struct Batch {
    placed: Placed,
    fence: Fence,
}

/// Reads and places on this thread while a writer thread writes the batch placed before (the
/// index in memory is then a batch ahead of the store, as in a SQLite ingest's pipeline: if a
/// write fails the placer stops, and the next one replays from the store).
fn place_held(
    reader: &mut PgStore,
    writer: &mut PgStore,
    lease: &Lease,
    idle_exit: Option<Duration>,
    lost: &AtomicBool,
) -> Result<PlacerRun> {
    let mut index = writer.story_index(StoryConfig::default())?;
    // a takeover replays at most this many articles (about 10 s of them); SQLite keeps 50,000
    index.snapshot_every = 20_000;
    let mut run = PlacerRun {
        epoch: lease.epoch,
        ..PlacerRun::default()
    };
    let (batches, written) = std::sync::mpsc::sync_channel::<Batch>(1);
    std::thread::scope(|scope| {
        let writing = std::thread::Builder::new()
            .name("writer".into())
            .spawn_scoped(scope, move || -> Result<()> {
                for batch in written {
                    writer.set_fence(batch.fence);
                    writer.write_placed(batch.placed)?;
                }
                Ok(())
            })?;
        let placing = read_and_place(
            reader, &mut index, lease, idle_exit, lost, &mut run, batches,
        );
        let wrote = writing
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the writer thread panicked")));
        // a write that failed is the cause of a placing that stopped
        wrote.and(placing)
    })?;
    Ok(run)
}

fn read_and_place(
    reader: &mut PgStore,
    index: &mut StoryIndex,
    lease: &Lease,
    idle_exit: Option<Duration>,
    lost: &AtomicBool,
    run: &mut PlacerRun,
    batches: std::sync::mpsc::SyncSender<Batch>,
) -> Result<()> {
    let mut done = lease.done_seq;
    let mut batch: Vec<QueueItem> = Vec::new();
    let mut seen: HashSet<ArticleId> = HashSet::new();
    let mut idle_since = Instant::now();
    let mut send = |items: Vec<QueueItem>, through: i64, run: &mut PlacerRun| -> Result<()> {
        let placed = place_batch(reader, index, lease, items, through, &mut seen, run)?;
        batches
            .send(placed)
            .map_err(|_| anyhow::anyhow!("the writer stopped"))
    };
    loop {
        if lost.load(Ordering::Relaxed) {
            anyhow::bail!("the lease was lost (epoch {})", lease.epoch);
        }
        let next = batch.last().map_or(done, |i| i.stream_seq);
        let items = reader_items(reader, next)?;
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
                send(std::mem::take(&mut batch), through, run)?;
                done = through;
            }
            let end = item.kind == ItemKind::End;
            batch.push(item);
            if end {
                let through = batch.last().map_or(done, |i| i.stream_seq);
                send(std::mem::take(&mut batch), through, run)?;
                done = through;
            }
        }
        if took == 0 {
            if idle_exit.is_some_and(|d| idle_since.elapsed() >= d) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        } else {
            idle_since = Instant::now();
        }
    }
}

fn reader_items(reader: &PgStore, after: i64) -> Result<Vec<QueueItem>> {
    Ok(reader.queue_after(after, 1_000)?)
}

/// The batch an item belongs to within its run (positions count from 1, as the SQLite ingest
/// counts them, stored articles included).
fn key(item: &QueueItem) -> i64 {
    (item.position - 1).max(0) / item.batch.max(1)
}

/// Places a batch: its articles read back as a replay reads them (in parallel), those stored
/// already or placed earlier in this run counted, the rest placed in the index.
fn place_batch(
    reader: &PgStore,
    index: &mut StoryIndex,
    lease: &Lease,
    items: Vec<QueueItem>,
    through: i64,
    seen: &mut HashSet<ArticleId>,
    run: &mut PlacerRun,
) -> Result<Batch> {
    let ids: Vec<ArticleId> = items.iter().filter_map(|i| i.article).collect();
    let stored_already = reader.stored_among(&ids)?;
    let mut runs: Vec<(String, i64, i64, Option<i64>)> = Vec::new();
    let mut run_at: Vec<usize> = Vec::with_capacity(items.len());
    for item in &items {
        if runs.last().is_none_or(|r| r.0 != item.run) {
            runs.push((item.run.clone(), 0, 0, None));
        }
        run_at.push(runs.len() - 1);
        if item.kind == ItemKind::End {
            let at = runs.len() - 1;
            runs[at].3 = Some(item.stream_seq);
        }
    }
    // read back and profiled on all cores, in order
    let read: Vec<Option<Prepared>> = items
        .par_iter()
        .map(|item| {
            let stored = match item.kind {
                ItemKind::Article => item.payload.as_deref().and_then(analysed_article)?,
                _ => return None,
            };
            if stored_already.contains(&stored.id) {
                return None;
            }
            let analysis = stored.analysis();
            let profile = Profile::of(&analysis, None);
            Some(Prepared::new(analysis, profile))
        })
        .collect();
    let mut prepared = Vec::new();
    let mut run_of: std::collections::HashMap<ArticleId, usize> = Default::default();
    for ((item, at), read) in items.iter().zip(&run_at).zip(read) {
        if item.kind != ItemKind::Article {
            continue;
        }
        match read {
            Some(p) if !seen.contains(&p.analysis.id) => {
                run_of.insert(p.analysis.id, *at);
                prepared.push(p);
            }
            // stored already, placed earlier in this run, or a payload that does not read
            _ => runs[*at].2 += 1,
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
    run.placed += new;
    run.known += known;
    run.batches += 1;
    Ok(Batch {
        placed,
        fence: Fence {
            part: PART,
            epoch: lease.epoch,
            done_seq: through,
            runs,
        },
    })
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
