-- The W3C traceparent of the sign-up request that queued a subscription mail (trace and span ids and the sampled
-- flag, nothing else), as V13 did for authors' mail: sending the confirmation continues the sign-up's trace, so an
-- operator follows one sign-up from the gateway to the SMTP send. Null when nothing traced it.
alter table subscriber_mail add column traceparent text;
