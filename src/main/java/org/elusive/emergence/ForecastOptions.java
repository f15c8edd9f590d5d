package org.elusive.emergence;

/**
 * Options of Slice-and-Sandwich (fit_cluster.py of Wu & Lo 2024).
 *
 * @param threshold   emergence threshold T in log10(FLOPs / 1e21); models below it are the training split
 * @param randomGuess accuracy of random guessing, the floor of the sigmoid baseline
 * @param easyDegree  degree of the polynomial for the easy (first) group; the paper uses 5
 * @param hardDegree  degree of the polynomial for the hard (last) group; the paper uses 2
 * @param hardLift    Appendix G.2: predict TC Brier from the hard group alone, lifted by the train-mean gap
 * @param clip        clip the fitted accuracy law at 1 (the paper's clip_scaling_law)
 * @param calibrate   shift the accuracy law so its train mean equals the observed one (fit_cluster.py does;
 *                    fit_cluster_robustness_threshold.py does not)
 */
public record ForecastOptions(double threshold, double randomGuess, int easyDegree, int hardDegree,
                              boolean hardLift, boolean clip, boolean calibrate) {

    public static ForecastOptions paper(double threshold, double randomGuess) {
        return new ForecastOptions(threshold, randomGuess, 5, 2, false, false, true);
    }

    public ForecastOptions withDegrees(int easy, int hard) {
        return new ForecastOptions(threshold, randomGuess, easy, hard, hardLift, clip, calibrate);
    }
}
