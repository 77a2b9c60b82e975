package org.chorus.gateway.redis;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean
    ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> sessionKeys(RedisProperties redis) {
        return repository -> {
            repository.setRedisKeyNamespace(redis.keyPrefix() + "session");
            repository.setDefaultMaxInactiveInterval(IDLE);
        };
    }
}
