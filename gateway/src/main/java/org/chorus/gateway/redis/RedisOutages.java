package org.chorus.gateway.redis;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the gateways do while their Redis is down (README "Reliability", {@code RedisDownIT}): readers and survivors
 * notice nothing, rate limits are counted per gateway, staff get a 503 problem until Redis is back, and everything
 * recovers by itself when it is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("chorus.redis.enabled")
class RedisOutages {

    /**
     * Lettuce queues commands while it reconnects, so every request would wait the whole command timeout for an
     * answer that cannot come; a rejected command fails at once and the caller's fallback answers instead.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
