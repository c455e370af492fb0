class Lift:
    def __init__(self, floors):
        self.floors = floors
        self.position = 0
        self.heading = "idle"
        self.pending = set()
        self.served = []

    def call(self, floor):
        self.pending.add(floor)

    def tick(self):
        if self.position in self.pending:
            self.pending.discard(self.position)
            self.served.append(self.position)
            if not self.pending:
                self.heading = "idle"
        elif not self.pending:
            self.heading = "idle"
        else:
            self.heading = self._next_heading()
            self.position += 1 if self.heading == "up" else -1

    def _next_heading(self):
        above = [f for f in self.pending if f > self.position]
        below = [f for f in self.pending if f < self.position]
        if self.heading == "up" and above:
            return "up"
        if self.heading == "down" and below:
            return "down"
        if not below:
            return "up"
        if not above:
            return "down"
        return "up" if min(above) - self.position <= self.position - max(below) else "down"

    def floor(self):
        return self.position

    def direction(self):
        return self.heading

    def stops(self):
        return list(self.served)
