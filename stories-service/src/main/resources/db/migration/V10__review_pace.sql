-- The moderators' pace of the last hour (ReviewEstimates): stories decided since a moment, without reading them all.
create index story_by_decision_time on story (decided_at) where decided_at is not null;
