// Generated from the randori-core crate's types by core/tests/protocol_types.rs.
// Do not edit: change the Rust types, then run
//   RANDORI_UPDATE_TYPES=1 cargo test -p randori-core --test protocol_types

/**
 * One call of a class case.
 */
export type Call = { method: string, args: Array<JsonValue>, 
/**
 * Checked when present.
 */
expected?: JsonValue, };

/**
 * A frame a client sends on the events socket.
 */
export type ClientCommand = { "type": "ping" } | { "type": "run", kind: RunKind, } | { "type": "rotation", facilitator_token: string, } & ({ "action": "start" } | { "action": "pause" } | { "action": "resume" } | { "action": "next" } | { "action": "skip", 
/**
 * Id of the participant to skip.
 */
participant: string, } | { "action": "unskip", 
/**
 * Id of the participant to bring back.
 */
participant: string, } | { "action": "shuffle", 
/**
 * Seed for the deterministic shuffle; `now_ms` when absent.
 */
seed?: number, } | { "action": "reorder", 
/**
 * A permutation of every participant id.
 */
order: Array<string>, } | { "action": "settings", 
/**
 * The fields to change.
 */
settings: SettingsPatch, } | { "action": "end" });

/**
 * `201` to `POST /api/rooms`.
 */
export type CreatedRoom = { id: string, 
/**
 * The facilitator's secret: rotation actions and settings need it.
 */
facilitator_token: string, 
/**
 * The link to share with participants.
 */
join_url: string, };

export type Difficulty = "easy" | "medium" | "hard";

/**
 * Who may type in a room. The rotation only answers [`Rotation::can_edit`] for a
 * mode; the room stores it and rides it along in [`SettingsPatch`].
 */
export type EditMode = "strict" | "free";

/**
 * What a solution must define.
 */
export type Entry = { "kind": "function", name: string, params: Array<Param>, returns: string, } | { "kind": "class", name: string, init: Array<Param>, methods: { [key in string]: Method }, };

/**
 * Every error answer: a status and this body.
 */
export type ErrorBody = { 
/**
 * What went wrong, for people.
 */
error: string, };

export type Group = "sample" | "hidden" | "random";

/**
 * `200` to `POST /api/rooms/{id}/join`.
 */
export type Joined = { participant_id: string, 
/**
 * The participant's secret: runs and edits need it.
 */
token: string, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * `GET /api/katas`: the catalogue, by difficulty then title.
 */
export type KataList = { katas: Array<KataSummary>, };

/**
 * One kata in the catalogue (`GET /api/katas`).
 */
export type KataSummary = { slug: string, title: string, summary: string, difficulty: Difficulty, tags: Array<string>, languages: Array<string>, };

/**
 * `GET /api/katas/{slug}`: the public parts of a kata.
 */
export type KataView = { 
/**
 * The statement (Markdown).
 */
statement: string, 
/**
 * Starter files per language.
 */
starters: { [key in string]: Starter }, samples: Array<SampleCase>, entry: Entry, 
/**
 * How many hidden cases a submission meets (their content stays secret).
 */
hidden_count: number, 
/**
 * How many random cases a submission meets.
 */
random_count: number, slug: string, title: string, summary: string, difficulty: Difficulty, tags: Array<string>, languages: Array<string>, };

export type Light = "green" | "red" | "amber";

/**
 * One method of a class entry.
 */
export type Method = { params: Array<Param>, returns: string, };

/**
 * One parameter of an entry point: its name and neutral type (`"list[int]"`).
 */
export type Param = { name: string, type: string, };

/**
 * One participant in a room view.
 */
export type ParticipantView = { id: string, name: string, 
/**
 * Whether any of their connections is open now.
 */
online: boolean, };

/**
 * What applying a proposal would change, for people: lines per file.
 */
export type ProposalSummary = { 
/**
 * Lines of the solution that would change (added, removed or edited).
 */
solution_lines: number, 
/**
 * Lines of the tests that would change.
 */
tests_lines: number, };

/**
 * A kept edit, as people see it: whose, when and how big; never its content
 * (the driver applies it to see it, and undo takes it back).
 */
export type ProposalView = { id: string, 
/**
 * The participant whose refused edits these are.
 */
author: string, author_name: string, created_ms: number, summary: ProposalSummary, };

/**
 * One row of a run's results: a test or a case.
 */
export type ResultRow = { name: string, group?: Group, status: RowStatus, 
/**
 * What went wrong, for people: assertion text, exception, budget.
 */
message?: string, 
/**
 * Traceback limited to user code.
 */
traceback?: string, input?: JsonValue, expected?: JsonValue, actual?: JsonValue, output?: string, output_truncated: boolean, 
/**
 * Where in the row's file (its name, for a file that did not load) the error is,
 * 1-based: the editor marks it in place.
 */
line?: number, column?: number, };

/**
 * A frame the server sends on the events socket.
 */
export type RoomEvent = { "type": "hello", you: You | null, room: RoomView, } | { "type": "room", room: RoomView, } | { "type": "rotation", reason: string, rotation: RotationView, } | { "type": "warning", reason: string, remaining_ms: number, rotation: RotationView, } | { "type": "time_up", reason: string, turn: number, waiting: boolean, rotation: RotationView, } | { "type": "run_queued", run: Run, queue_position: number, } | { "type": "run_started", run: Run, } | { "type": "run_finished", run: Run, } | { "type": "edit_refused", participant: string | null, reason: string, kept: boolean, } | { "type": "proposals", proposals: Array<ProposalView>, } | { "type": "error", message: string, } | { "type": "pong", server_time_ms: number, };

/**
 * The room's settings as one object: the editing mode and the rotation's timer.
 */
export type RoomSettingsView = { mode: EditMode, turn_seconds: number, time_up: TimeUpRule, break_every: number, break_seconds: number, warning_seconds: number, 
/**
 * An away driver's turn is handed on after the grace period.
 */
hand_on_when_away: boolean, 
/**
 * The tests run when a turn ends, as the outgoing driver's light.
 */
test_at_turn_end: boolean, };

/**
 * A room as clients see it (`GET /api/rooms/{id}`, `hello`, `room`): never tokens.
 */
export type RoomView = { id: string, kata: string | null, kata_title: string | null, language: string, created_at_ms: number, settings: RoomSettingsView, participants: Array<ParticipantView>, rotation: RotationView, 
/**
 * The server clock the view was made at, for client clock-offset correction.
 */
server_time_ms: number, };

/**
 * A facilitator action, as sent in `POST /api/rooms/{id}/rotation` or a `rotation`
 * frame: `{"action": "...", ...}`. Extra fields (token, frame type) are ignored.
 */
export type RotationAction = { "action": "start" } | { "action": "pause" } | { "action": "resume" } | { "action": "next" } | { "action": "skip", 
/**
 * Id of the participant to skip.
 */
participant: string, } | { "action": "unskip", 
/**
 * Id of the participant to bring back.
 */
participant: string, } | { "action": "shuffle", 
/**
 * Seed for the deterministic shuffle; `now_ms` when absent.
 */
seed?: number, } | { "action": "reorder", 
/**
 * A permutation of every participant id.
 */
order: Array<string>, } | { "action": "settings", 
/**
 * The fields to change.
 */
settings: SettingsPatch, } | { "action": "end" };

/**
 * Timer settings of a rotation (the room's `settings` minus `mode`).
 */
export type RotationSettings = { 
/**
 * Length of a turn, validated to `MIN_TURN_SECONDS..=MAX_TURN_SECONDS`.
 */
turn_seconds: number, 
/**
 * Heads-up before the end of a turn (0 = none); clamped below the turn length.
 */
warning_seconds: number, 
/**
 * What happens when a turn's time is up.
 */
time_up: TimeUpRule, 
/**
 * A break follows every `break_every`-th turn; 0 means no breaks.
 */
break_every: number, 
/**
 * Length of a break, validated to `MIN_BREAK_SECONDS..=MAX_BREAK_SECONDS`.
 */
break_seconds: number, 
/**
 * Hand the turn on as soon as the driver has been away for the grace period
 * ([`ABSENCE_GRACE_MS`]), instead of leaving the keyboard with nobody.
 */
hand_on_when_away: boolean, 
/**
 * Run the tests when a turn ends, as the outgoing driver's light.
 */
test_at_turn_end: boolean, };

/**
 * Lifecycle of a rotation session.
 */
export type RotationStatus = "idle" | "running" | "paused" | "break" | "waiting" | "ended";

/**
 * The rotation state as the protocol shows it (`"rotation": {...}`), plus extras.
 */
export type RotationView = { 
/**
 * Lifecycle status.
 */
status: RotationStatus, 
/**
 * Current (or last finished) turn; 0 before the start.
 */
turn: number, 
/**
 * Who drives; in `idle` and `break`, who will drive when the clock starts.
 */
driver: string | null, 
/**
 * Who navigates (same convention as `driver`).
 */
navigator: string | null, 
/**
 * Who navigates next turn (third in `queue`).
 */
next: string | null, 
/**
 * Role holders and eligible participants in rotation order, driver first.
 */
queue: Array<string>, 
/**
 * Absolute end of the running turn or break; `null` otherwise.
 */
deadline_ms: number | null, 
/**
 * Time left on the clock (exact while paused; full turn in `idle`; 0 when
 * waiting or ended).
 */
remaining_ms: number, 
/**
 * The server clock the view was computed at, for client clock-offset correction.
 */
server_time_ms: number, 
/**
 * Extension: every participant id in rotation order, absent and skipped included
 * (what `reorder` expects a permutation of).
 */
order: Array<string>, 
/**
 * Extension: while paused, which clock is frozen (`running` or `break`).
 */
paused_in: RotationStatus | null, 
/**
 * Extension: when the current turn started.
 */
turn_started_ms: number | null, 
/**
 * Extension: end of the running break; `null` otherwise (a paused break shows its
 * time left in `remaining_ms`).
 */
break_until_ms: number | null, 
/**
 * Extension: whether this turn's warning has already fired.
 */
warned: boolean, 
/**
 * Extension: ids the facilitator skipped.
 */
skipped: Array<string>, 
/**
 * Extension: ids offline for longer than the grace period.
 */
absent: Array<string>, 
/**
 * Extension: the timer settings.
 */
settings: RotationSettings, };

export type RowStatus = "passed" | "failed" | "error" | "timed_out" | "out_of_memory" | "not_run" | "internal_error";

/**
 * A run as clients see it and as it is stored.
 */
export type Run = { id: string, kind: RunKind, status: RunStatus, requested_by: string, 
/**
 * Who was driving when the run was requested (for lights coloured by turn).
 */
driver: string | null, turn: number, created_at_ms: number, finished_at_ms?: number, 
/**
 * The random seed of a submission, to reproduce it.
 */
seed?: number, light?: Light, verdict?: RowStatus, summary?: string, results: Array<ResultRow>, 
/**
 * Time spent in the sandbox.
 */
duration_ms?: number, };

/**
 * `202` to `POST /api/rooms/{id}/runs` (without `?wait=true`).
 */
export type RunAccepted = { run_id: string, 
/**
 * 1 = next.
 */
queue_position: number, };

export type RunKind = "test" | "submit";

/**
 * `GET /api/rooms/{id}/runs?limit=&before=`: a page of the room's runs, oldest
 * first: the newest `limit` (default 50, at most 200) older than the run `before`.
 */
export type RunList = { runs: Array<Run>, 
/**
 * Older runs exist: ask again with `before` = the first run's id.
 */
more: boolean, };

export type RunStatus = "queued" | "running" | "done";

/**
 * A sample case as users see it: inputs, and what is expected.
 */
export type SampleCase = { name: string, expected?: JsonValue, 
/**
 * The case must raise (optionally with `message_contains` in the message).
 */
raises?: boolean, message_contains?: string, } & ({ args: Array<JsonValue>, } | { init: Array<JsonValue>, calls: Array<Call>, });

/**
 * A partial settings update (`{"settings": {...}}`); absent fields stay as they are.
 * Unknown fields are ignored, so a room-creation body can be parsed as one too.
 */
export type SettingsPatch = { 
/**
 * New turn length in seconds.
 */
turn_seconds?: number, 
/**
 * New warning lead in seconds.
 */
warning_seconds?: number, 
/**
 * New time-up rule.
 */
time_up?: TimeUpRule, 
/**
 * New break cadence (0 = none).
 */
break_every?: number, 
/**
 * New break length in seconds.
 */
break_seconds?: number, 
/**
 * Hand the turn on when the driver is away.
 */
hand_on_when_away?: boolean, 
/**
 * Run the tests when a turn ends.
 */
test_at_turn_end?: boolean, 
/**
 * Editing mode: ignored by the rotation, parsed here for the caller to apply.
 */
mode?: EditMode, };

/**
 * What a room starts with in one language.
 */
export type Starter = { solution: string, tests: string, };

/**
 * What happens when a turn's time is up.
 */
export type TimeUpRule = "rotate" | "on_green" | "facilitator";

/**
 * The participant a connection belongs to, as `hello` tells it.
 */
export type You = { participant_id: string, name: string, };
