package dev.bgan.report;

import dev.bgan.proto.Calibration;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A reliability diagram: per classifier, each non-empty confidence bin as a point at (mean
 * confidence, fraction correct), against the diagonal of perfect calibration. Points under the
 * diagonal are over-confident bins, points above it under-confident ones. Drawn by JFreeChart into a
 * PNG in memory.
 */
record ReliabilityDiagram(String title, List<Classifier> classifiers) {
  static final int SIDE = 480;
  static final String DIAGONAL = "perfect calibration";
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  ReliabilityDiagram {
    classifiers = List.copyOf(classifiers);
  }

  /** One classifier's bins under a name. */
  record Classifier(String name, Calibration calibration) {
    /** The legend's label: the name and its ECE. */
    String label() {
      return String.format(Locale.ROOT, "%s (ECE %.4f)", name, calibration.getExpectedCalibrationError());
    }
  }

  /** The points drawn for {@code c}: x = mean confidence, y = accuracy, of each non-empty bin. */
  static double[][] points(Calibration c) {
    int bins = (int) c.getBinCountList().stream().filter(n -> n > 0).count();
    double[][] xy = new double[2][bins];
    int at = 0;
    for (int b = 0; b < c.getBinCountCount(); b++) {
      if (c.getBinCount(b) > 0) {
        xy[0][at] = c.getBinConfidence(b);
        xy[1][at] = c.getBinAccuracy(b);
        at++;
      }
    }
    return xy;
  }

  byte[] toPng() {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries diagonal = new XYSeries(DIAGONAL);
    diagonal.add(0, 0);
    diagonal.add(1, 1);
    data.addSeries(diagonal);
    for (Classifier classifier : classifiers) {
      XYSeries series = new XYSeries(classifier.label(), true, true);
      double[][] xy = points(classifier.calibration());
      for (int i = 0; i < xy[0].length; i++) {
        series.add(xy[0][i], xy[1][i]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        title, "confidence (mean of the bin)", "accuracy", data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, Color.GRAY);
    renderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    renderer.setSeriesShapesVisible(0, false);
    for (int i = 0; i < classifiers.size(); i++) {
      renderer.setSeriesPaint(i + 1, PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(i + 1, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
      axis.setRange(0, 1);
      // Tick labels in a fixed locale: the default locale would make the bytes depend on the machine.
      axis.setTickUnit(new NumberTickUnit(0.1, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, SIDE, SIDE);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a chart in memory failed", e);
    }
    return png.toByteArray();
  }
}
