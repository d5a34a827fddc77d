/**
 * Limited-memory BFGS for a smooth convex function (Nocedal & Wright, Numerical Optimization, algorithms 7.4 and 7.5, with
 * a backtracking Armijo line search). No npm package of it is kept up (the one found, `fmin`, last changed in 2017): it is
 * the two-loop recursion and a line search, short enough to keep here.
 */

/** Writes the gradient at `x` into `gradient` and returns the value there. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimiseOptions {
  /** Stops when the gradient's largest component is below this. */
  gradientTolerance: number;
  maxIterations: number;
  /** How many past steps shape the next direction. */
  memory: number;
}

export interface Minimum {
  x: Float64Array;
  value: number;
  iterations: number;
  /** The gradient's largest component at `x`. */
  gradientNorm: number;
}

const ARMIJO = 1e-4;
const BACKTRACK = 0.5;
const MAX_BACKTRACKS = 40;

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const maxAbs = (a: Float64Array) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > m) m = Math.abs(a[i]);
  return m;
};

/** The minimum of `f` from `start` (which is left as it was). */
export function minimise(f: Objective, start: Float64Array, options: MinimiseOptions): Minimum {
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let value = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(options.memory);
  const direction = new Float64Array(n);
  let nextX = new Float64Array(n);
  let nextG = new Float64Array(n);
  let iterations = 0;
  while (iterations < options.maxIterations && maxAbs(g) > options.gradientTolerance) {
    iterations++;
    // The two-loop recursion: direction = −H·g, H the inverse Hessian estimated from the last `memory` steps.
    for (let i = 0; i < n; i++) direction[i] = -g[i];
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], direction);
      for (let i = 0; i < n; i++) direction[i] -= alpha[k] * y[k][i];
    }
    const last = s.length - 1;
    const scale = last >= 0 ? dot(s[last], y[last]) / dot(y[last], y[last]) : 1 / Math.max(maxAbs(g), 1);
    for (let i = 0; i < n; i++) direction[i] *= scale;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k] * dot(y[k], direction);
      for (let i = 0; i < n; i++) direction[i] += (alpha[k] - beta) * s[k][i];
    }
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (rounding on a flat stretch): start again from the gradient.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i] / Math.max(maxAbs(g), 1);
      slope = dot(g, direction);
    }
    let step = 1;
    let nextValue = Infinity;
    for (let b = 0; b < MAX_BACKTRACKS; b++, step *= BACKTRACK) {
      for (let i = 0; i < n; i++) nextX[i] = x[i] + step * direction[i];
      nextValue = f(nextX, nextG);
      if (nextValue <= value + ARMIJO * step * slope) break;
    }
    if (!(nextValue < value)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = nextX[i] - x[i];
      yk[i] = nextG[i] - g[i];
    }
    const sy = dot(sk, yk);
    // A step along which the function is not convex enough teaches no curvature: it is not remembered.
    if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
      if (s.length === options.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    [x, nextX] = [nextX, x];
    [g, nextG] = [nextG, g];
    value = nextValue;
  }
  return { x, value, iterations, gradientNorm: maxAbs(g) };
}
