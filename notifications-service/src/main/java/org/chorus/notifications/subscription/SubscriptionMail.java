package org.chorus.notifications.subscription;

import java.util.List;

/**
 * The mails the subscription itself sends, in the subscriber's language. They say what was asked for (so the owner
 * of the address can tell a sign-up they did not make) and how to undo it, and carry the hotline like every mail.
 */
record SubscriptionMail(String subject, String body) {

    static SubscriptionMail confirm(String language, List<String> topics, String zip, String confirmUrl,
                                    String preferencesUrl, long windowHours) {
        if ("es".equals(language)) {
            return new SubscriptionMail("Confirma tu suscripción a Chorus", """
                    Alguien (esperamos que tú) pidió recibir correos de Chorus en esta dirección:
                    %s
                    Para confirmarlo, abre este enlace en las próximas %d horas:
                    %s

                    Si no fuiste tú, no hagas nada: no enviaremos nada más y borraremos esta dirección en %d horas. \
                    Para borrarla ahora mismo: %s

                    Si necesitas hablar con alguien ahora: Línea Nacional de Agresión Sexual, 1-800-656-4673 \
                    (24 horas, confidencial).
                    """.formatted(topicLines(topics, zip, true), windowHours, confirmUrl, windowHours, preferencesUrl));
        }
        return new SubscriptionMail("Confirm your subscription to Chorus", """
                Someone (we hope it was you) asked to receive mail from Chorus at this address:
                %s
                To confirm, open this link within %d hours:
                %s

                If it was not you, do nothing: we will send nothing more, and we delete this address within %d \
                hours. To delete it right now: %s

                If you need to talk to someone now: National Sexual Assault Hotline, 1-800-656-4673 \
                (24/7, confidential).
                """.formatted(topicLines(topics, zip, false), windowHours, confirmUrl, windowHours, preferencesUrl));
    }

    static SubscriptionMail alreadySubscribed(String language, String preferencesUrl) {
        if ("es".equals(language)) {
            return new SubscriptionMail("Ya estás suscrito/a a Chorus", """
                    Alguien (esperamos que tú) volvió a suscribir esta dirección a Chorus. Ya estaba suscrita, así \
                    que no cambió nada.

                    Para cambiar lo que recibes, pausar los correos, darte de baja o borrar tu dirección: %s

                    Si necesitas hablar con alguien ahora: Línea Nacional de Agresión Sexual, 1-800-656-4673 \
                    (24 horas, confidencial).
                    """.formatted(preferencesUrl));
        }
        return new SubscriptionMail("You are already subscribed to Chorus", """
                Someone (we hope it was you) asked to subscribe this address to Chorus again. It was already \
                subscribed, so nothing has changed.

                To change what you receive, pause mail, unsubscribe or erase your address: %s

                If you need to talk to someone now: National Sexual Assault Hotline, 1-800-656-4673 \
                (24/7, confidential).
                """.formatted(preferencesUrl));
    }

    private static String topicLines(List<String> topics, String zip, boolean spanish) {
        StringBuilder lines = new StringBuilder();
        for (String topic : topics) {
            String line = switch (topic) {
                case Topic.HELP_NEAR_ME -> spanish ? "nueva ayuda cerca del código postal " + zip
                        : "new help near ZIP code " + zip;
                default -> spanish ? "noticias del aniversario de #MeToo" : "#MeToo anniversary updates";
            };
            lines.append("  - ").append(line).append('\n');
        }
        return lines.toString();
    }
}
