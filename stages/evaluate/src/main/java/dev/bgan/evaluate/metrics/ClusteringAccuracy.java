package dev.bgan.evaluate.metrics;

/**
 * Unsupervised clustering accuracy: the fraction of points whose cluster, mapped one-to-one to a
 * label by the mapping that agrees with the labels most often (Hungarian algorithm on the
 * cluster x label contingency table), is their label. InfoGAN's measure of its categorical code.
 */
public record ClusteringAccuracy(double accuracy, int[] labelOfCluster) {
  /** {@code clusters[i]} in [0, clusterCount), {@code labels[i]} in [0, labelCount), clusterCount <= labelCount. */
  public static ClusteringAccuracy of(int[] clusters, int[] labels, int clusterCount, int labelCount) {
    if (clusters.length != labels.length || clusters.length == 0) {
      throw new IllegalArgumentException("needs as many clusters as labels, at least one: got " + clusters.length
          + " and " + labels.length);
    }
    double[][] counts = new double[clusterCount][labelCount];
    for (int i = 0; i < clusters.length; i++) {
      counts[clusters[i]][labels[i]]++;
    }
    int[] mapping = OptimalAssignment.maximize(counts);
    double agree = 0;
    for (int k = 0; k < clusterCount; k++) {
      agree += counts[k][mapping[k]];
    }
    return new ClusteringAccuracy(agree / clusters.length, mapping);
  }
}
