package org.chorus.notifications.campaign;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns what staff wrote (subject, Markdown body, content-warning line) into the HTML and plain text of a mail.
 *
 * <p>A campaign body is Markdown and nothing else: raw HTML is refused (and escaped besides), because a campaign
 * must never carry script or styling that hides text; images are refused because a remote image is an open
 * tracker; links go straight to where they say (no redirect, no click tracking). {@code {{preferences_url}}} and
 * {@code {{unsubscribe_url}}} may be used in the body and are filled in per recipient. Problems name their line.
 */
final class CampaignTemplate {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 50_000;
    static final int MAX_CONTENT_WARNING = 300;

    // stand-ins that survive Markdown rendering unchanged in text and in link targets
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "preferences_url", "https://placeholder.chorus.invalid/preferences",
            "unsubscribe_url", "https://placeholder.chorus.invalid/unsubscribe");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Set<String> LINK_SCHEMES = Set.of("https:", "http:", "mailto:");

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder()
            .lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build();

    private CampaignTemplate() {
    }

    /** A template that cannot be rendered, with the 1-based line of the body that is wrong (0 for the subject). */
    static final class Problem extends RuntimeException {
        private final int line;

        Problem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** The mail of one language before the recipient's links are filled in. */
    record Rendered(String language, String subject, String html, String text) {

        Rendered personalise(String preferencesUrl, String unsubscribeUrl) {
            String html = this.html
                    .replace(PLACEHOLDERS.get("preferences_url"), escape(preferencesUrl))
                    .replace(PLACEHOLDERS.get("unsubscribe_url"), escape(unsubscribeUrl));
            String text = this.text
                    .replace(PLACEHOLDERS.get("preferences_url"), preferencesUrl)
                    .replace(PLACEHOLDERS.get("unsubscribe_url"), unsubscribeUrl);
            return new Rendered(language, subject, html, text);
        }
    }

    static Rendered render(String language, CampaignContent.Variant variant) {
        checkSubject(variant.subject());
        String source = withStandIns(variant.body());
        Node document = PARSER.parse(source);
        document.accept(new Refusals());
        Footer footer = Footer.in(language);
        String warning = variant.contentWarning() == null || variant.contentWarning().isBlank()
                ? null : variant.contentWarning().strip();

        StringBuilder html = new StringBuilder(source.length() * 2 + 1024)
                .append("<!DOCTYPE html>\n<html lang=\"").append(language).append("\">\n<head><meta charset=\"utf-8\">")
                .append("<title>").append(escape(variant.subject().strip())).append("</title></head>\n")
                .append("<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">\n");
        StringBuilder text = new StringBuilder(source.length() + 1024);
        if (warning != null) {
            html.append("<p style=\"border-left:4px solid #8a4b00;padding-left:.5em\"><strong>")
                    .append(footer.contentWarning()).append("</strong> ").append(escape(warning))
                    .append("</p>\n<hr>\n");
            text.append(footer.contentWarning()).append(' ').append(warning).append("\n\n---\n\n");
        }
        html.append(HTML.render(document)).append("<hr>\n").append(footer.html()).append("</body>\n</html>\n");
        text.append(TEXT.render(document).strip()).append("\n\n-- \n").append(footer.text());
        return new Rendered(language, variant.subject().strip(), html.toString(), text.toString());
    }

    private static void checkSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new Problem(0, "subject must not be blank");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw new Problem(0, "subject must be at most " + MAX_SUBJECT + " characters");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            // a line break in a subject would start a new mail header
            throw new Problem(0, "subject must be one line without control characters");
        }
    }

    private static String withStandIns(String body) {
        String[] lines = body.split("\n", -1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher matcher = PLACEHOLDER.matcher(line);
            StringBuilder replaced = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1).strip();
                String standIn = PLACEHOLDERS.get(name);
                if (standIn == null) {
                    throw new Problem(i + 1, "unknown placeholder {{" + abbreviate(name) + "}}; use "
                            + "{{preferences_url}} or {{unsubscribe_url}}");
                }
                matcher.appendReplacement(replaced, Matcher.quoteReplacement(standIn));
            }
            matcher.appendTail(replaced);
            if (replaced.indexOf("{{") >= 0) {
                throw new Problem(i + 1, "a placeholder opened with {{ is not closed with }}");
            }
            out.append(replaced);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String abbreviate(String name) {
        String printable = name.replaceAll("[^\\p{Alnum}_ -]", "?");
        return printable.length() > 30 ? printable.substring(0, 30) + "…" : printable;
    }

    private static int line(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.getSourceSpans().isEmpty()) {
                return n.getSourceSpans().get(0).getLineIndex() + 1;
            }
        }
        return 1;
    }

    private static final class Refusals extends AbstractVisitor {

        @Override
        public void visit(HtmlBlock htmlBlock) {
            throw new Problem(line(htmlBlock), "raw HTML is not allowed in a campaign; write Markdown");
        }

        @Override
        public void visit(HtmlInline htmlInline) {
            throw new Problem(line(htmlInline), "raw HTML is not allowed in a campaign; write Markdown");
        }

        @Override
        public void visit(Image image) {
            throw new Problem(line(image), "images are not allowed: a remote image tells its server the mail was opened");
        }

        @Override
        public void visit(Link link) {
            String destination = link.getDestination() == null ? "" : link.getDestination().strip();
            if (LINK_SCHEMES.stream().noneMatch(scheme -> destination.regionMatches(true, 0, scheme, 0, scheme.length()))) {
                throw new Problem(line(link), "links must start with https://, http:// or mailto:");
            }
            visitChildren(link);
        }
    }

    /** What closes every campaign mail: why it came, how to change or stop it, and the hotline. */
    private record Footer(String contentWarning, String why, String preferences, String unsubscribe, String hotline) {

        static Footer in(String language) {
            if ("es".equals(language)) {
                return new Footer("Aviso de contenido:",
                        "Recibes este correo porque te suscribiste a las novedades de Chorus.",
                        "Cambiar idioma o temas, pausar o borrar tus datos",
                        "Darte de baja",
                        "Si necesitas hablar con alguien ahora: Línea Nacional de Agresión Sexual, 1-800-656-4673 "
                                + "(24 horas, confidencial).");
            }
            return new Footer("Content warning:",
                    "You receive this because you subscribed to updates from Chorus.",
                    "Change language or topics, pause, or erase your data",
                    "Unsubscribe",
                    "If you need to talk to someone now: National Sexual Assault Hotline, 1-800-656-4673 "
                            + "(24/7, confidential).");
        }

        String html() {
            return "<p style=\"font-size:90%\">" + escape(why) + "<br>\n"
                    + "<a href=\"" + PLACEHOLDERS.get("preferences_url") + "\">" + escape(preferences)
                    + "</a> · <a href=\"" + PLACEHOLDERS.get("unsubscribe_url") + "\">"
                    + escape(unsubscribe) + "</a></p>\n<p style=\"font-size:90%\">"
                    + escape(hotline) + "</p>\n";
        }

        String text() {
            return why + "\n" + preferences + ": " + PLACEHOLDERS.get("preferences_url") + "\n" + unsubscribe + ": "
                    + PLACEHOLDERS.get("unsubscribe_url") + "\n\n" + hotline + "\n";
        }
    }

    /** Only what HTML needs escaped; the mail is UTF-8, so Ñ stays Ñ. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    static List<String> placeholders() {
        return PLACEHOLDERS.keySet().stream().sorted().toList();
    }
}
