package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.StubService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One reader reports a story once per report window; the stub stories-service counts what reaches it. */
@GatewayIntegrationTest
@TestPropertySource(properties = {"chorus.rate-limit.enabled=true", "chorus.rate-limit.writes-per-window=1000"})
class RepeatedReportsIT {

    @Autowired
    WebTestClient http;

    @Test
    void aRepeatedReportOfTheSameStoryIsAcceptedButReachesTheServiceOnce() {
        String story = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            report(story).expectStatus().isAccepted().expectBody().isEmpty();
        }
        report(story.toUpperCase()).expectStatus().isAccepted();

        assertThat(StubService.reportsReceived(story)).isEqualTo(1);
    }

    @Test
    void reportsOfDifferentStoriesEachReachTheService() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        report(first).expectStatus().isAccepted();
        report(second).expectStatus().isAccepted();

        assertThat(StubService.reportsReceived(first)).isEqualTo(1);
        assertThat(StubService.reportsReceived(second)).isEqualTo(1);
    }

    @Test
    void aReportTheServiceRefusedDoesNotCountSoItsAnswerIsNotHidden() {
        String notPublished = "00000000" + UUID.randomUUID().toString().substring(8);

        report(notPublished).expectStatus().isNotFound();
        report(notPublished).expectStatus().isNotFound();

        assertThat(StubService.reportsReceived(notPublished)).isEqualTo(2);
    }

    @Test
    void onlyAStoryIdInThePathIsCountedAsAStory() {
        assertThat(RateLimitFilter.reportedStory("/api/stories/" + UUID.randomUUID() + "/reports")).isNotNull();
        assertThat(RateLimitFilter.reportedStory("/api/stories/manage")).isNull();
        assertThat(RateLimitFilter.reportedStory("/api/stories/" + "a".repeat(37) + "/reports")).isNull();
        assertThat(RateLimitFilter.reportedStory("/api/stories/<script>/reports")).isNull();
        assertThat(RateLimitFilter.reportedStory("/api/stories/a/reports/x")).isNull();
    }

    private WebTestClient.ResponseSpec report(String story) {
        return http.post().uri("/api/stories/" + story + "/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"SPAM\"}").exchange();
    }
}
