// Runs a WASI (preview1) module in GraalWasm, Oracle's WebAssembly engine on Truffle, in this JVM (Java 21+):
//   graalwasm [--interpreter] <module.wasm> [guest args...]      graalwasm --version
// bin/graalwasm (written by ci/setup.sh) starts the JVM: with the Graal compiler on the upgrade module path and JVMCI on,
// Truffle compiles hot guest code to machine code (the jit variant); with --interpreter it runs without runtime
// compilation. The guest gets the process's stdin, stdout and stderr and its arguments, nothing else: the context allows
// no host I/O, so no directory, no environment, no sockets, like the suite's other runtimes. Its exit code becomes the
// process's.
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Manifest;

public final class GraalWasmRun {

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("graalwasm " + wasmLanguageVersion() + " (java " + System.getProperty("java.version") + ")");
            return;
        }
        int first = args.length > 0 && args[0].equals("--interpreter") ? 1 : 0;
        if (args.length <= first) {
            System.err.println("usage: graalwasm [--interpreter] <module.wasm> [guest args...]");
            System.exit(64);
        }
        Path module = Path.of(args[first]);
        String[] guestArgs = Arrays.copyOfRange(args, first, args.length);
        long loadStart = System.nanoTime();
        int exitCode = 0;
        // proc_exit ends the guest by a PolyglotException that says it is an exit, thrown by the call or by closing the context.
        try (Context context = Context.newBuilder("wasm").option("wasm.Builtins", "wasi_snapshot_preview1")
                .arguments("wasm", guestArgs).in(System.in).out(System.out).err(System.err).build()) {
            Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(module)), "main").build();
            Value instance = context.eval(source).newInstance();
            // The runner's own phase, for the report: parse, validate and instantiate. One line on stderr, before the
            // guest runs (as every runner of the suite's does it).
            System.err.println("{\"runner_us\":{\"module_load\":" + (System.nanoTime() - loadStart) / 1000 + "}}");
            instance.getMember("exports").getMember("_start").execute();
        } catch (PolyglotException e) {
            if (!e.isExit()) {
                throw e;
            }
            exitCode = e.getExitStatus();
        }
        System.out.flush();
        System.exit(exitCode);
    }

    /** The version of the wasm language jar this runs with, from its manifest (the engine calls a Maven build "Development Build"). */
    private static String wasmLanguageVersion() throws IOException {
        Module wasm = ModuleLayer.boot().findModule("org.graalvm.wasm").orElse(null);
        try (InputStream in = wasm == null ? null : wasm.getResourceAsStream("META-INF/MANIFEST.MF")) {
            return in == null ? "unknown" : new Manifest(in).getMainAttributes().getValue("Implementation-Version");
        }
    }
}
