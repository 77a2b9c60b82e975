-- Several locations per service (HSDS service_at_location), the search filters copied onto each location, and the
-- reason and end of a temporary closure.

-- A location has its own id now. One carried over from V1 takes its service's id, so repeatable scripts (the DEMO
-- directory) can name it the same way on an old and a new database.
alter table location drop constraint location_pkey;
alter table location add column id uuid;
update location set id = service_id;
alter table location alter column id set not null;
alter table location add primary key (id);
-- the order staff gave the locations in; the first one is the service's main place
alter table location add column position int not null default 0;
create index location_by_service on location (service_id, position);

-- Search by place reads only location: the filters a search can ask for are copied from the service onto each of its
-- locations, so they are tested on the rows the GiST box returns without looking up ~1,400 service rows one by one.
-- Triggers keep the copies true, so no write path (staff API, import, a hand-written insert) can forget them.
alter table location add column service_status text;
alter table location add column service_languages text[] not null default '{}';
alter table location add column service_taxonomy_terms text[] not null default '{}';
alter table location add column free_of_charge boolean not null default false;
alter table location add column twenty_four_seven boolean not null default false;

create function location_copy_service_filters() returns trigger language plpgsql as $$
begin
    select s.status, s.languages, s.taxonomy_terms, s.free_of_charge, s.twenty_four_seven
    into new.service_status, new.service_languages, new.service_taxonomy_terms, new.free_of_charge,
        new.twenty_four_seven
    from service s where s.id = new.service_id;
    return new;
end
$$;

create trigger location_copy_service_filters before insert or update of service_id on location
    for each row execute function location_copy_service_filters();

create function service_filters_to_locations() returns trigger language plpgsql as $$
begin
    update location set service_status = new.status, service_languages = new.languages,
        service_taxonomy_terms = new.taxonomy_terms, free_of_charge = new.free_of_charge,
        twenty_four_seven = new.twenty_four_seven
    where service_id = new.id;
    return null;
end
$$;

create trigger service_filters_to_locations after update of status, languages, taxonomy_terms, free_of_charge,
    twenty_four_seven on service
    for each row
    when ((old.status, old.languages, old.taxonomy_terms, old.free_of_charge, old.twenty_four_seven)
        is distinct from (new.status, new.languages, new.taxonomy_terms, new.free_of_charge, new.twenty_four_seven))
    execute function service_filters_to_locations();

update location l set service_status = s.status, service_languages = s.languages,
    service_taxonomy_terms = s.taxonomy_terms, free_of_charge = s.free_of_charge,
    twenty_four_seven = s.twenty_four_seven
from service s where s.id = l.service_id;

alter table location alter column service_status set not null;

-- Only active services are searched by place, so the box index holds only their locations: a smaller tree, and no
-- status test on the rows it returns.
drop index location_near;
create index location_near_active on location using gist (point(longitude, latitude))
    where service_status = 'active';

-- A temporary closure keeps the service listed (with why and until when) but out of search by place.
alter table service add column closure_reason text;
alter table service add column closed_until date;
