//! Readers: turn files and directories into [`RawArticle`]s for the pipeline.
//!
//! Every read is bounded (see [`Caps`]): file size, decompressed size, HTML nesting depth, JSON
//! nesting depth, article length. A file that breaks a cap or cannot be read gives one
//! [`IngestError`] naming the file, and the walk goes on with the next file.

mod charref;
mod decode;
pub mod feed;
pub mod html;
pub mod json;
pub mod readable;
pub mod stream;
mod text;
pub mod warc;
pub mod web;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use recoupe_core::RawArticle;

pub use decode::decode_text;

/// Limits on what one input may cost. Defaults suit news pages; all are configurable from the CLI.
#[derive(Clone, Debug)]
pub struct Caps {
    /// Largest file read from disk (compressed size for `.gz`).
    pub max_file_bytes: u64,
    /// Largest size a `.gz` file may expand to.
    pub max_decompressed_bytes: u64,
    /// Most HTML elements read from one page; past it, tags are ignored and text still read, with
    /// a diagnostic (bounds memory on hostile pages; news pages have a few thousand).
    pub max_html_elements: usize,
    /// Longest article body kept; longer ones are cut at a paragraph boundary, with a diagnostic.
    pub max_article_bytes: usize,
    /// Most files visited under one directory.
    pub max_files: usize,
    /// Most bytes of one record of a stream: a JSON Lines line, a WARC record.
    pub max_record_bytes: u64,
    /// Most items read from one feed.
    pub max_feed_items: usize,
}

impl Default for Caps {
    fn default() -> Caps {
        Caps {
            max_file_bytes: 64 << 20,
            max_decompressed_bytes: 256 << 20,
            max_html_elements: 200_000,
            max_article_bytes: 2 << 20,
            max_files: 1_000_000,
            max_record_bytes: 32 << 20,
            max_feed_items: 10_000,
        }
    }
}

/// A file that could not be read as articles, and why. Other files are unaffected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct IngestError {
    pub path: String,
    pub message: String,
}

impl IngestError {
    pub(crate) fn new(path: &Path, message: impl Into<String>) -> IngestError {
        IngestError {
            path: path.display().to_string(),
            message: message.into(),
        }
    }
}

/// The formats recoupe reads, from a file's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
    /// RSS or Atom.
    Feed,
    /// A WARC archive (CC-NEWS).
    Warc,
}

impl Format {
    /// The format of a file name, looking through a `.gz` suffix; `None` for files recoupe does
    /// not read (they are skipped when walking a directory).
    pub fn of_path(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (stem, gz) = match name.strip_suffix(".gz") {
            Some(stem) => (stem.to_string(), true),
            None => (name, false),
        };
        let ext = stem.rsplit_once('.').map(|(_, e)| e)?;
        let format = match ext {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::JsonLines,
            "rss" | "atom" | "xml" => Format::Feed,
            "warc" => Format::Warc,
            _ => return None,
        };
        Some((format, gz))
    }
}

/// Lists the files to read under the given paths: files as given (any name), directories
/// recursively (only known extensions, hidden entries skipped), sorted for a stable order.
/// The path that names standard input (`recoupe ingest -`).
pub const STDIN: &str = "-";

pub fn collect_files(paths: &[PathBuf], caps: &Caps) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN {
            files.push(path.clone());
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, caps, &mut files, &mut errors, 0),
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(IngestError::new(path, format!("cannot read: {e}"))),
        }
    }
    (files, errors)
}

fn walk(
    dir: &Path,
    caps: &Caps,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<IngestError>,
    depth: usize,
) {
    if depth > 64 {
        errors.push(IngestError::new(
            dir,
            "directory nesting deeper than 64, not entered",
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(IngestError::new(dir, format!("cannot list: {e}")));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        if child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        if files.len() >= caps.max_files {
            errors.push(IngestError::new(
                dir,
                format!("more than {} files, the rest skipped", caps.max_files),
            ));
            return;
        }
        // symlink_metadata: do not follow links out of the tree (or into loops)
        match fs::symlink_metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, caps, files, errors, depth + 1),
            Ok(meta) if meta.is_file() && Format::of_path(&child).is_some() => files.push(child),
            _ => {}
        }
    }
}

/// What one readable file gave: its articles, and the records inside it that were not articles
/// (a bad JSON line), each described.
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<RawArticle>,
    pub problems: Vec<String>,
}

/// Reads one file into articles. Unknown extensions are read as plain text if they decode as
/// text. Content problems inside a readable file become diagnostics on the articles; only a file
/// that cannot be read at all is an error.
pub fn read_file(path: &Path, caps: &Caps) -> Result<FileRead, IngestError> {
    let (format, gz) = Format::of_path(path).unwrap_or((Format::Text, false));
    let bytes = read_bounded(path, gz, caps)?;
    let source = path.display().to_string();
    read_bytes(&source, &bytes, format, caps).map_err(|message| IngestError::new(path, message))
}

/// Parses bytes already in memory (from a file, an HTTP body, an archive record).
pub fn read_bytes(
    source: &str,
    bytes: &[u8],
    format: Format,
    caps: &Caps,
) -> Result<FileRead, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".into());
    }
    let declared = match format {
        Format::Html => html::declared_charset(bytes),
        _ => None,
    };
    let decoded = decode_text(bytes, declared)?;
    let (mut articles, problems) = match format {
        Format::Text => (vec![text::read_text(source, &decoded.text)], Vec::new()),
        Format::Html => (
            vec![html::read_html(source, &decoded.text, caps)],
            Vec::new(),
        ),
        Format::JsonLines => json::read_json(source, &decoded.text),
        Format::Feed => {
            let (items, problems) = feed::read_feed(source, &decoded.text, caps.max_feed_items);
            (items.into_iter().map(|i| i.article).collect(), problems)
        }
        Format::Warc => return read_warc_bytes(source, bytes, caps),
    };
    if articles.is_empty() && !problems.is_empty() {
        return Err(problems.join("; "));
    }
    for article in &mut articles {
        if let Some(note) = &decoded.note {
            article
                .diagnostics
                .push(recoupe_core::Diagnostic::new("ingest", note.clone()));
        }
        cap_body(article, caps.max_article_bytes);
    }
    Ok(FileRead { articles, problems })
}

pub fn read_bounded(path: &Path, gz: bool, caps: &Caps) -> Result<Vec<u8>, IngestError> {
    let file =
        fs::File::open(path).map_err(|e| IngestError::new(path, format!("cannot open: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| IngestError::new(path, format!("cannot stat: {e}")))?;
    if !meta.is_file() {
        return Err(IngestError::new(path, "not a regular file"));
    }
    if meta.len() > caps.max_file_bytes {
        return Err(IngestError::new(
            path,
            format!(
                "file is {} bytes, over the cap of {} (--max-file-bytes)",
                meta.len(),
                caps.max_file_bytes
            ),
        ));
    }
    let mut raw = Vec::with_capacity(meta.len() as usize);
    file.take(caps.max_file_bytes + 1)
        .read_to_end(&mut raw)
        .map_err(|e| IngestError::new(path, format!("read failed: {e}")))?;
    if raw.len() as u64 > caps.max_file_bytes {
        return Err(IngestError::new(
            path,
            "file grew past the size cap while being read",
        ));
    }
    if !gz {
        return Ok(raw);
    }
    // news compresses 3-10 times, a bomb thousands: past 100 times the compressed size (and
    // 16 MiB), or the cap, reading stops
    let cap = caps
        .max_decompressed_bytes
        .min((raw.len() as u64).saturating_mul(100).max(16 << 20));
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(raw.as_slice());
    decoder
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::new(path, format!("not valid gzip: {e}")))?;
    if out.len() as u64 > cap {
        return Err(IngestError::new(
            path,
            format!(
                "expands past {cap} bytes (100 times its size, or --max-decompressed-bytes): a gzip bomb, or an archive too large for one file"
            ),
        ));
    }
    Ok(out)
}

/// A WARC archive already in memory (a stream is read with [`stream::open_stream`]).
fn read_warc_bytes(source: &str, bytes: &[u8], caps: &Caps) -> Result<FileRead, String> {
    let mut reader = warc::WarcReader::new(bytes, source, caps);
    let mut read = FileRead::default();
    while let Some(record) = reader.next_record() {
        match record {
            Ok(warc::Record::Article(article)) => read.articles.push(*article),
            Ok(warc::Record::Skipped(_)) => {}
            Err(message) => read.problems.push(message),
        }
    }
    if read.articles.is_empty() && !read.problems.is_empty() {
        return Err(read.problems.join("; "));
    }
    Ok(read)
}

/// Cuts an over-long body at the last paragraph break before the cap.
pub(crate) fn cap_body(article: &mut RawArticle, max: usize) {
    if article.body.len() <= max {
        return;
    }
    let mut cut = max;
    while !article.body.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(newline) = article.body[..cut].rfind('\n') {
        cut = newline;
    }
    let original = article.body.len();
    article.body.truncate(cut);
    article.diagnostics.push(recoupe_core::Diagnostic::new(
        "ingest",
        format!("body cut from {original} to {cut} bytes (--max-article-bytes)"),
    ));
}
