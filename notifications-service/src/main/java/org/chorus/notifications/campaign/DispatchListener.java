package org.chorus.notifications.campaign;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.CampaignRecipientsQueued;
import org.chorus.contracts.Topics;
import org.chorus.messaging.EventIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

/**
 * Takes dispatch messages off {@code chorus.mail.dispatch.v1}. Every instance joins the same consumer group, so the
 * partitions (and with them a campaign's batches) are shared out among the instances running. No processed-event
 * bookkeeping here: the ledger claim in {@link DeliveryWorker} already makes a repeated message harmless. A message
 * that cannot be read is parked on the group's dead-letter topic.
 */
@Component
class DispatchListener {

    private static final Logger log = LoggerFactory.getLogger(DispatchListener.class);
    // one message per poll (up to dispatch-batch mails; the worker hands back what exceeds its 60 s budget) must
    // finish well inside Kafka's max.poll.interval.ms (5 min)
    private static final Duration HANDLING_TIMEOUT = Duration.ofMinutes(2);

    private final EventIntake intake;
    private final DeliveryWorker worker;
    private final CampaignProperties properties;

    DispatchListener(EventIntake intake, DeliveryWorker worker, CampaignProperties properties) {
        this.intake = intake;
        this.worker = worker;
        this.properties = properties;
    }

    /** The consumer group, read by the listener annotation. */
    public String getGroup() {
        return properties.dispatchGroup();
    }

    /** Listener threads of this instance, read by the listener annotation. */
    public int getSenders() {
        return properties.senders();
    }

    // the listener thread is Kafka's own, not an event loop: waiting here is fine and keeps one message at a time
    // group and threads come from CampaignProperties, through this bean (__listener), not from placeholders
    @KafkaListener(id = "campaign-dispatch", groupId = "#{__listener.group}", topics = Topics.MAIL_DISPATCH,
            concurrency = "#{__listener.senders}", properties = "max.poll.records=1")
    void on(ConsumerRecord<String, String> record) {
        intake.read(record)
                .filter(CampaignRecipientsQueued.class::isInstance)
                .map(CampaignRecipientsQueued.class::cast)
                .ifPresent(queued -> {
                    Integer sent = worker.deliver(queued.campaignId(), queued.subscriberIds()).block(HANDLING_TIMEOUT);
                    log.debug("Campaign {}: {} of {} sent from one dispatch message", queued.campaignId(), sent,
                            queued.subscriberIds().size());
                });
    }

    @Configuration
    static class Topology {

        /** Partitions bound how many sender threads, over all instances, can share one campaign. */
        @Bean
        NewTopic mailDispatch() {
            return TopicBuilder.name(Topics.MAIL_DISPATCH).partitions(12)
                    .config("retention.ms", String.valueOf(Duration.ofDays(3).toMillis())).build();
        }

        @Bean
        NewTopic mailDispatchDeadLetters(CampaignProperties properties) {
            return TopicBuilder.name(Topics.deadLetter(Topics.MAIL_DISPATCH, properties.dispatchGroup())).partitions(1)
                    .build();
        }
    }
}
