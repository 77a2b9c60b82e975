-- Transactional outbox: a state change and the events it causes commit together; the relay publishes them.
-- A row is deleted once Kafka has acknowledged it, so personal data (a contact address) does not linger here.
create table outbox_event (
    id           uuid primary key,            -- becomes the CloudEvents ce_id
    topic        text        not null,
    event_key    text        not null,
    event_type   text,                        -- null for a tombstone
    payload      text,                        -- null for a tombstone
    occurred_at  timestamptz not null,
    created_at   timestamptz not null default clock_timestamp(),
    attempts     int         not null default 0,
    last_error   text
);

create index outbox_event_by_age on outbox_event (created_at);
