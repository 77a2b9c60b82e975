package org.chorus.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheDirectivesTest {

    @Test
    void sharedMaxAgeWinsOverMaxAgeForASharedCache() {
        assertThat(CacheDirectives.sharedLifetime(List.of("max-age=60, s-maxage=3"))).contains(Duration.ofSeconds(3));
        assertThat(CacheDirectives.sharedLifetime(List.of("public", "max-age=\"7\""))).contains(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-cache, no-store, max-age=0, must-revalidate", "max-age=5,no-store", "Private, max-age=5",
            "max-age=5, private=\"Set-Cookie, Authorization\"", "max-age=5, no-cache=\"Set-Cookie\"", "public",
            "max-age=0", "max-age=-5", "max-age=5s", "max-age=", "max-age=99999999999", "max-age=5, s-maxage=x",
            "", ",,,", "max-age=\"5, no-store\"x", "public, max-age=٥"})
    void anythingThatForbidsOrDoesNotClearlyAllowASharedCopyKeepsNothing(String cacheControl) {
        assertThat(CacheDirectives.sharedLifetime(List.of(cacheControl))).isEmpty();
    }

    @Test
    void aQuotedCommaDoesNotSplitADirective() {
        assertThat(CacheDirectives.sharedLifetime(List.of("max-age=5, ext=\"a, no-store\""))).contains(Duration.ofSeconds(5));
    }
}
