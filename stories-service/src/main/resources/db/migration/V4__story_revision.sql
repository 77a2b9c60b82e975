-- An author's edit of a published story waits here for review while the approved version stays up. One pending
-- revision per story: a newer edit replaces it. Sealed under the story's own data key, so erasure shreds it too.
create table story_revision (
    story_id          uuid        primary key references story (id) on delete cascade,
    title_sealed      bytea,
    text_sealed       bytea       not null,
    content_warnings  text[]      not null,
    submitted_at      timestamptz not null
);

-- Why a moderator turned a revision down, for the author to read; the published version is unaffected.
alter table story add column revision_feedback text;
