package io.pullsecretinjector.image;

/**
 * {@code reference.ParseNormalizedNamed} from distribution/reference, step by step (image-matching.md §2), written as
 * character scans instead of regular expressions: image strings come from untrusted Pods, so parsing must stay linear
 * in their length and must never fail with anything but {@link InvalidImageReferenceException}.
 */
final class ReferenceParser {

    static final String DOCKER_HUB = "docker.io";
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String LOCALHOST = "localhost";
    private static final String OFFICIAL_REPOSITORY_PREFIX = "library/";
    /** {@code NameTotalLengthMax}; since distribution/reference v0.6.0 it counts the path only, not the domain. */
    private static final int MAX_PATH_LENGTH = 255;
    private static final int IMAGE_ID_LENGTH = 64;

    private ReferenceParser() {
    }

    static ImageReference parse(String image) throws InvalidImageReferenceException {
        if (image == null) {
            throw invalid("image reference is missing");
        }
        if (image.isEmpty()) {
            throw invalid("image reference is empty");
        }
        // The grammar is ASCII without spaces, so any other character fails somewhere below; refusing it first gives
        // a clearer message than the grammar step it would otherwise trip over.
        rejectCharactersOutsideGrammar(image);
        if (image.contains("://")) {
            throw invalid("image reference contains '://': image references have no URL scheme"
                    + " (write 'registry.example.com/app', not 'https://registry.example.com/app')");
        }
        if (isImageId(image)) {
            throw invalid("a string of 64 hexadecimal characters is an image ID, not an image reference");
        }

        // Step 2 (splitDockerDomain): which part is the registry.
        String domain = DOCKER_HUB;
        String remainder = image;
        int slash = image.indexOf('/');
        if (slash >= 0) {
            String first = image.substring(0, slash);
            if (isDomainCandidate(first)) {
                domain = first.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : first;
                remainder = image.substring(slash + 1);
            }
        }
        // Step 3: case-sensitive, so "Docker.io/nginx" keeps the path "nginx".
        if (domain.equals(DOCKER_HUB) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_REPOSITORY_PREFIX + remainder;
        }
        // Step 4: everything before the first ':' must be lower case (this can reach into a digest, as upstream does).
        int colon = remainder.indexOf(':');
        int remoteEnd = colon < 0 ? remainder.length() : colon;
        if (ReferenceGrammar.containsUppercase(remainder, 0, remoteEnd)) {
            throw invalid("repository name '" + quote(remainder.substring(0, remoteEnd)) + "' must be lowercase");
        }
        return parseGrammar(domain, remainder);
    }

    /** Step 5: {@code Parse(domain + "/" + remainder)} against the reference grammar. */
    private static ImageReference parseGrammar(String domain, String remainder) throws InvalidImageReferenceException {
        int pathEnd = ReferenceGrammar.endOfPath(remainder);
        String pathProblem = ReferenceGrammar.pathProblem(remainder, 0, pathEnd);
        if (pathProblem != null) {
            throw invalid(pathProblem);
        }
        String path = remainder.substring(0, pathEnd);

        String domainProblem = ReferenceGrammar.domainProblem(domain);
        if (domainProblem != null) {
            // The regexp's domain group is optional and tried first (leftmost-first). When the first component is
            // not a valid domain, the regexp matches the whole name as a path instead: "my_registry.com/foo" is
            // valid with an empty Domain() and path "my_registry.com/foo".
            if (!ReferenceGrammar.isPathComponent(domain)) {
                throw invalid(domainProblem);
            }
            path = domain + "/" + path;
            domain = "";
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw invalid("repository path must be at most " + MAX_PATH_LENGTH + " characters long, it has "
                    + path.length());
        }

        String tag = null;
        String digest = null;
        int at = pathEnd;
        if (at < remainder.length() && remainder.charAt(at) == ':') {
            int tagEnd = remainder.indexOf('@', at + 1);
            tagEnd = tagEnd < 0 ? remainder.length() : tagEnd;
            String tagProblem = ReferenceGrammar.tagProblem(remainder, at + 1, tagEnd);
            if (tagProblem != null) {
                throw invalid(tagProblem);
            }
            tag = remainder.substring(at + 1, tagEnd);
            at = tagEnd;
        }
        if (at < remainder.length()) {
            // Only '@' can be left here: the path stops at ':' or '@', and the tag at '@'.
            digest = remainder.substring(at + 1);
            String digestProblem = DigestRules.problem(digest);
            if (digestProblem != null) {
                throw invalid(digestProblem);
            }
        }
        return new ImageReference(domain, path, tag, digest);
    }

    /** The first component is a registry if it is localhost, contains '.' or ':', or has an uppercase letter. */
    private static boolean isDomainCandidate(String first) {
        return first.equals(LOCALHOST)
                || first.indexOf('.') >= 0
                || first.indexOf(':') >= 0
                || ReferenceGrammar.containsUppercase(first, 0, first.length());
    }

    /** Upstream rejects {@code ^[a-f0-9]{64}$} as an image ID; only the whole string counts. */
    private static boolean isImageId(String image) {
        if (image.length() != IMAGE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < image.length(); i++) {
            if (!ReferenceGrammar.isLowerHex(image.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void rejectCharactersOutsideGrammar(String image) throws InvalidImageReferenceException {
        for (int i = 0; i < image.length(); i++) {
            char c = image.charAt(i);
            if (c > ' ' && c < 0x7f) {
                continue;
            }
            String position = " at position " + (i + 1);
            if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw invalid("image reference contains whitespace" + position);
            }
            if (Character.isISOControl(c)) {
                throw invalid("image reference contains a control character" + position);
            }
            throw invalid("image reference contains the non-ASCII character " + String.format("U+%04X", (int) c)
                    + position);
        }
    }

    /** Quotes user input in messages without letting a 100k-character image flood a log line. */
    static String quote(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static InvalidImageReferenceException invalid(String message) {
        return new InvalidImageReferenceException(message);
    }
}
