#!/usr/bin/python3
"""Reference values for the agreement engine's tests, from independent implementations.

Run with Debian's Python (python3-sklearn, python3-nltk, python3-statsmodels):
    /usr/bin/python3 test/agreement/reference/compute-reference.py
It writes reference-values.json next to this file; src/core/agreement/reference-values.test.ts
checks our TypeScript against it, so CI needs neither Python nor these packages.

Sources of the expected values:
  coding cases  – Cohen's kappa: sklearn.metrics.cohen_kappa_score (cross-checked with
                  nltk AnnotationTask.kappa_pairwise); Fleiss' kappa:
                  statsmodels.stats.inter_rater.fleiss_kappa; Krippendorff's alpha (nominal):
                  nltk AnnotationTask.alpha; mean pairwise percent agreement: nltk avg_Ao.
                  Where a coefficient is undefined (expected agreement 1 / disagreement 0),
                  the reference is null: sklearn and statsmodels give nan there and nltk's alpha
                  returns 1 by convention.
  unitizing     – Krippendorff's alpha_u by brute force straight from the formulas in
                  Krippendorff (2004, sec. 12.4): every pair of segments, exact rational
                  arithmetic; independent of the sweep-and-prefix-sum implementation under test.
  span F1       – exact matching by set intersection, overlap matching by a maximum bipartite
                  matching (augmenting paths) over all overlapping same-label pairs.
"""

import json
import math
import os
import random
import sys
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

SEED = 20240611
MISSING = -1


def clean(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


# ---------------------------------------------------------------- coding cases
def random_coding_case(rng, with_missing):
    coders = rng.randint(2, 6)
    units = rng.randint(1, 80)
    k = rng.randint(2, 5) if rng.random() < 0.9 else 1
    weights = [rng.random() ** 3 + 0.02 for _ in range(k)]  # often skewed, like "none"-heavy sentences
    agreement = rng.random()  # chance that a coder copies the unit's "true" value
    ratings = [[0] * units for _ in range(coders)]
    for u in range(units):
        truth = rng.choices(range(k), weights)[0]
        for c in range(coders):
            ratings[c][u] = truth if rng.random() < agreement else rng.choices(range(k), weights)[0]
            if with_missing and rng.random() < 0.2:
                ratings[c][u] = MISSING
    return {"categoryCount": k, "ratings": ratings}


def coding_expected(case):
    ratings = case["ratings"]
    m = len(ratings)
    n = len(ratings[0])
    complete = all(v != MISSING for row in ratings for v in row)
    triples = [(str(c), str(u), f"k{ratings[c][u]}") for c in range(m) for u in range(n) if ratings[c][u] != MISSING]
    task = AnnotationTask(data=triples)
    expected = {}

    pairable = [v for u in range(n) for v in [ratings[c][u] for c in range(m) if ratings[c][u] != MISSING]
                if sum(1 for c in range(m) if ratings[c][u] != MISSING) >= 2]
    expected["alpha"] = None if len(set(pairable)) < 2 else clean(task.alpha())

    if complete:
        cohen = []
        for a in range(m):
            for b in range(a + 1, m):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    value = clean(cohen_kappa_score(ratings[a], ratings[b]))
                if value is not None and len(set(ratings[a]) | set(ratings[b])) > 1:
                    nltk_value = task.kappa_pairwise(str(a), str(b))
                    assert abs(nltk_value - value) < 1e-9, (nltk_value, value)
                cohen.append({"a": a, "b": b, "value": value})
        expected["cohen"] = cohen
        table, _ = aggregate_raters(np.array(ratings).T)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected["fleiss"] = clean(fleiss_kappa(table, method="fleiss"))
        expected["percentAgreement"] = clean(task.avg_Ao())
    return expected


# ------------------------------------------------------------- unitizing cases
def segments(units, begin, end):
    """Units [(b, e)] of one rater and category -> [(b, e, is_unit)] covering [begin, end)."""
    out, pos = [], begin
    for b, e in sorted(units):
        if b > pos:
            out.append((pos, b, False))
        out.append((b, e, True))
        pos = e
    if pos < end:
        out.append((pos, end, False))
    return out


def delta2(g, h):
    (bg, eg, ug), (bh, eh, uh) = g, h
    lg, lh = eg - bg, eh - bh
    if ug and uh and bg - lh < bh < bg + lg:
        return (bg - bh) ** 2 + (eg - eh) ** 2
    if ug and not uh and bh <= bg and eg <= eh:
        return lg ** 2
    if not ug and uh and bg <= bh and eh <= eg:
        return lh ** 2
    return 0


def unitizing_alpha(case):
    begin, L, m = case["begin"], case["length"], case["raterCount"]
    categories = sorted({u["category"] for u in case["units"]})
    by_category = {}
    do_sum, de_sum = Fraction(0), Fraction(0)
    for cat in categories:
        per_rater = [[(u["begin"], u["begin"] + u["length"]) for u in case["units"] if u["rater"] == r and u["category"] == cat]
                     for r in range(m)]
        segs = [segments(units, begin, begin + L) for units in per_rater]
        observed = Fraction(0)
        for i in range(m):
            for j in range(m):
                if i != j:
                    observed += sum(delta2(g, h) for g in segs[i] for h in segs[j])
        observed /= m * (m - 1) * L * L
        all_units = [(b, e) for units in per_rater for (b, e) in units]
        gaps = [e - b for s in segs for (b, e, is_unit) in s if not is_unit]
        n_c = len(all_units)
        total = Fraction(0)
        for b, e in all_units:
            l = e - b
            total += Fraction((n_c - 1) * (2 * l ** 3 - 3 * l ** 2 + l), 3)
            total += l * l * sum(g - l + 1 for g in gaps if g >= l)
        expected = Fraction(2, L) * total / (m * L * (m * L - 1) - sum((e - b) * (e - b - 1) for b, e in all_units))
        alpha = None if expected == 0 else float(1 - observed / expected)
        by_category[cat] = {"observed": float(observed), "expected": float(expected), "alpha": alpha}
        do_sum += observed
        de_sum += expected
    overall = None if de_sum == 0 else float(1 - do_sum / de_sum)
    return {"overall": overall, "byCategory": by_category}


def random_unitizing_case(rng):
    L = rng.randint(1, 60)
    m = rng.randint(2, 4)
    cats = ["c", "k", "x"][: rng.randint(1, 3)]
    begin = rng.choice([0, 0, 150])
    units = []
    similar = rng.random() < 0.5  # raters follow one base unitization with small shifts
    base_rng_seed = rng.random()
    for r in range(m):
        for cat in cats:
            if similar:
                base = random.Random(f"{base_rng_seed}{cat}")
                pos = begin
                while True:
                    pos += base.randint(1, 8)
                    length = base.randint(1, 12)
                    if pos + length > begin + L:
                        break
                    b = max(pos + rng.randint(-1, 1), begin)
                    e = min(pos + length + rng.randint(-1, 1), begin + L)
                    if e > b and rng.random() < 0.9:
                        units.append({"rater": r, "category": cat, "begin": b, "length": e - b})
                    pos += length + 1
                continue
            pos = begin
            while pos < begin + L:
                pos += rng.randint(0, 8)
                if pos >= begin + L:
                    break
                length = rng.randint(1, min(12, begin + L - pos))
                if rng.random() < 0.7:
                    units.append({"rater": r, "category": cat, "begin": pos, "length": length})
                pos += length
    return {"begin": begin, "length": L, "raterCount": m, "units": units}


# ------------------------------------------------------------------ span F1
def max_matching(a, b):
    adj = [[j for j, y in enumerate(b) if x["label"] == y["label"] and x["start"] < y["end"] and y["start"] < x["end"]] for x in a]
    match_b = [-1] * len(b)

    def augment(i, seen):
        for j in adj[i]:
            if not seen[j]:
                seen[j] = True
                if match_b[j] == -1 or augment(match_b[j], seen):
                    match_b[j] = i
                    return True
        return False

    return sum(1 for i in range(len(a)) if augment(i, [False] * len(b)))


def random_spans(rng, n, length, labels):
    spans = {}
    for _ in range(n):
        s = rng.randint(0, length - 1)
        e = rng.randint(s + 1, min(length, s + 15))
        label = rng.choice(labels)
        spans[(s, e, label)] = {"label": label, "start": s, "end": e}
    return list(spans.values())


def span_case(rng):
    length = rng.randint(5, 80)
    labels = ["fact", "opinion", "allegation"][: rng.randint(1, 3)]
    a = random_spans(rng, rng.randint(0, 12), length, labels)
    b = random_spans(rng, rng.randint(0, 12), length, labels)
    if a and rng.random() < 0.3:
        b += [s for s in a if rng.random() < 0.5 and s not in b]
    total = len(a) + len(b)
    exact = len({(s["start"], s["end"], s["label"]) for s in a} & {(s["start"], s["end"], s["label"]) for s in b})
    expected = {"exact": None, "overlap": None} if total == 0 else {"exact": 2 * exact / total, "overlap": 2 * max_matching(a, b) / total}
    return {"a": a, "b": b, "expected": expected}


def main():
    # NLTK averages over a set of coder names; fix the string hash so the summation order,
    # and with it the last bit of some values, is the same on every run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    rng = random.Random(SEED)
    coding = []
    for i in range(40):
        case = random_coding_case(rng, with_missing=i >= 30)
        case["expected"] = coding_expected(case)
        coding.append(case)
    unitizing = []
    for _ in range(40):
        case = random_unitizing_case(rng)
        case["expected"] = unitizing_alpha(case)
        unitizing.append(case)
    spans = [span_case(rng) for _ in range(40)]
    out = {
        "about": "Generated by compute-reference.py (seed %d); do not edit by hand." % SEED,
        "coding": coding,
        "unitizing": unitizing,
        "spanF1": spans,
    }
    path = Path(__file__).with_name("reference-values.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}: {len(coding)} coding, {len(unitizing)} unitizing, {len(spans)} span cases")


if __name__ == "__main__":
    main()
