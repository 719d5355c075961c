# SPDX-License-Identifier: ISC
"""Check an exported cut against an independent computation.

usage: python3 io-check.py edl|otio|fcpxml FILE JSONDIR START

JSONDIR holds production.json, scenes.json, shots.json and takes.json
(the --json output of takeboard). The expected cut is worked out here
from those, with exact fractions and a timecode routine of its own (not
a transcription of the C code): kept, generated takes with a clip in
storyboard order, trimmed to in/out, each rounded to the nearest frame;
a shot without one is a gap of its target length (2 s without a target);
omitted shots and scenes are left out. START is the first record
timecode (HH:MM:SS:FF). Every timecode, range, offset and the schema of
the file are checked; prints what differs and exits 1, or exits 0.
"""

import json
import os
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction

errors = []


def fail(msg):
    errors.append(msg)


def load(d, name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return json.load(f)


def rate_of(fps):
    """The exact rate: whole, NTSC (n*1000/1001), or the decimal."""
    n = round(fps)
    if abs(fps - n) < 1e-9:
        return Fraction(n), n, False
    if abs(fps - n * 1000 / 1001) < 0.001:
        return Fraction(n * 1000, 1001), n, n in (30, 60)
    return Fraction(fps).limit_denominator(1000), None, False


def frames(ms, rate):
    x = Fraction(ms) * rate / 1000
    return int(x + Fraction(1, 2))  # half up; x >= 0


def label(f, base, drop):
    """Frame count to HH:MM:SS:FF by walking ten-minute blocks."""
    if not drop:
        s, ff = divmod(f, base)
        return "%02d:%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60, ff)
    d = base // 15
    minute = base * 60
    block = 10 * minute - 9 * d
    tens, rem = divmod(f, block)
    if rem < minute:
        m, inmin = 0, rem
    else:
        m, r2 = divmod(rem - minute, minute - d)
        m += 1
        inmin = r2 + d
    minutes = tens * 10 + m
    ss, ff = divmod(inmin, base)
    return "%02d:%02d:%02d;%02d" % (minutes // 60, minutes % 60, ss, ff)


def parse_label(s, base, drop):
    h, m, sec = int(s[0:2]), int(s[3:5]), int(s[6:8])
    f = int(s[9:])
    mins = h * 60 + m
    n = (mins * 60 + sec) * base + f
    if drop:
        n -= (base // 15) * (mins - mins // 10)
    return n


def expected(d):
    prod = load(d, "production.json")
    scenes = {s["code"]: s for s in load(d, "scenes.json")}
    shots = load(d, "shots.json")
    takes = load(d, "takes.json")
    rate, base, drop = rate_of(prod["fps"])
    shots.sort(key=lambda h: (scenes[h["scene"]]["position"], h["position"]))
    items, at = [], 0
    for h in shots:
        if h["status"] == "omitted" or scenes[h["scene"]]["status"] == "omitted":
            continue
        placed = 0
        for t in sorted(takes, key=lambda t: t["id"]):
            if t["shot"] != h["code"] or t["verdict"] != "keep" or \
                    t["status"] != "ready" or t["file"] is None:
                continue
            ms_in = round((t["in"] or 0) * 1000)
            ms_out = round(t["out"] * 1000) if t["out"] is not None else \
                (round(t["seconds"] * 1000) if t["seconds"] is not None else None)
            if ms_out is None or ms_out <= ms_in:
                continue
            a, b = frames(ms_in, rate), frames(ms_out, rate)
            if b <= a:
                b = a + 1
            media = max(frames(round(t["seconds"] * 1000), rate), b)
            items.append(dict(kind="clip", take=t["id"], shot=h["code"],
                              scene=h["scene"], file=t["file"], src_in=a,
                              src_out=b, media=media, rec_in=at,
                              rec_out=at + b - a, variant=t["prompt"],
                              label=t["label"]))
            at += b - a
            placed += 1
        if placed == 0:
            ms = round(h["seconds"] * 1000) if h["seconds"] is not None else 2000
            n = max(frames(ms, rate), 1)
            items.append(dict(kind="gap", shot=h["code"], rec_in=at,
                              rec_out=at + n))
            at += n
    return prod, rate, base, drop, items, at


def check_edl(path, d, start):
    prod, rate, base, drop, items, _ = expected(d)
    st = parse_label(start, base, drop)
    with open(path, encoding="ascii") as f:
        lines = f.read().split("\n")
    if lines[0] != "TITLE: " + prod["title"][:70]:
        fail("title line: %r" % lines[0])
    want_fcm = "FCM: DROP FRAME" if drop else "FCM: NON-DROP FRAME"
    if lines[1] != want_fcm:
        fail("FCM line: %r, want %r" % (lines[1], want_fcm))
    events = [l for l in lines if l[:1].isdigit()]
    clips = [i for i in items if i["kind"] == "clip"]
    if len(events) != len(clips):
        fail("%d events, want %d" % (len(events), len(clips)))
    for n, (e, c) in enumerate(zip(events, clips), 1):
        w = e.split()
        want = [label(c["src_in"], base, drop), label(c["src_out"], base, drop),
                label(st + c["rec_in"], base, drop),
                label(st + c["rec_out"], base, drop)]
        if w[0] != "%03d" % n or w[2:4] != ["V", "C"] or w[4:] != want:
            fail("event %d: %s, want %s" % (n, " ".join(w), " ".join(want)))
        if w[1] != "T%07d" % c["take"] or len(w[1]) > 8:
            fail("event %d: reel %s" % (n, w[1]))
        i = lines.index(e)
        if lines[i + 1] != "* FROM CLIP NAME: " + os.path.basename(c["file"]):
            fail("event %d: clip name line %r" % (n, lines[i + 1]))
        if lines[i + 2] != "* TAKEBOARD TAKE: %d" % c["take"]:
            fail("event %d: take line %r" % (n, lines[i + 2]))
    return len(events)


def rt(o, rate, where):
    if o.get("OTIO_SCHEMA") != "RationalTime.1" or \
            abs(o["rate"] - float(rate)) > 1e-9 or o["value"] != int(o["value"]):
        fail("%s: bad RationalTime %r" % (where, o))
    return int(o["value"])


def tr(o, rate, where):
    if o.get("OTIO_SCHEMA") != "TimeRange.1":
        fail("%s: not a TimeRange.1" % where)
    return rt(o["start_time"], rate, where), rt(o["duration"], rate, where)


# Fields each schema serialises (docs/tutorials/otio-serialized-schema.md).
SCHEMA = {
    "Timeline.1": {"name", "metadata", "global_start_time", "tracks"},
    "Stack.1": {"name", "metadata", "source_range", "effects", "markers",
                "enabled", "children"},
    "Track.1": {"name", "metadata", "source_range", "effects", "markers",
                "enabled", "children", "kind"},
    "Clip.1": {"name", "metadata", "source_range", "effects", "markers",
               "enabled", "media_reference"},
    "Gap.1": {"name", "metadata", "source_range", "effects", "markers",
              "enabled"},
    "ExternalReference.1": {"name", "metadata", "target_url",
                            "available_range", "available_image_bounds"},
    "TimeRange.1": {"start_time", "duration"},
    "RationalTime.1": {"rate", "value"},
}


def walk(o, where="$"):
    n = 0
    if isinstance(o, dict):
        s = o.get("OTIO_SCHEMA")
        if s is not None:
            n += 1
            if s not in SCHEMA:
                fail("%s: unknown schema %s" % (where, s))
            elif set(o) - {"OTIO_SCHEMA"} != SCHEMA[s]:
                fail("%s: %s has fields %s" % (where, s, sorted(o)))
        for k, v in o.items():
            n += walk(v, where + "." + k)
    elif isinstance(o, list):
        for i, v in enumerate(o):
            n += walk(v, "%s[%d]" % (where, i))
    return n


def check_otio(path, d, start):
    prod, rate, base, drop, items, _ = expected(d)
    with open(path, encoding="utf-8") as f:
        j = json.load(f)
    if walk(j) < 10:
        fail("too few OTIO objects")
    if j["OTIO_SCHEMA"] != "Timeline.1" or j["name"] != prod["title"]:
        fail("timeline")
    if rt(j["global_start_time"], rate, "start") != parse_label(start, base, drop):
        fail("global_start_time")
    stack = j["tracks"]
    if stack["OTIO_SCHEMA"] != "Stack.1" or len(stack["children"]) != 1:
        fail("stack")
    track = stack["children"][0]
    if track["OTIO_SCHEMA"] != "Track.1" or track["kind"] != "Video":
        fail("track")
    kids = track["children"]
    if len(kids) != len(items):
        fail("%d items, want %d" % (len(kids), len(items)))
    root = os.path.dirname(os.path.abspath(prod["path"]))
    for n, (k, i) in enumerate(zip(kids, items)):
        where = "item %d" % n
        tb = k["metadata"]["takeboard"]
        if tb["shot"] != i["shot"]:
            fail("%s: shot %s, want %s" % (where, tb["shot"], i["shot"]))
        if i["kind"] == "gap":
            if k["OTIO_SCHEMA"] != "Gap.1" or tb.get("missing") is not True:
                fail("%s: not a gap" % where)
            if tr(k["source_range"], rate, where)[1] != i["rec_out"] - i["rec_in"]:
                fail("%s: gap length" % where)
            continue
        if k["OTIO_SCHEMA"] != "Clip.1":
            fail("%s: not a clip" % where)
        if tr(k["source_range"], rate, where) != (i["src_in"], i["src_out"] - i["src_in"]):
            fail("%s: source range %r" % (where, k["source_range"]))
        ref = k["media_reference"]
        if ref["OTIO_SCHEMA"] != "ExternalReference.1":
            fail("%s: reference" % where)
        if ref["target_url"] != "file://" + os.path.join(root, i["file"]):
            fail("%s: target_url %s" % (where, ref["target_url"]))
        if tr(ref["available_range"], rate, where) != (0, i["media"]):
            fail("%s: available range" % where)
        if tb["take"] != i["take"] or tb["variant"] != i["variant"] or \
                tb["variant_label"] != i["label"]:
            fail("%s: takeboard metadata %r" % (where, tb))
    return len(kids)


def t(s, rate):
    """FCPXML time to frames; it must fall on a frame."""
    if not s.endswith("s"):
        fail("time %s" % s)
        return -1
    x = Fraction(s[:-1]) * rate
    if x.denominator != 1:
        fail("time %s is not on a frame" % s)
    return int(x)


def check_fcpxml(path, d, start):
    prod, rate, base, drop, items, total = expected(d)
    st = parse_label(start, base, drop)
    root = ET.parse(path).getroot()
    if root.tag != "fcpxml" or root.get("version") != "1.10":
        fail("root")
    fmt = root.find("resources/format")
    if t(fmt.get("frameDuration"), rate) != 1:
        fail("frameDuration %s" % fmt.get("frameDuration"))
    assets = {a.get("id"): a for a in root.findall("resources/asset")}
    seq = root.find("library/event/project/sequence")
    if root.find("library/event/project").get("name") != prod["title"]:
        fail("project name")
    if t(seq.get("tcStart"), rate) != st or t(seq.get("duration"), rate) != total:
        fail("sequence tcStart/duration")
    if seq.get("tcFormat") != ("DF" if drop else "NDF"):
        fail("tcFormat")
    spine = list(seq.find("spine"))
    if len(spine) != len(items):
        fail("%d spine items, want %d" % (len(spine), len(items)))
    base_dir = os.path.dirname(os.path.abspath(prod["path"]))
    for n, (e, i) in enumerate(zip(spine, items)):
        where = "spine item %d" % n
        if t(e.get("offset"), rate) != st + i["rec_in"]:
            fail("%s: offset %s" % (where, e.get("offset")))
        if t(e.get("duration"), rate) != i["rec_out"] - i["rec_in"]:
            fail("%s: duration %s" % (where, e.get("duration")))
        if i["kind"] == "gap":
            if e.tag != "gap":
                fail("%s: %s, want a gap" % (where, e.tag))
            continue
        if e.tag != "asset-clip" or t(e.get("start"), rate) != i["src_in"]:
            fail("%s: asset-clip start" % where)
        a = assets[e.get("ref")]
        if t(a.get("duration"), rate) != i["media"]:
            fail("%s: asset duration" % where)
        src = a.find("media-rep").get("src")
        if src != "file://" + os.path.join(base_dir, i["file"]):
            fail("%s: src %s" % (where, src))
    return len(spine)


def main():
    kind, path, d, start = sys.argv[1:5]
    n = {"edl": check_edl, "otio": check_otio, "fcpxml": check_fcpxml}[kind](
        path, d, start)
    for e in errors:
        print("io-check: %s: %s" % (kind, e), file=sys.stderr)
    if n == 0:
        print("io-check: %s: nothing was checked" % kind, file=sys.stderr)
    sys.exit(1 if errors or n == 0 else 0)


main()
