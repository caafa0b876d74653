/** Rounds to 9 decimals (a rao in TAO), so summaries print the same on every machine. */
export const round9 = (x: number): number => Math.round(x * 1e9) / 1e9
