package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.OrganizationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.chorus.resources.hsds.Hsds.Location;
import org.chorus.resources.hsds.Hsds.Phone;
import org.chorus.resources.hsds.Hsds.Schedule;
import org.chorus.resources.hsds.Hsds.Service;
import org.junit.jupiter.api.Test;

class HsdsMappingTest {

    static final UUID PLACE = UUID.randomUUID();

    @Test
    void aConfidentialPlaceIsMaskedEvenWhenItArrivesUnmasked() {
        // as staff read it: street and coordinates present
        LocationView shelter = new LocationView(PLACE, "confidential", "742 Hidden Lane", "Springfield", "IL", "62701",
                39.7817, -89.6501, "America/Chicago", List.of(), null);
        Location hsds = HsdsMapping.location(shelter);
        assertThat(hsds.latitude()).isNull();
        assertThat(hsds.longitude()).isNull();
        assertThat(hsds.addresses()).isNull();
        assertThat(hsds.locationType()).isEqualTo("physical");
        assertThat(hsds.description()).isEqualTo("Confidential location in Springfield IL 62701: call for the address.");
        assertThat(hsds.attributes()).anyMatch(attribute -> attribute.taxonomyTerm().code().equals("call_for_location"));
    }

    @Test
    void openNowReadsTheHoursInTheLocationsTimeZoneAndPastMidnight() {
        List<ScheduleView> fridayNight = List.of(new ScheduleView("FR", "22:00", "02:00"));
        // Saturday 2027-10-16 01:30 in Chicago is 06:30 UTC: still Friday's late hours
        assertThat(mapping("2027-10-16T06:30:00Z").openNow(service(fridayNight, false))).isTrue();
        // Saturday 02:30 in Chicago: closed
        assertThat(mapping("2027-10-16T07:30:00Z").openNow(service(fridayNight, false))).isFalse();
        // Friday 21:59 in Chicago: not yet
        assertThat(mapping("2027-10-16T02:59:00Z").openNow(service(fridayNight, false))).isFalse();
        assertThat(mapping("2027-10-16T07:30:00Z").openNow(service(List.of(), true))).isTrue();
    }

    @Test
    void phonesAndHoursKeepTheirIdsWhenReordered() {
        UUID id = UUID.randomUUID();
        List<PhoneView> phones = List.of(new PhoneView("555-0100", "voice", null, List.of()),
                new PhoneView("555-0101", "text", null, List.of()), new PhoneView("555-0100", "voice", "Again", null));
        List<ScheduleView> hours = List.of(new ScheduleView("MO", "09:00", "17:00"),
                new ScheduleView("TU", "09:00", "12:00"), new ScheduleView("TU", "13:00", "17:00"));
        Service before = mapping("2027-10-15T12:00:00Z").staffService(service(id, phones, hours));
        Service after = mapping("2027-10-15T12:00:00Z").staffService(service(id,
                List.of(phones.get(1), phones.get(0), phones.get(2)), List.of(hours.get(2), hours.get(0), hours.get(1))));

        assertThat(after.phones()).extracting(Phone::id).containsExactly(before.phones().get(1).id(),
                before.phones().get(0).id(), before.phones().get(2).id());
        assertThat(after.schedules()).extracting(Schedule::id).containsExactly(before.schedules().get(2).id(),
                before.schedules().get(0).id(), before.schedules().get(1).id());
        assertThat(before.phones()).extracting(Phone::id).doesNotHaveDuplicates();
        assertThat(before.schedules()).extracting(Schedule::id).doesNotHaveDuplicates();
    }

    private static HsdsMapping mapping(String now) {
        return new HsdsMapping(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    private static ServiceView service(UUID id, List<PhoneView> phones, List<ScheduleView> hours) {
        LocationView office = new LocationView(PLACE, "physical", "1 Main St", "Springfield", "IL", "62701", 39.78,
                -89.65, "America/Chicago", List.of(), null);
        return new ServiceView(id, "DEMO Counselling", null, new OrganizationView(UUID.randomUUID(), "DEMO", null,
                null), "active", null, null, false, false, null, List.of("en"), List.of("counselling"), office,
                List.of(office), phones, hours, Instant.now());
    }

    private static ServiceView service(List<ScheduleView> hours, boolean twentyFourSeven) {
        LocationView office = new LocationView(PLACE, "physical", "1 Main St", "Springfield", "IL", "62701", 39.78,
                -89.65, "America/Chicago", List.of(), null);
        return new ServiceView(UUID.randomUUID(), "DEMO Counselling", null,
                new OrganizationView(UUID.randomUUID(), "DEMO", null, null), "active", null, null, false,
                twentyFourSeven, null, List.of("en"), List.of("counselling"), office, List.of(office), List.of(), hours,
                Instant.now());
    }
}
