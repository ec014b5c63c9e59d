package io.pullsecretinjector.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Map;

/** Evaluates label selectors the way the API server does, so tests can ask "which objects does this select?". */
final class LabelSelectors {

    private LabelSelectors() {
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
                if (!required.getValue().equals(labels.get(required.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!satisfies(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean satisfies(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
        };
    }
}
