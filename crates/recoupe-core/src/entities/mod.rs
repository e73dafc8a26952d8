//! People, groups and places named in an article, and the same actors across articles,
//! languages and scripts.
//!
//! Within an article (`find_mentions`): places from the gazetteer (longest match, Arabic clitics
//! stripped); in cased scripts, runs of capitalised words (with name particles: al, el, de, van,
//! von, bin, ben, abu, abou…), acronyms, organisations by their head words (Observatoire, Army,
//! Ministry…), people by the titles and roles before them. A lone surname joins the full name
//! said earlier; an acronym in brackets joins the name before it.
//!
//! Across articles (`link_entities`): mentions become entities by sound keys (`names`), with the
//! evidence recorded. Arabic has no capitals: its text is also searched for the keys of names
//! found in other articles (ملاحفجي for Malahifji).

use crate::maps::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Serialize;

use crate::lang::Script;
use crate::languages::{self, word_set};
use crate::lexicon::FxMap;
use crate::model::{ArticleId, EntityId, Lang};
use crate::names::{
    key_similarity_reaches, key_similarity_written, key_similarity_written_from, key_text,
    sound_key, Sound,
};
use crate::token::{tokenize, Token, TokenKind};

mod blocks;
mod gazetteer;
mod given;
mod group;
mod known;
mod lasting;
mod link;
mod mentions;

pub use gazetteer::lookup_place;

/// Builds the gazetteer's table now (see [`crate::pipeline::prepare_tables`]).
pub(crate) fn prepare_gazetteer() {
    let _ = gazetteer::gazetteer();
    gazetteer::prepare_country_words();
}
use gazetteer::*;
use given::*;
use group::*;
pub use lasting::{sound_block, LinkedEntity, LinkerChanges, Spelling};
pub use link::{find_entity, link_entities, ArticleMentions, Entity, Linker};
pub(crate) use mentions::shortening_dot;
use mentions::*;
pub use mentions::{find_mentions, find_mentions_in, find_title_mentions};

/// What an entity is.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Serialize,
    serde::Deserialize,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    /// The kind [`EntityKind::as_str`] wrote.
    pub fn parse(text: &str) -> Option<EntityKind> {
        Some(match text {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// A name found in an article's cleaned text.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Mention {
    /// The corpus entity once linked ([`link_entities`]); "" in JSON while not linked.
    #[serde(serialize_with = "crate::model::serialize_link")]
    #[schemars(schema_with = "crate::model::link_schema")]
    pub entity: Option<EntityId>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub kind: EntityKind,
    /// Within-article group: mentions of one actor in this article share it.
    #[serde(skip)]
    pub group: usize,
    /// Gazetteer place id, when the name is a known place.
    #[serde(skip)]
    pub place: Option<String>,
}

impl Mention {
    /// A name of kind `kind` over `text[start..end]`, not linked, in no group or place yet.
    pub(super) fn spanning(text: &str, start: usize, end: usize, kind: EntityKind) -> Mention {
        Mention {
            entity: None,
            text: text[start..end].to_string(),
            start,
            end,
            kind,
            group: 0,
            place: None,
        }
    }
}

/// One entry of the gazetteer: a place, or an organisation known by name in many languages.
#[derive(Debug)]
pub struct Place {
    pub id: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub population: u64,
    pub kind: PlaceKind,
}

/// What a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    /// A world region (Europe, Eastern Europe, Latin America).
    Region,
    /// An organisation (the European Union, the United Nations).
    Organization,
    City,
}

impl Place {
    /// A country, a world region or an organisation: an entry known well enough that a case
    /// form of its name is taken for it (a city needs 300,000 people).
    pub fn is_major(&self) -> bool {
        self.kind != PlaceKind::City || self.population >= 300_000
    }

    /// The kind of actor a mention of it is.
    pub fn entity_kind(&self) -> EntityKind {
        match self.kind {
            PlaceKind::Organization => EntityKind::Organization,
            _ => EntityKind::Place,
        }
    }
}

#[cfg(test)]
mod tests;
