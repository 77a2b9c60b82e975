package org.chorus.notifications.privacy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a key that is public: the development keys ship in {@code application-development.yml}, so
 * every address they sealed or indexed, and every link they signed, is open to anyone with this repository. They are
 * accepted only under the {@value #PROFILE} profile (the devstack and the tests), whoever copied them elsewhere.
 */
@Component
class DevelopmentKeys {

    static final String PROFILE = "development";

    /** Every privacy key that has been published with the code. */
    private static final Set<String> PUBLISHED = Set.of(
            "9Gx8m0q0hQ3y3vX1bqQ2YQm1cQ8gq6oVv2m3H3m1b9o=",
            "s3Qm7p1Xw0kq2c5vZ8n4r6t9y1u3i5o7p9a2d4f6g8h=",
            "iw8f+c5VjZ1xuYrpxGD+mn/0uEerfmbuzdJSlOyiuIs=",
            "L1nk5kEyDevOnly0000000000000000000000000000=");

    DevelopmentKeys(PrivacyProperties properties, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> published = properties.byName().entrySet().stream()
                .filter(key -> PUBLISHED.contains(key.getValue().strip())
                        || key.getKey().startsWith(PrivacyProperties.PREFIX + "email-keys.dev-only"))
                .map(Map.Entry::getKey)
                .toList();
        if (!published.isEmpty()) {
            // the settings' names only: even a public key is not printed
            throw new IllegalStateException(String.join(", ", published) + ": published development key(s), accepted "
                    + "only with the '" + PROFILE + "' profile; set real keys (32 random bytes, base64) from the "
                    + "environment");
        }
    }
}
