package org.chorus.gateway.proof;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorus.gateway.edge.ClientAddress;
import org.chorus.gateway.edge.NationalHotlines;
import org.chorus.gateway.edge.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code - ProofOfWork} on a route: its requests reach the service only with a solved, unexpired, unused challenge in
 * the {@value #HEADER} header. Put on the routes of anonymous writes (application.yml), not matched on paths here, so
 * whatever spelling of a path reaches a route (a trailing slash, an escaped letter, a matrix parameter) meets the check.
 * A refusal is a 400 problem naming the header, with where to get a challenge and the national hotlines: a survivor
 * whose browser cannot solve one still leaves with a number to call.
 */
@Component
class ProofOfWorkGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    static final String HEADER = "Chorus-Proof";
    /** What the site's hidden honeypot field held, sent only when a program filled it in. */
    static final String HONEYPOT = "Chorus-Honeypot";
    private final ProofOfWorkProperties properties;
    private final Challenges challenges;
    private final SpentChallenges spent;
    private final Difficulty difficulty;
    private final Map<String, Counter> refused;

    ProofOfWorkGatewayFilterFactory(ProofOfWorkProperties properties, Challenges challenges, SpentChallenges spent,
                                    Difficulty difficulty, MeterRegistry meters) {
        this.properties = properties;
        this.challenges = challenges;
        this.spent = spent;
        this.difficulty = difficulty;
        // registered up front, so a dashboard sees 0 rather than no series before the first refusal; three reasons
        // only: the words of a refusal would make a label of every malformed header
        this.refused = Map.of(
                "honeypot", refused(meters, "honeypot"),
                "invalid", refused(meters, "invalid"),
                "replayed", refused(meters, "replayed"));
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> !properties.enabled() ? chain.filter(exchange) : check(exchange.getRequest())
                .flatMap(refusal -> refusal.isPresent() ? refuse(exchange, refusal.get()) : chain.filter(exchange));
    }

    /** Why the request may not pass, or nothing when it may (its solution is then spent). */
    private Mono<Optional<Refusal>> check(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String honeypot = headers.getFirst(HONEYPOT);
        if (honeypot != null && !honeypot.isBlank()) {
            return Mono.just(Optional.of(new Refusal("honeypot", "website", "must be left empty")));
        }
        List<String> proofs = headers.getOrEmpty(HEADER);
        Challenges.Verdict verdict = challenges.check(proofs.size() == 1 ? proofs.get(0) : null, Instant.now());
        if (!verdict.solved()) {
            return Mono.just(Optional.of(new Refusal("invalid", HEADER, verdict.refusal())));
        }
        return spent.spend(verdict.signature(), verdict.replayableFor()).map(first -> {
            if (!first) {
                return Optional.of(new Refusal("replayed", HEADER, "has already been used: ask for a new challenge"));
            }
            ClientAddress.of(request).ifPresent(difficulty::wrote);
            return Optional.empty();
        });
    }

    private record Refusal(String reason, String field, String message) {
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("chorus.gateway.proof.refused")
                .description("Anonymous writes refused for want of a valid, unused proof-of-work, by reason")
                .tag("reason", reason).register(meters);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        refused.get(refusal.reason()).increment();
        String field = refusal.field();
        String message = refusal.message();
        return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                "Your browser needs to finish a short calculation before this can be sent. Please try again; "
                        + "if it keeps failing, the national hotlines are here at any hour.",
                Map.of("errors", List.of(Map.of("field", field, "message", message)),
                        "challenge", "/api/challenge", "national_hotlines", NationalHotlines.TREE));
    }
}
