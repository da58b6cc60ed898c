import { DummyDesign, fitClusteredOls, inferCoefficient, type ClusteredFit } from './clustered-ols';
import { EvaluationError } from './evaluation-error';

const fit = (estimate: number, variance: number, df: number): ClusteredFit => ({
  coefficients: [estimate],
  covariance: [[variance]],
  observations: df + 10,
  clusters: df + 1,
  degreesOfFreedom: df,
  correction: 1,
});

describe('inferCoefficient', () => {
  it('uses Student t with the cluster degrees of freedom for p and the interval', () => {
    // t = 2 with 1 df: p = 1 − 2·atan(2)/π (closed form of the Cauchy distribution).
    const result = inferCoefficient(fit(4, 4, 1), 0);
    expect(result.se).toBe(2);
    expect(result.t).toBe(2);
    expect(result.p).toBeCloseTo(1 - (2 * Math.atan(2)) / Math.PI, 14);
    // t(0.975, 1) = tan(0.475 π).
    expect(result.ci95[1]).toBeCloseTo(4 + 2 * Math.tan(0.475 * Math.PI), 10);
  });

  it('reports no t and no p when the standard error is 0 instead of dividing by it', () => {
    expect(inferCoefficient(fit(3, 0, 5), 0)).toEqual({ estimate: 3, se: 0, t: null, p: null, ci95: [3, 3] });
    // A rounding residue of −1e-30 is a variance of 0, not NaN.
    expect(inferCoefficient(fit(3, -1e-30, 5), 0).se).toBe(0);
  });
});

describe('fitClusteredOls', () => {
  it('refuses perfectly collinear regressors, naming them', () => {
    // Column 2 duplicates column 1 in every row.
    const design = new DummyDesign(['intercept', 'a', 'a again']);
    for (let i = 0; i < 8; i++) design.add(i, i % 4, i % 2 === 0 ? [0, 1, 2] : [0]);
    expect(() => fitClusteredOls(design, 4)).toThrow(
      new EvaluationError(
        'SingularDesign',
        'the regressors intercept, a, a again are perfectly collinear: the model is not identified',
      ),
    );
  });

  it('refuses fewer observations than coefficients plus one and a single cluster', () => {
    const design = new DummyDesign(['intercept', 'a']);
    design.add(1, 0, [0]);
    design.add(2, 1, [0, 1]);
    expect(() => fitClusteredOls(design, 2)).toThrow(EvaluationError);
    design.add(3, 0, [0]);
    expect(() => fitClusteredOls(design, 1)).toThrow(/in 1 areas/);
  });

  it('reduces to the mean with a cluster-robust SE for an intercept-only model', () => {
    // y = 1,3 (cluster 0) and 5,7 (cluster 1): mean 4; scores −4, +4 → meat 32;
    // (X'X)⁻¹ = 1/4; c = 2/1 · 3/3 = 2 → V = 2 · 32 / 16 = 4.
    const design = new DummyDesign(['intercept']);
    [1, 3, 5, 7].forEach((y, i) => design.add(y, i < 2 ? 0 : 1, [0]));
    const result = fitClusteredOls(design, 2);
    expect(result.coefficients[0]).toBeCloseTo(4, 14);
    expect(result.covariance[0][0]).toBeCloseTo(4, 12);
    expect(result.correction).toBe(2);
    expect(result.degreesOfFreedom).toBe(1);
  });
});
