-- Anniversary campaigns: what staff wrote, who it goes to, and a delivery ledger that makes each (campaign,
-- subscriber) mail go out exactly once however often a dispatch message is delivered or an instance dies.
create table campaign (
    id                   uuid primary key,
    topic                text        not null check (topic in ('anniversary', 'help-near-me')),
    languages            text[]      not null check (languages <@ array['en', 'es']::text[] and cardinality(languages) > 0),
    status               text        not null check (status in ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')),
    scheduled_at         timestamptz,
    -- the IANA zone staff scheduled in, so the portal shows "09:00 America/New_York" and not a bare instant
    schedule_zone        text,
    started_at           timestamptz,
    completed_at         timestamptz,
    -- the audience is copied into the ledger in keyset batches; the cursor lets another instance carry on after a crash
    audience_cursor      uuid,
    audience_complete    boolean     not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

create index campaign_due on campaign (scheduled_at) where status = 'scheduled';

create table campaign_variant (
    campaign_id      uuid not null references campaign (id) on delete cascade,
    language         text not null check (language in ('en', 'es')),
    subject          text not null,
    body_markdown    text not null,
    content_warning  text,
    primary key (campaign_id, language)
);

-- One row per (campaign, subscriber). No address here: the worker opens the subscriber's sealed address when it sends.
-- No foreign key to subscriber: an erased subscriber's row turns into skipped-unsubscribed, it does not vanish.
create table campaign_delivery (
    campaign_id      uuid        not null references campaign (id) on delete cascade,
    subscriber_id    uuid        not null,
    state            text        not null check (state in ('queued', 'sending', 'sent', 'failed', 'bounced',
                                                           'skipped-unsubscribed', 'cancelled')),
    -- a worker owns a 'sending' row until then; past it, the row is queued again (the worker died)
    lease_until      timestamptz,
    -- when a dispatch message last carried this row; null means "needs one" (new retry, recovered lease, resume)
    dispatched_at    timestamptz,
    next_attempt_at  timestamptz,
    attempts         int         not null default 0,
    -- SMTP reply code and text with any address blanked out; never a whole exception
    last_error       text,
    sent_at          timestamptz,
    updated_at       timestamptz not null default now(),
    primary key (campaign_id, subscriber_id)
);

create index campaign_delivery_state on campaign_delivery (campaign_id, state);
create index campaign_delivery_leases on campaign_delivery (lease_until) where state = 'sending';
create index campaign_delivery_undispatched on campaign_delivery (campaign_id, next_attempt_at)
    where state = 'queued' and dispatched_at is null;
create index campaign_delivery_sent_at on campaign_delivery (campaign_id, sent_at) where state = 'sent';

-- The global send-rate cap, shared by every instance: two token buckets in one row. A null rate is "no cap".
-- Each bucket holds at most `burst` tokens (1/20 of the per-second rate, 1/60 of the per-hour rate) and refills at
-- (rate - burst) per window, so no window of one second (one hour) ever sees more than the rate: burst + refill = rate.
-- Below 20/s (60/h) the burst is one mail and the refill is the full rate (a window may then see one mail more).
create table send_rate (
    id            int primary key check (id = 1),
    per_second    int check (per_second > 0),
    per_hour      int check (per_hour > 0),
    second_tokens double precision not null default 0,
    hour_tokens   double precision not null default 0,
    refilled_at   timestamptz      not null default clock_timestamp()
);

insert into send_rate (id) values (1);

-- Takes up to `wanted` tokens from both buckets at once and answers how many it got (0 when the cap is reached).
-- One row lock serialises every instance; one round trip per chunk of mail.
create function take_send_tokens(wanted int) returns int language plpgsql as $$
declare
    r             send_rate%rowtype;
    now_at        timestamptz;
    elapsed       double precision;
    second_burst  double precision;
    hour_burst    double precision;
    second_avail  double precision;
    hour_avail    double precision;
    granted       int;
begin
    select * into r from send_rate where id = 1 for update;
    -- read the clock only once the lock is ours: a time read before waiting would move refilled_at backwards and
    -- hand out the same refill twice
    now_at := greatest(clock_timestamp(), r.refilled_at);
    if r.per_second is null and r.per_hour is null then
        return wanted;
    end if;
    elapsed := greatest(0, extract(epoch from now_at - r.refilled_at));
    second_avail := wanted;
    hour_avail := wanted;
    if r.per_second is not null then
        second_burst := greatest(1, r.per_second / 20.0);
        second_avail := least(second_burst, r.second_tokens + elapsed * (r.per_second - second_burst
            + case when r.per_second >= 20 then 0 else second_burst end));
    end if;
    if r.per_hour is not null then
        hour_burst := greatest(1, r.per_hour / 60.0);
        hour_avail := least(hour_burst, r.hour_tokens + elapsed * (r.per_hour - hour_burst
            + case when r.per_hour >= 60 then 0 else hour_burst end) / 3600.0);
    end if;
    granted := greatest(0, least(wanted, floor(second_avail), floor(hour_avail)))::int;
    update send_rate set
        second_tokens = case when r.per_second is null then 0 else second_avail - granted end,
        hour_tokens = case when r.per_hour is null then 0 else hour_avail - granted end,
        refilled_at = now_at
    where id = 1;
    return granted;
end
$$;
