-- The help directory, shaped after Open Referral HSDS 3 (organization, service, location, phone, schedule).
-- Languages, accessibility and taxonomy terms are short fixed vocabularies read together with their service,
-- so they are text arrays (GIN-indexed for the filters) rather than one table each.
-- A service has at most one location here: the staff API edits a service "with its organization and location".

create table organization (
    id          uuid primary key,
    name        text not null,
    description text,
    website     text
);

create table service (
    id                 uuid primary key,
    organization_id    uuid        not null references organization (id),
    name               text        not null,
    description        text,
    status             text        not null default 'active'
        check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
    free_of_charge     boolean     not null default false,
    twenty_four_seven  boolean     not null default false,
    last_verified      date,
    languages          text[]      not null default '{}',
    taxonomy_terms     text[]      not null default '{}'
        -- the fixed list lives in TaxonomyTerm; this keeps a hand-written insert from slipping past it
        check (taxonomy_terms <@ array ['crisis-hotline', 'counselling', 'legal-advocacy', 'medical-forensic-exam',
            'shelter', 'support-group', 'hospital-accompaniment', 'housing-assistance', 'prevention-education']),
    modified_at        timestamptz not null,
    search_text        tsvector generated always as
        (to_tsvector('simple', name || ' ' || coalesce(description, ''))) stored
);

create index service_by_organization on service (organization_id);
create index service_by_modified_at on service (modified_at);
create index service_search_text on service using gin (search_text);
create index service_taxonomy_terms on service using gin (taxonomy_terms);

create table location (
    service_id      uuid primary key references service (id) on delete cascade,
    location_type   text not null check (location_type in ('physical', 'virtual', 'confidential')),
    address_1       text,
    city            text,
    state_province  text,
    postal_code     text,
    latitude        double precision check (latitude between -90 and 90),
    longitude       double precision check (longitude between -180 and 180),
    time_zone       text not null,
    accessibility   text[] not null default '{}',
    -- a virtual service has no place; every other one is found by distance
    check ((location_type = 'virtual') = (latitude is null and longitude is null))
);

-- Search by place: the bounding box of the radius narrows the rows through this two-dimensional index (core
-- PostgreSQL GiST on a point, no PostGIS), then the exact great-circle distance is computed only for the rows inside
-- the box. A btree on (latitude, longitude) would scan a whole band of latitude across the country instead.
create index location_near on location using gist (point(longitude, latitude));

create table phone (
    id          uuid primary key,
    service_id  uuid not null references service (id) on delete cascade,
    position    int  not null,
    number      text not null,
    type        text not null check (type in ('voice', 'text', 'tty')),
    description text,
    languages   text[] not null default '{}'
);

create index phone_by_service on phone (service_id, position);

-- Weekly opening hours in the location's time zone. closes_at <= opens_at means the hours run past midnight
-- into the next day (00:00-00:00 is the whole day).
create table schedule (
    id          uuid primary key,
    service_id  uuid     not null references service (id) on delete cascade,
    weekday     smallint not null check (weekday between 1 and 7),
    opens_at    time     not null,
    closes_at   time     not null
);

create index schedule_by_service on schedule (service_id, weekday);
