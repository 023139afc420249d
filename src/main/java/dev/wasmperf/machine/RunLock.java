package dev.wasmperf.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One suite run at a time on a machine: two at once would measure each other (and race for the same AOT artefacts and
 * reports). The lock is an OS file lock in the cache directory, so it covers every checkout on the machine and goes
 * away with the process that held it, however it ended. Who holds it is written to a file beside it ({@code <lock>.holder}):
 * closing any descriptor of a locked file releases a process's POSIX locks on it, so the lock file itself is never
 * read or written.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or refuses at once, naming the run that holds it.
     *
     * @param holder written beside the lock for whoever is refused ("pid 123, /work/main, since 06:20:11")
     */
    public static RunLock acquire(Path file, String holder) {
        try {
            Files.createDirectories(file.getParent());
            Path holderFile = file.resolveSibling(file.getFileName() + ".holder");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM already
            }
            if (lock == null) {
                channel.close();
                String other = Files.isRegularFile(holderFile) ? Files.readString(holderFile, StandardCharsets.UTF_8).strip() : "";
                throw new RunLockedException("Another suite run holds this machine (" + (other.isEmpty() ? "unknown holder" : other)
                        + "; lock file " + file + "). Two runs at once would measure each other, so this one stops. Wait for the other "
                        + "run to finish, or stop it; the lock goes away with its process.");
            }
            Files.writeString(holderFile, holder + "\n", StandardCharsets.UTF_8);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the suite's run lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the suite's run lock: " + e.getMessage(), e);
        }
    }

    /** Refused because another run holds the lock. */
    public static final class RunLockedException extends RuntimeException {
        RunLockedException(String message) {
            super(message);
        }
    }
}
