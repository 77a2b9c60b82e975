package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chorus.testsupport.ChorusHome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each taxonomy has one source, the service that validates it: the gateway passes its list through to the pages,
 * labelled in English and Spanish and cacheable, and no script of the site or the portal keeps a copy of a code.
 */
class TaxonomySourceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path STATIC = ChorusHome.root().resolve("gateway/src/main/resources/static");

    @ParameterizedTest
    @CsvSource({"/api/stories/taxonomies, contentWarnings", "/api/stories/taxonomies, themes",
            "/api/resources/taxonomies, serviceTypes"})
    void theOwningServiceServesTheListLabelledInBothLanguagesAndNoScriptCopiesIt(String path, String name)
            throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create(SharedDevstack.get().gatewayUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control").orElse("")).contains("public").contains("max-age");
        JsonNode terms = JSON.readTree(answer.body()).path(name);
        assertThat(terms.size()).as("%s in %s", name, answer.body()).isPositive();

        List<String> scripts = scripts();
        for (JsonNode term : terms) {
            String code = term.path("code").asString();
            assertThat(term.path("label").path("en").asString()).as("English label of %s", code).isNotBlank();
            assertThat(term.path("label").path("es").asString()).as("Spanish label of %s", code).isNotBlank();
            for (String script : scripts) {
                assertThat(script).as("a page keeps no copy of %s", code)
                        .doesNotContain("'" + code + "'").doesNotContain("\"" + code + "\"")
                        .doesNotContain("'cw." + code + "'").doesNotContain("'theme." + code + "'");
            }
        }
    }

    private static List<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html")).toList()) {
                scripts.add(Files.readString(file));
            }
        }
        return scripts;
    }
}
