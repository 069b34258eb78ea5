package dev.bgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import dev.bgan.common.FileTrees;
import dev.bgan.common.Progress;
import dev.bgan.common.ProtoJson;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.tensorboard.TensorBoardEvents;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Heads;
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
import java.util.TreeMap;
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
  private Path tensorBoardDir;
  private final GanObjective objective;
  private final PhaseClock clock = new PhaseClock();
  private final DiscriminatorStep discriminatorStep;
  private final GeneratorStep generatorStep;
  private final BaselineStep baselineStep;

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
    this.discriminatorStep = new DiscriminatorStep(objective, config.getGradientPenalty(), config.getSemiSupervised());
    this.generatorStep = new GeneratorStep(objective);
    this.baselineStep = new BaselineStep(objective);
  }

  private boolean semi() {
    return config.getSemiSupervised();
  }

  /**
   * Also appends each logged entry, with the current wall time, to a new TensorBoard event file in
   * {@code dir} (outside the work directory: nothing in the model's payload changes); null writes none.
   */
  public BayesianGanTrainer withTensorBoard(Path dir) {
    this.tensorBoardDir = dir;
    return this;
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
      try (Progress progress = Progress.start("train", config.getTrainIter(), start, "it");
          TensorBoardEvents.Appender events = tensorBoardDir == null ? null : TensorBoardEvents.append(tensorBoardDir)) {
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
            if (events != null) {
              events.add(entry);
            }
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

  /** Wall times of timed iterations: each one's, and their sum per phase. */
  public record Timing(double[] iterationMs, java.util.Map<PhaseClock.Phase, Double> phaseMs) {}

  /**
   * Runs {@code warmup} untimed iterations, then {@code timed} timed ones; saves nothing. For
   * benchmarks: the same step as training, on whatever data the trainer was given. {@code
   * afterIteration} sees each iteration's number (from 1) once it is done, for memory probes.
   */
  public Timing timeIterations(int warmup, int timed, java.util.function.IntConsumer afterIteration) {
    Engine engine = TorchRuntime.engine();
    double[] ms = new double[timed];
    try (NDManager manager = NDManager.newBaseManager(TorchRuntime.device(config.getDevice()), "PyTorch")) {
      State state = new State(manager);
      for (int t = 0; t < warmup + timed; t++) {
        if (t == warmup) {
          clock.reset();
        }
        long start = System.nanoTime();
        step(engine, state, t, false, manager);
        if (t >= warmup) {
          ms[t - warmup] = (System.nanoTime() - start) / 1e6;
        }
        afterIteration.accept(t + 1);
      }
    }
    return new Timing(ms, clock.millis());
  }

  double learningRate(int t) {
    return config.getLr() * decay(t);
  }

  /** The generators' step size: gen_lr on lr's schedule where set, else lr_t itself. */
  double generatorLearningRate(int t) {
    return config.hasGenLr() ? config.getGenLr() * decay(t) : learningRate(t);
  }

  private double decay(int t) {
    double progress = Math.min(1.0, (double) t * config.getBatchSize() / train.size());
    return Math.exp(-config.getLrDecay() * progress);
  }

  private TrainingLogEntry step(Engine engine, State s, int t, boolean measure, NDManager manager) {
    clock.restart();
    long seed = Seeds.child(config.getRandomSeed(), "iteration", t);
    engine.setRandomSeed((int) seed);
    double lr = learningRate(t);
    TrainingLogEntry.Builder entry = TrainingLogEntry.newBuilder().setIteration(t + 1).setLearningRate(lr);
    try (NDManager step = manager.newSubManager()) {
      Batch batch = draw(new SplittableRandom(seed), s, step);
      stepDiscriminators(engine, s, batch, t, lr, measure, entry, step);
      stepGenerators(engine, s, batch, t, generatorLearningRate(t), measure, entry, step);
      if (s.supervised != null) {
        BaselineStep.Stats stats = baselineStep.run(engine, s.supervised, batch, measure);
        clock.charge(PhaseClock.Phase.BASELINE);
        s.supervisedSampler.step(s.supervised.trainable(), t, lr, labeled.length, step);
        clock.charge(PhaseClock.Phase.SAMPLER);
        if (measure) {
          entry.setSupervisedLoss(stats.loss()).setSupervisedTrainAccuracy(stats.trainAccuracy());
        }
      }
    }
    if (measure && semi()) {
      int count = config.getLogTestSize() == 0 ? test.size() : Math.min(config.getLogTestSize(), test.size());
      entry.setTestAccuracy(testAccuracy(s.discriminators, count, manager));
      if (s.supervised != null) {
        entry.setSupervisedTestAccuracy(testAccuracy(List.of(s.supervised), count, manager));
      }
    }
    clock.charge(PhaseClock.Phase.OTHER);
    return entry.build();
  }

  /**
   * The iteration's batches, latent draws, conditioning and fakes, all from the iteration's seed (z
   * from the engine's generator, indices and conditioning from {@code random}).
   */
  private Batch draw(SplittableRandom random, State s, NDManager step) {
    int size = config.getBatchSize();
    int[] unlabeledIdx = random.ints(size, 0, train.size()).toArray();
    int[] labeledIdx = new int[size];
    for (int i = 0; i < size; i++) {
      labeledIdx[i] = labeled[random.nextInt(labeled.length)];
    }
    NDArray real = train.batch(step, unlabeledIdx);
    Conditioning realConditioning = objective.readsRealClasses()
        ? Conditioning.ofClasses(train.labelsOf(unlabeledIdx)) : Conditioning.NONE;
    NDArray labeledImages = train.batch(step, labeledIdx);
    int[] classes = train.labelsOf(labeledIdx);
    NDArray labeledOutputs = step.create(classOutputs(classes));
    ConditioningSampler sampler = networks.conditioning();
    List<NDArray> latents = new ArrayList<>();
    List<Conditioning> conditioning = new ArrayList<>();
    for (int i = 0; i < s.generators.size(); i++) {
      NDArray z = step.randomUniform(-1f, 1f, new Shape(size, config.getZDim()), DataType.FLOAT32);
      Conditioning c = sampler.draw(size, random);
      conditioning.add(c);
      latents.add(sampler.input(z, c));
    }
    clock.charge(PhaseClock.Phase.OTHER);
    List<NDArray> fakes = new ArrayList<>();
    for (int i = 0; i < s.generators.size(); i++) {
      fakes.add(s.generators.get(i).forward(latents.get(i), true));
    }
    clock.charge(PhaseClock.Phase.FAKES);
    return new Batch(real, realConditioning, labeledImages, labeledOutputs, classes, latents, conditioning, fakes);
  }

  /** Each discriminator's gradient and sampler step; their mean losses and scores into the log entry. */
  private void stepDiscriminators(Engine engine, State s, Batch batch, int t, double lr, boolean measure,
      TrainingLogEntry.Builder entry, NDManager step) {
    int count = s.discriminators.size();
    double loss = 0;
    double real = 0;
    double fake = 0;
    double accuracy = 0;
    Map<String, Double> terms = new TreeMap<>();
    for (int k = 0; k < count; k++) {
      Network d = s.discriminators.get(k);
      List<Integer> opponents = networks.ensemble() ? List.of(k) : allGenerators(s);
      DiscriminatorStep.Stats stats = discriminatorStep.run(engine, d, "discriminator " + k, opponents, batch,
          measure, t, step);
      clock.charge(PhaseClock.Phase.DISCRIMINATOR);
      s.discriminatorSamplers.get(k).step(d.trainable(), t, lr, train.size(), step);
      if (clipsWeights()) {
        clip(d, (float) config.getClip());
      }
      clock.charge(PhaseClock.Phase.SAMPLER);
      if (measure) {
        loss += stats.loss() / count;
        real += stats.realScore() / count;
        fake += stats.fakeScore() / count;
        accuracy += stats.trainAccuracy() / count;
        stats.terms().forEach((name, value) -> terms.merge(name, value / count, Double::sum));
      }
    }
    if (measure) {
      entry.setDLoss(loss).setDReal(real).setDFake(fake);
      if (semi()) {
        entry.setTrainAccuracy(accuracy);
      }
      if (!terms.isEmpty()) {
        entry.getTermsBuilder().putAllDiscriminator(terms);
      }
    }
  }

  /**
   * Each generator's gradient and sampler step, with the discriminators' weight gradients off (a
   * generator's step needs their input gradients only); the mean loss into the log entry.
   */
  private void stepGenerators(Engine engine, State s, Batch batch, int t, double lr, boolean measure,
      TrainingLogEntry.Builder entry, NDManager step) {
    List<Heads> realHeads = realHeads(s.discriminators, batch.real());
    s.discriminators.forEach(d -> d.recordWeightGradients(false));
    double loss = 0;
    Map<String, Double> terms = new TreeMap<>();
    int count = s.generators.size();
    for (int i = 0; i < count; i++) {
      Network g = s.generators.get(i);
      // Every generator tries to fool every discriminator (the mean of its losses); an ensemble member only its own.
      List<Integer> opponents = networks.ensemble() ? List.of(i) : allDiscriminators(s);
      GeneratorStep.Stats stats = generatorStep.run(engine, g, "generator " + i, batch.latents().get(i),
          batch.conditioning().get(i), s.discriminators, opponents, realHeads, measure, t);
      clock.charge(PhaseClock.Phase.GENERATOR);
      s.generatorSamplers.get(i).step(g.trainable(), t, lr, config.getGenObserved(), step);
      clock.charge(PhaseClock.Phase.SAMPLER);
      if (measure) {
        loss += stats.loss();
        stats.terms().forEach((name, value) -> terms.merge(name, value / count, Double::sum));
      }
    }
    s.discriminators.forEach(d -> d.recordWeightGradients(true));
    entry.setGLoss(loss / count);
    if (!terms.isEmpty()) {
      entry.getTermsBuilder().putAllGenerator(terms);
      entry.getTermsBuilder().putAllMeasures(objective.measures(terms));
    }
  }

  /**
   * Each discriminator's penultimate features of the real batch after its step, constants for the
   * generators that match them (training mode, as the reference computes them); none unless the
   * objective matches features.
   */
  private List<Heads> realHeads(List<Network> discriminators, NDArray real) {
    if (!objective.readsFeatures()) {
      return List.of();
    }
    List<Heads> heads = new ArrayList<>();
    for (Network d : discriminators) {
      heads.add(Heads.of(Heads.FEATURES, d.heads(real, true, true).features().stopGradient()));
    }
    return heads;
  }

  private static List<Integer> allDiscriminators(State s) {
    return IntStream.range(0, s.discriminators.size()).boxed().toList();
  }

  private static List<Integer> allGenerators(State s) {
    return IntStream.range(0, s.generators.size()).boxed().toList();
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

  /** The output of each label: shifted past ORIG's fake output. */
  private int[] classOutputs(int[] labels) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i] + objective.firstClassOutput();
    }
    return out;
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
