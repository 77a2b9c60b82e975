package org.chorus.stories.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chorus.stories.StoriesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class TaxonomiesIT {

    @Autowired
    WebTestClient http;

    @Test
    void anyoneReadsEveryTaxonomyWithItsWireCodesAndTheSitesLabels() {
        Taxonomies answer = http.get().uri("/api/stories/taxonomies").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .expectBody(Taxonomies.class).returnResult().getResponseBody();

        assertThat(answer).isNotNull();
        assertThat(codes(answer.contentWarnings()))
                .containsExactly("sexual-violence", "child-abuse", "self-harm", "violence", "substance-use");
        assertThat(codes(answer.themes())).containsExactly("healing", "justice", "speaking-up", "workplace", "campus",
                "family", "childhood", "relationships", "online", "support");
        assertThat(codes(answer.naming())).containsExactly("anonymous", "first-name", "pseudonym");
        assertThat(codes(answer.reportReasons()))
                .containsExactly("IDENTIFIES_SOMEONE", "HARASSMENT_OR_HATE", "SAFETY_CONCERN", "SPAM", "OTHER");

        assertThat(labels(answer.contentWarnings())).containsEntry("substance-use", new Label("substance use", "consumo de sustancias"))
                .containsEntry("self-harm", new Label("self-harm", "autolesión"));
        assertThat(labels(answer.themes())).containsEntry("speaking-up", new Label("speaking up", "alzar la voz"))
                .containsEntry("campus", new Label("campus", "universidad"));
        assertThat(labels(answer.naming())).containsEntry("anonymous", new Label("Anonymous", "Anónimo"))
                .containsEntry("first-name", new Label("My first name", "Mi nombre de pila"));
        assertThat(labels(answer.reportReasons()))
                .containsEntry("SAFETY_CONCERN", new Label("I'm worried about someone's safety", "Me preocupa la seguridad de alguien"));
        assertThat(Arrays.asList(answer.contentWarnings(), answer.themes(), answer.naming(), answer.reportReasons()))
                .allSatisfy(terms -> assertThat(terms).allSatisfy(term -> {
                    assertThat(term.label().en()).isNotBlank();
                    assertThat(term.label().es()).isNotBlank();
                }));
    }

    @Test
    void theCodesAreTheOnesTheApiTakes() {
        // a reader's filter by every listed theme and warning is accepted, so the list and the checks agree
        Taxonomies answer = http.get().uri("/api/stories/taxonomies").exchange()
                .expectStatus().isOk().expectBody(Taxonomies.class).returnResult().getResponseBody();
        assertThat(answer).isNotNull();
        http.get().uri(uri -> uri.path("/api/stories")
                        .queryParam("theme", codes(answer.themes()).toArray())
                        .queryParam("exclude_warning", codes(answer.contentWarnings()).toArray()).build())
                .exchange().expectStatus().isOk();
    }

    private static List<String> codes(List<Taxonomies.Term> terms) {
        return terms.stream().map(Taxonomies.Term::code).toList();
    }

    private static Map<String, Label> labels(List<Taxonomies.Term> terms) {
        return terms.stream().collect(java.util.stream.Collectors.toMap(Taxonomies.Term::code, Taxonomies.Term::label));
    }
}
