// The server's wall clock as seen from this browser: deadlines are on the server's clock.

export interface Clock {
  now(): number
}

/** Offset between the server's wall clock and ours, from server_time_ms at receipt. */
export class ServerClock implements Clock {
  offsetMs = 0
  private samples = 0

  /** `localNow` is injectable so tests need not mock Date. */
  constructor(private readonly localNow: () => number = Date.now) {}

  observe(serverTimeMs: number | null | undefined): void {
    if (typeof serverTimeMs !== 'number' || !Number.isFinite(serverTimeMs)) return
    const sample = serverTimeMs - this.localNow()
    // The first sample is taken as is; later ones are smoothed a little so a slow
    // message does not make the countdown jump.
    this.offsetMs = this.samples === 0 ? sample : Math.round(this.offsetMs * 0.5 + sample * 0.5)
    this.samples++
  }

  now(): number {
    return this.localNow() + this.offsetMs
  }
}
