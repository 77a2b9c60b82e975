-- What notifications-service knows about a story: only that it was submitted, and (with the author's
-- consent) how to reach its author. The contact row is deleted when the contacts topic says "forget".
create table submitted_story (
    story_id      uuid primary key,
    submitted_at  timestamptz not null
);

create table author_contact (
    story_id  uuid primary key,
    email     text not null,
    language  text not null
);

-- Mail to send, written in the same transaction as the event that caused it; the dispatcher sends it and then
-- forgets the recipient. One mail of a kind per story, whatever the redeliveries.
create table outgoing_mail (
    id          uuid primary key,
    kind        text        not null,
    story_id    uuid        not null,
    recipient   text,
    language    text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,
    attempts    int         not null default 0,
    last_error  text,
    unique (kind, story_id)
);

create index outgoing_mail_unsent on outgoing_mail (created_at) where sent_at is null;
