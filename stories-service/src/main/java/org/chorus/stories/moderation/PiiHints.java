package org.chorus.stories.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a moderator at what may identify someone before publishing: email addresses, phone numbers, URLs,
 * street addresses and likely personal names. Hints, never verdicts: they over-flag on purpose (a capitalised
 * word mid-sentence is a "name") because a missed name costs more than a glance. Offsets are UTF-16 indices into
 * the text, as a browser counts them.
 */
final class PiiHints {

    enum Kind { EMAIL, PHONE, URL, STREET_ADDRESS, NAME }

    record Hint(Kind kind, int start, int end) {
    }

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"]*[^\\s<>\".,;:!?)]", Pattern.CASE_INSENSITIVE);
    /** Seven or more digits, with the separators people write between them. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d(?:[\\d\\s().-]{5,}\\d)(?!\\w)");
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "\\b(?:\\d{1,5}\\s+)?(?:\\p{Lu}[\\p{L}'-]*\\s+){1,3}"
                    + "(?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Court|Ct\\.?|Way|Place|Pl\\.?)(?!\\p{L})"
                    + "|\\b(?:Calle|Avenida|Av\\.|Paseo|Plaza)\\s+(?:\\p{Lu}[\\p{L}'-]*\\s*){1,3}(?:,?\\s*\\d{1,5})?",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\d'’-])\\p{Lu}[\\p{Ll}'’-]*\\p{Ll}(?:\\s+\\p{Lu}[\\p{Ll}'’-]*\\p{Ll})*");
    /** Capitalised words that name no one. */
    private static final Set<String> COMMON = Set.of("I", "I'm", "I've", "I'd", "I'll", "God", "Mom", "Dad", "Mum",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
            "English", "Spanish", "Yo", "Mamá", "Papá", "Dios");

    private PiiHints() {
    }

    static List<Hint> in(String text) {
        List<Hint> hints = new ArrayList<>();
        find(EMAIL, Kind.EMAIL, text, hints);
        find(URL, Kind.URL, text, hints);
        find(PHONE, Kind.PHONE, text, hints);
        find(STREET_ADDRESS, Kind.STREET_ADDRESS, text, hints);
        Matcher words = CAPITALISED.matcher(text);
        while (words.find()) {
            if (!startsSentence(text, words.start()) && !COMMON.contains(words.group())
                    && hints.stream().noneMatch(hint -> hint.start() <= words.start() && words.end() <= hint.end())) {
                hints.add(new Hint(Kind.NAME, words.start(), words.end()));
            }
        }
        hints.sort(Comparator.comparingInt(Hint::start).thenComparing(Hint::kind));
        return List.copyOf(hints);
    }

    private static void find(Pattern pattern, Kind kind, String text, List<Hint> hints) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            hints.add(new Hint(kind, matcher.start(), matcher.end()));
        }
    }

    /** A capital at the start of a sentence says nothing about a name. */
    private static boolean startsSentence(String text, int index) {
        int i = index - 1;
        while (i >= 0 && (Character.isWhitespace(text.charAt(i)) || "\"'“‘(¡¿".indexOf(text.charAt(i)) >= 0)) {
            i--;
        }
        return i < 0 || ".!?\n…".indexOf(text.charAt(i)) >= 0;
    }
}
