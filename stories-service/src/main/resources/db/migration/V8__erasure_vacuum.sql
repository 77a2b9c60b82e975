-- Erasure has a bound in the data files too: a withdrawn story's rows are dead tuples until a vacuum removes them, and
-- autovacuum's default waits for a fifth of a table to be dead, which in a large table may take months. These tables
-- hold what an author wrote (in clear in published_story, sealed elsewhere) or the keys that open it: autovacuum
-- takes them at its next round (autovacuum_naptime, 1 minute by default) after any delete.
alter table story set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0,
    toast.autovacuum_vacuum_threshold = 0, toast.autovacuum_vacuum_scale_factor = 0);
alter table story_data_key set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);
alter table published_story set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0,
    toast.autovacuum_vacuum_threshold = 0, toast.autovacuum_vacuum_scale_factor = 0);
alter table story_revision set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0,
    toast.autovacuum_vacuum_threshold = 0, toast.autovacuum_vacuum_scale_factor = 0);
alter table outbox_event set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0,
    toast.autovacuum_vacuum_threshold = 0, toast.autovacuum_vacuum_scale_factor = 0);
