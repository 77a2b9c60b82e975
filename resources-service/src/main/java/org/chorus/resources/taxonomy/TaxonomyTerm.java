package org.chorus.resources.taxonomy;

import java.util.Arrays;
import java.util.List;

/**
 * The fixed list of service types. Kept short on purpose so filters mean the same thing in every record; the
 * database repeats it in a check constraint on service.taxonomy_terms.
 */
public enum TaxonomyTerm {
    CRISIS_HOTLINE("crisis-hotline"),
    COUNSELLING("counselling"),
    LEGAL_ADVOCACY("legal-advocacy"),
    MEDICAL_FORENSIC_EXAM("medical-forensic-exam"),
    SHELTER("shelter"),
    SUPPORT_GROUP("support-group"),
    HOSPITAL_ACCOMPANIMENT("hospital-accompaniment"),
    HOUSING_ASSISTANCE("housing-assistance"),
    PREVENTION_EDUCATION("prevention-education");

    final String code;

    TaxonomyTerm(String code) {
        this.code = code;
    }

    public static boolean isKnown(String code) {
        return Arrays.stream(values()).anyMatch(term -> term.code.equals(code));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(term -> term.code).toList();
    }
}
