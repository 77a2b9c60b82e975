package org.chorus.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/** A real Kafka broker in KRaft mode. */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();

    /**
     * A KRaft broker inside this JVM, from spring-kafka-test. Its test kit binds a free port of its own choosing
     * (it ignores {@code kafkaPorts}, and a {@code listeners} override only changes what it advertises), so ask
     * {@link #bootstrapServers()} where it is.
     */
    static KafkaServer embedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // one broker: internal topics cannot have more replicas than that
        broker.brokerProperties(Map.of(
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true"));
        broker.afterPropertiesSet();
        return new KafkaServer() {
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            public void close() {
                broker.destroy();
            }

            public String toString() {
                return "embedded-kafka:" + broker.getBrokersAsString();
            }
        };
    }

    static KafkaServer container() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0");
        container.start();
        return new KafkaServer() {
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            public void close() {
                container.stop();
            }

            public String toString() {
                return "kafka-container";
            }
        };
    }
}
