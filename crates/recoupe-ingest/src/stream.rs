//! Files read incrementally: JSON Lines line by line and WARC archives record by record, gzip or
//! not, so an archive of any size is read in bounded memory (one record at a time, each capped).
//! Other formats (HTML pages, texts, feeds, JSON arrays) are one bounded read, as
//! [`crate::read_file`] does.
//!
//! A gzip stream may expand to at most [`Caps::max_decompressed_bytes`] or 100 times its
//! compressed size, whichever is more: news compresses 3–10 times, a bomb thousands of times.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use recoupe_core::RawArticle;

use crate::warc::{Record, WarcReader};
use crate::{cap_body, json, Caps, Format, IngestError};

/// One thing read from a file.
#[derive(Debug)]
pub enum Item {
    Article(Box<RawArticle>),
    /// A record that is not an article (a WARC request, a 404, an image), with the reason.
    Skipped(String),
    /// A record that could not be read (bad JSON, a damaged archive): reported, the rest goes on.
    Problem(String),
}

/// The items of one file, read as they are asked for.
pub struct FileStream {
    inner: Inner,
    source: String,
    caps: Caps,
}

enum Inner {
    Lines {
        reader: Box<dyn BufRead + Send>,
        line: usize,
    },
    Warc(WarcReader<Box<dyn BufRead + Send>>),
    Ready(VecDeque<Item>),
}

/// Counts the bytes read from a file (for a progress bar over compressed input).
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Fails a read once more than `left` bytes came out (a decompression bomb).
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(io::Error::other(
                "expands past the decompression cap (--max-decompressed-bytes, or 100 times the compressed size): a gzip bomb?",
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Opens `path` for reading item by item; `counter` (if given) counts the file's bytes read.
pub fn open_stream(
    path: &Path,
    caps: &Caps,
    counter: Option<Arc<AtomicU64>>,
) -> Result<FileStream, IngestError> {
    if path.as_os_str() == crate::STDIN {
        return open_stdin(caps, counter);
    }
    let (format, gz) = Format::of_path(path).unwrap_or((Format::Text, false));
    let source = path.display().to_string();
    let streamed = matches!(format, Format::Warc)
        || (matches!(format, Format::JsonLines)
            && !path
                .to_string_lossy()
                .to_ascii_lowercase()
                .trim_end_matches(".gz")
                .ends_with(".json"));
    if !streamed {
        let counter_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let items = ready(crate::read_file(path, caps).map_err(|e| e.message));
        if let Some(counter) = counter {
            counter.fetch_add(counter_len, Ordering::Relaxed);
        }
        return Ok(FileStream {
            inner: Inner::Ready(items),
            source,
            caps: caps.clone(),
        });
    }
    let file = File::open(path).map_err(|e| IngestError::new(path, format!("cannot open: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let raw: Box<dyn Read + Send> = match counter {
        Some(counter) => Box::new(Counting {
            inner: file,
            counter,
        }),
        None => Box::new(file),
    };
    let reader: Box<dyn BufRead + Send> = if gz {
        let left = caps.max_decompressed_bytes.max(size.saturating_mul(100));
        Box::new(BufReader::with_capacity(
            1 << 16,
            Capped {
                inner: flate2::read::MultiGzDecoder::new(BufReader::new(raw)),
                left,
            },
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, raw))
    };
    let inner = match format {
        Format::Warc => Inner::Warc(WarcReader::new(reader, &source, caps)),
        _ => Inner::Lines { reader, line: 0 },
    };
    Ok(FileStream {
        inner,
        source,
        caps: caps.clone(),
    })
}

/// The items of an input read whole: its articles, then its problems (or the one reason it
/// could not be read).
fn ready(read: Result<crate::FileRead, String>) -> VecDeque<Item> {
    match read {
        Ok(read) => read
            .articles
            .into_iter()
            .map(|a| Item::Article(Box::new(a)))
            .chain(read.problems.into_iter().map(Item::Problem))
            .collect(),
        Err(message) => VecDeque::from([Item::Problem(message)]),
    }
}

/// Standard input (`-`), its format told by its first bytes: gzip is opened (with the
/// decompression cap); JSON Lines (a line opening with `{`) and WARC are streamed record by
/// record; anything else (an HTML page, a feed, a JSON array, a text) is read whole, up to
/// [`Caps::max_file_bytes`], as a file of that kind would be.
fn open_stdin(caps: &Caps, counter: Option<Arc<AtomicU64>>) -> Result<FileStream, IngestError> {
    let source = "stdin".to_string();
    let problem =
        |e: io::Error| IngestError::new(Path::new(crate::STDIN), format!("cannot read: {e}"));
    let raw: Box<dyn Read + Send> = match counter {
        Some(counter) => Box::new(Counting {
            inner: io::stdin(),
            counter,
        }),
        None => Box::new(io::stdin()),
    };
    let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, raw));
    if reader
        .fill_buf()
        .map_err(problem)?
        .starts_with(&[0x1f, 0x8b])
    {
        reader = Box::new(BufReader::with_capacity(
            1 << 16,
            Capped {
                inner: flate2::read::MultiGzDecoder::new(reader),
                left: caps.max_decompressed_bytes,
            },
        ));
    }
    let head = reader.fill_buf().map_err(problem)?;
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(head.len());
    let head = &head[start..];
    let inner = if head.starts_with(b"WARC/") {
        Inner::Warc(WarcReader::new(reader, &source, caps))
    } else if head.starts_with(b"{") {
        Inner::Lines { reader, line: 0 }
    } else {
        let lower = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
        let format = if head.starts_with(b"[") {
            Format::JsonLines
        } else if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf") {
            Format::Feed
        } else if head.starts_with(b"<") {
            Format::Html
        } else {
            Format::Text
        };
        let mut bytes = Vec::new();
        reader
            .take(caps.max_file_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(problem)?;
        if bytes.len() as u64 > caps.max_file_bytes {
            return Err(IngestError::new(
                Path::new(crate::STDIN),
                format!(
                    "standard input is larger than {} bytes (--max-file-bytes)",
                    caps.max_file_bytes
                ),
            ));
        }
        Inner::Ready(ready(crate::read_bytes(&source, &bytes, format, caps)))
    };
    Ok(FileStream {
        inner,
        source,
        caps: caps.clone(),
    })
}

impl Iterator for FileStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match &mut self.inner {
            Inner::Ready(items) => items.pop_front(),
            Inner::Warc(reader) => match reader.next_record()? {
                Ok(Record::Article(article)) => Some(Item::Article(article)),
                Ok(Record::Skipped(why)) => Some(Item::Skipped(why)),
                Err(message) => Some(Item::Problem(message)),
            },
            Inner::Lines { reader, line } => loop {
                *line += 1;
                let mut bytes = Vec::new();
                let cap = self.caps.max_record_bytes;
                let read = match reader.by_ref().take(cap + 1).read_until(b'\n', &mut bytes) {
                    Ok(n) => n,
                    Err(e) => {
                        let message = format!("line {line}: {e}");
                        self.inner = Inner::Ready(VecDeque::new());
                        return Some(Item::Problem(message));
                    }
                };
                if read == 0 {
                    return None;
                }
                if bytes.len() as u64 > cap {
                    // skip the rest of the line, in bounded pieces
                    let n = *line;
                    loop {
                        bytes.clear();
                        match reader.by_ref().take(cap).read_until(b'\n', &mut bytes) {
                            Ok(0) => break,
                            Ok(_) if bytes.ends_with(b"\n") => break,
                            Ok(_) => continue,
                            Err(_) => break,
                        }
                    }
                    return Some(Item::Problem(format!(
                        "line {n}: longer than {cap} bytes (--max-record-bytes), skipped"
                    )));
                }
                let text = String::from_utf8_lossy(&bytes);
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                let value: serde_json::Value = match serde_json::from_str(text) {
                    Ok(v) => v,
                    Err(e) => {
                        return Some(Item::Problem(format!("line {line}: not valid JSON: {e}")))
                    }
                };
                return Some(
                    match json::article_from_value(&self.source, *line, &value) {
                        Ok(mut article) => {
                            cap_body(&mut article, self.caps.max_article_bytes);
                            Item::Article(Box::new(article))
                        }
                        Err(message) => Item::Problem(format!("line {line}: {message}")),
                    },
                );
            },
        }
    }
}
