CALLS = ["Love", "Fifteen", "Thirty", "Forty"]


class TennisGame:
    def __init__(self, player1, player2):
        self.names = [player1, player2]
        self.points = [0, 0]

    def won_point(self, player):
        self.points[self.names.index(player)] += 1

    def score(self):
        first, second = self.points
        if first == second:
            return "Deuce" if first >= 3 else CALLS[first] + "-All"
        if max(first, second) >= 4:
            leader = self.names[0] if first > second else self.names[1]
            if abs(first - second) == 1:
                return "Advantage " + leader
            return "Win for " + leader
        return CALLS[first] + "-" + CALLS[second]
