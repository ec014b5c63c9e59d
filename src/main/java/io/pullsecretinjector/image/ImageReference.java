package io.pullsecretinjector.image;

/**
 * A container image reference, normalised exactly as the kubelet's {@code reference.ParseNormalizedNamed} does.
 *
 * @param domain registry host and optional port, e.g. {@code docker.io} or {@code localhost:5000}; empty only for
 *               the odd references the grammar reads as a bare path (e.g. {@code my_registry.com/foo})
 * @param path   repository path, e.g. {@code library/nginx}
 * @param tag    tag or {@code null}
 * @param digest digest ({@code sha256:...}) or {@code null}
 */
public record ImageReference(String domain, String path, String tag, String digest) {

    /**
     * Parses {@code image}; throws when the kubelet would refuse it ({@code InvalidImageName}). Runs in time linear in
     * the length of {@code image} and throws nothing but {@link InvalidImageReferenceException}, whatever the input.
     */
    public static ImageReference parse(String image) throws InvalidImageReferenceException {
        return ReferenceParser.parse(image);
    }

    /** The name the kubelet looks credentials up with: normalised, without tag or digest. */
    public String name() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }
}
