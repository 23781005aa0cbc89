package io.mediamon.bench;

import java.util.Arrays;

/** Precision and recall of a labelled set: copies found of those made (by kind), and pairs wrongly judged copies. */
record Scores(int[] found, int[] copies, int falsePositives) {
  int positives() {
    return Arrays.stream(copies).sum();
  }

  int truePositives() {
    return Arrays.stream(found).sum();
  }

  double recall() {
    return (double) truePositives() / positives();
  }

  double precision() {
    return (double) truePositives() / (truePositives() + falsePositives);
  }
}
