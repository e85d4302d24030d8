package dev.parley.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart as a PNG, drawn with the JDK alone (headless AWT), so that the charts in
 * docs/benchmarks.md need nothing installed beyond the JDK that builds Parley.
 *
 * @param note a line under the title: when and on what machine, how busy it was
 * @param categories the groups along the x axis, e.g. peer counts
 * @param series one name per bar in a group, e.g. the servers
 * @param values values[series][category]; NaN for a bar that was not measured
 */
record BarChart(
    String title,
    String note,
    String unit,
    List<String> categories,
    List<String> series,
    double[][] values) {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 420;
  private static final int LEFT = 90;
  private static final int RIGHT = 20;
  private static final int TOP = 64;
  private static final int BOTTOM = 70;
  private static final Color[] COLORS = {
    new Color(0x2b6cb0), new Color(0xdd6b20), new Color(0x718096)
  };

  void write(Path png) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.DARK_GRAY);
    g.drawString(note, LEFT, 40);

    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    double top = niceCeiling(max);
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int plotWidth = WIDTH - LEFT - RIGHT;

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      int y = TOP + plotHeight - (int) Math.round(plotHeight * v / top);
      g.setColor(new Color(0xe2e8f0));
      g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      g.setColor(Color.DARK_GRAY);
      String label = number(v);
      g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + 4);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(unit, 8, TOP - 10);

    int groupWidth = plotWidth / Math.max(1, categories.size());
    int barWidth = Math.max(8, (groupWidth - 30) / Math.max(1, series.size()));
    for (int c = 0; c < categories.size(); c++) {
      int groupLeft = LEFT + c * groupWidth + 15;
      for (int s = 0; s < series.size(); s++) {
        double v = values[s][c];
        int x = groupLeft + s * barWidth;
        if (Double.isNaN(v)) {
          g.setColor(Color.GRAY);
          g.drawString("n/a", x + 4, TOP + plotHeight - 4);
          continue;
        }
        int h = (int) Math.round(plotHeight * v / top);
        g.setColor(COLORS[s % COLORS.length]);
        g.fillRect(x, TOP + plotHeight - h, barWidth - 4, h);
        g.setColor(Color.BLACK);
        String label = number(v);
        g.drawString(
            label, x + (barWidth - 4 - fm.stringWidth(label)) / 2, TOP + plotHeight - h - 4);
      }
      g.setColor(Color.BLACK);
      String name = categories.get(c);
      g.drawString(
          name,
          LEFT + c * groupWidth + (groupWidth - fm.stringWidth(name)) / 2,
          TOP + plotHeight + 18);
    }
    g.setStroke(new BasicStroke(1));
    g.drawLine(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight);

    int x = LEFT;
    for (int s = 0; s < series.size(); s++) {
      g.setColor(COLORS[s % COLORS.length]);
      g.fillRect(x, HEIGHT - 28, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(series.get(s), x + 18, HEIGHT - 18);
      x += 30 + fm.stringWidth(series.get(s));
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
  private static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= v) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String number(double v) {
    if (v >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return v >= 100 || v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }
}
