/**
 * Task prompts: a verse from the bundled public-domain corpus (King James Bible), cut at a random word, lightly
 * reworded and wrapped in a persona frame, all drawn from the validator's seeded stream — so the same seed gives the
 * same prompts, and an answer cannot be looked up from the verse.
 */
import type { SeededRandom } from "@subnetkit/core"
import { readFileSync } from "node:fs"

const VERSES = readFileSync(new URL("../corpus/kjv-verses.txt", import.meta.url), "utf8").split("\n").filter((l) =>
  l !== ""
)

const PERSONAS = [
  "a shepherd",
  "a scribe",
  "a sailor",
  "a farmer",
  "a herald",
  "a traveller",
  "a judge",
  "a potter",
  "a watchman",
  "an elder",
]

const FRAMES: ReadonlyArray<(persona: string, text: string) => string> = [
  (p, t) => `As ${p}, continue: ${t}`,
  (p, t) => `${p[0]!.toUpperCase()}${p.slice(1)} tells the story. ${t}`,
  (p, t) => `Go on with what ${p} said: ${t}`,
  (_p, t) => t,
]

/** Old forms and plainer ones, swapped both ways so the words asked differ from the corpus. */
const SWAPS: ReadonlyArray<readonly [string, string]> = [
  ["unto", "to"],
  ["thee", "you"],
  ["thou", "you"],
  ["spake", "spoke"],
  ["saith", "says"],
  ["hath", "has"],
  ["shalt", "shall"],
  ["ye", "you"],
  ["thy", "your"],
  ["came", "went"],
  ["land", "country"],
  ["city", "town"],
]

export function generatePrompt(random: SeededRandom): string {
  const verse = VERSES[random.int(VERSES.length)]!.split(" ")
  const words = verse.slice(0, Math.min(verse.length, 5 + random.int(10)))
  const reworded = words.map((w) => {
    const swap = SWAPS.find(([a, b]) => w === a || w === b)
    return swap !== undefined && random.next() < 0.5 ? (w === swap[0] ? swap[1] : swap[0]) : w
  })
  const frame = FRAMES[random.int(FRAMES.length)]!
  return frame(PERSONAS[random.int(PERSONAS.length)]!, reworded.join(" ").replace(/[,;:]$/, ""))
}
