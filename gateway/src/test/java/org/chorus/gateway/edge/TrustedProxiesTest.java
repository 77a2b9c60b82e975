package org.chorus.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class TrustedProxiesTest {

    private static final InetSocketAddress LOAD_BALANCER = new InetSocketAddress("10.0.0.5", 40000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 40000);

    @Test
    void byDefaultTheConnectionsPeerIsTheClientAndForwardedHeadersAreDropped() {
        ServerHttpRequest request = apply(new ProxyProperties(0, List.of(), false), STRANGER,
                "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Host", "elsewhere.example", "X-Forwarded-Proto", "https",
                "Forwarded", "for=203.0.113.8;proto=https");

        assertThat(countedAs(request)).contains("198.51.100.9");
        assertThat(request.getURI().toString()).isEqualTo("http://chorus.example/api/stories");
        assertThat(request.getHeaders().headerNames()).noneMatch(name -> name.toLowerCase().contains("forwarded"));
    }

    @Test
    void behindOneProxyTheRightmostEntryIsTheClientWhateverTheClientWroteBeforeIt() {
        ProxyProperties oneHop = new ProxyProperties(1, List.of(), false);

        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "203.0.113.7"))).contains("203.0.113.7");
        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "192.0.2.1, 192.0.2.2, 203.0.113.7")))
                .contains("203.0.113.7");
        // a forged header of its own and the proxy's appended entry arrive as two header lines
        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "192.0.2.1", "X-Forwarded-For",
                "203.0.113.7"))).contains("203.0.113.7");
    }

    @Test
    void behindTwoProxiesTheSecondEntryFromTheRightIsTheClient() {
        ProxyProperties twoHops = new ProxyProperties(2, List.of(), false);

        assertThat(countedAs(apply(twoHops, LOAD_BALANCER, "X-Forwarded-For", "192.0.2.1, 203.0.113.7, 10.0.0.9")))
                .contains("203.0.113.7");
        // came in past the outer proxy: the one entry there is still a proxy's
        assertThat(countedAs(apply(twoHops, LOAD_BALANCER, "X-Forwarded-For", "203.0.113.7"))).contains("203.0.113.7");
    }

    @Test
    void withTrustedNetworksHeadersFromAnyOtherPeerAreIgnored() {
        ProxyProperties networks = new ProxyProperties(1, List.of("10.0.0.0/8", "fd00::/8"), false);

        assertThat(countedAs(apply(networks, LOAD_BALANCER, "X-Forwarded-For", "203.0.113.7"))).contains("203.0.113.7");
        assertThat(countedAs(apply(networks, STRANGER, "X-Forwarded-For", "203.0.113.7"))).contains("198.51.100.9");
        assertThat(countedAs(apply(networks, new InetSocketAddress("fd12::1", 4000), "X-Forwarded-For", "203.0.113.7")))
                .contains("203.0.113.7");
    }

    @Test
    void aTrustedProxyWithoutAnEntryLeavesThePeerAsTheClient() {
        assertThat(countedAs(apply(new ProxyProperties(1, List.of(), false), LOAD_BALANCER))).contains("10.0.0.5");
    }

    @Test
    void anUnreadableEntryLeavesTheClientUnknownNeverAShareOfACommonCount() {
        ProxyProperties oneHop = new ProxyProperties(1, List.of(), false);

        for (String unreadable : List.of("unknown", "_hidden", "localhost", "999.1.1.1", "1.2.3", "fe80::1%eth0",
                "[2001:db8::1", "example.org")) {
            assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", unreadable))).as(unreadable).isEmpty();
        }
    }

    @Test
    void ipv6IsCountedByItsSlash64AndWrittenOneWay() {
        ProxyProperties oneHop = new ProxyProperties(1, List.of(), false);

        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "2001:db8:1:2::7")))
                .contains("2001:db8:1:2:0:0:0:0/64");
        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "[2001:DB8:1:2:ffff:1:2:3]:4711")))
                .contains("2001:db8:1:2:0:0:0:0/64");
        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "2001:db8:1:3::7")))
                .contains("2001:db8:1:3:0:0:0:0/64");
        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "::ffff:203.0.113.7")))
                .contains("203.0.113.7");
        assertThat(countedAs(apply(oneHop, LOAD_BALANCER, "X-Forwarded-For", "203.0.113.7:4711"))).contains("203.0.113.7");
        assertThat(countedAs(apply(new ProxyProperties(0, List.of(), false), new InetSocketAddress("2001:db8::9", 1))))
                .contains("2001:db8:0:0:0:0:0:0/64");
    }

    @Test
    void schemeAndHostComeFromATrustedProxyOnly() {
        ServerHttpRequest trusted = apply(new ProxyProperties(1, List.of(), false), LOAD_BALANCER,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "chorus.example.org");
        assertThat(trusted.getURI().toString()).isEqualTo("https://chorus.example.org/api/stories");

        ServerHttpRequest untrusted = apply(new ProxyProperties(1, List.of("10.0.0.0/8"), false), STRANGER,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "chorus.example.org");
        assertThat(untrusted.getURI().toString()).isEqualTo("http://chorus.example/api/stories");
    }

    @Test
    void theTlsSettingMakesEveryRequestHttps() {
        ServerHttpRequest request = apply(new ProxyProperties(0, List.of(), true), STRANGER, "X-Forwarded-Proto", "http");

        assertThat(request.getURI().toString()).isEqualTo("https://chorus.example/api/stories");
    }

    @Test
    void settingsThatCannotWorkStopTheStart() {
        assertThatThrownBy(() -> new ProxyProperties(0, List.of("10.0.0.0/8"), false))
                .hasMessageContaining("chorus.edge.proxies.hops");
        assertThatThrownBy(() -> new ProxyProperties(1, List.of("10.0.0.0/33"), false))
                .hasMessageContaining("chorus.edge.proxies.networks");
        assertThatThrownBy(() -> new ProxyProperties(1, List.of("intranet"), false))
                .hasMessageContaining("chorus.edge.proxies.networks");
        assertThatThrownBy(() -> new ProxyProperties(-1, List.of(), false)).hasMessageContaining("hops");
    }

    private static ServerHttpRequest apply(ProxyProperties proxies, InetSocketAddress peer, String... headers) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("http://chorus.example/api/stories")
                .remoteAddress(peer);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new TrustedProxies(proxies).apply(request.build());
    }

    private static Optional<String> countedAs(ServerHttpRequest request) {
        return ClientAddress.of(request).map(ClientAddress::countingUnit);
    }
}
