/**
 * X.509 certificates and PEM with the JDK alone: a DER encoder ({@link io.pullsecretinjector.x509.Der}), a
 * certificate builder ({@link io.pullsecretinjector.x509.CertificateBuilder}) and PEM reading and writing
 * ({@link io.pullsecretinjector.x509.PemCodec}). Pure functions, no I/O.
 *
 * <p>Hand-written on purpose, instead of BouncyCastle: with BouncyCastle's jars on the class path, Netty's
 * {@code JdkSslServerContext} instantiates {@code BouncyCastleProvider} when the first TLS context is built (its
 * private-key probe), whatever the application does. That loaded ~750 classes from a signed jar, which the AOT cache
 * cannot hold, and kept ~7 MB of provider services and jar-manifest entries on the heap of every replica, for code
 * that only runs once a year when {@code injector.tls.mode=managed} issues a certificate. README, "Memory".
 */
package io.pullsecretinjector.x509;
