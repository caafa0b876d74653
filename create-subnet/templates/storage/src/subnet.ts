/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`, `subnet storage put|get|ls`):
 * encrypted chunks kept on R miners each, audited with seeded Merkle challenges and retrievals, repaired until every
 * chunk has R copies. Its settings (replicas, chunk size, the miner's cap, the validator's spool directory, …: see
 * config.ts) can come from SUBNET_STORAGE_* variables, a `--config` file or `--set`.
 *
 * Where things are: task.ts, miner.ts, validator.ts; the code behind them is the reference storage subnet's
 * (storageSubnet.ts, kinds.ts, round.ts, challenge.ts, merkle.ts, ...). Change it freely: it is yours now.
 */
import subnet from "./index.ts"

export default subnet
