package org.chorus.notifications.receipt;

/**
 * The receipt an author gets after sharing a story: warm, short, and without a word of the story itself (mail
 * can be read by others). Every mail to an author carries the national hotline.
 */
record ReceiptMail(String subject, String body) {

    static ReceiptMail in(String language) {
        if ("es".equals(language)) {
            return new ReceiptMail("Recibimos tu historia", """
                    Gracias por confiarnos tu historia. La recibimos y una persona de nuestro equipo la leerá \
                    antes de publicarla.

                    Puedes retirarla cuando quieras con el enlace privado que recibiste al compartirla.

                    Si necesitas hablar con alguien ahora: Línea Nacional de Agresión Sexual, 1-800-656-4673 \
                    (24 horas, confidencial).
                    """);
        }
        return new ReceiptMail("We received your story", """
                Thank you for trusting us with your story. We received it, and a person on our team will read it \
                before it is published.

                You can withdraw it at any time with the private link you were given when you shared it.

                If you need to talk to someone now: National Sexual Assault Hotline, 1-800-656-4673 \
                (24/7, confidential).
                """);
    }
}
