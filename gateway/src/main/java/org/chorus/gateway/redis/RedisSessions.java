package org.chorus.gateway.redis;

import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;

/**
 * With {@code chorus.redis.enabled}, web sessions live in Redis: a staff member signed in through one gateway is
 * signed in at all of them, and the tokens kept in the session go with it. Without it, Spring's in-memory
 * session store serves a single gateway.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("chorus.redis.enabled")
@EnableRedisWebSession
class RedisSessions {

    /** As long as the realm keeps an idle staff session (deploy/keycloak: ssoSessionIdleTimeout). */
    private static final Duration IDLE = Duration.ofMinutes(30);
    /** The development profile's key (application-development.yml): public, so refused anywhere else. */
    static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS1zZXNzaW9uLWtleS0wMDA=";

    /** Spring Session's name for the serialiser of session attributes. */
    @Bean("springSessionDefaultRedisSerializer")
    RedisSerializer<Object> sealedSessions(RedisProperties redis, Environment environment) {
        String key = redis.sessionKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("chorus.redis.session-key (CHORUS_REDIS_SESSION_KEY) must be set when "
                    + "chorus.redis.enabled=true: base64 of 32 random bytes, the same on every gateway; it seals the "
                    + "sessions' tokens in Redis and must not live there");
        }
        if (DEVELOPMENT_KEY.equals(key.trim()) && !environment.matchesProfiles("development")) {
            throw new IllegalStateException("chorus.redis.session-key is the published development key; "
                    + "set CHORUS_REDIS_SESSION_KEY to a key of your own");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("chorus.redis.session-key must be base64 of 32 random bytes");
        }
        return new SealedSessions(bytes);
    }

    @Bean
    ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> sessionKeys(RedisProperties redis) {
        return repository -> {
            repository.setRedisKeyNamespace(redis.keyPrefix() + "session");
            repository.setDefaultMaxInactiveInterval(IDLE);
        };
    }
}
