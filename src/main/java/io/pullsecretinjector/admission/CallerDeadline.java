package io.pullsecretinjector.admission;

/**
 * When the caller stops waiting. The API server appends its remaining time to the webhook URL as {@code ?timeout=}, a
 * Go duration ({@code 10s}, {@code 9.5s}, {@code 1m30s}, {@code 250ms}). Counted from the moment the request reached
 * this process, it is a bound the caller's real deadline can only precede (the request spent some time on the way),
 * so a request found past it was abandoned for certain.
 *
 * <p>Go's format is parsed by hand: {@link java.time.Duration#parse} reads ISO-8601 only, and no library on the
 * class path reads Go durations.
 */
record CallerDeadline(long nanoTime) {

    /** No deadline: the parameter is absent or unreadable (an unreadable hint is never a reason to refuse work). */
    static final CallerDeadline NONE = new CallerDeadline(Long.MAX_VALUE);

    static CallerDeadline of(String timeout, long arrivedNanos) {
        long nanos = goDurationNanos(timeout);
        return nanos <= 0 ? NONE : new CallerDeadline(arrivedNanos + nanos);
    }

    boolean passed(long nowNanos) {
        return this != NONE && nowNanos - nanoTime > 0;
    }

    /** The duration in nanoseconds, or -1 when {@code text} is not a positive Go duration below ~290 years. */
    static long goDurationNanos(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return -1;
        }
        double total = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (i == start) {
                return -1;
            }
            double value;
            try {
                value = Double.parseDouble(text.substring(start, i));
            } catch (NumberFormatException e) {
                return -1;
            }
            int unitStart = i;
            while (i < n && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            double unit = unitNanos(text.substring(unitStart, i));
            if (unit < 0) {
                return -1;
            }
            total += value * unit;
        }
        return total >= 1 && total < Long.MAX_VALUE / 2 ? (long) total : -1;
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs", "μs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> -1;
        };
    }
}
