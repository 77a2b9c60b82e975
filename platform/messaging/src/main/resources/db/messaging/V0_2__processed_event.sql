-- Idempotent consumers: inserting (consumer, event_id) and applying the effect commit together;
-- a duplicate key means the event was handled before.
create table processed_event (
    consumer      text        not null,
    event_id      uuid        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
