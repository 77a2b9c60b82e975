-- DEMO directory for the devstack (profile `demo`). Every name says DEMO; every number is a fictional
-- 555-01xx number that reaches nobody. Never real local crisis lines: the real national hotlines live in
-- NationalHotlines.java. Repeatable and idempotent, so it can be edited and re-run; it writes no outbox events.

insert into organization (id, name, description, website) values
    ('4fd30fe3-5762-5f6f-a2f7-c6208d36b72e', 'DEMO Lakeshore Survivor Alliance', 'Demo organization; not real.', 'https://example.org/demo-lakeshore'),
    ('994aef3b-5f36-5155-bb67-a2b224b3f27c', 'DEMO Five Boroughs Advocacy Network', 'Demo organization; not real.', 'https://example.org/demo-five-boroughs'),
    ('60125374-abac-5e05-a9d0-a52e8749c83a', 'DEMO Pacific Coast Healing Collective', 'Demo organization; not real.', 'https://example.org/demo-pacific-coast')
on conflict (id) do nothing;

insert into service (id, organization_id, name, description, free_of_charge, twenty_four_seven, languages, taxonomy_terms, modified_at, last_verified) values
    ('bde1f1d0-e189-534b-90c8-4f5b8dba719f', '4fd30fe3-5762-5f6f-a2f7-c6208d36b72e', 'DEMO Counselling Centre (Chicago)', 'Demo record for the devstack; not a real service. Individual and group counselling.', true, false, array['en', 'es']::text[], array['counselling', 'support-group']::text[], now(), current_date),
    ('3065cac2-49bc-56f6-be2b-ff88b8f17a39', '4fd30fe3-5762-5f6f-a2f7-c6208d36b72e', 'DEMO Safe House (Chicago)', 'Demo record for the devstack; not a real service. Confidential emergency shelter.', true, true, array['en']::text[], array['shelter']::text[], now(), current_date),
    ('dc0c2ada-f9fb-5167-bfe9-52efedf1802c', '4fd30fe3-5762-5f6f-a2f7-c6208d36b72e', 'DEMO Legal Advocacy Clinic (Chicago)', 'Demo record for the devstack; not a real service. Help with protective orders and court accompaniment.', true, false, array['en', 'pl']::text[], array['legal-advocacy']::text[], now(), current_date),
    ('5fb85393-69e7-5d38-b9f6-73bfb7ab8e64', '994aef3b-5f36-5155-bb67-a2b224b3f27c', 'DEMO Forensic Exam Programme (New York)', 'Demo record for the devstack; not a real service. Medical care and forensic exams after an assault.', true, true, array['en', 'es', 'zh']::text[], array['medical-forensic-exam', 'hospital-accompaniment']::text[], now(), current_date),
    ('67040974-a0ba-5955-b03d-c7ccf5c08bdf', '994aef3b-5f36-5155-bb67-a2b224b3f27c', 'DEMO Evening Support Group (Brooklyn)', 'Demo record for the devstack; not a real service. Peer support group, evenings.', true, false, array['en']::text[], array['support-group']::text[], now(), current_date),
    ('2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', '60125374-abac-5e05-a9d0-a52e8749c83a', 'DEMO Trauma Counselling (Los Angeles)', 'Demo record for the devstack; not a real service. Counselling on a sliding scale.', false, false, array['en', 'es', 'ko']::text[], array['counselling']::text[], now(), current_date),
    ('ce4cd361-7a7c-5d0d-912a-4519432e20f3', '60125374-abac-5e05-a9d0-a52e8749c83a', 'DEMO Online Peer Chat', 'Demo record for the devstack; not a real service. Online peer support from anywhere.', true, false, array['en', 'es']::text[], array['support-group', 'counselling']::text[], now(), current_date)
on conflict (id) do nothing;

insert into location (id, service_id, location_type, address_1, city, state_province, postal_code, latitude, longitude, time_zone, accessibility) values
    ('bde1f1d0-e189-534b-90c8-4f5b8dba719f', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 'physical', 'DEMO 100 Example Avenue', 'Chicago', 'IL', '60601', 41.887, -87.623, 'America/Chicago', array['wheelchair-accessible']::text[]),
    ('3065cac2-49bc-56f6-be2b-ff88b8f17a39', '3065cac2-49bc-56f6-be2b-ff88b8f17a39', 'confidential', 'DEMO confidential address', 'Chicago', 'IL', '60614', 41.922, -87.649, 'America/Chicago', '{}'::text[]),
    ('dc0c2ada-f9fb-5167-bfe9-52efedf1802c', 'dc0c2ada-f9fb-5167-bfe9-52efedf1802c', 'physical', 'DEMO 200 Example Street', 'Chicago', 'IL', '60607', 41.876, -87.651, 'America/Chicago', array['wheelchair-accessible', 'sign-language']::text[]),
    ('5fb85393-69e7-5d38-b9f6-73bfb7ab8e64', '5fb85393-69e7-5d38-b9f6-73bfb7ab8e64', 'physical', 'DEMO 300 Example Plaza', 'New York', 'NY', '10001', 40.75, -73.997, 'America/New_York', array['wheelchair-accessible']::text[]),
    ('67040974-a0ba-5955-b03d-c7ccf5c08bdf', '67040974-a0ba-5955-b03d-c7ccf5c08bdf', 'physical', 'DEMO 400 Example Road', 'Brooklyn', 'NY', '11201', 40.694, -73.99, 'America/New_York', '{}'::text[]),
    ('2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', '2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', 'physical', 'DEMO 500 Example Boulevard', 'Los Angeles', 'CA', '90012', 34.053, -118.243, 'America/Los_Angeles', array['wheelchair-accessible']::text[]),
    ('ce4cd361-7a7c-5d0d-912a-4519432e20f3', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 'virtual', null, null, null, null, null, null, 'America/Los_Angeles', '{}'::text[])
on conflict (id) do nothing;

insert into phone (id, service_id, position, number, type, description, languages) values
    ('0e9de715-3ac4-54ec-8acd-a4ccc022c788', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 0, '312-555-0101', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[]),
    ('8e86b090-fb6d-529b-b455-ea12dd83082e', '3065cac2-49bc-56f6-be2b-ff88b8f17a39', 0, '312-555-0102', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[]),
    ('88eda69e-860f-5213-ad76-438a0e989f41', 'dc0c2ada-f9fb-5167-bfe9-52efedf1802c', 0, '312-555-0103', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[]),
    ('f9700abd-e468-54e3-88b4-e1728bb3c147', '5fb85393-69e7-5d38-b9f6-73bfb7ab8e64', 0, '212-555-0104', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[]),
    ('a7315859-c229-5fef-a78d-445818a120da', '67040974-a0ba-5955-b03d-c7ccf5c08bdf', 0, '718-555-0105', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[]),
    ('6c23d7c8-bf2b-5138-a529-4c16ef55e949', '2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', 0, '213-555-0106', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[]),
    ('b3d3cc30-c1e6-5eee-928b-769ba6bf425b', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 0, '213-555-0107', 'voice', 'DEMO number: fictional, reaches nobody', '{}'::text[])
on conflict (id) do nothing;

insert into schedule (id, service_id, weekday, opens_at, closes_at) values
    ('10ecd013-8a69-586c-bb4d-63a0c3ac2b7b', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 1, '09:00', '17:00'),
    ('96ca52dc-0d3f-5a36-86a6-10a3be1b2942', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 2, '09:00', '17:00'),
    ('79c230de-25e2-5eef-a054-90684e661c60', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 3, '09:00', '20:00'),
    ('0e432401-5962-51c5-9a39-d185e727f0c7', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 4, '09:00', '17:00'),
    ('43d7a98c-d277-5d1d-8edb-89e35c125fc8', 'bde1f1d0-e189-534b-90c8-4f5b8dba719f', 5, '09:00', '17:00'),
    ('fb822dcc-bb05-5d70-a1ed-3ac33136630e', 'dc0c2ada-f9fb-5167-bfe9-52efedf1802c', 2, '10:00', '18:00'),
    ('c964916c-d2b3-5949-afda-71c9615a82f2', 'dc0c2ada-f9fb-5167-bfe9-52efedf1802c', 4, '10:00', '18:00'),
    ('30f6d91f-1e49-5ab0-9580-60a33294234f', '67040974-a0ba-5955-b03d-c7ccf5c08bdf', 1, '18:00', '21:00'),
    ('3cca1c9d-1c02-57ed-9ba1-d46cd66bf82b', '67040974-a0ba-5955-b03d-c7ccf5c08bdf', 4, '18:00', '21:00'),
    ('2a0d02db-6df4-51c6-a958-f726efa290c1', '67040974-a0ba-5955-b03d-c7ccf5c08bdf', 6, '22:00', '02:00'),
    ('9de59cfd-ae30-5e70-9541-73c94c4274cf', '2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', 1, '08:00', '16:00'),
    ('fdc3a24d-2c69-5e23-b895-7f86599d87a1', '2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', 3, '08:00', '16:00'),
    ('a4629fd5-37a8-5e04-a64f-2f7d8b80caa5', '2e12bee3-ac7c-53ff-9bb9-c60e8145e36c', 5, '08:00', '16:00'),
    ('b9bedccf-72cb-59bd-9877-e9c435aae5ff', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 1, '12:00', '20:00'),
    ('1ea964a5-f4f0-50d7-98f2-95ee043b023a', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 2, '12:00', '20:00'),
    ('10353e33-8dd3-5e77-944e-9b8c98547a6c', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 3, '12:00', '20:00'),
    ('074160c3-3b5f-5fbb-813d-53e3b3d2a350', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 4, '12:00', '20:00'),
    ('f6c548de-954c-5021-8ac9-6676e94a43aa', 'ce4cd361-7a7c-5d0d-912a-4519432e20f3', 5, '12:00', '20:00')
on conflict (id) do nothing;
