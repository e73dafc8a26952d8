//! The PostgreSQL schema: the SQLite store's tables with the same names and columns (so that an
//! analyst's SQL reads both), a `seq` column where SQLite has its `rowid`, a `tsvector` for
//! search, and what only a shared database needs: the placer's lease.

/// The migrations, in order; the schema version is their count (kept in `recoupe_schema`).
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: everything the SQLite store has at its schema 10
    r#"
    CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,           -- order of arrival, what SQLite's rowid is
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT COLLATE "C" NOT NULL,
        url TEXT,
        site TEXT,
        byline TEXT,
        language TEXT,
        published TEXT COLLATE "C",
        published_basis TEXT,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL,
        search TSVECTOR NOT NULL,            -- title (weight A) and text as recoupe folds them
        ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_search ON articles USING gin(search);
    CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT NOT NULL,
        start TEXT COLLATE "C",
        "end" TEXT COLLATE "C",
        size BIGINT NOT NULL,
        languages TEXT NOT NULL,
        sources TEXT NOT NULL,
        opened_seq BIGINT NOT NULL,
        updated_seq BIGINT NOT NULL
    );
    CREATE INDEX stories_recent ON stories(("end" IS NULL), "end" DESC, size DESC);
    CREATE INDEX stories_largest ON stories(size DESC, "end" DESC);
    CREATE TABLE story_members (
        seq BIGINT PRIMARY KEY,
        story TEXT COLLATE "C" NOT NULL,
        score DOUBLE PRECISION,
        evidence TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story, seq);
    CREATE TABLE links (
        seq BIGINT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        kind TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        link TEXT NOT NULL,
        PRIMARY KEY (seq, b)
    );
    CREATE TABLE story_index (
        part INTEGER PRIMARY KEY,
        seq BIGINT NOT NULL,
        bytes BYTEA NOT NULL
    );
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        polled_at TEXT
    );
    CREATE TABLE entities (
        cluster BIGINT PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        block INTEGER,
        mentions BIGINT NOT NULL,
        articles BIGINT NOT NULL,
        state TEXT NOT NULL
    );
    CREATE INDEX entities_mentions ON entities(mentions DESC, name);
    CREATE INDEX entities_block ON entities(block, mentions DESC);
    CREATE TABLE entity_names (
        name TEXT NOT NULL,
        cluster BIGINT NOT NULL,
        PRIMARY KEY (name, cluster)
    );
    CREATE TABLE entity_articles (
        cluster BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (cluster, seq)
    );
    CREATE TABLE entity_spellings (
        spelling TEXT NOT NULL,
        kind TEXT NOT NULL,
        cluster BIGINT NOT NULL,
        PRIMARY KEY (spelling, kind)
    );
    CREATE TABLE entity_index (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        seq BIGINT NOT NULL
    );
    CREATE TABLE quotes (
        seq BIGINT NOT NULL,
        n INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_key TEXT,
        words TEXT NOT NULL,
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        PRIMARY KEY (seq, n)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_key);
    CREATE TABLE figures (
        seq BIGINT NOT NULL,
        n INTEGER NOT NULL,
        kind TEXT NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        unit TEXT,
        counts TEXT,
        qualifier TEXT,
        bound TEXT NOT NULL,
        text TEXT NOT NULL,
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        PRIMARY KEY (seq, n)
    );
    CREATE VIEW quotes_by_speaker AS
    SELECT q.speaker,
           (SELECT e.id FROM entity_names x JOIN entities e ON e.cluster = x.cluster
            WHERE x.name = q.speaker_key ORDER BY e.mentions DESC LIMIT 1) AS speaker_entity,
           q.kind, q.words, a.id AS article, a.language, a.published, a.title, m.story,
           q.start, q."end"
    FROM quotes q JOIN articles a ON a.seq = q.seq
    LEFT JOIN story_members m ON m.seq = q.seq
    ORDER BY q.speaker_key, a.published, q.seq, q.n;
    CREATE VIEW figures_by_story AS
    SELECT m.story, f.kind, f.value, f.unit, f.counts, f.qualifier, f.bound, f.text,
           a.id AS article, a.language, a.published, a.title, f.start, f."end"
    FROM figures f JOIN articles a ON a.seq = f.seq
    LEFT JOIN story_members m ON m.seq = f.seq
    ORDER BY m.story, f.kind, a.published, f.seq, f.n;
    CREATE VIEW articles_by_entity AS
    SELECT e.id AS entity, e.name, e.kind AS type, a.id AS article, a.language, a.published,
           a.title, m.story
    FROM entity_articles x JOIN entities e ON e.cluster = x.cluster
    JOIN articles a ON a.seq = x.seq
    LEFT JOIN story_members m ON m.seq = x.seq
    ORDER BY e.mentions DESC, e.id, a.published;
    CREATE TABLE corrections (
        id BIGSERIAL PRIMARY KEY,
        at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        by TEXT NOT NULL,
        why TEXT NOT NULL,
        action TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE TABLE story_redirects (
        story TEXT PRIMARY KEY,
        into_story TEXT NOT NULL,
        correction BIGINT NOT NULL
    );
    "#,
    QUEUE,
    // 3: each item says the batch size of its run (the placer cuts batches as the run's
    // publisher did)
    "ALTER TABLE queue_items ADD COLUMN batch BIGINT NOT NULL DEFAULT 2048;",
    // 4: each article's search vector made of recoupe's own words (`search_vector`), not by
    // PostgreSQL's parser: the stored ones are made again when the store is migrated
    "SELECT 1;",
    // 5: queue items keyed by their run and position, placed a whole batch at a time: a
    // stream's sequence numbers are not a key (a server killed and restarted may give one
    // again), and a message republished later lands after its batch's others
    QUEUE_BY_POSITION,
    // 6: an article the stream dropped as a duplicate is marked in its place; the placer looks
    // for its first copy among the queued items by the article's id
    "CREATE INDEX queue_items_article ON queue_items (article);",
    // 7: the worker's profile of each article, so that the placer does not make it again
    "ALTER TABLE queue_items ADD COLUMN profile BYTEA;",
    // 8: the long texts compressed with lz4 rather than pglz (10,000 generated articles through
    // the queue: 9.4 CPU-seconds on the machine against 10.1, docs/BENCHMARKS.md); left as they
    // are by a server built without lz4
    r#"
    DO $$ BEGIN
        ALTER TABLE queue_items ALTER COLUMN payload SET COMPRESSION lz4;
        ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
        ALTER TABLE articles ALTER COLUMN analysis SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN NULL;
    END $$;
    "#,
    // 9: the names found, each with its entity (SQLite's schema 11; docs/store.md); a
    // database's earlier articles keep none
    r#"
    CREATE TABLE mentions (
        seq BIGINT NOT NULL,
        n INTEGER NOT NULL,
        in_title BOOLEAN NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        cluster BIGINT,
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        PRIMARY KEY (seq, n)
    );
    CREATE INDEX mentions_cluster ON mentions(cluster);
    CREATE VIEW mentions_by_entity AS
    SELECT e.id AS entity, e.name, m.kind AS type, m.text, m.in_title, a.id AS article,
           a.language, a.published, s.story, m.start, m."end"
    FROM mentions m JOIN articles a ON a.seq = m.seq
    LEFT JOIN entities e ON e.cluster = m.cluster
    LEFT JOIN story_members s ON s.seq = m.seq
    ORDER BY e.mentions DESC, e.id, a.published, m.seq, m.n;
    "#,
];

/// The schema version whose migration makes every stored search vector again.
pub(crate) const OWN_SEARCH_WORDS: usize = 4;

/// 2: what the work queue needs in the database (crates/recoupe-queue, docs/scale-out.md): the
/// workers' analyses by stream sequence, the placer's lease with its fencing epoch and how far
/// it has placed, and each ingest run's counts.
pub(crate) const QUEUE: &str = r#"
    CREATE TABLE queue_items (
        stream_seq BIGINT PRIMARY KEY,       -- the message's sequence in the JetStream stream
        run TEXT NOT NULL,                   -- the ingest run that published it
        position BIGINT NOT NULL,            -- its place in that run's input (from 1)
        kind TEXT NOT NULL,                  -- article, end (of a run), unreadable
        article TEXT,                        -- the article's id
        payload TEXT                         -- the analysis, as the placer reads it
    );
    CREATE TABLE placer_lease (
        part INTEGER PRIMARY KEY,            -- the partition placed (one for now)
        holder TEXT NOT NULL,
        epoch BIGINT NOT NULL,               -- raised at every takeover: a write of an older one is refused
        expires_at TIMESTAMPTZ NOT NULL,
        done_seq BIGINT NOT NULL             -- every queue item up to it is placed
    );
    CREATE TABLE queue_runs (
        run TEXT PRIMARY KEY,
        end_seq BIGINT,                      -- the run's end marker, once placed
        placed BIGINT NOT NULL DEFAULT 0,
        known BIGINT NOT NULL DEFAULT 0
    );
"#;

/// 5: the workers' analyses by run and position, with the batch each belongs to and how many
/// articles that batch holds (the placer places a batch once all are there, whatever order the
/// stream gave them in); each run's next batch to place and its first arrival (runs are placed
/// in that order).
pub(crate) const QUEUE_BY_POSITION: &str = r#"
    DROP TABLE queue_items;
    CREATE TABLE queue_items (
        run TEXT NOT NULL,                   -- the ingest run that published it
        position BIGINT NOT NULL,            -- its place in that run's input (from 1)
        batch BIGINT NOT NULL,               -- its batch in the run (from 0)
        count BIGINT NOT NULL,               -- the articles that batch holds
        kind TEXT NOT NULL,                  -- article, end (of a run), unreadable
        article TEXT,                        -- the article's id
        payload TEXT,                        -- the analysis, as the placer reads it
        PRIMARY KEY (run, position)
    );
    CREATE INDEX queue_items_batch ON queue_items (run, batch);
    ALTER TABLE queue_runs ADD COLUMN since BIGSERIAL;
    ALTER TABLE queue_runs ADD COLUMN next_batch BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE queue_runs RENAME COLUMN end_seq TO end_position;
    ALTER TABLE placer_lease DROP COLUMN done_seq;
"#;
