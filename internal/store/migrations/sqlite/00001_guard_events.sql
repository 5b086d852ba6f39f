-- Guard decisions. time is INTEGER unix microseconds (UTC); booleans are 0/1.
-- IF NOT EXISTS keeps a racing second process (SQLite has no goose session lock) harmless.

-- +goose Up
CREATE TABLE IF NOT EXISTS guard_events (
    id          TEXT    NOT NULL PRIMARY KEY,
    time        INTEGER NOT NULL,
    request_id  TEXT    NOT NULL DEFAULT '',
    identity    TEXT    NOT NULL DEFAULT '',
    route       TEXT    NOT NULL DEFAULT '',
    model       TEXT    NOT NULL DEFAULT '',
    upstream    TEXT    NOT NULL DEFAULT '',
    direction   TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL DEFAULT '',
    flagged     INTEGER NOT NULL DEFAULT 0,
    findings    TEXT    NOT NULL DEFAULT '[]',
    prompt_hash TEXT    NOT NULL DEFAULT '',
    prompt      TEXT,
    status      INTEGER NOT NULL DEFAULT 0,
    latency_ms  INTEGER NOT NULL DEFAULT 0,
    stream      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS guard_events_time ON guard_events (time, id);
CREATE INDEX IF NOT EXISTS guard_events_identity ON guard_events (identity, time);
CREATE INDEX IF NOT EXISTS guard_events_action ON guard_events (action, time);

-- One row per distinct rule of an event, so the rule filter is an indexed lookup rather than a
-- scan of the findings JSON.
CREATE TABLE IF NOT EXISTS guard_event_rules (
    event_id TEXT NOT NULL REFERENCES guard_events (id) ON DELETE CASCADE,
    rule     TEXT NOT NULL,
    PRIMARY KEY (event_id, rule)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS guard_event_rules_rule ON guard_event_rules (rule, event_id);

-- +goose Down
DROP TABLE IF EXISTS guard_event_rules;
DROP TABLE IF EXISTS guard_events;
