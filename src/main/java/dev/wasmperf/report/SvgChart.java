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
        axis(svg, max, unit);
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = LEFT + i * slot + slot * 0.2;
            double w = slot * 0.6;
            double y = y(bar.median(), max);
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>%n",
                    x, y, w, HEIGHT - BOTTOM - y, COLOURS[i % COLOURS.length]));
            double cx = x + w / 2;
            double low = y(Math.max(0, bar.median() - bar.spread()), max);
            double high = y(bar.median() + bar.spread(), max);
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

    /** One line per series over runs (x labels: run dates), on a scale from zero. */
    public static String lines(String title, String unit, List<String> runs, Map<String, double[]> series) {
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(Double::isFinite).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = open(title);
        axis(svg, max, unit);
        int n = runs.size();
        double step = n > 1 ? (WIDTH - LEFT - RIGHT - 20) / (double) (n - 1) : 0;
        int colour = 0;
        int legendY = TOP + 4;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            double[] values = entry.getValue();
            for (int i = 0; i < values.length && i < n; i++) {
                if (!Double.isFinite(values[i])) {
                    continue;
                }
                double x = LEFT + 10 + i * step;
                double y = y(values[i], max);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: %s %s</title></circle>%n",
                        x, y, stroke, escape(entry.getKey()), Numbers.value(values[i]), escape(unit)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>%n", points, stroke));
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/><text x='%d' y='%d' font-size='11'>%s</text>%n",
                    WIDTH - RIGHT - 130, legendY, stroke, WIDTH - RIGHT - 115, legendY + 9, escape(entry.getKey())));
            legendY += 14;
        }
        for (int i = 0; i < n; i++) {
            if (n <= 10 || i % ((n + 9) / 10) == 0 || i == n - 1) {
                double x = LEFT + 10 + i * step;
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='end' transform='rotate(-35 %.1f %d)'>%s</text>%n",
                        x, HEIGHT - BOTTOM + 14, x, HEIGHT - BOTTOM + 14, escape(runs.get(i))));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' "
                + "font-family='sans-serif'>%n<rect width='100%%' height='100%%' fill='white'/>%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='24' font-size='15' font-weight='bold'>%s</text>%n", LEFT, escape(title)));
        return svg;
    }

    private static void axis(StringBuilder svg, double max, String unit) {
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#222'/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#222'/>%n", LEFT, HEIGHT - BOTTOM,
                WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = y(value, max);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>%n", LEFT - 6, y + 4,
                    Numbers.value(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='16' y='%d' font-size='12' transform='rotate(-90 16 %d)' text-anchor='middle'>%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(unit)));
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / max;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
