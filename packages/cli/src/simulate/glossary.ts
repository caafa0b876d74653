/** What the report's letters and columns mean, shown at its end. */
export const GLOSSARY: ReadonlyArray<readonly [string, string]> = [
  [
    "status",
    "how an answer came back: ok (in time and in the response schema), timeout, refused, invalid or error. The reward is the scorer's verdict on it: an ok answer can score 0.",
  ],
  [
    "I (incentive)",
    "a miner's share of the epoch's miner emission, 0–1, from the validators' weights after consensus.",
  ],
  [
    "C (consensus)",
    "per miner, the stake-weighted median weight the validators gave it; weights above it are clipped to it.",
  ],
  [
    "trust (validator trust, Tv)",
    "the share of a validator's weight that survived clipping: how well it agreed with consensus.",
  ],
  [
    "dividends",
    "a validator's pay: its share of validator emission, by its stake and its bonds to miners that earned.",
  ],
  ["emission share", "a group's part of all miner emission over the run (or the epoch, in the charts)."],
  ["burn", "TAO paid to register a hotkey; it rises after each registration and decays over time."],
  [
    "costs",
    "the scenario's running cost per operator or validator per epoch (servers, power), over the epochs it ran.",
  ],
  ["net profit", "TAO earned − burns − costs."],
  [
    "operator",
    "one coldkey running one model of `capacity` answers at once; a sybil operator serves several hotkeys with it.",
  ],
  [
    "sybil advantage",
    "the best net profit of an operator that split one model over several hotkeys, against the mean of operators that kept the same model (same capacity and speed) on one hotkey.",
  ],
  ["rank", "1 = the highest net profit (operators), or net profit per operator (groups)."],
  ["per TAO staked", "dividends divided by stake: what a validator earns for each TAO it stakes."],
  ["weights, W", "what each validator reported about each miner; each row normalised to sum 1."],
]
