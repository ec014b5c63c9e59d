package io.pullsecretinjector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Real AdmissionReviews (the fixtures and the harness's payloads), every body of the bad-input corpus, and seeded
 * random mutants of the reviews: bytes replaced, inserted or deleted, ranges cut or repeated, with bytes that matter
 * to JSON (brackets, quotes, escapes, digits, letters of literals, control and non-ASCII bytes). For differential tests
 * of JSON readers: the same inputs go through two readers that must agree.
 */
public final class JsonMutants {

    private static final byte[] ALPHABET = {'{', '}', '[', ']', '"', ',', ':', '\\', ' ', '0', '1', '9', '-', '+', '.',
        'e', 'E', 't', 'r', 'u', 'n', 'l', 'f', 'a', 'x', '/', '*', '\'', '\t', '\n', '\r', '\f', 0x00, 0x1F, 0x7F,
        (byte) 0x80, (byte) 0xBF, (byte) 0xC3, (byte) 0xE2, (byte) 0xF0, (byte) 0xF8, (byte) 0xFF};

    private JsonMutants() {
    }

    /** One input: where it came from (for the test's name) and its bytes. */
    public record Sample(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The reviews, the bad-input corpus, and {@code perReview} mutants of each review (fewer for the large one). */
    public static Stream<Sample> samples(int perReview, long seed) {
        List<Sample> reviews = reviews();
        Random random = new Random(seed);
        List<Sample> all = new ArrayList<>(reviews);
        all.addAll(badInputs());
        for (Sample review : reviews) {
            int count = review.bytes().length > 50_000 ? Math.max(1, perReview / 10) : perReview;
            for (int i = 0; i < count; i++) {
                all.add(mutant(review, random, i));
            }
        }
        return all.stream();
    }

    private static Sample mutant(Sample review, Random random, int index) {
        byte[] b = review.bytes();
        int edits = 1 + random.nextInt(3);
        StringBuilder name = new StringBuilder(review.name()).append(" mutant ").append(index).append(':');
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = random.nextInt(b.length);
            byte c = ALPHABET[random.nextInt(ALPHABET.length)];
            switch (random.nextInt(5)) {
                case 0 -> {
                    b = b.clone();
                    b[at] = c;
                    name.append(" set ").append(at);
                }
                case 1 -> {
                    b = concat(Arrays.copyOfRange(b, 0, at), new byte[] {c}, Arrays.copyOfRange(b, at, b.length));
                    name.append(" insert ").append(at);
                }
                case 2 -> {
                    b = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, at + 1, b.length));
                    name.append(" delete ").append(at);
                }
                case 3 -> {
                    int to = Math.min(b.length, at + 1 + random.nextInt(20));
                    b = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, to, b.length));
                    name.append(" cut ").append(at).append('-').append(to);
                }
                default -> {
                    int to = Math.min(b.length, at + 1 + random.nextInt(20));
                    b = concat(Arrays.copyOfRange(b, 0, to), Arrays.copyOfRange(b, at, b.length));
                    name.append(" repeat ").append(at).append('-').append(to);
                }
            }
        }
        return new Sample(name.toString(), b);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static List<Sample> reviews() {
        List<Sample> reviews = new ArrayList<>();
        for (String payload : List.of("small", "typical", "large")) {
            reviews.add(new Sample("payloads/" + payload, resource("/payloads/" + payload + ".json")));
        }
        reviews.addAll(directory("/reviews"));
        return reviews;
    }

    private static List<Sample> badInputs() {
        return directory("/bad-input");
    }

    private static List<Sample> directory(String dir) {
        try (Stream<Path> files = Files.list(Path.of(JsonMutants.class.getResource(dir).toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> new Sample(dir.substring(1) + "/" + p.getFileName(), read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = JsonMutants.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
