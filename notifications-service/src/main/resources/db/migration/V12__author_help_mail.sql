-- A moderator can have the hotlines mailed to the author of a story that mentions self-harm or danger (issue 17). It
-- queues like a decision: once per story, and only when the author left an address with their consent.
alter table story_decision drop constraint story_decision_kind_check;
alter table story_decision add constraint story_decision_kind_check
    check (kind in ('STORY_PUBLISHED', 'STORY_REJECTED', 'STORY_HELP'));
