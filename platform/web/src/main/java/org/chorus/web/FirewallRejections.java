package org.chorus.web;

import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.WebFilterChainProxy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's firewall refuses suspicious request lines (encoded slashes, semicolons or percent signs,
 * {@code ..}, control characters) before any handler runs, with an empty 400; here that refusal is a problem like
 * every other error. The refused address is not echoed.
 */
class FirewallRejections implements BeanPostProcessor {

    static final String DETAIL = "This address is not one Chorus accepts.";

    private final Supplier<JsonMapper> json;

    /** The mapper is looked up at the first refusal: a post-processor that asked for it at once would create it too early. */
    FirewallRejections(Supplier<JsonMapper> json) {
        this.json = json;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof WebFilterChainProxy proxy) {
            proxy.setExchangeRejectedHandler((exchange, rejected) -> RawProblems.write(exchange.getResponse(), json.get(),
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, DETAIL)));
        }
        return bean;
    }
}
