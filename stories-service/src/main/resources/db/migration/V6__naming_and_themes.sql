-- How the author asked to be named, sealed under the story's data key like the text while unpublished; and the
-- themes the author suggested. A revision may carry a new name (null: the naming stays as it is).
alter table story add column named_as text not null default 'anonymous'
    check (named_as in ('anonymous', 'first-name', 'pseudonym'));
alter table story add column name_sealed bytea;
alter table story add column suggested_themes text[] not null default '{}';

alter table story_revision add column named_as text check (named_as in ('anonymous', 'first-name', 'pseudonym'));
alter table story_revision add column name_sealed bytea;

-- The public copy: the name as the moderator approved it (the author consented to publication, so it is in clear,
-- like the published text) and the themes the moderator set, which readers filter by.
alter table published_story add column named_as text not null default 'anonymous'
    check (named_as in ('anonymous', 'first-name', 'pseudonym'));
alter table published_story add column name text;
alter table published_story add column themes text[] not null default '{}';

create index published_story_themes on published_story using gin (themes);
