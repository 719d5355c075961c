#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""genprod.py: make a synthetic production for the benchmarks.

    genprod.py --takeboard PATH --takes N --shots S [--seed X] DIR

creates DIR with `takeboard init` (so the schema is the real one, at the
latest migration) and fills it in one SQLite transaction with prepared
inserts (python3's sqlite3 module, standard library only). The same
arguments give the same production, row for row, on every run.

What it makes, and why (a feature made the way the demo's short was):
- S shots in S/10 scenes (at least 1), each shot with 1 to 5 prompt
  variants; each variant is tied to one generator (backend and model,
  from GENERATORS, with its price per second) and one clip length.
- N takes. The first shot of the first scene has min(2000, N/5) takes,
  all on its one variant (the "shot with 2,000 takes" the interface
  benchmark opens); the others are shared between the remaining shots
  with Pareto weights (a few shots take many attempts).
- Of the takes, 8% failed (no duration, no cost) and the rest ready.
  Verdicts of ready takes: 0.3% kept (60% of them trimmed with in and
  out points), 2% maybe, 65% rejected (three in four with one or two of
  12 reasons), the rest unreviewed.
- Each shot is worked on by one or two of six people over one to six
  days within a 500-day schedule, so the maintained totals (per shot,
  variant, generator, person and day) have a realistic number of rows.
- No clip files (file is NULL), no generation jobs and no log events:
  `takeboard check` accepts the result (it recounts the totals too).
Prints one line: the counts of scenes, shots, variants, takes, reasons
and totals rows, and the seconds the generation took.
"""
import argparse
import datetime
import os
import random
import sqlite3
import subprocess
import sys
import time

# backend, model, price per second (micro-units)
GENERATORS = [
    ("runway", "gen4_turbo", 50000, 5),
    ("openai", "sora-2", 100000, 4),
    ("openai", "sora-2-pro", 300000, 1),
    ("gemini", "veo-3.1-fast-generate-preview", 150000, 3),
    ("luma", "ray-2", 71000, 2),
    ("comfyui", "wan2.2-t2v", 0, 2),
]
PEOPLE = ["ana", "bo", "chen", "dara", "eli", "farid"]
REASONS = ["hands", "face", "physics", "morphing", "flicker", "text",
           "continuity", "lighting", "framing", "pace", "lipsync",
           "wrong-character"]
SIZES = ["ECU", "CU", "MCU", "MS", "MLS", "WS", "EWS"]
START = datetime.datetime(2025, 1, 6, 9, 0, 0)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--takeboard", required=True)
    p.add_argument("--takes", type=int, required=True)
    p.add_argument("--shots", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("dir")
    a = p.parse_args()
    t0 = time.monotonic()
    rnd = random.Random(a.seed)
    os.makedirs(a.dir)
    env = dict(os.environ, TAKEBOARD_NOW=iso(START))
    subprocess.run([a.takeboard, "init", "--title",
                    "Bench %d" % a.takes], cwd=a.dir, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(a.dir, "takeboard.db"),
                         isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("BEGIN IMMEDIATE")
    nscenes = max(1, a.shots // 10)
    created = iso(START)
    db.executemany(
        "INSERT INTO scene (id, code, position, heading, status, created) "
        "VALUES (?, ?, ?, ?, 'generating', ?)",
        ((i + 1, str(i + 1), i + 1, "INT. SET %d - DAY" % (i + 1), created)
         for i in range(nscenes)))
    db.executemany(
        "INSERT INTO status_change (kind, object_id, status, at, user) "
        "VALUES ('scene', ?, 'generating', ?, 'ana')",
        ((i + 1, created) for i in range(nscenes)))

    # Shots, variants, and who works on each shot when.
    shots = []
    variants = []
    for i in range(a.shots):
        sid = i + 1
        scene = i * nscenes // a.shots + 1
        nv = 1 if i == 0 else rnd.choice([1, 2, 2, 3, 3, 4, 5])
        vs = []
        for v in range(nv):
            g = rnd.choices(GENERATORS, [x[3] for x in GENERATORS])[0]
            secs = rnd.choice([4000, 5000, 8000, 10000])
            vs.append((len(variants) + 1, g, secs))
            variants.append((len(variants) + 1, sid, "v%d" % (v + 1),
                             "shot %d, attempt %d: a slow push in" %
                             (sid, v + 1), g[1], secs,
                             rnd.choice(PEOPLE), created))
        day0 = rnd.randrange(0, 494)
        days = sorted(rnd.sample(range(day0, day0 + 6), rnd.randint(1, 6)))
        people = rnd.sample(PEOPLE, rnd.randint(1, 2))
        shots.append((sid, scene, vs, days, people))
    db.executemany(
        "INSERT INTO shot (id, scene_id, code, position, description, "
        "size, status, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((s[0], s[1], "%dS%d" % (s[1], s[0]), s[0],
          "shot %d of the synthetic production" % s[0],
          SIZES[s[0] % len(SIZES)], "review", created) for s in shots))
    db.executemany(
        "INSERT INTO status_change (kind, object_id, status, at, user) "
        "VALUES ('shot', ?, 'review', ?, 'ana')",
        ((s[0], created) for s in shots))
    db.executemany(
        "INSERT INTO prompt (id, shot_id, label, text, model, seconds_ms, "
        "author, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", variants)

    # How many takes each shot gets.
    first = min(2000, a.takes // 5)
    rest = a.takes - first
    w = [rnd.paretovariate(1.5) for _ in range(a.shots - 1)]
    tw = sum(w) or 1
    counts = [first] + [int(x / tw * rest) for x in w]
    for j in range(rest - sum(counts[1:])):
        counts[1 + j % max(1, a.shots - 1)] += 1
    if a.shots == 1:
        counts = [a.takes]

    nreasons = 0

    def takes():
        nonlocal nreasons
        tid = 0
        for s, n in zip(shots, counts):
            sid, _, vs, days, people = s
            for k in range(n):
                tid += 1
                vid, g, secs = vs[min(len(vs) - 1,
                                      int(rnd.random() ** 0.7 * len(vs)))]
                day = days[k * len(days) // max(1, n)]
                t = START + datetime.timedelta(days=day,
                                               seconds=rnd.randrange(36000))
                who = rnd.choice(people)
                r = rnd.random()
                status, verdict, dur, cost = "ready", "unreviewed", secs, \
                    g[2] * secs // 1000
                rating = inn = out = vby = vat = err = None
                if r < 0.08:
                    status, dur, cost, err = "failed", None, 0, \
                        rnd.choice(["content policy", "timeout",
                                    "server error"])
                else:
                    v = rnd.random()
                    if v < 0.003:
                        verdict, rating = "keep", rnd.choice([4, 5])
                        if rnd.random() < 0.6:
                            inn = rnd.randrange(0, 1500)
                            out = secs - rnd.randrange(0, 1500)
                    elif v < 0.023:
                        verdict, rating = "maybe", 3
                    elif v < 0.673:
                        verdict = "reject"
                        if rnd.random() < 0.75:
                            yield ("r", tid, rnd.sample(REASONS,
                                                        rnd.randint(1, 2)))
                    if verdict != "unreviewed":
                        vby = who
                        vat = iso(t + datetime.timedelta(minutes=30))
                yield ("t", tid, sid, vid, dur, status, err, g[0], g[1],
                       cost, verdict, rating, inn, out, iso(t), who, vby,
                       vat)

    pending = []

    def take_rows():
        nonlocal nreasons
        for row in takes():
            if row[0] == "r":
                for reason in row[2]:
                    pending.append((row[1], reason))
                    nreasons += 1
                continue
            yield row[1:]

    db.executemany(
        "INSERT INTO take (id, shot_id, prompt_id, duration_ms, status, "
        "error, backend, model, cost, verdict, rating, in_ms, out_ms, "
        "created, created_by, verdict_by, verdict_at) VALUES (?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", take_rows())
    db.executemany("INSERT INTO take_reason (take_id, reason) VALUES (?, ?)",
                   pending)
    db.execute("COMMIT")
    db.execute("PRAGMA optimize")
    ntotal = db.execute("SELECT count(*) FROM take_total").fetchone()[0]
    db.close()
    print("%d scenes, %d shots, %d variants, %d takes, %d reasons, "
          "%d totals rows, %.1f s" % (nscenes, a.shots, len(variants),
                                      a.takes, nreasons, ntotal,
                                      time.monotonic() - t0))


if __name__ == "__main__":
    sys.exit(main())
