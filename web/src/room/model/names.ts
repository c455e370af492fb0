// Participant names for messages: ids are what the server sends, names what people read.

import type { Participant } from '../../api'
import type { NameOf } from '../../run-format'

/** "nobody" for no id; "someone" for an id that left the room (or is not known yet). */
export function nameIn(participants: readonly Participant[], id: string | null | undefined): string {
  if (!id) return 'nobody'
  return participants.find((p) => p.id === id)?.name ?? 'someone'
}

export function namesOf(participants: readonly Participant[]): NameOf {
  return (id) => nameIn(participants, id)
}
