package org.chorus.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** Problem responses for every error of a reactive Chorus service, its query parameters' included. */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import({InvalidParameters.class, ProblemResponses.class})
public class WebAutoConfiguration {

    /** Instead of Boot's default handler; an application with its own (the gateway's) keeps it. */
    @Bean
    @ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
    ErrorWebExceptionHandler serviceErrors(ObjectProvider<JsonMapper> json) {
        return new ServiceErrors(json.getIfAvailable(JsonMapper::shared));
    }

    /** Static: it post-processes Spring Security's filter chain, which is created before this class's beans. */
    @Bean
    static FirewallRejections firewallRejections(ObjectProvider<JsonMapper> json) {
        return new FirewallRejections(() -> json.getIfAvailable(JsonMapper::shared));
    }
}
