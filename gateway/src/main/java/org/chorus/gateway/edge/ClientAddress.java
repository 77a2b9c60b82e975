package org.chorus.gateway.edge;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client a request is counted as: its address as {@link TrustedProxies} settled it, reduced to one counting unit
 * (an IPv4 address, an IPv6 /64). Used in memory only, never logged or stored.
 */
public record ClientAddress(String countingUnit) {

    /** Empty when the request's client cannot be told: such a request must be refused, not counted with others. */
    public static Optional<ClientAddress> of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return Optional.empty();
        }
        return Optional.of(new ClientAddress(IpAddresses.countingUnit(remote.getAddress())));
    }

    @Override
    public String toString() {
        return "ClientAddress[hidden]";
    }
}
