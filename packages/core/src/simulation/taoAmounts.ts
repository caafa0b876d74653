/** Rao as the TAO numbers a simulation reports: converted, then rounded to 9 decimals (a rao) so they print the same everywhere. */

/** Rao to TAO (1 TAO = 10⁹ rao). */
export const tao = (rao: bigint): number => Number(rao) / 1e9

/** Rounds to 9 decimals (a rao in TAO), so summaries print the same on every machine. */
export const round9 = (x: number): number => Math.round(x * 1e9) / 1e9
