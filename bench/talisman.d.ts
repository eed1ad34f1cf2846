// talisman 1.1.4 ships CommonJS without type declarations; the bench uses one metric.
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity of two strings, in [0, 1] (boost threshold 0.7, scaling 0.1). */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
