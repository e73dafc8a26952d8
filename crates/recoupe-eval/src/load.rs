//! `recoupe-eval load`: a load generator for `recoupe serve`, bounded in requests and time.
//! Closed loop: each client sends its next request when the previous one is answered, over one
//! kept-alive connection, cycling through the story pages of the most recent stories.
//!
//! ```sh
//! recoupe serve --db g100.db --addr 127.0.0.1:8090 &
//! recoupe-eval load --base http://127.0.0.1:8090 --stories 1000 --clients 200 --seconds 30
//! ```

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

struct Options {
    base: String,
    stories: usize,
    clients: usize,
    seconds: u64,
    max_requests: usize,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        base: "http://127.0.0.1:8080".into(),
        stories: 1_000,
        clients: 200,
        seconds: 30,
        max_requests: 1_000_000,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().context("a value after the flag");
        match arg.as_str() {
            "--base" => o.base = value()?.trim_end_matches('/').to_string(),
            "--stories" => o.stories = value()?.parse()?,
            "--clients" => o.clients = value()?.parse()?,
            "--seconds" => o.seconds = value()?.parse()?,
            "--max-requests" => o.max_requests = value()?.parse()?,
            other => bail!("unknown flag {other}"),
        }
    }
    o.clients = o.clients.clamp(1, 2_000);
    o.seconds = o.seconds.clamp(1, 600);
    Ok(o)
}

fn new_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .max_idle_connections_per_host(4)
        .build()
        .into()
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

fn summary(name: &str, mut micros: Vec<u64>, errors: usize, elapsed: Duration) {
    micros.sort_unstable();
    println!(
        "{name}: {} requests in {:.1} s ({:.0}/s), {errors} errors; latency ms p50 {:.2} p90 {:.2} p99 {:.2} max {:.2}",
        micros.len(),
        elapsed.as_secs_f64(),
        micros.len() as f64 / elapsed.as_secs_f64().max(0.001),
        percentile(&micros, 0.5),
        percentile(&micros, 0.9),
        percentile(&micros, 0.99),
        percentile(&micros, 1.0),
    );
}

pub fn run(args: &[String]) -> Result<()> {
    let o = options(args)?;
    let agent = new_agent();
    let mut paths = Vec::new();
    while paths.len() < o.stories {
        let url = format!("{}/api/stories?limit=500&offset={}", o.base, paths.len());
        let mut response = agent.get(&url).call().context("the server answers")?;
        let list: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string()?)?;
        let page = list["stories"].as_array().cloned().unwrap_or_default();
        if page.is_empty() {
            break;
        }
        for s in page.iter().take(o.stories - paths.len()) {
            if let Some(id) = s["id"].as_str() {
                paths.push(format!("/stories/{id}"));
            }
        }
    }
    if paths.is_empty() {
        bail!("no stories at {}", o.base);
    }
    println!(
        "{} story pages, {} clients, at most {} s or {} requests",
        paths.len(),
        o.clients,
        o.seconds,
        o.max_requests
    );

    // first request of each page, one client: the pages are made (not cached yet)
    let started = Instant::now();
    let mut cold = Vec::new();
    let mut errors = 0;
    for path in &paths {
        let t = Instant::now();
        match agent.get(&format!("{}{path}", o.base)).call() {
            Ok(mut r) if r.status().is_success() => {
                let _ = r.body_mut().read_to_vec();
            }
            _ => errors += 1,
        }
        cold.push(t.elapsed().as_micros() as u64);
    }
    summary(
        "first visit of each page, 1 client",
        cold,
        errors,
        started.elapsed(),
    );

    // then the closed loop: one async task per client on a single thread (a client of 200 OS
    // threads took more CPU than the server it measured on this 2-core machine)
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let addr = o.base.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(o.seconds);
    let budget = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(o.max_requests));
    let paths = std::sync::Arc::new(paths);
    let results: Vec<(Vec<u64>, usize)> = runtime.block_on(async {
        let mut tasks = Vec::new();
        for c in 0..o.clients {
            let (paths, addr, budget) = (paths.clone(), addr.clone(), budget.clone());
            tasks.push(tokio::spawn(async move {
                client(c, &addr, &paths, deadline, &budget).await
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            if let Ok(r) = t.await {
                out.push(r);
            }
        }
        out
    });
    let elapsed = started.elapsed();
    let errors = results.iter().map(|(_, e)| e).sum();
    let micros = results.into_iter().flat_map(|(m, _)| m).collect();
    summary(
        &format!("{} clients, closed loop", o.clients),
        micros,
        errors,
        elapsed,
    );
    Ok(())
}

/// One client: requests over one kept-alive connection (reconnecting after an error) until the
/// deadline or the shared budget runs out.
async fn client(
    c: usize,
    addr: &str,
    paths: &[String],
    deadline: Instant,
    budget: &std::sync::atomic::AtomicUsize,
) -> (Vec<u64>, usize) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let mut micros = Vec::new();
    let mut errors = 0;
    let mut i = c * 7919;
    let mut conn: Option<BufReader<tokio::net::TcpStream>> = None;
    while Instant::now() < deadline {
        if budget
            .fetch_update(
                std::sync::atomic::Ordering::Relaxed,
                std::sync::atomic::Ordering::Relaxed,
                |b| b.checked_sub(1),
            )
            .is_err()
        {
            break;
        }
        let path = &paths[i % paths.len()];
        i += 1;
        let t = Instant::now();
        let ok: std::io::Result<bool> = async {
            if conn.is_none() {
                conn = Some(BufReader::new(tokio::net::TcpStream::connect(addr).await?));
            }
            let Some(stream) = conn.as_mut() else {
                return Ok(false);
            };
            let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
            stream.get_mut().write_all(request.as_bytes()).await?;
            let mut status = String::new();
            stream.read_line(&mut status).await?;
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if stream.read_line(&mut line).await? == 0 {
                    return Ok(false);
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0u8; length];
            stream.read_exact(&mut body).await?;
            Ok(status.split_whitespace().nth(1) == Some("200"))
        }
        .await;
        match ok {
            Ok(true) => {}
            Ok(false) => errors += 1,
            Err(_) => {
                errors += 1;
                conn = None;
            }
        }
        micros.push(t.elapsed().as_micros() as u64);
    }
    (micros, errors)
}
