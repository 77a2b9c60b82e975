-- How many author mails one address got today (UTC), so nobody can make Chorus fill a stranger's inbox by submitting
-- stories with their address. The address is a keyed blind index kept for this purpose only (it joins to no other
-- row, not even the subscriber index of the same address), with no story id; only today's rows are kept.
create table author_mail_count (
    address_key  bytea not null,
    day          date  not null,
    mails        int   not null,
    primary key (address_key, day)
);
