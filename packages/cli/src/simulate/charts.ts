/**
 * The report's charts: inline SVG, no script. Every chart spans the page (a 1200-unit viewBox scaled to the width);
 * lines carry their name at their end (labels pushed apart so equal lines stay readable) and a dash pattern besides
 * the colour; shares are stacked areas, so groups at 0% take no room instead of hiding under one another.
 */

import type { Plot, Series } from "./chartParts.ts"
import {
  axes,
  axisNames,
  color,
  dash,
  escape,
  legend,
  namesRoom,
  number,
  percent,
  scale,
  short,
  svg,
  WIDTH,
} from "./chartParts.ts"

export { color, escape, legend } from "./chartParts.ts"
export type { Series } from "./chartParts.ts"

/** End-of-line label positions: in value order, at least `gap` apart, kept inside [top, bottom]. */
function spread(ys: ReadonlyArray<number>, gap: number, top: number, bottom: number): Array<number> {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i)
  const placed = order.map((o) => o.y)
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap)
  const overflow = (placed.at(-1) ?? bottom) - bottom
  if (overflow > 0) {
    for (let k = placed.length - 1; k >= 0; k--) {
      placed[k] = Math.max(top, Math.min(placed[k]! - overflow, k + 1 < placed.length ? placed[k + 1]! - gap : bottom))
    }
  }
  const out = new Array<number>(ys.length)
  order.forEach((o, k) => (out[o.i] = placed[k]!))
  return out
}

/** Series with exactly the same values drawn as one line named after all of them, so no line hides another. */
function merged(series: ReadonlyArray<Series>): Array<Series & { readonly colour: number }> {
  const byValues = new Map<string, { names: Array<string>; values: ReadonlyArray<number>; colour: number }>()
  series.forEach((s, k) => {
    const key = s.values.join(",")
    const found = byValues.get(key)
    if (found === undefined) byValues.set(key, { names: [s.name], values: s.values, colour: k })
    else found.names.push(s.name)
  })
  return [...byValues.values()].map((m) => ({ name: m.names.join(" = "), values: m.values, colour: m.colour }))
}

/** Lines over epochs, each named at its end; identical lines are drawn once, named `a = b`. */
export function lineChart(
  o: { id: string; title: string; yLabel: string; series: ReadonlyArray<Series>; format?: (v: number) => string },
): string {
  const p: Plot = { height: 320, left: 70, right: 240, top: 30, bottom: 36 }
  const series = merged(o.series)
  const all = series.flatMap((s) => s.values)
  const min = Math.min(0, ...all)
  const max = Math.max(min + 1e-9, ...all)
  const epochs = Math.max(1, ...series.map((s) => s.values.length))
  const x = (i: number) => p.left + (WIDTH - p.left - p.right) * (epochs === 1 ? 0.5 : i / (epochs - 1))
  const y = scale(p, min, max)
  const format = o.format ?? number
  const labels = spread(series.map((s) => y(s.values.at(-1) ?? 0)), 13, p.top, p.height - p.bottom)
  const lines = series.map((s, m) => {
    const k = s.colour
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")
    const marks = s.values.map((v, i) =>
      `<circle class="point" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2" fill="${color(k)}"><title>${
        escape(s.name)
      }, epoch ${i + 1}: ${format(v)}</title></circle>`
    ).join("")
    const label = `<text x="${WIDTH - p.right + 8}" y="${(labels[m]! + 4).toFixed(1)}" class="label" fill="${
      color(k)
    }">${escape(short(s.name))} ${format(s.values.at(-1) ?? 0)}<title>${escape(s.name)}</title></text>`
    return `<polyline points="${points}" fill="none" stroke="${color(k)}" stroke-width="1.8" stroke-dasharray="${
      dash(k)
    }"/>${marks}${label}`
  })
  return `<figure>${
    svg(o.id, p.height, axes(p, min, max, format, o.title, o.yLabel, `epoch (1–${epochs})`) + lines.join(""))
  }</figure>`
}

/** Shares that add up to 1 each epoch, stacked: each band's thickness is its share. */
export function stackedShares(o: { id: string; title: string; series: ReadonlyArray<Series> }): string {
  const p: Plot = { height: 320, left: 70, right: 20, top: 30, bottom: 36 }
  const epochs = Math.max(1, ...o.series.map((s) => s.values.length))
  const x = (i: number) => p.left + (WIDTH - p.left - p.right) * (epochs === 1 ? 0.5 : i / (epochs - 1))
  const y = scale(p, 0, 1)
  const below = new Array<number>(epochs).fill(0)
  const bands = o.series.map((s, k) => {
    const lower = below.slice()
    const upper = lower.map((b, i) => b + (s.values[i] ?? 0))
    upper.forEach((u, i) => (below[i] = u))
    const outline = [
      ...upper.map((u, i) => `${x(i).toFixed(1)},${y(u).toFixed(1)}`),
      ...lower.map((l, i) => `${x(i).toFixed(1)},${y(l).toFixed(1)}`).reverse(),
    ].join(" ")
    const mean = s.values.reduce((a, b) => a + b, 0) / Math.max(1, s.values.length)
    return `<polygon class="point" points="${outline}" fill="${
      color(k)
    }" fill-opacity="0.75" stroke="#fff" stroke-width="0.5"><title>${escape(s.name)}: mean ${
      percent(mean)
    } of miner emission</title></polygon>`
  })
  const notes = o.series.map((s) => (s.values.every((v) => v === 0) ? "(0% throughout)" : ""))
  return `<figure>${
    svg(
      o.id,
      p.height,
      axes(p, 0, 1, percent, o.title, "share of miner emission", `epoch (1–${epochs})`) + bands.join(""),
    )
  }` +
    `${legend(o.series.map((s) => s.name), notes)}</figure>`
}

/** Bars in groups: one group per category, one bar per series (e.g. a mechanism), a legend for the series. */
export function groupedBars(
  o: {
    id: string
    title: string
    yLabel: string
    categories: ReadonlyArray<string>
    series: ReadonlyArray<Series>
    format?: (v: number) => string
  },
): string {
  const p: Plot = { height: 340, left: 70, right: 20, top: 30, bottom: 56 }
  const all = o.series.flatMap((s) => s.values)
  const min = Math.min(0, ...all)
  const max = Math.max(min + 1e-9, ...all) * 1.05
  const y = scale(p, min, max)
  const format = o.format ?? number
  const slot = (WIDTH - p.left - p.right) / Math.max(1, o.categories.length)
  const bar = (slot * 0.8) / Math.max(1, o.series.length)
  const rects = o.categories.flatMap((c, i) =>
    o.series.map((s, k) => {
      const v = s.values[i] ?? 0
      const [top, bottom] = [Math.min(y(v), y(0)), Math.max(y(v), y(0))]
      return `<rect class="point" x="${(p.left + i * slot + slot * 0.1 + k * bar).toFixed(1)}" y="${
        top.toFixed(1)
      }" width="${(bar * 0.9).toFixed(1)}" ` +
        `height="${Math.max(0.8, bottom - top).toFixed(1)}" fill="${color(k)}"><title>${escape(c)} — ${
          escape(s.name)
        }: ${format(v)}</title></rect>`
    })
  )
  const names = o.categories.map((c, i) =>
    `<text x="${(p.left + (i + 0.5) * slot).toFixed(1)}" y="${
      p.height - p.bottom + 16
    }" class="tick" text-anchor="middle">${escape(c)}</text>`
  )
  return `<figure>${
    svg(o.id, p.height, axes(p, min, max, format, o.title, o.yLabel, "") + rects.join("") + names.join(""))
  }${legend(o.series.map((s) => s.name))}</figure>`
}

/** One bar per item, coloured by its group. */
export function barChart(
  o: {
    id: string
    title: string
    yLabel: string
    bars: ReadonlyArray<{ label: string; group: number; value: number }>
    groups: ReadonlyArray<string>
  },
): string {
  const room = namesRoom(o.bars.map((b) => b.label))
  const p: Plot = { height: 276 + room, left: 70, right: 20, top: 30, bottom: room }
  const min = Math.min(0, ...o.bars.map((b) => b.value))
  const max = Math.max(min + 1e-9, ...o.bars.map((b) => b.value)) * 1.05
  const y = scale(p, min, max)
  const slot = (WIDTH - p.left - p.right) / Math.max(1, o.bars.length)
  const rects = o.bars.map((b, i) => {
    const [top, bottom] = [Math.min(y(b.value), y(0)), Math.max(y(b.value), y(0))]
    return `<rect class="point" x="${(p.left + i * slot + slot * 0.1).toFixed(1)}" y="${top.toFixed(1)}" width="${
      (slot * 0.8).toFixed(1)
    }" ` +
      `height="${Math.max(0.8, bottom - top).toFixed(1)}" fill="${color(b.group)}"><title>${escape(b.label)}: ${
        number(b.value)
      }</title></rect>`
  })
  const names = axisNames(o.bars.map((b) => b.label), (i) => p.left + (i + 0.5) * slot, slot, p.height - p.bottom + 14)
  return `<figure>${svg(o.id, p.height, axes(p, min, max, number, o.title, o.yLabel, "") + rects.join("") + names)}${
    legend(o.groups)
  }</figure>`
}

/** Rows of cells shaded by value (the last epoch's weights and consensus). */
export function heatmap(
  o: { id: string; title: string; rows: ReadonlyArray<Series>; columns: ReadonlyArray<string> },
): string {
  const left = 150
  const top = 28
  const cell = Math.max(3, Math.min(36, (WIDTH - left - 10) / Math.max(1, o.columns.length)))
  const rowHeight = Math.max(10, Math.min(16, cell))
  const bottom = top + o.rows.length * rowHeight
  const height = bottom + namesRoom(o.columns) + 4
  const max = Math.max(1e-9, ...o.rows.flatMap((r) => r.values))
  const cells = o.rows.flatMap((r, i) =>
    r.values.map((v, j) =>
      `<rect class="point" x="${(left + j * cell).toFixed(1)}" y="${top + i * rowHeight}" width="${
        Math.max(1, cell - 1).toFixed(1)
      }" height="${rowHeight - 1}" ` +
      `fill="rgba(37,99,235,${(0.05 + 0.95 * (v / max)).toFixed(3)})"><title>${escape(r.name)} → ${
        escape(o.columns[j]!)
      }: ${v.toFixed(4)}</title></rect>`
    )
  )
  const labels = o.rows.map((r, i) =>
    `<text x="${left - 6}" y="${top + i * rowHeight + rowHeight - 3}" class="tick" text-anchor="end">${
      escape(r.name)
    }</text>`
  )
  return `<figure>${
    svg(
      o.id,
      height,
      `<text x="0" y="16" class="title">${escape(o.title)}</text>${labels.join("")}${cells.join("")}` +
        axisNames(o.columns, (j) => left + (j + 0.5) * cell, cell, bottom + 12),
    )
  }</figure>`
}
