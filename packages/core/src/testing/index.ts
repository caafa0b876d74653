/**
 * @subnetkit/core/testing — helpers for a subnet's own tests: a small subnet on the mock chain (owner, staked
 * validators, registered miners, permits), and an in-process transport that records what reached the miners.
 */
export { keysOf, OWNER_KEYS, setupLocalSubnet } from "./localSubnet.ts"
export type { LocalSubnetOptions } from "./localSubnet.ts"
export { recordingTransport } from "./recordingTransport.ts"
