package org.chorus.gateway.edge;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refuses suspicious request lines (encoded slashes, {@code ..}, control characters)
 * before any handler runs, with an empty 400; here that refusal is a problem like every other gateway error. (The
 * services get theirs from platform/web's WebAutoConfiguration, which the gateway leaves out for its own errors.)
 */
@Component
class FirewallRejections implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof WebFilterChainProxy proxy) {
            proxy.setExchangeRejectedHandler((exchange, rejected) -> Problems.write(exchange.getResponse(),
                    HttpStatus.BAD_REQUEST, "This address is not one Chorus accepts."));
        }
        return bean;
    }
}
