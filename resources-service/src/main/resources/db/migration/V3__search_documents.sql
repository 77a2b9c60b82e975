-- Search answers ready to send. For every location of an active service, the public JSON of that service as a
-- search result shows it (this location as `location`, confidential addresses masked) is kept here, so a search by
-- place reads the nearest rows' documents by primary key instead of assembling locations, phones and hours for each
-- result and having the JVM parse and re-serialise them: the directory is read a million times for every write.
-- Triggers keep the documents true, so no write path (staff API, import, a hand-written insert) can forget them.
-- The shape is ServiceView.forPublic() as Jackson writes it; SearchDocumentsIT compares the two field by field.

-- An active service has no closure reason or day (Directory.setStatus clears them), so its document leaves them out
-- as Jackson does for nulls there; this makes that a rule of the data rather than of one write path.
alter table service add constraint closure_only_when_temporarily_closed
    check (status = 'temporarily closed' or (closure_reason is null and closed_until is null));

create table search_document (
    location_id uuid primary key references location (id) on delete cascade,
    service_id  uuid not null,
    document    text not null
);

create index search_document_by_service on search_document (service_id);

-- java.time.Instant as Jackson writes it (ISO_INSTANT): UTC, and the fraction in groups of three digits, if any
create function iso_instant(t timestamptz) returns text language sql immutable as $$
    select regexp_replace(to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '(\.000)?000$', '') || 'Z'
$$;

-- A location as anyone may see it: a confidential one (a shelter) without its address or coordinates
create function public_location_json(l location) returns json language sql stable as $$
    select json_strip_nulls(json_build_object(
        'id', l.id, 'location_type', l.location_type,
        'address_1', case when l.location_type <> 'confidential' then l.address_1 end,
        'city', l.city, 'state_province', l.state_province, 'postal_code', l.postal_code,
        'latitude', case when l.location_type <> 'confidential' then l.latitude end,
        'longitude', case when l.location_type <> 'confidential' then l.longitude end,
        'time_zone', l.time_zone, 'accessibility', l.accessibility,
        'call_for_location', case when l.location_type = 'confidential' then true end))
$$;

create function render_search_documents(services uuid[]) returns void language sql as $$
    delete from search_document where service_id = any (services);
    insert into search_document (location_id, service_id, document)
    select here.id, s.id, json_build_object(
            'id', s.id, 'name', s.name, 'description', s.description,
            'organization', json_strip_nulls(json_build_object('id', o.id, 'name', o.name,
                'description', o.description, 'website', o.website)),
            'status', s.status, 'free_of_charge', s.free_of_charge, 'twenty_four_seven', s.twenty_four_seven,
            'last_verified', s.last_verified, 'languages', s.languages, 'taxonomy_terms', s.taxonomy_terms,
            'location', public_location_json(here),
            'locations', (select json_agg(public_location_json(l) order by l.position, l.id)
                          from location l where l.service_id = s.id),
            'phones', coalesce((select json_agg(json_strip_nulls(json_build_object('number', p.number,
                    'type', p.type, 'description', p.description, 'languages', p.languages)) order by p.position)
                from phone p where p.service_id = s.id), '[]'),
            'schedules', coalesce((select json_agg(json_build_object(
                    'weekday', (array['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])[h.weekday],
                    'opens_at', to_char(h.opens_at, 'HH24:MI'), 'closes_at', to_char(h.closes_at, 'HH24:MI'))
                    order by h.weekday, h.opens_at)
                from schedule h where h.service_id = s.id), '[]'),
            'modified_at', iso_instant(s.modified_at))::text
    from (select distinct id from unnest(services) as listed(id)) changed
    join service s on s.id = changed.id and s.status = 'active'
    join organization o on o.id = s.organization_id
    join location here on here.service_id = s.id;
$$;

-- Statement-level triggers with transition tables: an import or a bulk update renders each service it touched
-- once per statement, not once per row. (PostgreSQL allows transition tables only on single-event triggers.)
create function search_documents_for_services() returns trigger language plpgsql as $$
begin
    perform render_search_documents(array(select id from changed_new));
    return null;
end
$$;

create function search_documents_for_organizations() returns trigger language plpgsql as $$
begin
    perform render_search_documents(array(
        select s.id from service s where s.organization_id in (select id from changed_new)));
    return null;
end
$$;

-- a location, phone or hours row names its service; an update may move it from one service to another
create function search_documents_for_parts() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform render_search_documents(array(select service_id from changed_new));
    elsif tg_op = 'UPDATE' then
        perform render_search_documents(array(select service_id from changed_new
                                               union select service_id from changed_old));
    else
        perform render_search_documents(array(select service_id from changed_old));
    end if;
    return null;
end
$$;

create trigger search_documents_after_insert after insert on service
    referencing new table as changed_new for each statement execute function search_documents_for_services();
create trigger search_documents_after_update after update on service
    referencing new table as changed_new for each statement execute function search_documents_for_services();
create trigger search_documents_after_update after update on organization
    referencing new table as changed_new for each statement execute function search_documents_for_organizations();

-- a service's places, phones and hours: the same three triggers on each table
do $$
declare
    part text;
begin
    foreach part in array array['location', 'phone', 'schedule'] loop
        execute format('create trigger search_documents_after_insert after insert on %I
            referencing new table as changed_new
            for each statement execute function search_documents_for_parts()', part);
        execute format('create trigger search_documents_after_update after update on %I
            referencing old table as changed_old new table as changed_new
            for each statement execute function search_documents_for_parts()', part);
        execute format('create trigger search_documents_after_delete after delete on %I
            referencing old table as changed_old
            for each statement execute function search_documents_for_parts()', part);
    end loop;
end
$$;

select render_search_documents(array(select id from service));
