package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small self-contained SVG charts for reports and Allure attachments: no library, no fonts to install, and a
 * browser renders them anywhere the report goes.
 */
public final class SvgChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 70;
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"};
    /** Solid, dashed, dotted: the second and third rounds of the colours. */
    private static final String[] DASHES = {"none", "6 3", "2 2"};
    /** The line chart's legend column, right of the plot. */
    private static final int LEGEND = 190;
    /** Series further apart than this (largest / smallest value) get a logarithmic axis. */
    static final int LOG_SPAN = 8;

    private SvgChart() {
    }

    /** One bar per variant. */
    public record Bar(String label, double median, double spread) {
    }

    /** Medians as bars with whiskers of ± spread (scaled MAD), on a scale from zero. */
    public static String bars(String title, String unit, List<Bar> bars) {
        double max = bars.stream().mapToDouble(b -> b.median() + b.spread()).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = open(title);
        Scale scale = Scale.linear(max);
        scale.axis(svg, unit, WIDTH - RIGHT, HEIGHT);
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = LEFT + i * slot + slot * 0.2;
            double w = slot * 0.6;
            double y = scale.y(bar.median(), HEIGHT);
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>%n",
                    x, y, w, HEIGHT - BOTTOM - y, COLOURS[i % COLOURS.length]));
            double cx = x + w / 2;
            double low = scale.y(Math.max(0, bar.median() - bar.spread()), HEIGHT);
            double high = scale.y(bar.median() + bar.spread(), HEIGHT);
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#222' stroke-width='1.5'/>%n",
                    cx, low, cx, high));
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#222'/>%n", cx - 6, high, cx + 6, high));
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#222'/>%n", cx - 6, low, cx + 6, low));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='11' text-anchor='middle'>%s</text>%n",
                    cx, y - 6 > TOP ? Math.min(y, high) - 6 : TOP + 12, escape(Numbers.value(bar.median()))));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='12' text-anchor='middle'>%s</text>%n",
                    cx, HEIGHT - BOTTOM + 18, escape(bar.label())));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' fill='#555'>bars: median; whiskers: ± scaled MAD</text>%n",
                LEFT, HEIGHT - 12));
        return svg.append("</svg>\n").toString();
    }

    /**
     * One line per series over runs (x labels: run dates). When the series lie more than {@value #LOG_SPAN}x apart (native's
     * 30 ms beside a JIT's 900 ms), the axis is logarithmic, so that every line's own trend stays visible; otherwise it
     * starts at zero. The legend has a column of its own to the right, never over the lines; beyond seven series the
     * colours repeat with a dash pattern.
     */
    public static String lines(String title, String unit, List<String> runs, Map<String, double[]> series) {
        double[] finite = series.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(v -> Double.isFinite(v) && v > 0).toArray();
        double max = java.util.Arrays.stream(finite).max().orElse(1);
        double min = java.util.Arrays.stream(finite).min().orElse(1);
        Scale scale = max / min > LOG_SPAN ? Scale.log(min / 1.3, max * 1.3) : Scale.linear(max <= 0 ? 1 : max * 1.1);
        int height = Math.max(HEIGHT, TOP + 14 * series.size() + BOTTOM);
        int right = WIDTH - LEGEND;
        StringBuilder svg = open(title, WIDTH, height);
        scale.axis(svg, unit, right, height);
        int n = runs.size();
        double step = n > 1 ? (right - LEFT - 20) / (double) (n - 1) : 0;
        int colour = 0;
        int legendY = TOP;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            String stroke = COLOURS[colour % COLOURS.length];
            String dash = DASHES[(colour / COLOURS.length) % DASHES.length];
            colour++;
            StringBuilder points = new StringBuilder();
            double[] values = entry.getValue();
            for (int i = 0; i < values.length && i < n; i++) {
                if (!Double.isFinite(values[i]) || values[i] <= 0 && scale.logarithmic()) {
                    continue;
                }
                double x = LEFT + 10 + i * step;
                double y = scale.y(values[i], height);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: %s %s</title></circle>%n",
                        x, y, stroke, escape(entry.getKey()), Numbers.value(values[i]), escape(unit)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2' stroke-dasharray='%s'/>%n",
                    points, stroke, dash));
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='%s' stroke-width='3' stroke-dasharray='%s'/>"
                    + "<text x='%d' y='%d' font-size='11'>%s</text>%n", right + 12, legendY + 5, right + 30, legendY + 5, stroke, dash,
                    right + 34, legendY + 9, escape(entry.getKey())));
            legendY += 14;
        }
        for (int i = 0; i < n; i++) {
            if (n <= 10 || i % ((n + 9) / 10) == 0 || i == n - 1) {
                double x = LEFT + 10 + i * step;
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='end' transform='rotate(-35 %.1f %d)'>%s</text>%n",
                        x, height - BOTTOM + 14, x, height - BOTTOM + 14, escape(runs.get(i))));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    /** A value axis: from zero, or logarithmic between two positive bounds. */
    private record Scale(double low, double high, boolean logarithmic) {

        static Scale linear(double max) {
            return new Scale(0, max, false);
        }

        static Scale log(double low, double high) {
            return new Scale(Math.log10(low), Math.log10(high), true);
        }

        double y(double value, int height) {
            double v = logarithmic ? Math.log10(value) : value;
            return height - BOTTOM - (height - BOTTOM - TOP) * (v - low) / (high - low);
        }

        void axis(StringBuilder svg, String unit, int right, int height) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#222'/>%n", LEFT, TOP, LEFT, height - BOTTOM));
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#222'/>%n", LEFT, height - BOTTOM, right,
                    height - BOTTOM));
            List<Double> ticks = new java.util.ArrayList<>();
            if (logarithmic) {
                // 1, 2 and 5 of every decade in range.
                for (int decade = (int) Math.floor(low); decade <= Math.ceil(high); decade++) {
                    for (int m : new int[] {1, 2, 5}) {
                        double t = m * Math.pow(10, decade);
                        double lt = Math.log10(t);
                        if (lt >= low && lt <= high) {
                            ticks.add(t);
                        }
                    }
                }
            } else {
                for (int i = 0; i <= 4; i++) {
                    ticks.add(high * i / 4);
                }
            }
            for (double value : ticks) {
                double y = y(value, height);
                svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n", LEFT, y, right, y));
                svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>%n", LEFT - 6, y + 4,
                        Numbers.value(value)));
            }
            String label = unit + (logarithmic ? " (log scale)" : "");
            svg.append(String.format(Locale.ROOT, "<text x='16' y='%d' font-size='12' transform='rotate(-90 16 %d)' text-anchor='middle'>%s</text>%n",
                    (TOP + height - BOTTOM) / 2, (TOP + height - BOTTOM) / 2, escape(label)));
        }
    }

    private static StringBuilder open(String title) {
        return open(title, WIDTH, HEIGHT);
    }

    private static StringBuilder open(String title, int width, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' "
                + "font-family='sans-serif'>%n<rect width='100%%' height='100%%' fill='white'/>%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='24' font-size='15' font-weight='bold'>%s</text>%n", LEFT, escape(title)));
        return svg;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
