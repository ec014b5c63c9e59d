package io.pullsecretinjector.config;

import java.util.List;

/** Thrown at start-up with every configuration problem found, one per line. */
public final class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(problems.size() + " configuration problem(s), fix them and start again:\n  - "
                + String.join("\n  - ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
