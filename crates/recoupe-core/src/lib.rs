//! recoupe's analysis pipeline: pure and synchronous. No IO, no async, no SQL: readers hand it
//! [`RawArticle`]s, it hands back [`Analysis`] values, and the edges store or print them.
//!
//! Stages never fail on content: each returns its best result and records what it noticed as
//! [`Diagnostic`]s. Every item found in a text keeps its byte offsets into that text.

pub mod clean;
pub mod comparison;
pub mod dates;
pub mod entities;
pub mod figures;
pub mod lang;
pub mod languages;
pub mod lexicon;
pub mod maps;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod quotes;
pub mod search;
pub mod similarity;
mod snapshot;
pub mod stories;
pub mod token;
pub mod versions;

pub use model::{
    ArticleId, Date, DateBasis, Diagnostic, EntityId, Lang, RawArticle, Span, StoryId,
};
pub use pipeline::{
    analyze, analyze_tokens, extract, extract_tokens, extract_with, link_entities, prepare,
    Analysis, Linking, Paragraph,
};
