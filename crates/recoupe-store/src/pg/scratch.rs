//! A PostgreSQL database of its own, for a test, a benchmark or a fault run: created with a
//! name nothing else uses on the server at `admin` (a URL of a database the user may create
//! databases from, e.g. `postgres://postgres@127.0.0.1:5432/postgres`), dropped when the value
//! is dropped.

use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

use crate::Result;

/// The server tests use unless `RECOUPE_TEST_POSTGRES` names another.
pub const TEST_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct ScratchDatabase {
    admin: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// A new empty database on the server of `RECOUPE_TEST_POSTGRES` (else [`TEST_SERVER`]).
    pub fn for_tests() -> Result<ScratchDatabase> {
        let admin = std::env::var("RECOUPE_TEST_POSTGRES").unwrap_or_else(|_| TEST_SERVER.into());
        ScratchDatabase::create(&admin, "recoupe_test")
    }

    /// A new empty database named `prefix`, the process id and a counter.
    pub fn create(admin: &str, prefix: &str) -> Result<ScratchDatabase> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "{prefix}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut client = Client::connect(admin, NoTls)?;
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
        client.batch_execute(&format!("CREATE DATABASE {name}"))?;
        let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
        let url = format!("{base}/{name}");
        Ok(ScratchDatabase {
            admin: admin.into(),
            name,
            url,
        })
    }

    /// The database's URL (what `--db` is given).
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = Client::connect(&self.admin, NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
