class Thread {
  constructor(index, name, bursts) {
    this.index = index;
    this.name = name;
    this.bursts = bursts;
    this.step = 0;          // index of the current computation in bursts
    this.left = bursts[0];  // ticks left in that computation
    this.wakesAt = null;    // tick at whose start a blocked thread is ready
  }

  /** Move past the computation just ended; return false when nothing is left. */
  finishComputation(tick) {
    if (this.step + 1 === this.bursts.length) return false;
    this.wakesAt = tick + this.bursts[this.step + 1] + 1;
    this.step += 2;
    this.left = this.bursts[this.step];
    return true;
  }
}

export function gilTrace(threads, switchInterval) {
  const pool = threads.map(([name, bursts], i) => new Thread(i, name, [...bursts]));
  const ready = [...pool];
  let blocked = [];
  let holder = null;
  let runLength = 0;
  let unfinished = pool.length;
  const trace = [];
  for (let tick = 0; unfinished > 0; tick++) {
    const awake = blocked.filter((t) => t.wakesAt === tick).sort((a, b) => a.index - b.index);
    if (awake.length > 0) {
      blocked = blocked.filter((t) => t.wakesAt !== tick);
      ready.push(...awake);
    }
    if (holder === null && ready.length > 0) {
      holder = ready.shift();
      runLength = 0;
    }
    if (holder === null) {
      trace.push('-');
      continue;
    }
    trace.push(holder.name);
    holder.left -= 1;
    runLength += 1;
    if (holder.left === 0) {
      if (holder.finishComputation(tick)) {
        blocked.push(holder);
      } else {
        unfinished -= 1;
      }
      holder = null;
    } else if (runLength === switchInterval) {
      ready.push(holder);
      holder = null;
    }
  }
  return trace;
}
