/** Yuma hyperparameters (subtensor storage names in comments) and their runtime defaults for a new subnet. */
export interface YumaConfig {
  /** `Yuma3On`: Yuma 3 bonds (true, the default for new subnets) or legacy Yuma 2 bonds. */
  readonly yuma3: boolean
  /** `Kappa`: the consensus majority, u16 proportion (32767 ≈ 0.5). */
  readonly kappaU16: number
  /** `BondsPenalty` β: how much clipping also limits bonds, u16 proportion (65535 = fully). */
  readonly bondsPenaltyU16: number
  /** `BondsMovingAverage`, per million (900000 ⇒ EMA rate 0.1). */
  readonly bondsMovingAverage: number
  /** `LiquidAlphaOn` (only used by Yuma 3). */
  readonly liquidAlpha: boolean
  /** `AlphaValues`: liquid alpha bounds, u16 proportions. */
  readonly alphaLowU16: number
  readonly alphaHighU16: number
  /** `AlphaSigmoidSteepness` (i16). */
  readonly alphaSigmoidSteepness: number
}

/** The runtime's defaults for a subnet created today (yuma-spec §2). */
export const defaultYumaConfig: YumaConfig = {
  yuma3: true,
  kappaU16: 32767,
  bondsPenaltyU16: 65535,
  bondsMovingAverage: 900000,
  liquidAlpha: false,
  alphaLowU16: 45875,
  alphaHighU16: 58982,
  alphaSigmoidSteepness: 1000,
}
