package dev.bgan.cli;

import java.util.Map;

/** One-line help for config fields and stage options, by name. */
final class OptionHelp {
  private static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("semi_supervised", "semi-supervised: labeled cross-entropy on the K classes beside the GAN losses"),
      Map.entry("N", "number of labeled training examples, class-balanced"),
      Map.entry("numz", "J: generator weight samples"),
      Map.entry("num_mcmc", "M: MCMC samples per generator"),
      Map.entry("train_iter", "training iterations"),
      Map.entry("batch_size", "minibatch size"),
      Map.entry("z_dim", "latent dimension"),
      Map.entry("lr", "base learning rate"),
      Map.entry("lr_epoch_factor", "train-classifier: each epoch's step size is the previous one's times this"),
      Map.entry("lr_decay", "lr_t = lr * exp(-lr_decay * min(1, t * batch_size / dataset_size))"),
      Map.entry("optimizer", "sgd (reference: momentum + noise), adam (Adam + noise) or sghmc (textbook)"),
      Map.entry("adam_warmup", "iterations that use Adam before the optimizer takes over (reference: 5000)"),
      Map.entry("momentum", "momentum of the sgd sampler"),
      Map.entry("alpha", "SGHMC friction; noise ~ N(0, 2 alpha eta)"),
      Map.entry("eta", "SGHMC noise step size of the reference samplers"),
      Map.entry("prior_std", "standard deviation of the Gaussian weight prior"),
      Map.entry("gen_observed", "N_obs of the generator's prior and noise"),
      Map.entry("ml", "maximum likelihood: no prior, no noise"),
      Map.entry("n_save", "save posterior samples and log every n_save iterations"),
      Map.entry("random_seed", "seed of the run"),
      Map.entry("gf_dim", "generator width (feature maps of its last hidden layer)"),
      Map.entry("df_dim", "discriminator width (feature maps of its first layer)"),
      Map.entry("supervised_baseline", "also train the supervised-only baseline on the labeled examples"),
      Map.entry("log_test_size", "test images for the accuracy logged during training (0 = all)"),
      Map.entry("arch", "network family: orig or head (images), fc (points); default: by the dataset's kind"),
      Map.entry("objective", "orig (K+1 outputs, class 0 = fake; the default) or head (K outputs, implicit fake"
          + " class, feature matching)"),
      Map.entry("burn_in", "fraction of the saved samples, oldest first, left out of model averaging"),
      Map.entry("grid_side", "sample grid side (grid_side^2 images per generator sample)"),
      Map.entry("metrics",
          "comma-separated: accuracy, grid, fid, is, interp (fid and is need --classifier or --feature-net)"),
      Map.entry("num_samples", "FID/IS: images per generator sample and in the pooled set; real test images compared"),
      Map.entry("interp_pairs", "interpolation grid rows (pairs of latent vectors)"),
      Map.entry("interp_steps", "interpolation grid columns (steps from one latent vector to the other)"),
      Map.entry("calibration_bins", "accuracy: equal-width confidence bins of the ECE and reliability diagram"),
      Map.entry("diagnostic_points",
          "accuracy: first test points whose true-class probability gets a split R-hat and bulk ESS"),
      Map.entry("feature-net",
          "FID/IS: a TorchScript Inception-v3 file (pool3 output; a second output = logits) instead of a classifier"),
      Map.entry("title", "report title"),
      Map.entry("num_shards", "TFRecord shards per split"),
      Map.entry("dataset", "dataset name"),
      Map.entry("source", "directory holding the raw dataset files"),
      Map.entry("download", "download the raw files from the standard locations (true/false)"),
      Map.entry("train-x", "npy: train images, a .npy array (n, h, w, c) or (n, h, w) of any numeric dtype"),
      Map.entry("train-y", "npy: train labels, a .npy array (n,) or (n, 1) of whole numbers from 0"),
      Map.entry("test-x", "npy: test images, shaped as the train images"),
      Map.entry("test-y", "npy: test labels"),
      Map.entry("name", "npy, folder: the dataset's name ([a-z0-9_-]; the stage is prepare/NAME)"),
      Map.entry("extra", "SVHN: append extra_32x32.mat (531,131 images) to the train split"),
      Map.entry("size", "CelebA: side of the face crops, 50 (ORIG, default) or 32 (HEAD)"),
      Map.entry("attributes",
          "CelebA: attributes whose bits make the label (default blond,eyeglasses,male,pale,young)"),
      Map.entry("cascade", "CelebA: OpenCV Haar cascade (default: opencv-data's haarcascade_frontalface_default.xml)"),
      Map.entry("runner", "Beam runner: direct (default) or flink"),
      Map.entry("flink-master", "Flink master: [local] (embedded, default) or host:port of a cluster"),
      Map.entry("parallelism", "Flink parallelism (default: the number of cores)"));

  private OptionHelp() {}

  static String describe(String name) {
    return HELP.getOrDefault(name, name);
  }
}
