package dev.bgan.workflow;

import dev.bgan.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid declared by a workflow's {@code sweep:} block: seeds x numbers of labels x methods, each
 * method a named set of parameters of the swept train stage (J/M, DCGAN, ensemble, W-DCGAN...).
 * Every grid point is one run of the swept stage and the stages downstream of it (reports
 * excepted); the stages upstream of it run once for all points.
 *
 * <pre>
 * sweep:
 *   stage: train              # optional when the workflow has one train stage
 *   seeds: [1, 2, 3]
 *   N: [100, 200]
 *   methods:
 *     bayes: {numz: 2, num_mcmc: 2}
 *     dcgan: {ml_ensemble: 1}
 * </pre>
 *
 * @param stage the swept stage (a {@code run: train} stage)
 * @param seeds values of its {@code random_seed}
 * @param labels values of its {@code N}
 * @param methods per method name, the parameters it sets on the swept stage (over the stage's own)
 */
public record Sweep(String stage, List<Long> seeds, List<Integer> labels, Map<String, Map<String, String>> methods) {
  /** The grid axes a method may not set: they are the sweep's own. */
  static final List<String> AXES = List.of("random_seed", "N");

  public Sweep {
    seeds = List.copyOf(seeds);
    labels = List.copyOf(labels);
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    methods.forEach((name, params) -> copy.put(name, Map.copyOf(params)));
    methods = Collections.unmodifiableMap(copy);
  }

  /** One grid point. */
  public record Point(String method, int labels, long seed) {
    /** A name for the run, unique within the grid: {@code METHOD-N100-seed1}. */
    public String key() {
      return method + "-N" + labels + "-seed" + seed;
    }
  }

  /** Every grid point: methods in declaration order, then N, then seeds. */
  public List<Point> points() {
    List<Point> points = new ArrayList<>();
    for (String method : methods.keySet()) {
      for (int n : labels) {
        for (long seed : seeds) {
          points.add(new Point(method, n, seed));
        }
      }
    }
    return points;
  }

  /** The swept stage's parameters at {@code point}: its own, then the method's, then the seed and N. */
  public Map<String, String> params(Map<String, String> stageParams, Point point) {
    Map<String, String> params = new LinkedHashMap<>(stageParams);
    params.putAll(methods.get(point.method()));
    params.put("random_seed", Long.toString(point.seed()));
    params.put("N", Integer.toString(point.labels()));
    return params;
  }

  static Sweep parse(Path file, Map<String, Object> body, Map<String, Workflow.Step> steps) {
    for (String key : body.keySet()) {
      if (!List.of("stage", "seeds", "N", "methods").contains(key)) {
        throw BadInputException.inFile(file, "sweep has an unknown key '" + key + "' (known: stage, seeds, N, methods)");
      }
    }
    String stage;
    if (body.containsKey("stage")) {
      stage = String.valueOf(body.get("stage"));
      Workflow.Step step = steps.get(stage);
      if (step == null || !step.run().equals("train")) {
        throw BadInputException.inFile(file, "sweep stage '" + stage + "' is not a train stage of this workflow");
      }
    } else {
      List<String> trains = steps.values().stream().filter(s -> s.run().equals("train")).map(Workflow.Step::name).toList();
      if (trains.size() != 1) {
        throw BadInputException.inFile(file, "sweep needs 'stage:' naming the train stage to sweep (train stages: "
            + String.join(", ", trains) + ")");
      }
      stage = trains.get(0);
    }
    List<Long> seeds = new ArrayList<>();
    for (Object seed : list(file, "seeds", body.get("seeds"))) {
      seeds.add(number(file, "seeds", seed, 0));
    }
    List<Integer> labels = new ArrayList<>();
    for (Object n : list(file, "N", body.get("N"))) {
      labels.add(Math.toIntExact(number(file, "N", n, 1)));
    }
    if (!(body.get("methods") instanceof Map<?, ?> methodMap) || methodMap.isEmpty()) {
      throw BadInputException.inFile(file, "sweep methods must be a non-empty mapping of names to parameters");
    }
    Map<String, Map<String, String>> methods = new LinkedHashMap<>();
    methodMap.forEach((name, params) -> {
      String method = String.valueOf(name);
      if (!method.matches("[A-Za-z0-9_.]+")) {
        // The name becomes part of run names and file names.
        throw BadInputException.inFile(file, "sweep method '" + method + "': use letters, digits, '_' and '.' only");
      }
      Map<String, String> values = new LinkedHashMap<>();
      if (params != null) {
        if (!(params instanceof Map<?, ?> p)) {
          throw BadInputException.inFile(file, "sweep method " + method + " must be a mapping of parameters");
        }
        p.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
      }
      for (String axis : AXES) {
        if (values.containsKey(axis)) {
          throw BadInputException.inFile(file, "sweep method " + method + " sets " + axis + ", which the grid sets");
        }
      }
      methods.put(method, values);
    });
    return new Sweep(stage, seeds, labels, methods);
  }

  private static List<?> list(Path file, String what, Object value) {
    if (!(value instanceof List<?> l) || l.isEmpty()) {
      throw BadInputException.inFile(file, "sweep " + what + " must be a non-empty list");
    }
    if (l.stream().distinct().count() != l.size()) {
      throw BadInputException.inFile(file, "sweep " + what + " lists a value twice: " + l);
    }
    return l;
  }

  private static long number(Path file, String what, Object value, long min) {
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min) {
      throw BadInputException.inFile(file, "sweep " + what + " value '" + value + "' must be a whole number >= " + min);
    }
    return ((Number) value).longValue();
  }
}
