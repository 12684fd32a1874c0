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

with open("packages/detection/src/engine/fixtures/significance.json", "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "binomial": binomial, "chi2": chi2}, f, indent=1)
