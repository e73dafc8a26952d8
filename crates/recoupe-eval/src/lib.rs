//! The planted-story corpus generator, as a library: the eval binary scores recoupe on it, and
//! the CLI's tests use it to ingest thousands of articles (the kill-and-restart test).

pub mod generate;
