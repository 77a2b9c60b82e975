-- People who asked for mail. The address rests sealed (AES-256-GCM, key id beside it) and is found again through a
-- keyed blind index; erasure deletes the row, there is no soft delete. No IP address, no user agent, no tracking.
create table subscriber (
    id                 uuid primary key,
    email_key_id       text        not null,
    email_ciphertext   bytea       not null,
    email_blind_index  bytea       not null unique,
    language           text        not null check (language in ('en', 'es')),
    -- what the person asked for: 'anniversary' updates, 'help-near-me' (with help_zip)
    topics             text[]      not null check (topics <@ array['anniversary', 'help-near-me']::text[]),
    help_zip           text        check (help_zip ~ '^[0-9]{5}$'),
    -- pending until the confirmation link is followed; nothing but the confirmation mail goes to a pending address
    status             text        not null check (status in ('pending', 'confirmed', 'unsubscribed')),
    paused_until       date,
    created_at         timestamptz not null default now(),
    confirmed_at       timestamptz,
    updated_at         timestamptz not null default now()
);

-- campaign audiences read confirmed subscribers by language and topic
create index subscriber_audience on subscriber using gin (topics) where status = 'confirmed';
create index subscriber_pending_expiry on subscriber (created_at) where status = 'pending';
