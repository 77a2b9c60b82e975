package org.chorus.stories.story;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.chorus.stories.consent.ConsentPurpose;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.ContentWarning;
import org.chorus.stories.taxonomy.Theme;

/**
 * What a member of the public sends to share a story. No account, nothing that identifies them but an optional
 * contact address, and that only with their consent to be contacted about this story.
 */
public record StorySubmission(
        @Size(max = StorySubmission.MAX_TITLE, message = "must be at most {max} characters")
        String title,

        @NotBlank(message = "must not be blank")
        @Size(max = StorySubmission.MAX_TEXT, message = "must be at most {max} characters")
        String text,

        @NotNull(message = "is required")
        @Pattern(regexp = "en|es", message = "must be one of: en, es")
        String language,

        @Email(message = "must be an email address")
        @Size(max = 254, message = "must be at most {max} characters")
        String contactEmail,

        Boolean contactConsent,

        /** Slugs from {@link ContentWarning}; checked against the taxonomy by {@code Stories}. */
        @Size(max = 10, message = "must hold at most {max} warnings")
        List<String> contentWarnings,

        /** Consent per purpose; absent means none was given. */
        Consents consents,

        /**
         * How to be named on the story: {@code anonymous} (the default), {@code first-name} or {@code pseudonym};
         * checked with {@code name} by {@link AuthorName}.
         */
        @Schema(description = "How to be named on the story; anonymous when left out",
                allowableValues = {"anonymous", "first-name", "pseudonym"})
        String namedAs,

        /** The first name or pseudonym, only when not anonymous; at most 40 characters, no contact details. */
        @Schema(description = "The first name or pseudonym shown with the story, only when not anonymous: at most "
                + AuthorName.MAX_NAME + " characters, one line, no email address, handle, web address or phone number")
        String name,

        /** Themes the author suggests from {@link Theme}; a moderator sets the ones the story is listed under. */
        @Schema(description = "Themes the author suggests (a moderator decides), at most " + Theme.MAX_PER_STORY
                + " of: " + Theme.DOCUMENTED_SLUGS)
        List<String> themes) {

    /** Long enough for a long testimony, short enough to moderate; documented in the API. */
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_TITLE = 200;

    /** Consent is opt-in: absent means no. */
    boolean consentsToContact() {
        return Boolean.TRUE.equals(contactConsent);
    }

    /** The consents given with the story, one ledger entry per purpose. */
    Map<ConsentPurpose, Boolean> consentDecisions() {
        Consents given = consents == null ? new Consents(null, null, null) : consents;
        Map<ConsentPurpose, Boolean> decisions = new EnumMap<>(ConsentPurpose.class);
        decisions.put(ConsentPurpose.PUBLISH_ON_SITE, Boolean.TRUE.equals(given.publishOnSite()));
        decisions.put(ConsentPurpose.QUOTE_IN_CAMPAIGNS, Boolean.TRUE.equals(given.quoteInCampaigns()));
        decisions.put(ConsentPurpose.SHARE_WITH_PRESS, Boolean.TRUE.equals(given.shareWithPress()));
        decisions.put(ConsentPurpose.CONTACT, consentsToContact());
        return decisions;
    }

    /** How the author asked to be named, checked; refused naming the field. */
    AuthorName author() {
        return AuthorName.of(namedAs, name, "namedAs", "name");
    }

    boolean hasContact() {
        return contactEmail != null && !contactEmail.isBlank();
    }
}
