//! `recoupe serve`: a JSON API (documented at `/api/openapi.json`) and a server-rendered web UI
//! over one store. An edge around the core like the CLI: requests are answered from the store on
//! blocking threads (SQLite is synchronous), one writer places articles posted to the API in
//! their stories at once.
//!
//! Security: binds 127.0.0.1 unless told otherwise, and then refuses to start without a token
//! for writing; every text from an article is escaped (maud escapes by construction); a strict
//! Content-Security-Policy (no script at all, styles from the server only); request bodies and
//! request time are capped.

mod api;
mod openapi;
mod pages;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use recoupe_core::stories::StoryConfig;
use recoupe_ingest::Caps;
use recoupe_store::{Store, StoryIndex};

pub use crate::openapi::ErrorCode;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Needed to write (`POST /api/articles`, as `Authorization: Bearer TOKEN`); required when
    /// the address is not a loopback one.
    pub token: Option<String>,
    pub caps: Caps,
    /// Largest request body.
    pub max_body_bytes: usize,
    /// Longest time a request may take.
    pub request_timeout: Duration,
    /// Longest time a client may take to send a request's headers (slow clients are dropped).
    pub header_timeout: Duration,
    /// Most connections open at once; more wait to be accepted.
    pub max_connections: usize,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            caps: Caps::default(),
            max_body_bytes: 8 << 20,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            max_connections: 1_024,
        }
    }
}

pub(crate) struct Inner {
    config: Config,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Option<(Store, StoryIndex)>>,
    /// Story pages and story JSON already made, by (kind, story, version).
    pages: Mutex<PageCache>,
}

/// Rendered story pages: a story page costs its articles analysed again, its names linked and
/// its comparison; it changes only when an article joins (the story's version), so it is kept,
/// at most [`PageCache::CAPACITY`] of them, the oldest made dropped first. A page checked
/// against the store less than [`PageCache::FRESH`] ago is served without asking the store
/// again (an article posted to this server clears its story's pages at once; one written by
/// another process shows within that delay).
#[derive(Default)]
pub(crate) struct PageCache {
    map: std::collections::HashMap<(PageKind, recoupe_core::StoryId), CachedPage>,
    order: std::collections::VecDeque<(PageKind, recoupe_core::StoryId)>,
}

/// What a cached story answer is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum PageKind {
    /// The story page of the web UI.
    Html,
    /// The story as the API's JSON.
    Json,
}

/// The version of a page whose story changed: never served again.
const FORGOTTEN: i64 = i64::MIN;

struct CachedPage {
    version: i64,
    page: axum::body::Bytes,
    checked: std::time::Instant,
}

impl PageCache {
    const CAPACITY: usize = 4_096;
    const FRESH: Duration = Duration::from_secs(1);

    /// The page, if it was checked against the store a moment ago.
    fn fresh(&self, kind: PageKind, id: recoupe_core::StoryId) -> Option<axum::body::Bytes> {
        self.map
            .get(&(kind, id))
            .filter(|c| c.version != FORGOTTEN && c.checked.elapsed() < Self::FRESH)
            .map(|c| c.page.clone())
    }

    /// The page if the story is still at `version` (and marks it checked).
    fn get(
        &mut self,
        kind: PageKind,
        id: recoupe_core::StoryId,
        version: i64,
    ) -> Option<axum::body::Bytes> {
        let cached = self
            .map
            .get_mut(&(kind, id))
            .filter(|c| c.version == version)?;
        cached.checked = std::time::Instant::now();
        Some(cached.page.clone())
    }

    fn put(
        &mut self,
        kind: PageKind,
        id: recoupe_core::StoryId,
        version: i64,
        page: axum::body::Bytes,
    ) {
        let entry = CachedPage {
            version,
            page,
            checked: std::time::Instant::now(),
        };
        if self.map.insert((kind, id), entry).is_none() {
            self.order.push_back((kind, id));
        }
        while self.order.len() > Self::CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.map.remove(&old);
            }
        }
    }

    /// Forgets every story's pages (a correction of the entities may change any of them).
    pub(crate) fn forget_all(&mut self) {
        for c in self.map.values_mut() {
            c.version = FORGOTTEN;
        }
    }

    /// Forgets a story's pages (an article joined it).
    pub(crate) fn forget(&mut self, id: recoupe_core::StoryId) {
        for kind in [PageKind::Html, PageKind::Json] {
            if let Some(c) = self.map.get_mut(&(kind, id)) {
                c.version = FORGOTTEN;
            }
        }
    }
}

/// What handlers share.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

/// An error as the API reports it: an HTTP status, a stable code, a message.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
    pub(crate) fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, what)
    }
    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, message)
    }
    pub(crate) fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            message,
        )
    }
}

impl From<recoupe_store::StoreError> for ApiError {
    fn from(e: recoupe_store::StoreError) -> ApiError {
        match e {
            recoupe_store::StoreError::NotFound(what) => ApiError::not_found(what),
            recoupe_store::StoreError::Ambiguous(id) => ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::AmbiguousId,
                format!("{id} matches several items; give more digits"),
            ),
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = openapi::ErrorAnswer {
            error: openapi::ErrorBody {
                code: self.code,
                message: self.message,
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// Size of the chunks a streamed body is sent in.
const CHUNK: usize = 64 * 1024;

/// Writes a streamed body into chunks for the response (see [`AppState::stream`]).
struct ChunkWriter {
    chunk: Vec<u8>,
    sender: tokio::sync::mpsc::Sender<Result<axum::body::Bytes, std::io::Error>>,
}

impl std::io::Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.chunk.extend_from_slice(bytes);
        if self.chunk.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.sender
            .blocking_send(Ok(axum::body::Bytes::from(chunk)))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

/// The receiving end of a streamed body.
struct ChunkStream(tokio::sync::mpsc::Receiver<Result<axum::body::Bytes, std::io::Error>>);

impl futures_core::Stream for ChunkStream {
    type Item = Result<axum::body::Bytes, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

impl AppState {
    /// Opens the store (creating and migrating it if needed) and the story index.
    pub fn open(config: Config) -> anyhow::Result<AppState> {
        if let Some(notice) = recoupe_store::upgrade_notice(&config.db) {
            eprintln!("recoupe: {notice}");
        }
        let mut store = Store::open(&config.db)?;
        let index = store.story_index(StoryConfig::default())?;
        Ok(AppState(Arc::new(Inner {
            config,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(Some((store, index))),
            pages: Mutex::new(PageCache::default()),
        })))
    }

    /// Runs `f` with a read connection, on a blocking thread.
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let inner = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let pooled = inner.readers.lock().ok().and_then(|mut pool| pool.pop());
            let store = match pooled {
                Some(store) => store,
                None => Store::open(&inner.config.db)?,
            };
            let result = f(&store);
            if let Ok(mut pool) = inner.readers.lock() {
                if pool.len() < 16 {
                    pool.push(store);
                }
            }
            result
        })
        .await
        .map_err(|_| ApiError::internal("the request's worker stopped"))?
    }

    /// A response body that `f` writes on a blocking thread with a connection of its own, sent
    /// as it is written (64 kB chunks, at most four waiting): memory stays bounded whatever the
    /// size of what is written, and a client that goes away stops the writing (its writes
    /// fail as a closed pipe).
    pub(crate) fn stream(
        &self,
        f: impl FnOnce(&Store, &mut dyn std::io::Write) -> Result<(), ApiError> + Send + 'static,
    ) -> axum::body::Body {
        let (sender, receiver) = tokio::sync::mpsc::channel(4);
        let inner = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let mut writer = ChunkWriter {
                chunk: Vec::with_capacity(CHUNK),
                sender,
            };
            let result = Store::open(&inner.config.db)
                .and_then(|store| store.scanning().map(|()| store))
                .map_err(ApiError::from)
                .and_then(|store| f(&store, &mut writer));
            // what was written so far goes out; an error after the first byte can only cut the
            // body short (the status is sent already)
            let _ = std::io::Write::flush(&mut writer);
            if let Err(e) = result {
                let _ = writer
                    .sender
                    .blocking_send(Err(std::io::Error::other(e.message)));
            }
        });
        axum::body::Body::from_stream(ChunkStream(receiver))
    }

    /// Runs `f` with the writer and the story index, on a blocking thread.
    pub(crate) async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store, &mut StoryIndex) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let inner = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let mut guard = inner
                .writer
                .lock()
                .map_err(|_| ApiError::internal("the writer is unavailable"))?;
            let (store, index) = guard
                .as_mut()
                .ok_or_else(|| ApiError::internal("the writer is unavailable"))?;
            f(store, index)
        })
        .await
        .map_err(|_| ApiError::internal("the request's worker stopped"))?
    }

    /// A story's page (or JSON, by `kind`) from the cache when the story has not changed since,
    /// else made by `make` and kept.
    pub(crate) async fn story_cached(
        &self,
        kind: PageKind,
        id: String,
        make: impl FnOnce(&Store, &recoupe_store::StoryRow) -> Result<String, ApiError> + Send + 'static,
    ) -> Result<axum::body::Bytes, ApiError> {
        // a full id whose page was checked a moment ago: no store, no blocking thread
        if let Some(full) = recoupe_core::StoryId::parse(&id).filter(|_| id.len() == 17) {
            if let Ok(cache) = self.0.pages.lock() {
                if let Some(page) = cache.fresh(kind, full) {
                    return Ok(page);
                }
            }
        }
        let inner = Arc::clone(&self.0);
        self.read(move |store| {
            let row = api::story_row(store, &id)?;
            if let Ok(mut cache) = inner.pages.lock() {
                if let Some(page) = cache.get(kind, row.id, row.version) {
                    return Ok(page);
                }
            }
            let page = axum::body::Bytes::from(make(store, &row)?);
            if let Ok(mut cache) = inner.pages.lock() {
                cache.put(kind, row.id, row.version, page.clone());
            }
            Ok(page)
        })
        .await
    }

    /// Forgets the cached pages of stories that articles just joined.
    /// Forgets the pages a correction changed: its two stories, or every page for one of the
    /// entities.
    pub(crate) fn forget_corrected(&self, action: &recoupe_store::Action) {
        if action.is_read_over() {
            if let Ok(mut cache) = self.0.pages.lock() {
                cache.forget_all();
            }
        } else {
            self.forget_stories(&action.stories());
        }
    }

    pub(crate) fn forget_stories(&self, stories: &[recoupe_core::StoryId]) {
        if let Ok(mut cache) = self.0.pages.lock() {
            for s in stories {
                cache.forget(*s);
            }
        }
    }

    pub(crate) fn config(&self) -> &Config {
        &self.0.config
    }
}

/// The routes: the API under `/api`, the pages elsewhere.
pub fn router(state: AppState) -> Router {
    let max_body = state.config().max_body_bytes;
    let timeout = state.config().request_timeout;
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .route("/static/style.css", get(pages::stylesheet))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(move |req, next| {
            guard(req, next, timeout, max_body)
        }))
        .with_state(state)
}

async fn fallback(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        ApiError::not_found(format!("no endpoint {}", request.uri().path())).into_response()
    } else {
        pages::error_page(StatusCode::NOT_FOUND, "No such page.")
    }
}

/// Security headers on every response, and the time limit.
async fn guard(request: Request, next: Next, timeout: Duration, max_body: usize) -> Response {
    let api = request.uri().path().starts_with("/api/");
    // a body declared over the limit is refused before anything of it is read: waiting for
    // bytes a client may never send would hold the connection until the request timeout
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let too_large = declared.filter(|n| *n > max_body as u64);
    let response = match too_large {
        Some(n) if api => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            format!("the body declares {n} bytes; the limit is {max_body}"),
        )
        .into_response(),
        Some(_) => pages::error_page(StatusCode::PAYLOAD_TOO_LARGE, "The request is too large."),
        None => run_in_time(request, next, timeout, api).await,
    };
    finish(response, api).await
}

/// The request, answered 503 when it takes longer than `timeout`.
async fn run_in_time(request: Request, next: Next, timeout: Duration, api: bool) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) if api => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Timeout,
            format!("the request took more than {} s", timeout.as_secs()),
        )
        .into_response(),
        Err(_) => pages::error_page(StatusCode::SERVICE_UNAVAILABLE, "The page took too long."),
    }
}

async fn finish(mut response: Response, api: bool) -> Response {
    // axum's own rejections (bad path, bad query, body too large) are plain text: the API
    // answers JSON with a stable code whatever went wrong
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if api && (status.is_client_error() || status.is_server_error()) && !is_json {
        let bytes = axum::body::to_bytes(std::mem::take(response.body_mut()), 4096)
            .await
            .unwrap_or_default();
        let code = match status {
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::TooLarge,
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
            s if s.is_server_error() => ErrorCode::Internal,
            _ => ErrorCode::BadRequest,
        };
        let message = String::from_utf8_lossy(&bytes).trim().to_string();
        let message = if message.is_empty() {
            status.canonical_reason().unwrap_or("error").to_string()
        } else {
            message
        };
        response = ApiError::new(status, code, message).into_response();
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Starts serving on a thread of its own and returns the address it listens on (port 0 in
/// `config.addr` picks a free port): for tests and benchmarks.
pub fn spawn(config: Config) -> anyhow::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind(config.addr)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let state = AppState::open(config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    std::thread::spawn(move || {
        runtime.block_on(async move {
            if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                accept(listener, state).await;
            }
        });
    });
    Ok(addr)
}

/// Serves until the process is stopped, on a runtime of its own (for a synchronous caller).
pub fn run(config: Config) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(config))
}

/// Serves until the process is stopped.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    if !config.addr.ip().is_loopback() && config.token.is_none() {
        anyhow::bail!(
            "{} is reachable from other machines: give a token for writing (--token or RECOUPE_TOKEN)",
            config.addr
        );
    }
    let addr = config.addr;
    // on a blocking thread: a PostgreSQL store's client runs a runtime of its own
    let state = tokio::task::spawn_blocking(move || AppState::open(config)).await??;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!(
        "recoupe: serving {} on http://{}",
        state.config().db.display(),
        listener.local_addr()?
    );
    accept(listener, state).await;
    Ok(())
}

/// Accepts connections, at most `max_connections` at once, each served by hyper with a time
/// limit on reading a request's headers: a client that sends them a byte at a time (slowloris)
/// is dropped instead of holding a connection for ever.
async fn accept(listener: tokio::net::TcpListener, state: AppState) {
    let header_timeout = state.config().header_timeout;
    let permits = Arc::new(tokio::sync::Semaphore::new(
        state.config().max_connections.max(1),
    ));
    let app = router(state);
    loop {
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // out of file descriptors, or a connection reset while queued: wait a little
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let _ = connection.await;
        });
    }
}
