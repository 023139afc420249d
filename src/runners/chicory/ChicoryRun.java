// Runs a WASI (preview1) module in Chicory, a WebAssembly runtime in pure Java, in this JVM:
//   chicory [--interpreter] <module.wasm> [guest args...]      chicory --version
// By default Chicory's compiler turns every function into JVM bytecode when the module is instantiated (HotSpot then
// compiles the hot ones); --interpreter runs Chicory's interpreter instead. The guest gets the process's stdin, stdout
// and stderr and its arguments, nothing else: no environment, no preopened directory, like the suite's other runtimes.
// Its exit code becomes the process's. ci/setup.sh compiles this file against the pinned Chicory jars.
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

public final class ChicoryRun {

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("chicory " + chicoryVersion() + " (java " + System.getProperty("java.version") + ")");
            return;
        }
        boolean interpreter = args.length > 0 && args[0].equals("--interpreter");
        int first = interpreter ? 1 : 0;
        if (args.length <= first) {
            System.err.println("usage: chicory [--interpreter] <module.wasm> [guest args...]");
            System.exit(64);
        }
        Path module = Path.of(args[first]);
        List<String> guestArgs = new ArrayList<>(Arrays.asList(args).subList(first, args.length));

        long loadStart = System.nanoTime();
        WasmModule parsed = Parser.parse(module);
        WasiOptions options = WasiOptions.builder().withStdin(System.in).withStdout(System.out).withStderr(System.err)
                .withArguments(guestArgs).build();
        int exitCode = 0;
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            Instance.Builder builder = Instance.builder(parsed)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withStart(false);
            if (!interpreter) {
                // FAIL: a function the compiler cannot translate must not be interpreted silently under the compiler's name.
                builder.withMachineFactory(MachineFactoryCompiler.builder(parsed).withInterpreterFallback(InterpreterFallback.FAIL).compile());
            }
            Instance instance = builder.build();
            // The runner's own phase, for the report: parse, compile (to bytecode) and instantiate. One line on stderr,
            // before the guest runs (as every runner of the suite's does it).
            System.err.println("{\"runner_us\":{\"module_load\":" + (System.nanoTime() - loadStart) / 1000 + "}}");
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            exitCode = e.exitCode();
        }
        System.out.flush();
        System.exit(exitCode);
    }

    /** The version of the Chicory jar this runs with, from the Maven metadata inside it. */
    private static String chicoryVersion() throws IOException {
        try (InputStream in = Instance.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }
}
