package io.pullsecretinjector.image;

import java.util.HashMap;
import java.util.Map;

/**
 * Values keyed by strings that are looked up by the prefixes (or suffixes) of a text. Only the key lengths in use are
 * tried, so a lookup costs one hash probe per distinct key length, however many keys there are, and never depends on
 * how long the text is beyond those lengths.
 *
 * @param <V> the value type
 */
final class AffixMap<V> {

    enum Side { PREFIX, SUFFIX }

    private final Side side;
    private final int[] keyLengths;
    private final Map<String, V> byKey;

    private AffixMap(Side side, int[] keyLengths, Map<String, V> byKey) {
        this.side = side;
        this.keyLengths = keyLengths;
        this.byKey = byKey;
    }

    static <V> AffixMap<V> of(Side side, Map<String, V> byKey) {
        int[] lengths = byKey.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
        return new AffixMap<>(side, lengths, new HashMap<>(byKey));
    }

    /** How many key lengths there are to try: call {@link #find} with 0 to {@code lengthCount() - 1}. */
    int lengthCount() {
        return keyLengths.length;
    }

    /** The value whose key is the prefix (suffix) of {@code text} of the {@code i}-th key length, or {@code null}. */
    V find(String text, int i) {
        int length = keyLengths[i];
        if (length > text.length()) {
            return null;
        }
        return byKey.get(side == Side.PREFIX ? text.substring(0, length) : text.substring(text.length() - length));
    }
}
