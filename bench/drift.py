"""scipy's side of bench/drift.ts: reads the float64 files it wrote, times each statistic
in-process (the first run on its own, then the median of five more; Python's start-up is
excluded) and prints the times and the values."""
import json
import sys
import time

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

folder = sys.argv[1]
reference = np.fromfile(f"{folder}/reference.bin", dtype=np.float64)
current = np.fromfile(f"{folder}/current.bin", dtype=np.float64)
steady = np.fromfile(f"{folder}/steady.bin", dtype=np.float64)


def timed(f):
    """The first run on its own, then the median of five more, as bench/drift.ts does."""
    runs, value = [], None
    for _ in range(6):
        start = time.perf_counter()
        value = f()
        runs.append((time.perf_counter() - start) * 1000)
    return {"ms": sorted(runs[1:])[2], "first_ms": runs[0], "value": value}


def decile_counts(ref, cur, bins=10):
    """Reference-decile bins as packages/detection/src/stats/binning.ts defines them."""
    n = len(ref)
    ranks = [(i * n) // bins for i in range(1, bins)]
    edges = np.unique(np.partition(ref, ranks)[ranks])
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    return r, c


def psi(ref, cur):
    r, c = decile_counts(ref, cur)
    p = np.maximum(r / r.sum(), 1e-4)
    q = np.maximum(c / c.sum(), 1e-4)
    return [float(np.sum((q - p) * np.log(q / p)))]


def chi_square(ref, cur):
    r, c = decile_counts(ref, cur)
    statistic, p, dof, _ = stats.chi2_contingency(np.array([r, c]), correction=False)
    return [float(statistic), float(p)]


def ks(ref, cur):
    result = stats.ks_2samp(ref, cur)
    return [float(result.statistic), float(result.pvalue)]


def drift_suite(ref, cur):
    """What driftTest reports for a numeric column, with scipy and numpy: KS, PSI, JS, Wasserstein."""
    r, c = decile_counts(ref, cur)
    p = np.maximum(r / r.sum(), 1e-4)
    q = np.maximum(c / c.sum(), 1e-4)
    result = stats.ks_2samp(ref, cur)
    return [float(result.statistic), float(result.pvalue), float(np.sum((q - p) * np.log(q / p))),
            float(distance.jensenshannon(r, c, base=2)), float(stats.wasserstein_distance(ref, cur))]


print(json.dumps({
    "scipy": scipy.__version__,
    "ks_2samp": timed(lambda: ks(reference, current)),
    "ks_2samp_no_drift": timed(lambda: ks(reference, steady)),
    "psi_deciles": timed(lambda: psi(reference, current)),
    "wasserstein_distance": timed(lambda: [float(stats.wasserstein_distance(reference, current))]),
    "chi2_contingency_deciles": timed(lambda: chi_square(reference, current)),
    "drift_test_numeric": timed(lambda: drift_suite(reference, current)),
}))
