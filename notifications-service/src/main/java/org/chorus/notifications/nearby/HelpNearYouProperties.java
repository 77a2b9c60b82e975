package org.chorus.notifications.nearby;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled     whether these mails go out at all (the events are read either way)
 * @param radiusKm    how far from a subscriber's ZIP centre a service's ZIP centre may be (search's default radius)
 * @param minimumGap  at most one mail per subscriber per this long
 * @param checkEvery  how often an instance looks for news to mail
 */
@ConfigurationProperties("chorus.notifications.help-near-you")
record HelpNearYouProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("40") double radiusKm,
        @DefaultValue("7d") Duration minimumGap,
        @DefaultValue("1m") Duration checkEvery) {
}
