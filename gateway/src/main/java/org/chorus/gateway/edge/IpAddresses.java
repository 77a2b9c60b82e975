package org.chorus.gateway.edge;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Address literals as proxies write them, read without ever asking DNS ({@code InetAddress.getByName} would look a
 * name up, so what is not a literal is refused first), and the counting unit of an address.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** A network and the number of leading bits that must match. */
    record Network(byte[] address, int prefix) {
        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != address.length) {
                return false;
            }
            int whole = prefix / 8;
            if (!Arrays.equals(bytes, 0, whole, address, 0, whole)) {
                return false;
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (bytes[whole] & mask) == (address[whole] & mask);
        }
    }

    /**
     * One {@code X-Forwarded-For} entry: {@code 203.0.113.7}, {@code 203.0.113.7:4711}, {@code 2001:db8::7} or
     * {@code [2001:db8::7]:4711}. Anything else ({@code unknown}, an obfuscated name, a host name) is empty.
     */
    static Optional<InetAddress> parse(String entry) {
        String text = entry.trim();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0 || !(end == text.length() - 1 || text.charAt(end + 1) == ':')) {
                return Optional.empty();
            }
            return ipv6(text.substring(1, end));
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            // an IPv4 address with a port
            return ipv4(text.substring(0, colon));
        }
        return colon >= 0 ? ipv6(text) : ipv4(text);
    }

    static Network network(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        InetAddress parsed = (address.contains(":") ? ipv6(address) : ipv4(address)).orElseThrow(() ->
                new IllegalArgumentException("chorus.edge.proxies.networks: " + cidr + " is not an address or CIDR"));
        int bits = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("chorus.edge.proxies.networks: " + cidr + " has no valid prefix length");
        }
        return new Network(parsed.getAddress(), prefix);
    }

    /**
     * What one client is counted as. An IPv4 address is one client. For IPv6 it is the /64: a home or phone
     * connection is normally given a whole /64 and may pick any address in it (privacy addresses change daily), so
     * counting single addresses would give one person 2^64 fresh counts; the /64 is what a subscriber holds.
     */
    static String countingUnit(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    private static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return byAddress(bytes);
    }

    private static Optional<InetAddress> ipv6(String text) {
        // only hex digits, colons and the dots of an embedded IPv4 tail: getByName then reads a literal and never
        // looks anything up; a zone (%eth0) names an interface of the sender, not an address
        if (text.length() < 2 || text.length() > 45 || !text.contains(":")
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            // an IPv4-mapped address (::ffff:203.0.113.7) comes back as the IPv4 address it is
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(Inet4Address.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
