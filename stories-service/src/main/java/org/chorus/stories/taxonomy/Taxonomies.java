package org.chorus.stories.taxonomy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Every fixed list a story is described by, with the codes the API takes and answers and the labels the site shows,
 * so that the pages and the portal read them from here instead of keeping copies.
 */
record Taxonomies(List<Term> contentWarnings, List<Term> themes, List<Term> naming, List<Term> reportReasons) {

    /** One entry: {@code code} is exactly its wire value. */
    record Term(String code, Label label) {
    }

    static final Taxonomies ALL = new Taxonomies(
            terms(ContentWarning.values(), ContentWarning::slug, ContentWarning::label),
            terms(Theme.values(), Theme::slug, Theme::label),
            terms(NamedAs.values(), NamedAs::slug, NamedAs::label),
            terms(ReportReason.values(), ReportReason::name, ReportReason::label));

    private static <E> List<Term> terms(E[] values, Function<E, String> code, Function<E, Label> label) {
        return Arrays.stream(values).map(value -> new Term(code.apply(value), label.apply(value))).toList();
    }
}
