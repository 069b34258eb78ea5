package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import dev.bgan.train.nn.InfoganFamily;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * InfoGAN (Chen et al. 2016): the sigmoid GAN's losses on the discriminator's one logit l, and
 * lambda L_I on Q's heads for fakes, added to both the discriminator's loss (it trains Q and the
 * trunk Q shares) and the generator's, with the continuous codes' part weighted by w:
 *
 * <pre>
 *   d_loss_real = mean softplus(-l(x))      d_loss_fake = mean softplus(l(G(z, c)))
 *   g_loss      = mean softplus(-l(G(z, c)))                    (the non-saturating loss)
 *   L_I = CE(q_logits, c_cat) + w mean_i sum_j [log s_ij + ln(2 pi)/2 + (c_ij - mu_ij)^2 / (2 s_ij^2)]
 * </pre>
 *
 * with s = exp(q_log_std): -log Q(c | G(z, c)) of the categorical code and of the continuous codes'
 * Gaussians. w (--info_continuous_weight, 0.1 unless set) follows the paper's advice that continuous
 * codes take a smaller weight: their Gaussian NLL has no lower bound (s -> 0), and with w = 1 it
 * outweighed the adversarial losses (measured: the generator's samples faded to noise while the
 * bound of the continuous codes rose past 3 nats). With --info_fixed_std, s = 1 (the authors' MNIST
 * experiment): the NLL is bounded below and q_log_std is not read. The two parts are logged as terms
 * info_categorical and info_continuous (as added to the losses); the log shows beside them the
 * mutual-information lower bounds H(c) - L_I of each part, unweighted (ln 10 at most for the
 * categorical code; H = ln 2 per U(-1, 1) code, which the bound of a differential entropy can exceed).
 */
final class InfoganObjective implements GanObjective {
  static final double DEFAULT_LAMBDA = 1;
  static final double DEFAULT_CONTINUOUS_WEIGHT = 0.1;
  static final String CATEGORICAL = "info_categorical";
  static final String CONTINUOUS = "info_continuous";
  static final String MI_CATEGORICAL = "mi_categorical";
  static final String MI_CONTINUOUS = "mi_continuous";
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private final double lambda;
  private final double continuousWeight;
  private final boolean fixedStd;

  InfoganObjective(double lambda, double continuousWeight, boolean fixedStd) {
    this.lambda = lambda;
    this.continuousWeight = continuousWeight;
    this.fixedStd = fixedStd;
  }

  static InfoganObjective of(TrainConfig config) {
    return new InfoganObjective(config.hasInfoLambda() ? config.getInfoLambda() : DEFAULT_LAMBDA,
        config.hasInfoContinuousWeight() ? config.getInfoContinuousWeight() : DEFAULT_CONTINUOUS_WEIGHT,
        config.getInfoFixedStd());
  }

  @Override
  public NDArray realLoss(Heads real) {
    return Activation.softPlus(real.logits().neg()).mean();
  }

  @Override
  public NDArray fakeLoss(Heads fake) {
    return Activation.softPlus(fake.logits()).mean();
  }

  @Override
  public NDArray generatorLoss(Heads fake, Heads real) {
    return Activation.softPlus(fake.logits().neg()).mean();
  }

  @Override
  public double score(Heads heads) {
    return Activation.sigmoid(heads.logits()).mean().getFloat();
  }

  @Override
  public SortedMap<String, NDArray> discriminatorTerms(Heads real, Conditioning realConditioning, List<Heads> fakes,
      List<Conditioning> fakeConditioning) {
    // Q reads fakes only: their codes are known. Mean over the generators faced, as for the fake loss.
    SortedMap<String, NDArray> sum = new TreeMap<>();
    for (int i = 0; i < fakes.size(); i++) {
      generatorTerms(fakes.get(i), fakeConditioning.get(i)).forEach((name, term) -> sum.merge(name, term, NDArray::add));
    }
    SortedMap<String, NDArray> mean = new TreeMap<>();
    sum.forEach((name, term) -> mean.put(name, term.div(Scalars.of(term, fakes.size()))));
    return mean;
  }

  @Override
  public SortedMap<String, NDArray> generatorTerms(Heads fake, Conditioning conditioning) {
    NDArray categorical = categoricalLoss(fake.get(InfoganFamily.Q_LOGITS), conditioning.categories());
    NDArray mean = fake.get(InfoganFamily.Q_MEAN);
    NDArray continuous = continuousLoss(mean, fixedStd ? mean.zerosLike() : fake.get(InfoganFamily.Q_LOG_STD),
        conditioning.continuous());
    SortedMap<String, NDArray> terms = new TreeMap<>();
    terms.put(CATEGORICAL, categorical.mul(Scalars.of(categorical, lambda)));
    terms.put(CONTINUOUS, continuous.mul(Scalars.of(continuous, lambda * continuousWeight)));
    return terms;
  }

  @Override
  public SortedMap<String, Double> measures(Map<String, Double> generatorTerms) {
    SortedMap<String, Double> bounds = new TreeMap<>();
    bounds.put(MI_CATEGORICAL, Math.log(InfoganFamily.CATEGORIES) - generatorTerms.get(CATEGORICAL) / lambda);
    bounds.put(MI_CONTINUOUS, InfoganFamily.CONTINUOUS * Math.log(2) - generatorTerms.get(CONTINUOUS) / (lambda * continuousWeight));
    return bounds;
  }

  /** Softmax cross-entropy of the categorical codes, batch mean. */
  static NDArray categoricalLoss(NDArray logits, int[] codes) {
    NDManager manager = logits.getManager();
    NDArray oneHot = manager.create(codes).oneHot((int) logits.getShape().get(1));
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
  }

  /** Gaussian negative log-likelihood of the continuous codes, summed over codes, batch mean. */
  static NDArray continuousLoss(NDArray mean, NDArray logStd, float[][] codes) {
    NDArray c = mean.getManager().create(codes);
    NDArray z = c.sub(mean).mul(logStd.neg().exp());
    NDArray perCode = logStd.add(Scalars.of(logStd, HALF_LOG_TWO_PI)).add(z.square().mul(Scalars.of(z, 0.5)));
    return perCode.sum(new int[] {1}).mean();
  }
}
