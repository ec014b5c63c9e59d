package io.pullsecretinjector.certificates;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * How long managed certificates live and when they are renewed. Pure: the time is always passed in.
 * <ul>
 *   <li>{@code notBefore} one hour in the past, so a node whose clock is a little behind still accepts them;</li>
 *   <li>the CA lives two years, the serving certificate 90 days (short-lived: a leaked key expires soon);</li>
 *   <li>each is renewed at two thirds of its lifetime, leaving a third (eight months, thirty days) to notice and fix
 *       a renewal that keeps failing.</li>
 * </ul>
 */
public final class Lifetimes {

    public static final Duration BACKDATE = Duration.ofHours(1);
    public static final Duration CA_VALIDITY = Duration.ofDays(730);
    public static final Duration SERVING_VALIDITY = Duration.ofDays(90);

    private Lifetimes() {
    }

    /** The moment two thirds of the certificate's lifetime have passed. */
    public static Instant renewalTime(X509Certificate certificate) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Duration lifetime = Duration.between(notBefore, certificate.getNotAfter().toInstant());
        return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
    }

    public static boolean renewalDue(X509Certificate certificate, Instant now) {
        return !now.isBefore(renewalTime(certificate));
    }

    /**
     * Whether the certificate is past its {@code notAfter}. A {@code notBefore} in the future does not count: it
     * means another replica's clock is ahead, and replacing the certificate for that would make two replicas fight.
     */
    public static boolean expired(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotAfter().toInstant());
    }
}
