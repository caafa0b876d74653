import type { MinerProfile, Scenario, ValidatorProfile } from "@subnetkit/core"
import { decodeScenario, defaultScenario, simulate, writeFileAtomic } from "@subnetkit/core"
import type { Mechanism } from "@subnetkit/mechanisms"
import { Effect } from "effect"
import { mkdir, readFile } from "node:fs/promises"
import { dirname, resolve } from "node:path"
import { promised, UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { importDefault } from "../runtime/importDefault.ts"
import { loadSubnet, subnetSettings } from "../runtime/loadSubnet.ts"
import { progressBar } from "../runtime/progressBar.ts"
import { suggestProfile, withProfileNames } from "../simulate/profileNames.ts"
import { renderReport } from "../simulate/report.ts"
import { summaryCsv, summaryText } from "../simulate/summary.ts"
import type { Args } from "./options.ts"

export const simulateHelp = `Usage: subnet simulate [--scenario <file.json>] [options]

Runs a subnet with a population of honest and adversarial miners and validators on the embedded mock chain: the
subnet's real miner handler (wrapped by each miner profile) and the real validator runtime, in simulated time, then
the mechanism every tempo. Prints who was paid what — per miner operator (ranked by net profit), per group and per
validator — net of registration burns and running costs, and the sybil advantage (one model split over several
hotkeys against the same model on one). The same scenario and seed give byte-identical --json output.

Options:
  --scenario <file>     a scenario JSON file (default: the built-in mixed population on the arithmetic subnet)
  --print-scenario      print the scenario (the default one, or --scenario's) as JSON, to edit and feed back
  --epochs <n>          override the scenario's epochs
  --seed <n>            override the scenario's seed
  --mechanism <name>    override the scenario's mechanism (yuma, yuma3, yuma2, mean, wta, topN, softmax:T, or a module)
  --compare <a,b,…>     replay the same answers, scores and weights under each mechanism, side by side
  --json                print one JSON object: {scenario, mechanism, profiles, operators, sybilAdvantage, validators, …}
  --csv                 print one CSV row per miner group, operator and validator, for every mechanism
  --report <out.html>   write a self-contained HTML report with charts
  --config <file.json>  options from the file's "simulate" section, subnet settings from its "subnet" section;
                        any option also from SUBNET_<OPTION> (SUBNET_EPOCHS, …); flags win over both
  --set <field=value>   a subnet setting (repeatable), over the file and the subnet's environment variables

Profiles — miners: honest, lazy, copycat, sybil, slow, random, offline; validators: honest, fresh-copier,
weight-copier, cabal, lazy. A "profile" (or "subnet", "mechanism") that is a path names a module whose default
export is one; paths are relative to the scenario file. Example scenarios: scenarios/ in the repository.
`

const isPath = (spec: string) => spec.includes("/") || /\.[cm]?[jt]s$/.test(spec)

async function readScenario(path: string | undefined): Promise<unknown> {
  if (path === undefined) return defaultScenario
  const text = await readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read scenario ${path}: ${e.code === "ENOENT" ? "no such file" : e.message}`)
  })
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new UsageError(`scenario ${path} is not JSON: ${(e as Error).message}`)
  }
}

/**
 * The scenario with every module path (subnet, mechanism, profiles) made absolute: a printed scenario saved anywhere
 * still names the same modules. Built-in names are kept as they are.
 */
function withAbsolutePaths(scenario: Scenario, baseDir: string): Scenario {
  const abs = (spec: string) => (isPath(spec) ? resolve(baseDir, spec) : spec)
  return {
    ...scenario,
    subnet: abs(scenario.subnet),
    mechanism: abs(scenario.mechanism),
    miners: scenario.miners.map((g) => ({ ...g, profile: abs(g.profile) })),
    validators: scenario.validators.map((g) => ({ ...g, profile: abs(g.profile) })),
  }
}

/** User modules the scenario names: profiles and mechanisms given as paths. */
async function userModules(scenario: Scenario, compare: ReadonlyArray<string>, baseDir: string) {
  const minerProfiles: Record<string, MinerProfile> = {}
  const validatorProfiles: Record<string, ValidatorProfile> = {}
  const mechanisms: Record<string, Mechanism> = {}
  /** Each profile path's module `name`, for the table and the report. */
  const names: Record<string, string> = {}
  for (const g of scenario.miners) {
    if (isPath(g.profile)) {
      minerProfiles[g.profile] = (await importDefault(g.profile, "miner profile", baseDir)) as MinerProfile
      names[g.profile] = minerProfiles[g.profile]!.name
    }
  }
  for (const g of scenario.validators) {
    if (isPath(g.profile)) {
      validatorProfiles[g.profile] = (await importDefault(g.profile, "validator profile", baseDir)) as ValidatorProfile
      names[g.profile] = validatorProfiles[g.profile]!.name
    }
  }
  for (const name of [scenario.mechanism, ...compare]) {
    if (!isPath(name)) continue
    const mechanism = (await importDefault(name, "mechanism", baseDir)) as Partial<Mechanism>
    if (typeof mechanism.epoch !== "function") {
      throw new UsageError(`mechanism ${name}: its default export has no epoch(input) function`)
    }
    mechanisms[name] = mechanism as Mechanism
  }
  return { modules: { minerProfiles, validatorProfiles, mechanisms }, names }
}

/** `subnet simulate`. */
export const simulateCommand = (args: Args<"simulate">, io: Io) =>
  Effect.gen(function*() {
    if (args.json && args.csv) return yield* new UsageError("--json and --csv both print to stdout; choose one")
    const raw = yield* promised(() => readScenario(args.scenario))
    const overrides = {
      ...(args.epochs === undefined ? {} : { epochs: args.epochs }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.mechanism === undefined ? {} : { mechanism: args.mechanism }),
    }
    const scenario = yield* Effect.try({
      try: () => decodeScenario(typeof raw === "object" && raw !== null ? { ...raw, ...overrides } : raw),
      catch: (e) => e, // a ScenarioError naming the field
    })
    const baseDir = args.scenario === undefined ? process.cwd() : dirname(resolve(args.scenario))
    if (args.printScenario) {
      io.stdout(JSON.stringify(withAbsolutePaths(scenario, baseDir), null, 2) + "\n")
      return
    }
    const compare = args.compare === undefined
      ? []
      : args.compare.split(",").map((s) => s.trim()).filter((s) => s !== "")
    const subnet = yield* promised(() =>
      loadSubnet(
        isPath(scenario.subnet) ? resolve(baseDir, scenario.subnet) : scenario.subnet,
        `scenario ${args.scenario ?? "(default)"}: subnet`,
      )
    )
    const { modules, names } = yield* promised(() => userModules(scenario, compare, baseDir))
    const config = yield* subnetSettings(subnet, args)
    const bar = progressBar(io, "simulating")
    const result = yield* simulate(scenario, { subnet, config, ...modules, compare, onEpoch: bar.update })
      .pipe(
        Effect.mapError((e) => suggestProfile(e, scenario, modules)),
        Effect.ensuring(Effect.sync(bar.clear)),
      )
    // The table and the report name a profile loaded from a path by its own name; --json and --csv keep the path.
    const named = withProfileNames(result, names)
    if (args.report !== undefined) {
      const report = args.report
      yield* promised(async () => {
        await mkdir(dirname(resolve(report)), { recursive: true })
        await writeFileAtomic(report, renderReport(named, subnet.name))
      })
      io.stderr(`report written to ${args.report}\n`)
    }
    io.stdout(
      args.json ? JSON.stringify(result) + "\n" : args.csv ? summaryCsv(result) : summaryText(named, subnet.name),
    )
  })
