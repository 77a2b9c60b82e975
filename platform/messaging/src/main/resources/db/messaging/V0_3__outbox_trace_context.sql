-- The W3C traceparent of the request that recorded the event (trace and span ids and the sampled flag, nothing
-- else), so the relay's publication and the consumers continue the submitter's trace. Null when nothing traced it.
alter table outbox_event add column traceparent text;
