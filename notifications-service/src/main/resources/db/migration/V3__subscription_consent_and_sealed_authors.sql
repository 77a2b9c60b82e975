-- Subscriptions: what each person agreed to, and the mail the subscription itself sends (confirmation, "already
-- subscribed"). The subscriber table of V2 is left as it is; campaigns read it.

-- An append-only record of consent per subscription: what (topics, language), when, and the exact wording the
-- person saw (a version string per language of the form). No IP address, no user agent. Erasing the subscriber
-- erases these with it.
create table subscription_consent (
    id               uuid primary key,
    subscriber_id    uuid        not null references subscriber (id) on delete cascade,
    action           text        not null check (action in ('confirmed', 'changed', 'unsubscribed')),
    topics           text[]      not null,
    language         text        not null,
    wording_version  text        not null,
    recorded_at      timestamptz not null default now()
);

create index subscription_consent_by_subscriber on subscription_consent (subscriber_id);

-- Mail about the subscription itself. No address here: the dispatcher opens the subscriber's sealed address at
-- send time, so erasing the subscriber also cancels mail not yet sent. The newest row per subscriber is also what
-- limits how often a sign-up form can make us write to one address.
create table subscriber_mail (
    id             uuid primary key,
    subscriber_id  uuid        not null references subscriber (id) on delete cascade,
    kind           text        not null check (kind in ('confirm', 'already-subscribed')),
    queued_at      timestamptz not null default now(),
    sent_at        timestamptz,
    attempts       int         not null default 0,
    last_error     text
);

create index subscriber_mail_unsent on subscriber_mail (queued_at) where sent_at is null;
create index subscriber_mail_by_subscriber on subscriber_mail (subscriber_id, queued_at);

-- Story authors: the contact address rests sealed like every other address here. There is no blind index: nothing
-- ever looks an author up by address, and an index would let two stories by one author be linked. Rows from before
-- this migration held plain text; they were development data only and are dropped rather than converted.
delete from outgoing_mail where sent_at is null;
delete from author_contact;
alter table author_contact drop column email;
alter table author_contact add column email_key_id text not null;
alter table author_contact add column email_ciphertext bytea not null;

-- Mail to an author names no recipient: the dispatcher opens the contact at send time, so the address exists in
-- one row only, and withdrawing (which deletes that row) stops any mail not yet sent.
alter table outgoing_mail drop column recipient;

-- Moderation outcomes the author may hear about, kept until the contact arrives (the two travel on different
-- topics, in either order). Ids and kinds only.
create table story_decision (
    story_id    uuid        not null,
    kind        text        not null check (kind in ('STORY_PUBLISHED', 'STORY_REJECTED')),
    decided_at  timestamptz not null,
    primary key (story_id, kind)
);
