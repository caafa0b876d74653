/** An invalid subnet definition (bad name, version, limits or kinds): thrown by `defineSubnet`. */
export class InvalidSubnetDefinition extends Error {
  override readonly name = "InvalidSubnetDefinition"
}
