// The two shared files of a room. Kept apart from sync.ts so pure modules can name
// them without importing Yjs and the websocket provider.

export const TEXT_NAMES = ['solution', 'tests'] as const
export type TextName = (typeof TEXT_NAMES)[number]

export const FILE_LABELS: Record<TextName, string> = { solution: 'solution.py', tests: 'test_solution.py' }
