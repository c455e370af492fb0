class TennisGame:
    """Scoreboard of one game of tennis. Written in a hurry for the 1998 club open."""

    def __init__(self, player1, player2, deciding_point):
        self.n1 = player1
        self.n2 = player2
        self.deciding_point = deciding_point
        self.s1 = 0
        self.s2 = 0

    def won_point(self, player):
        if player == self.n1:
            self.s1 = self.s1 + 1
        if player == self.n2:
            self.s2 = self.s2 + 1

    def score(self):
        result = ""
        tmp1 = ""
        tmp2 = ""
        if self.s1 == self.s2:
            if self.s1 == 0:
                result = "Love-All"
            elif self.s1 == 1:
                result = "Fifteen-All"
            elif self.s1 == 2:
                result = "Thirty-All"
            else:
                result = "Deuce"
        else:
            if self.s1 >= 4 or self.s2 >= 4:
                d = self.s1 - self.s2
                if d == 1:
                    result = "Advantage " + self.n1
                elif d == -1:
                    result = "Advantage " + self.n2
                elif d >= 2:
                    result = "Win for " + self.n1
                else:
                    result = "Win for " + self.n2
            else:
                for i in range(2):
                    if i == 0:
                        t = self.s1
                    else:
                        t = self.s2
                    if t == 0:
                        tmp = "Love"
                    elif t == 1:
                        tmp = "Fifteen"
                    elif t == 2:
                        tmp = "Thirty"
                    elif t == 3:
                        tmp = "Forty"
                    if i == 0:
                        tmp1 = tmp
                    else:
                        tmp2 = tmp
                result = tmp1 + "-" + tmp2
        return result
