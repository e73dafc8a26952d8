//! A compact binary form of the story index ([`crate::stories::Clusterer`]), so that an edge can
//! save it with the articles it has placed and a restarted ingest continues exactly where the
//! interrupted one stopped (the same stories as an uninterrupted run).
//!
//! Bytes only: where they are kept is the edge's business. The format is versioned by a magic
//! header; reading checks every length against the bytes left, so a damaged snapshot is refused
//! (`None`), never a panic or a huge allocation.

use crate::model::{ArticleId, Date, Lang};
use crate::similarity::{DocFreq, Key, KeyMap, ParagraphKeys, Profile, Weighted};

/// Magic and format version at the start of every snapshot.
pub(crate) const MAGIC: &[u8; 8] = b"rcpsnap6";

/// The format before [`MAGIC`]: still read, so that a store saved by an older recoupe opens
/// without placing its articles again. Version 6 writes what a profile repeats only once: a
/// representative's weights without the keys its profile has already given, a paragraph's
/// words as their places among the article's (see [`Writer::packed`]).
pub(crate) const MAGIC_5: &[u8; 8] = b"rcpsnap5";

/// How a list of keys is written against the list it is drawn from.
const KEYS_WHOLE: u8 = 0;
/// each key as its place in the reference list (a variable-length integer)
const KEYS_PLACES: u8 = 1;
/// the reference's keys themselves, in its order: only the values follow
const KEYS_SAME: u8 = 2;

/// Appends little-endian values to a buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
    /// Write the story index's format ([`MAGIC`]): lists drawn from another list of the same
    /// profile written against it. Off for [`Profile::to_bytes`], which stays version 5.
    pub(crate) packed: bool,
}

impl Writer {
    pub(crate) fn u8(&mut self, x: u8) {
        self.out.push(x);
    }
    pub(crate) fn u32(&mut self, x: u32) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, x: u64) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }
    pub(crate) fn i64(&mut self, x: i64) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, x: f32) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub(crate) fn date(&mut self, d: Option<Date>) {
        match d {
            Some(d) => {
                self.u8(1);
                self.i64(d.to_days());
            }
            None => self.u8(0),
        }
    }
    pub(crate) fn keys(&mut self, keys: &[Key]) {
        self.len(keys.len());
        for k in keys {
            self.u64(*k);
        }
    }
    /// LEB128: seven bits a byte, low bits first.
    fn varint(&mut self, mut x: u32) {
        while x >= 0x80 {
            self.u8((x as u8 & 0x7f) | 0x80);
            x >>= 7;
        }
        self.u8(x as u8);
    }
    /// The places of `keys` in `reference` (sorted by key), when every key is there.
    fn places(keys: impl Iterator<Item = Key>, reference: &[(Key, f32)]) -> Option<Vec<u32>> {
        keys.map(|k| {
            let at = reference.binary_search_by_key(&k, |(r, _)| *r).ok()?;
            u32::try_from(at).ok()
        })
        .collect()
    }
    /// `keys` drawn from `reference` (sorted by key): packed, their places in it when each
    /// is there; else written whole.
    fn keys_from(&mut self, keys: &[Key], reference: &[(Key, f32)]) {
        if !self.packed {
            return self.keys(keys);
        }
        match Writer::places(keys.iter().copied(), reference) {
            Some(places) => {
                self.u8(KEYS_PLACES);
                self.len(places.len());
                for at in places {
                    self.varint(at);
                }
            }
            None => {
                self.u8(KEYS_WHOLE);
                self.keys(keys);
            }
        }
    }
    /// `list` weighs keys of `reference` (sorted by key): packed, the values only when it has
    /// the same keys in the same order, else the places of its keys and the values.
    fn weights_from(&mut self, list: &[(Key, f32)], reference: &[(Key, f32)]) {
        if !self.packed {
            return self.weights(list);
        }
        if list.len() == reference.len() && list.iter().zip(reference).all(|(a, b)| a.0 == b.0) {
            self.u8(KEYS_SAME);
            for (_, w) in list {
                self.f32(*w);
            }
            return;
        }
        match Writer::places(list.iter().map(|(k, _)| *k), reference) {
            Some(places) => {
                self.u8(KEYS_PLACES);
                self.len(places.len());
                for (at, (_, w)) in places.into_iter().zip(list) {
                    self.varint(at);
                    self.f32(*w);
                }
            }
            None => {
                self.u8(KEYS_WHOLE);
                self.weights(list);
            }
        }
    }
    pub(crate) fn weights(&mut self, list: &[(Key, f32)]) {
        self.len(list.len());
        for (k, w) in list {
            self.u64(*k);
            self.f32(*w);
        }
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.out.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn profile(&mut self, p: &Profile) {
        self.u64(p.id.0);
        match p.lang {
            Some(l) => self.out.extend_from_slice(l.code().as_bytes()),
            None => self.out.extend_from_slice(b"--"),
        }
        self.date(p.date);
        self.weights(&p.terms);
        self.weights(&p.cognates);
        self.weights(&p.names);
        self.keys(&p.numbers);
        self.len(p.days.len());
        for d in &p.days {
            self.i64(*d);
        }
        self.keys(&p.minhash);
        self.len(p.labels.len());
        for (k, label) in &p.labels {
            self.u64(*k);
            self.str(label);
        }
        self.len(p.paragraphs.len());
        for para in &p.paragraphs {
            self.u64(para.start as u64);
            self.u64(para.end as u64);
            self.keys_from(&para.words, &p.terms);
            self.keys_from(&para.cognates, &p.cognates);
            self.keys(&para.anchors);
            self.keys(&para.shingles);
            self.u64(u64::from(para.quoted));
        }
        match p.latest_year {
            Some(y) => {
                self.u8(1);
                self.i64(i64::from(y));
            }
            None => self.u8(0),
        }
        match &p.embedding {
            Some(v) => {
                self.u8(1);
                self.len(v.len());
                for x in v {
                    self.f32(*x);
                }
            }
            None => self.u8(0),
        }
    }

    /// A representative's weights, after its `profile`.
    pub(crate) fn weighted(&mut self, w: &Weighted, profile: &Profile) {
        self.weights_from(&w.terms, &profile.terms);
        self.weights_from(&w.cognates, &profile.cognates);
        self.weights_from(&w.names, &profile.names);
    }

    pub(crate) fn doc_freq(&mut self, df: &DocFreq) {
        self.u32(df.docs);
        self.u32(df.prior);
        // sorted: the same index gives the same bytes
        let mut entries: Vec<(Key, u32)> = df.df.iter().map(|(k, n)| (*k, *n)).collect();
        entries.sort_unstable();
        self.len(entries.len());
        for (k, n) in entries {
            self.u64(k);
            self.u32(n);
        }
    }
}

/// Reads what [`Writer`] wrote; every read is checked against the bytes left.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    /// Read what a packed [`Writer`] wrote.
    pub(crate) packed: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            packed: false,
        }
    }
    /// A reader of a snapshot: its format told by its magic; `None` when it is no snapshot
    /// this version reads.
    pub(crate) fn snapshot(bytes: &'a [u8]) -> Option<Reader<'a>> {
        if let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) {
            return Some(Reader {
                bytes: rest,
                packed: true,
            });
        }
        bytes.strip_prefix(MAGIC_5.as_slice()).map(Reader::new)
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
    /// The bytes not read yet.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    pub(crate) fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_le_bytes)
    }
    pub(crate) fn f32(&mut self) -> Option<f32> {
        self.array().map(f32::from_le_bytes)
    }
    /// A count of items of at least `item` bytes each: refused if the bytes left cannot hold
    /// them (a damaged length never allocates).
    pub(crate) fn len(&mut self, item: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(item.max(1)) <= self.bytes.len()).then_some(n)
    }
    pub(crate) fn date(&mut self) -> Option<Option<Date>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(Date::from_days(self.i64()?)?)),
            _ => None,
        }
    }
    pub(crate) fn keys(&mut self) -> Option<Vec<Key>> {
        let n = self.len(8)?;
        (0..n).map(|_| self.u64()).collect()
    }
    pub(crate) fn weights(&mut self) -> Option<Vec<(Key, f32)>> {
        let n = self.len(12)?;
        (0..n).map(|_| Some((self.u64()?, self.f32()?))).collect()
    }
    fn varint(&mut self) -> Option<u32> {
        let mut x = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.u8()?;
            x |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(x);
            }
        }
        None
    }
    /// The key at `at` of `reference`; `None` past its end (a damaged snapshot).
    fn key_at(&mut self, reference: &[(Key, f32)]) -> Option<Key> {
        let at = self.varint()? as usize;
        reference.get(at).map(|(k, _)| *k)
    }
    /// What [`Writer::keys_from`] wrote.
    fn keys_from(&mut self, reference: &[(Key, f32)]) -> Option<Vec<Key>> {
        if !self.packed {
            return self.keys();
        }
        match self.u8()? {
            KEYS_WHOLE => self.keys(),
            KEYS_PLACES => {
                let n = self.len(1)?;
                (0..n).map(|_| self.key_at(reference)).collect()
            }
            _ => None,
        }
    }
    /// What [`Writer::weights_from`] wrote.
    fn weights_from(&mut self, reference: &[(Key, f32)]) -> Option<Vec<(Key, f32)>> {
        if !self.packed {
            return self.weights();
        }
        match self.u8()? {
            KEYS_WHOLE => self.weights(),
            KEYS_SAME => reference
                .iter()
                .map(|(k, _)| Some((*k, self.f32()?)))
                .collect(),
            KEYS_PLACES => {
                let n = self.len(5)?;
                (0..n)
                    .map(|_| Some((self.key_at(reference)?, self.f32()?)))
                    .collect()
            }
            _ => None,
        }
    }
    fn string(&mut self) -> Option<String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    pub(crate) fn profile(&mut self) -> Option<Profile> {
        let id = ArticleId(self.u64()?);
        let code = self.take(2)?;
        let lang = if code == b"--" {
            None
        } else {
            Some(Lang::parse(std::str::from_utf8(code).ok()?)?)
        };
        let date = self.date()?;
        let terms = self.weights()?;
        let cognates = self.weights()?;
        let names = self.weights()?;
        let numbers = self.keys()?;
        let n = self.len(8)?;
        let days = (0..n).map(|_| self.i64()).collect::<Option<Vec<_>>>()?;
        let minhash = self.keys()?;
        let n = self.len(12)?;
        let labels = (0..n)
            .map(|_| Some((self.u64()?, self.string()?)))
            .collect::<Option<Vec<_>>>()?;
        let n = self.len(40)?;
        let paragraphs = (0..n)
            .map(|_| {
                Some(ParagraphKeys {
                    start: usize::try_from(self.u64()?).ok()?,
                    end: usize::try_from(self.u64()?).ok()?,
                    words: self.keys_from(&terms)?,
                    cognates: self.keys_from(&cognates)?,
                    anchors: self.keys()?,
                    shingles: self.keys()?,
                    quoted: u32::try_from(self.u64()?).ok()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let latest_year = match self.u8()? {
            0 => None,
            1 => Some(i32::try_from(self.i64()?).ok()?),
            _ => return None,
        };
        let embedding = match self.u8()? {
            0 => None,
            1 => {
                let n = self.len(4)?;
                Some((0..n).map(|_| self.f32()).collect::<Option<Vec<_>>>()?)
            }
            _ => return None,
        };
        Some(Profile {
            id,
            lang,
            date,
            terms,
            cognates,
            names,
            numbers,
            days,
            minhash,
            labels,
            paragraphs,
            latest_year,
            embedding,
        })
    }

    /// What [`Writer::weighted`] wrote after `profile`.
    pub(crate) fn weighted(&mut self, profile: &Profile) -> Option<Weighted> {
        Some(Weighted {
            terms: self.weights_from(&profile.terms)?,
            cognates: self.weights_from(&profile.cognates)?,
            names: self.weights_from(&profile.names)?,
        })
    }

    pub(crate) fn doc_freq(&mut self) -> Option<DocFreq> {
        let docs = self.u32()?;
        let prior = self.u32()?;
        let n = self.len(12)?;
        let mut df = KeyMap::default();
        df.reserve(n);
        for _ in 0..n {
            df.insert(self.u64()?, self.u32()?);
        }
        Some(DocFreq { docs, df, prior })
    }
}

impl Profile {
    /// The profile as bytes, in the story index snapshot's encoding: what an edge that profiles
    /// an article hands to the one that places it (a worker to the placer), so that the text is
    /// not tokenised again.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.profile(self);
        w.out
    }

    /// A profile from [`Profile::to_bytes`]; `None` when the bytes are not one whole profile.
    pub fn from_bytes(bytes: &[u8]) -> Option<Profile> {
        let mut r = Reader::new(bytes);
        let profile = r.profile()?;
        r.is_empty().then_some(profile)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Date, RawArticle};
    use crate::similarity::Profile;

    #[test]
    fn a_profile_read_back_from_its_bytes_is_the_same_and_cut_bytes_are_refused() {
        let raw = RawArticle {
            title: "Наводнение в Кальвике: 14 погибших".into(),
            body:
                "Вода поднялась на два метра в ночь на вторник, сообщил мэр Кальвика Пётр Ланге. \
                   «Мы эвакуировали 3 200 человек», — сказал он.\n\nРека вышла из берегов \
                   впервые с 1998 года."
                    .into(),
            published: Date::parse_iso("2025-03-04"),
            ..RawArticle::default()
        };
        let (_, profile) = crate::prepare(&raw);
        let bytes = profile.to_bytes();
        let back = Profile::from_bytes(&bytes).expect("a whole profile");
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.date, profile.date);
        assert!(!back.names.is_empty(), "the names are kept");
        assert!(Profile::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Profile::from_bytes(&longer).is_none());
    }
}
