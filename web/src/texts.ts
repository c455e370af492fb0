// The two shared files of a room. Kept apart from sync.ts so pure modules can name
// them without importing Yjs and the websocket provider. Their file names depend on
// the room's language: fileNames() in languages.ts.

export const TEXT_NAMES = ['solution', 'tests'] as const
export type TextName = (typeof TEXT_NAMES)[number]
