package org.chorus.gateway.signin;

import java.time.Duration;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Anyone can start a sign-in, and each start makes a session (it holds the PKCE verifier and state until Keycloak
 * sends the browser back). Such a pending session lives {@link SignInProperties#pendingSessionTimeout()}, so a flood
 * of starts cannot fill the session store for long (in memory it holds 10,000 and then refuses new ones, staff's
 * included); once the staff member is signed in, the session gets back the life a staff session has.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PendingSignIns implements WebFilter {

    private static final String SIGNED_IN =
            WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;
    /** The life the session had before it was shortened, given back at sign-in. */
    private static final String SIGNED_IN_IDLE = PendingSignIns.class.getName() + ".signed-in-idle";

    private final Duration pending;

    PendingSignIns(SignInProperties properties) {
        this.pending = properties.pendingSessionTimeout();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/code/")) {
            // before the session resolves, so this runs ahead of the session's own save when the answer goes out
            exchange.getResponse().beforeCommit(() -> exchange.getSession().doOnNext(this::settle).then());
        }
        return chain.filter(exchange);
    }

    private void settle(WebSession session) {
        Map<String, Object> attributes = session.getAttributes();
        if (attributes.isEmpty()) {
            // nothing was kept for this request: no session to make
            return;
        }
        if (attributes.containsKey(SIGNED_IN)) {
            Object idle = attributes.remove(SIGNED_IN_IDLE);
            if (idle instanceof Duration signedIn) {
                session.setMaxIdleTime(signedIn);
            }
        } else if (!attributes.containsKey(SIGNED_IN_IDLE)) {
            attributes.put(SIGNED_IN_IDLE, session.getMaxIdleTime());
            session.setMaxIdleTime(pending);
        }
    }
}
