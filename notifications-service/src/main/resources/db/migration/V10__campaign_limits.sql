-- A campaign pauses itself when too many of its mails fail or draw complaints (campaign/DeliveryLoop, pauseOverLimits); why, in
-- words staff read in the portal. On resume the counts so far become the baseline, so the next judgement is about
-- the mail sent after it, not the mail that caused the pause.
alter table campaign add column paused_reason text;
alter table campaign add column limit_baseline_attempted int not null default 0;
alter table campaign add column limit_baseline_failed int not null default 0;
alter table campaign add column limit_baseline_complaints int not null default 0;
