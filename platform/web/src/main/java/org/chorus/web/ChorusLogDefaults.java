package org.chorus.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Log levels every Chorus web application starts with, below anything its own configuration says. Spring's
 * {@code HttpWebHandlerAdapter} logs an error it was handed after the answer began as the exception's text and the
 * request's query: a database {@code DETAIL}, a story, an email. {@link ServiceErrors} (or the gateway's own
 * handler) logs those by class instead.
 */
class ChorusLogDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "chorusLogDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "logging.level.org.springframework.web.server.adapter.HttpWebHandlerAdapter", "OFF")));
    }
}
