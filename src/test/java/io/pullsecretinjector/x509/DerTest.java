package io.pullsecretinjector.x509;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DER is canonical: each encoding here is compared with BouncyCastle's, an independent implementation. */
class DerTest {

    @ParameterizedTest(name = "the OID {0} is encoded as BouncyCastle encodes it")
    @ValueSource(strings = {"1.2.840.10045.4.3.2", "2.5.29.19", "1.3.6.1.5.5.7.3.1", "2.999.1",
            "1.3.6.1.4.1.311.21.20", "1.2.840.113549.1.1.11", "0.0", "2.16.840.1.101.3.4.2.1"})
    void objectIdentifiers(String oid) throws IOException {
        assertThat(Der.objectIdentifier(oid)).isEqualTo(new ASN1ObjectIdentifier(oid).getEncoded(ASN1Encoding.DER));
    }

    @ParameterizedTest(name = "the integer {0} is encoded as BouncyCastle encodes it")
    @ValueSource(longs = {0, 1, 2, 127, 128, 255, 256, -1, -129, Long.MAX_VALUE})
    void integers(long value) throws IOException {
        assertThat(Der.integer(value)).isEqualTo(new ASN1Integer(value).getEncoded(ASN1Encoding.DER));
    }

    static Stream<Arguments> keyUsages() {
        return Stream.of(
                Arguments.of("digitalSignature", new int[] {0}, KeyUsage.digitalSignature),
                Arguments.of("keyCertSign and cRLSign", new int[] {5, 6}, KeyUsage.keyCertSign | KeyUsage.cRLSign),
                Arguments.of("keyEncipherment and digitalSignature", new int[] {2, 0},
                        KeyUsage.keyEncipherment | KeyUsage.digitalSignature),
                Arguments.of("encipherOnly's neighbour, cRLSign alone", new int[] {6}, KeyUsage.cRLSign));
    }

    @ParameterizedTest(name = "key usage {0} drops trailing zero bits as BouncyCastle does")
    @MethodSource("keyUsages")
    void namedBits(String name, int[] bits, int bouncyCastleUsage) throws IOException {
        assertThat(Der.namedBits(bits)).isEqualTo(new KeyUsage(bouncyCastleUsage).getEncoded(ASN1Encoding.DER));
    }

    @ParameterizedTest(name = "{0} is written as BouncyCastle writes a certificate time")
    @ValueSource(strings = {"2026-12-03T09:33:17Z", "2049-12-31T23:59:59Z", "2050-01-01T00:00:00Z",
            "1950-01-01T00:00:00Z", "1949-12-31T23:59:59Z", "2126-06-30T12:00:00Z"})
    void times(String instant) throws IOException {
        Instant time = Instant.parse(instant);
        assertThat(Der.time(time)).isEqualTo(new Time(Date.from(time), Locale.ROOT).getEncoded(ASN1Encoding.DER));
    }

    @ParameterizedTest(name = "content of {0} bytes keeps its length through an encode and a read")
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 1_000_000})
    void lengths(int size) throws IOException {
        byte[] content = new byte[size];
        if (size > 0) {
            content[size - 1] = 7;
        }
        byte[] encoded = Der.octetString(content);

        assertThat(encoded).isEqualTo(new DEROctetString(content).getEncoded());
        assertThat(Der.read(encoded).content()).isEqualTo(content);
    }

    @Test
    void aSequenceIsReadBackIntoItsElements() {
        byte[] sequence = Der.sequence(Der.integer(BigInteger.TEN), Der.booleanTrue(), Der.nullValue());

        assertThat(Der.read(sequence).children()).extracting(Der.Element::tag)
                .containsExactly(Der.INTEGER, Der.BOOLEAN, Der.NULL);
    }

    @Test
    void truncatedInputIsRefusedWithoutReadingPastIt() {
        byte[] sequence = Der.sequence(Der.octetString(new byte[300]));
        byte[] truncated = java.util.Arrays.copyOf(sequence, sequence.length - 1);

        assertThatThrownBy(() -> Der.read(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.read(new byte[] {0x30})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.read(new byte[] {0x30, (byte) 0x84, 1, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
