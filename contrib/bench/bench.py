#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""bench.py: time takeboard at feature-film scale, beside baselines.

    bench.py --takeboard PATH --work DIR [--sizes "10k 100k 1M"]
             [--runs N] [--ops a,b,...] [--smoke]

For each size, makes (or reuses, when its stamp matches) a synthetic
production with genprod.py, then times each operation --runs times and
prints one table row per operation and size: the median wall time (or
CPU time where said), the spread (min-max), the peak resident memory of
takeboard, the same figure for a baseline measured in the same run on
the same data, and the ratio takeboard/baseline. The machine is shared
and noisy: compare ratios, not absolute times.

Baselines: the sqlite3 shell running the equivalent SQL (opening the
file, running the query, printing the rows), `sqlite3 .import` of the
same CSV into an empty table with the same indexes, and `curl -o` for
the download, all from the same loopback server. Operations that do not
depend on the production's size (download, jobs) run once, at the end.

--smoke runs everything at the smallest size once with small counts, to
check the suite still works (CI), not the figures. Needs python3, the
sqlite3 and curl programs; says which are missing. Linux only (/proc).
"""
import argparse
import csv
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import fcntl
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = {"10k": (10000, 200), "100k": (100000, 2000), "1M": (1000000, 5000)}
ROWS = []


def die(msg):
    sys.stderr.write("bench: %s\n" % msg)
    sys.exit(1)


def need_tools():
    missing = [t for t in ("sqlite3", "curl") if shutil.which(t) is None]
    if not os.access("/usr/bin/time", os.X_OK):
        missing.append("/usr/bin/time")
    if missing:
        die("missing: %s (Debian/Ubuntu: apt-get install sqlite3 curl "
            "time; see contrib/bench/README)" % " ".join(missing))


# ------------------------------------------------------------ measuring
RSS_FILE = None


def timed(argv):
    """argv run under time(1), which writes the peak RSS (KiB) of the
    program itself to RSS_FILE: the rusage of a child forked from this
    Python process would count the Python image it was forked from."""
    return ["/usr/bin/time", "-f", "%M", "-o", RSS_FILE] + argv


def rss_read():
    with open(RSS_FILE) as f:
        return int(f.read().split()[-1])


def run(argv, cwd=None, env=None, stdin=None, out=subprocess.DEVNULL):
    """Run argv; return (wall s, cpu s, max rss KiB, exit status)."""
    t0 = time.monotonic()
    p = subprocess.Popen(timed(argv), cwd=cwd, env=env, stdin=stdin or
                         subprocess.DEVNULL, stdout=out,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        die("%s failed (%d): %s" % (" ".join(argv), p.returncode,
                                    err.decode(errors="replace")[:500]))
    return wall, ru.ru_utime + ru.ru_stime, rss_read(), p.returncode


def pty_run(argv, cwd, env, keys=(), rows=40, cols=140, settle=0.3,
            timeout=120):
    """Run argv on a pseudo-terminal of rows x cols. After its first
    screen (output quiet for settle s), type each key and wait for the
    output to settle again; then SIGTERM it (if still running). Returns
    (wall s to exit, max rss KiB)."""
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        os.chdir(cwd)
        argv = timed(argv)
        os.execvpe(argv[0], argv, env)
    pending = list(keys)
    last = time.monotonic()
    got = False
    done = False
    while not done:
        if time.monotonic() - t0 > timeout:
            os.kill(pid, signal.SIGKILL)
            die("%s: no full screen within %d s" % (" ".join(argv),
                                                    timeout))
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                break
            got = True
            last = time.monotonic()
        elif got and time.monotonic() - last > settle:
            if pending:
                os.write(fd, pending.pop(0))
                last = time.monotonic()
            elif keys:
                # Stop takeboard, the child of time(1), which reports.
                with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                    for c in f.read().split():
                        os.kill(int(c), signal.SIGTERM)
                keys = ()
    os.wait4(pid, 0)
    wall = time.monotonic() - t0
    os.close(fd)
    return wall, rss_read()


def record(op, size, tb, base=None, unit="s", target="", rss=None,
           note=""):
    """Add a table row: tb and base are lists of figures (seconds, or
    what unit says)."""
    med = statistics.median(tb)
    row = {"op": op, "size": size, "n": len(tb), "median": med,
           "min": min(tb), "max": max(tb), "unit": unit,
           "rss_kib": rss, "target": target, "note": note}
    if base:
        row["base"] = statistics.median(base)
        row["ratio"] = med / row["base"] if row["base"] > 0 else None
    ROWS.append(row)
    print_row(row)
    sys.stdout.flush()


def fmt(v, unit):
    if v is None:
        return "-"
    if unit == "s":
        return "%.3f s" % v if v < 10 else "%.1f s" % v
    if unit == "ms":
        return "%.2f ms" % v
    if unit == "MB/s":
        return "%.0f MB/s" % v
    return "%.3g %s" % (v, unit)


HEAD = ("%-34s %5s %3s %11s %23s %8s %11s %7s  %s" %
        ("OPERATION", "SIZE", "N", "MEDIAN", "SPREAD (MIN-MAX)", "MAX RSS",
         "BASELINE", "RATIO", "TARGET"))


def print_row(r):
    if len(ROWS) == 1:
        print(HEAD)
    spread = "%s-%s" % (fmt(r["min"], r["unit"]), fmt(r["max"], r["unit"]))
    print("%-34s %5s %3d %11s %23s %8s %11s %7s  %s" % (
        r["op"], r["size"], r["n"], fmt(r["median"], r["unit"]), spread,
        "%.1f MB" % (r["rss_kib"] / 1024) if r["rss_kib"] else "-",
        fmt(r.get("base"), r["unit"]),
        "%.2f" % r["ratio"] if r.get("ratio") is not None else "-",
        r["target"] + ("  " + r["note"] if r["note"] else "")))


# ----------------------------------------------------------- productions
def production(a, size):
    takes, shots = SIZES[size] if size in SIZES else parse_size(size)
    d = os.path.join(a.work, "prod-%s" % size)
    stamp = "%d %d %d %s" % (takes, shots, a.seed,
                             subprocess.run([a.takeboard, "--version"],
                                            capture_output=True,
                                            text=True).stdout.strip())
    try:
        with open(os.path.join(d, ".stamp")) as f:
            if f.read() == stamp:
                return d
    except OSError:
        pass
    shutil.rmtree(d, ignore_errors=True)
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, os.path.join(HERE, "genprod.py"),
                          "--takeboard", a.takeboard, "--takes", str(takes),
                          "--shots", str(shots), "--seed", str(a.seed), d],
                         capture_output=True, text=True)
    if out.returncode != 0:
        die("genprod.py: %s" % out.stderr)
    gen = time.monotonic() - t0
    print("# %s: %s" % (size, out.stdout.strip()))
    chk = subprocess.run([a.takeboard, "check"], cwd=d, capture_output=True,
                         text=True)
    if chk.returncode != 0:
        die("takeboard check rejects the %s production: %s%s" %
            (size, chk.stdout, chk.stderr))
    record("generate (genprod.py, check ok)", size, [gen])
    with open(os.path.join(d, ".stamp"), "w") as f:
        f.write(stamp)
    return d


def parse_size(s):
    m = re.fullmatch(r"(\d+)(k|M)?(?:/(\d+))?", s)
    if not m:
        die("bad size %r (10k, 100k, 1M or N[k|M][/SHOTS])" % s)
    n = int(m.group(1)) * {"k": 1000, "M": 1000000, None: 1}[m.group(2)]
    return n, int(m.group(3) or max(1, n // 200))


def scratch(a, d):
    """A copy of production d to change."""
    s = os.path.join(a.work, "scratch")
    shutil.rmtree(s, ignore_errors=True)
    os.makedirs(s)
    shutil.copy(os.path.join(d, "takeboard.db"), s)
    return s


def env_for(a, **kw):
    e = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8",
             USER="bench", NO_COLOR="")
    e.pop("TAKEBOARD_DB", None)
    e.update(kw)
    return e


def sqlite(db, sql, out=subprocess.DEVNULL):
    return run(["sqlite3", db, sql], out=out)


# The statistics by shot over every take, as the sqlite3 shell would
# print them as JSON: the baseline of `stats --by shot --json` and of
# `report --format json` (issue 8).
BASE_GROUP_BY = (
    "SELECT json_group_array(json_object('scene', s.code, 'shot', h.code, "
    "'takes', n, 'failed', f, 'kept', k, 'maybe', m, 'rejected', r, "
    "'unreviewed', u, 'seconds_generated', g / 1000.0, 'seconds_used', "
    "us / 1000.0, 'cost', c / 1e6)) FROM (SELECT t.shot_id AS sid, "
    "sum(t.status = 'ready') AS n, sum(t.status = 'failed') AS f, "
    "sum(t.status = 'ready' AND t.verdict = 'keep') AS k, "
    "sum(t.status = 'ready' AND t.verdict = 'maybe') AS m, "
    "sum(t.status = 'ready' AND t.verdict = 'reject') AS r, "
    "sum(t.status = 'ready' AND t.verdict = 'unreviewed') AS u, "
    "sum(CASE WHEN t.status = 'ready' THEN coalesce(t.duration_ms, 0) END) "
    "AS g, sum(CASE WHEN t.status = 'ready' AND t.verdict = 'keep' THEN "
    "max(0, min(coalesce(t.out_ms, t.duration_ms, 0), "
    "coalesce(t.duration_ms, 0)) - coalesce(t.in_ms, 0)) END) AS us, "
    "sum(t.cost) AS c FROM take t GROUP BY t.shot_id) x "
    "JOIN shot h ON h.id = x.sid JOIN scene s ON s.id = h.scene_id")


# ------------------------------------------------------------ operations
def op_tui_open(a, size, d):
    tb, base, rss = [], [], 0
    db = os.path.join(d, "takeboard.db")
    for _ in range(a.runs):
        w, m = pty_run([a.takeboard, "--max-redraws=1"], d, env_for(a))
        tb.append(w)
        rss = max(rss, m)
        base.append(sqlite(db, "SELECT count(*) FROM take")[0])
    record("TUI open, first screen (pty)", size, tb, base, rss=rss,
           target="<= 2x, RSS <= 32 MB at 1M")


KEYS = [(b"j", "move cursor (j)"), (b"k", "move cursor (k)"),
        (b"\t", "pane (Tab)"), (b"\r", "open shot, 2000 takes (Enter)"),
        (b"\t", "pane (Tab)"), (b"G", "scroll takes to end (G)")]


def op_tui_keys(a, size, d):
    log = os.path.join(a.work, "keys.log")
    per = {}
    rss = 0
    for _ in range(a.runs):
        if os.path.exists(log):
            os.unlink(log)
        _, m = pty_run([a.takeboard], d, env_for(a, TAKEBOARD_KEY_CPU=log),
                       keys=[k for k, _ in KEYS])
        rss = max(rss, m)
        with open(log) as f:
            lines = [l.split() for l in f if l.strip()]
        keyed = [l for l in lines if l[0] != "open"]
        if len(keyed) < len(KEYS):
            die("the interface logged %d keys, %d were typed" %
                (len(keyed), len(KEYS)))
        for (_, name), l in zip(KEYS, keyed):
            per.setdefault(name, []).append(int(l[1]) / 1000.0)
        per.setdefault("first screen (CPU)", []).append(
            int(lines[0][1]) / 1000.0)
    for name in ["first screen (CPU)"] + [n for _, n in KEYS
                                          if n != "pane (Tab)"]:
        record("key: " + name, size, per[name], unit="ms",
               rss=rss, target="<= 5 ms CPU" if "first" not in name
               else "")


def op_grouped(a, size, d, args, name):
    """A takeboard command against the sqlite3 shell's GROUP BY."""
    tb, base, tbc, basec, rss = [], [], [], [], 0
    db = os.path.join(d, "takeboard.db")
    for _ in range(a.runs):
        w, c, m, _ = run([a.takeboard] + args, cwd=d, env=env_for(a))
        tb.append(w)
        tbc.append(c)
        rss = max(rss, m)
        w, c, _, _ = sqlite(db, BASE_GROUP_BY)
        base.append(w)
        basec.append(c)
    record(name, size, tb, base, rss=rss, target="<= 0.1x at 1M")
    # CPU time (user + system) is steadier than wall time on a shared
    # machine: the same runs, counted in CPU.
    record(name + " (CPU)", size, tbc, basec, rss=rss,
           target="<= 0.1x at 1M")


def op_stats(a, size, d):
    op_grouped(a, size, d, ["stats", "--by", "shot", "--json"],
               "stats --by shot --json")


def op_report(a, size, d):
    op_grouped(a, size, d, ["report", "--format", "json"],
               "report --format json")


def op_import(a, size, d):
    """import csv of a take list (changing every row's rating) against
    sqlite3 .import of the same file into an empty table with the same
    indexes as take."""
    csvf = os.path.join(a.work, "takes-%s.csv" % size)
    full = os.path.join(a.work, "takes-all.csv")
    run([a.takeboard, "export", "csv", "--takes", "-o", full], cwd=d,
        env=env_for(a))
    want = a.import_rows
    n = 0
    with open(full, newline="") as f, open(csvf, "w", newline="") as o:
        r = csv.reader(f)
        w = csv.writer(o)
        head = next(r)
        w.writerow(head)
        ci, cs = head.index("Rating"), head.index("Seconds")
        ct = head.index("Take")
        for row in r:
            if n >= want:
                break
            if row[cs] == "":
                continue
            row[ci] = str(int(row[ct]) % 5 + 1)
            w.writerow(row)
            n += 1
    os.unlink(full)
    tb, base, rss = [], [], 0
    cols = ", ".join('"%s"' % c for c in head)
    for _ in range(a.runs):
        s = scratch(a, d)
        w, _, m, _ = run([a.takeboard, "import", "csv", csvf], cwd=s,
                         env=env_for(a, TAKEBOARD_MAX_IMPORT=str(1 << 30)))
        tb.append(w)
        rss = max(rss, m)
        bdb = os.path.join(a.work, "import-base.db")
        if os.path.exists(bdb):
            os.unlink(bdb)
        sqlite(bdb, "CREATE TABLE t (%s, PRIMARY KEY (\"Take\")); "
               "CREATE INDEX t_shot ON t (\"Shot\", \"Verdict\"); "
               "CREATE INDEX t_prompt ON t (\"Variant\");" % cols)
        base.append(run(["sqlite3", bdb, ".import --csv --skip 1 %s t" %
                         csvf])[0])
    record("import csv, %d takes" % n, size, tb, base, rss=rss,
           target="speed >= 0.8x (ratio <= 1.25)")


def op_adds(a, size, d):
    """take add one by one (a.adds of them), against one sqlite3 shell
    process per INSERT; the figure is per add."""
    s = scratch(a, d)
    env = env_for(a)
    shot = subprocess.run(["sqlite3", os.path.join(s, "takeboard.db"),
                           "SELECT code FROM shot ORDER BY id DESC LIMIT 1"],
                          capture_output=True, text=True).stdout.strip()
    tb, base = [], []
    rss = 0
    db = os.path.join(s, "takeboard.db")
    for i in range(a.adds):
        w, _, m, _ = run([a.takeboard, "take", "add", shot, "--seconds", "5",
                          "--cost", "0.25", "--backend", "runway",
                          "--model", "gen4_turbo"], cwd=s, env=env)
        tb.append(w)
        rss = max(rss, m)
        base.append(sqlite(db, "INSERT INTO take (shot_id, duration_ms, "
                           "backend, model, cost, created, created_by) "
                           "SELECT id, 5000, 'runway', 'gen4_turbo', 250000, "
                           "'2026-01-01T00:00:00Z', 'bench' FROM shot WHERE "
                           "code = '%s'" % shot)[0])
    record("take add, one by one (per add)", size, tb, base, rss=rss,
           note="%d adds; 100k would take ~%.0f s" %
           (a.adds, statistics.median(tb) * 100000))


# --------------------------------------------- network (size-independent)
class Mock:
    def __init__(self, a, **kw):
        self.dir = os.path.join(a.work, "mock")
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        pf = os.path.join(self.dir, "port")
        argv = [sys.executable, os.path.join(HERE, "benchmock.py"),
                "--port-file", pf]
        for k, v in kw.items():
            argv += ["--" + k.replace("_", "-"), str(v)]
        self.p = subprocess.Popen(argv)
        for _ in range(200):
            if os.path.exists(pf):
                break
            time.sleep(0.05)
        else:
            self.stop()
            die("the mock server did not start")
        with open(pf) as f:
            self.base = "http://127.0.0.1:%s" % f.read().strip()

    def polls(self):
        with urllib.request.urlopen(self.base + "/bench/count") as r:
            return int(r.read())

    def stop(self):
        self.p.terminate()
        self.p.wait()


def gen_production(a, mock, name, concurrency, poll):
    d = os.path.join(a.work, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "cfg", "takeboard"))
    conf = os.path.join(d, "cfg", "takeboard", "config")
    with open(conf, "w") as f:
        f.write("allow_http = loopback\npoll_interval = %s\n"
                "[backend openai]\nbase_url = %s/v1\nconcurrency = %d\n" %
                (poll, mock.base, concurrency))
    os.chmod(conf, 0o600)
    env = env_for(a, XDG_CONFIG_HOME=os.path.join(d, "cfg"),
                  OPENAI_API_KEY="sk-bench")
    for argv in (["init", "--title", "Jobs"],
                 ["scene", "add", "INT. BENCH", "--code", "1"],
                 ["shot", "add", "1", "a shot", "--code", "1A"],
                 ["prompt", "add", "1A", "a calico cat", "--label", "v1",
                  "--model", "sora-2", "--seconds", "4"]):
        run([a.takeboard] + argv, cwd=d, env=env)
    return d, env


def op_download(a):
    size = a.download_mb << 20
    mock = Mock(a, clip_bytes=size)
    try:
        d, env = gen_production(a, mock, "dl", 3, "0.05")
        tb, base, rss = [], [], 0
        for i in range(a.runs):
            run([a.takeboard, "gen", "1A/v1", "-n", "1", "--backend",
                 "openai", "--yes"], cwd=d, env=env)
            w, _, m, _ = run([a.takeboard, "sync"], cwd=d, env=env)
            got = [f for r, _, fs in os.walk(os.path.join(d, "takes"))
                   for f in fs if f.endswith(".mp4")]
            if len(got) != i + 1:
                die("sync did not download the clip (%r)" % got)
            tb.append(size / w / 1e6)
            rss = max(rss, m)
            out = os.path.join(a.work, "curl.mp4")
            cw = run(["curl", "-s", "-f", "-o", out, mock.base + "/clip"])[0]
            os.unlink(out)
            base.append(size / cw / 1e6)
            for r, _, fs in os.walk(os.path.join(d, "takes")):
                for f in fs:
                    os.truncate(os.path.join(r, f), 0)
        record("download %d MB (throughput)" % a.download_mb, "-", tb, base,
               unit="MB/s", rss=rss, target=">= 0.9x, RSS <= 16 MB",
               note="sync: 1 poll + download + fsync")
    finally:
        mock.stop()


def cpu_of(pid):
    """CPU seconds of pid so far: from /proc/PID/schedstat (nanoseconds
    on a CPU) where the kernel has it, else /proc/PID/stat (clock ticks,
    10 ms: too coarse to see a process that is nearly idle)."""
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    with open("/proc/%d/stat" % pid) as f:
        v = f.read().rsplit(")", 1)[1].split()
    return (int(v[11]) + int(v[12])) / os.sysconf("SC_CLK_TCK")


def op_jobs(a):
    """a.jobs jobs in flight, followed by one `sync --watch`: CPU per job
    per poll round while they are in progress, and CPU while idle."""
    hold = a.hold
    mock = Mock(a, hold=hold)
    try:
        d, env = gen_production(a, mock, "jobs", 64, str(a.poll))
        t0 = time.monotonic()
        left = a.jobs
        while left > 0:
            n = min(100, left)
            run([a.takeboard, "gen", "1A/v1", "-n", str(n), "--backend",
                 "openai", "--yes"], cwd=d, env=env)
            left -= n
        submitted = time.monotonic() - t0
        if submitted > hold - 3 * a.poll:
            die("submitting took %.1f s: raise --hold" % submitted)
        p = subprocess.Popen([a.takeboard, "sync", "--watch"], cwd=d,
                             env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        # (not under time(1): its CPU is read from /proc/PID)
        samples = []
        end = t0 + hold - 0.5
        while time.monotonic() < end:
            samples.append((time.monotonic(), cpu_of(p.pid), mock.polls()))
            time.sleep(0.1)
        _, status, ru = os.wait4(p.pid, 0)
        if status != 0:
            die("sync --watch failed: %s" % p.stderr.read().decode())
        # Busy: from the first sample to the last, per poll answered.
        (ta, ca, na), (tz, cz, nz) = samples[0], samples[-1]
        polls = nz - na
        if polls <= 0:
            die("no polls while the jobs were in progress")
        rounds = polls / a.jobs
        # Idle: 0.1 s windows at least a second away from any poll
        # answered (answers are still being written just after one).
        busy = [t2 for (t1, _, n1), (t2, _, n2) in zip(samples, samples[1:])
                if n2 != n1]
        idle_t = idle_c = 0.0
        for (t1, c1, n1), (t2, c2, n2) in zip(samples, samples[1:]):
            if all(abs(t1 - b) > 1 and abs(t2 - b) > 1 for b in busy):
                idle_t += t2 - t1
                idle_c += c2 - c1
        record("%d jobs: CPU per poll round per job" % a.jobs, "-",
               [(cz - ca) * 1000 / polls], unit="ms",
               target="<= 2 ms", note="%.1f rounds, %d polls in %.1f s" %
               (rounds, polls, tz - ta))
        record("%d jobs: CPU while idle" % a.jobs, "-",
               [idle_c * 1000 / idle_t if idle_t else 0], unit="ms/s",
               target="~0",
               note="over %.1f s a second or more from any poll" % idle_t)
    finally:
        mock.stop()


OPS = {"tui-open": op_tui_open, "tui-keys": op_tui_keys, "stats": op_stats,
       "report": op_report, "import": op_import, "adds": op_adds}
NETOPS = {"download": op_download, "jobs": op_jobs}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--takeboard", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--sizes", default="10k 100k 1M")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--ops", default=",".join(list(OPS) + list(NETOPS)))
    p.add_argument("--import-rows", type=int, default=100000)
    p.add_argument("--adds", type=int, default=200)
    p.add_argument("--download-mb", type=int, default=1024)
    p.add_argument("--jobs", type=int, default=1000)
    # Polls 6 s apart leave stretches with no poll answered, where the
    # CPU of a follower with nothing to do is measured.
    p.add_argument("--hold", type=float, default=45)
    p.add_argument("--poll", type=float, default=6)
    p.add_argument("--json", help="also write the rows to this file")
    p.add_argument("--smoke", action="store_true")
    a = p.parse_args()
    a.takeboard = os.path.abspath(a.takeboard)
    a.work = os.path.abspath(a.work)
    if a.smoke:
        a.sizes = a.sizes.split()[0]
        a.runs, a.adds, a.download_mb = 1, 5, 16
        a.jobs, a.hold, a.poll = 50, 8, 1
    need_tools()
    os.makedirs(a.work, exist_ok=True)
    global RSS_FILE
    RSS_FILE = os.path.join(a.work, "rss")
    ops = a.ops.split(",")
    for o in ops:
        if o not in OPS and o not in NETOPS:
            die("unknown operation %r (one of: %s)" %
                (o, " ".join(list(OPS) + list(NETOPS))))
    print("# takeboard %s; %d CPUs (%s), %s; runs %d" % (
        subprocess.run([a.takeboard, "--version"], capture_output=True,
                       text=True).stdout.split()[-1], os.cpu_count(),
        cpu_model(), mem_total(), a.runs))
    for size in a.sizes.split():
        d = production(a, size)
        for o in ops:
            if o in OPS:
                OPS[o](a, size, d)
    for o in ops:
        if o in NETOPS:
            NETOPS[o](a)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(ROWS, f, indent=1)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for l in f:
                if l.startswith("model name"):
                    return l.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def mem_total():
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        return "%.0f GB RAM" % (kb / 1048576)
    except OSError:
        return "unknown RAM"


if __name__ == "__main__":
    main()
