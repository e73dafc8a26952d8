//! The server's integration tests, one binary: the JSON API on the sample corpus, bad requests
//! included (`api`), and the web UI as headless Chromium renders it (`browser`).

mod api;
mod browser;
