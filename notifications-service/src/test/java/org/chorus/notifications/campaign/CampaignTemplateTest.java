package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chorus.notifications.privacy.MaskedEmail;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CampaignTemplateTest {

    private static CampaignContent.Variant variant(String body) {
        return new CampaignContent.Variant("Ten years of #MeToo", body, null);
    }

    private static CampaignContent content(CampaignContent.Variant en) {
        return new CampaignContent("anniversary", List.of("en", "es"), Map.of("en", en));
    }

    @Test
    void markdownBecomesHtmlAndPlainTextWithTheFooterLinksFilledInPerRecipient() {
        CampaignTemplate.Rendered rendered = CampaignTemplate.render("en",
                variant("# Ten years\n\nWe **stand** with you. [Read stories](https://chorus.example/stories)"))
                .personalise("https://chorus.example/p?token=abc", "https://chorus.example/u?token=def");

        assertThat(rendered.html()).contains("<h1>Ten years</h1>").contains("<strong>stand</strong>")
                .contains("href=\"https://chorus.example/stories\">Read stories</a>")
                .contains("href=\"https://chorus.example/p?token=abc\"")
                .contains("href=\"https://chorus.example/u?token=def\"")
                .contains("1-800-656-4673")
                .doesNotContain("placeholder.chorus.invalid");
        assertThat(rendered.text()).contains("Ten years").contains("We stand with you.")
                .contains("https://chorus.example/p?token=abc").contains("https://chorus.example/u?token=def")
                .doesNotContain("<").doesNotContain("**");
    }

    @Test
    void contentWarningOpensTheMailInHtmlAndText() {
        CampaignTemplate.Rendered rendered = CampaignTemplate.render("en",
                new CampaignContent.Variant("Subject", "Body text", "mentions of assault"));

        assertThat(rendered.html().indexOf("Content warning:")).isLessThan(rendered.html().indexOf("Body text"));
        assertThat(rendered.text()).startsWith("Content warning: mentions of assault");
    }

    @Test
    void spanishVariantGetsASpanishFooterAndWarningLabel() {
        CampaignTemplate.Rendered rendered = CampaignTemplate.render("es",
                new CampaignContent.Variant("Diez años", "Texto", "menciones de agresión"));

        assertThat(rendered.text()).startsWith("Aviso de contenido:").contains("Darte de baja");
        assertThat(rendered.html()).contains("lang=\"es\"");
    }

    @Test
    void placeholdersInTheBodyAreFilledIn() {
        CampaignTemplate.Rendered rendered = CampaignTemplate.render("en",
                variant("Change what you get: [preferences]({{preferences_url}}) or {{ unsubscribe_url }}"))
                .personalise("https://x.example/p?token=1", "https://x.example/u?token=2");

        assertThat(rendered.html()).contains("href=\"https://x.example/p?token=1\">preferences</a>")
                .contains("https://x.example/u?token=2");
    }

    @Test
    void unknownPlaceholderIsRefusedWithItsLine() {
        assertThatThrownBy(() -> content(variant("Hello\n\nDear {{first_name}},")).validate())
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("unknown placeholder")
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("variants.en.body");
    }

    @Test
    void unclosedPlaceholderIsRefusedWithItsLine() {
        assertThatThrownBy(() -> content(variant("one\ntwo {{preferences_url")).validate())
                .hasMessageContaining("line 2").hasMessageContaining("not closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "Hi <img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>", "text <b onclick=\"x()\">bold</b>"})
    void rawHtmlIsRefusedWithItsLine(String html) {
        assertThatThrownBy(() -> content(variant("First line\n\n" + html)).validate())
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("line 3").hasMessageContaining("raw HTML");
    }

    @Test
    void rawHtmlNeverReachesTheMailEvenIfRenderingWereAsked() {
        // escapeHtml is the second line of defence behind the refusal
        CampaignTemplate.Rendered rendered = CampaignTemplate.render("en", variant("plain `<script>` in code"));

        assertThat(rendered.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void imagesAreRefusedBecauseTheyWouldTrackOpens() {
        assertThatThrownBy(() -> content(variant("Look:\n![pixel](https://tracker.example/p.gif)")).validate())
                .hasMessageContaining("line 2").hasMessageContaining("images are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[x](javascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](/relative)",
            "[x](vbscript:msgbox)"})
    void linksOtherThanWebAndMailAreRefused(String link) {
        assertThatThrownBy(() -> content(variant(link)).validate())
                .hasMessageContaining("line 1").hasMessageContaining("links must start with");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Subject\r\nBcc: everyone@example.org", "Sub\u0000ject", ""})
    void subjectsThatCouldInjectHeadersOrAreEmptyAreRefused(String subject) {
        assertThatThrownBy(() -> content(new CampaignContent.Variant(subject, "body", null)).validate())
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("variants.en.subject");
    }

    @Test
    void englishVariantIsRequiredAsTheFallback() {
        CampaignContent onlySpanish = new CampaignContent("anniversary", List.of("es"),
                Map.of("es", new CampaignContent.Variant("Hola", "Texto", null)));

        assertThatThrownBy(onlySpanish::validate).extracting(e -> ((InvalidInput) e).field()).isEqualTo("variants.en");
    }

    @Test
    void unknownTopicsLanguagesAndVariantsAreRefusedNamingTheField() {
        Map<String, CampaignContent.Variant> withKlingon = new LinkedHashMap<>();
        withKlingon.put("en", variant("x"));
        withKlingon.put("tlh", variant("x"));

        assertThat(field(new CampaignContent("weather", List.of("en"), Map.of("en", variant("x"))))).isEqualTo("topic");
        assertThat(field(new CampaignContent("anniversary", List.of(), Map.of("en", variant("x"))))).isEqualTo("languages");
        assertThat(field(new CampaignContent("anniversary", List.of("en", "fr"), Map.of("en", variant("x")))))
                .isEqualTo("languages[1]");
        assertThat(field(new CampaignContent("anniversary", List.of("en", "en"), Map.of("en", variant("x")))))
                .isEqualTo("languages");
        assertThat(field(new CampaignContent("anniversary", List.of("en"), withKlingon))).isEqualTo("variants");
        assertThat(field(new CampaignContent("anniversary", List.of("en"),
                Map.of("en", new CampaignContent.Variant("s", "x".repeat(50_001), null))))).isEqualTo("variants.en.body");
        assertThat(field(new CampaignContent("anniversary", List.of("en"),
                Map.of("en", new CampaignContent.Variant("s", "x", "line\nbreak"))))).isEqualTo("variants.en.contentWarning");
    }

    @Test
    void unicodeAndSqlLookingTextIsJustText() {
        CampaignTemplate.Rendered rendered = CampaignTemplate.render("en",
                variant("'; drop table subscriber; -- ✊🏽 Ñandú 世界"));

        assertThat(rendered.text()).contains("'; drop table subscriber; -- ✊🏽 Ñandú 世界");
        assertThat(rendered.html()).contains("✊🏽 Ñandú 世界");
    }

    @Test
    void addressesAreMaskedForTheMissedList() {
        assertThat(MaskedEmail.of("ana.nunez@gmail.com")).isEqualTo("a***@g***.com");
        assertThat(MaskedEmail.of(null)).isEqualTo("(erased)");
        assertThat(MaskedEmail.of("no-at-sign")).isEqualTo("***");
    }

    private static String field(CampaignContent content) {
        try {
            content.validate();
            return null;
        } catch (InvalidInput e) {
            return e.field();
        }
    }
}
