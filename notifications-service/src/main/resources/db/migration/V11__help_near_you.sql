-- "New help near you": services resources-service announced as added or reopened, kept for the weekly mail. Only
-- what the mail says (name, service types, ZIP) and the centre of the service's ZIP area, as the event carries it:
-- never an address, never a place's own coordinates.
create table nearby_service (
    service_id      uuid primary key,
    name            text        not null,
    postal_code     text,
    taxonomy_terms  text[]      not null default '{}',
    latitude        double precision not null,
    longitude       double precision not null,
    -- when it was added or reopened; a later update of an open service keeps the day it became news
    announced_at    timestamptz not null,
    -- false once it closed again (for now or for good): it is no news any more
    open            boolean     not null default true
);

create index nearby_service_recent on nearby_service (announced_at) where open;

-- The mail itself, at most one per subscriber a week (HelpNearYou decides; the newest row per subscriber is the last
-- one). What it lists is copied in when it is queued, so the mail says what was true then; no address anywhere: the
-- dispatcher opens the subscriber's sealed address at send time, and erasing the subscriber deletes the row.
create table help_near_you_mail (
    id               uuid primary key,
    subscriber_id    uuid        not null references subscriber (id) on delete cascade,
    services         text        not null,
    queued_at        timestamptz not null default now(),
    sent_at          timestamptz,
    attempts         int         not null default 0,
    last_error       text,
    next_attempt_at  timestamptz not null default now(),
    failed_at        timestamptz,
    -- a bounce reported after delivery (HelpNearYouFeedback)
    bounced_at       timestamptz
);

create index help_near_you_mail_due on help_near_you_mail (next_attempt_at) where sent_at is null and failed_at is null;
create index help_near_you_mail_by_subscriber on help_near_you_mail (subscriber_id, queued_at);
