//! WARC archives (`.warc`, `.warc.gz` as CC-NEWS ships them: one gzip member per record),
//! streamed record by record: an archive is never held in memory, only one record at a time,
//! and a record is capped ([`crate::Caps::max_record_bytes`]).
//!
//! HTML responses (status 2xx, an HTML content type) become articles through the HTML reader,
//! with the record's target URI as the article's URL. Every other record (requests, metadata,
//! redirects, images, PDFs) is skipped and counted by reason. A record whose declared length
//! lies (longer than the archive, or than the cap) ends the archive with a problem: what was
//! read before it is kept.

use std::io::{BufRead, Read};

use recoupe_core::RawArticle;

use crate::{html, Caps};

/// What one record turned into.
#[derive(Debug)]
pub enum Record {
    Article(Box<RawArticle>),
    /// Not an article: the reason ("request", "status 404", "content type image/jpeg"…).
    Skipped(String),
}

/// Reads the records of a WARC stream one by one.
pub struct WarcReader<R: BufRead> {
    input: R,
    source: String,
    caps: Caps,
    n: usize,
    done: bool,
}

/// Most bytes of a WARC header block (the lines before the blank line).
const MAX_HEADER_BYTES: u64 = 64 << 10;

impl<R: BufRead> WarcReader<R> {
    pub fn new(input: R, source: &str, caps: &Caps) -> WarcReader<R> {
        WarcReader {
            input,
            source: source.to_string(),
            caps: caps.clone(),
            n: 0,
            done: false,
        }
    }

    /// The next record: `None` at the end, `Some(Err)` for a damaged archive (then the end).
    pub fn next_record(&mut self) -> Option<Result<Record, String>> {
        if self.done {
            return None;
        }
        let result = self.read_record();
        match result {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(record)) => Some(Ok(record)),
            Err(message) => {
                self.done = true;
                Some(Err(format!("record {}: {message}", self.n)))
            }
        }
    }

    fn read_record(&mut self) -> Result<Option<Record>, String> {
        // the version line, after the blank lines that end the previous record
        let mut line = Vec::new();
        loop {
            line.clear();
            let read = (&mut self.input)
                .take(MAX_HEADER_BYTES)
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("read failed: {e}"))?;
            if read == 0 {
                return Ok(None);
            }
            if !line.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        }
        self.n += 1;
        if !line.starts_with(b"WARC/") {
            return Err("not a WARC record (no WARC/ version line)".into());
        }
        let headers = read_headers(&mut self.input)?;
        let length: u64 = header(&headers, "content-length")
            .and_then(|v| v.trim().parse().ok())
            .ok_or("no Content-Length")?;
        if length > self.caps.max_record_bytes {
            return Err(format!(
                "declares {length} bytes, over the cap of {} (--max-record-bytes)",
                self.caps.max_record_bytes
            ));
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        (&mut self.input)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| format!("read failed: {e}"))?;
        if (block.len() as u64) < length {
            return Err(format!(
                "declares {length} bytes, but the archive ends after {}",
                block.len()
            ));
        }
        let kind = header(&headers, "warc-type").unwrap_or_default();
        if !kind.eq_ignore_ascii_case("response") {
            return Ok(Some(Record::Skipped(kind.to_ascii_lowercase())));
        }
        let uri =
            header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        Ok(Some(self.response(&block, uri)))
    }

    fn response(&self, block: &[u8], uri: Option<String>) -> Record {
        let Some(split) = find(block, b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
        else {
            return Record::Skipped("response without HTTP headers".into());
        };
        let head = String::from_utf8_lossy(&block[..split.0]);
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if !(200..300).contains(&status) {
            return Record::Skipped(format!("status {status}"));
        }
        let http: Vec<(String, String)> = lines
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
            })
            .collect();
        let get = |name: &str| {
            http.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let content_type = get("content-type").unwrap_or("").to_ascii_lowercase();
        if !(content_type.contains("html") || content_type.is_empty()) {
            let kind = content_type.split(';').next().unwrap_or("").trim();
            return Record::Skipped(format!("content type {kind}"));
        }
        let mut body = block[split.1..].to_vec();
        if get("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
            body = dechunk(&body);
        }
        if get("content-encoding").is_some_and(|e| e.eq_ignore_ascii_case("gzip")) {
            let mut out = Vec::new();
            let ok = flate2::read::MultiGzDecoder::new(body.as_slice())
                .take(self.caps.max_record_bytes)
                .read_to_end(&mut out)
                .is_ok();
            if !ok {
                return Record::Skipped("gzip body not readable".into());
            }
            body = out;
        }
        let declared = html::declared_charset(&body).or_else(|| {
            let charset = content_type.split("charset=").nth(1)?;
            encoding_rs::Encoding::for_label(charset.trim().trim_matches('"').as_bytes())
        });
        let text = match crate::decode_text(&body, declared) {
            Ok(decoded) => decoded.text,
            Err(message) => return Record::Skipped(message),
        };
        let source = format!("{}#{}", self.source, self.n);
        let mut article = html::read_html(&source, &text, &self.caps);
        if article.url.is_none() {
            article.url = uri;
        }
        if article.title.trim().is_empty() && article.body.trim().is_empty() {
            return Record::Skipped("page without text".into());
        }
        crate::cap_body(&mut article, self.caps.max_article_bytes);
        Record::Article(Box::new(article))
    }
}

fn read_headers(input: &mut impl BufRead) -> Result<Vec<(String, String)>, String> {
    let mut headers = Vec::new();
    let mut total = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("read failed: {e}"))?;
        total += read as u64;
        if read == 0 {
            return Err("archive ends inside a record's headers".into());
        }
        if total > MAX_HEADER_BYTES {
            return Err(format!("headers longer than {MAX_HEADER_BYTES} bytes"));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            return Ok(headers);
        }
        if let Some((k, v)) = text.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// HTTP chunked transfer coding; stops at the first malformed chunk (what came before is kept).
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while let Some(eol) = find(rest, b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        rest = &rest[eol + 2..];
        if size == 0 || size > rest.len() {
            out.extend_from_slice(&rest[..size.min(rest.len())]);
            break;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest.get(size + 2..).unwrap_or(&[]);
    }
    out
}
