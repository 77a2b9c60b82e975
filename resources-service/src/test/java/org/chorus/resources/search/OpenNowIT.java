package org.chorus.resources.search;

import org.chorus.resources.directory.DirectoryFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.names;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.search;
import static org.chorus.resources.directory.DirectoryFixtures.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.reactive.server.WebTestClient;

/** "Open now" means now where the service is: each location's own time zone, hours that run past midnight. */
@ResourcesIntegrationTest
@Import(OpenNowIT.ClockConfiguration.class)
class OpenNowIT {

    @Autowired
    WebTestClient http;

    @Autowired
    SettableClock clock;

    double[] spot;

    @BeforeEach
    void newSpot() {
        spot = randomSpot();
    }

    @Test
    void eachServiceIsOpenByItsOwnTimeZone() {
        // Friday 2027-10-15 03:30 UTC is Thursday 20:30 in Los Angeles and Thursday 23:30 in New York
        clock.now = Instant.parse("2027-10-15T03:30:00Z");
        open("LA day hours", "America/Los_Angeles", hours("TH", "09:00", "21:00"));
        open("NY day hours", "America/New_York", hours("TH", "09:00", "21:00"));
        open("NY late hours", "America/New_York", hours("TH", "22:00", "02:00"));
        open("Tokyo Friday lunch", "Asia/Tokyo", hours("FR", "12:00", "13:00"));

        assertThat(openNow()).containsExactlyInAnyOrder("LA day hours", "NY late hours", "Tokyo Friday lunch");
    }

    @Test
    void hoursPastMidnightCountOnTheNextDayAndSundayRunsIntoMonday() {
        // Monday 2027-10-18 01:30 in New York
        clock.now = Instant.parse("2027-10-18T05:30:00Z");
        open("Sunday night until 02:00", "America/New_York", hours("SU", "20:00", "02:00"));
        open("Sunday night until 01:00", "America/New_York", hours("SU", "20:00", "01:00"));
        open("Monday from 01:00", "America/New_York", hours("MO", "01:00", "09:00"));
        open("Monday from 02:00", "America/New_York", hours("MO", "02:00", "09:00"));
        open("All of Monday", "America/New_York", hours("MO", "00:00", "00:00"));
        open("All of Sunday", "America/New_York", hours("SU", "00:00", "00:00"));

        assertThat(openNow()).containsExactlyInAnyOrder("Sunday night until 02:00", "Monday from 01:00",
                "All of Monday");
    }

    @Test
    void twentyFourSevenIsAlwaysOpenAndNoHoursMeansNotOpenNow() {
        clock.now = Instant.parse("2027-10-17T12:00:00Z");
        Map<String, Object> always = service("Always", spot[0], spot[1]);
        always.put("twenty_four_seven", true);
        create(http, always);
        open("No hours", "America/Chicago", List.of());

        assertThat(openNow()).containsExactly("Always");
    }

    @Test
    void openNowFollowsDaylightSavingTime() {
        // 13:30 UTC is 09:30 in New York in summer (EDT) but 08:30 in winter (EST)
        open("Opens at nine", "America/New_York", hours("WE", "09:00", "17:00"));

        clock.now = Instant.parse("2027-07-14T13:30:00Z");
        assertThat(openNow()).containsExactly("Opens at nine");
        clock.now = Instant.parse("2027-01-13T13:30:00Z");
        assertThat(openNow()).isEmpty();
    }

    private List<Map<String, String>> hours(String weekday, String opens, String closes) {
        return List.of(Map.of("weekday", weekday, "opens_at", opens, "closes_at", closes));
    }

    private void open(String name, String timeZone, List<Map<String, String>> schedules) {
        Map<String, Object> service = service(name, spot[0], spot[1]);
        location(service).put("time_zone", timeZone);
        service.put("schedules", schedules);
        create(http, service);
    }

    private List<String> openNow() {
        return names(search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 1,
                "open_now", true)));
    }

    @TestConfiguration
    static class ClockConfiguration {

        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    /** The directory's clock, set by each test. */
    static class SettableClock extends Clock {

        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
