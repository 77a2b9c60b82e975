package org.chorus.stories.moderation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.stories.story.StorySubmission;

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

    /*
     * Every pattern runs in time linear in the text (story text is hostile input): no two adjacent quantifiers
     * can match the same character, runs that could be long are possessive, and where a pattern must try a
     * start at every character (the local part of an address, the digits of a phone number) the repetition is
     * bounded, so each try looks at a bounded number of characters.
     */
    /** The local part is bounded (RFC 5321 allows 64), so a long run of word characters with no domain is cheap. */
    private static final Pattern EMAIL = Pattern.compile(
            "[\\w.+-]{1,64}+@[\\w-]{1,63}+(?:\\.[\\w-]{1,63}+){1,8}+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Any run of non-space characters, its trailing punctuation left out: (punctuation* then non-punctuation+)+. */
    private static final Pattern URL = Pattern.compile(
            "\\b(?:https?://|www\\.)(?:[.,;:!?)]*+[^\\s<>\".,;:!?)]++)++", Pattern.CASE_INSENSITIVE);
    /** Seven or more digits, with the separators people write between them; at most 26 characters after the first. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d(?:[\\d\\s().-]{5,25}\\d)(?!\\w)");
    /** A word boundary falls at every hyphen of "A-A-A…", so the words are bounded (40 letters) as well as counted. */
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "\\b(?:\\d{1,5}\\s++)?(?:\\p{Lu}[\\p{L}'-]{0,40}+\\s++){1,3}"
                    + "(?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Court|Ct\\.?|Way|Place|Pl\\.?)(?!\\p{L})"
                    + "|\\b(?:Calle|Avenida|Av\\.|Paseo|Plaza)\\s++(?:\\p{Lu}[\\p{L}'-]{0,40}+\\s*+){1,3}(?:,?\\s*+\\d{1,5})?",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** A capital, then (apostrophes or hyphens*, a lower-case letter)+, so each word ends in a lower-case letter. */
    private static final Pattern CAPITALISED = Pattern.compile(
            "(?<![\\p{L}\\d'’-])\\p{Lu}(?:['’-]*+\\p{Ll})++(?:\\s++\\p{Lu}(?:['’-]*+\\p{Ll})++)*+");
    /**
     * The most of a text that is scanned: a story holds at most {@link StorySubmission#MAX_TEXT} characters, so
     * this only guards against a text that got past that limit some other way.
     */
    static final int MAX_SCANNED = StorySubmission.MAX_TEXT;
    /** Capitalised words that name no one. */
    private static final Set<String> COMMON = Set.of("I", "I'm", "I've", "I'd", "I'll", "God", "Mom", "Dad", "Mum",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
            "English", "Spanish", "Yo", "Mamá", "Papá", "Dios");

    private PiiHints() {
    }

    /** The hints in the first {@link #MAX_SCANNED} characters of {@code text}. CPU work: call it off the event loop. */
    static List<Hint> in(String text) {
        return scan(text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text);
    }

    /** The hints in the whole of {@code text}, however long: linear in its length. */
    static List<Hint> scan(String text) {
        List<Hint> hints = new ArrayList<>();
        find(EMAIL, Kind.EMAIL, text, hints);
        find(URL, Kind.URL, text, hints);
        find(PHONE, Kind.PHONE, text, hints);
        find(STREET_ADDRESS, Kind.STREET_ADDRESS, text, hints);
        Covered covered = new Covered(hints);
        Matcher words = CAPITALISED.matcher(text);
        while (words.find()) {
            if (!startsSentence(text, words.start()) && !COMMON.contains(words.group())
                    && !covered.contains(words.start(), words.end())) {
                hints.add(new Hint(Kind.NAME, words.start(), words.end()));
            }
        }
        hints.sort(Comparator.comparingInt(Hint::start).thenComparing(Hint::kind));
        return List.copyOf(hints);
    }

    /**
     * Whether a span lies inside one of the hints found so far, in logarithmic time: a text full of addresses and
     * names would otherwise compare every name with every address.
     */
    private static final class Covered {

        private final int[] starts;
        /** The furthest end of the hints up to and including each index, in order of start. */
        private final int[] furthestEnds;

        Covered(List<Hint> hints) {
            List<Hint> byStart = hints.stream().sorted(Comparator.comparingInt(Hint::start)).toList();
            starts = new int[byStart.size()];
            furthestEnds = new int[byStart.size()];
            int furthest = -1;
            for (int i = 0; i < byStart.size(); i++) {
                starts[i] = byStart.get(i).start();
                furthest = Math.max(furthest, byStart.get(i).end());
                furthestEnds[i] = furthest;
            }
        }

        boolean contains(int start, int end) {
            int i = Arrays.binarySearch(starts, start);
            if (i < 0) {
                i = -i - 2; // the last hint starting before start
            } else {
                while (i + 1 < starts.length && starts[i + 1] == start) {
                    i++;
                }
            }
            return i >= 0 && furthestEnds[i] >= end;
        }
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
