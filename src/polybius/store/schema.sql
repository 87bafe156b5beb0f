-- polybius store schema (SQLite). Documented in docs/store.md.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS articles (
    article_id   TEXT PRIMARY KEY,          -- content hash + URL (same article, same id)
    url          TEXT,
    title        TEXT,
    publisher    TEXT,
    outlet       TEXT NOT NULL,             -- publisher, else the URL's host, else the article itself
    pub_date     TEXT,                      -- YYYY-MM-DD or NULL
    source       TEXT,                      -- file, feed or archive it came from
    text         TEXT NOT NULL,
    status       TEXT NOT NULL,             -- 'coded' | 'rejected' (not English, no text) | 'failed'
    error        TEXT,
    warnings     TEXT,                      -- JSON list
    sentences    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);

-- Inputs that never became an article (empty, binary, too large, bad JSON line ...).
CREATE TABLE IF NOT EXISTS failures (
    source  TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (source, message)
);

-- Versions of an article that a later version with the same id or URL replaced (a live blog's
-- earlier text, one of several copies under one canonical URL): never coded again.
CREATE TABLE IF NOT EXISTS superseded (
    version     TEXT PRIMARY KEY,           -- hash of article_id + text
    article_id  TEXT NOT NULL,
    url         TEXT,
    replaced_by TEXT NOT NULL               -- the article_id of the version that replaced it
);

-- One row per event mention (an event record from one sentence of one article).
CREATE TABLE IF NOT EXISTS events (
    event_id         TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
    cluster_id       TEXT NOT NULL,          -- the deduplicated event this mention belongs to
    sentence_index   INTEGER NOT NULL,
    date             TEXT,
    date_precision   TEXT,
    cameo_code       TEXT NOT NULL,
    cameo_root       TEXT NOT NULL,
    quad_class       INTEGER,                -- NULL: a user's code whose root CAMEO does not have
    goldstein        REAL,
    plover_type      TEXT,
    source_code      TEXT,
    source_country   TEXT,
    source_name      TEXT,
    target_code      TEXT,
    target_country   TEXT,
    target_name      TEXT,
    status           TEXT NOT NULL,
    attribution_code TEXT,
    location_name    TEXT,
    location_country TEXT,
    location_admin1  TEXT,
    lat              REAL,
    lon              REAL,
    geo_precision    TEXT,
    fatalities       INTEGER,
    sentence         TEXT NOT NULL,
    record           TEXT NOT NULL           -- the full event record as JSON
);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);

-- Claims about one event that disagree (event.conflicts_with), both directions.
CREATE TABLE IF NOT EXISTS conflicts (
    event_id       TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    other_event_id TEXT NOT NULL,
    PRIMARY KEY (event_id, other_event_id)
);

-- Deduplicated events with GDELT-style counts, always consistent with the mentions.
CREATE VIEW IF NOT EXISTS clusters AS
SELECT e.cluster_id,
       MIN(e.event_id)                                         AS first_event_id,
       COUNT(*)                                                AS num_mentions,
       COUNT(DISTINCT a.outlet)                                AS num_sources,
       COUNT(DISTINCT e.article_id)                            AS num_articles
FROM events e JOIN articles a ON a.article_id = e.article_id
GROUP BY e.cluster_id;
