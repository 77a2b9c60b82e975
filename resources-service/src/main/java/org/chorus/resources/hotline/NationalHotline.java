package org.chorus.resources.hotline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A national line that answers anywhere in the US, day and night.
 *
 * @param call     the number to call, as people write it, or null when there is none
 * @param text     how to reach it by text message, e.g. "Text HOME to 741741", or null
 * @param chatUrl  the online chat, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NationalHotline(String id, String name, String description, String call, String text, String chatUrl,
                              boolean twentyFourSeven, List<String> taxonomyTerms) {
}
