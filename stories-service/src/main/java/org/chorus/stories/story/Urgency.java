package org.chorus.stories.story;

import java.util.List;
import java.util.regex.Pattern;
import org.chorus.stories.taxonomy.ContentWarning;

/**
 * Whether a story should be read before the others: it mentions self-harm or a danger the author may be in now.
 * Decided when the story is shared and again with each edit or revision by its author (what the moderator will
 * read), because the text is sealed at rest and the queue cannot read it to decide later. A
 * signal for ordering, never a verdict: it over-flags on purpose, since reading an ordinary story early costs
 * little and reading an urgent one late may cost much.
 */
public final class Urgency {

    /**
     * English and Spanish phrases of self-harm and immediate danger. Alternatives of literals and bounded gaps only,
     * so matching is linear in the text (story text is hostile input).
     */
    private static final Pattern SIGNALS = Pattern.compile(String.join("|",
            "suicid", "kill myself", "killing myself", "end my life", "ending my life", "take my own life",
            "want to die", "wanna die", "better off dead", "hurt myself", "hurting myself", "harm myself",
            "self[- ]harm", "cutting myself", "overdose",
            "(?:going to|gonna|will|threatened to) kill me", "(?:he|she|they)(?:'s| is| are) outside",
            "i(?:'m| am) (?:not safe|in danger|scared for my life)", "help me now",
            "quitarme la vida", "matarme", "hacerme daño", "autolesi", "no quiero vivir", "quiero morir",
            "me va a matar", "me van a matar", "amenazó con matarme", "estoy en peligro", "no estoy a salvo"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Urgency() {
    }

    public static boolean of(String title, String text, List<String> contentWarnings) {
        return ContentWarning.SELF_HARM.in(contentWarnings)
                || (title != null && SIGNALS.matcher(title).find())
                || SIGNALS.matcher(text).find();
    }
}
