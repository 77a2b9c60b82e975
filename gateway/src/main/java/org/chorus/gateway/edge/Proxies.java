package org.chorus.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Forwarded headers are read by {@link TrustedProxies} alone. It takes the name Spring's web handler looks up, so
 * it applies before the session, security and routing see the request; {@code server.forward-headers-strategy}
 * must stay unset, as both of its values believe any client's headers.
 */
@Configuration(proxyBeanMethods = false)
class Proxies {

    @Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
    ForwardedHeaderTransformer trustedProxies(ProxyProperties proxies) {
        return new TrustedProxies(proxies);
    }
}
