/**
 * Every TCP connection of an Axon (HTTP, and WebSockets after their upgrade), so that none can be held for free:
 *
 * - **caps**: at most `maxConnections` in all and `maxPerIp` per address. At a cap, a new connection evicts the
 *   oldest one that never carried a verified request and is not serving one (a silent or hostile connection); when
 *   every connection is a known caller's, the new one is refused. So silent connections cannot lock validators out.
 * - **idle timeout**: an HTTP connection with no request in progress and none started for `idleMs` is closed, which
 *   also covers connections that never send a byte (Node's header timeout only starts with the first byte).
 *   WebSockets keep their own idle timer and ping (`AxonWs.ts`).
 */
import type { Socket } from "node:net"

export interface Tracked {
  readonly socket: Socket
  readonly ip: string
  lastActive: number
  /** HTTP requests in progress. */
  active: number
  /** Carried a request whose signature verified for an admitted caller. */
  trusted: boolean
  /** Upgraded to a WebSocket: its idle time is `AxonWs`'s business. */
  webSocket: boolean
}

export interface ConnectionStats {
  readonly open: number
  readonly webSockets: number
  readonly closedIdle: number
  readonly evicted: number
  readonly refused: number
}

export class Connections {
  private readonly all = new Map<Socket, Tracked>() // insertion order = age
  private readonly perIp = new Map<string, number>()
  private readonly sweeper: NodeJS.Timeout
  private closedIdle = 0
  private evicted = 0
  private refused = 0

  constructor(
    private readonly options: {
      readonly maxConnections: number
      readonly maxPerIp: number
      readonly idleMs: number
      readonly now: () => number
    },
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(50, Math.min(1_000, options.idleMs / 4)))
    this.sweeper.unref()
  }

  /** Tracks a new connection, evicting a silent one at a cap; false (and the socket destroyed) when it is refused. */
  accept(socket: Socket): boolean {
    const ip = socket.remoteAddress ?? "?"
    if (this.all.size >= this.options.maxConnections && !this.evictOne(null)) return this.refuse(socket)
    if ((this.perIp.get(ip) ?? 0) >= this.options.maxPerIp && !this.evictOne(ip)) return this.refuse(socket)
    const tracked: Tracked = { socket, ip, lastActive: this.options.now(), active: 0, trusted: false, webSocket: false }
    this.all.set(socket, tracked)
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1)
    socket.once("close", () => {
      if (this.all.delete(socket)) {
        const n = (this.perIp.get(ip) ?? 1) - 1
        if (n <= 0) this.perIp.delete(ip)
        else this.perIp.set(ip, n)
      }
    })
    return true
  }

  get(socket: Socket): Tracked | undefined {
    return this.all.get(socket)
  }

  requestStarted(socket: Socket): void {
    const t = this.all.get(socket)
    if (t) {
      t.active++
      t.lastActive = this.options.now()
    }
  }

  requestEnded(socket: Socket): void {
    const t = this.all.get(socket)
    if (t) {
      t.active = Math.max(0, t.active - 1)
      t.lastActive = this.options.now()
    }
  }

  stats(): ConnectionStats {
    let webSockets = 0
    for (const t of this.all.values()) if (t.webSocket) webSockets++
    return {
      open: this.all.size,
      webSockets,
      closedIdle: this.closedIdle,
      evicted: this.evicted,
      refused: this.refused,
    }
  }

  close(): void {
    clearInterval(this.sweeper)
    for (const socket of this.all.keys()) socket.destroy()
  }

  private refuse(socket: Socket): false {
    this.refused++
    socket.destroy()
    return false
  }

  /** Closes the oldest untrusted, unbusy connection (of `ip`, if given); false when there is none. */
  private evictOne(ip: string | null): boolean {
    for (const t of this.all.values()) {
      if (t.trusted || t.active > 0 || (ip !== null && t.ip !== ip)) continue
      this.evicted++
      this.all.delete(t.socket) // counted out now: its 'close' comes later
      const n = (this.perIp.get(t.ip) ?? 1) - 1
      if (n <= 0) this.perIp.delete(t.ip)
      else this.perIp.set(t.ip, n)
      t.socket.destroy()
      return true
    }
    return false
  }

  private sweep(): void {
    const cutoff = this.options.now() - this.options.idleMs
    for (const t of this.all.values()) {
      if (t.webSocket || t.active > 0 || t.lastActive > cutoff) continue
      this.closedIdle++
      t.socket.destroy()
    }
  }
}
