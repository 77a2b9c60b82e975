package org.chorus.stories.taxonomy;

import java.util.Arrays;
import java.util.List;
import org.chorus.web.InvalidInput;

/**
 * The fixed taxonomy of themes readers browse stories by. An author may suggest themes when sharing; a moderator
 * sets them when publishing. Fixed so that a theme carries no free text to moderate and a filter always means the
 * same thing. On the wire and in the database a theme is its slug:
 * <ul>
 * <li>{@code healing}: life after, recovery, what helped</li>
 * <li>{@code justice}: police, courts, reporting, accountability</li>
 * <li>{@code speaking-up}: telling someone, or everyone, for the first time</li>
 * <li>{@code workplace}: at work, from colleagues or employers</li>
 * <li>{@code campus}: at school, college or university</li>
 * <li>{@code family}: within the family or the home</li>
 * <li>{@code childhood}: what happened when the author was a child</li>
 * <li>{@code relationships}: from a partner or someone close</li>
 * <li>{@code online}: online abuse, images shared without consent</li>
 * <li>{@code support}: being believed, friends, helplines, survivors for survivors</li>
 * </ul>
 */
public enum Theme {
    HEALING("healing", new Label("healing", "sanación")),
    JUSTICE("justice", new Label("justice", "justicia")),
    SPEAKING_UP("speaking-up", new Label("speaking up", "alzar la voz")),
    WORKPLACE("workplace", new Label("workplace", "trabajo")),
    CAMPUS("campus", new Label("campus", "universidad")),
    FAMILY("family", new Label("family", "familia")),
    CHILDHOOD("childhood", new Label("childhood", "infancia")),
    RELATIONSHIPS("relationships", new Label("relationships", "relaciones")),
    ONLINE("online", new Label("online", "en línea")),
    SUPPORT("support", new Label("support", "apoyo"));

    static final List<String> ALL = Arrays.stream(values()).map(Theme::slug).toList();
    static final String SLUGS = String.join(", ", ALL);
    /** {@link #SLUGS} as a constant, for the API description; {@code ThemeTest} keeps the two equal. */
    public static final String DOCUMENTED_SLUGS =
            "healing, justice, speaking-up, workplace, campus, family, childhood, relationships, online, support";

    /** A story belongs to a few themes at most; more would make every filter match it. */
    public static final int MAX_PER_STORY = 5;

    private final String slug;
    private final Label label;

    Theme(String slug, Label label) {
        this.slug = slug;
        this.label = label;
    }

    Label label() {
        return label;
    }

    String slug() {
        return slug;
    }

    /** The given slugs, deduplicated in taxonomy order; anything outside the taxonomy is refused naming the field. */
    public static List<String> validated(List<String> slugs, String field) {
        return Slugs.validated(ALL, slugs, field, "themes");
    }

    /** The themes of one story: {@link #validated} and at most {@link #MAX_PER_STORY}. */
    public static List<String> ofStory(List<String> slugs, String field) {
        List<String> themes = validated(slugs, field);
        if (themes.size() > MAX_PER_STORY) {
            throw new InvalidInput(field, "must hold at most " + MAX_PER_STORY + " themes");
        }
        return themes;
    }
}
