package io.pullsecretinjector.image;

/** A rule and its position in the configuration, so matches found in any order can be put back in that order. */
record IndexedRule(int ordinal, RegistryRule rule) {
}
