package org.chorus.web;

import io.micrometer.observation.ObservationPredicate;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The observations Chorus makes, by name, and no others. Each one is a timer (and, when a trace is sampled, a span)
 * on every request or record, so each costs CPU: a profile of the gateway under load once put 14 % of its CPU in
 * observations, most of it Spring Security wrapping each of its filters in one. Those stay off; what is kept is
 * what the dashboards and the traces read: the HTTP server request (by route template, never by raw path), a
 * service's own HTTP calls, Kafka sends and listener deliveries, the outbox relay's publication, and the sending of a
 * queued mail (so a story's trace reaches the receipt its author gets). The gateway's calls to the services are not
 * observed one by one (its server timer names the route; the trace goes on through TraceIntoServices).
 */
@AutoConfiguration(beforeName =
        "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")
public class RequestObservations {

    /** Observation names that are recorded; a child of an unrecorded one is not recorded either. */
    static final Set<String> RECORDED = Set.of(
            "http.server.requests",
            "http.client.requests",
            "spring.kafka.template",
            "spring.kafka.listener",
            "chorus.outbox.relay",
            "chorus.mail.send");

    @Bean
    ObservationPredicate onlyChorusObservations() {
        return (name, context) -> RECORDED.contains(name);
    }

    @Bean
    @ConditionalOnClass(SecurityObservationSettings.class)
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * No exemplars (trace ids beside samples): Prometheus before 2.43 refuses a whole scrape whose counters carry one
     * ("does not support exemplars"), and the traces are found by their own backend anyway.
     */
    @Bean
    @ConditionalOnClass(SpanContext.class)
    SpanContext noExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {
            }
        };
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }
}
