// Small statistics and number formatting shared by the benchmark scripts.

/** Median; the mean of the two middle values for an even count; NaN when empty. */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0–100): the smallest value with at least p% of the values at or below it. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** `summary([…ms])` → { median, p90, p95, min, max, n }. */
export function summary(values) {
  return {
    n: values.length,
    median: median(values),
    p90: percentile(values, 90),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** `1234.5` → `1,234.5` with fixed decimals; `–` for NaN or infinities. */
export function formatNumber(value, decimals) {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
