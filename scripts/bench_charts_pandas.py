#!/usr/bin/env python3
"""The pandas + matplotlib peer of `liaison import feedback` + `liaison charts`.

Used by scripts/bench_charts.sh. Reads a forms export (the same file the
liaison commands import), finds the four published questions and the role
column by their headers, computes each question's weighted mean and score
counts and the responses per role, and draws a means bar chart on a fixed
1-6 axis, a diverging stacked bar and a bar of responses by role, each as
a 1920x1080 PNG and an SVG, as `liaison charts` writes its charts.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

QUESTIONS = [
    "Would you support a regular primary–secondary care forum?",
    "Did you find the scheme useful?",
    "How likely are you to take part again?",
    "Will you consider new ways of working as a result of better relationships?",
]
COLOURS = ["#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#009E73", "#0072B2"]


def save(fig, out, name):
    fig.savefig(f"{out}/{name}.png")
    fig.savefig(f"{out}/{name}.svg")
    plt.close(fig)


def main(path, out):
    df = pd.read_csv(path, encoding="utf-8-sig")
    qs = [q for q in QUESTIONS if q in df.columns]
    means = df[qs].mean()  # NaN (unanswered) is skipped, as in Liaison
    counts = pd.DataFrame({q: df[q].value_counts().reindex(range(1, 7), fill_value=0) for q in qs}).T
    n = counts.sum(axis=1)
    labels = [f"Q{i + 1}" for i in range(len(qs))]

    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    ax.barh(labels, means - 1, left=1, color="#0072B2")
    ax.set_xlim(1, 6)
    for i, q in enumerate(qs):
        ax.text(means[q] + 0.05, i, f"{means[q]:.2f} (n = {n[q]:,})", va="center")
    ax.set_title("Feedback: weighted mean score per question")
    save(fig, out, "py-means")

    share = counts.div(n, axis=0)
    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    left = -share[[1, 2, 3]].sum(axis=1)
    for s in range(1, 7):
        ax.barh(labels, share[s], left=left, color=COLOURS[s - 1], label=str(s))
        for i, q in enumerate(qs):
            if share.loc[q, s] > 0.05:
                ax.text(left[q] + share.loc[q, s] / 2, i, f"{share.loc[q, s]:.0%}", ha="center", va="center")
        left = left + share[s]
    ax.axvline(0, color="black")
    ax.legend(title="Score", ncol=6)
    ax.set_title("Feedback: how each question was scored")
    save(fig, out, "py-diverging")

    roles = df["Role"].fillna("Not given").value_counts()
    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    ax.bar(roles.index, roles.values, color="#0072B2")
    ax.set_title("Responses by role")
    save(fig, out, "py-roles")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
