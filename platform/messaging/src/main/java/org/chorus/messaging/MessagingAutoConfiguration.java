package org.chorus.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.chorus.contracts.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/** The outbox, its relay, idempotent consumers and per-consumer dead-letter topics for every Chorus service. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
@EnableConfigurationProperties({OutboxProperties.class, ConsumerLagProperties.class})
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    Outbox outbox(DatabaseClient db, JsonMapper json, TraceContext traces) {
        return new Outbox(db, json, traces);
    }

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator transactional,
                            KafkaTemplate<String, String> kafka, OutboxProperties properties, TraceContext traces) {
        return new OutboxRelay(db, transactional, kafka, properties, traces);
    }

    /** With Micrometer Tracing, the outbox keeps each event's trace and the relay continues it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.propagation.Propagator")
    static class Traced {

        @Bean
        TraceContext outboxTraceContext(ObjectProvider<ObservationRegistry> registry,
                                        ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
            return new TraceContext(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                    new TracerTraceparents(propagator));
        }
    }

    @Bean
    @ConditionalOnMissingBean(TraceContext.class)
    TraceContext untracedOutbox() {
        return TraceContext.none();
    }

    /** The outbox's backlog and the age of its oldest row: a relay that cannot publish shows here first. */
    @Bean
    DatabaseGauges outboxGauges(DatabaseClient db, ObjectProvider<MeterRegistry> registry) {
        return new DatabaseGauges("outbox-gauges", db, Duration.ofSeconds(5)).query(
                registry.getIfAvailable(SimpleMeterRegistry::new),
                "select count(*), extract(epoch from clock_timestamp() - min(created_at)) from outbox_event",
                "Events recorded in the outbox and not yet acknowledged by Kafka",
                "chorus.outbox.backlog", "chorus.outbox.oldest.age");
    }

    /** How far behind this service's consumer groups are, per partition, as the brokers see it. */
    @Bean
    @ConditionalOnBean({KafkaAdmin.class, KafkaListenerEndpointRegistry.class})
    ConsumerLag consumerLag(KafkaAdmin admin, KafkaListenerEndpointRegistry listeners,
                            ObjectProvider<MeterRegistry> registry, ConsumerLagProperties properties) {
        return new ConsumerLag(admin, listeners, registry.getIfAvailable(SimpleMeterRegistry::new),
                properties.interval());
    }

    @Bean
    IdempotentConsumer idempotentConsumer(DatabaseClient db, TransactionalOperator transactional) {
        return new IdempotentConsumer(db, transactional);
    }

    @Bean
    EventIntake eventIntake(JsonMapper json, IdempotentConsumer idempotent) {
        return new EventIntake(json, idempotent);
    }

    /**
     * A listener that keeps failing on a record retries a few times with backoff, then parks the record on
     * {@code <topic>.<consumer group>.dlt} and moves on, so one poison message never stalls a partition. A record
     * that cannot be read at all ({@link UnreadableEvent}) is parked at once: trying again would read the same bytes.
     */
    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaOperations<String, String> kafka,
                                                  ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka, (record, error) -> {
            String deadLetter = Topics.deadLetter(record.topic(), KafkaUtils.getConsumerGroupId());
            // labelled by topic only: a dead-letter topic per consumer group is a short, fixed list
            meters.counter("chorus.events.dead.lettered", "topic", deadLetter).increment();
            return new TopicPartition(deadLetter, -1);
        });
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxElapsedTime(5_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableEvent.class);
        return handler;
    }
}
