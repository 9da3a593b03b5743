"""Counting the round trips a redis-py asyncio client makes: each command sent on its own
(``execute_command``: a GET, a Lua script's EVALSHA) and each pipeline executed is one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis


@dataclass(frozen=True)
class Trip:
    """One round trip: its commands (name and arguments), and ``mark()`` when it was made."""

    commands: tuple[tuple[Any, ...], ...]
    mark: int

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(str(c[0]) for c in self.commands)


class RoundTrips:
    """Wraps ``client`` (in place) and logs every round trip it makes in ``trips``."""

    def __init__(self, client: aioredis.Redis, mark: Callable[[], int] = lambda: 0) -> None:
        self.trips: list[Trip] = []
        self.mark = mark
        single, pipeline = client.execute_command, client.pipeline

        async def execute_command(*args: Any, **options: Any) -> Any:
            self.trips.append(Trip((args,), self.mark()))
            return await single(*args, **options)

        def counted_pipeline(*args: Any, **kwargs: Any) -> Any:
            pipe = pipeline(*args, **kwargs)
            execute = pipe.execute

            async def counted_execute(*a: Any, **k: Any) -> Any:
                commands = tuple(tuple(args) for args, _ in pipe.command_stack)
                self.trips.append(Trip(commands, self.mark()))
                return await execute(*a, **k)

            pipe.execute = counted_execute
            return pipe

        client.execute_command = execute_command  # type: ignore[method-assign]
        client.pipeline = counted_pipeline  # type: ignore[method-assign]
