package dev.wasmperf.container;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
}
