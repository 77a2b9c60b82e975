package org.chorus.gateway.signin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that follows the authorization-code flow step by step, as a browser would, so each
 * redirect can be looked at. (The real browser test is StaffSignInIT in deploy/devstack.)
 */
final class Browserless {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    /**
     * A browser treats http://localhost as a secure context and sends Secure cookies to it (Keycloak sets them);
     * java.net's cookie store does not, so the flag is dropped on the way in.
     */
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL) {
        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> relaxed = new java.util.HashMap<>(headers);
            relaxed.replaceAll((name, values) -> name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(value -> value.replaceAll("(?i);\\s*Secure", "")).toList() : values);
            super.put(uri, relaxed);
        }
    };
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> get(String url, String... headers) {
        return send(request(url, headers).GET());
    }

    HttpResponse<String> post(String url, String... headers) {
        return send(request(url, headers).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(url, "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in through Keycloak's own login page; returns where the gateway sends the browser afterwards. */
    String signIn(String gateway, String user) {
        HttpResponse<String> toKeycloak = get(gateway + "/oauth2/authorization/keycloak");
        expect(toKeycloak, 302);
        HttpResponse<String> loginPage = get(location(toKeycloak));
        expect(loginPage, 200);
        HttpResponse<String> back = postForm(formAction(loginPage.body()),
                Map.of("username", user, "password", user, "credentialId", ""));
        expect(back, 302);
        HttpResponse<String> signedIn = get(location(back));
        expect(signedIn, 302);
        return location(signedIn);
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location")
                .map(location -> response.uri().resolve(location).toString())
                .orElseThrow(() -> new AssertionError("no Location in " + response.statusCode() + " from " + response.uri()));
    }

    static String formAction(String html) {
        Matcher matcher = FORM_ACTION.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no form on Keycloak's page");
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.uri() + " but got "
                    + response.statusCode() + " " + response.headers().map() + " " + response.body());
        }
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
