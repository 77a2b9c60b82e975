package org.chorus.gateway.surge;

import java.time.Duration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.chorus.gateway.edge.WarmUpPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Warms the request path before readiness. Spring Boot reports a gateway ready (and Kubernetes sends it readers) only
 * after every {@link ApplicationRunner} has run, while the server already listens: so this one sends the gateway the
 * reads a reader's page makes, through the whole filter chain and the routes to the services, until the JIT has
 * compiled them. Story lists with a query of their own pass the micro-cache, so the proxy path is what gets warm;
 * the hotlines and the challenge follow their own paths. Answers do not matter (a service still starting answers
 * 503, which warms that path instead), and a warm-up that takes too long is cut short: it never keeps a gateway from
 * becoming ready.
 */
@Configuration
class WarmUpBeforeReady {

    private static final Logger log = LoggerFactory.getLogger(WarmUpBeforeReady.class);

    @Bean
    WarmUpPass warmUpPass() {
        return new WarmUpPass();
    }

    @Bean
    ApplicationRunner warmUp(WarmUpProperties properties, WarmUpPass pass, WebServerApplicationContext context,
                             MeterRegistry meters) {
        Counter answered = Counter.builder("chorus.gateway.warm.up.answered")
                .description("Requests this gateway sent itself before readiness and got an answer to").register(meters);
        return (ApplicationArguments arguments) -> {
            try {
                if (properties.requests() > 0) {
                    run(properties, pass, context.getWebServer().getPort(), answered);
                }
            } finally {
                pass.end();
            }
        };
    }

    private static void run(WarmUpProperties properties, WarmUpPass pass, int port, Counter counted) {
        HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + port)
                .headers(headers -> headers.set(WarmUpPass.HEADER, pass.value()))
                .responseTimeout(Duration.ofSeconds(5));
        AtomicLong answered = new AtomicLong();
        long started = System.nanoTime();
        try {
            Flux.range(0, properties.requests())
                    .flatMap(i -> client.get().uri(path(i))
                            .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
                            .doOnNext(status -> {
                                answered.incrementAndGet();
                                counted.increment();
                            })
                            .onErrorResume(e -> Mono.empty()), properties.concurrency())
                    .take(properties.maxDuration())
                    .blockLast(properties.maxDuration().plusSeconds(10));
        } catch (RuntimeException e) {
            log.warn("The warm-up before readiness stopped early: {}", e.toString());
        }
        log.info("Warmed up before readiness: {} of {} requests answered in {} ms", answered.get(),
                properties.requests(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** What a reader's pages ask for, most of all the story list. */
    private static String path(int i) {
        return switch (i % 8) {
            case 0 -> "/api/resources/hotlines";
            case 1 -> "/api/challenge";
            case 2 -> "/api/stories";
            default -> "/api/stories?warm-up=" + i;
        };
    }
}
