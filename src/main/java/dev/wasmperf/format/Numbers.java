package dev.wasmperf.format;

import java.util.Locale;

/** The one way numbers are printed, in messages, tables and charts alike: same digits everywhere a value appears. */
public final class Numbers {

    private Numbers() {
    }

    /** About four significant digits at any magnitude; large values (bytes, KiB, instructions) with thousands separators. */
    public static String value(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        String format = magnitude >= 1000 ? "%,.0f" : magnitude >= 100 ? "%.1f" : magnitude >= 10 ? "%.2f"
                : magnitude >= 1 || magnitude == 0 ? "%.3f" : "%.3g";
        return String.format(Locale.ROOT, format, value);
    }

    /** A value with a fixed number of decimals, for ratios ("11.69") and seconds ("3.20"). */
    public static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "-";
    }

    /** A relative change with its sign: 0.051 -> "+5.1%". */
    public static String signedPercent(double change) {
        return String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }

    /** A share: 0.051 -> "5.1%". */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** "p=0.0123" or "p<0.0001". */
    public static String pValue(double p) {
        return Double.isNaN(p) ? "exact" : p < 0.0001 ? "p<0.0001" : String.format(Locale.ROOT, "p=%.4f", p);
    }

    /** Machine-readable (CSV, JSON text fields): six significant digits, no separators. */
    public static String plain(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
