/**
 * @subnetkit/core/testing — helpers for a subnet's own tests: a small subnet on the mock chain (owner, staked
 * validators, registered miners, permits), the dev keys its calls are signed with, and an in-process transport that
 * records what reached the miners.
 */
export { devSigner, devSignerLayer } from "../chain/Signer.ts"
export { DEV_SUDO_ADDRESS, devKeypair } from "../keys/devKeys.ts"
export { keysOf, OWNER_KEYS, setupLocalSubnet } from "./localSubnet.ts"
export type { LocalSubnetOptions } from "./localSubnet.ts"
export { recordingTransport } from "./recordingTransport.ts"
