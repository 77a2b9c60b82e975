package org.chorus.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.chorus.gateway.edge.Problems;
import org.chorus.web.ManagementPort;
import org.chorus.web.RealmRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The edge. Staff sign in here (the gateway is their backend-for-frontend: Keycloak's tokens stay in the
 * server-side session, the browser holds only a cookie) or call {@code /api/admin/**} with a bearer token for
 * automation; each service checks the specific role again. Public paths pass through without a session.
 * Every response carries headers that keep pages from loading anything from another origin or leaking where a
 * reader came from; every refusal is problem+json.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Spring's WebSession cookie (also Spring Session's with Redis); this gateway does not rename it. */
    private static final String SESSION_COOKIE = "SESSION";
    /** Spring Security's CSRF cookie, which the portal's script reads. */
    private static final String CSRF_COOKIE = "XSRF-TOKEN";

    /** Where the session is what authenticates: only there can a forged cross-site write do harm. */
    private static final ServerWebExchangeMatcher SESSION_AUTHENTICATED =
            ServerWebExchangeMatchers.pathMatchers("/api/admin/**", "/api/me", "/logout");
    /** The public API without a credential: everything under /api but the staff paths, with no Authorization. */
    private static final ServerWebExchangeMatcher ANONYMOUS_PUBLIC_API = new AndServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers("/api/**"),
            new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/api/admin/**", "/api/me")),
            exchange -> exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                    ? MatchResult.notMatch() : MatchResult.match());
    /** Pages and calls of the staff portal, which need the CSRF token in a cookie the portal's script reads. */
    private static final ServerWebExchangeMatcher PORTAL =
            ServerWebExchangeMatchers.pathMatchers("/admin", "/admin/**", "/api/me");

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain security(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
                                    ManagementPort management, MeterRegistry meters) {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(new RealmRoles());
        CookieServerCsrfTokenRepository csrfCookie = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookie.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        ServerCsrfTokenRepository csrfTokens = secureBehindTls(csrfCookie);
        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // nobody is sent to a login page from an API call, so no request needs remembering in a session
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/api/admin/**", "/api/me").authenticated()
                        // metrics on the management port only; on the public port (development has no other) the
                        // actuator answers health and nothing else
                        .matchers(management).permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator", "/actuator/**").denyAll()
                        .anyExchange().permitAll())
                .oauth2Login(login -> login
                        .authorizationRequestResolver(pkce(registrations))
                        .authenticationSuccessHandler(counted(meters,
                                new RedirectServerAuthenticationSuccessHandler("/admin")))
                        .authenticationFailureHandler(counted(meters,
                                new RedirectServerAuthenticationFailureHandler("/admin?sign-in=failed"))))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        // the portal sends the cookie's value back in X-XSRF-TOKEN, as it is (no masking)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(cookieAuthenticatedWrite())
                        .accessDeniedHandler(forbidden()))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(endKeycloakSessionToo(registrations)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .headers(SecurityConfiguration::edgeHeaders)
                .build();
    }

    /**
     * The public's own API calls (reading, sharing, reporting, subscribing, searching) carry no credential, so they
     * take a chain of their own that does no work for one: no session looked up or made, no CSRF token, no sign-in
     * or token filters, only the same headers. A call with an Authorization header, or to a staff path, is not one
     * of them and goes through the whole chain below. On the read path this is CPU taken off every request.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain anonymousPublicApi(ServerHttpSecurity http) {
        return http
                .securityMatcher(ANONYMOUS_PUBLIC_API)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchange -> exchange.anyExchange().permitAll())
                .headers(SecurityConfiguration::edgeHeaders)
                .build();
    }

    /** What every answer carries, on both chains. */
    private static void edgeHeaders(ServerHttpSecurity.HeaderSpec headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.mode(Mode.DENY))
                .permissionsPolicy(permissions -> permissions.policy(
                        "geolocation=(), camera=(), microphone=(), interest-cohort=()"));
    }

    /**
     * Spring Security makes the CSRF token only when something asks for it. The portal's pages and {@code /api/me}
     * ask, so the cookie is there before the portal's first write; the public site never gets one.
     */
    @Bean
    WebFilter csrfCookieForThePortal() {
        return (exchange, chain) -> PORTAL.matches(exchange)
                .filter(MatchResult::isMatch)
                .flatMap(match -> exchange.<Mono<CsrfToken>>getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty()))
                .then(chain.filter(exchange));
    }

    /**
     * The CSRF cookie is Secure whenever the reader's connection is https, as the session cookie is. Spring's cookie
     * repository asks whether this connection is TLS, which it is not behind a TLS-terminating proxy; the request's
     * scheme says what the reader used (org.chorus.gateway.edge.TrustedProxies sets it from a trusted proxy).
     */
    private static ServerCsrfTokenRepository secureBehindTls(CookieServerCsrfTokenRepository cookies) {
        return new ServerCsrfTokenRepository() {
            @Override
            public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
                return cookies.generateToken(exchange);
            }

            @Override
            public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
                return cookies.saveToken(exchange, token).then(Mono.fromRunnable(() -> {
                    if ("https".equals(exchange.getRequest().getURI().getScheme())) {
                        exchange.getResponse().getCookies().computeIfPresent(CSRF_COOKIE, (name, written) ->
                                written.stream().map(cookie -> cookie.mutate().secure(true).build()).toList());
                    }
                }));
            }

            @Override
            public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
                return cookies.loadToken(exchange);
            }
        };
    }

    /** Authorization code with PKCE, although the gateway is a confidential client: a stolen code is then useless. */
    private static DefaultServerOAuth2AuthorizationRequestResolver pkce(ReactiveClientRegistrationRepository registrations) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    /**
     * A write needs the CSRF token when a session cookie is what authenticates it: unsafe methods on the staff
     * paths without a bearer token. Automation with a bearer token cannot be forged by another site, and the
     * public's anonymous writes (a story, a report, a subscription, a search) carry no credential at all.
     */
    private static ServerWebExchangeMatcher cookieAuthenticatedWrite() {
        return exchange -> {
            HttpMethod method = exchange.getRequest().getMethod();
            boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                    || HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method);
            // without the session cookie there is no ambient credential for a forged request to ride on: such a
            // request is simply unauthenticated and gets the 401 it deserves, not a CSRF 403
            boolean session = exchange.getRequest().getCookies().containsKey(SESSION_COOKIE);
            if (safe || bearerPresented(exchange) || !session) {
                return MatchResult.notMatch();
            }
            return SESSION_AUTHENTICATED.matches(exchange);
        };
    }

    /**
     * Staff sign-ins by outcome ({@code chorus_gateway_sign_ins_total}): a run of failures during a surge is a
     * moderator locked out, or someone trying moderators' accounts.
     */
    private static ServerAuthenticationSuccessHandler counted(MeterRegistry meters,
                                                              ServerAuthenticationSuccessHandler handler) {
        Counter signedIn = signIns(meters, "signed-in");
        return (exchange, authentication) -> {
            signedIn.increment();
            return handler.onAuthenticationSuccess(exchange, authentication);
        };
    }

    private static ServerAuthenticationFailureHandler counted(MeterRegistry meters,
                                                              ServerAuthenticationFailureHandler handler) {
        Counter failed = signIns(meters, "failed");
        return (exchange, error) -> {
            failed.increment();
            return handler.onAuthenticationFailure(exchange, error);
        };
    }

    private static Counter signIns(MeterRegistry meters, String outcome) {
        return Counter.builder("chorus.gateway.sign.ins").description("Staff sign-ins through Keycloak, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    /**
     * Sign-out ends the Keycloak session too. The portal posts to {@code /logout} from script (with the CSRF
     * header) and is told where to go next in JSON, because the page's CSP ({@code form-action 'self'}) would stop
     * a form from following a redirect to Keycloak; a plain form post still gets the redirect.
     */
    private static OidcClientInitiatedServerLogoutSuccessHandler endKeycloakSessionToo(
            ReactiveClientRegistrationRepository registrations) {
        OidcClientInitiatedServerLogoutSuccessHandler handler =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/admin");
        DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
        handler.setRedirectStrategy((exchange, location) -> {
            boolean script = exchange.getRequest().getHeaders().getAccept().contains(MediaType.APPLICATION_JSON);
            if (!script) {
                return redirect.sendRedirect(exchange, location);
            }
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            byte[] body = ("{\"signedOut\":true,\"location\":\"" + jsonString(location.toString()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        });
        return handler;
    }

    private static String jsonString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    bearerPresented(exchange) ? "Bearer error=\"invalid_token\"" : "Bearer");
            return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
                    "Sign in as a staff member, or send a valid staff token.");
        };
    }

    private static boolean bearerPresented(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static ServerAccessDeniedHandler forbidden() {
        return (exchange, denied) -> Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN,
                denied instanceof CsrfException
                        ? "This change needs the portal's CSRF token (header X-XSRF-TOKEN). Reload the portal and try again."
                        : "Your role does not allow this.");
    }
}
