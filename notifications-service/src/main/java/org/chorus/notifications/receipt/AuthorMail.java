package org.chorus.notifications.receipt;

/**
 * What an author hears from us about their story: warm, short, and without a word of the story itself (mail can be
 * read by others, and a subject line shows on a lock screen). This service does not hold the author's manage link,
 * so the mails point to the private link they saved when they shared. Every mail to an author carries the national
 * hotline.
 */
record AuthorMail(String subject, String body) {

    private static final String HOTLINE_EN = """
            If you need to talk to someone now: National Sexual Assault Hotline, 1-800-656-4673 \
            (24/7, confidential).
            """;
    private static final String HOTLINE_ES = """
            Si necesitas hablar con alguien ahora: Línea Nacional de Agresión Sexual, 1-800-656-4673 \
            (24 horas, confidencial).
            """;

    static AuthorMail of(String kind, String language) {
        boolean spanish = "es".equals(language);
        return switch (kind) {
            case Receipts.PUBLISHED -> spanish ? publishedEs() : publishedEn();
            case Receipts.REJECTED -> spanish ? rejectedEs() : rejectedEn();
            case Receipts.HELP -> spanish ? helpEs() : helpEn();
            default -> spanish ? receiptEs() : receiptEn();
        };
    }

    private static AuthorMail receiptEn() {
        return new AuthorMail("We received your story", """
                Thank you for trusting us with your story. We received it, and a person on our team will read it \
                before it is published.

                You can withdraw it at any time with the private link you were given when you shared it.

                """ + HOTLINE_EN);
    }

    private static AuthorMail receiptEs() {
        return new AuthorMail("Recibimos tu historia", """
                Gracias por confiarnos tu historia. La recibimos y una persona de nuestro equipo la leerá \
                antes de publicarla.

                Puedes retirarla cuando quieras con el enlace privado que recibiste al compartirla.

                """ + HOTLINE_ES);
    }

    private static AuthorMail publishedEn() {
        return new AuthorMail("Your story is now on Chorus", """
                Your story is now published on Chorus, where others can read it. Thank you for your courage \
                and for adding your voice.

                You can read it, change what you agreed to, or withdraw it at any time: use the private link \
                you saved when you shared your story.

                """ + HOTLINE_EN);
    }

    private static AuthorMail publishedEs() {
        return new AuthorMail("Tu historia ya está en Chorus", """
                Tu historia ya está publicada en Chorus, donde otras personas pueden leerla. Gracias por tu \
                valentía y por sumar tu voz.

                Puedes leerla, cambiar lo que autorizaste o retirarla cuando quieras: usa el enlace privado \
                que guardaste al compartir tu historia.

                """ + HOTLINE_ES);
    }

    private static AuthorMail rejectedEn() {
        return new AuthorMail("About the story you shared", """
                Thank you for trusting us with your story. After reading it carefully, our team decided that \
                it will not be shown on the site. This is not a judgement of you or of what happened to you.

                You can read our reason, or withdraw your story so that we erase it now: use the private link \
                you saved when you shared your story.

                """ + HOTLINE_EN);
    }

    private static AuthorMail rejectedEs() {
        return new AuthorMail("Sobre la historia que compartiste", """
                Gracias por confiarnos tu historia. Después de leerla con atención, nuestro equipo decidió que \
                no se mostrará en el sitio. Esto no es un juicio sobre ti ni sobre lo que te pasó.

                Puedes leer nuestro motivo, o retirar tu historia para que la borremos ahora: usa el enlace \
                privado que guardaste al compartir tu historia.

                """ + HOTLINE_ES);
    }

    /** No word of why: the subject shows on a lock screen, and someone else may read the mail. */
    private static AuthorMail helpEn() {
        return new AuthorMail("People you can talk to", """
                Thank you for sharing your story with Chorus. A person on our team read it and wanted to make                 sure you know where to find support, any time of day or night:

                - National Sexual Assault Hotline: call 1-800-656-4673 (24/7, confidential).
                - 988 Suicide & Crisis Lifeline: call or text 988 (24/7).
                - National Domestic Violence Hotline: call 1-800-799-7233, or text START to 88788 (24/7).
                - Crisis Text Line: text HOME to 741741 (24/7).

                If you are in danger right now, call 911.

                You do not need to reply to this mail.
                """);
    }

    private static AuthorMail helpEs() {
        return new AuthorMail("Personas con quienes puedes hablar", """
                Gracias por compartir tu historia en Chorus. Una persona de nuestro equipo la leyó y quiso                 asegurarse de que sepas dónde encontrar apoyo, a cualquier hora del día o de la noche:

                - Línea Nacional de Agresión Sexual: llama al 1-800-656-4673 (24 horas, confidencial).
                - 988 Línea de Prevención del Suicidio y Crisis: llama o envía un mensaje de texto al 988 (24 horas).
                - Línea Nacional sobre la Violencia Doméstica: llama al 1-800-799-7233, o envía START al 88788 (24 horas).
                - Crisis Text Line: envía HOME al 741741 (24 horas).

                Si estás en peligro ahora mismo, llama al 911.

                No necesitas responder a este correo.
                """);
    }
}
