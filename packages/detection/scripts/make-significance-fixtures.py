"""Reference values from scipy for the engine's significance tests (engine/significance.ts).

Run from the repository root: python3 packages/detection/scripts/make-significance-fixtures.py
"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(7311)
binomial = []
for n, p in [(10, 0.1), (100, 0.01), (1000, 0.002), (5000, 0.03), (250, 0.5), (40, 0.9)]:
    for k in sorted(set([0, 1, int(n * p), int(n * p) + 1, int(n * p * 2) + 1, int(n * p * 3) + 2, n])):
        binomial.append({"k": k, "n": n, "p": p, "upper": float(stats.binom.sf(k - 1, n, p))})

chi2 = []
for shape, scale in [((2, 2), 30), ((2, 5), 200), ((3, 4), 50), ((2, 10), 1000), ((4, 3), 7)]:
    table = rng.poisson(scale, size=shape) + 1
    statistic, pvalue, dof, _ = stats.chi2_contingency(table, correction=False)
    chi2.append({"table": table.tolist(), "statistic": float(statistic), "dof": int(dof), "pValue": float(pvalue)})
# A table with a strong difference, far in the tail.
table = np.array([[500, 100], [100, 500]])
statistic, pvalue, dof, _ = stats.chi2_contingency(table, correction=False)
chi2.append({"table": table.tolist(), "statistic": float(statistic), "dof": int(dof), "pValue": float(pvalue)})

from scipy.spatial import distance

jensenshannon = []
for size in [3, 5, 10]:
    for _ in range(3):
        p = rng.integers(0, 50, size=size)
        q = rng.integers(0, 50, size=size)
        p[0] += 1
        q[-1] += 1
        jensenshannon.append({"p": p.tolist(), "q": q.tolist(), "distance": float(distance.jensenshannon(p, q, base=2))})

wasserstein = []
for n, m, shift in [(5, 7, 0.0), (50, 80, 0.5), (400, 300, 2.0), (1000, 1000, 0.01)]:
    u = np.round(rng.normal(0, 1, n), 3)
    v = np.round(rng.normal(shift, 1.5, m), 3)
    wasserstein.append({"u": u.tolist(), "v": v.tolist(), "distance": float(stats.wasserstein_distance(u, v))})
ties_u = [1.0, 1.0, 2.0, 2.0, 2.0, 5.0]
ties_v = [1.0, 2.0, 2.0, 7.0]
wasserstein.append({"u": ties_u, "v": ties_v, "distance": float(stats.wasserstein_distance(ties_u, ties_v))})

with open("packages/detection/src/engine/fixtures/significance.json", "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "binomial": binomial, "chi2": chi2, "jensenshannon": jensenshannon, "wasserstein": wasserstein}, f, indent=1)
