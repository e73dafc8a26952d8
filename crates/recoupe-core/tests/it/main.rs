//! The core's integration tests: each stage run on fixture articles written by the team, in
//! several languages and scripts (`tests/fixtures/*.txt`), and checked against what the
//! fixture says a reader must find in it.
//!
//! A fixture is a header of `key: value` lines, a line `---`, then the article's body:
//!
//! ```text
//! title: …                        the headline
//! published: 2026-03-10           a publication date declared by the source (optional)
//! expect language: bg             the language detected
//! expect published: 2026-03-12    the publication date worked out
//! expect date: вчера = 2026-03-11 a date mention, as written, and its resolved value
//! expect figure: >=16 people      a figure: its bound (>=, <=, ~ or none), value and kind
//! expect name: Иван Петров        a name found, as written
//! expect quote: Иван Петров | построим моста   a quote: its speaker and words of it
//! expect removed: share           something cleaning removed, by its reason
//! expect no quote                 no quotation is reported
//! ```
//!
//! Every expectation of every fixture is checked and all failures reported at once.

mod fixtures;
