package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

class InvalidParametersTest {

    @RestController
    static class Listing {
        @GetMapping("/things")
        String things(@RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(100) int size,
                      @RequestParam(name = "exclude_warning", required = false) @Pattern(regexp = "[a-z_]+") String exclude,
                      @RequestHeader(name = "X-Page", required = false) @Min(0) Integer page) {
            return "ok";
        }
    }

    private final WebTestClient http = WebTestClient.bindToController(new Listing())
            .controllerAdvice(new InvalidParameters(), new ProblemResponses()).build();

    @Test
    void aParameterThatBreaksAConstraintIsA400ProblemNamingIt() {
        http.get().uri("/things?size=500&exclude_warning=NOT-A-CODE").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid request")
                .jsonPath("$.detail").isEqualTo("Some parameters are not valid.")
                .jsonPath("$.errors[?(@.field == 'size')].message").exists()
                .jsonPath("$.errors[?(@.field == 'exclude_warning')].message").exists()
                .jsonPath("$.errors.length()").isEqualTo(2);
    }

    @Test
    void aParameterOfTheWrongTypeIsNamedAsAParameterNotAsTheBody() {
        http.get().uri("/things?size=abc").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Some parameters are not valid.")
                .jsonPath("$.errors[0].field").isEqualTo("size")
                .jsonPath("$.errors[0].message").isEqualTo("has the wrong type or format");
    }

    @Test
    void aHeaderIsNamedByItsHeaderName() {
        http.get().uri("/things").header("X-Page", "-1").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("X-Page");
    }

    @Test
    void validParametersPass() {
        http.get().uri("/things?size=5&exclude_warning=self_harm").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
    }

    @Test
    void everyReactiveServiceGetsItFromTheAutoConfiguration() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(InvalidParameters.class)
                        .hasSingleBean(ProblemResponses.class).hasSingleBean(ServiceErrors.class));
    }
}
