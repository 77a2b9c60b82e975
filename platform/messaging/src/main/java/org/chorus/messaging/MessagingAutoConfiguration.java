package org.chorus.messaging;

import org.apache.kafka.common.TopicPartition;
import org.chorus.contracts.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
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
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    Outbox outbox(DatabaseClient db, JsonMapper json) {
        return new Outbox(db, json);
    }

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator transactional,
                            KafkaTemplate<String, String> kafka, OutboxProperties properties) {
        return new OutboxRelay(db, transactional, kafka, properties);
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
    DefaultErrorHandler deadLetteringErrorHandler(KafkaOperations<String, String> kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka, (record, error) ->
                new TopicPartition(Topics.deadLetter(record.topic(), KafkaUtils.getConsumerGroupId()), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxElapsedTime(5_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableEvent.class);
        return handler;
    }
}
