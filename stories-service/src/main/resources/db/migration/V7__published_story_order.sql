-- Public lists are ordered by (published_at desc, story_id): an index in exactly that order lets a page stop after
-- its rows instead of sorting every story published at the same instant (a surge publishes many at once).
drop index published_story_newest;
create index published_story_newest on published_story (published_at desc, story_id);

drop index published_story_featured;
create index published_story_featured on published_story (published_at desc, story_id) where featured;
