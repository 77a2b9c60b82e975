-- Moderators feature a few published stories for the front page.
alter table published_story add column featured boolean not null default false;

create index published_story_featured on published_story (published_at desc) where featured;
