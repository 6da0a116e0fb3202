#!/usr/bin/env python3
"""The pandas + matplotlib side of scripts/bench_charts.sh.

Reads the same survey CSV as charts/internal/benchcmd, computes each
question's weighted mean and score counts, and draws a means bar chart on
a fixed 1-6 axis and a diverging stacked bar, both at 1280x720 PNG.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

QS = ["q1", "q2", "q3", "q4"]
COLOURS = ["#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#009E73", "#0072B2"]


def main(path, out):
    df = pd.read_csv(path)
    means = df[QS].mean()  # NaN (unanswered) is skipped, as in Liaison
    counts = pd.DataFrame({q: df[q].value_counts().reindex(range(1, 7), fill_value=0) for q in QS}).T
    n = counts.sum(axis=1)

    fig, ax = plt.subplots(figsize=(12.8, 7.2), dpi=100)
    ax.barh(QS, means - 1, left=1, color="#0072B2")
    ax.set_xlim(1, 6)
    for i, q in enumerate(QS):
        ax.text(means[q] + 0.05, i, f"{means[q]:.2f} (n = {n[q]})", va="center")
    ax.set_title("Feedback: weighted mean score per question")
    fig.savefig(f"{out}/py-means.png")
    plt.close(fig)

    share = counts.div(n, axis=0)
    fig, ax = plt.subplots(figsize=(12.8, 7.2), dpi=100)
    left = -share[[1, 2, 3]].sum(axis=1)
    for s in range(1, 7):
        ax.barh(QS, share[s], left=left, color=COLOURS[s - 1], label=str(s))
        for i, q in enumerate(QS):
            if share.loc[q, s] > 0.05:
                ax.text(left[q] + share.loc[q, s] / 2, i, f"{share.loc[q, s]:.0%}", ha="center", va="center")
        left = left + share[s]
    ax.axvline(0, color="black")
    ax.legend(title="Score", ncol=6)
    ax.set_title("Feedback: how each question was scored")
    fig.savefig(f"{out}/py-diverging.png")
    plt.close(fig)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
