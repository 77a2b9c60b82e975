package org.chorus.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every Chorus application measures and traces, below anything its own configuration says, so the four of
 * them label their series alike and the dashboards in deploy/observability read them all. Request latency has a
 * few fixed buckets (enough for the 5xx and slow-request alerts and a p99 per route) rather than a full histogram
 * per route and status. Kafka sends and deliveries are observed so that a record carries the trace it belongs to
 * ({@code traceparent}) to its consumer. Production samples 10 % of traces; the devstack all of them.
 * <p>
 * The lines an operator looks a request up by, the gateway's access line and every unexpected error's, name the
 * request's trace and span: they are written through {@link InTrace}, which puts the observation WebFlux keeps in the
 * Reactor context into the logging MDC for that line, and the JSON console (production) writes the ids under Elastic
 * Common Schema's names {@code trace.id} and {@code span.id}, which log stores join to the traces. Reactor does not
 * copy the observation into thread locals at every operator ({@code spring.reactor.context-propagation} stays
 * {@code limited}, Spring Boot's own default): {@code auto} did that for every line anywhere, and made the gateway
 * spend 1.5 times the CPU per proxied request in the benchmark suite (835 against 546 µs), most of what observing
 * cost it.
 */
class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "chorusObservabilityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.metrics.tags.application", "${spring.application.name:chorus}",
                "management.metrics.distribution.slo.http.server.requests", "25ms,100ms,250ms,1s,5s",
                "spring.kafka.template.observation-enabled", "true",
                "spring.kafka.listener.observation-enabled", "true",
                "management.tracing.sampling.probability", "0.1",
                // a long-task timer per observation ("http.server.requests.active"…) that no dashboard reads, and
                // that cost the gateway about 4 % of its CPU per proxied request
                "management.observations.long-task-timer.enabled", "false",
                "spring.reactor.context-propagation", "limited",
                "logging.structured.json.rename[traceId]", "trace.id",
                "logging.structured.json.rename[spanId]", "span.id")));
    }
}
