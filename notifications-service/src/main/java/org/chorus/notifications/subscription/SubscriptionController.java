package org.chorus.notifications.subscription;

import jakarta.validation.Valid;
import java.util.Map;
import org.chorus.web.InvalidInput;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The public, anonymous side of subscriptions (reached through the gateway at {@code /api/subscriptions/**}). No
 * session, no cookie, no CSRF token: the signed token in each link is the only credential, and it says only which
 * subscriber and what for. Answers are never cached.
 */
@RestController
@RequestMapping(MailLinks.API)
class SubscriptionController {

    /** The same words for every address, new, pending or confirmed. */
    static final Map<String, String> ACCEPTED = Map.of("message",
            "Thank you. If this address can receive mail, a message is on its way to it; "
                    + "follow the link in it to confirm.");

    private static final String ONE_CLICK_FIELD = "List-Unsubscribe";
    private static final String ONE_CLICK_VALUE = "One-Click";

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> subscribe(@Valid @RequestBody SubscriptionRequest request) {
        return subscriptions.subscribe(request).then(Mono.fromSupplier(() -> noStore(HttpStatus.ACCEPTED, ACCEPTED)));
    }

    /**
     * Following the mail link never confirms, whatever the request accepts: a mail scanner or a link preview that
     * fetches every URL in a mail (often with {@code Accept: *}{@code /*} or none) would otherwise confirm a
     * subscription someone else made. Every GET is sent to the site's page, which asks and then POSTs.
     */
    @GetMapping("/confirm")
    Mono<ResponseEntity<Void>> confirm(@RequestParam(required = false) String token) {
        return Mono.just(toPage("confirm", token));
    }

    @PostMapping("/confirm")
    Mono<ResponseEntity<SubscriptionPreferences>> confirmByPost(@RequestParam(required = false) String token) {
        return subscriptions.confirm(token).map(preferences -> noStore(HttpStatus.OK, preferences));
    }

    @GetMapping("/preferences")
    Mono<ResponseEntity<?>> preferences(@RequestParam(required = false) String token, ServerWebExchange exchange) {
        if (wantsPage(exchange)) {
            return Mono.just(toPage("preferences", token));
        }
        return subscriptions.preferences(token).map(preferences -> noStore(HttpStatus.OK, preferences));
    }

    @PutMapping(path = "/preferences", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<SubscriptionPreferences>> change(@RequestParam(required = false) String token,
                                                         @Valid @RequestBody PreferencesChange change) {
        return subscriptions.change(token, change).map(preferences -> noStore(HttpStatus.OK, preferences));
    }

    @PostMapping("/preferences/unsubscribe")
    Mono<ResponseEntity<Void>> unsubscribe(@RequestParam(required = false) String token) {
        return subscriptions.unsubscribe(token).then(Mono.fromSupplier(SubscriptionController::noContent));
    }

    /** Erases everything held about the address; the link stops working with it. */
    @DeleteMapping("/preferences")
    Mono<ResponseEntity<Void>> erase(@RequestParam(required = false) String token) {
        return subscriptions.erase(token).then(Mono.fromSupplier(SubscriptionController::noContent));
    }

    /**
     * RFC 8058 one-click unsubscribe: the mailbox provider POSTs {@code List-Unsubscribe=One-Click} as a form
     * (urlencoded or multipart) to the URL in the {@code List-Unsubscribe} header. A GET to that URL (a link
     * scanner, a preview) does nothing: there is no GET mapping.
     */
    @PostMapping(path = "/unsubscribe",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    Mono<ResponseEntity<Void>> unsubscribeInOneClick(@RequestParam(required = false) String token,
                                                     ServerWebExchange exchange) {
        Mono<String> urlEncoded = exchange.getFormData().mapNotNull(form -> form.getFirst(ONE_CLICK_FIELD));
        Mono<String> multipart = exchange.getMultipartData().mapNotNull(form ->
                form.getFirst(ONE_CLICK_FIELD) instanceof FormFieldPart field ? field.value() : null);
        return urlEncoded.switchIfEmpty(multipart)
                .filter(ONE_CLICK_VALUE::equals)
                .switchIfEmpty(Mono.error(() -> new InvalidInput(ONE_CLICK_FIELD, "must be " + ONE_CLICK_VALUE)))
                .then(subscriptions.unsubscribeInOneClick(token))
                .then(Mono.fromSupplier(SubscriptionController::noContent));
    }

    /** A browser says text/html outright; API clients and tests accept JSON or anything. */
    private static boolean wantsPage(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> MediaType.TEXT_HTML.equalsTypeAndSubtype(type));
    }

    /**
     * The token moves into the fragment, which browsers never send to a server, so from here on it sits in no URL
     * that a log or a Referer could carry. The page checks it when it calls the API.
     */
    private static ResponseEntity<Void> toPage(String action, String token) {
        String safe = token == null ? "" : token.replaceAll("[^A-Za-z0-9_.-]", "");
        return ResponseEntity.status(HttpStatus.SEE_OTHER).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.LOCATION, "/subscription.html#" + action + "=" + safe).build();
    }

    private static <T> ResponseEntity<T> noStore(HttpStatus status, T body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    private static ResponseEntity<Void> noContent() {
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }
}
