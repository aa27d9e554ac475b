"""explorer_ui.login_brake: the brake on guessing the password (issue 7, item 5)."""

import threading

from explorer_ui.login_brake import LoginBrake, SessionAttempts, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_wait_doubles_after_each_failure_up_to_a_minute():
    brake, session = LoginBrake(clock=Clock()), SessionAttempts()
    assert [brake.failed(session) for _ in range(9)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_try_before_the_wait_is_over_is_refused():
    clock = Clock()
    brake, session = LoginBrake(clock=clock), SessionAttempts()
    assert brake.admit(session) == Verdict("check")
    brake.failed(session)
    brake.failed(session)  # now 2 s
    clock.now = 0.5
    assert brake.admit(session) == Verdict("wait", 2)
    clock.now = 2.0
    assert brake.admit(session) == Verdict("check")


def test_ten_failures_lock_the_session_for_good():
    clock = Clock()
    brake, session = LoginBrake(clock=clock), SessionAttempts()
    for _ in range(9):
        brake.failed(session)
    assert not brake.locked(session)
    brake.failed(session)
    clock.now = 1e9
    assert brake.locked(session) and brake.admit(session) == Verdict("locked")


def test_a_success_clears_the_record():
    brake, session = LoginBrake(clock=Clock()), SessionAttempts()
    brake.failed(session)
    brake.succeeded(session)
    assert session == SessionAttempts() and brake.admit(session) == Verdict("check")


def test_thirty_checked_tries_a_minute_across_all_sessions():
    clock = Clock()
    brake = LoginBrake(clock=clock)
    assert all(brake.admit(SessionAttempts()) == Verdict("check") for _ in range(30))
    clock.now = 20.0
    assert brake.admit(SessionAttempts()) == Verdict("busy", 40)  # the first of the 30 leaves the window at 60 s
    clock.now = 60.0
    assert brake.admit(SessionAttempts()) == Verdict("check")


def test_refused_tries_do_not_use_up_the_limit():
    clock = Clock()
    brake, waiting = LoginBrake(clock=clock, limit=2), SessionAttempts()
    brake.admit(waiting)
    brake.failed(waiting)
    for _ in range(5):
        assert brake.admit(waiting).outcome == "wait"
    assert brake.admit(SessionAttempts()) == Verdict("check")


def test_the_limit_holds_under_concurrent_sessions():
    brake = LoginBrake(clock=Clock(), limit=30)
    verdicts: list[Verdict] = []
    start = threading.Barrier(200)

    def attempt() -> None:
        start.wait()
        verdicts.append(brake.admit(SessionAttempts()))

    threads = [threading.Thread(target=attempt) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(v.outcome == "check" for v in verdicts) == 30
