from collections import deque


class _Thread:
    def __init__(self, index, name, bursts):
        self.index = index
        self.name = name
        self.bursts = bursts
        self.step = 0                 # index of the current computation in bursts
        self.left = bursts[0]         # ticks left in that computation
        self.wakes_at = None          # tick at whose start a blocked thread is ready

    def finish_computation(self, tick):
        """Move past the computation just ended; return False when nothing is left."""
        if self.step + 1 == len(self.bursts):
            return False
        self.wakes_at = tick + self.bursts[self.step + 1] + 1
        self.step += 2
        self.left = self.bursts[self.step]
        return True


def gil_trace(threads, switch_interval):
    pool = [_Thread(i, name, list(bursts)) for i, (name, bursts) in enumerate(threads)]
    ready = deque(pool)
    blocked = []
    holder, run_length = None, 0
    unfinished = len(pool)
    trace = []
    tick = 0
    while unfinished:
        awake = sorted((t for t in blocked if t.wakes_at == tick), key=lambda t: t.index)
        for thread in awake:
            blocked.remove(thread)
            ready.append(thread)
        if holder is None and ready:
            holder, run_length = ready.popleft(), 0
        if holder is None:
            trace.append("-")
        else:
            trace.append(holder.name)
            holder.left -= 1
            run_length += 1
            if holder.left == 0:
                if holder.finish_computation(tick):
                    blocked.append(holder)
                else:
                    unfinished -= 1
                holder = None
            elif run_length == switch_interval:
                ready.append(holder)
                holder = None
        tick += 1
    return trace
