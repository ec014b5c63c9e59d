package io.pullsecretinjector.x509;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The few DER (ITU-T X.690) encodings an X.509 certificate and a PKCS#8 key need, each returning a whole
 * tag-length-value, plus a reader of one level of a structure. Only definite lengths, as DER requires.
 */
public final class Der {

    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** One element: tag, length, content. */
    public record Element(int tag, byte[] content) {

        /** The elements inside this constructed element, in order. */
        public List<Element> children() {
            return readAll(content);
        }
    }

    public static byte[] sequence(byte[]... elements) {
        return tagged(SEQUENCE, concat(elements));
    }

    public static byte[] integer(BigInteger value) {
        return tagged(INTEGER, value.toByteArray());
    }

    public static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    public static byte[] booleanTrue() {
        return new byte[] {BOOLEAN, 1, (byte) 0xFF};
    }

    public static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    public static byte[] octetString(byte[] content) {
        return tagged(OCTET_STRING, content);
    }

    /** A BIT STRING of whole bytes (keys, signatures). */
    public static byte[] bitString(byte[] content) {
        return tagged(BIT_STRING, concat(new byte[] {0}, content));
    }

    /**
     * A BIT STRING of named bits 0..7 (bit 0 is the most significant), trailing zero bits dropped as DER requires
     * for named-bit lists (RFC 5280 KeyUsage).
     */
    public static byte[] namedBits(int... bits) {
        int value = 0;
        int highest = -1;
        for (int bit : bits) {
            if (bit < 0 || bit > 7) {
                throw new IllegalArgumentException("named bit out of the first byte: " + bit);
            }
            value |= 0x80 >>> bit;
            highest = Math.max(highest, bit);
        }
        if (highest < 0) {
            return new byte[] {BIT_STRING, 1, 0};
        }
        return new byte[] {BIT_STRING, 2, (byte) (7 - highest), (byte) value};
    }

    public static byte[] objectIdentifier(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tagged(OBJECT_IDENTIFIER, out.toByteArray());
    }

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, UTC. */
    public static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        if (utc.getYear() >= 1950 && utc.getYear() < 2050) {
            return tagged(UTC_TIME, UTC_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tagged(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code [number] EXPLICIT}: the element wrapped in a constructed context-specific tag. */
    public static byte[] explicit(int number, byte[] element) {
        return tagged(0xA0 | number, element);
    }

    /** {@code [number] IMPLICIT} of a primitive type: the content under a context-specific tag. */
    public static byte[] implicitPrimitive(int number, byte[] content) {
        return tagged(0x80 | number, content);
    }

    public static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The one element that {@code der} holds, nothing after it. */
    public static Element read(byte[] der) {
        List<Element> elements = readAll(der);
        if (elements.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + elements.size());
        }
        return elements.get(0);
    }

    /** The elements one after another in {@code der} (single-byte tags, definite lengths). */
    public static List<Element> readAll(byte[] der) {
        List<Element> elements = new ArrayList<>();
        int at = 0;
        while (at < der.length) {
            int tag = der[at++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte DER tags are not used here");
            }
            if (at >= der.length) {
                throw new IllegalArgumentException("DER element without a length");
            }
            int length = der[at++] & 0xFF;
            if (length >= 0x80) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 3 || at + octets > der.length) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[at++] & 0xFF);
                }
            }
            if (length > der.length - at) {
                throw new IllegalArgumentException("DER element longer than its input");
            }
            byte[] content = new byte[length];
            System.arraycopy(der, at, content, 0, length);
            at += length;
            elements.add(new Element(tag, content));
        }
        return elements;
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
