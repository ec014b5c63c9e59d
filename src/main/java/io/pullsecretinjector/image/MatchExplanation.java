package io.pullsecretinjector.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a registry pattern does or does not match an image, in the terms of {@link RegistryPattern#matches}: host
 * labels (count, glob, case), port, path prefix. For people reading an explanation, never for the decision itself;
 * a test holds it to the same answer as {@code matches} on every input.
 */
public final class MatchExplanation {

    private MatchExplanation() {
    }

    /**
     * The reasons {@code pattern} does not match {@code name} (an {@link ImageReference#name()}); empty exactly when
     * it matches.
     */
    public static List<String> whyNot(RegistryPattern pattern, String name) {
        LookupName target = LookupName.parse(name);
        if (target == null) {
            return List.of("\"" + name + "\" has no registry host an image reference can have");
        }
        List<String> reasons = new ArrayList<>(3);
        String host = pattern.hostToMatch();
        if (!HostGlob.matches(host, target.host())) {
            reasons.add(hostReason(host, target.host()));
        }
        if (!pattern.port().equals(target.port())) {
            reasons.add("port differs: the pattern has " + portText(pattern.port()) + ", the image has "
                    + portText(target.port()) + " (ports must be equal, no default port)");
        }
        if (!target.path().startsWith(pattern.path())) {
            reasons.add("path prefix differs: the image path \"" + target.path() + "\" does not start with \""
                    + pattern.path() + "\"");
        }
        return reasons;
    }

    /**
     * Whether {@code pattern} is close enough to {@code name} to be worth explaining when it does not match: its host
     * matches (so port or path differ), equals the image's host but for case, or ends in the same last two DNS labels
     * (the same registry domain, e.g. {@code registry.example.com} and {@code eu.registry.example.com}).
     */
    public static boolean near(RegistryPattern pattern, String name) {
        LookupName target = LookupName.parse(name);
        if (target == null) {
            return false;
        }
        String host = pattern.hostToMatch();
        return HostGlob.matches(host, target.host())
                || HostGlob.matches(host.toLowerCase(Locale.ROOT), target.host().toLowerCase(Locale.ROOT))
                || lastLabels(host).equals(lastLabels(target.host()));
    }

    private static String hostReason(String pattern, String host) {
        String[] patternLabels = pattern.split("\\.", -1);
        String[] hostLabels = host.split("\\.", -1);
        if (patternLabels.length != hostLabels.length) {
            return "label count differs: the pattern host \"" + pattern + "\" has " + patternLabels.length
                    + " DNS label(s), the image host \"" + host + "\" has " + hostLabels.length
                    + " (\"*\" matches within one label)";
        }
        if (HostGlob.matches(pattern.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT))) {
            return "host differs in case: \"" + pattern + "\" and \"" + host + "\" (hosts compare case-sensitively)";
        }
        for (int i = 0; i < patternLabels.length; i++) {
            String p = patternLabels[i];
            String h = hostLabels[i];
            if (!HostGlob.labelMatches(p, 0, p.length(), h, 0, h.length())) {
                return "host differs: label \"" + p + "\" of the pattern does not match \"" + h
                        + "\" of the image host \"" + host + "\"";
            }
        }
        return "host differs: \"" + pattern + "\" does not match \"" + host + "\"";
    }

    private static String portText(String port) {
        return port.isEmpty() ? "no port" : "port " + port;
    }

    /** The last two DNS labels, lower case: what "the same registry domain" means here. */
    private static String lastLabels(String host) {
        int last = host.lastIndexOf('.');
        int secondLast = last <= 0 ? -1 : host.lastIndexOf('.', last - 1);
        return host.substring(secondLast + 1).toLowerCase(Locale.ROOT);
    }
}
