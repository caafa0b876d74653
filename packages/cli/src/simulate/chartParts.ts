/**
 * What every chart of the report is drawn with: colours and dashes, number formats, the plot's axes and frame, the
 * legend, and names under an axis.
 */

const COLORS = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#65a30d",
  "#475569",
  "#ea580c",
]
const DASHES = ["", "6 3", "2 3", "8 3 2 3"]
export const WIDTH = 1200

export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
export const color = (k: number) => COLORS[k % COLORS.length]!
export const dash = (k: number) => DASHES[Math.floor(k / COLORS.length) % DASHES.length]!
export const percent = (x: number) => `${(x * 100).toFixed(1)}%`
export const number = (
  x: number,
) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2))

export interface Series {
  readonly name: string
  readonly values: ReadonlyArray<number>
}

export interface Plot {
  readonly height: number
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

/** y from a value, over [min, max] (min ≤ 0 ≤ max is not required). */
export const scale = (p: Plot, min: number, max: number) => (v: number) =>
  p.top + (p.height - p.top - p.bottom) * (1 - (v - min) / (max - min || 1))

export function axes(
  p: Plot,
  min: number,
  max: number,
  format: (v: number) => string,
  title: string,
  yLabel: string,
  xLabel: string,
): string {
  const y = scale(p, min, max)
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => min + t * (max - min))
  // A zero line when 0 is inside the range; its label only where it does not sit on another tick's.
  const zeroLabel = min < 0 && max > 0 && ticks.every((t) => Math.abs(t) > 0.06 * (max - min))
  if (min < 0 && max > 0) ticks.push(0)
  return [
    `<text x="${p.left}" y="16" class="title">${escape(title)}</text>`,
    ...ticks.map((t) =>
      `<line x1="${p.left}" x2="${WIDTH - p.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="${
        t === 0 ? "zero" : "grid"
      }"/>` +
      (t === 0 && min < 0 && !zeroLabel
        ? ""
        : `<text x="${p.left - 6}" y="${(y(t) + 4).toFixed(1)}" class="tick" text-anchor="end">${format(t)}</text>`)
    ),
    `<text x="14" y="${p.height / 2}" class="axis" transform="rotate(-90 14 ${p.height / 2})" text-anchor="middle">${
      escape(yLabel)
    }</text>`,
    `<text x="${(p.left + WIDTH - p.right) / 2}" y="${p.height - 6}" class="axis" text-anchor="middle">${
      escape(xLabel)
    }</text>`,
  ].join("")
}

export const svg = (id: string, height: number, body: string) =>
  `<svg class="chart" data-chart="${
    escape(id)
  }" viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet" role="img">${body}</svg>`

export const legend = (names: ReadonlyArray<string>, notes: ReadonlyArray<string> = []) =>
  `<div class="legend">${
    names.map((n, i) =>
      `<span><i style="background:${color(i)}"></i>${escape(n)}${
        notes[i] ? ` <em>${escape(notes[i]!)}</em>` : ""
      }</span>`
    ).join("")
  }</div>`

/** Room under an axis for names rotated 45°: the longest name, at about 6 units a character. */
export const namesRoom = (names: ReadonlyArray<string>) =>
  16 + Math.ceil(0.72 * 6.2 * Math.min(26, Math.max(0, ...names.map((n) => n.length))))

/**
 * Item names under an axis, rotated 45° and ending under each item (centre x(i)); when items are narrower than a line
 * of text, every n-th is named, so no name sits on another (each keeps its tooltip on the item itself).
 */
export function axisNames(names: ReadonlyArray<string>, x: (i: number) => number, slot: number, y: number): string {
  const every = Math.max(1, Math.ceil(13 / slot))
  return names.map((n, i) =>
    i % every !== 0 ?
      "" :
      `<text x="${x(i).toFixed(1)}" y="${y}" class="tick" text-anchor="end" transform="rotate(-45 ${
        x(i).toFixed(1)
      } ${y})">${escape(short(n))}</text>`
  ).join("")
}

/** A line's name cut to fit the label column (the full name is its tooltip). */
export const short = (name: string) => (name.length > 26 ? `${name.slice(0, 25)}…` : name)
