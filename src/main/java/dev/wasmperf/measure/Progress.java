package dev.wasmperf.measure;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A console line for a long phase, about every 15 seconds: the item it is on, of how many, and an estimate of what is
 * left from the mean time of the items done ("instructions: count 12/40, ~95 s left"). Enough to see a CI log move
 * without flooding it; a phase that ends within 15 seconds prints nothing.
 */
public final class Progress {

    private static final long INTERVAL_NANOS = 15_000_000_000L;

    private final String phase;
    private final String item;
    private final int total;
    private final Consumer<String> out;
    private final long started = System.nanoTime();
    private long lastLine = started;
    private int begun;

    /** Lines go to the console with the suite's prefix. */
    public Progress(String phase, String item, int total) {
        this(phase, item, total, line -> System.out.println("[wasm-perf-suite] " + line));
    }

    Progress(String phase, String item, int total, Consumer<String> out) {
        this.phase = phase;
        this.item = item;
        this.total = total;
        this.out = out;
    }

    /** The next item starts; the ones before it are done. */
    public synchronized void next() {
        next(System.nanoTime());
    }

    synchronized void next(long now) {
        int done = begun;
        begun++;
        if (done > 0 && now - lastLine >= INTERVAL_NANOS) {
            double left = (now - started) / 1e9 / done * (total - done);
            out.accept(String.format(Locale.ROOT, "%s: %s %d/%d, ~%.0f s left", phase, item, begun, total, left));
            lastLine = now;
        }
    }
}
