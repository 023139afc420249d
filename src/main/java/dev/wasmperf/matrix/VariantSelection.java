package dev.wasmperf.matrix;

import dev.wasmperf.config.ConfigException;
import dev.wasmperf.config.SuiteConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which variants this suite run covers ({@code variants}) and which of them must not be skipped ({@code variants.required}).
 */
public record VariantSelection(List<Variant> selected, Set<Variant> required) {

    public static final String KEY = "variants";
    public static final String REQUIRED_KEY = "variants.required";

    public VariantSelection {
        selected = List.copyOf(selected);
        required = Set.copyOf(required);
    }

    /** A named selection is {@code variants.set.<name>} in suite.properties: {@code quick} (the default) and {@code field} (CI's). */
    public static final String SET_PREFIX = "variants.set.";

    public static VariantSelection from(SuiteConfig config) {
        return of(withSetsExpanded(config, config.list(KEY)), withSetsExpanded(config, config.list(REQUIRED_KEY)));
    }

    /** Each name of a set replaced by the set's names and groups (one level: a set does not name another). */
    public static List<String> withSetsExpanded(SuiteConfig config, List<String> ids) {
        List<String> expanded = new ArrayList<>();
        for (String id : ids) {
            String setKey = SET_PREFIX + id.toLowerCase(java.util.Locale.ROOT);
            if (config.find(setKey).isPresent()) {
                expanded.addAll(config.list(setKey));
            } else {
                expanded.add(id);
            }
        }
        return expanded;
    }

    public static VariantSelection of(List<String> selectedIds, List<String> requiredIds) {
        List<Variant> selected = parse(selectedIds, KEY);
        if (selected.isEmpty()) {
            throw new ConfigException("No variant selected: '" + KEY + "' is empty. Set -D" + KEY + "=<comma-separated names> "
                    + "with names from: " + Variant.validIds() + " (or remove the override to run all of them).");
        }
        List<Variant> required = parse(requiredIds, REQUIRED_KEY);
        List<Variant> notSelected = required.stream().filter(v -> !selected.contains(v)).toList();
        if (!notSelected.isEmpty()) {
            throw new ConfigException("Variants " + Variant.ids(notSelected) + " are required (" + REQUIRED_KEY + "="
                    + Variant.ids(required) + ") but not selected (" + KEY + "=" + Variant.ids(selected) + "). "
                    + "Add them to -D" + KEY + " or drop them from -D" + REQUIRED_KEY + ".");
        }
        return new VariantSelection(selected, new LinkedHashSet<>(required));
    }

    public boolean isRequired(Variant variant) {
        return required.contains(variant);
    }

    /**
     * Names, or groups: {@code all}, a mode ({@code native}, {@code jit}, {@code aot}), a runtime or compiler
     * ({@code wasmtime}, {@code winch}), or a pattern with {@code *} ({@code wasmtime-*}).
     */
    private static List<Variant> parse(List<String> ids, String key) {
        Set<Variant> variants = new LinkedHashSet<>();
        for (String id : ids) {
            List<Variant> matched = matching(id.toLowerCase(java.util.Locale.ROOT));
            if (matched.isEmpty()) {
                throw new ConfigException("Unknown variant '" + id + "' in " + key + " (-D" + key + "=... or " + SuiteConfig.SOURCE_FILE
                        + "). Valid variants: " + Variant.validIds() + "; groups: all, jit, aot, interp, a runtime ("
                        + java.util.Arrays.stream(Runtime.values()).filter(Runtime::isWebAssembly).map(Runtime::id)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "), a compiler (" + Compiler.validIds() + "), a pattern such as wasmtime-*, or a set of "
                        + SuiteConfig.SOURCE_FILE + " (" + SET_PREFIX + "<name>: quick, field).");
            }
            variants.addAll(matched);
        }
        return new ArrayList<>(variants);
    }

    private static List<Variant> matching(String name) {
        java.util.Optional<Variant> exact = Variant.byId(name);
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        java.util.regex.Pattern glob = java.util.regex.Pattern.compile(
                java.util.Arrays.stream(name.split("\\*", -1)).map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*")));
        return java.util.Arrays.stream(Variant.values()).filter(v -> name.equals("all") || name.equals(v.mode().id())
                || name.equals(v.runtime().id()) || name.equals(v.compiler().id())
                || (name.contains("*") && glob.matcher(v.id()).matches())).toList();
    }
}
