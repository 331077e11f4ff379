package io.trawl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table whose columns are padded to line up in a terminal too. */
public final class MarkdownTable {

    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** A header starting with {@code >} is a right-aligned (numeric) column; the {@code >} is not shown. */
    public MarkdownTable(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + headers.length
                    + " columns");
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "" : cells[i].toString().replace("|", "\\|").replace("\n", " ");
        }
        rows.add(r);
        return this;
    }

    public String render() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = Math.max(3, headers[i].length());
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        line(s, headers, width);
        s.append('|');
        for (int i = 0; i < headers.length; i++) {
            s.append(' ');
            s.append("-".repeat(rightAligned[i] ? width[i] - 1 : width[i]));
            if (rightAligned[i]) {
                s.append(':');
            }
            s.append(" |");
        }
        s.append('\n');
        for (String[] r : rows) {
            line(s, r, width);
        }
        return s.toString();
    }

    private void line(StringBuilder s, String[] cells, int[] width) {
        s.append('|');
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            s.append(' ').append(rightAligned[i] ? pad + cells[i] : cells[i] + pad).append(" |");
        }
        s.append('\n');
    }

    /** {@code 1,234,567} */
    public static String count(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%,.0f", x);
    }

    /** {@code 12.3} */
    public static String oneDecimal(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%,.1f", x);
    }

    /** {@code 0.42} */
    public static String twoDecimals(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.2f", x);
    }

    /** {@code 1.23x} */
    public static String ratio(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "n/a" : String.format(Locale.ROOT, "%.2fx", x);
    }

    /** {@code 1,200,000-1,350,000}, or one value when both ends round alike. */
    public static String range(double min, double max) {
        String a = count(min);
        String b = count(max);
        return a.equals(b) ? a : a + " – " + b;
    }

    /** A load-average range, {@code 0.52–1.10}. */
    public static String loadRange(double min, double max) {
        String a = twoDecimals(min);
        String b = twoDecimals(max);
        return a.equals(b) ? a : a + "–" + b;
    }

    /** Median and worst CPU of other processes during a row's runs: {@code 0.05 (max 0.31)}. */
    public static String others(Series s) {
        return twoDecimals(s.medianOthers()) + " (max " + twoDecimals(s.maxOthers()) + ")";
    }
}
