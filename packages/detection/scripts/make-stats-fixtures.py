"""Reference values from scipy for packages/detection/src/stats (its *.test.ts read them).

Run from the repository root:
    python3 packages/detection/scripts/make-stats-fixtures.py            # writes src/stats/fixtures/
    python3 packages/detection/scripts/make-stats-fixtures.py --stress DIR  # ~10x more random cases, to DIR

Every case is drawn from a fixed seed, so the output is the same on every run with the same
scipy. Large samples are not stored: a case names a synthetic spec ({kind, seed, n, ...}) and
the tests regenerate it with stats/synthetic-sample.ts, which this script mirrors bit for bit
(mulberry32 draws are multiples of 2^-32, and the sums and shifts below stay exact).
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

STRESS = "--stress" in sys.argv
OUT = sys.argv[sys.argv.index("--stress") + 1] if STRESS else "packages/detection/src/stats/fixtures"
SCALE = 10 if STRESS else 1
rng = np.random.default_rng(20240611 + SCALE)


# --- synthetic samples, mirroring synthetic-sample.ts -------------------------------------
def mulberry32(seed, count):
    """`count` successive draws of mulberry32(seed) (random.ts). Its state is a plain counter,
    so the draws vectorise; uint64 products keep the low 32 bits that Math.imul keeps."""
    mask = np.uint64(0xFFFFFFFF)
    a = (np.uint64(seed & 0xFFFFFFFF) + np.uint64(0x6D2B79F5) * np.arange(1, count + 1, dtype=np.uint64)) & mask
    t = ((a ^ (a >> np.uint64(15))) * (a | np.uint64(1))) & mask
    t = (t ^ ((t + (((t ^ (t >> np.uint64(7))) * (t | np.uint64(61))) & mask)) & mask)) & mask
    return ((t ^ (t >> np.uint64(14))) & mask).astype(np.float64) / 4294967296.0


def synthetic(spec):
    n = spec["n"]
    if spec["kind"] == "smooth":
        d = mulberry32(spec["seed"], 4 * n).reshape(n, 4)
        s = ((d[:, 0] + d[:, 1]) + d[:, 2]) + d[:, 3]
        return spec["shift"] + spec["scale"] * (s - 2)
    d = mulberry32(spec["seed"], 2 * n).reshape(n, 2)
    return spec["shift"] + np.floor(spec["levels"] * (d[:, 0] + d[:, 1]) / 2)


def smooth(seed, n, shift=0.0, scale=1.0):
    return {"kind": "smooth", "seed": seed, "n": n, "shift": shift, "scale": scale}


def discrete(seed, n, levels, shift=0):
    return {"kind": "discrete", "seed": seed, "n": n, "shift": shift, "levels": levels}


def sample(x):
    """A sample as stored: inline when small, else its synthetic spec."""
    return x if isinstance(x, dict) else [float(v) for v in x]


def values(x):
    return synthetic(x) if isinstance(x, dict) else np.asarray(x, dtype=float)


def num(x):
    x = float(x)
    assert math.isfinite(x), x
    return x


def quiet(f, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args, **kwargs)


# --- Kolmogorov-Smirnov ---------------------------------------------------------------------
def ks_cases():
    cases = []

    def add(name, a, b, alternative="two-sided", method="auto"):
        r = quiet(stats.ks_2samp, values(a), values(b), alternative=alternative, method=method)
        cases.append({"name": name, "a": sample(a), "b": sample(b), "alternative": alternative, "method": method,
                      "statistic": num(r.statistic), "pValue": num(r.pvalue)})

    alternatives = ["two-sided", "less", "greater"]
    for n1, n2 in [(1, 1), (1, 6), (6, 1), (3, 3), (5, 7), (10, 10), (10, 15), (20, 13), (40, 40), (50, 33), (64, 48)]:
        for shift in [0.0, 0.6, 3.0]:
            for alt in alternatives:
                a = np.round(rng.normal(0, 1, n1), 3)
                b = np.round(rng.normal(shift, 1.3, n2), 3)
                add(f"normal n={n1},{n2} shift={shift} {alt}", a, b, alt)
    for _ in range(12 * SCALE):
        n1, n2 = (int(v) for v in rng.integers(2, 90, 2))
        a = rng.integers(0, 6, n1).astype(float)
        b = rng.integers(0, int(rng.integers(4, 9)), n2).astype(float)
        for alt in alternatives:
            add(f"ties n={n1},{n2} {alt}", a, b, alt)
    same = np.round(rng.normal(0, 1, 25), 3)
    for alt in alternatives:
        add(f"identical samples {alt}", same, same, alt)
        add(f"separated equal sizes {alt}", list(range(10)), list(range(100, 110)), alt)
        add(f"separated unequal sizes {alt}", list(range(8)), list(range(100, 112)), alt)
        add(f"reversed separation {alt}", list(range(100, 112)), list(range(8)), alt)
    # Exact vs asymptotic: 'auto' is exact while both sizes are <= 10,000.
    big = [
        ("equal 10000 (exact, square formula)", smooth(1, 10000), smooth(2, 10000, 0.015)),
        ("10000 vs 9999 (exact, inside method)", smooth(3, 10000), smooth(4, 9999, 0.01)),
        ("10001 vs 10001 (asymptotic)", smooth(5, 10001), smooth(6, 10001, 0.015)),
        ("10001 vs 9000 (asymptotic)", smooth(7, 10001), smooth(8, 9000, 0.02)),
        ("10000 vs 3 (exact)", smooth(9, 10000), smooth(10, 3, 0.5)),
        ("20000 vs 5 (asymptotic, en=5, Durbin matrix)", smooth(11, 20000), smooth(12, 5, 0.3)),
        ("20000 vs 7 (asymptotic, en=7, Pomeranz)", smooth(13, 20000), smooth(14, 7, 0.9)),
        ("50000 vs 40 (asymptotic, en=40)", smooth(15, 50000), smooth(16, 40, 0.1)),
        ("3000 vs 2000 (exact)", smooth(17, 3000), smooth(18, 2000, 0.05)),
        ("3000 vs 2000 shifted (exact, p near 0)", smooth(19, 3000), smooth(20, 2000, 0.3)),
        ("200000 vs 150000 (asymptotic, Pelz-Good)", smooth(21, 200000), smooth(22, 150000, 0.002)),
        ("200000 vs 150000 shifted (asymptotic, Smirnov sum)", smooth(23, 200000), smooth(24, 150000, 0.01)),
        ("300000 vs 300000 far apart (p = 0)", smooth(25, 300000), smooth(26, 300000, 0.2)),
        ("discrete 5000 vs 7000 (exact, ties)", discrete(27, 5000, 20), discrete(28, 7000, 20)),
        ("discrete 60000 vs 40000 (asymptotic, ties)", discrete(29, 60000, 30), discrete(30, 40000, 31)),
        ("discrete same levels 20000 vs 20000 (p near 1)", discrete(31, 20000, 12), discrete(32, 20000, 12)),
    ]
    for name, a, b in big:
        add(name, a, b)
    # One-sided exact counts overflow past C(n1 + n2, n2) ~ 1e308, and fall back to Hodges' formula.
    for name, a, b in [
        ("600 vs 400 (exact)", smooth(33, 600), smooth(34, 400, 0.05)),
        ("700 vs 500 (overflow, asymptotic)", smooth(35, 700), smooth(36, 500, 0.05)),
        ("10000 vs 30 (exact)", smooth(37, 10000), smooth(38, 30, 0.2)),
        ("10000 vs 150 (overflow, asymptotic)", smooth(39, 10000), smooth(40, 150, 0.1)),
        ("20000 vs 20000 (asymptotic)", smooth(41, 20000), smooth(42, 20000, 0.01)),
        ("500 vs 500 (exact, equal sizes)", smooth(43, 500), smooth(44, 500, -0.1)),
        ("649 vs 416 (exact, C(1065, 416) = 6.9e307 just below overflow)", discrete(1622, 649, 49), discrete(1623, 416, 47)),
        ("660 vs 420 (C(1080, 420) overflows, asymptotic)", discrete(1624, 660, 49), discrete(1625, 420, 47)),
    ]:
        for alt in ["less", "greater"]:
            add(f"one-sided {name} {alt}", a, b, alt)
    for method in ["exact", "asymp"]:
        for alt in alternatives:
            add(f"method={method} 300 vs 200 {alt}", smooth(45, 300), smooth(46, 200, 0.1), alt, method)
    for i in range(40 * SCALE):
        n1, n2 = (int(v) for v in rng.integers(1, 1500, 2))
        alt = alternatives[i % 3]
        if i % 2 == 0:
            a, b = smooth(1000 + 2 * i, n1), smooth(1001 + 2 * i, n2, float(rng.uniform(-0.3, 0.3)), float(rng.uniform(0.7, 1.4)))
        else:
            levels = int(rng.integers(3, 60))
            a, b = discrete(1000 + 2 * i, n1, levels), discrete(1001 + 2 * i, n2, levels + int(rng.integers(-2, 3)))
        add(f"random n={n1},{n2} {alt}", a, b, alt)

    # The distribution ks_2samp uses asymptotically, on its own, branch by branch.
    kstwo = []
    points = [(n, x) for n in [1, 2, 3, 5, 10, 40, 140, 141, 1000, 100000, 100001, 500000, 2000000]
              for x in [0.5 / n, 0.75 / n, 1.0 / n, 1.5 / n, 0.3 / math.sqrt(n), 0.8 / math.sqrt(n), 1.2 / math.sqrt(n),
                        1.6 / math.sqrt(n), 2.5 / math.sqrt(n), 10 / math.sqrt(n), 0.5, 0.7, 1 - 1.5 / n, 0.999]]
    points += [(int(10 ** rng.uniform(0, 6.3)), None) for _ in range(120 * SCALE)]
    for n, x in points:
        if x is None:
            x = min(1.0, float(rng.uniform(0.05, 6)) / math.sqrt(n))
        if 0 < x <= 1:
            kstwo.append({"n": n, "x": num(x), "sf": num(stats.kstwo.sf(x, n))})
    smirnov = []
    for _ in range(60 * SCALE):
        n = int(10 ** rng.uniform(0, 6.3))
        x = float(rng.uniform(0, 1) ** 3)
        smirnov.append({"n": n, "x": x, "sf": num(special.smirnov(n, x))})
    return {"ks_2samp": cases, "kstwo": kstwo, "smirnov": smirnov}


# --- chi-square -------------------------------------------------------------------------------
def chi_square_cases():
    contingency = []

    def add(name, table):
        t = np.asarray(table)
        kept = t[:, t.sum(axis=0) > 0]
        kept = kept[kept.sum(axis=1) > 0, :]
        if kept.shape[0] < 2 or kept.shape[1] < 2:
            statistic, p, dof = 0.0, 1.0, 0
        else:
            statistic, p, dof, _ = stats.chi2_contingency(kept, correction=False)
        contingency.append({"name": name, "table": t.tolist(), "statistic": num(statistic), "pValue": num(p), "dof": int(dof)})

    for k, scale in [(2, 8), (2, 300), (3, 20), (5, 50), (10, 1000), (20, 5), (10, 1e6)]:
        for shift in [0.0, 0.05, 0.5]:
            base = rng.dirichlet(np.ones(k))
            drifted = (1 - shift) * base + shift * rng.dirichlet(np.ones(k))
            add(f"2x{k} scale={scale} shift={shift}", [rng.poisson(scale * k * base) + 1, rng.poisson(scale * k * drifted) + 1])
    for shape in [(3, 4), (4, 3), (5, 6), (2, 2)]:
        add(f"{shape[0]}x{shape[1]}", rng.poisson(30, size=shape) + 1)
    add("proportional rows (statistic 0, p 1)", [[10, 20, 30], [20, 40, 60]])
    add("empty category in both windows", [[10, 0, 20, 5], [12, 0, 25, 1]])
    add("category only in current", [[40, 60, 0], [35, 50, 15]])
    add("category only in reference", [[40, 60, 9], [35, 50, 0]])
    add("single category (dof 0)", [[7, 0], [3, 0]])
    add("one empty window (dof 0)", [[5, 6, 7], [0, 0, 0]])
    add("strong difference (p ~ 1e-200)", [[5000, 100], [100, 5000]])
    add("extreme difference (p < 1e-300)", [[50000, 10], [10, 50000]])
    # Many categories: where @stdlib/math-base-special-gammainc 0.3.1 goes wrong (dof/2 > ~740).
    for k, shift in [(1600, 0.0), (1600, 0.02), (3000, 0.0)]:
        base = rng.dirichlet(np.ones(k) * 5)
        drifted = (1 - shift) * base + shift * rng.dirichlet(np.ones(k))
        add(f"2x{k} shift={shift} (many categories)", [rng.poisson(20 * k * base) + 1, rng.poisson(20 * k * drifted) + 1])

    goodness = []
    for k in [2, 3, 6, 12, 40]:
        for _ in range(2):
            observed = rng.poisson(25, k) + 1
            r = stats.chisquare(observed)
            goodness.append({"observed": observed.tolist(), "statistic": num(r.statistic), "pValue": num(r.pvalue), "ddof": 0})
            expected = rng.dirichlet(np.ones(k)) * observed.sum()
            ddof = int(rng.integers(0, max(1, k - 2)))
            r = stats.chisquare(observed, expected, ddof=ddof)
            goodness.append({"observed": observed.tolist(), "expected": expected.tolist(), "statistic": num(r.statistic),
                             "pValue": num(r.pvalue), "ddof": ddof})
    r = stats.chisquare([16, 18, 16, 14, 12, 12])
    goodness.append({"observed": [16, 18, 16, 14, 12, 12], "statistic": num(r.statistic), "pValue": num(r.pvalue), "ddof": 0})
    return {"contingency": contingency, "goodness": goodness}


# --- distributions and rate tests ------------------------------------------------------------
def distribution_cases():
    chi2 = []
    for dof in [1, 2, 3, 9, 30, 99, 1000, 1499, 2168, 5999, 100000]:
        for z in [-3, -1, 0, 0.5, 2, 5, 10, 20, 37]:
            x = max(0.0, dof + z * math.sqrt(2 * dof))
            chi2.append({"x": x, "dof": dof, "sf": num(stats.chi2.sf(x, dof))})
    for _ in range(100 * SCALE):
        dof = int(10 ** rng.uniform(0, 4))
        x = float(dof * 10 ** rng.uniform(-1.5, 0.8))
        chi2.append({"x": x, "dof": dof, "sf": num(stats.chi2.sf(x, dof))})
    chi2.append({"x": 1500.0, "dof": 1, "sf": num(stats.chi2.sf(1500.0, 1))})  # underflows to 0
    # Far tails: p-values of 1e-295 (normal doubles), 1e-305 and 1e-310 (subnormal), 1e-320.
    for dof in [1, 10, 300]:
        for target in [1e-295, 1e-305, 1e-310, 1e-320]:
            x = float(stats.chi2.isf(target, dof))
            chi2.append({"x": x, "dof": dof, "sf": num(stats.chi2.sf(x, dof))})

    binom = []
    for n, p in [(1, 0.5), (10, 0.1), (100, 0.01), (1000, 0.002), (5000, 0.03), (250, 0.5), (40, 0.9), (10 ** 6, 1e-4),
                 (10 ** 7, 0.3), (30, 0.0), (30, 1.0)]:
        mean = n * p
        sd = math.sqrt(n * p * (1 - p)) + 1
        for k in sorted({0, 1, n - 1, n, int(mean), int(mean + sd), int(mean + 3 * sd), int(mean + 12 * sd),
                         max(0, int(mean - 3 * sd)), max(0, int(mean - 12 * sd))}):
            if 0 <= k <= n:
                binom.append({"k": k, "n": n, "p": p, "pmf": num(stats.binom.pmf(k, n, p)), "cdf": num(stats.binom.cdf(k, n, p)),
                              "sf": num(stats.binom.sf(k, n, p))})
    for _ in range(80 * SCALE):
        n = int(10 ** rng.uniform(0, 6))
        p = float(10 ** rng.uniform(-4, 0))
        k = int(min(n, max(0, rng.normal(n * p, 4 * math.sqrt(n * p * (1 - p)) + 2))))
        binom.append({"k": k, "n": n, "p": p, "pmf": num(stats.binom.pmf(k, n, p)), "cdf": num(stats.binom.cdf(k, n, p)),
                      "sf": num(stats.binom.sf(k, n, p))})

    binomtest = []
    for k, n, p in [(3, 15, 0.1), (0, 10, 0.2), (10, 10, 0.2), (5, 10, 0.5), (2, 10, 0.5), (8, 10, 0.5), (50, 100, 0.5),
                    (0, 1000, 0.001), (12, 1000, 0.002), (1, 1000, 0.002), (40, 100000, 0.0002), (7, 20, 0.35),
                    (682, 925, 0.75), (4, 100, 0.01), (30, 100, 0.01), (999, 1000, 0.99), (6, 10, 0.6)]:
        for alt in ["greater", "less", "two-sided"]:
            binomtest.append({"k": k, "n": n, "p": p, "alternative": alt, "pValue": num(stats.binomtest(k, n, p, alt).pvalue)})
    for _ in range(40 * SCALE):
        n = int(10 ** rng.uniform(0, 5))
        p = float(rng.uniform(0.001, 0.999))
        k = int(min(n, max(0, rng.normal(n * p, 3 * math.sqrt(n * p * (1 - p)) + 1))))
        alt = ["greater", "less", "two-sided"][int(rng.integers(0, 3))]
        binomtest.append({"k": k, "n": n, "p": p, "alternative": alt, "pValue": num(stats.binomtest(k, n, p, alt).pvalue)})

    poisson = []
    for mu in [1e-3, 0.5, 1, 3.7, 25, 1043.655298210223, 2e4, 1e6]:
        sd = math.sqrt(mu)
        for k in sorted({0, 1, 2, int(mu), int(mu + sd), int(mu + 4 * sd), int(mu + 15 * sd) + 3, max(0, int(mu - 4 * sd))}):
            poisson.append({"k": k, "mu": mu, "sfAtLeast": num(stats.poisson.sf(k - 1, mu)), "cdf": num(stats.poisson.cdf(k, mu))})
    poisson.append({"k": 1084, "mu": 1043.655298210223, "sfAtLeast": num(stats.poisson.sf(1083, 1043.655298210223)),
                    "cdf": num(stats.poisson.cdf(1084, 1043.655298210223))})
    for _ in range(60 * SCALE):
        mu = float(10 ** rng.uniform(-3, 5))
        k = int(max(0, rng.normal(mu, 5 * math.sqrt(mu) + 2)))
        poisson.append({"k": k, "mu": mu, "sfAtLeast": num(stats.poisson.sf(k - 1, mu)), "cdf": num(stats.poisson.cdf(k, mu))})

    normal = [{"x": x, "cdf": num(stats.norm.cdf(x)), "sf": num(stats.norm.sf(x))}
              for x in [-38.0, -37.5, -37.0, -10.0, -5.0, -1.96, -1.0, 0.0, 0.3, 1.0, 1.959963984540054, 3.0, 8.0, 10.0, 37.0, 37.5]]
    quantile = [{"p": p, "x": num(stats.norm.ppf(p))} for p in [1e-300, 1e-20, 1e-10, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9,
                                                                  0.975, 0.999, 1 - 1e-10]]
    return {"chi2": chi2, "binom": binom, "binomtest": binomtest, "poisson": poisson, "normal": normal, "normalQuantile": quantile}


# --- PSI, Jensen-Shannon, Wasserstein --------------------------------------------------------
PSI_EPSILON = 1e-4


def numpy_psi(reference, current, bins=10):
    """The definition in stats/psi.ts and stats/binning.ts, in numpy."""
    s = np.sort(reference)
    n = len(s)
    edges = np.unique(s[[(i * n) // bins for i in range(1, bins)]])
    r = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=len(edges) + 1).astype(float)
    c = np.bincount(np.searchsorted(edges, current, side="right"), minlength=len(edges) + 1).astype(float)
    p = np.maximum(r / r.sum(), PSI_EPSILON)
    q = np.maximum(c / c.sum(), PSI_EPSILON)
    return float(np.sum((q - p) * np.log(q / p))), edges, r, c


def distance_cases():
    numeric = []

    def add(name, a, b, bins=10):
        psi, edges, r, c = numpy_psi(values(a), values(b), bins)
        numeric.append({"name": name, "reference": sample(a), "current": sample(b), "bins": bins, "psi": num(psi),
                        "edges": edges.tolist(), "referenceCounts": r.tolist(), "currentCounts": c.tolist(),
                        "jensenShannon": num(distance.jensenshannon(r, c, base=2))})

    add("no drift, 2000 vs 1500", smooth(101, 2000), smooth(102, 1500))
    add("small shift", smooth(103, 5000), smooth(104, 5000, 0.1))
    add("large shift (PSI > 0.25)", smooth(105, 5000), smooth(106, 5000, 0.5))
    add("wider spread", smooth(107, 5000), smooth(108, 4000, 0.0, 1.5))
    add("current entirely above the reference (empty bins)", smooth(109, 1000), smooth(110, 1000, 10.0))
    add("ties: 5 levels, edges collapse", discrete(111, 3000, 5), discrete(112, 3000, 5, 1))
    add("ties: 2 levels", discrete(113, 1000, 2), discrete(114, 1000, 2))
    add("1 million vs 1 million, small shift", smooth(115, 1000000), smooth(116, 1000000, 0.02))
    add("inline with ties", [1, 1, 1, 2, 2, 3, 4, 4, 4, 4, 5, 6, 7, 8, 9, 9, 9, 10, 10, 11], [1, 2, 2, 2, 3, 3, 3, 3, 9, 12, 12, 15], 5)
    add("bins=4", smooth(117, 800), smooth(118, 900, 0.2), 4)
    add("bins=20", smooth(119, 8000), smooth(120, 9000, -0.1), 20)

    categorical = []
    for name, ref, cur in [
        ("same mix", ["a"] * 50 + ["b"] * 30 + ["c"] * 20, ["a"] * 25 + ["b"] * 15 + ["c"] * 10),
        ("shifted mix", ["a"] * 50 + ["b"] * 30 + ["c"] * 20, ["a"] * 10 + ["b"] * 30 + ["c"] * 60),
        ("new category in current", ["x"] * 70 + ["y"] * 30, ["x"] * 60 + ["y"] * 25 + ["z"] * 15),
        ("category vanished", ["x"] * 60 + ["y"] * 25 + ["z"] * 15, ["x"] * 70 + ["y"] * 30),
    ]:
        cats = list(dict.fromkeys(ref + cur))
        r = np.array([ref.count(k) for k in cats], dtype=float)
        c = np.array([cur.count(k) for k in cats], dtype=float)
        p = np.maximum(r / r.sum(), PSI_EPSILON)
        q = np.maximum(c / c.sum(), PSI_EPSILON)
        statistic, pvalue, dof, _ = stats.chi2_contingency(np.array([r, c]), correction=False)
        categorical.append({"name": name, "reference": ref, "current": cur, "psi": num(np.sum((q - p) * np.log(q / p))),
                            "jensenShannon": num(distance.jensenshannon(r, c, base=2)), "chiSquare": num(statistic),
                            "pValue": num(pvalue), "dof": int(dof)})

    jensenshannon = []
    for size in [2, 3, 5, 10, 50]:
        for _ in range(3 * SCALE):
            p = rng.integers(0, 50, size).astype(float)
            q = rng.integers(0, 50, size).astype(float)
            p[0] += 1
            q[-1] += 1
            jensenshannon.append({"p": p.tolist(), "q": q.tolist(), "distance": num(distance.jensenshannon(p, q, base=2))})
    for p, q in [([1, 0], [0, 1]), ([10, 20, 30], [1, 2, 3]), ([1, 1], [1, 1]), ([1e-12, 1], [1, 1e-12]), ([0.2, 0.8], [0.25, 0.75])]:
        jensenshannon.append({"p": p, "q": q, "distance": num(distance.jensenshannon(p, q, base=2))})

    wasserstein = []

    def add_w(name, u, v):
        wasserstein.append({"name": name, "u": sample(u), "v": sample(v), "distance": num(stats.wasserstein_distance(values(u), values(v)))})

    for n, m, shift in [(1, 1, 0.0), (5, 7, 0.0), (50, 80, 0.5), (400, 300, 2.0)]:
        add_w(f"normal {n} vs {m} shift {shift}", np.round(rng.normal(0, 1, n), 3), np.round(rng.normal(shift, 1.5, m), 3))
    add_w("ties", [1.0, 1.0, 2.0, 2.0, 2.0, 5.0], [1.0, 2.0, 2.0, 7.0])
    add_w("identical", [3.0, 1.0, 2.0], [1.0, 2.0, 3.0])
    add_w("scipy docstring", [0, 1, 3], [5, 6, 8])
    add_w("pure shift of 0.25", smooth(201, 20000), smooth(201, 20000, 0.25))
    add_w("discrete 50000 vs 30000", discrete(202, 50000, 40), discrete(203, 30000, 45))
    add_w("1 million vs 1 million", smooth(204, 1000000), smooth(205, 1000000, 0.05, 1.1))
    return {"numericPsi": numeric, "categorical": categorical, "jensenshannon": jensenshannon, "wasserstein": wasserstein}


# --- the engine's former cases, and binomial critical counts --------------------------------
def engine_cases():
    """The cases engine/significance.test.ts checked when the engine had its own statistics (the
    former make-significance-fixtures.py: same seed, same draws), so folding them into stats/
    loses no coverage; and the critical counts the rate detector alerts at. Its own generator,
    so the cases above are the same with or without these."""
    rng = np.random.default_rng(7311)
    binom_upper = []
    for n, p in [(10, 0.1), (100, 0.01), (1000, 0.002), (5000, 0.03), (250, 0.5), (40, 0.9)]:
        for k in sorted(set([0, 1, int(n * p), int(n * p) + 1, int(n * p * 2) + 1, int(n * p * 3) + 2, n])):
            binom_upper.append({"k": k, "n": n, "p": p, "upper": num(stats.binom.sf(k - 1, n, p))})
    contingency = []
    for shape, scale in [((2, 2), 30), ((2, 5), 200), ((3, 4), 50), ((2, 10), 1000), ((4, 3), 7)]:
        table = rng.poisson(scale, size=shape) + 1
        statistic, pvalue, dof, _ = stats.chi2_contingency(table, correction=False)
        contingency.append({"name": f"engine: {shape[0]}x{shape[1]} poisson({scale}) + 1", "table": table.tolist(),
                            "statistic": num(statistic), "pValue": num(pvalue), "dof": int(dof)})
    table = np.array([[500, 100], [100, 500]])
    statistic, pvalue, dof, _ = stats.chi2_contingency(table, correction=False)
    contingency.append({"name": "engine: strong difference", "table": table.tolist(), "statistic": num(statistic),
                        "pValue": num(pvalue), "dof": int(dof)})
    jensenshannon = []
    for size in [3, 5, 10]:
        for _ in range(3):
            p = rng.integers(0, 50, size=size)
            q = rng.integers(0, 50, size=size)
            p[0] += 1
            q[-1] += 1
            jensenshannon.append({"p": p.tolist(), "q": q.tolist(), "distance": num(distance.jensenshannon(p, q, base=2))})
    wasserstein = []
    for n, m, shift in [(5, 7, 0.0), (50, 80, 0.5), (400, 300, 2.0), (1000, 1000, 0.01)]:
        u = np.round(rng.normal(0, 1, n), 3)
        v = np.round(rng.normal(shift, 1.5, m), 3)
        wasserstein.append({"name": f"engine: normal {n} vs {m} shift {shift}", "u": u.tolist(), "v": v.tolist(),
                            "distance": num(stats.wasserstein_distance(u, v))})
    ties_u, ties_v = [1.0, 1.0, 2.0, 2.0, 2.0, 5.0], [1.0, 2.0, 2.0, 7.0]
    wasserstein.append({"name": "engine: ties", "u": ties_u, "v": ties_v, "distance": num(stats.wasserstein_distance(ties_u, ties_v))})

    critical = []
    for n in [1, 10, 100, 300, 3000, 20000]:
        for p in [0.0005, 0.01, 0.02, 0.3, 0.9]:
            # A 5-minute window's warn and page levels under the default budget (ADR 8), and others.
            for alpha in [0.5, 300 / 86400, 300 / (30 * 86400), 1e-9]:
                upper = stats.binom.sf(np.arange(-1, n + 1), n, p)  # upper[k] = P(X >= k)
                below = np.nonzero(upper < alpha)[0]
                k = int(below[0]) if len(below) else n + 1
                # Leave out counts whose tail is within rounding of alpha: 1e-9 agreement cannot decide them.
                if all(abs(upper[j] - alpha) > 1e-6 * alpha for j in (k - 1, k) if 0 <= j <= n):
                    critical.append({"n": n, "p": p, "alpha": alpha, "k": k})
    return {"chi-square.json": {"contingency": contingency},
            "distances.json": {"jensenshannon": jensenshannon, "wasserstein": wasserstein},
            "distributions.json": {"binomUpper": binom_upper, "binomCritical": critical}}


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {"ks.json": ks_cases, "chi-square.json": chi_square_cases, "distributions.json": distribution_cases,
             "distances.json": distance_cases}
    engine = engine_cases()
    for name, make in files.items():
        data = {"generator": "packages/detection/scripts/make-stats-fixtures.py", "scipy": scipy.__version__,
                "numpy": np.__version__, **make()}
        for key, cases in engine.get(name, {}).items():
            data[key] = data.get(key, []) + cases
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(data, f, separators=(",", ":"), allow_nan=False)
        print(name, os.path.getsize(os.path.join(OUT, name)), "bytes")


if __name__ == "__main__":
    main()
