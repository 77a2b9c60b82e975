package org.chorus.gateway.proof;

import java.time.Instant;
import org.chorus.gateway.edge.ClientAddress;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/challenge}: a fresh challenge, never cached (each is for one write). The rate limit counts it as a
 * read; its difficulty is this client's ({@link Difficulty}).
 */
@RestController
class ChallengeController {

    private final ProofOfWorkProperties properties;
    private final Challenges challenges;
    private final Difficulty difficulty;

    ChallengeController(ProofOfWorkProperties properties, Challenges challenges, Difficulty difficulty) {
        this.properties = properties;
        this.challenges = challenges;
        this.difficulty = difficulty;
    }

    @GetMapping("/api/challenge")
    ResponseEntity<Challenge> challenge(ServerHttpRequest request) {
        long maxnumber = ClientAddress.of(request).map(difficulty::forClient).orElse(properties.maxDifficulty());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(challenges.issue(maxnumber, Instant.now()));
    }
}
