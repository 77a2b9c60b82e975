-- One retry policy for queued mail (author and subscription mail): each row says when it is next due, and a row
-- given up (a permanent refusal, an address that cannot be read, or the last try) says when. The queue picks due
-- rows soonest first, so a failing row waits behind later mail instead of holding the queue.
alter table outgoing_mail add column next_attempt_at timestamptz not null default now();
alter table outgoing_mail add column failed_at timestamptz;
alter table subscriber_mail add column next_attempt_at timestamptz not null default now();
alter table subscriber_mail add column failed_at timestamptz;

-- subscription mail already stopped after 12 tries; say so in the new column
update subscriber_mail set failed_at = now() where sent_at is null and attempts >= 12;

drop index outgoing_mail_unsent;
drop index subscriber_mail_unsent;
create index outgoing_mail_due on outgoing_mail (next_attempt_at) where sent_at is null and failed_at is null;
create index subscriber_mail_due on subscriber_mail (next_attempt_at) where sent_at is null and failed_at is null;
