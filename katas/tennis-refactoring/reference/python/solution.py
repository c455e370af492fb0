POINT_NAMES = ["Love", "Fifteen", "Thirty", "Forty"]


class TennisGame:
    def __init__(self, player1, player2, deciding_point):
        self.players = [player1, player2]
        self.points = [0, 0]
        self.deciding_point = deciding_point

    def won_point(self, player):
        self.points[self.players.index(player)] += 1

    def score(self):
        first, second = self.points
        if first == second:
            return self._level_score(first)
        if max(first, second) < 4:
            return POINT_NAMES[first] + "-" + POINT_NAMES[second]
        leader = self.players[0] if first > second else self.players[1]
        if self.deciding_point or abs(first - second) >= 2:
            return "Win for " + leader
        return "Advantage " + leader

    def _level_score(self, points):
        if points < 3:
            return POINT_NAMES[points] + "-All"
        return "Deciding Point" if self.deciding_point else "Deuce"
