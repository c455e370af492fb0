/** Return the five rows of lamps ("Y", "R" or "O") showing `time` ("HH:MM:SS"). */
export function berlinClock(time) {
  // TODO
  return ['O', 'OOOO', 'OOOO', 'OOOOOOOOOOO', 'OOOO'];
}
