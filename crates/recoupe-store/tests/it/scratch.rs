//! A store to test in, on either backend: a temporary SQLite file, or a PostgreSQL database of
//! its own on the machine's server (`recoupe_store::pg::ScratchDatabase`: `RECOUPE_TEST_POSTGRES`,
//! default `postgres://postgres@127.0.0.1:5432/postgres`), dropped after. A PostgreSQL test fails when the server cannot be reached: it never passes
//! without having run.

use std::path::{Path, PathBuf};

pub enum Scratch {
    Sqlite(tempfile::NamedTempFile),
    Postgres(recoupe_store::pg::ScratchDatabase, PathBuf),
}

impl Scratch {
    pub fn sqlite() -> Scratch {
        Scratch::Sqlite(tempfile::NamedTempFile::new().expect("a temporary file"))
    }

    pub fn postgres() -> Scratch {
        let db = recoupe_store::pg::ScratchDatabase::for_tests().unwrap_or_else(|e| {
            panic!("a database of the test's own (RECOUPE_TEST_POSTGRES): {e}")
        });
        let url = PathBuf::from(db.url());
        Scratch::Postgres(db, url)
    }

    /// What `--db` would be given.
    pub fn location(&self) -> &Path {
        match self {
            Scratch::Sqlite(file) => file.path(),
            Scratch::Postgres(_, url) => url,
        }
    }

    /// Runs SQL on the store behind recoupe's back (the first for SQLite, the second for
    /// PostgreSQL).
    pub fn execute(&self, sqlite: &str, postgres: &str) {
        match self {
            Scratch::Sqlite(file) => rusqlite::Connection::open(file.path())
                .expect("the file")
                .execute_batch(sqlite)
                .expect("SQL on the file"),
            Scratch::Postgres(db, _) => postgres::Client::connect(db.url(), postgres::NoTls)
                .expect("the database")
                .batch_execute(postgres)
                .expect("SQL on the database"),
        }
    }
}

/// Runs a test on both backends: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name(&$crate::scratch::Scratch::sqlite());
                }
                #[test]
                #[ignore = "needs PostgreSQL on the machine: .ci/run runs it (cargo test -- --ignored)"]
                fn postgres() {
                    super::$name(&$crate::scratch::Scratch::postgres());
                }
            }
        )*
    };
}
