-- Bounces (RFC 3464 delivery status notifications) and complaints (RFC 5965 abuse reports) that came back for our
-- mail, read from the bounce mailbox (mail/BounceMailbox). One row per (mail, what happened): a report read twice,
-- or a second report of the same kind about the same mail, changes nothing the second time. The reference is the
-- mail's kind and ids (mail/MailReference), never an address; rows older than the mailbox's memory are deleted.
create table mail_feedback (
    reference    text        not null,
    kind         text        not null check (kind in ('hard-bounce', 'soft-bounce', 'complaint')),
    received_at  timestamptz not null default now(),
    primary key (reference, kind)
);

create index mail_feedback_age on mail_feedback (received_at);

-- A subscriber whose address bounced for good (or softly too often) gets no more campaign mail until they sign up and
-- confirm again; erasing the subscriber erases this with the row. A complaint is an unsubscription, not a suppression.
alter table subscriber add column suppressed_at timestamptz;
alter table subscriber add column suppressed_reason text check (suppressed_reason in ('hard-bounce', 'soft-bounces'));
alter table subscriber add column soft_bounces int not null default 0;

-- mail SMTP accepted that came back later: the row says so beside sent_at
alter table subscriber_mail add column bounced_at timestamptz;
alter table outgoing_mail add column bounced_at timestamptz;

-- a recipient who reported a campaign mail as spam; the mail itself was delivered, so its state stays 'sent'
alter table campaign_delivery add column complained_at timestamptz;

create index campaign_delivery_complaints on campaign_delivery (campaign_id) where complained_at is not null;
