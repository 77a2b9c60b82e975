-- The W3C traceparent of the event delivery that queued an author's mail (trace and span ids and the sampled flag,
-- nothing else), so sending it continues the submitter's trace: gateway, stories, outbox, Kafka, this service's
-- consumer, then the SMTP send. Null when nothing traced it.
alter table outgoing_mail add column traceparent text;
