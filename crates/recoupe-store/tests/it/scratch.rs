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

impl Scratch {
    /// The rows a query gives, each column as text (an SQL NULL as ""): a query both backends
    /// read alike.
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        match self {
            Scratch::Sqlite(file) => {
                let conn = rusqlite::Connection::open(file.path()).expect("the file");
                let mut stmt = conn.prepare(sql).expect("a query");
                let columns = stmt.column_count();
                stmt.query_map([], |row| {
                    (0..columns)
                        .map(|i| {
                            Ok(match row.get::<_, rusqlite::types::Value>(i)? {
                                rusqlite::types::Value::Text(t) => t,
                                rusqlite::types::Value::Integer(n) => n.to_string(),
                                rusqlite::types::Value::Real(r) => r.to_string(),
                                _ => String::new(),
                            })
                        })
                        .collect()
                })
                .expect("rows")
                .map(|r| r.expect("a row"))
                .collect()
            }
            Scratch::Postgres(db, _) => {
                let mut client =
                    postgres::Client::connect(db.url(), postgres::NoTls).expect("the database");
                // every column as text, whatever its type, in the query's order
                let wrapped = format!(
                    "SELECT (SELECT json_agg(v ORDER BY i)
                             FROM json_each(row_to_json(q)) WITH ORDINALITY AS t(k, v, i))::text
                     FROM ({sql}) q"
                );
                client
                    .query(&wrapped, &[])
                    .expect("rows")
                    .iter()
                    .map(|row| {
                        let json: String = row.get(0);
                        let values: Vec<serde_json::Value> =
                            serde_json::from_str(&json).expect("JSON of a row");
                        values
                            .iter()
                            .map(|v| match v {
                                serde_json::Value::String(s) => s.clone(),
                                serde_json::Value::Null => String::new(),
                                other => other.to_string(),
                            })
                            .collect()
                    })
                    .collect()
            }
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
