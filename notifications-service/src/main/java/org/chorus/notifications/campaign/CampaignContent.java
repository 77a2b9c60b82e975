package org.chorus.notifications.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chorus.web.InvalidInput;

/**
 * What staff compose: the audience (a topic and the subscriber languages it goes to) and one variant per language.
 * English is required: it is what a subscriber gets when their language has no variant.
 */
record CampaignContent(String topic, List<String> languages, Map<String, Variant> variants) {

    static final Set<String> TOPICS = Set.of("anniversary", "help-near-me");
    static final List<String> LANGUAGES = List.of("en", "es");
    static final String FALLBACK = "en";

    record Variant(String subject, String body, String contentWarning) {
    }

    /** Checks every rule and renders every variant once, so nothing is stored that would fail to send. */
    Map<String, CampaignTemplate.Rendered> validate() {
        if (topic == null || !TOPICS.contains(topic)) {
            throw new InvalidInput("topic", "must be one of " + TOPICS.stream().sorted().toList());
        }
        if (languages == null || languages.isEmpty()) {
            throw new InvalidInput("languages", "must name at least one of " + LANGUAGES);
        }
        for (int i = 0; i < languages.size(); i++) {
            // List.of(...).contains(null) throws, so a null in the list must be caught before the lookup
            if (languages.get(i) == null || !LANGUAGES.contains(languages.get(i))) {
                throw new InvalidInput("languages[" + i + "]", "must be one of " + LANGUAGES);
            }
        }
        if (Set.copyOf(languages).size() != languages.size()) {
            throw new InvalidInput("languages", "must not repeat a language");
        }
        if (variants == null || variants.get(FALLBACK) == null) {
            throw new InvalidInput("variants.en", "an English variant is required (it is the fallback)");
        }
        Map<String, CampaignTemplate.Rendered> rendered = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            if (variants.containsKey(language)) {
                rendered.put(language, render(language));
            }
        }
        for (String language : variants.keySet()) {
            if (!LANGUAGES.contains(language)) {
                throw new InvalidInput("variants", "has no language " + printable(language) + "; use " + LANGUAGES);
            }
        }
        return rendered;
    }

    private CampaignTemplate.Rendered render(String language) {
        String field = "variants." + language;
        Variant variant = variants.get(language);
        if (variant == null) {
            throw new InvalidInput(field, "must not be null");
        }
        storable(field + ".subject", variant.subject());
        storable(field + ".body", variant.body());
        storable(field + ".contentWarning", variant.contentWarning());
        if (variant.body() == null || variant.body().isBlank()) {
            throw new InvalidInput(field + ".body", "must not be blank");
        }
        if (variant.body().length() > CampaignTemplate.MAX_BODY) {
            throw new InvalidInput(field + ".body", "must be at most " + CampaignTemplate.MAX_BODY + " characters");
        }
        if (variant.contentWarning() != null) {
            if (variant.contentWarning().length() > CampaignTemplate.MAX_CONTENT_WARNING) {
                throw new InvalidInput(field + ".contentWarning",
                        "must be at most " + CampaignTemplate.MAX_CONTENT_WARNING + " characters");
            }
            if (variant.contentWarning().chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInput(field + ".contentWarning", "must be one line without control characters");
            }
        }
        try {
            return CampaignTemplate.render(language, variant);
        } catch (CampaignTemplate.Problem problem) {
            if (problem.line() == 0) {
                throw new InvalidInput(field + ".subject", problem.getMessage());
            }
            throw new InvalidInput(field + ".body", "line " + problem.line() + ": " + problem.getMessage());
        }
    }

    /**
     * PostgreSQL refuses a NUL in text (a 500 if it got that far), and an unpaired surrogate has no UTF-8 form: the
     * driver would store a "?" in its place, so what staff previewed is not what subscribers would get.
     */
    static void storable(String field, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new InvalidInput(field, "must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInput(field, "must not contain unpaired surrogates (text that is not Unicode)");
            }
        }
    }

    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\p{Alnum}_-]", "?");
        return cleaned.length() > 10 ? cleaned.substring(0, 10) + "…" : cleaned;
    }
}
