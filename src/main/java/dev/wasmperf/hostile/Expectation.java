package dev.wasmperf.hostile;

/** What a hostile case must end in, beyond the rule for every case (exit 0 with a result or exit 2 with a documented kind). */
public sealed interface Expectation {

    /** Any documented outcome: the mutation may or may not leave a readable image. */
    record Documented() implements Expectation {
        @Override
        public String toString() {
            return "a result or a documented error";
        }
    }

    /** Exactly this error kind: the mutation decides it (a cut file, a huge declared size, nested JSON). */
    record Kind(String kind) implements Expectation {
        @Override
        public String toString() {
            return "error kind '" + kind + "'";
        }
    }

    /** The same top list as the unmutated image: the mutation changed nothing the decoder reads (a trailer, a comment). */
    record SameAs(String origin) implements Expectation {
        @Override
        public String toString() {
            return "the same classification as " + origin;
        }
    }
}
