package org.chorus.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.chorus.messaging.DatabaseGauges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Campaign progress and the mail queues, read from the delivery ledger, which every instance shares, so the figures
 * are the campaign's and not one instance's. The sent count only grows while campaigns send: its rate is mails per
 * second, and a sending campaign whose sent count stands still for minutes is stuck (alert in deploy/observability).
 */
@Configuration
class MailGauges {

    @Bean
    DatabaseGauges mailQueueGauges(DatabaseClient db, MeterRegistry registry) {
        return new DatabaseGauges("mail-gauges", db, Duration.ofSeconds(10))
                .query(registry, """
                                select count(*) from campaign where status = 'sending'""",
                        "Campaigns sending now",
                        "chorus.campaign.sending")
                .query(registry, """
                                select count(*) filter (where d.state = 'queued'),
                                       count(*) filter (where d.state = 'sent'),
                                       count(*) filter (where d.state = 'failed'),
                                       count(*) filter (where d.state = 'bounced')
                                from campaign_delivery d join campaign c on c.id = d.campaign_id
                                where c.status in ('sending', 'paused')""",
                        "Deliveries of the campaigns sending or paused, by state",
                        "chorus.campaign.queued", "chorus.campaign.sent", "chorus.campaign.failed",
                        "chorus.campaign.bounced")
                .query(registry, """
                                select count(*), extract(epoch from clock_timestamp() - min(created_at))
                                from outgoing_mail where sent_at is null and failed_at is null""",
                        "Transactional mail (receipts, notices, digests) waiting to be sent",
                        "chorus.mail.queued", "chorus.mail.oldest.queued.age");
    }
}
