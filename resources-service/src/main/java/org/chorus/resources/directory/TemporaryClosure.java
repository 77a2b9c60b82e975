package org.chorus.resources.directory;

import java.time.LocalDate;
import org.chorus.web.InvalidInput;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Why a service is closed for now and when it expects to reopen, both optional; shown to the public with the service.
 *
 * @param until the first day it expects to be open again, in its own time zone
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TemporaryClosure(String reason, LocalDate until) {

    static final int MAX_REASON = 500;

    TemporaryClosure checked(LocalDate today) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidInput("reason", "must be at most " + MAX_REASON + " characters");
        }
        if (reason != null) {
            ServiceDraft.storable("reason", reason);
        }
        if (until != null && until.isBefore(today)) {
            throw new InvalidInput("until", "must be today or later");
        }
        return this;
    }
}
