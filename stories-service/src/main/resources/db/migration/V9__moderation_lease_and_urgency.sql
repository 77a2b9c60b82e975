-- Moderation at surge speed. A moderator claims a story for a while (a lease), so two moderators never read the same
-- one; the version column stays the backstop when a lease runs out mid-decision. A story that mentions self-harm or
-- immediate danger is marked urgent when it is shared (its text is sealed, so the queue cannot look at it later)
-- and is read first.
alter table story
    add column claimed_by        text,
    add column claim_expires_at  timestamptz,
    add column urgent            boolean not null default false;

-- stories shared before this migration: the warning the author chose is all that can be read without unsealing
update story set urgent = true where 'self-harm' = any (content_warnings);

-- the queue's order: urgent first, then whoever has waited longest
create index story_queue on story (urgent desc, submitted_at) where status = 'SUBMITTED';

-- each moderator's decisions per hour
create index moderation_audit_by_actor on moderation_audit (actor, at);
