package dev.wasmperf.container;

import dev.wasmperf.execution.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerImagesTest {

    @Test
    void lddOutputGivesEveryLibraryAndTheLoaderButNotTheVdso() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffc2b5f2000)
                \tlibgcc_s.so.1 => /lib/x86_64-linux-gnu/libgcc_s.so.1 (0x00007f0d2c9a0000)
                \tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f0d2c8c1000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0d2c6e0000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f0d2ca20000)
                """;
        assertThat(ContainerImages.parseLdd(ldd)).containsExactly(
                Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Path.of("/lib/x86_64-linux-gnu/libgcc_s.so.1"),
                Path.of("/lib/x86_64-linux-gnu/libm.so.6"), Path.of("/lib64/ld-linux-x86-64.so.2"));
    }

    @Test
    void aStaticBinaryNeedsNoLibraries() {
        assertThat(ContainerImages.parseLdd("\tnot a dynamic executable\n")).isEmpty();
    }

    @Test
    void theNativeClassifierNeedsGlibcFromThisHost() {
        Path binary = Path.of("/bin/true");
        assertThat(ContainerImages.libraries(binary)).anySatisfy(lib -> assertThat(lib.getFileName().toString()).startsWith("libc.so"));
    }

    @Test
    void filesTheCommandNamesGoToFixedPathsWhereverTheyLiveOnTheHost(@TempDir Path underTmp) throws IOException {
        // @TempDir lives under /tmp, which the container's tmpfs hides: the image must not keep that path.
        Path runtime = Files.writeString(underTmp.resolve("wasmtime"), "binary");
        Path module = Files.writeString(Files.createDirectories(underTmp.resolve("checkout/target")).resolve("m.wasm"), "module");
        Command command = Command.of(runtime.toString(), "run", "-C", "cache=n", module.toString(), "/no/such/file");

        ContainerImages.Placement placement = ContainerImages.place(command, List.of());

        assertThat(placement.command().argv()).containsExactly("/opt/wps/wasmtime", "run", "-C", "cache=n", "/opt/wps/m.wasm",
                "/no/such/file");
        assertThat(placement.files()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Path.of("/opt/wps/wasmtime"), runtime, Path.of("/opt/wps/m.wasm"), module));
        assertThat(placement.files().keySet()).noneMatch(p -> p.startsWith("/tmp"));
    }

    @Test
    void twoFilesOfOneNameGetTwoPaths(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("m.wasm"), "a");
        Path b = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("m.wasm"), "b");

        ContainerImages.Placement placement = ContainerImages.place(Command.of("/bin/true", a.toString(), b.toString()), List.of());

        assertThat(placement.command().argv()).containsExactly("/opt/wps/true", "/opt/wps/m.wasm", "/opt/wps/2-m.wasm");
        assertThat(placement.files()).containsEntry(Path.of("/opt/wps/m.wasm"), a).containsEntry(Path.of("/opt/wps/2-m.wasm"), b);
    }

    @Test
    void systemLibrariesKeepTheirPathsOthersMoveUnderOptWithTheLoaderPointedThere(@TempDir Path cache) throws IOException {
        Path own = Files.writeString(cache.resolve("libwasmer.so"), "lib");
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");

        ContainerImages.Placement placement = ContainerImages.place(Command.of("/bin/true"), List.of(libc, own));

        assertThat(placement.files()).containsEntry(libc, libc).containsEntry(Path.of("/opt/wps/lib/libwasmer.so"), own);
        assertThat(placement.command().environment()).containsEntry("LD_LIBRARY_PATH", "/opt/wps/lib");
    }

    @Test
    void systemLibrariesAloneNeedNoLoaderPath() {
        ContainerImages.Placement placement = ContainerImages.place(Command.of("/bin/true"),
                List.of(Path.of("/lib64/ld-linux-x86-64.so.2")));

        assertThat(placement.command().environment()).doesNotContainKey("LD_LIBRARY_PATH");
    }
}
