package org.chorus.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.ParseContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The part of the hostile-input corpus every write shares, and the one answer each write owes it. */
public final class HostileInput {

    /** Raw JSON string contents: the escapes travel as written, so a lone surrogate reaches the server as such. */
    public static final List<String> UNSTORABLE = List.of("a\\u0000b", "\\u0000", "a\\ud800b", "\\udc00", "x\\ud83d");

    /** Reads a missing path as null, so a problem without the field fails as an assertion, with the exchange printed. */
    private static final ParseContext LENIENT = JsonPath.using(
            Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS));

    private HostileInput() {
    }

    /** A 400 problem whose first error names {@code field}; a failure prints the request sent and the answer. */
    public static void refusedNaming(WebTestClient.RequestHeadersSpec<?> request, String field) {
        EntityExchangeResult<byte[]> answer = request.exchange().expectBody().returnResult();
        answer.assertWithDiagnostics(() -> {
            assertThat(answer.getStatus().value()).isEqualTo(400);
            assertThat(answer.getResponseHeaders().getContentType())
                    .matches(type -> type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            String problem = new String(answer.getResponseBodyContent(), StandardCharsets.UTF_8);
            assertThat(LENIENT.parse(problem).<String>read("$.errors[0].field")).isEqualTo(field);
        });
    }
}
