package dev.headroom.load.scenario;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where load may go: loopback (127.0.0.0/8, ::1, {@code localhost}) and the hosts a scenario
 * lists in {@code allowedHosts} or the command line in {@code --allow-host}, exactly or as
 * {@code *.domain}. Names are never looked up to decide: a host is allowed by what is written,
 * so a typo cannot send load to a stranger.
 */
public final class HostPolicy {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostPolicy() {}

    /** Whether {@code host} (a name or an IP literal, IPv6 with or without brackets) is loopback as written. */
    public static boolean isLoopback(String host) {
        String h = strip(host).toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || h.contains(":")) {
            try {
                // An IP literal is parsed, never looked up.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    public static boolean isAllowed(String host, Collection<String> allowedHosts) {
        if (isLoopback(host)) {
            return true;
        }
        String h = strip(host).toLowerCase(Locale.ROOT);
        for (String a : allowedHosts) {
            String allowed = strip(a).toLowerCase(Locale.ROOT);
            if (allowed.equals(h) || (allowed.startsWith("*.") && h.endsWith(allowed.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isAllowed(URI uri, Collection<String> allowedHosts) {
        return uri.getHost() != null && isAllowed(uri.getHost(), allowedHosts);
    }

    /** The fix printed when a host is refused. */
    public static String howToAllow(String host) {
        String h = strip(host);
        return "Headroom sends load only to loopback and to hosts you list. If you mean to load " + h
                + ", add it to the scenario (allowedHosts: [" + h + "]) or pass --allow-host " + h;
    }

    private static String strip(String host) {
        String h = host.trim();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
