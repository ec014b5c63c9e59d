package io.pullsecretinjector.image;

/**
 * What a digest must be for the kubelet to accept it. The reference regexp allows any {@code alg:hex{32,}} with
 * upper- or lowercase hex, but {@code digest.Parse} from opencontainers/go-digest then insists on an algorithm that is
 * registered in the binary (the kubelet links sha256 and sha512, which also provides sha384) and on the exact number of
 * lowercase hex characters for it. Only the three combinations below survive both checks.
 */
final class DigestRules {

    private DigestRules() {
    }

    /** {@code null} when {@code digest} (the text after '@') is acceptable, else why not. */
    static String problem(String digest) {
        if (digest.isEmpty()) {
            return "digest is empty";
        }
        int colon = digest.indexOf(':');
        if (colon < 0) {
            return "digest must look like 'sha256:<64 hexadecimal characters>'";
        }
        String algorithm = digest.substring(0, colon);
        int expectedLength = hexLength(algorithm);
        if (expectedLength < 0) {
            return "digest algorithm '" + ReferenceParser.quote(algorithm)
                    + "' is not supported: only sha256, sha384 and sha512 are";
        }
        int hexLength = digest.length() - colon - 1;
        for (int i = colon + 1; i < digest.length(); i++) {
            if (!ReferenceGrammar.isLowerHex(digest.charAt(i))) {
                return invalidHex(algorithm, expectedLength);
            }
        }
        return hexLength == expectedLength ? null : invalidHex(algorithm, expectedLength);
    }

    private static int hexLength(String algorithm) {
        return switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
    }

    private static String invalidHex(String algorithm, int expectedLength) {
        return "a " + algorithm + " digest needs exactly " + expectedLength
                + " lowercase hexadecimal characters after '" + algorithm + ":'";
    }
}
