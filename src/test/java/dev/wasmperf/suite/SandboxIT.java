package dev.wasmperf.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox: every WebAssembly variant's own command line runs the sandbox probe (src/classifier/src/bin/sandbox-probe.rs)
 * in place of the classifier, with the suite's environment, a marker file in its working directory and a listening
 * loopback port within reach. The guest must reach none of the host's files or directories, write none, read no
 * environment variable and open no socket. A runtime's own virtual file system (Wasmer gives the guest an in-memory root)
 * is reported, not failed: the probe's listings and contents tell it from the host's. The clock and the random source
 * are reported too (WASI gives both; the classifier times its phases with the clock).
 */
@ExtendWith(SuiteExtension.class)
@DisplayName("Sandbox: no variant's command gives the guest the host's files, directories, environment or sockets")
class SandboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Variant> sandboxed(Suite suite) {
        return suite.selection().selected().stream().filter(variant -> variant.runtime().isWebAssembly());
    }

    @DisplayName("sandbox:")
    @ParameterizedTest(name = "{0} gives the guest none of the host's files, directories, environment or sockets", allowZeroInvocations = true)
    @MethodSource("sandboxed")
    void deniesTheGuest(Variant variant, Suite suite) throws IOException {
        PreparedVariant classifier = Availability.prepared(suite, variant);
        PreparedVariant probe = classifier.withModule(suite.setup().artefacts().sandboxProbe(), suite.setup().aot());
        Reporting.describe(suite, "Sandbox", "sandbox probe", classifier, "The variant's command line, running the sandbox probe instead of "
                + "the classifier, must give the guest none of the host's files or directories (read, listed or written), no environment "
                + "variable and no socket. A runtime's own virtual file system, the clock and the random source are reported. Native is "
                + "not a sandbox and is not probed.");
        Path workingDir = Path.of("").toAbsolutePath();
        String secret = "wps-sandbox-" + UUID.randomUUID();
        Path marker = workingDir.resolve(secret + ".txt");
        Path written = workingDir.resolve(secret + ".txt.written");
        RunResult run;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(marker, secret + "\n");
            run = suite.executor().run(probe.command(List.of(Integer.toString(listening.getLocalPort()), marker.getFileName().toString())),
                    null, suite.runTimeout());
        } finally {
            Files.deleteIfExists(marker);
        }
        boolean wroteOnHost = Files.deleteIfExists(written);
        Allure.addAttachment("probe output: " + variant, "application/json", run.stdout(), ".json");
        assertThat(run.exitedWith(0))
                .withFailMessage("%s: the sandbox probe did not run to its end, so nothing is known about what the guest is given.%n%s",
                        variant, run.describe())
                .isTrue();
        Map<String, JsonNode> probes = new LinkedHashMap<>();
        JSON.readTree(run.stdout().strip()).path("probes").forEach(p -> probes.put(p.path("name").asText(), p));
        assertThat(probes).withFailMessage("%s: the probe's output is not its JSON list of probes:%n%s", variant, run.describe())
                .containsKeys("read /etc/passwd", "list /", "read environment variables", "connect to a loopback TCP port");

        String passwd = Files.readAllLines(Path.of("/etc/passwd")).stream().findFirst().orElse("");
        Map<String, Boolean> host = new LinkedHashMap<>();
        host.put("read /etc/passwd", granted(probes, "read /etc/passwd") && detail(probes, "read /etc/passwd").equals(passwd));
        host.put("read a file in the working directory", granted(probes, "read a file in the working directory")
                && detail(probes, "read a file in the working directory").equals(secret));
        host.put("list the working directory", detail(probes, "list the working directory").contains(marker.getFileName().toString()));
        host.put("list the parent directory", workingDir.getParent() != null
                && listing(probes, "list the parent directory").contains(workingDir.getFileName().toString()));
        // A host root has /proc and /sys; the in-memory roots runtimes give guests have neither.
        host.put("list /", listing(probes, "list /").containsAll(List.of("proc", "sys")));
        host.put("create a file in the working directory", wroteOnHost);
        host.put("read environment variables", granted(probes, "read environment variables"));
        host.put("connect to a loopback TCP port", granted(probes, "connect to a loopback TCP port"));
        host.put("listen on a TCP port", granted(probes, "listen on a TCP port"));

        StringBuilder table = new StringBuilder();
        probes.forEach((name, p) -> table.append(String.format("%-40s %-24s %s%n", name, host.getOrDefault(name, false) ? "HOST ACCESS"
                : p.path("granted").asBoolean() ? (host.containsKey(name) ? "granted (not the host)" : "granted") : "denied", p.path("detail").asText())));
        List<String> leaks = new ArrayList<>();
        host.forEach((name, leaked) -> {
            if (leaked) {
                leaks.add(name + " (" + detail(probes, name) + ")");
            }
        });
        System.out.println("[wasm-perf-suite] sandbox: " + variant + ": " + (leaks.isEmpty() ? "no host access in " + host.size() + " probes" : "HOST ACCESS " + leaks));
        Allure.addAttachment("what the guest is given: " + variant, "text/plain", table.toString(), ".txt");
        assertThat(leaks)
                .withFailMessage("%s: the command line gives the guest the host's %s%ncommand: %s%nprobe results:%n%s"
                                + "What to do: find the runtime's flag or default that grants it (a mapped directory, inherited environment, "
                                + "a socket) and turn it off in matrix/Runtime.java's command line for %s.",
                        variant, leaks, probe.command().display(), table, variant.runtime())
                .isEmpty();
    }

    private static boolean granted(Map<String, JsonNode> probes, String name) {
        return probes.containsKey(name) && probes.get(name).path("granted").asBoolean();
    }

    private static String detail(Map<String, JsonNode> probes, String name) {
        return probes.containsKey(name) ? probes.get(name).path("detail").asText() : "";
    }

    /** The names a granted listing saw ("3 entries: a b c"). */
    private static List<String> listing(Map<String, JsonNode> probes, String name) {
        String detail = detail(probes, name);
        return granted(probes, name) && detail.contains(": ") ? List.of(detail.substring(detail.indexOf(": ") + 2).split(" ")) : List.of();
    }
}
