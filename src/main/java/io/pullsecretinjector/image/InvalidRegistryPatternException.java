package io.pullsecretinjector.image;

/** A registry pattern the kubelet would ignore or that can never match an image; the message says why. */
public final class InvalidRegistryPatternException extends Exception {
    public InvalidRegistryPatternException(String message) {
        super(message, null, false, false);
    }
}
