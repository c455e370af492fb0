//! Unit tests of the rotation state machine.
use super::*;

/// An arbitrary wall-clock start (late 2025) so tests look like real timestamps.
const T0: u64 = 1_764_130_000_000;
/// Default turn length in ms.
const TURN: u64 = DEFAULT_TURN_SECONDS as u64 * MS_PER_SECOND;

fn room(ids: &[&str]) -> Rotation {
    room_with(ids, RotationSettings::default())
}

fn room_with(ids: &[&str], settings: RotationSettings) -> Rotation {
    let mut r = Rotation::new(settings).unwrap();
    for id in ids {
        r.join(*id, T0);
    }
    r
}

fn started(ids: &[&str]) -> Rotation {
    let mut r = room(ids);
    r.apply(Action::Start, T0).unwrap();
    r
}

fn roles(r: &Rotation) -> (Option<&str>, Option<&str>) {
    (r.driver(), r.navigator())
}

fn queue(r: &Rotation, now: u64) -> Vec<String> {
    r.view(now).queue
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

fn rotated_count(events: &[RotationEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, RotationEvent::Rotated { .. }))
        .count()
}

fn next(r: &mut Rotation, now: u64) -> Vec<RotationEvent> {
    r.apply(Action::Next, now).unwrap()
}

#[test]
fn first_to_join_drives_first_and_two_people_swap() {
    let mut r = room(&["a", "b"]);
    assert_eq!(r.status(), RotationStatus::Idle);
    assert_eq!(roles(&r), (Some("a"), Some("b")));
    let ev = r.apply(Action::Start, T0).unwrap();
    assert_eq!(
        ev,
        vec![RotationEvent::Rotated {
            reason: RotateReason::Start,
            turn: 1,
            driver: Some("a".into()),
            navigator: Some("b".into())
        }]
    );
    assert_eq!(r.view(T0).deadline_ms, Some(T0 + TURN));

    let ev = r.tick(T0 + TURN);
    assert_eq!(
        ev[0],
        RotationEvent::TimeUp {
            turn: 1,
            waiting: false
        }
    );
    assert!(matches!(
        &ev[1],
        RotationEvent::Rotated {
            reason: RotateReason::TimeUp,
            turn: 2,
            ..
        }
    ));
    assert_eq!(roles(&r), (Some("b"), Some("a")));
    r.tick(T0 + 2 * TURN);
    assert_eq!(roles(&r), (Some("a"), Some("b")));
    assert_eq!(r.turn(), 3);
}

#[test]
fn randori_order_with_four() {
    let mut r = started(&["a", "b", "c", "d"]);
    let expected = [
        ("a", "b", ["a", "b", "c", "d"]),
        ("b", "c", ["b", "c", "d", "a"]),
        ("c", "d", ["c", "d", "a", "b"]),
        ("d", "a", ["d", "a", "b", "c"]),
        ("a", "b", ["a", "b", "c", "d"]),
    ];
    for (k, (d, n, q)) in expected.iter().enumerate() {
        let now = T0 + k as u64 * TURN;
        if k > 0 {
            assert_eq!(rotated_count(&r.tick(now)), 1);
        }
        assert_eq!(roles(&r), (Some(*d), Some(*n)), "turn {}", k + 1);
        let view = r.view(now);
        assert_eq!(view.queue, ids(q));
        assert_eq!(view.next.as_deref(), Some(q[2]));
        assert_eq!(view.turn as usize, k + 1);
    }
    let drivers: Vec<_> = r
        .turns()
        .iter()
        .map(|t| t.driver.clone().unwrap())
        .collect();
    assert_eq!(drivers, ids(&["a", "b", "c", "d", "a"]));
}

#[test]
fn join_mid_turn_goes_to_the_end() {
    let mut r = started(&["a", "b", "c"]);
    let ev = r.join("e", T0 + 1_000);
    assert_eq!(ev, vec![RotationEvent::RosterChanged]);
    assert_eq!(roles(&r), (Some("a"), Some("b")));
    assert_eq!(queue(&r, T0 + 1_000), ids(&["a", "b", "c", "e"]));
    r.tick(T0 + TURN);
    assert_eq!(roles(&r), (Some("b"), Some("c")));
    assert_eq!(queue(&r, T0 + TURN), ids(&["b", "c", "e", "a"]));
}

#[test]
fn newcomer_fills_an_empty_navigator_seat() {
    let mut r = started(&["a"]);
    assert_eq!(roles(&r), (Some("a"), None));
    let ev = r.join("b", T0 + 5_000);
    assert!(ev.contains(&RotationEvent::RolesFilled {
        turn: 1,
        driver: Some("a".into()),
        navigator: Some("b".into())
    }));
    assert_eq!(roles(&r), (Some("a"), Some("b")));
    assert_eq!(r.current_turn().unwrap().navigator.as_deref(), Some("b"));
}

#[test]
fn driver_leaving_keeps_the_role_until_the_next_rotation_when_asked_to() {
    let settings = RotationSettings {
        hand_on_when_away: false,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b", "c"], settings);
    r.apply(Action::Start, T0).unwrap();
    r.set_presence("a", false, T0 + 10_000).unwrap();
    assert_eq!(r.next_wakeup(), Some(T0 + 10_000 + ABSENCE_GRACE_MS));
    assert!(r.tick(T0 + 10_000 + ABSENCE_GRACE_MS - 1).is_empty());
    assert_eq!(
        r.tick(T0 + 10_000 + ABSENCE_GRACE_MS),
        vec![RotationEvent::RosterChanged]
    );
    // Still the driver for the rest of the turn.
    assert_eq!(roles(&r), (Some("a"), Some("b")));
    assert!(r.can_edit("a", true));
    assert_eq!(r.view(T0 + 60_000).absent, ids(&["a"]));
    assert_eq!(queue(&r, T0 + 60_000), ids(&["a", "b", "c"]));

    r.tick(T0 + TURN);
    assert_eq!(roles(&r), (Some("b"), Some("c")));
    assert_eq!(queue(&r, T0 + TURN), ids(&["b", "c"]));
    r.tick(T0 + 2 * TURN);
    assert_eq!(roles(&r), (Some("c"), Some("b")), "absent a is passed over");

    r.set_presence("a", true, T0 + 2 * TURN + 1).unwrap();
    assert_eq!(queue(&r, T0 + 2 * TURN + 1), ids(&["c", "b", "a"]));
    r.tick(T0 + 3 * TURN);
    assert_eq!(roles(&r), (Some("b"), Some("a")));
}

#[test]
fn absent_navigator_is_skipped_and_next_in_line_when_back() {
    let mut r = started(&["a", "b", "c", "d"]);
    r.set_presence("b", false, T0 + 1_000).unwrap();
    r.tick(T0 + TURN);
    assert_eq!(roles(&r), (Some("c"), Some("d")));
    assert_eq!(queue(&r, T0 + TURN), ids(&["c", "d", "a"]));
    r.set_presence("b", true, T0 + TURN + 1_000).unwrap();
    assert_eq!(queue(&r, T0 + TURN + 1_000), ids(&["c", "d", "b", "a"]));
    r.tick(T0 + 2 * TURN);
    assert_eq!(roles(&r), (Some("d"), Some("b")));
}

#[test]
fn short_disconnect_within_grace_changes_nothing() {
    let mut r = started(&["a", "b", "c"]);
    r.set_presence("b", false, T0 + TURN - 10_000).unwrap();
    r.set_presence("b", true, T0 + TURN - 1_000).unwrap();
    r.tick(T0 + TURN);
    assert_eq!(roles(&r), (Some("b"), Some("c")));
    // Offline at the rotation but within grace: still eligible.
    r.set_presence("c", false, T0 + 2 * TURN - 5_000).unwrap();
    r.tick(T0 + 2 * TURN);
    assert_eq!(roles(&r), (Some("c"), Some("a")));
}

#[test]
fn skip_an_absent_participant_and_bring_them_back() {
    let mut r = started(&["a", "b", "c", "d"]);
    r.set_presence("c", false, T0 + 1_000).unwrap();
    r.tick(T0 + 1_000 + ABSENCE_GRACE_MS);
    r.apply(
        Action::Skip {
            participant: "c".into(),
        },
        T0 + 40_000,
    )
    .unwrap();
    assert_eq!(
        r.apply(
            Action::Skip {
                participant: "c".into()
            },
            T0 + 40_000
        ),
        Err(RotationError::AlreadySkipped("c".into()))
    );
    // Coming back online does not undo the skip.
    r.set_presence("c", true, T0 + 50_000).unwrap();
    let view = r.view(T0 + 50_000);
    assert_eq!(view.skipped, ids(&["c"]));
    assert!(view.absent.is_empty());
    assert_eq!(view.queue, ids(&["a", "b", "d"]));

    r.tick(T0 + TURN);
    assert_eq!(roles(&r), (Some("b"), Some("d")));
    r.apply(
        Action::Unskip {
            participant: "c".into(),
        },
        T0 + TURN + 1,
    )
    .unwrap();
    assert_eq!(queue(&r, T0 + TURN + 1), ids(&["b", "d", "c", "a"]));
    r.tick(T0 + 2 * TURN);
    assert_eq!(roles(&r), (Some("d"), Some("c")));
    assert_eq!(
        r.apply(
            Action::Unskip {
                participant: "c".into()
            },
            T0 + 2 * TURN
        ),
        Err(RotationError::NotSkipped("c".into()))
    );
    assert_eq!(
        r.apply(
            Action::Skip {
                participant: "zed".into()
            },
            T0 + 2 * TURN
        ),
        Err(RotationError::UnknownParticipant("zed".into()))
    );
}

#[test]
fn skipping_the_driver_takes_effect_at_the_next_rotation() {
    let mut r = started(&["a", "b", "c"]);
    r.apply(
        Action::Skip {
            participant: "a".into(),
        },
        T0 + 1,
    )
    .unwrap();
    assert!(r.can_edit("a", true));
    next(&mut r, T0 + 2);
    assert_eq!(roles(&r), (Some("b"), Some("c")));
    next(&mut r, T0 + 3);
    assert_eq!(roles(&r), (Some("c"), Some("b")));
}

#[test]
fn pause_and_resume_keep_the_remaining_time_exactly() {
    let mut r = started(&["a", "b"]);
    let ev = r.apply(Action::Pause, T0 + 100_123).unwrap();
    assert_eq!(
        ev,
        vec![RotationEvent::Paused {
            remaining_ms: TURN - 100_123
        }]
    );
    let view = r.view(T0 + 999_999);
    assert_eq!(
        (view.status, view.remaining_ms, view.deadline_ms),
        (RotationStatus::Paused, TURN - 100_123, None)
    );
    assert_eq!(view.paused_in, Some(RotationStatus::Running));
    assert_eq!(r.next_wakeup(), None);
    assert!(r.tick(T0 + 10 * TURN).is_empty(), "paused: nothing is due");
    assert!(
        r.can_edit("a", true),
        "the driver keeps the keyboard while paused"
    );

    let resume_at = T0 + 10 * TURN;
    let ev = r.apply(Action::Resume, resume_at).unwrap();
    let deadline = resume_at + TURN - 100_123;
    assert_eq!(
        ev,
        vec![RotationEvent::Resumed {
            deadline_ms: deadline
        }]
    );
    assert_eq!(r.view(resume_at).remaining_ms, TURN - 100_123);
    assert_eq!(r.view(resume_at).deadline_ms, Some(deadline));
    r.tick(deadline - 1);
    assert_eq!(r.turn(), 1);
    r.tick(deadline);
    assert_eq!(r.turn(), 2);
}

#[test]
fn warning_fires_once_per_turn() {
    let mut r = started(&["a", "b"]);
    let warn_at = T0 + TURN - 60_000;
    assert_eq!(r.next_wakeup(), Some(warn_at));
    assert!(r.tick(warn_at - 1).is_empty());
    assert_eq!(
        r.tick(warn_at),
        vec![RotationEvent::Warning {
            remaining_ms: 60_000
        }]
    );
    assert!(r.tick(warn_at).is_empty());
    assert!(r.tick(warn_at + 500).is_empty());
    assert!(r.view(warn_at).warned);
    assert_eq!(r.next_wakeup(), Some(T0 + TURN));
    // Pausing and resuming after the warning does not repeat it.
    r.apply(Action::Pause, warn_at + 1_000).unwrap();
    r.apply(Action::Resume, warn_at + 5_000).unwrap();
    assert!(r.tick(warn_at + 6_000).is_empty());
    let end = T0 + TURN + 4_000;
    let ev = r.tick(end);
    assert!(
        !ev.iter()
            .any(|e| matches!(e, RotationEvent::Warning { .. }))
    );
    assert_eq!(rotated_count(&ev), 1);
    // The next turn warns again, once.
    assert_eq!(
        r.tick(end + TURN - 60_000 + 10),
        vec![RotationEvent::Warning {
            remaining_ms: 59_990
        }]
    );
}

#[test]
fn an_away_driver_hands_the_turn_on_after_the_grace_period() {
    let mut r = started(&["a", "b", "c"]);
    r.set_presence("a", false, T0 + 10_000).unwrap();
    assert!(r.tick(T0 + 10_000 + ABSENCE_GRACE_MS - 1).is_empty());
    let events = r.tick(T0 + 10_000 + ABSENCE_GRACE_MS);
    assert!(events.contains(&RotationEvent::Rotated {
        reason: RotateReason::DriverAway,
        turn: 2,
        driver: Some("b".into()),
        navigator: Some("c".into()),
    }), "{events:?}");
    assert!(!r.can_edit("a", true));
    assert!(r.can_edit("b", true));
    // Back: in line again, not handed the keyboard back mid-turn.
    r.set_presence("a", true, T0 + 50_000).unwrap();
    assert_eq!(roles(&r), (Some("b"), Some("c")));
}

#[test]
fn a_driver_alone_keeps_the_turn_while_away() {
    let mut r = started(&["a"]);
    r.set_presence("a", false, T0 + 1_000).unwrap();
    let events = r.tick(T0 + 1_000 + ABSENCE_GRACE_MS);
    assert_eq!(rotated_count(&events), 0, "{events:?}");
    assert_eq!((r.turn(), r.driver()), (1, Some("a")));
}

#[test]
fn tests_run_at_each_turn_end_as_the_outgoing_drivers_light() {
    let settings = RotationSettings {
        test_at_turn_end: true,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b"], settings);
    r.apply(Action::Start, T0).unwrap();
    let events = r.tick(T0 + TURN);
    let test = RotationEvent::TestAtTurnEnd { turn: 1, driver: Some("a".into()) };
    assert_eq!(events.iter().filter(|e| **e == test).count(), 1, "{events:?}");
    // Ended early by the facilitator: the light is still the outgoing driver's.
    let events = next(&mut r, T0 + TURN + 5_000);
    assert!(events.contains(&RotationEvent::TestAtTurnEnd { turn: 2, driver: Some("b".into()) }));
    // With rotate-at-green: one run at time up (it may turn the room green), none
    // again when the green run rotates.
    let patch = SettingsPatch { time_up: Some(TimeUpRule::OnGreen), ..SettingsPatch::default() };
    r.apply(Action::Settings { settings: patch }, T0 + TURN + 6_000).unwrap();
    let events = r.tick(T0 + 2 * TURN + 5_000);
    assert!(events.contains(&RotationEvent::TestAtTurnEnd { turn: 3, driver: Some("a".into()) }));
    assert_eq!(r.status(), RotationStatus::Waiting);
    let events = r.test_run_finished(true, T0 + 2 * TURN + 6_000);
    assert_eq!(rotated_count(&events), 1);
    assert!(!events.iter().any(|e| matches!(e, RotationEvent::TestAtTurnEnd { .. })));
}

#[test]
fn no_test_at_turn_end_unless_asked() {
    let mut r = started(&["a", "b"]);
    let events = r.tick(T0 + TURN);
    assert!(!events.iter().any(|e| matches!(e, RotationEvent::TestAtTurnEnd { .. })));
}

#[test]
fn warning_scales_to_the_turn_and_can_be_disabled() {
    let settings = RotationSettings {
        turn_seconds: 30,
        ..RotationSettings::default()
    };
    assert_eq!(settings.warning_ms(), 7_500, "a quarter of a 30 s turn");
    let five_minutes = RotationSettings::default();
    assert_eq!(five_minutes.warning_ms(), 60_000, "as asked on a 5 minute turn");
    let settings = RotationSettings {
        turn_seconds: 10,
        ..RotationSettings::default()
    };
    assert_eq!(settings.warning_ms(), 2_500);
    let mut r = room_with(&["a"], settings);
    r.apply(Action::Start, T0).unwrap();
    assert_eq!(r.next_wakeup(), Some(T0 + 7_500));
    let patch = SettingsPatch {
        warning_seconds: Some(0),
        ..SettingsPatch::default()
    };
    r.apply(Action::Settings { settings: patch }, T0).unwrap();
    assert_eq!(r.next_wakeup(), Some(T0 + 10_000));
}

#[test]
fn breaks_every_n_turns_then_auto_resume() {
    let settings = RotationSettings {
        break_every: 2,
        break_seconds: 60,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b", "c"], settings);
    r.apply(Action::Start, T0).unwrap();
    r.tick(T0 + TURN);
    assert_eq!((r.turn(), r.status()), (2, RotationStatus::Running));

    let t2_end = T0 + 2 * TURN;
    let ev = r.tick(t2_end);
    assert_eq!(
        ev,
        vec![
            RotationEvent::TimeUp {
                turn: 2,
                waiting: false
            },
            RotationEvent::BreakStarted {
                after_turn: 2,
                until_ms: t2_end + 60_000
            }
        ]
    );
    assert_eq!(r.status(), RotationStatus::Break);
    assert_eq!(r.current_turn(), None);
    assert_eq!(r.turn_at(t2_end + 1), None);
    let view = r.view(t2_end + 10_000);
    assert_eq!(view.deadline_ms, Some(t2_end + 60_000));
    assert_eq!(view.remaining_ms, 50_000);
    // The view shows who drives after the break; nobody types during it.
    assert_eq!(
        (view.driver.as_deref(), view.navigator.as_deref()),
        (Some("c"), Some("a"))
    );
    assert!(!["a", "b", "c"].iter().any(|id| r.can_edit(id, true)));
    assert!(r.can_edit("a", false));
    assert_eq!(r.next_wakeup(), Some(t2_end + 60_000));

    assert!(r.tick(t2_end + 59_999).is_empty());
    let ev = r.tick(t2_end + 60_000);
    assert_eq!(ev[0], RotationEvent::BreakEnded);
    assert!(matches!(
        &ev[1],
        RotationEvent::Rotated {
            reason: RotateReason::BreakEnded,
            turn: 3,
            ..
        }
    ));
    assert_eq!(roles(&r), (Some("c"), Some("a")));
    assert_eq!(
        r.view(t2_end + 60_000).deadline_ms,
        Some(t2_end + 60_000 + TURN)
    );

    let t3_end = t2_end + 60_000 + TURN;
    r.tick(t3_end);
    assert_eq!((r.turn(), r.status()), (4, RotationStatus::Running));
    r.tick(t3_end + TURN);
    assert_eq!(r.status(), RotationStatus::Break, "after turn 4 again");
    // `next` ends a break early.
    let ev = next(&mut r, t3_end + TURN + 5_000);
    assert_eq!(ev[0], RotationEvent::BreakEnded);
    assert!(matches!(
        &ev[1],
        RotationEvent::Rotated {
            reason: RotateReason::Next,
            turn: 5,
            ..
        }
    ));
}

#[test]
fn a_break_can_be_paused() {
    let settings = RotationSettings {
        break_every: 1,
        break_seconds: 60,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b"], settings);
    r.apply(Action::Start, T0).unwrap();
    r.tick(T0 + TURN);
    assert_eq!(r.status(), RotationStatus::Break);
    r.apply(Action::Pause, T0 + TURN + 20_000).unwrap();
    let view = r.view(T0 + TURN + 500_000);
    assert_eq!(
        (view.paused_in, view.remaining_ms),
        (Some(RotationStatus::Break), 40_000)
    );
    assert!(!r.can_edit("b", true));
    r.apply(Action::Resume, T0 + 2 * TURN).unwrap();
    assert_eq!(r.next_wakeup(), Some(T0 + 2 * TURN + 40_000));
    r.tick(T0 + 2 * TURN + 40_000);
    assert_eq!((r.status(), r.turn()), (RotationStatus::Running, 2));
}

#[test]
fn on_green_waits_for_the_first_green_run() {
    let settings = RotationSettings {
        time_up: TimeUpRule::OnGreen,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b"], settings);
    r.apply(Action::Start, T0).unwrap();
    assert!(
        r.test_run_finished(true, T0 + 1_000).is_empty(),
        "green before time up: nothing"
    );
    assert_eq!(r.turn(), 1);

    let ev = r.tick(T0 + TURN);
    assert_eq!(
        ev,
        vec![RotationEvent::TimeUp {
            turn: 1,
            waiting: true
        }]
    );
    assert_eq!(r.status(), RotationStatus::Waiting);
    let view = r.view(T0 + TURN + 1);
    assert_eq!((view.deadline_ms, view.remaining_ms), (None, 0));
    assert_eq!(r.next_wakeup(), None);
    assert!(r.test_run_finished(false, T0 + TURN + 10_000).is_empty());
    assert!(r.tick(T0 + 3 * TURN).is_empty());
    assert_eq!(r.status(), RotationStatus::Waiting);
    assert!(
        r.can_edit("a", true),
        "the driver keeps typing to get to green"
    );
    assert_eq!(r.current_turn().unwrap().turn, 1);

    let ev = r.test_run_finished(true, T0 + 3 * TURN + 1);
    assert!(matches!(
        &ev[0],
        RotationEvent::Rotated {
            reason: RotateReason::Green,
            turn: 2,
            ..
        }
    ));
    assert_eq!(
        (r.status(), roles(&r)),
        (RotationStatus::Running, (Some("b"), Some("a")))
    );
    assert_eq!(r.turns()[0].ended_ms, Some(T0 + 3 * TURN + 1));
}

#[test]
fn facilitator_rule_waits_for_next() {
    let settings = RotationSettings {
        time_up: TimeUpRule::Facilitator,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b"], settings);
    r.apply(Action::Start, T0).unwrap();
    r.tick(T0 + TURN);
    assert_eq!(r.status(), RotationStatus::Waiting);
    assert!(r.test_run_finished(true, T0 + TURN + 1).is_empty());
    assert!(r.tick(T0 + 5 * TURN).is_empty());
    assert_eq!(
        r.apply(Action::Pause, T0 + 5 * TURN),
        Err(RotationError::InvalidInStatus {
            action: "pause",
            status: RotationStatus::Waiting
        })
    );
    let ev = next(&mut r, T0 + 5 * TURN);
    assert!(matches!(
        &ev[0],
        RotationEvent::Rotated {
            reason: RotateReason::Next,
            turn: 2,
            ..
        }
    ));
    assert_eq!(r.status(), RotationStatus::Running);
}

#[test]
fn switching_the_rule_to_rotate_while_waiting_rotates() {
    let settings = RotationSettings {
        time_up: TimeUpRule::OnGreen,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b"], settings);
    r.apply(Action::Start, T0).unwrap();
    r.tick(T0 + TURN);
    let patch = SettingsPatch {
        time_up: Some(TimeUpRule::Rotate),
        ..SettingsPatch::default()
    };
    let ev = r
        .apply(Action::Settings { settings: patch }, T0 + TURN + 1)
        .unwrap();
    assert_eq!(ev[0], RotationEvent::SettingsChanged);
    assert!(matches!(
        &ev[1],
        RotationEvent::Rotated {
            reason: RotateReason::TimeUp,
            turn: 2,
            ..
        }
    ));
}

#[test]
fn a_very_late_tick_rotates_only_once() {
    let mut r = started(&["a", "b", "c"]);
    let late = T0 + 10 * 3_600_000;
    let ev = r.tick(late);
    assert_eq!(rotated_count(&ev), 1);
    assert!(
        !ev.iter()
            .any(|e| matches!(e, RotationEvent::Warning { .. }))
    );
    assert_eq!(r.turn(), 2);
    assert_eq!(r.view(late).deadline_ms, Some(late + TURN));
    assert!(r.tick(late).is_empty(), "idempotent");

    // Late into a break: the break starts now, once.
    let settings = RotationSettings {
        break_every: 1,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b"], settings);
    r.apply(Action::Start, T0).unwrap();
    let ev = r.tick(late);
    assert_eq!(
        ev[1],
        RotationEvent::BreakStarted {
            after_turn: 1,
            until_ms: late + 300_000
        }
    );
    // Late out of a break: one new turn, counted from now.
    let later = late + 24 * 3_600_000;
    let ev = r.tick(later);
    assert_eq!(rotated_count(&ev), 1);
    assert_eq!(
        (r.turn(), r.view(later).deadline_ms),
        (2, Some(later + TURN))
    );
}

#[test]
fn serde_round_trip_mid_turn_resumes_with_the_right_time() {
    let mut r = started(&["a", "b", "c"]);
    r.tick(T0 + TURN);
    let json = serde_json::to_string(&r).unwrap();
    let mut restored: Rotation = serde_json::from_str(&json).unwrap();
    assert_eq!(restored, r);

    let now = T0 + TURN + 100_000;
    restored.mark_all_offline(now);
    assert!(restored.tick(now).is_empty());
    let view = restored.view(now);
    assert_eq!(
        (view.status, view.turn, view.remaining_ms),
        (RotationStatus::Running, 2, TURN - 100_000)
    );
    assert_eq!(restored.driver(), Some("b"));
    restored.set_presence("b", true, now + 5_000).unwrap();
    restored.set_presence("c", true, now + 5_000).unwrap();
    restored.tick(T0 + 2 * TURN - 60_000);
    let ev = restored.tick(T0 + 2 * TURN);
    assert_eq!(rotated_count(&ev), 1);
    // a never came back: passed over.
    assert_eq!(roles(&restored), (Some("c"), Some("b")));

    // A paused state survives a restart with its exact remaining time.
    let mut p = started(&["a", "b"]);
    p.apply(Action::Pause, T0 + 1_234).unwrap();
    let mut p2: Rotation = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    p2.apply(Action::Resume, T0 + 9_999_999).unwrap();
    assert_eq!(p2.view(T0 + 9_999_999).remaining_ms, TURN - 1_234);
}

#[test]
fn invalid_actions_give_errors_and_change_nothing() {
    let invalid = |action, status| RotationError::InvalidInStatus { action, status };
    let mut empty = Rotation::default();
    assert_eq!(
        empty.apply(Action::Start, T0),
        Err(RotationError::NoEligibleParticipant)
    );

    let mut r = room(&["a", "b"]);
    assert_eq!(
        r.apply(Action::Pause, T0),
        Err(invalid("pause", RotationStatus::Idle))
    );
    assert_eq!(
        r.apply(Action::Resume, T0),
        Err(invalid("resume", RotationStatus::Idle))
    );
    assert_eq!(
        r.apply(Action::Next, T0),
        Err(invalid("next", RotationStatus::Idle))
    );
    r.apply(Action::Start, T0).unwrap();
    assert_eq!(
        r.apply(Action::Start, T0),
        Err(invalid("start", RotationStatus::Running))
    );
    assert_eq!(
        r.apply(Action::Resume, T0),
        Err(invalid("resume", RotationStatus::Running))
    );
    r.apply(Action::Pause, T0 + 1).unwrap();
    assert_eq!(
        r.apply(Action::Pause, T0 + 2),
        Err(invalid("pause", RotationStatus::Paused))
    );
    r.apply(Action::Resume, T0 + 3).unwrap();

    for bad in [5, 9, 1_801, 100_000] {
        let patch = SettingsPatch {
            turn_seconds: Some(bad),
            warning_seconds: Some(5),
            ..Default::default()
        };
        assert_eq!(
            r.apply(Action::Settings { settings: patch }, T0),
            Err(RotationError::InvalidTurnSeconds(bad))
        );
    }
    assert_eq!(
        r.settings().warning_seconds,
        DEFAULT_WARNING_SECONDS,
        "patches are atomic"
    );
    let patch = SettingsPatch {
        break_seconds: Some(1),
        ..Default::default()
    };
    assert_eq!(
        r.apply(Action::Settings { settings: patch }, T0),
        Err(RotationError::InvalidBreakSeconds(1))
    );
    let patch = SettingsPatch {
        warning_seconds: Some(5_000),
        ..Default::default()
    };
    assert_eq!(
        r.apply(Action::Settings { settings: patch }, T0),
        Err(RotationError::InvalidWarningSeconds(5_000))
    );
    assert!(
        Rotation::new(RotationSettings {
            turn_seconds: 0,
            ..Default::default()
        })
        .is_err()
    );

    // Nobody eligible: next is refused.
    r.apply(
        Action::Skip {
            participant: "a".into(),
        },
        T0,
    )
    .unwrap();
    r.apply(
        Action::Skip {
            participant: "b".into(),
        },
        T0,
    )
    .unwrap();
    assert_eq!(
        r.apply(Action::Next, T0),
        Err(RotationError::NoEligibleParticipant)
    );

    // A refused action does not even catch up with the clock.
    let before = r.clone();
    assert!(r.apply(Action::Next, T0 + TURN).is_err());
    assert_eq!(r, before);

    assert_eq!(
        r.set_presence("zed", true, T0),
        Err(RotationError::UnknownParticipant("zed".into()))
    );

    r.apply(Action::End, T0 + 10).unwrap();
    assert_eq!(r.status(), RotationStatus::Ended);
    assert_eq!(r.turns()[0].ended_ms, Some(T0 + 10));
    for action in [
        Action::Start,
        Action::Pause,
        Action::Resume,
        Action::Next,
        Action::End,
        Action::Shuffle { seed: None },
    ] {
        let name = action.name();
        assert_eq!(r.apply(action, T0 + 20), Err(invalid(name, RotationStatus::Ended)));
    }
    assert_eq!(r.next_wakeup(), None);
}

#[test]
fn can_edit_strict_versus_free() {
    let mut r = room(&["a", "b", "c"]);
    // Idle: the first eligible participant may type before the clock starts.
    assert!(r.can_edit("a", true));
    assert!(!r.can_edit("b", true));
    r.set_presence("a", false, T0).unwrap();
    r.tick(T0 + ABSENCE_GRACE_MS);
    assert!(r.can_edit("b", true));
    r.set_presence("a", true, T0 + ABSENCE_GRACE_MS + 1)
        .unwrap();
    assert!(r.can_edit("a", true));

    r.apply(Action::Start, T0 + 40_000).unwrap();
    assert!(r.can_edit("a", true));
    assert!(!r.can_edit("b", true));
    assert!(!r.can_edit("c", true));
    for id in ["a", "b", "c"] {
        assert!(r.can_edit(id, false));
    }
    assert!(!r.can_edit("stranger", false));
    assert!(!r.can_edit("stranger", true));
    next(&mut r, T0 + 50_000);
    assert!(r.can_edit("b", true));
    assert!(!r.can_edit("a", true));

    r.apply(Action::End, T0 + 60_000).unwrap();
    assert!(!["a", "b", "c"].iter().any(|id| r.can_edit(id, true)));
    assert!(r.can_edit("a", false));
}

#[test]
fn shuffle_is_a_deterministic_permutation() {
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let base = room(&names);
    let order_for = |seed: u64| {
        let mut r = base.clone();
        r.apply(Action::Shuffle { seed: Some(seed) }, T0).unwrap();
        r.view(T0).order
    };
    assert_eq!(order_for(42), order_for(42));
    let mut sorted = order_for(42);
    sorted.sort();
    assert_eq!(sorted, ids(&names));
    let distinct: std::collections::BTreeSet<_> = (0..10).map(order_for).collect();
    assert!(distinct.len() > 5, "different seeds give different orders");

    // Mid-turn the role holders stay put; only the waiting queue is shuffled.
    let mut r = started(&names);
    for seed in 0..10 {
        r.apply(Action::Shuffle { seed: Some(seed) }, T0 + seed)
            .unwrap();
        assert_eq!(roles(&r), (Some("a"), Some("b")));
        assert_eq!(&queue(&r, T0)[..2], &ids(&["a", "b"])[..]);
    }
}

#[test]
fn reorder_validation_and_effect() {
    let mut r = room(&["a", "b", "c"]);
    let reorder = |order: &[&str]| Action::Reorder { order: ids(order) };
    assert_eq!(
        r.apply(reorder(&["a", "b", "x"]), T0),
        Err(RotationError::UnknownParticipant("x".into()))
    );
    assert_eq!(
        r.apply(reorder(&["a", "b", "b"]), T0),
        Err(RotationError::DuplicateInOrder("b".into()))
    );
    assert_eq!(
        r.apply(reorder(&["a", "b"]), T0),
        Err(RotationError::MissingFromOrder("c".into()))
    );
    assert_eq!(
        r.apply(reorder(&["a", "b", "c", "a"]), T0),
        Err(RotationError::DuplicateInOrder("a".into()))
    );
    assert_eq!(r.view(T0).order, ids(&["a", "b", "c"]));

    // Idle: the new order decides who drives first.
    r.apply(reorder(&["c", "a", "b"]), T0).unwrap();
    assert_eq!(roles(&r), (Some("c"), Some("a")));
    r.apply(Action::Start, T0).unwrap();
    assert_eq!(roles(&r), (Some("c"), Some("a")));

    // Mid-turn: roles stay, the rest follows the order.
    r.join("d", T0 + 1);
    r.apply(reorder(&["d", "b", "a", "c"]), T0 + 2).unwrap();
    assert_eq!(roles(&r), (Some("c"), Some("a")));
    assert_eq!(queue(&r, T0 + 2), ids(&["c", "a", "d", "b"]));
    next(&mut r, T0 + 3);
    assert_eq!(roles(&r), (Some("a"), Some("d")));
}

#[test]
fn reorder_and_shuffle_during_a_break_decide_who_drives_next() {
    let settings = RotationSettings {
        break_every: 1,
        ..RotationSettings::default()
    };
    let mut r = room_with(&["a", "b", "c"], settings);
    r.apply(Action::Start, T0).unwrap();
    r.tick(T0 + TURN);
    assert_eq!(r.status(), RotationStatus::Break);
    assert_eq!(queue(&r, T0 + TURN), ids(&["b", "c", "a"]));
    r.apply(
        Action::Reorder {
            order: ids(&["c", "a", "b"]),
        },
        T0 + TURN + 1,
    )
    .unwrap();
    let view = r.view(T0 + TURN + 1);
    assert_eq!(
        (view.driver.as_deref(), view.queue),
        (Some("c"), ids(&["c", "a", "b"]))
    );
    next(&mut r, T0 + TURN + 2);
    assert_eq!(roles(&r), (Some("c"), Some("a")));

    // A shuffle in a break: the view's plan is what happens at the break's end.
    let t = T0 + 2 * TURN + 2;
    r.tick(t);
    assert_eq!(r.status(), RotationStatus::Break);
    r.apply(Action::Shuffle { seed: Some(7) }, t + 1).unwrap();
    let planned = r.view(t + 1);
    r.apply(Action::Next, t + 2).unwrap();
    assert_eq!(r.driver(), planned.driver.as_deref());
    assert_eq!(r.navigator(), planned.navigator.as_deref());
}

#[test]
fn history_links_runs_to_turns() {
    let mut r = started(&["a", "b"]);
    assert_eq!(r.current_turn().map(|t| t.turn), Some(1));
    r.tick(T0 + TURN);
    next(&mut r, T0 + TURN + 10_000);
    assert_eq!(r.turns().len(), 3);
    assert_eq!(r.turns()[0].ended_ms, Some(T0 + TURN));
    assert_eq!(r.turns()[1].started_ms, T0 + TURN);
    let t = r.turn_at(T0 + TURN + 5_000).unwrap();
    assert_eq!(
        (t.turn, t.driver.as_deref(), t.navigator.as_deref()),
        (2, Some("b"), Some("a"))
    );
    assert_eq!(r.turn_at(T0 + TURN - 1).unwrap().turn, 1);
    assert_eq!(r.turn_at(T0 + 50 * TURN).unwrap().turn, 3);
    assert_eq!(r.turn_at(T0 - 1), None);
}

#[test]
fn next_while_paused_starts_the_new_turn_running() {
    let mut r = started(&["a", "b"]);
    r.apply(Action::Pause, T0 + 10_000).unwrap();
    let ev = next(&mut r, T0 + 20_000);
    assert_eq!(rotated_count(&ev), 1);
    assert_eq!((r.status(), r.turn()), (RotationStatus::Running, 2));
    assert_eq!(r.view(T0 + 20_000).deadline_ms, Some(T0 + 20_000 + TURN));
}

#[test]
fn empty_seats_are_filled_when_someone_comes_back() {
    let mut r = started(&["a", "b"]);
    r.mark_all_offline(T0 + 1);
    r.tick(T0 + TURN);
    assert_eq!(roles(&r), (None, None));
    assert_eq!(r.turn(), 2);
    let ev = r.set_presence("b", true, T0 + TURN + 1).unwrap();
    assert!(ev.contains(&RotationEvent::RolesFilled {
        turn: 2,
        driver: Some("b".into()),
        navigator: None
    }));
    assert_eq!(roles(&r), (Some("b"), None));
    assert_eq!(r.current_turn().unwrap().driver.as_deref(), Some("b"));
}

#[test]
fn settings_change_applies_from_the_next_turn() {
    let mut r = started(&["a", "b"]);
    let patch = SettingsPatch {
        turn_seconds: Some(120),
        ..Default::default()
    };
    assert_eq!(
        r.apply(Action::Settings { settings: patch }, T0 + 1)
            .unwrap(),
        vec![RotationEvent::SettingsChanged]
    );
    assert_eq!(r.view(T0 + 1).deadline_ms, Some(T0 + TURN));
    r.tick(T0 + TURN);
    assert_eq!(r.view(T0 + TURN).deadline_ms, Some(T0 + TURN + 120_000));
}

#[test]
fn json_shapes_match_the_protocol() {
    let a: Action =
        serde_json::from_str(r#"{"action":"start","facilitator_token":"t","type":"rotation"}"#)
            .unwrap();
    assert_eq!(a, Action::Start);
    let a: Action = serde_json::from_str(r#"{"action":"skip","participant":"p1"}"#).unwrap();
    assert_eq!(
        a,
        Action::Skip {
            participant: "p1".into()
        }
    );
    let a: Action = serde_json::from_str(r#"{"action":"shuffle"}"#).unwrap();
    assert_eq!(a, Action::Shuffle { seed: None });
    let a: Action = serde_json::from_str(r#"{"action":"reorder","order":["x","y"]}"#).unwrap();
    assert_eq!(
        a,
        Action::Reorder {
            order: ids(&["x", "y"])
        }
    );
    let a: Action = serde_json::from_str(
        r#"{"action":"settings","settings":{"turn_seconds":120,"time_up":"on_green","mode":"free"}}"#,
    )
    .unwrap();
    assert_eq!(
        a,
        Action::Settings {
            settings: SettingsPatch {
                turn_seconds: Some(120),
                time_up: Some(TimeUpRule::OnGreen),
                mode: Some(EditMode::Free),
                ..Default::default()
            }
        }
    );
    assert!(serde_json::from_str::<Action>(r#"{"action":"dance"}"#).is_err());

    let r = started(&["a", "b", "c"]);
    let v = serde_json::to_value(r.view(T0 + 59_000)).unwrap();
    assert_eq!(v["status"], "running");
    assert_eq!(v["turn"], 1);
    assert_eq!(v["driver"], "a");
    assert_eq!(v["navigator"], "b");
    assert_eq!(v["next"], "c");
    assert_eq!(v["queue"], serde_json::json!(["a", "b", "c"]));
    assert_eq!(v["deadline_ms"], T0 + TURN);
    assert_eq!(v["remaining_ms"], TURN - 59_000);
    assert_eq!(v["server_time_ms"], T0 + 59_000);
    assert_eq!(v["settings"]["time_up"], "rotate");
    let idle = serde_json::to_value(room(&[]).view(T0)).unwrap();
    assert_eq!(
        (idle["status"].clone(), idle["driver"].clone()),
        ("idle".into(), serde_json::Value::Null)
    );

    let e = serde_json::to_value(RotationEvent::Rotated {
        reason: RotateReason::TimeUp,
        turn: 2,
        driver: Some("b".into()),
        navigator: None,
    })
    .unwrap();
    assert_eq!(
        e,
        serde_json::json!({"type": "rotated", "reason": "time_up", "turn": 2, "driver": "b", "navigator": null})
    );
    assert_eq!(serde_json::to_value(RotationStatus::Break).unwrap(), "break");
}
