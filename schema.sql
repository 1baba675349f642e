-- Audarma database schema: the single source of truth.
--
-- The file is a list of migrations, each introduced by a line `-- version N`.
-- A new database runs them all; an older one runs those above its
-- `PRAGMA user_version`, in one transaction. Never edit a released block:
-- add a new `-- version N+1` block at the end instead.

-- version 1
-- Documents imported for translation, split into segments (sentences).
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    source_lang   TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,          -- sha256 of the decoded text
    imported_at   TEXT NOT NULL           -- RFC 3339, UTC
);

CREATE TABLE segments (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,       -- 1-based order in the document
    paragraph     INTEGER NOT NULL,       -- 1-based paragraph number
    source        TEXT NOT NULL,          -- exactly as in the file
    normalized    TEXT NOT NULL,          -- match key (text::match_key)
    words         INTEGER NOT NULL,
    UNIQUE (document_id, position)
);
CREATE INDEX segments_by_key ON segments(normalized);

-- The current translation of a segment into one target language.
CREATE TABLE translations (
    id            INTEGER PRIMARY KEY,
    segment_id    INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL CHECK (lang IN ('en', 'ru')),
    text          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'translated', 'approved', 'rejected')),
    author        TEXT NOT NULL,
    changed_at    TEXT NOT NULL,
    origin        TEXT NOT NULL,          -- typed | match | pretranslated | propagated | aligned | imported
    origin_score  REAL,                   -- match score when origin is match/pretranslated
    origin_unit   INTEGER,                -- tm_units.id the text came from, if any
    version       INTEGER NOT NULL DEFAULT 1,  -- bumped on every change (optimistic locking)
    UNIQUE (segment_id, lang)
);

-- Every version a translation had before it was replaced (append-only).
CREATE TABLE translation_history (
    id            INTEGER PRIMARY KEY,
    segment_id    INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    text          TEXT NOT NULL,
    status        TEXT NOT NULL,
    author        TEXT NOT NULL,
    changed_at    TEXT NOT NULL,
    origin        TEXT NOT NULL,
    origin_score  REAL,
    replaced_at   TEXT NOT NULL,
    replaced_by   TEXT NOT NULL
);
CREATE INDEX history_by_segment ON translation_history(segment_id, lang);

-- Review and status events (append-only log): every change of status or text.
CREATE TABLE review_events (
    id            INTEGER PRIMARY KEY,
    segment_id    INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,
    actor         TEXT NOT NULL,
    at            TEXT NOT NULL,
    kind          TEXT NOT NULL,          -- status | edit | comment
    from_status   TEXT,                   -- NULL = untranslated
    to_status     TEXT,
    words         INTEGER NOT NULL DEFAULT 0,
    comment       TEXT
);
CREATE INDEX events_by_segment ON review_events(segment_id, lang);

-- Translation memory: units and their language variants.
-- Metadata needed for a lossless TMX round trip (attributes in order, props,
-- notes, ude/map) is kept as JSON written and read by the tmx module.
CREATE TABLE tmx_files (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    header_json   TEXT NOT NULL
);

CREATE TABLE tm_units (
    id            INTEGER PRIMARY KEY,
    tmx_file_id   INTEGER REFERENCES tmx_files(id),
    tuid          TEXT,
    source_lang   TEXT NOT NULL,          -- BCP 47 as stored, e.g. kk or kk-KZ
    origin        TEXT NOT NULL,          -- tmx | typed | match | pretranslated | propagated | aligned ...
    status        TEXT,                   -- review status when made in Audarma
    segment_id    INTEGER REFERENCES segments(id) ON DELETE SET NULL,
    created_at    TEXT,
    created_by    TEXT,
    changed_at    TEXT,
    changed_by    TEXT,
    meta_json     TEXT,                   -- tu attributes/props/notes for export
    identity      INTEGER NOT NULL        -- hash of the unit's variants (store::tm::identity): import idempotence
);
CREATE INDEX units_by_identity ON tm_units(identity);
CREATE INDEX units_by_segment ON tm_units(segment_id);

CREATE TABLE tm_variants (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES tm_units(id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,       -- order of the tuv in the unit
    lang          TEXT NOT NULL,          -- BCP 47, normalised casing
    primary_lang  TEXT NOT NULL,          -- lower-case primary subtag: kk, en, ru
    seg_xml       TEXT,                   -- inner XML of <seg>, inline markup exactly; NULL: same as plain
    plain         TEXT NOT NULL,          -- text with inline elements as placeholders
    normalized    TEXT NOT NULL,          -- match key of plain (dropped in version 3)
    meta_json     TEXT,                   -- tuv attributes/props/notes
    key_hash      INTEGER                 -- store::tm::key_hash(primary_lang, normalized)
);
CREATE INDEX variants_by_unit ON tm_variants(unit_id);
-- Same source text lookups (import's --on-duplicate) go by a 64-bit hash, not
-- the text: an index a fraction of the size, so a large import stays in cache.
CREATE INDEX variants_by_key ON tm_variants(key_hash);

-- version 2
-- Fuzzy-match index (store::fuzzy_index), maintained on every memory write.
-- Every distinct stem of a Kazakh unit source word; `postings` holds the ids of
-- the units containing it (sorted, delta + LEB128 varint encoded), built in bulk.
CREATE TABLE fuzzy_stems (
    id            INTEGER PRIMARY KEY,
    stem          TEXT NOT NULL UNIQUE,
    df            INTEGER NOT NULL DEFAULT 0,   -- ids in `postings`
    postings      BLOB NOT NULL DEFAULT x''
);
-- Postings written one unit at a time since the last bulk merge.
CREATE TABLE fuzzy_delta (
    stem_id       INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL,
    PRIMARY KEY (stem_id, unit_id)
) WITHOUT ROWID;
-- The current stems of each indexed unit's source, in word order, which
-- retrieval verifies candidates against (so stale postings never matter).
CREATE TABLE fuzzy_units (
    unit_id       INTEGER PRIMARY KEY REFERENCES tm_units(id) ON DELETE CASCADE,
    words         INTEGER NOT NULL,
    stems         BLOB NOT NULL,                -- u32 little-endian stem ids
    targets       INTEGER NOT NULL              -- bit set: 1 = has en, 2 = has ru
);
-- Which stemmer/tokenizer built the index (store::fuzzy_index::INDEX_VERSION);
-- a different one means the stored stems are stale and the index is rebuilt.
CREATE TABLE fuzzy_meta (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
);

-- version 3
-- A variant's match key is no longer stored: it is `text::match_key(plain)`,
-- recomputed where needed (`key_hash` finds the candidates, the recomputed key
-- confirms them). It was a third of the memory's bytes, written by every import.
ALTER TABLE tm_variants DROP COLUMN normalized;
-- Imported units have no segment: keep them out of the by-segment index.
DROP INDEX units_by_segment;
CREATE INDEX units_by_segment ON tm_units(segment_id) WHERE segment_id IS NOT NULL;
-- Same-source lookups need the source variant's key only: new rows have
-- key_hash on their source alone (rows written before keep theirs on every
-- variant, which only widens the same-source check for them).
DROP INDEX variants_by_key;
CREATE INDEX variants_by_key ON tm_variants(key_hash) WHERE key_hash IS NOT NULL;

-- version 4
-- Exact duplicates are found through the source key hash (an identical unit
-- has the same source text), so the identity needs no index of its own.
DROP INDEX units_by_identity;

-- version 5
-- One memory unit per distinct pair (issue 13): saving, taking or
-- pretranslating a pair that is already stored uses that unit again.
-- `use_count` counts the saves that used it (TMX `usagecount`), `last_used_at`
-- the latest (TMX `lastusagedate`). `status` is the unit's standing: the
-- latest review decision on the pair (approved/rejected), else the best save
-- (translated over draft); `superseded` when its segment moved to another text
-- and nothing else uses it. Rejected and superseded units are not offered.
ALTER TABLE tm_units ADD COLUMN use_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tm_units ADD COLUMN last_used_at TEXT;
-- The memory unit holding a translation's current text (shared by every
-- segment with the same pair), and the person who wrote that text: `author`
-- is whoever changed the row last (a reviewer approving), `translator` the
-- creator of the text, kept across status changes.
ALTER TABLE translations ADD COLUMN unit_id INTEGER REFERENCES tm_units(id) ON DELETE SET NULL;
ALTER TABLE translations ADD COLUMN translator TEXT;
ALTER TABLE translation_history ADD COLUMN translator TEXT;
UPDATE translations SET unit_id = (
    SELECT u.id FROM tm_units u JOIN tm_variants v ON v.unit_id = u.id AND v.ord = 1
    WHERE u.segment_id = translations.segment_id AND v.primary_lang = translations.lang);
-- The translator of a text is the actor of the latest event that set it.
UPDATE translations SET translator = COALESCE((
    SELECT e.actor FROM review_events e
    WHERE e.segment_id = translations.segment_id AND e.lang = translations.lang AND e.kind = 'edit'
    ORDER BY e.id DESC LIMIT 1), author);
UPDATE translation_history SET translator = author;
CREATE INDEX translations_by_unit ON translations(unit_id) WHERE unit_id IS NOT NULL;
-- Soft claims: who has a segment open in a session, until when. A claim is
-- advisory (saves are guarded by versions); an expired one is nobody's.
CREATE TABLE segment_claims (
    segment_id    INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,
    claimed_by    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,          -- RFC 3339, UTC
    PRIMARY KEY (segment_id, lang)
) WITHOUT ROWID;

-- version 6
-- A TMX import commits in short batches so translators' saves get through;
-- until its final switch its file is pending and its units are invisible
-- (every read of the memory leaves them out). `pending_since` is the
-- importer's heartbeat, renewed each batch: a pending file whose heartbeat
-- is old was abandoned (the process died) and the next import removes it.
ALTER TABLE tmx_files ADD COLUMN pending_since TEXT;

-- version 7
-- The event log and the history are append-only in fact (issue 14): a
-- sentence that `import --replace` drops is not deleted but removed: it keeps
-- its row, translations, history and events, is hidden from the document, and
-- a later import that brings its text back takes them up again. Removed
-- segments are parked at position -id (unique, out of the live 1..N range).
ALTER TABLE segments ADD COLUMN removed_at TEXT;
-- `docs rm` likewise removes a document without deleting its trail (`docs rm
-- --purge` deletes): it is hidden from every list and lookup, and its name is
-- freed by storing it as `#ID:NAME` (no document may be named with a `#`).
ALTER TABLE documents ADD COLUMN removed_at TEXT;
-- Facts about this database itself. `database_id` is random, made once: our
-- TMX exports carry it so an import can tell our own files from others'.
CREATE TABLE database_meta (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
);
INSERT INTO database_meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
