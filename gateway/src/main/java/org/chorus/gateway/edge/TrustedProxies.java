package org.chorus.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Runs before anything else sees a request (as Spring's forwarded-header support would, so the session cookie, the
 * sign-in redirect URI, HSTS and the rate limit all see the same request). A request from a trusted proxy takes its
 * scheme and host from the forwarded headers and its client address from {@code X-Forwarded-For}, counted
 * {@link ProxyProperties#hops()} from the right; any other request loses those headers, and its connection's peer is
 * the client. Spring's own reading takes the leftmost {@code X-Forwarded-For} entry, which is whatever the client
 * wrote, and leaves it unresolved.
 * <p>
 * A client address that a trusted proxy wrote but that cannot be read is left unresolved, and whoever counts by
 * address refuses the request ({@link ClientAddress#of}) rather than counting it with others.
 */
final class TrustedProxies extends ForwardedHeaderTransformer {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final ProxyProperties proxies;
    private final List<IpAddresses.Network> networks;
    private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

    TrustedProxies(ProxyProperties proxies) {
        this.proxies = proxies;
        this.networks = proxies.networks().stream().map(IpAddresses::network).toList();
        remover.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (!trusted(peer)) {
            return behindTls(remover.apply(request));
        }
        InetSocketAddress client = client(request.getHeaders().get(X_FORWARDED_FOR), peer);
        return behindTls(super.apply(request).mutate().remoteAddress(client).build());
    }

    private boolean trusted(InetSocketAddress peer) {
        if (proxies.hops() == 0 || peer == null || peer.getAddress() == null) {
            return false;
        }
        return networks.isEmpty() || networks.stream().anyMatch(network -> network.contains(peer.getAddress()));
    }

    /**
     * The entry {@code hops} places from the right: each trusted proxy appended the address it saw, so everything
     * further left came from the client. Fewer entries than hops means the request entered behind the outer proxies,
     * and the leftmost entry is still one a trusted proxy wrote. No entry at all: the peer itself is the client.
     */
    private InetSocketAddress client(List<String> headers, InetSocketAddress peer) {
        List<String> entries = headers == null ? List.of() : headers.stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
        if (entries.isEmpty()) {
            return peer;
        }
        String entry = entries.get(Math.max(0, entries.size() - proxies.hops()));
        Optional<InetAddress> address = IpAddresses.parse(entry);
        return address.map(found -> new InetSocketAddress(found, 0))
                .orElseGet(() -> InetSocketAddress.createUnresolved("unreadable", 0));
    }

    private ServerHttpRequest behindTls(ServerHttpRequest request) {
        URI uri = request.getURI();
        if (!proxies.tls() || "https".equals(uri.getScheme())) {
            return request;
        }
        URI https = UriComponentsBuilder.fromUri(uri).scheme("https").port(uri.getPort() == 80 ? -1 : uri.getPort())
                .build(true).toUri();
        return request.mutate().uri(https).build();
    }
}
