//! The readers' integration tests, one binary: random inputs that must never panic
//! (`random`), streams read record by record with their caps (`streams`), and the fuzzers'
//! regressions replayed (`fuzz_regressions`).

mod fuzz_regressions;
mod random;
mod streams;
