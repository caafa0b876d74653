/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`, `subnet storage put|get|ls`):
 * encrypted chunks kept on R miners each, audited with seeded Merkle challenges and retrievals, repaired until every
 * chunk has R copies. Its settings (replicas, chunk size, the miner's cap, the validator's spool directory, …:
 * settings.ts) can come from SUBNET_STORAGE_* variables, a `--config` file or `--set`.
 *
 * Where things are: task.ts (the request kinds' schemas), miner.ts (the miner's store, challenge and retrieve),
 * validator.ts (the index and the round: round.ts, audit.ts, placement.ts, scoring.ts), settings.ts; storageSubnet.ts
 * puts them together and index.ts adds the client `subnet storage` uses. It is the reference storage subnet's code:
 * change it freely, it is yours now.
 */
import subnet from "./index.ts"

export default subnet
