package org.elusive.sloth;

/**
 * Where each parameter of one Sloth fit lives in its flat vector, in this order: W_X (p×k), W_D (f×k),
 * the loadings Λ (k×J), the bias b (J), the floors' logits (J) and, for the trainable link, its six
 * tensors per benchmark: w1 (J×H), b1 (J×H), w2 (J×H×H, input-major), b2 (J×H), w3 (J×H), b3 (J).
 * One flat vector per fit keeps Adam, the clamp and the best snapshot to a loop over one array.
 */
record Layout(int p, int f, int k, int nb, int h, boolean trainsLoadings, boolean trainsFloor, boolean link) {

    int wX() { return 0; }

    int wD() { return p * k; }

    int loadings() { return wD() + f * k; }

    int bias() { return loadings() + k * nb; }

    int floor() { return bias() + nb; }

    int w1() { return floor() + nb; }

    int b1() { return w1() + nb * h; }

    int w2() { return b1() + nb * h; }

    int b2() { return w2() + nb * h * h; }

    int w3() { return b2() + nb * h; }

    int b3() { return w3() + nb * h; }

    int size() { return link ? b3() + nb : w1(); }

    /**
     * Whether Adam updates element e: Λ only in joint fits of several benchmarks (one benchmark keeps
     * Λ = 1, as the paper's code), the floors only where the spec fits them, everything else always.
     */
    boolean trained(int e) {
        if (e >= loadings() && e < bias()) return trainsLoadings;
        if (e >= floor() && e < w1()) return trainsFloor;
        return true;
    }

    /** The link's weights (not its biases) are projected onto ≥ 0 after every step, keeping it increasing. */
    boolean nonNegative(int e) {
        return link && (e >= w1() && e < b1() || e >= w2() && e < b2() || e >= w3() && e < b3());
    }
}
