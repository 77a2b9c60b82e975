package org.chorus.stories;

import org.chorus.stories.moderation.Decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.chorus.stories.reading.PublishedStory;
import org.chorus.stories.story.ManagedStory;
import org.chorus.stories.story.StoryStatus;
import org.chorus.stories.story.SubmittedStory;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives the stories API the way the public site and the admin portal do. Every {@code @StoriesIntegrationTest}
 * can autowire one; it is public only so that the annotation can import it.
 */
public final class StoryApi {

    /** The header the author's token travels in: the wire contract, so written here rather than read from the code. */
    public static final String MANAGE_TOKEN = "X-Manage-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebTestClient http;

    StoryApi(WebTestClient http) {
        this.http = http;
    }

    /** Shares a story; unless the body says otherwise, its author consents to publication on the site. */
    public SubmittedStory submit(Map<String, ?> body) {
        Map<String, Object> withConsent = new HashMap<>(body);
        withConsent.putIfAbsent("consents", Map.of("publishOnSite", true));
        SubmittedStory answer = http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(withConsent).exchange()
                .expectStatus().isCreated()
                .expectBody(SubmittedStory.class).returnResult().getResponseBody();
        assertThat(answer).isNotNull();
        assertThat(answer.status()).isEqualTo(StoryStatus.SUBMITTED);
        return answer;
    }

    public SubmittedStory submit(String text, String language) {
        return submit(Map.of("text", text, "language", language));
    }

    public ManagedStory managed(String token) {
        return http.get().uri("/api/stories/manage").header(MANAGE_TOKEN, token).exchange()
                .expectStatus().isOk()
                .expectBody(ManagedStory.class).returnResult().getResponseBody();
    }

    /** The author's edit through their manage token. */
    public WebTestClient.ResponseSpec edit(String token, Map<String, ?> body) {
        return http.put().uri("/api/stories/manage").header(MANAGE_TOKEN, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public PublishedStory published(UUID id) {
        return http.get().uri("/api/stories/{id}", id).exchange().expectStatus().isOk()
                .expectBody(PublishedStory.class).returnResult().getResponseBody();
    }

    public WebTestClient moderator(String username) {
        return http.mutateWith(mockJwt().jwt(jwt -> jwt.subject("sub-" + username).claim("preferred_username", username))
                .authorities(new SimpleGrantedAuthority("ROLE_moderator")));
    }

    public WebTestClient moderator() {
        return moderator("moderator-ana");
    }

    public WebTestClient admin() {
        return http.mutateWith(mockJwt().jwt(jwt -> jwt.subject("sub-admin").claim("preferred_username", "admin-jo"))
                .authorities(new SimpleGrantedAuthority("ROLE_admin"), new SimpleGrantedAuthority("ROLE_moderator")));
    }

    public WebTestClient.ResponseSpec decide(UUID id, String decision, Map<String, ?> body) {
        // the decision may span segments (revision/approval), so it is not a template variable that would be encoded
        return moderator().post().uri("/api/admin/stories/{id}/" + decision, id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public Decision publish(UUID id, Map<String, ?> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.putIfAbsent("version", 0);
        return decide(id, "publication", body).expectStatus().isOk()
                .expectBody(Decision.class).returnResult().getResponseBody();
    }

    public Decision publish(UUID id) {
        return publish(id, Map.of());
    }

    public Decision reject(UUID id, int version, String reason) {
        return decide(id, "rejection", Map.of("version", version, "reason", reason)).expectStatus().isOk()
                .expectBody(Decision.class).returnResult().getResponseBody();
    }

    /** A word no other test writes, so a search finds only this test's stories. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }
}
