package dev.bgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.bgan.common.FileTrees;
import dev.bgan.common.Progress;
import dev.bgan.common.ProtoJson;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.train.nn.Network;
import dev.bgan.train.nn.TensorFile;
import dev.bgan.train.sampler.SamplerSettings;
import dev.bgan.train.sampler.SghmcSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Bayesian GAN: J*M generator chains and J_d discriminator chains, each moved by its own
 * {@link SghmcSampler}, plus a supervised-only discriminator on the same labeled examples.
 *
 * <p>All randomness of iteration t (batch indices, z, sampler noise) comes from a seed derived
 * from (run seed, t), so a run resumed from the checkpoint of iteration t continues exactly as an
 * uninterrupted run would. Every {@code n_save} iterations the posterior samples, the training
 * log and a checkpoint are written to the work directory; its samples and log become the model
 * artifact, and the checkpoint stays until the artifact is published.
 */
public final class BayesianGanTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(BayesianGanTrainer.class);
  private static final String CHECKPOINT = "checkpoint.params";

  private final TrainConfig config;
  private final GanNetworks networks;
  private final BatchSource train;
  private final ImageSplit test;
  private final int[] labeled;
  private final Path workDir;
  private final GanObjective objective;

  /** {@code test} is read only when semi-supervised. */
  public BayesianGanTrainer(TrainConfig config, GanNetworks networks, BatchSource train, ImageSplit test,
      int[] labeled, Path workDir) {
    this.config = config;
    this.networks = networks;
    this.train = train;
    this.test = test;
    this.labeled = labeled.clone();
    this.workDir = workDir;
    this.objective = networks.objective();
  }

  private boolean semi() {
    return config.getSemiSupervised();
  }

  /** Trains to {@code train_iter}, resuming from the work directory's checkpoint if there is one. */
  public TrainingLog run() throws IOException {
    Engine engine = TorchRuntime.engine();
    try (NDManager manager = NDManager.newBaseManager(TorchRuntime.device(config.getDevice()), "PyTorch")) {
      State state = new State(manager);
      int start = state.restore();
      TrainingLog.Builder log = readLog(start);
      if (start > 0) {
        LOG.info("resuming from the checkpoint of iteration {}", start);
      }
      SamplerSettings sampler = SamplerSettings.of(config);
      try (Progress progress = Progress.start("train", config.getTrainIter(), start, "it")) {
        // The phase (Adam warm-up or the optimizer) leads the status: the line says what is running.
        String losses = "";
        String phase = null;
        for (int t = start; t < config.getTrainIter(); t++) {
          int done = t + 1;
          boolean save = done % config.getNSave() == 0 || done == config.getTrainIter();
          if (!sampler.stepName(t).equals(phase)) {
            phase = sampler.stepName(t);
            progress.status(phase + losses);
          }
          TrainingLogEntry entry = step(engine, state, t, save, manager);
          progress.step();
          if (save) {
            log.addEntries(entry);
            saveSample(state, done);
            writeLog(log.build());
            state.checkpoint(done);
            losses = semi()
                ? String.format("  d %.3f g %.3f acc %.3f", entry.getDLoss(), entry.getGLoss(), entry.getTestAccuracy())
                : String.format("  d %.3f g %.3f", entry.getDLoss(), entry.getGLoss());
            progress.status(phase + losses);
          }
        }
      }
      return log.build();
    }
  }

  /**
   * Runs iterations 0..n-1 and returns the wall time of each in milliseconds; saves nothing.
   * For benchmarks: the same step as training, on whatever data the trainer was given.
   */
  public double[] timeIterations(int n) {
    Engine engine = TorchRuntime.engine();
    double[] ms = new double[n];
    try (NDManager manager = NDManager.newBaseManager(TorchRuntime.device(config.getDevice()), "PyTorch")) {
      State state = new State(manager);
      for (int t = 0; t < n; t++) {
        long start = System.nanoTime();
        step(engine, state, t, false, manager);
        ms[t] = (System.nanoTime() - start) / 1e6;
      }
    }
    return ms;
  }

  double learningRate(int t) {
    double progress = Math.min(1.0, (double) t * config.getBatchSize() / train.size());
    return config.getLr() * Math.exp(-config.getLrDecay() * progress);
  }

  private TrainingLogEntry step(Engine engine, State s, int t, boolean measure, NDManager manager) {
    long seed = Seeds.child(config.getRandomSeed(), "iteration", t);
    engine.setRandomSeed((int) seed);
    SplittableRandom random = new SplittableRandom(seed);
    int batch = config.getBatchSize();
    int[] unlabeledIdx = random.ints(batch, 0, train.size()).toArray();
    int[] labeledIdx = new int[batch];
    for (int i = 0; i < batch; i++) {
      labeledIdx[i] = labeled[random.nextInt(labeled.length)];
    }
    double lr = learningRate(t);
    TrainingLogEntry.Builder entry = TrainingLogEntry.newBuilder().setIteration(t + 1).setLearningRate(lr);
    try (NDManager step = manager.newSubManager()) {
      NDArray xu = train.batch(step, unlabeledIdx);
      NDArray xl = train.batch(step, labeledIdx);
      NDArray yl = step.create(classOutputs(train.labelsOf(labeledIdx)));
      List<NDArray> z = new ArrayList<>();
      List<NDArray> fakes = new ArrayList<>();
      for (Network g : s.generators) {
        NDArray zi = step.randomUniform(-1f, 1f, new Shape(batch, config.getZDim()), DataType.FLOAT32);
        z.add(zi);
        fakes.add(g.forward(zi, true));
      }

      double dLoss = 0;
      double dReal = 0;
      double dFake = 0;
      double trainAccuracy = 0;
      int dCount = s.discriminators.size();
      for (int k = 0; k < dCount; k++) {
        Network d = s.discriminators.get(k);
        zeroGradients(d);
        try (GradientCollector gc = engine.newGradientCollector()) {
          NDArray realLogits = d.forward(xu, true);
          NDArray loss = objective.realLoss(realLogits);
          NDArray fakeLoss = null;
          List<NDArray> fakeLogits = new ArrayList<>();
          List<NDArray> opponents = networks.ensemble() ? List.of(fakes.get(k)) : fakes;
          for (NDArray fake : opponents) {
            NDArray logits = d.forward(fake, true);
            fakeLogits.add(logits);
            NDArray term = objective.fakeLoss(logits);
            fakeLoss = fakeLoss == null ? term : fakeLoss.add(term);
          }
          // Mean over generators: the discriminator's objective keeps its scale whatever J*M is.
          loss = loss.add(fakeLoss.div(Scalars.of(fakeLoss, opponents.size())));
          if (config.getGradientPenalty() > 0) {
            NDArray penalty = null;
            for (NDArray fake : opponents) {
              NDArray term = GradientPenalty.of(d, xu, fake, config.getGradientPenalty(), step);
              penalty = penalty == null ? term : penalty.add(term);
            }
            loss = loss.add(penalty.div(Scalars.of(penalty, opponents.size())));
          }
          NDArray labeledLogits = null;
          if (semi()) {
            labeledLogits = d.forward(xl, true);
            loss = loss.add(SemiSupervisedObjective.crossEntropy(labeledLogits, yl));
          }
          gc.backward(loss);
          if (measure) {
            dLoss += finite("discriminator " + k + " loss", loss.getFloat(), t) / dCount;
            dReal += objective.score(realLogits) / dCount;
            dFake += fakeLogits.stream().mapToDouble(objective::score).average().orElse(0) / dCount;
            if (labeledLogits != null) {
              trainAccuracy += batchAccuracy(labeledLogits, labeledIdx) / dCount;
            }
          }
        }
        s.discriminatorSamplers.get(k).step(d.trainable(), t, lr, train.size(), step);
        if (clipsWeights()) {
          clip(d, (float) config.getClip());
        }
      }
      if (measure) {
        entry.setDLoss(dLoss).setDReal(dReal).setDFake(dFake);
        if (semi()) {
          entry.setTrainAccuracy(trainAccuracy);
        }
      }

      double gLossSum = 0;
      List<NDArray> realFeatures = objective instanceof FeatureMatching ? realFeatures(s.discriminators, xu) : null;
      for (int i = 0; i < s.generators.size(); i++) {
        Network g = s.generators.get(i);
        try (GradientCollector gc = engine.newGradientCollector()) {
          // Every generator tries to fool every discriminator (the mean of its losses); an ensemble member only its own.
          NDArray fake = g.forward(z.get(i), true);
          List<Integer> opponents = networks.ensemble() ? List.of(i) : allDiscriminators(s);
          NDArray loss = null;
          for (int k : opponents) {
            Network d = s.discriminators.get(k);
            NDArray term;
            if (objective instanceof FeatureMatching matching) {
              Network.Activations a = d.forwardWithFeatures(fake, true);
              term = objective.generatorLoss(a.outputs()).add(matching.featureLoss(a.features(), realFeatures.get(k)));
            } else {
              term = objective.generatorLoss(d.forward(fake, true));
            }
            loss = loss == null ? term : loss.add(term);
          }
          loss = loss.div(Scalars.of(loss, opponents.size()));
          gc.backward(loss);
          if (measure) {
            gLossSum += finite("generator " + i + " loss", loss.getFloat(), t);
          }
        }
        s.generatorSamplers.get(i).step(g.trainable(), t, lr, config.getGenObserved(), step);
      }
      entry.setGLoss(gLossSum / s.generators.size());

      if (s.supervised != null) {
        try (GradientCollector gc = engine.newGradientCollector()) {
          NDArray logits = s.supervised.forward(xl, true);
          NDArray loss = SemiSupervisedObjective.crossEntropy(logits, yl);
          gc.backward(loss);
          if (measure) {
            entry.setSupervisedLoss(loss.getFloat()).setSupervisedTrainAccuracy(batchAccuracy(logits, labeledIdx));
          }
        }
        s.supervisedSampler.step(s.supervised.trainable(), t, lr, labeled.length, step);
      }
    }
    if (measure && semi()) {
      int count = config.getLogTestSize() == 0 ? test.size() : Math.min(config.getLogTestSize(), test.size());
      entry.setTestAccuracy(testAccuracy(s.discriminators, count, manager));
      if (s.supervised != null) {
        entry.setSupervisedTestAccuracy(testAccuracy(List.of(s.supervised), count, manager));
      }
    }
    return entry.build();
  }

  /**
   * Each discriminator's penultimate features of the real batch after its step, a constant for the
   * generators that match them (training mode, as the reference computes them).
   */
  private static List<NDArray> realFeatures(List<Network> discriminators, NDArray real) {
    List<NDArray> features = new ArrayList<>();
    for (Network d : discriminators) {
      features.add(d.forwardWithFeatures(real, true).features().stopGradient());
    }
    return features;
  }

  private static List<Integer> allDiscriminators(State s) {
    return IntStream.range(0, s.discriminators.size()).boxed().toList();
  }

  /** Accuracy of the mean softmax of {@code discriminators} (the current model average) on the first test images. */
  private double testAccuracy(List<Network> discriminators, int count, NDManager manager) {
    float[] mean = null;
    for (Network d : discriminators) {
      float[] probs = DiscriminatorClassifier.probabilities(d, test, count, manager);
      if (mean == null) {
        mean = new float[probs.length];
      }
      for (int i = 0; i < probs.length; i++) {
        mean[i] += probs[i] / discriminators.size();
      }
    }
    return DiscriminatorClassifier.accuracy(mean, objective.firstClassOutput(), test.labels(), count);
  }

  private double batchAccuracy(NDArray logits, int[] idx) {
    return DiscriminatorClassifier.accuracy(logits.softmax(1).toFloatArray(), objective.firstClassOutput(),
        train.labelsOf(idx), idx.length);
  }

  /** W-DCGAN's Lipschitz constraint, unless the gradient penalty replaces it. */
  private boolean clipsWeights() {
    return config.getWasserstein() && config.getGradientPenalty() == 0;
  }

  /** Clamps every trainable weight of the critic to [-c, c] in place (0 * w + clip(w) keeps the array and is exact). */
  private static void clip(Network critic, float c) {
    for (NDArray w : critic.trainable()) {
      try (NDArray clipped = w.clip(-c, c)) {
        w.muli(0f).addi(clipped);
      }
    }
  }

  private static float finite(String what, float value, int t) {
    if (!Float.isFinite(value)) {
      throw new TrainingDivergedException(what + " is " + value + " at iteration " + (t + 1)
          + "; the last saved checkpoint is kept");
    }
    return value;
  }

  /** The output of each label: shifted past ORIG's fake output. */
  private int[] classOutputs(int[] labels) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i] + objective.firstClassOutput();
    }
    return out;
  }

  private static void zeroGradients(Network network) {
    for (NDArray w : network.trainable()) {
      JniUtils.zeroGrad((PtNDArray) w);
    }
  }

  private void saveSample(State s, int iteration) throws IOException {
    Path dir = ModelLayout.sampleDir(workDir, iteration);
    Files.createDirectories(dir);
    for (int i = 0; i < s.generators.size(); i++) {
      s.generators.get(i).save(ModelLayout.generator(dir, i));
    }
    for (int k = 0; k < s.discriminators.size(); k++) {
      s.discriminators.get(k).save(ModelLayout.discriminator(dir, k, TrainStage.VERSION));
    }
    if (s.supervised != null) {
      Path file = workDir.resolve(ModelLayout.SUPERVISED);
      Files.createDirectories(file.getParent());
      s.supervised.save(file);
    }
  }

  private void writeLog(TrainingLog log) throws IOException {
    Path file = workDir.resolve(ModelLayout.TRAINING_LOG);
    Path tmp = workDir.resolve(ModelLayout.TRAINING_LOG + ".part");
    ProtoJson.write(tmp, log);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The log up to the checkpoint; samples saved after it (by a run killed before its checkpoint) are dropped. */
  private TrainingLog.Builder readLog(int checkpointIteration) throws IOException {
    TrainingLog.Builder log = TrainingLog.newBuilder();
    Path file = workDir.resolve(ModelLayout.TRAINING_LOG);
    if (checkpointIteration > 0 && Files.exists(file)) {
      ProtoJson.read(file, log);
    }
    List<TrainingLogEntry> kept = log.getEntriesList().stream()
        .filter(e -> e.getIteration() <= checkpointIteration).toList();
    log.clearEntries().addAllEntries(kept);
    Path samples = workDir.resolve(ModelLayout.SAMPLES);
    if (Files.isDirectory(samples)) {
      try (Stream<Path> dirs = Files.list(samples)) {
        for (Path dir : dirs.toList()) {
          int iteration = Integer.parseInt(dir.getFileName().toString().substring("iter-".length()));
          if (iteration > checkpointIteration) {
            FileTrees.deleteRecursively(dir);
          }
        }
      }
    }
    return log;
  }

  /** The networks and samplers of a run, and their checkpoint. */
  private final class State {
    final List<Network> generators = new ArrayList<>();
    final List<SghmcSampler> generatorSamplers = new ArrayList<>();
    final List<Network> discriminators = new ArrayList<>();
    final List<SghmcSampler> discriminatorSamplers = new ArrayList<>();
    final Network supervised;
    final SghmcSampler supervisedSampler;
    final NDManager manager;

    State(NDManager manager) {
      this.manager = manager;
      SamplerSettings settings = SamplerSettings.of(config);
      for (int i = 0; i < networks.generatorCount(); i++) {
        Network g = networks.generator(manager, i);
        generators.add(g);
        generatorSamplers.add(new SghmcSampler(settings, g.trainable(), manager));
      }
      for (int k = 0; k < networks.discriminatorCount(); k++) {
        Network d = networks.discriminator(manager, k);
        discriminators.add(d);
        discriminatorSamplers.add(new SghmcSampler(settings, d.trainable(), manager));
      }
      if (semi() && config.getSupervisedBaseline()) {
        supervised = networks.supervised(manager);
        // The baseline is a point estimate: Adam throughout, no prior, no noise.
        SamplerSettings adam = new SamplerSettings(SamplerSettings.Optimizer.ADAM, 0, 0, settings.alpha(),
            settings.eta(), settings.priorStd(), true);
        supervisedSampler = new SghmcSampler(adam, supervised.trainable(), manager);
      } else {
        supervised = null;
        supervisedSampler = null;
      }
    }

    private List<Pair<String, NDArray>> arrays() {
      List<Pair<String, NDArray>> all = new ArrayList<>();
      for (int i = 0; i < generators.size(); i++) {
        add(all, "generator/" + i + "/", generators.get(i).state());
        add(all, "generator_sampler/" + i + "/", generatorSamplers.get(i).state());
      }
      for (int k = 0; k < discriminators.size(); k++) {
        add(all, "discriminator/" + k + "/", discriminators.get(k).state());
        add(all, "discriminator_sampler/" + k + "/", discriminatorSamplers.get(k).state());
      }
      if (supervised != null) {
        add(all, "supervised/", supervised.state());
        add(all, "supervised_sampler/", supervisedSampler.state());
      }
      return all;
    }

    private List<SghmcSampler> samplers() {
      List<SghmcSampler> all = new ArrayList<>(generatorSamplers);
      all.addAll(discriminatorSamplers);
      if (supervisedSampler != null) {
        all.add(supervisedSampler);
      }
      return all;
    }

    void checkpoint(int iteration) throws IOException {
      try (NDManager scratch = manager.newSubManager()) {
        List<Pair<String, NDArray>> all = arrays();
        all.add(new Pair<>("meta/iteration", scratch.create((long) iteration)));
        List<SghmcSampler> samplers = samplers();
        for (int i = 0; i < samplers.size(); i++) {
          all.add(new Pair<>("meta/adam_steps/" + i, scratch.create(samplers.get(i).adamSteps())));
        }
        TensorFile.write(workDir.resolve(CHECKPOINT), all);
      }
    }

    /** Loads the checkpoint if there is one; returns the number of iterations it holds (0 if none). */
    int restore() throws IOException {
      Path file = workDir.resolve(CHECKPOINT);
      if (!Files.exists(file)) {
        return 0;
      }
      try (NDManager scratch = manager.newSubManager()) {
        Map<String, NDArray> saved = TensorFile.read(file, scratch).stream()
            .collect(Collectors.toMap(Pair::getKey, Pair::getValue, (a, b) -> a, HashMap::new));
        TensorFile.copyInto(arrays(), saved, file.toString());
        List<SghmcSampler> samplers = samplers();
        for (int i = 0; i < samplers.size(); i++) {
          samplers.get(i).restoreAdamSteps(saved.get("meta/adam_steps/" + i).getLong());
        }
        return (int) saved.get("meta/iteration").getLong();
      }
    }

    private void add(List<Pair<String, NDArray>> all, String prefix, List<Pair<String, NDArray>> arrays) {
      for (Pair<String, NDArray> a : arrays) {
        all.add(new Pair<>(prefix + a.getKey(), a.getValue()));
      }
    }
  }
}
