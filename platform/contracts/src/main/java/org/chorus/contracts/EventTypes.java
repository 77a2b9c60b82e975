package org.chorus.contracts;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CloudEvents {@code ce_type} of every event and the record it maps to. Consumers look the header up here;
 * one they do not know is parked on their dead-letter topic (messaging's {@code EventIntake}), so a new type is
 * deployed to its consumers before a producer sends it. Unknown fields are ignored: adding one breaks nobody.
 */
public final class EventTypes {

    private static final String PREFIX = "org.chorus.";

    private static final Map<String, Class<? extends IntegrationEvent>> BY_TYPE = Stream.of(
                    StorySubmitted.class,
                    StoryPublished.class,
                    StoryRejected.class,
                    StoryWithdrawn.class,
                    StoryFlagged.class,
                    StoryReportsResolved.class,
                    StoryAuthorOfferedHelp.class,
                    StoryContactProvided.class,
                    StoryContactSealed.class,
                    ResourcePublished.class,
                    ResourceUpdated.class,
                    ResourceRemoved.class,
                    CampaignRecipientsQueued.class)
            .collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(Class<? extends IntegrationEvent> eventClass) {
        return PREFIX + eventClass.getSimpleName();
    }

    public static Collection<Class<? extends IntegrationEvent>> all() {
        return BY_TYPE.values();
    }

    public static Optional<Class<? extends IntegrationEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
