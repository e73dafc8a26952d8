//! The placer: `recoupe placer --db postgres://…`. One per partition (one partition for now):
//! it holds the partition's lease in PostgreSQL (renewed every second; a second placer waits,
//! and takes over within the lease's time once the holder stops renewing), and places each
//! run's batches in order as a SQLite ingest places them — the batches its publisher cut, each
//! once all its articles are analysed, dated articles first then undated — so that the stories
//! are those one process would make of the same input. Runs are placed in the order they first
//! arrived; a run whose next batch is not complete does not hold up another's. Each batch is
//! written in one transaction with its run's progress, and refused if the lease was lost (its
//! epoch moved on).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use recoupe_core::stories::StoryConfig;
use recoupe_core::ArticleId;
use recoupe_store::pg::{analysed_prepared, Fence, ItemKind, Lease, QueueItem};
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
    let writer_stopped = AtomicBool::new(false);
    let halt = Halt {
        lease_lost: lost,
        writer_stopped: &writer_stopped,
    };
    std::thread::scope(|scope| {
        let writing = std::thread::Builder::new()
            .name("writer".into())
            .spawn_scoped(scope, || -> Result<()> {
                let wrote = (|| {
                    for batch in written {
                        writer.set_fence(batch.fence);
                        writer.write_placed(batch.placed)?;
                    }
                    Ok(())
                })();
                writer_stopped.store(true, Ordering::Relaxed);
                wrote
            })?;
        let placing = read_and_place(
            reader, &mut index, lease, idle_exit, &halt, &mut run, batches,
        );
        let wrote = writing
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the writer thread panicked")));
        // a write that failed is the cause of a placing that stopped
        wrote.and(placing)
    })?;
    Ok(run)
}

/// Why a placer stops placing: its lease was lost, or its writer stopped (a write failed).
struct Halt<'a> {
    lease_lost: &'a AtomicBool,
    writer_stopped: &'a AtomicBool,
}

fn read_and_place(
    reader: &mut PgStore,
    index: &mut StoryIndex,
    lease: &Lease,
    idle_exit: Option<Duration>,
    halt: &Halt,
    run: &mut PlacerRun,
    batches: std::sync::mpsc::SyncSender<Batch>,
) -> Result<()> {
    // each run's next batch as this placer sees it: a batch ahead of the store while the
    // writer writes the one before
    let mut next: HashMap<String, i64> = HashMap::new();
    let mut ended: HashSet<String> = HashSet::new();
    let mut seen: HashSet<ArticleId> = HashSet::new();
    let mut idle_since = Instant::now();
    let mut swept = Instant::now();
    loop {
        if halt.lease_lost.load(Ordering::Relaxed) {
            anyhow::bail!("the lease was lost (epoch {})", lease.epoch);
        }
        if halt.writer_stopped.load(Ordering::Relaxed) {
            anyhow::bail!("the writer stopped");
        }
        match next_complete(reader, &mut next, &ended)? {
            Some((name, batch)) => {
                let items = reader.queue_batch(&name, batch)?;
                let placed = place_batch(reader, index, lease, (&name, batch), items, &mut seen)?;
                run.placed += placed.fence.placed as usize;
                run.known += placed.fence.known as usize;
                run.batches += 1;
                if placed.fence.end.is_some() {
                    ended.insert(name.clone());
                }
                next.insert(name, batch + 1);
                batches
                    .send(placed)
                    .map_err(|_| anyhow::anyhow!("the writer stopped"))?;
                idle_since = Instant::now();
            }
            None => {
                if idle_exit.is_some_and(|d| idle_since.elapsed() >= d) {
                    return Ok(());
                }
                // messages delivered again after their batch was placed
                if swept.elapsed() >= SWEEP {
                    reader.queue_forget_placed()?;
                    swept = Instant::now();
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// How often an idle placer forgets the items of batches placed already.
const SWEEP: Duration = Duration::from_secs(5);

/// The first run, in the order runs arrived, whose next batch is complete: (run, batch).
fn next_complete(
    reader: &PgStore,
    next: &mut HashMap<String, i64>,
    ended: &HashSet<String>,
) -> Result<Option<(String, i64)>> {
    for open in reader.queue_open_runs()? {
        if ended.contains(&open.run) {
            continue;
        }
        let batch = *next
            .entry(open.run.clone())
            .and_modify(|b| *b = (*b).max(open.next_batch))
            .or_insert(open.next_batch);
        if reader.queue_batch_state(&open.run, batch)?.complete() {
            return Ok(Some((open.run, batch)));
        }
    }
    Ok(None)
}

/// Places a batch: its articles read back as a replay reads them (in parallel), those stored
/// already or placed earlier by this placer counted, the rest placed in the index.
fn place_batch(
    reader: &PgStore,
    index: &mut StoryIndex,
    lease: &Lease,
    (name, batch): (&str, i64),
    items: Vec<QueueItem>,
    seen: &mut HashSet<ArticleId>,
) -> Result<Batch> {
    let ids: Vec<ArticleId> = items.iter().filter_map(|i| i.article).collect();
    let stored_already = reader.stored_among(&ids)?;
    let end = items
        .iter()
        .find(|i| i.kind == ItemKind::End)
        .map(|i| i.position);
    // An article the stream dropped as published already has a `duplicate` marker where it
    // was sent. When NATS lost the copy it had kept (killed before writing it out) and a later
    // copy was kept instead, the marker comes first: the article is placed at the marker, as
    // one process reading the input places it at its first copy; the later copy is then known.
    let early: Vec<ArticleId> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Duplicate)
        .filter_map(|i| i.article)
        .filter(|a| !stored_already.contains(a) && !seen.contains(a))
        .collect();
    let copies = reader.queued_copies(&early)?;
    // read back on all cores, in order, with the workers' profiles
    let read: Vec<Option<Prepared>> = items
        .par_iter()
        .map(|item| {
            let article = item.article?;
            if stored_already.contains(&article) {
                return None;
            }
            match item.kind {
                // the item's article is the analysis's id (the worker wrote both)
                ItemKind::Article => {
                    analysed_prepared(item.payload.as_deref()?, item.profile.as_deref())
                }
                ItemKind::Duplicate => {
                    let (payload, profile) = copies.get(&article)?;
                    analysed_prepared(payload, profile.as_deref())
                }
                ItemKind::End | ItemKind::Unreadable => None,
            }
        })
        .collect();
    let mut prepared = Vec::new();
    let mut known = 0;
    for (item, read) in items.iter().zip(read) {
        match (item.kind, read) {
            (ItemKind::Article | ItemKind::Duplicate, Some(p))
                if !seen.contains(&p.analysis.id) =>
            {
                prepared.push(p)
            }
            // stored already, placed earlier by this placer, or a payload that does not read;
            // an article the stream dropped as published already
            (ItemKind::Article | ItemKind::Duplicate, _) => known += 1,
            (ItemKind::End | ItemKind::Unreadable, _) => {}
        }
    }
    let placed = index.place(prepared, seen);
    let new = placed.placements().count() as i64;
    // two copies of one article in the batch: the second is known
    known += placed.known as i64;
    Ok(Batch {
        placed,
        fence: Fence {
            part: PART,
            epoch: lease.epoch,
            run: name.to_string(),
            batch,
            placed: new,
            known,
            end,
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
