package dev.wasmperf.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIsRefusedWithTheHolderNamedUntilTheFirstLetsGo() {
        Path file = dir.resolve("cache/suite-run.lock");
        try (RunLock first = RunLock.acquire(file, "pid 1, /work/main, since 06:20:11")) {
            assertThatThrownBy(() -> RunLock.acquire(file, "pid 2"))
                    .isInstanceOf(RunLock.RunLockedException.class)
                    .hasMessageContaining("Another suite run holds this machine (pid 1, /work/main, since 06:20:11")
                    .hasMessageContaining("would measure each other");
        }
        RunLock.acquire(file, "pid 2").close();
    }

    @Test
    void aLockHeldByAnotherProcessRefusesAndDiesWithIt() throws Exception {
        Path file = dir.resolve("suite-run.lock");
        Path holder = dir.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        channel.lock();
                        Files.writeString(Path.of(args[0] + ".holder"), "pid " + ProcessHandle.current().pid() + ", the other checkout");
                        System.out.println("locked");
                        System.in.read();
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, holder.toString(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream()));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> RunLock.acquire(file, "me"))
                    .isInstanceOf(RunLock.RunLockedException.class)
                    .hasMessageContaining("pid " + other.pid() + ", the other checkout");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        RunLock.acquire(file, "me").close();
    }
}
