-- The walking skeleton's story: enough to accept a submission and queue it for moderation.
-- The story issue adds encryption at rest, consent ledger, revisions and the manage token.
create table story (
    id            uuid primary key,
    title         text,
    body          text        not null,
    language      text        not null,
    status        text        not null default 'SUBMITTED',
    submitted_at  timestamptz not null default now(),
    version       int         not null default 0
);

create index story_by_status_and_age on story (status, submitted_at);
