-- Consent per purpose as an append-only ledger: what the author agreed to, and when they changed their mind.
-- The consent in force is the latest entry per purpose. Rows go only when the story is erased.
create table story_consent (
    id        bigint      generated always as identity primary key,
    story_id  uuid        not null references story (id) on delete cascade,
    purpose   text        not null,
    granted   boolean     not null,
    at        timestamptz not null
);

create index story_consent_latest on story_consent (story_id, purpose, id desc);

create function story_consent_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'story_consent is append-only';
end
$$;

create trigger story_consent_append_only before update on story_consent
    for each row execute function story_consent_append_only();
