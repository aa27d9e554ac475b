"""How often a password may be tried: after each wrong password a session waits
longer before its next try (1 s, 2 s, 4 s, … up to a minute), after 10 it is
locked, and all sessions of the process together get at most 30 tries a
minute. Pure and thread-safe; the clock is passed in, so tests never wait.

The per-session wait and lock end with the session (a reload starts a new
one); the process-wide limit is what bounds guessing, whoever asks.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


@dataclass
class SessionAttempts:
    """One session's record: kept in its ``st.session_state``."""

    failures: int = 0
    retry_at: float = 0.0  # clock time before which the session may not try again


@dataclass(frozen=True)
class Verdict:
    outcome: Literal["check", "wait", "locked", "busy"]
    seconds: int = 0  # how long to wait, for "wait" and "busy"


class LoginBrake:
    def __init__(
        self,
        first_wait: float = 1.0,
        max_wait: float = 60.0,
        lock_after: int = 10,
        limit: int = 30,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.first_wait, self.max_wait, self.lock_after = first_wait, max_wait, lock_after
        self.limit, self.window, self.clock = limit, window, clock
        self._checked: deque[float] = deque()  # when each recent try was checked, all sessions
        self._lock = threading.Lock()

    def admit(self, session: SessionAttempts) -> Verdict:
        """May this session's password be checked now? A refused try is not checked and not counted."""
        if self.locked(session):
            return Verdict("locked")
        now = self.clock()
        if now < session.retry_at:
            return Verdict("wait", math.ceil(session.retry_at - now))
        with self._lock:
            while self._checked and self._checked[0] <= now - self.window:
                self._checked.popleft()
            if len(self._checked) >= self.limit:
                return Verdict("busy", max(1, math.ceil(self._checked[0] + self.window - now)))
            self._checked.append(now)
        return Verdict("check")

    def failed(self, session: SessionAttempts) -> int:
        """Record a wrong password; the seconds before this session may try again."""
        session.failures += 1
        wait = min(self.first_wait * 2 ** (session.failures - 1), self.max_wait)
        session.retry_at = self.clock() + wait
        return math.ceil(wait)

    def succeeded(self, session: SessionAttempts) -> None:
        session.failures, session.retry_at = 0, 0.0

    def locked(self, session: SessionAttempts) -> bool:
        return session.failures >= self.lock_after
