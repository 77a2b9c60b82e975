-- The story lifecycle: text sealed at rest under a per-story data key, an author manage token known only by its
-- hash, the public copy of what moderators published, readers' reports and the staff audit log.
-- The walking skeleton kept text in clear and gave authors no manage token, so its rows could never be managed or
-- erased by their authors; they are not carried over.
drop table story;

create table story (
    id                 uuid primary key,
    manage_token_hash  bytea       not null unique,  -- SHA-256 of the token; the token itself is never stored
    status             text        not null default 'SUBMITTED',
    language           text        not null,
    content_warnings   text[]      not null default '{}',
    title_sealed       bytea,                         -- AES-256-GCM under story_data_key
    text_sealed        bytea       not null,          -- AES-256-GCM under story_data_key
    rejection_reason   text,                          -- written by a moderator for the author to read
    submitted_at       timestamptz not null,
    decided_at         timestamptz,
    version            int         not null default 0 -- optimistic locking between moderators
);

create index story_by_status_and_age on story (status, submitted_at);

-- Crypto-shredding: without its row here, a story's sealed bytes (in this database or any backup) are noise.
create table story_data_key (
    story_id       uuid  primary key references story (id) on delete cascade,
    master_key_id  text  not null,
    wrapped_key    bytea not null
);

-- What the public reads: the text as a moderator approved it, redactions applied. The author consented to its
-- publication, so it is kept in clear: lists and language-aware search then run in SQL at surge scale without
-- unsealing every row. The author's original stays sealed in story; withdrawal deletes both.
create table published_story (
    story_id          uuid        primary key references story (id) on delete cascade,
    language          text        not null,
    title             text,
    text              text        not null,
    content_warnings  text[]      not null,
    published_at      timestamptz not null,
    search            tsvector generated always as (to_tsvector(
                          case language when 'es' then 'spanish'::regconfig else 'english'::regconfig end,
                          coalesce(title, '') || ' ' || text)) stored
);

create index published_story_newest on published_story (published_at desc);
create index published_story_search on published_story using gin (search);

-- A reader's report flags a story for a moderator; it never hides it.
create table story_report (
    id           uuid        primary key,
    story_id     uuid        not null references story (id) on delete cascade,
    reason       text        not null,
    reported_at  timestamptz not null,
    resolved_at  timestamptz
);

create index story_report_open on story_report (story_id) where resolved_at is null;

-- Who did what to which story, and when. It holds no story text, so it outlives a withdrawn story.
create table moderation_audit (
    id        bigint      generated always as identity primary key,
    story_id  uuid        not null,
    actor     text        not null,
    action    text        not null,
    at        timestamptz not null
);

create index moderation_audit_newest on moderation_audit (at desc);

create function moderation_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'moderation_audit is append-only';
end
$$;

create trigger moderation_audit_append_only before update or delete on moderation_audit
    for each row execute function moderation_audit_append_only();
