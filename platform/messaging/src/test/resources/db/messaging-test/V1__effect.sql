create table test_effect (id bigserial primary key, event_id uuid not null);
