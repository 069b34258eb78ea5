package dev.bgan.report;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ProtoJson;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.MetricExpectation;
import dev.bgan.proto.RegressionBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The regression gate: a baseline's expected metrics against the mean of one or more evaluations
 * of one configuration (several seeds), each within its tolerance, absolute or in sample standard
 * deviations over the evaluations. A metric is any numeric field of {@link EvaluationMetrics} by
 * its proto name, so metrics added there later are checkable as they are.
 */
public final class RegressionCheck {
  /** One metric's verdict. {@code std} is NaN when there is one evaluation. */
  public record Row(String metric, double expected, String tolerance, double mean, double std, int n, boolean pass) {}

  /** Every metric's verdict. */
  public record Result(List<Row> rows) {
    public Result {
      rows = List.copyOf(rows);
    }

    public boolean passed() {
      return rows.stream().allMatch(Row::pass);
    }

    /** A table for people: metric, expected, tolerance, actual (mean ± std over n), pass or FAIL. */
    public String table() {
      StringBuilder out = new StringBuilder();
      String format = "%-40s %10s %-22s %-24s %s%n";
      out.append(String.format(Locale.ROOT, format, "metric", "expected", "tolerance", "actual", "result"));
      for (Row r : rows) {
        String actual = r.n() > 1
            ? String.format(Locale.ROOT, "%.4f ± %.4f (n=%d)", r.mean(), r.std(), r.n())
            : String.format(Locale.ROOT, "%.4f", r.mean());
        out.append(String.format(Locale.ROOT, format, r.metric(), String.format(Locale.ROOT, "%.4f", r.expected()),
            r.tolerance(), actual, r.pass() ? "pass" : "FAIL"));
      }
      long failed = rows.stream().filter(r -> !r.pass()).count();
      out.append(String.format(Locale.ROOT, "check: %d passed, %d failed%n", rows.size() - failed, failed));
      return out.toString();
    }
  }

  private RegressionCheck() {}

  /** The baseline in {@code file}, validated completely: a problem is a one-line error naming the file. */
  public static RegressionBaseline readBaseline(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw BadInputException.inFile(file, "no such baseline file");
    }
    RegressionBaseline baseline = ProtoJson.read(file, RegressionBaseline.newBuilder()).build();
    if (baseline.getMetricsCount() == 0) {
      throw BadInputException.inFile(file, "the baseline names no metrics");
    }
    Set<String> seen = new HashSet<>();
    for (MetricExpectation m : baseline.getMetricsList()) {
      field(file, m.getMetric());
      if (!seen.add(m.getMetric())) {
        throw BadInputException.inFile(file, "metric " + m.getMetric() + " is listed twice");
      }
      if (!Double.isFinite(m.getExpected())) {
        throw BadInputException.inFile(file, "metric " + m.getMetric() + " has no finite expected value");
      }
      double tolerance = switch (m.getToleranceCase()) {
        case ABSOLUTE -> m.getAbsolute();
        case STDS -> m.getStds();
        case TOLERANCE_NOT_SET -> throw BadInputException.inFile(file,
            "metric " + m.getMetric() + " has no tolerance (give \"absolute\" or \"stds\")");
      };
      if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
        throw BadInputException.inFile(file, "metric " + m.getMetric() + " has tolerance " + tolerance
            + ", expected a finite number >= 0");
      }
    }
    return baseline;
  }

  /** {@code runs}: evaluations of one configuration (seeds); {@code file} names the baseline in errors. */
  public static Result check(Path file, RegressionBaseline baseline, List<EvaluationMetrics> runs) {
    if (runs.isEmpty()) {
      throw new BadInputException("the check needs at least one metrics artifact");
    }
    List<Row> rows = new ArrayList<>();
    for (MetricExpectation m : baseline.getMetricsList()) {
      FieldDescriptor field = field(file, m.getMetric());
      double[] values = runs.stream().mapToDouble(r -> ((Number) r.getField(field)).doubleValue()).toArray();
      int n = values.length;
      double mean = java.util.Arrays.stream(values).sum() / n;
      double std = n > 1
          ? Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (n - 1))
          : Double.NaN;
      double allowed;
      String tolerance;
      if (m.getToleranceCase() == MetricExpectation.ToleranceCase.STDS) {
        if (n < 2) {
          throw BadInputException.inFile(file, "metric " + m.getMetric() + " has a tolerance in standard deviations,"
              + " which needs at least two metrics artifacts of one configuration (got 1)");
        }
        allowed = m.getStds() * std;
        tolerance = String.format(Locale.ROOT, "± %.2f std (%.4f)", m.getStds(), allowed);
      } else {
        allowed = m.getAbsolute();
        tolerance = String.format(Locale.ROOT, "± %.4f", allowed);
      }
      boolean pass = Math.abs(mean - m.getExpected()) <= allowed;
      rows.add(new Row(m.getMetric(), m.getExpected(), tolerance, mean, std, n, pass));
    }
    return new Result(rows);
  }

  private static FieldDescriptor field(Path file, String name) {
    FieldDescriptor field = EvaluationMetrics.getDescriptor().findFieldByName(name);
    if (field == null || field.isRepeated() || !isNumber(field)) {
      List<String> known = EvaluationMetrics.getDescriptor().getFields().stream()
          .filter(f -> !f.isRepeated() && isNumber(f)).map(FieldDescriptor::getName).toList();
      throw BadInputException.inFile(file, "unknown metric '" + name + "' (known: " + String.join(", ", known) + ")");
    }
    return field;
  }

  private static boolean isNumber(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case INT, LONG, FLOAT, DOUBLE -> true;
      default -> false;
    };
  }
}
