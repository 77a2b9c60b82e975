package org.chorus.resources.taxonomy;

import java.util.Arrays;
import java.util.List;

/**
 * The fixed list of service types. Kept short on purpose so filters mean the same thing in every record; the
 * database repeats it in a check constraint on service.taxonomy_terms (TaxonomyConstraintIT keeps the two equal),
 * and the site and the portal read it, labels included, from {@code GET /api/resources/taxonomies}.
 */
public enum TaxonomyTerm {
    CRISIS_HOTLINE("crisis-hotline", "Crisis hotline", "Línea de crisis"),
    COUNSELLING("counselling", "Counselling", "Consejería"),
    LEGAL_ADVOCACY("legal-advocacy", "Legal advocacy", "Apoyo legal"),
    MEDICAL_FORENSIC_EXAM("medical-forensic-exam", "Medical / forensic exam", "Examen médico / forense"),
    SHELTER("shelter", "Shelter", "Refugio"),
    SUPPORT_GROUP("support-group", "Support group", "Grupo de apoyo"),
    HOSPITAL_ACCOMPANIMENT("hospital-accompaniment", "Hospital accompaniment", "Acompañamiento al hospital"),
    HOUSING_ASSISTANCE("housing-assistance", "Housing assistance", "Ayuda con vivienda"),
    PREVENTION_EDUCATION("prevention-education", "Prevention education", "Educación para la prevención");

    final String code;
    final Label label;

    TaxonomyTerm(String code, String en, String es) {
        this.code = code;
        this.label = new Label(en, es);
    }

    public String code() {
        return code;
    }

    public Label label() {
        return label;
    }

    public static boolean isKnown(String code) {
        return Arrays.stream(values()).anyMatch(term -> term.code.equals(code));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(term -> term.code).toList();
    }
}
