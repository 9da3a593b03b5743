"""Benchmark: the whole bot under load, over HTTP, against the fake Bot API on 127.0.0.1.

Run: ``python bench/bench_load.py [--users 200] [--updates 5000] [--flood 150] [--chats 50000]``.

The fake Telegram server runs in its own process (so that it does not share the bot's GIL).
Each simulated user writes a message, waits for the bot's reply, then writes the next one
(a closed loop, as people do); all users at once. The bot is the real application
(``build_application``: handlers, answer core, per-chat ordering, retrying rate limiter)
polling the fake server, with Telegram's 30 messages/s cap lifted so that we measure the bot,
not the cap. Prints:

* updates/s through the whole bot, and the ratio to Telegram's 30 messages/s
  (target: >= 30x, i.e. the bot is never the bottleneck);
* p50 / p99 time from an update being available to its reply arriving at the server;
* the bot process's peak memory (max RSS) and how much the run added to it;
* whether every update got exactly one reply;
* the same run over python-telegram-bot's default transport (httpx), as the baseline;
* the same run with the state in Redis (a real redis-server on 127.0.0.1, started here, as
  in the tests) beside the memory backend: updates/s and p99 side by side (target: Redis
  >= 50 % of memory's throughput and >= 10x Telegram's 30 messages/s);
* memory per person: ``--chats`` distinct chats write once each through the application
  (in-process, no HTTP), RSS (memory backend) and Redis's ``used_memory`` every 10 000 chats,
  then the clock moved past the TTLs: how many state keys are left;
* one chat floods: ``--flood`` messages from one chat are waiting when the others start; the
  others' p50/p99 beside the same run without the flood (target: p99 within 2x the control).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.cli import load_answerer  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.state import MAX_TTL_S, MemoryState, State, open_state  # noqa: E402
from bot.tg.app import build_application  # noqa: E402
from bot.tg.limiter import TELEGRAM_MAX_RATE  # noqa: E402
from tests.support.fake_telegram import (  # noqa: E402
    TOKEN,
    FakeBotApi,
    FakeTelegramServer,
    RecordingRequest,
)
from tests.support.redis_server import RedisServer  # noqa: E402
from tests.support.running import polling  # noqa: E402

QUERIES = [
    "Bærum", "1337", "Sandvika", "Tromsø", "jeg bor i Bodø og trenger hjelp", "Hå", "Herøy",
    "Kárášjohka", "Kristiansnad", "barn", "statistikk", "kostnad per innbygger 2022", "/start",
    "hva er et krisesenter", "I live in Ålesund", "Nøtterøy", "0150", "qwxzv", "Geilo", "🆘",
]  # fmt: skip


class LoadApi(FakeBotApi):
    """Closed-loop users: a user's next message is pushed when the reply to the last arrives."""

    def __init__(self, users: int, per_user: int, flood: int = 0) -> None:
        super().__init__()
        self.flood = flood
        self.left = dict.fromkeys(range(1, users + 1), per_user)
        self.pushed_at: dict[int, float] = {}
        self.latencies: list[float] = []
        self.replies: Counter[int] = Counter()
        self.done = 0
        self.total = users * per_user + flood
        self.first_push = 0.0
        self.last_reply = 0.0

    def start(self) -> None:
        self.first_push = time.monotonic()
        for _ in range(self.flood):
            self.push(self.user_message("Oslo", chat_id=FLOOD_CHAT))
        for chat in list(self.left):
            self.next_message(chat)

    def next_message(self, chat: int) -> None:
        n = self.left[chat]
        if n == 0:
            return
        self.left[chat] = n - 1
        self.pushed_at[chat] = time.monotonic()
        self.push(self.user_message(QUERIES[(chat + n) % len(QUERIES)], chat_id=chat))

    def _result(self, method: str, p: dict[str, Any]) -> Any:
        result = super()._result(method, p)
        if method in {"sendMessage", "sendPhoto"}:
            chat, now = int(p["chat_id"]), time.monotonic()
            self.replies[chat] += 1
            self.done += 1
            self.last_reply = now
            if chat == FLOOD_CHAT:
                return result  # the flood's own replies are not the others' latencies
            self.latencies.append(now - self.pushed_at.pop(chat, now))
            self.next_message(chat)
            self.calls.clear()  # keep the server's memory flat: the figures are counted above
        return result


FLOOD_CHAT = 999_999


def serve(users: int, per_user: int, flood: int, pipe: Connection) -> None:
    """The fake server process: report the port, start the users on demand, report figures."""
    api = LoadApi(users, per_user, flood)
    with FakeTelegramServer(api) as server:
        pipe.send(server.base_url)
        pipe.recv()  # "go"
        api.start()
        api.wait_for(lambda: api.done >= api.total, timeout=600)
        elapsed = api.last_reply - api.first_push
        per_chat_ok = all(api.replies[c] == per_user for c in range(1, users + 1))
        per_chat_ok = per_chat_ok and api.replies[FLOOD_CHAT] == flood
        pipe.send((elapsed, api.latencies, api.done, per_chat_ok, dict(api.replies)))
        pipe.recv()  # "stop"


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_bot(
    base_url: str, pipe: Connection, httpx: bool, max_rate: float, redis_url: str = ""
) -> tuple[Any, float, float]:
    answerer = load_answerer(Settings.from_env())
    transport: dict[str, Any] = {}
    if httpx:  # python-telegram-bot's default transport, as the baseline
        transport = {"request": HTTPXRequest(connection_pool_size=16),
                     "get_updates_request": HTTPXRequest()}  # fmt: skip
    settings = Settings(token=TOKEN, base_url=base_url)
    state = open_state(redis_url)
    app = build_application(settings, answerer, max_rate=max_rate, state=state, **transport)
    before = max_rss_mb()
    async with polling(app):
        pipe.send("go")
        loop = asyncio.get_running_loop()
        figures = await loop.run_in_executor(None, pipe.recv)
    await state.close()
    return figures, before, max_rss_mb()


def measure(
    users: int, per_user: int, httpx: bool, flood: int = 0, max_rate: float = 0,
    redis_url: str = "",
) -> dict[str, Any]:  # fmt: skip
    """One run: a fresh fake server process, the bot in this process."""
    ours, theirs = mp.Pipe()
    args = (users, per_user, flood, theirs)
    server = mp.get_context("spawn").Process(target=serve, args=args)
    server.start()
    base_url = ours.recv()
    try:
        figures, before, peak = asyncio.run(run_bot(base_url, ours, httpx, max_rate, redis_url))
    except BaseException:  # the bot failed (e.g. a stale database): do not leave the server
        server.terminate()  # waiting for "go" for ever
        server.join(10)
        raise
    ours.send("stop")
    server.join(10)
    elapsed, latencies, done, per_chat_ok, _ = figures
    cuts = statistics.quantiles(latencies, n=100)
    return {"rate": done / elapsed, "p50": statistics.median(latencies) * 1000,
            "p99": cuts[98] * 1000, "done": done, "ok": per_chat_ok, "before": before,
            "peak": peak}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--no-baseline", action="store_true", help="skip the httpx run")
    parser.add_argument("--flood", type=int, default=150, help="one chat's backlog (0: skip)")
    parser.add_argument("--no-redis", action="store_true", help="skip the Redis backend run")
    parser.add_argument("--chats", type=int, default=50_000,
                        help="distinct chats for memory per person (0: skip)")  # fmt: skip
    args = parser.parse_args()
    per_user = max(1, args.updates // args.users)
    bot = measure(args.users, per_user, httpx=False)
    rate = bot["rate"]
    print(f"users: {args.users}, updates: {bot['done']} ({per_user} each, closed loop)")
    print(f"throughput     {rate:.0f} updates/s  = {rate / TELEGRAM_MAX_RATE:.0f}x Telegram's "
          f"{TELEGRAM_MAX_RATE:.0f} messages/s   (target >= 30x)")  # fmt: skip
    print(f"update->reply  p50 {bot['p50']:.1f} ms   p99 {bot['p99']:.1f} ms")
    print(f"bot memory     peak RSS {bot['peak']:.0f} MB (after start-up {bot['before']:.0f} MB,"
          f" the run added {bot['peak'] - bot['before']:.0f} MB)")  # fmt: skip
    print(f"every update got exactly one reply: {'yes' if bot['ok'] else 'NO'}")
    if not args.no_baseline:
        base = measure(args.users, per_user, httpx=True)
        print(f"baseline (python-telegram-bot's default httpx transport): {base['rate']:.0f} "
              f"updates/s, p50 {base['p50']:.1f} ms, p99 {base['p99']:.1f} ms; "
              f"ours/baseline throughput {rate / base['rate']:.2f}")  # fmt: skip
    ok = bot["ok"]
    with RedisServer(Path(tempfile.mkdtemp(prefix="bench-redis-"))) as redis:
        if not args.no_redis:
            ok = redis_case(args.users, per_user, bot, redis.url) and ok
        if args.chats:
            asyncio.run(memory_per_person(args.chats, redis.url))
    if args.flood:
        flood_case(args.flood)
    if not ok:
        sys.exit(1)


def redis_case(users: int, per_user: int, memory: dict[str, Any], redis_url: str) -> bool:
    """The same closed-loop run with the state in Redis, printed beside the memory run."""
    shared = measure(users, per_user, httpx=False, redis_url=redis_url)
    share = shared["rate"] / memory["rate"]
    print("state backend  updates/s   p50 ms   p99 ms   exactly once")
    for name, run in (("memory", memory), ("redis", shared)):
        print(f"  {name:<12} {run['rate']:>9.0f} {run['p50']:>8.1f} {run['p99']:>8.1f}   "
              f"{'yes' if run['ok'] else 'NO'}")  # fmt: skip
    print(
        f"  redis/memory throughput {share:.0%} (target >= 50 %), redis = "
        f"{shared['rate'] / TELEGRAM_MAX_RATE:.1f}x Telegram's 30 messages/s (target >= 10x)"
    )
    return bool(shared["ok"])


async def memory_per_person(chats: int, redis_url: str) -> None:
    """``chats`` distinct people write once each; memory every 10 000; then past the TTLs."""
    answerer = load_answerer(Settings.from_env())
    now = [time.time()]
    memory = MemoryState(clock=lambda: now[0])
    print(f"memory per person ({chats} distinct chats, one message each, in-process):")
    print("  chats    memory: RSS MB (+ per 10 000)   redis: used_memory MB (+ per 10 000)")
    in_memory = await _feed(answerer, memory, chats, _rss_mb)
    in_redis = await _feed_redis(answerer, redis_url, chats)
    for (n, rss, d_rss), (_, used, d_used) in zip(in_memory, in_redis, strict=True):
        print(f"  {n:>6}   {rss:>8.1f} (+{d_rss:.1f})              {used:>8.1f} (+{d_used:.1f})")
    now[0] += MAX_TTL_S + 1
    print(
        f"  after the TTLs: memory backend holds {await memory.key_count()} keys "
        "(Redis expires its keys itself, TTL <= 48 h)"
    )


async def _feed_redis(answerer: Any, url: str, chats: int) -> list[tuple[int, float, float]]:
    import redis.asyncio as aioredis

    client = aioredis.from_url(url)
    await client.flushdb()

    async def used_mb() -> float:
        return float((await client.info("memory"))["used_memory"]) / 2**20

    try:
        return await _feed(answerer, open_state(url), chats, used_mb)
    finally:
        await client.aclose()


async def _feed(
    answerer: Any, state: State, chats: int, measure_mb: Any
) -> list[tuple[int, float, float]]:
    """Each chat writes "Bærum" once through the application; memory every 10 000 chats."""
    api = FakeBotApi()
    app = build_application(Settings(token=TOKEN), answerer, request=RecordingRequest(api),
                            rate_limiter=False, state=state)  # fmt: skip
    rows: list[tuple[int, float, float]] = []
    last = await _mb(measure_mb)
    async with app:
        for chat in range(1, chats + 1):
            data = api.push(api.user_message("Bærum", chat_id=chat))
            await app.process_update(Update.de_json(data, app.bot))
            if chat % 10_000 == 0 or chat == chats:
                api.calls.clear()
                api.updates.clear()
                mb = await _mb(measure_mb)
                rows.append((chat, mb, mb - last))
                last = mb
    await state.close()
    return rows


async def _mb(measure_mb: Any) -> float:
    value = measure_mb()
    return float(await value) if asyncio.iscoroutine(value) else float(value)


def _rss_mb() -> float:
    """Current resident memory of this process (not the peak)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def flood_case(flood: int) -> None:
    """50 people write 3 messages each at Telegram's real 30 messages/s, with and without one
    chat's backlog of ``flood`` messages waiting when they start."""
    control = measure(50, 3, httpx=False, max_rate=TELEGRAM_MAX_RATE)
    flooded = measure(50, 3, httpx=False, flood=flood, max_rate=TELEGRAM_MAX_RATE)
    ratio = flooded["p99"] / control["p99"]
    print(f"one chat floods ({flood} waiting; 50 others, 3 messages each, 30 messages/s):")
    print(f"  others' wait  p50 {flooded['p50']:.0f} ms  p99 {flooded['p99']:.0f} ms")
    print(f"  no flood      p50 {control['p50']:.0f} ms  p99 {control['p99']:.0f} ms")
    print(f"  p99 ratio     {ratio:.2f}x   (target <= 2x)   every update answered once: "
          f"{'yes' if flooded['ok'] and control['ok'] else 'NO'}")  # fmt: skip


if __name__ == "__main__":
    main()
