package org.chorus.notifications.nearby;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.chorus.notifications.nearby.HelpNearYou.Listed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "new help near you" mail in the subscriber's language: each service by name, kind, ZIP and distance (never an
 * address: a shelter's is given only over the phone), where to find the details, the national hotlines (the reviewed
 * list platform/contracts ships), and how to change or stop these mails.
 */
record HelpNearYouMail(String subject, String body) {

    private static final List<String> HOTLINES = hotlines();

    /** The directory's service types (resources-service's TaxonomyTerm), as the mail names them. */
    private static final Map<String, String[]> KINDS = Map.of(
            "crisis-hotline", new String[] {"Crisis hotline", "Línea de crisis"},
            "counselling", new String[] {"Counselling", "Consejería"},
            "legal-advocacy", new String[] {"Legal advocacy", "Apoyo legal"},
            "medical-forensic-exam", new String[] {"Medical / forensic exam", "Examen médico / forense"},
            "shelter", new String[] {"Shelter", "Refugio"},
            "support-group", new String[] {"Support group", "Grupo de apoyo"},
            "hospital-accompaniment", new String[] {"Hospital accompaniment", "Acompañamiento al hospital"},
            "housing-assistance", new String[] {"Housing assistance", "Ayuda con vivienda"},
            "prevention-education", new String[] {"Prevention education", "Educación para la prevención"});

    static HelpNearYouMail of(String language, String zip, List<Listed> services, String helpUrl,
                              String preferencesUrl, String unsubscribeUrl) {
        boolean spanish = "es".equals(language);
        StringBuilder list = new StringBuilder();
        for (Listed service : services) {
            list.append("  - ").append(service.name());
            if (!service.taxonomyTerms().isEmpty()) {
                list.append(" (").append(String.join(", ", service.taxonomyTerms().stream()
                        .map(code -> KINDS.containsKey(code) ? KINDS.get(code)[spanish ? 1 : 0] : code).toList()))
                        .append(')');
            }
            if (service.postalCode() != null) {
                list.append(spanish ? ", código postal " : ", ZIP ").append(service.postalCode());
            }
            list.append(spanish ? ", a unos " : ", about ").append(service.km()).append(" km\n");
        }
        String hotlines = String.join("\n", HOTLINES.stream().map(line -> "  " + line).toList());
        if (spanish) {
            return new HelpNearYouMail(services.size() == 1 ? "Nueva ayuda cerca de ti"
                    : services.size() + " nuevos servicios de ayuda cerca de ti", """
                    Hay ayuda nueva o que volvió a abrir cerca del código postal %s:
                    %s
                    Los detalles (teléfonos, horarios, idiomas; la dirección de un refugio se da solo por teléfono):
                    %s

                    Si necesitas hablar con alguien ahora (24 horas, confidencial):
                    %s

                    Recibes este correo porque pediste saber de nueva ayuda cerca de ti; llega como mucho una vez \
                    por semana. Para cambiar tu código postal o lo que recibes: %s
                    Para darte de baja: %s
                    """.formatted(zip, list, helpUrl, hotlines, preferencesUrl, unsubscribeUrl));
        }
        return new HelpNearYouMail(services.size() == 1 ? "New help near you"
                : services.size() + " new places to find help near you", """
                There is new help, or help open again, near ZIP code %s:
                %s
                The details (phones, hours, languages; a shelter's address is given only over the phone):
                %s

                If you need to talk to someone now (24/7, confidential):
                %s

                You get this mail because you asked to hear of new help near you; it comes at most once a week. To \
                change your ZIP code or what you receive: %s
                To unsubscribe: %s
                """.formatted(zip, list, helpUrl, hotlines, preferencesUrl, unsubscribeUrl));
    }

    private static List<String> hotlines() {
        String resource = "/org/chorus/contracts/national-hotlines.json";
        try (InputStream in = HelpNearYouMail.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("national-hotlines.json is missing from platform/contracts");
            }
            JsonNode all = JsonMapper.builder().build().readTree(in);
            return all.valueStream().map(hotline -> hotline.get("name").asString() + ": "
                    + (hotline.has("call") ? hotline.get("call").asString() : "")
                    + (hotline.has("text") ? (hotline.has("call") ? ", " : "") + hotline.get("text").asString() : ""))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
