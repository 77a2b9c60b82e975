-- A confidential location (a shelter) must never be found by searching: its true coordinates may influence no public
-- answer, neither a distance, nor the order of results, nor whether a radius includes it. So every location gets a
-- public point, and search by place reads only that: a physical location's is its own coordinates; a confidential
-- one's is the centre of its ZIP code area (zip_centroid, V4), which its public answer names anyway, so no sequence
-- of searches learns more than the ZIP. Without a known ZIP (a PO box ZIP, a hand-written row) it is the centre of
-- the 0.1 by 0.1 degree cell holding the location: 11.1 km north-south and 8.5 km east-west at 40°N (10.1 km at
-- 25°N, 7.3 km at 49°N). Moving a shelter within its ZIP area (or cell) changes no public answer by a byte.
alter table location add column public_latitude double precision;
alter table location add column public_longitude double precision;

-- Before every insert and update, whatever columns the statement names, so the point cannot be set by hand either.
create function location_public_point() returns trigger language plpgsql as $$
begin
    if new.location_type <> 'confidential' then
        new.public_latitude := new.latitude;
        new.public_longitude := new.longitude;
        return new;
    end if;
    select z.latitude, z.longitude into new.public_latitude, new.public_longitude
    from zip_centroid z where z.zip = substring(new.postal_code from '^\s*(\d{5})(?:-\d{4})?\s*$');
    if not found then
        new.public_latitude := floor(new.latitude * 10) / 10 + 0.05;
        new.public_longitude := floor(new.longitude * 10) / 10 + 0.05;
    end if;
    return new;
end
$$;

create trigger location_public_point before insert or update on location
    for each row execute function location_public_point();

-- the trigger fills the point of every existing row
update location set public_latitude = null;

-- a location people can go to always has a public point; a virtual one never has
alter table location add constraint location_public_point
    check ((location_type = 'virtual') = (public_latitude is null and public_longitude is null));

-- The search box now runs on the public point; a confidential location is in the index only where the public may
-- believe it is.
drop index location_near_active;
create index location_near_active on location using gist (point(public_longitude, public_latitude))
    where service_status = 'active';
