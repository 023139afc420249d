package dev.wasmperf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering README's "Layout" describes, checked on the sources: packages import each other without a cycle, the
 * statistics and the judgement do no I/O, and nothing in the harness keeps mutable static state.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src/main/java/dev/wasmperf");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.wasmperf\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern IO_IMPORT = Pattern.compile("^import java\\.(io|nio\\.file)\\.", Pattern.MULTILINE);
    private static final Pattern MUTABLE_STATIC = Pattern.compile("^\\s*(?:private |public |protected )?static (?!final)(?!class|record|enum|interface)"
            + "[\\w<>,.\\[\\] ]+ \\w+\\s*(?:=|;)", Pattern.MULTILINE);

    /** package -> the packages its classes import. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            Set<String> targets = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    targets.add(m.group(1));
                }
            }
        }
        return graph;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void packagesImportEachOtherWithoutACycle() throws IOException {
        Map<String, Set<String>> graph = imports();
        assertThat(graph).containsKeys("measure", "results", "judge", "report", "stats", "suite");
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            // A path back to the start through imports is a cycle; report each with the packages on it.
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        cycles.add(String.join(" -> ", path) + " -> " + start);
                    } else if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertThat(cycles).as("package cycles in %s", graph).isEmpty();
    }

    @Test
    void theLowerLayersDoNotReachUp() throws IOException {
        Map<String, Set<String>> graph = imports();
        assertThat(graph.get("stats")).as("stats imports").isSubsetOf(Set.of("format"));
        assertThat(graph.get("results")).as("results imports").doesNotContain("measure", "judge", "report", "suite", "cli");
        assertThat(graph.get("judge")).as("judge imports").doesNotContain("measure", "report", "suite", "cli", "execution");
        assertThat(graph.get("report")).as("report imports").doesNotContain("measure", "suite", "cli", "execution");
        assertThat(graph.get("measure")).as("measure imports").doesNotContain("judge", "report", "suite", "cli");
    }

    @Test
    void statisticsAndJudgementDoNoIo() throws IOException {
        for (Path file : sources()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            if (pkg.equals("stats") || pkg.equals("judge")) {
                assertThat(IO_IMPORT.matcher(Files.readString(file)).find()).as("%s imports java.io or java.nio.file", file).isFalse();
            }
        }
    }

    @Test
    void noMutableStaticState() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            Matcher m = MUTABLE_STATIC.matcher(Files.readString(file));
            while (m.find()) {
                found.add(SOURCES.relativize(file) + ": " + m.group().strip());
            }
        }
        assertThat(found).as("static fields that are not final").isEmpty();
    }
}
