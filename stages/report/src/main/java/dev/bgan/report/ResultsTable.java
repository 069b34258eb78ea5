package dev.bgan.report;

import dev.bgan.train.Objectives;
import dev.bgan.train.TrainConfigs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The paper's Table 1: rows are methods (the supervised-only baseline, DCGAN, W-DCGAN, DCGAN
 * ensembles, the Bayesian GAN per J and M), columns numbers of labels N, cells the mean and
 * standard error over seeds of the semi-supervised test accuracy in percent (the paper prints the
 * test error, 100 minus that; every number on the page is an accuracy, so one rule reads them all).
 * A run's method (its losses and sampler) is read from its model's parameters, so the table needs
 * nothing beyond the artifacts. Each seed's value is the mean of that seed's runs (one, unless runs
 * of a method differ in other parameters). A supervised row takes, per seed, the baselines that runs
 * trained on the same labels, one row per output layout: the baseline is the discriminator's network
 * trained on the labels alone, with K + 1 outputs beside the reference's losses and K beside the
 * others (W-DCGAN, LSGAN, HEAD), and the two are different classifiers. Every seed's value links to
 * the lineage of the runs it comes from.
 */
final class ResultsTable {
  static final String SUPERVISED = "Supervised only";
  static final String SUPERVISED_K = "Supervised only (K outputs)";

  /**
   * The losses a run trained with: its row names when trained by one network ({@code single}) and by
   * posterior samples ({@code sampled}), its place among the families, and whether its discriminator
   * (so its supervised baseline) has the reference's extra fake output, as the train stage's objective says.
   */
  record Losses(String single, String sampled, int rank, boolean fakeOutput) {
    static Losses of(EvaluatedModel row) {
      boolean wasserstein = Boolean.parseBoolean(param(row, "wasserstein", "false"));
      String objective = param(row, "objective", TrainConfigs.ORIG);
      boolean fakeOutput = Objectives.isKnown(objective) && Objectives.of(TrainConfigs.defaults()
          .setWasserstein(wasserstein).setObjective(objective).build()).firstClassOutput() == 1;
      if (wasserstein) {
        return new Losses("W-DCGAN", "W-GAN", 1, fakeOutput);
      }
      return switch (objective) {
        case TrainConfigs.ORIG -> new Losses("DCGAN", "GAN", 0, fakeOutput);
        case TrainConfigs.LSGAN -> new Losses("LSGAN", "LSGAN", 2, fakeOutput);
        case TrainConfigs.HEAD -> new Losses("DCGAN-HEAD", "GAN-HEAD", 3, fakeOutput);
        default -> new Losses("DCGAN-" + objective, "GAN-" + objective, 4, fakeOutput);
      };
    }
  }

  /** A row: its label and its place (baselines first, then the paper's order, then J and M). */
  record Method(String label, int rank, int k, int numz, int numMcmc, int numDisc) {
    static final Comparator<Method> ORDER = Comparator.comparingInt(Method::rank).thenComparingInt(Method::k)
        .thenComparingInt(Method::numz).thenComparingInt(Method::numMcmc).thenComparingInt(Method::numDisc)
        .thenComparing(Method::label);
  }

  /** One seed of a cell: its runs and the mean of their test accuracies (%). */
  record SeedValue(long seed, double accuracy, List<EvaluatedModel> runs) {}

  /** One cell: the seeds' values, their mean and standard error (NaN for a single seed). */
  record Cell(List<SeedValue> seeds) {
    double mean() {
      return seeds.stream().mapToDouble(SeedValue::accuracy).average().orElseThrow();
    }

    /** Sample standard deviation (n - 1) over the seeds, divided by the square root of their number. */
    double standardError() {
      int n = seeds.size();
      if (n < 2) {
        return Double.NaN;
      }
      double mean = mean();
      double squares = seeds.stream().mapToDouble(s -> (s.accuracy() - mean) * (s.accuracy() - mean)).sum();
      return Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }

    int runCount() {
      return seeds.stream().mapToInt(s -> s.runs().size()).sum();
    }
  }

  private final SortedMap<Method, SortedMap<Integer, Cell>> cells;
  private final List<Integer> labels;

  private ResultsTable(SortedMap<Method, SortedMap<Integer, Cell>> cells, List<Integer> labels) {
    this.cells = cells;
    this.labels = labels;
  }

  /** The table of the semi-supervised image runs among {@code rows}; other runs have no test accuracy to show. */
  static ResultsTable of(List<EvaluatedModel> rows) {
    // method -> N -> seed -> (runs, accuracies in percent)
    Map<Method, Map<Integer, Map<Long, List<EvaluatedModel>>>> runs = new TreeMap<>(Method.ORDER);
    Map<Method, Map<Integer, Map<Long, List<Double>>>> accuracies = new TreeMap<>(Method.ORDER);
    for (EvaluatedModel row : rows) {
      if (row.evaluation().getPointCurveCount() > 0 || !Boolean.parseBoolean(param(row, "semi_supervised", "false"))) {
        continue;
      }
      int n = Integer.parseInt(param(row, "N", "0"));
      long seed = Long.parseLong(param(row, "random_seed", "0"));
      add(runs, accuracies, method(row), n, seed, row, row.evaluation().getSemiSupervisedAccuracy());
      if (row.hasSupervisedBaseline()) {
        Method baseline = new Method(Losses.of(row).fakeOutput() ? SUPERVISED : SUPERVISED_K, 0, 0, 0, 0, 0);
        add(runs, accuracies, baseline, n, seed, row, row.evaluation().getSupervisedAccuracy());
      }
    }
    SortedMap<Method, SortedMap<Integer, Cell>> cells = new TreeMap<>(Method.ORDER);
    SortedSet<Integer> labels = new TreeSet<>();
    runs.forEach((method, byN) -> byN.forEach((n, bySeed) -> {
      List<SeedValue> seeds = new ArrayList<>();
      bySeed.forEach((seed, seedRuns) -> seeds.add(new SeedValue(seed,
          accuracies.get(method).get(n).get(seed).stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
          seedRuns)));
      cells.computeIfAbsent(method, m -> new TreeMap<>()).put(n, new Cell(seeds));
      labels.add(n);
    }));
    return new ResultsTable(cells, List.copyOf(labels));
  }

  private static void add(Map<Method, Map<Integer, Map<Long, List<EvaluatedModel>>>> runs,
      Map<Method, Map<Integer, Map<Long, List<Double>>>> accuracies, Method method, int n, long seed, EvaluatedModel row,
      double accuracy) {
    runs.computeIfAbsent(method, m -> new TreeMap<>()).computeIfAbsent(n, x -> new TreeMap<>())
        .computeIfAbsent(seed, s -> new ArrayList<>()).add(row);
    accuracies.computeIfAbsent(method, m -> new TreeMap<>()).computeIfAbsent(n, x -> new TreeMap<>())
        .computeIfAbsent(seed, s -> new ArrayList<>()).add(100 * accuracy);
  }

  /**
   * The method a model was trained with, from its manifest parameters (defaults for those it lacks):
   * rows go one network, ensembles, Bayesian, maximum-likelihood samples, each by family.
   */
  static Method method(EvaluatedModel row) {
    int ensemble = Integer.parseInt(param(row, "ml_ensemble", "0"));
    boolean ml = Boolean.parseBoolean(param(row, "ml", "false"));
    int numz = Integer.parseInt(param(row, "numz", "1"));
    int numMcmc = Integer.parseInt(param(row, "num_mcmc", "1"));
    int numDisc = Integer.parseInt(param(row, "num_disc", "1"));
    Losses losses = Losses.of(row);
    if (ensemble > 1) {
      return new Method(losses.single() + " ensemble (K = " + ensemble + ")", 20 + losses.rank(), ensemble, 1, 1, 1);
    }
    if (ensemble == 1 || (ml && numz * numMcmc * numDisc == 1)) {
      return new Method(losses.single(), 10 + losses.rank(), 1, 1, 1, 1);
    }
    String samples = "J = " + numz + ", M = " + numMcmc + (numDisc > 1 ? ", J_d = " + numDisc : "");
    String name = (ml ? "maximum-likelihood " : "Bayesian ") + losses.sampled();
    return new Method(name + " (" + samples + ")", (ml ? 40 : 30) + losses.rank(), 0, numz, numMcmc, numDisc);
  }

  private static String param(EvaluatedModel row, String name, String otherwise) {
    return row.model().manifest().getParamsMap().getOrDefault(name, otherwise);
  }

  boolean isEmpty() {
    return cells.isEmpty();
  }

  void appendTo(StringBuilder page) {
    page.append("<h2>Test accuracy (%) by number of labels</h2>\n")
        .append("<p>The layout of the paper's Table 1. Each cell: mean \u00b1 standard error over seeds of the ")
        .append("semi-supervised test accuracy (Bayesian model average over the saved discriminator samples), ")
        .append("n the number of seeds; below, each seed's accuracy, linked to the lineage of its run. The supervised ")
        .append("rows are the supervised-only baselines the runs train on the same labels: \u201c" + SUPERVISED)
        .append("\u201d the reference's network of K + 1 outputs, beside DCGAN and Bayesian GAN runs; \u201c")
        .append(SUPERVISED_K + "\u201d the network of K outputs beside W-DCGAN, LSGAN and HEAD runs.</p>\n")
        .append("<p class=\"note\">Every number on this page is an accuracy in percent. The paper's Table 1 prints ")
        .append("the test error, 100 minus the accuracy (its standard error is the same); each cell also carries it ")
        .append("as data-error.</p>\n")
        .append("<table id=\"results\">\n<thead><tr><th>method</th>");
    for (int n : labels) {
      page.append("<th>N = ").append(n).append("</th>");
    }
    page.append("</tr></thead>\n<tbody>\n");
    cells.forEach((method, byN) -> {
      page.append("<tr data-method=\"").append(Html.escape(method.label())).append("\"><th>")
          .append(Html.escape(method.label())).append("</th>");
      for (int n : labels) {
        Cell cell = byN.get(n);
        if (cell == null) {
          page.append("<td class=\"number\" data-n=\"").append(n).append("\">\u2013</td>");
        } else {
          appendCell(page, n, cell);
        }
      }
      page.append("</tr>\n");
    });
    page.append("</tbody>\n</table>\n");
  }

  private static void appendCell(StringBuilder page, int n, Cell cell) {
    double se = cell.standardError();
    page.append("<td class=\"number\" data-n=\"").append(n)
        .append("\" data-mean=\"").append(cell.mean())
        .append("\" data-error=\"").append(100 - cell.mean())
        .append("\" data-se=\"").append(Double.isNaN(se) ? "" : Double.toString(se))
        .append("\" data-seeds=\"").append(cell.seeds().size())
        .append("\" data-runs=\"").append(cell.runCount()).append("\">")
        .append("<span class=\"mean\">").append(format(cell.mean()))
        .append(Double.isNaN(se) ? "" : " \u00b1 " + format(se)).append("</span> (n = ").append(cell.seeds().size())
        .append(")<br/><small>");
    for (int i = 0; i < cell.seeds().size(); i++) {
      SeedValue seed = cell.seeds().get(i);
      page.append(i == 0 ? "" : ", ").append("seed ").append(seed.seed()).append(": ");
      if (seed.runs().size() == 1) {
        link(page, seed.runs().get(0), format(seed.accuracy()));
      } else {
        page.append(format(seed.accuracy())).append(" (");
        for (int r = 0; r < seed.runs().size(); r++) {
          page.append(r == 0 ? "" : " ");
          link(page, seed.runs().get(r), "run " + (r + 1));
        }
        page.append(")");
      }
    }
    page.append("</small></td>");
  }

  private static void link(StringBuilder page, EvaluatedModel run, String text) {
    page.append("<a href=\"#").append(ReportPage.lineageAnchor(run)).append("\" title=\"")
        .append(Html.escape(run.metrics().id())).append("\">").append(Html.escape(text)).append("</a>");
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
