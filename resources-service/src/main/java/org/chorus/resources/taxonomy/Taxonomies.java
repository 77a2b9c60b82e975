package org.chorus.resources.taxonomy;

import java.util.Arrays;
import java.util.List;

/**
 * Every fixed list the directory validates against a closed set of codes that people choose from, with the codes
 * the API takes and answers and the labels the site shows. Languages and accessibility features are open codes
 * (checked by shape, not against a list), so they are not here.
 */
record Taxonomies(List<Term> serviceTypes) {

    /** One entry: {@code code} is exactly its wire value. */
    record Term(String code, Label label) {
    }

    static final Taxonomies ALL = new Taxonomies(
            Arrays.stream(TaxonomyTerm.values()).map(term -> new Term(term.code, term.label)).toList());
}
