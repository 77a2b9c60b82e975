-- What waits for a moderator, known from story events (ids and reasons only, never text), so the digest can say
-- "3 stories waiting, 1 reported" without asking stories-service.
create table waiting_story (
    story_id  uuid        not null,
    reason    text        not null check (reason in ('submitted', 'flagged')),
    since     timestamptz not null,
    primary key (story_id, reason)
);

-- One row: when the digest last went out. Instances claim the next send with a conditional update, so however
-- many instances run, moderators get at most one digest per interval.
create table moderator_digest (
    id            int primary key check (id = 1),
    last_sent_at  timestamptz
);

insert into moderator_digest (id, last_sent_at) values (1, null);
