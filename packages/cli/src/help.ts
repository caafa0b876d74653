/** `subnet --help`: printed without loading any command (or the parser), so it starts in plain node at once. */
export const help = `Usage: subnet <command> [options]

Commands:
  epoch <file.json>   run Yuma (or another mechanism) on a fixture-format file, print JSON
  emission            print the TAO halving timeline (--json for machines); --netuid N: what a subnet's last epoch paid
  metagraph           print a subnet's neurons from a chain: stake, I, D, E, C, trust, permit, axon (--json)
  simulate            run a subnet with honest and adversarial miners and validators; table, JSON, CSV, HTML report
  wallet              create, list and show btcli-compatible wallets
  localnet            serve a mock chain on 127.0.0.1 for miners and validators in other processes
  miner, validator    run a neuron of a subnet against a chain
  query               send a task to the top miners of a subnet and print their answers
  storage             put files on the storage subnet and get them back

Run "subnet <command> --help" for a command's options.
`
