package org.chorus.resources.hotline;

import java.util.List;

/**
 * The one reviewed place for the real national crisis lines. They live in code, not in the database, so they are
 * served even when PostgreSQL or Kafka is down, and a change to them is a reviewed code change.
 * NationalHotlinesTest repeats every number: changing one here without changing it there fails the build.
 * Last reviewed against the lines' own sites: 2026-11-28.
 */
public final class NationalHotlines {

    public static final List<NationalHotline> ALL = List.of(
            new NationalHotline("rainn-national-sexual-assault-hotline", "National Sexual Assault Hotline (RAINN)",
                    "Confidential support from a trained staff member of a local sexual assault service provider.",
                    "1-800-656-4673", null, "https://hotline.rainn.org/online", true,
                    List.of("crisis-hotline")),
            new NationalHotline("988-suicide-and-crisis-lifeline", "988 Suicide & Crisis Lifeline",
                    "Free, confidential support for people in distress or crisis.",
                    "988", "Text 988", null, true,
                    List.of("crisis-hotline")),
            new NationalHotline("national-domestic-violence-hotline", "National Domestic Violence Hotline",
                    "Support, safety planning and referrals for anyone affected by relationship abuse.",
                    "1-800-799-7233", "Text START to 88788", null, true,
                    List.of("crisis-hotline")),
            new NationalHotline("crisis-text-line", "Crisis Text Line",
                    "A trained volunteer crisis counsellor, by text message.",
                    null, "Text HOME to 741741", null, true,
                    List.of("crisis-hotline")));

    private NationalHotlines() {
    }
}
