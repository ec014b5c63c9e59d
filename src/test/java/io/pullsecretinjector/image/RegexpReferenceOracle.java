package io.pullsecretinjector.image;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, independent implementation of {@code ParseNormalizedNamed} for tests only: the regular expressions of
 * distribution/reference {@code regexp.go} transcribed production by production, {@code splitDockerDomain} from
 * {@code normalize.go}, and go-digest's algorithm and length checks. Java's backtracking matcher picks the same
 * submatches as Go's leftmost-first semantics for a fully anchored match. Only safe on short, trusted inputs, which is
 * why production code does not work this way.
 */
final class RegexpReferenceOracle {

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String OPTIONAL_PORT = "(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
    private static final String IPV6_ADDRESS = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String DOMAIN_NAME = DOMAIN_NAME_COMPONENT + "(?:\\." + DOMAIN_NAME_COMPONENT + ")*";
    private static final String HOST = "(?:" + DOMAIN_NAME + "|" + IPV6_ADDRESS + ")";
    private static final String DOMAIN_AND_PORT = HOST + OPTIONAL_PORT;
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + REMOTE_NAME;

    private static final Pattern REFERENCE = Pattern.compile("^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final Pattern ANCHORED_NAME = Pattern.compile("^(?:(" + DOMAIN_AND_PORT + ")/)?(" + REMOTE_NAME + ")$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");

    private RegexpReferenceOracle() {
    }

    static Optional<ImageReference> parse(String s) {
        if (IDENTIFIER.matcher(s).matches()) {
            return Optional.empty();
        }
        String domain;
        String remainder;
        int slash = s.indexOf('/');
        if (slash < 0) {
            domain = "docker.io";
            remainder = "library/" + s;
        } else {
            String maybeDomain = s.substring(0, slash);
            String maybeRemainder = s.substring(slash + 1);
            if (maybeDomain.equals("localhost") || maybeDomain.contains(".") || maybeDomain.contains(":")
                    || !maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
                domain = maybeDomain.equals("index.docker.io") ? "docker.io" : maybeDomain;
                remainder = maybeRemainder;
            } else {
                domain = "docker.io";
                remainder = s;
            }
            if (domain.equals("docker.io") && !remainder.contains("/")) {
                remainder = "library/" + remainder;
            }
        }
        int colon = remainder.indexOf(':');
        String remote = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            return Optional.empty();
        }
        Matcher reference = REFERENCE.matcher(domain + "/" + remainder);
        if (!reference.matches()) {
            return Optional.empty();
        }
        Matcher name = ANCHORED_NAME.matcher(reference.group(1));
        if (!name.matches()) {
            throw new AssertionError("the name group always matches the name pattern");
        }
        String parsedDomain = name.group(1) == null ? "" : name.group(1);
        String path = name.group(2);
        if (path.length() > 255) {
            return Optional.empty();
        }
        String digest = reference.group(3);
        if (digest != null && !isSupportedDigest(digest)) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(parsedDomain, path, reference.group(2), digest));
    }

    private static boolean isSupportedDigest(String digest) {
        return digest.matches("sha256:[a-f0-9]{64}") || digest.matches("sha384:[a-f0-9]{96}")
                || digest.matches("sha512:[a-f0-9]{128}");
    }
}
