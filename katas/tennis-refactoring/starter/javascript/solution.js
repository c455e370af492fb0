/** Scoreboard of one game of tennis. Written in a hurry for the 1998 club open. */
export class TennisGame {
  constructor(player1, player2, decidingPoint) {
    this.n1 = player1;
    this.n2 = player2;
    this.decidingPoint = decidingPoint;
    this.s1 = 0;
    this.s2 = 0;
  }

  wonPoint(player) {
    if (player === this.n1) {
      this.s1 = this.s1 + 1;
    }
    if (player === this.n2) {
      this.s2 = this.s2 + 1;
    }
  }

  score() {
    var result = "";
    var tmp1 = "";
    var tmp2 = "";
    var tmp;
    if (this.s1 === this.s2) {
      if (this.s1 === 0) {
        result = "Love-All";
      } else if (this.s1 === 1) {
        result = "Fifteen-All";
      } else if (this.s1 === 2) {
        result = "Thirty-All";
      } else {
        result = "Deuce";
      }
    } else {
      if (this.s1 >= 4 || this.s2 >= 4) {
        var d = this.s1 - this.s2;
        if (d === 1) {
          result = "Advantage " + this.n1;
        } else if (d === -1) {
          result = "Advantage " + this.n2;
        } else if (d >= 2) {
          result = "Win for " + this.n1;
        } else {
          result = "Win for " + this.n2;
        }
      } else {
        for (var i = 0; i < 2; i++) {
          var t;
          if (i === 0) {
            t = this.s1;
          } else {
            t = this.s2;
          }
          if (t === 0) {
            tmp = "Love";
          } else if (t === 1) {
            tmp = "Fifteen";
          } else if (t === 2) {
            tmp = "Thirty";
          } else if (t === 3) {
            tmp = "Forty";
          }
          if (i === 0) {
            tmp1 = tmp;
          } else {
            tmp2 = tmp;
          }
        }
        result = tmp1 + "-" + tmp2;
      }
    }
    return result;
  }
}
