#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A loopback provider that answers badly, for tests/cli/gen-malformed.sh
and tests/cli/gen-http.sh.

Same options as mockvideo.py (--port-file --data --scenario --log
--timeout), plus --list to print the case table and exit.

Scenario "cases": the k-th POST of a backend (openai: POST /v1/videos,
runway: POST /v1/text_to_video) gets that backend's case k from a table
built systematically below: the create answer, the first poll answer or
an error answer is replaced by a malformed one (truncated at many
offsets, each field given each wrong JSON type, huge numbers, 10,000
levels of nesting, missing fields, unknown statuses, binary garbage,
NUL bytes, invalid UTF-8, bodies beyond the 1 MiB cap with and without
Content-Length, a Content-Length longer than the body, a stalled body,
empty bodies, wrong content types, HTML error pages). Every later
answer about the job is a well-formed "failed" naming the case, so a
job that survives the bad answer (or retries after it) still ends. A
case whose create answer is a 429 is retried by takeboard at once
(retry-after-ms: 0); that next POST is answered well. "case:N" serves
case N to every POST.

Other scenarios exercise the transport (the clip download of an openai
job): "redir-file" (a redirect to file://), "redir-chain:N" (N
redirects, then the clip), "cross-host" (a redirect from 127.0.0.1 to
localhost; for gemini too, whose key is x-goog-api-key), "stall" (a
body that stops), "nolength" (a 30 MB clip with no Content-Length),
"poll-nolength" (a 2 MB poll answer with no Content-Length),
"echo-key" (401s that quote the key back), "running" (a job that never
finishes).

Every request is logged to --log as "METHOD PATH keys=NAMES t=TIME"
where NAMES lists the credential-like headers that arrived (never a
value), or "none". --tls CERT,KEY serves https instead. Python 3
standard library only.
"""
import argparse
import json
import os
import random
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.RLock()
BACKENDS = ("openai", "runway", "fal", "comfyui", "gemini", "luma",
            "replicate")
state = {"jobs": {}, "counter": dict.fromkeys(BACKENDS, 0),
         "retry": dict.fromkeys(BACKENDS), "serial": 0}
CLIP = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 400
KEYISH = re.compile(r"authori[sz]ation|api[-_]?key|token|secret|^x-.*key",
                    re.I)


class Raw:
    """JSON text written as is (numbers JSON cannot hold, bad escapes)."""

    def __init__(self, s):
        self.s = s


def enc(v):
    if isinstance(v, Raw):
        return v.s
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + enc(x)
                              for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(enc(x) for x in v) + "]"
    return json.dumps(v)


class Resp:
    """One answer: status, body bytes and how it is delivered."""

    def __init__(self, status, body, ctype="application/json",
                 length="exact", headers=None, retried=False):
        self.status = status
        self.body = body if isinstance(body, bytes) else body.encode()
        self.ctype = ctype
        self.length = length    # exact, none, long, stall
        self.headers = headers or {}
        self.retried = retried  # takeboard asks again at once


WRONG = [("null", None), ("num", 7), ("str", "x"), ("bool", True),
         ("arr", []), ("obj", {}), ("neg", -1), ("float", 0.5)]
HUGE = [("1e400", Raw("1e400")), ("-1e400", Raw("-1e400")),
        ("2p63", Raw("9223372036854775808")),
        ("-2p63m1", Raw("-9223372036854775809")),
        ("400digits", Raw("9" * 400)), ("neg1", -1),
        ("nan", Raw("NaN")), ("inf", Raw("Infinity"))]
HTML = (b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
        b"</head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>")
BIG = 2 * 1024 * 1024


def deep(n, opener, closer):
    return opener * n + closer * n


def mutations(base, fields, numeric, status=200):
    """Systematic damage to the JSON object base."""
    text = enc(base)
    out = []
    # Truncated at many offsets (0 is the empty body).
    for k in sorted(set([0, 1, 2, len(text) // 4, len(text) // 3,
                         len(text) // 2, 2 * len(text) // 3,
                         len(text) - 2, len(text) - 1])):
        out.append(("trunc@%d" % k, Resp(status, text[:k])))
    for f in fields:
        for name, v in WRONG:
            if base.get(f) is not None and type(base.get(f)) is type(v):
                continue
            b = dict(base)
            b[f] = v
            out.append(("type:%s=%s" % (f, name), Resp(status, enc(b))))
        if f in base:
            b = dict(base)
            del b[f]
            out.append(("missing:%s" % f, Resp(status, enc(b))))
    for f in numeric:
        for name, v in HUGE:
            b = dict(base)
            b[f] = v
            out.append(("huge:%s=%s" % (f, name), Resp(status, enc(b))))
    b = dict(base)
    b["x"] = Raw(deep(10000, "[", "]"))
    out.append(("deep-array", Resp(status, enc(b))))
    out.append(("deep-object", Resp(status, '{"a":' * 10000 + "1" +
                                    "}" * 10000)))
    rnd = random.Random(len(text))
    out.append(("binary", Resp(status, bytes(rnd.randrange(256)
                                             for _ in range(3000)),
                               "application/octet-stream")))
    out.append(("nul-bytes", Resp(status, text[:len(text) // 2].encode() +
                                  b"\x00\x00" +
                                  text[len(text) // 2:].encode())))
    out.append(("invalid-utf8", Resp(status, text.replace(
        '"', '"\xff\xfe\xc0\xaf', 2).encode("latin-1"))))
    out.append(("top-array", Resp(status, "[" + text + "]")))
    out.append(("top-string", Resp(status, json.dumps(text))))
    out.append(("trailing-garbage", Resp(status, text + "}}{garbage")))
    out.append(("dup-keys", Resp(status, text[:-1] + "," + text[1:])))
    out.append(("oversize-length", Resp(status, text[:-1] + ',"pad":"' +
                                        "A" * BIG + '"}')))
    out.append(("oversize-nolength", Resp(status, text[:-1] + ',"pad":"' +
                                          "A" * BIG + '"}', length="none")))
    out.append(("short-body", Resp(status, text, length="long",
                                   retried=True)))
    out.append(("stalled-body", Resp(status, text, length="stall",
                                     retried=True)))
    out.append(("html-200", Resp(status, HTML, "text/html")))
    out.append(("json-as-html", Resp(status, text, "text/html")))
    out.append(("no-content-204", Resp(204, b"")))
    return out


def error_cases(backend, body):
    """Error answers: every class of status, with good and bad bodies."""
    text = enc(body)
    out = []
    for st in (400, 401, 403, 404, 409, 422, 500, 502, 503):
        out.append(("err%d" % st, Resp(st, text)))
        out.append(("err%d-html" % st, Resp(st, HTML, "text/html")))
        out.append(("err%d-empty" % st, Resp(st, b"")))
        out.append(("err%d-trunc" % st, Resp(st, text[:len(text) // 2])))
    out.append(("err429", Resp(429, text, headers={"retry-after-ms": "0"},
                               retried=True)))
    out.append(("err429-html", Resp(429, HTML, "text/html",
                                    headers={"retry-after-ms": "0"},
                                    retried=True)))
    out.append(("err400-binary", Resp(400, bytes(range(256)) * 4,
                                      "application/octet-stream")))
    out.append(("err400-deep", Resp(400, deep(10000, "[", "]"))))
    out.append(("err400-oversize", Resp(400, '{"error":"' + "E" * BIG +
                                        '"}')))
    out.append(("err400-oversize-nolength",
                Resp(400, '{"error":"' + "E" * BIG + '"}', length="none")))
    out.append(("err400-escapes", Resp(400, enc(
        {"error": {"message": "\x1b]52;c;AAAA\x07\x1b[2J\r\u202e bad",
                   "code": "\x1b[31mred"}} if backend == "openai" else
        {"error": "\x1b]52;c;AAAA\x07\x1b[2J\r\u202e bad",
         "code": "\x1b[31mred"}))))
    out.append(("err400-nul", Resp(400, text.encode()[:20] + b"\x00" +
                                   text.encode()[20:])))
    out.append(("err301-nolocation", Resp(301, b"")))
    out.append(("err302-file", Resp(302, b"", headers={
        "location": "file:///etc/passwd"})))
    out.append(("err302-gopher", Resp(302, b"", headers={
        "location": "gopher://127.0.0.1/x"})))
    if backend == "openai":
        e = body["error"]
        for k in ("code", "message", "type"):
            for name, v in WRONG:
                ee = dict(e)
                ee[k] = v
                out.append(("err400-%s=%s" % (k, name),
                            Resp(400, enc({"error": ee}))))
        for name, v in WRONG:
            out.append(("err400-error=%s" % name,
                        Resp(400, enc({"error": v}))))
        out.append(("err429-quota-wrongtype",
                    Resp(429, enc({"error": dict(e, code=["quota"])}),
                         headers={"retry-after-ms": "0"}, retried=True)))
    elif backend == "runway":
        for k in ("error", "code"):
            for name, v in WRONG:
                b = dict(body)
                b[k] = v
                out.append(("err400-%s=%s" % (k, name),
                            Resp(400, enc(b))))
    elif backend == "comfyui":
        for k in ("type", "message", "details"):
            for name, v in WRONG:
                b = {"error": dict(body["error"]), "node_errors": {}}
                b["error"][k] = v
                out.append(("err400-%s=%s" % (k, name),
                            Resp(400, enc(b))))
        for name, v in WRONG:
            out.append(("err400-error=%s" % name,
                        Resp(400, enc({"error": v}))))
    elif backend != "fal":
        for k in body:
            for name, v in WRONG:
                out.append(("err400-%s=%s" % (k, name),
                            Resp(400, enc(dict(body, **{k: v})))))
    else:
        for name, v in WRONG:
            out.append(("err422-detail=%s" % name,
                        Resp(422, enc({"detail": v}))))
            out.append(("err422-detail0=%s" % name,
                        Resp(422, enc({"detail": [v]}))))
            out.append(("err422-msg=%s" % name, Resp(422, enc(
                {"detail": [{"msg": v, "type": v}]}))))
    return out


def openai_video(vid, status, progress=0):
    return {"id": vid, "object": "video", "created_at": 1763051670,
            "status": status, "completed_at": None, "error": None,
            "expires_at": None, "model": "sora-2", "progress": progress,
            "prompt": "case", "seconds": "4", "size": "1280x720"}


OPENAI_FIELDS = ["id", "status", "progress", "expires_at", "error",
                 "created_at", "model"]
OPENAI_NUMERIC = ["progress", "expires_at"]
OPENAI_ERR = {"error": {"message": "Invalid value for seconds",
                        "type": "invalid_request_error", "param": None,
                        "code": "invalid_value"}}
RUNWAY_ERR = {"error": "Invalid asset aspect ratio", "code": "bad_ratio"}
RUNWAY_BASE = "00000000-0000-4000-8000-000000000000"
FAL_APP = "fal-ai/kling-video"
FAL_URL = "https://queue.fal.run/%s/requests/" % FAL_APP


RPL = "rpl0000000000placeholder"
GEMINI_OP = "models/veo-3.1-generate-preview/operations/"


def gemini_shapes(pid):
    name = GEMINI_OP + pid
    sub = {"name": name}
    run = {"name": name, "done": False,
           "metadata": {"@type": "type.googleapis.com/x"}}
    fin = {"name": name, "done": True, "response": {
        "@type": "type.googleapis.com/x", "generateVideoResponse": {
            "generatedSamples": [{"video": {"uri": "LOCAL/asset/html"}}]}}}
    err = {"error": {"code": 400, "message": "Invalid argument",
                     "status": "INVALID_ARGUMENT"}}
    return sub, run, fin, ["name", "done", "metadata"], [], err


def luma_shapes(pid):
    base = {"id": pid, "generation_type": "video", "state": "queued",
            "failure_reason": None, "created_at": "2026-11-01T12:00:00Z",
            "assets": None, "model": "ray-2",
            "request": {"prompt": "case", "model": "ray-2"}}
    run = dict(base, state="dreaming")
    fin = dict(base, state="completed",
               assets={"video": "LOCAL/asset/html"})
    return (base, run, fin, ["id", "state", "failure_reason", "assets",
                             "created_at"], [],
            {"detail": "Invalid request"})


def replicate_shapes(pid):
    base = {"id": pid, "model": "minimax/video-01", "version": "v",
            "input": {"prompt": "case"}, "logs": "", "error": None,
            "status": "starting", "created_at": "2026-11-01T12:00:00Z",
            "urls": {"get": "https://api.replicate.com/v1/predictions/" +
                     pid}}
    run = dict(base, status="processing", logs="45%|####")
    fin = dict(base, status="succeeded", output="LOCAL/asset/html")
    return (base, run, fin, ["id", "status", "logs", "error", "output",
                             "created_at"], [],
            {"title": "Invalid input", "detail": "prompt is required",
             "status": 422})


SHAPES = {"gemini": gemini_shapes, "luma": luma_shapes,
          "replicate": replicate_shapes}


def fal_submit(rid):
    return {"request_id": rid, "response_url": FAL_URL + rid,
            "status_url": FAL_URL + rid + "/status",
            "cancel_url": FAL_URL + rid + "/cancel", "status": "IN_QUEUE",
            "queue_position": 0}


def build():
    """The case table: (backend, where, name, Resp)."""
    cases = []
    vid = "video_case"
    for name, r in mutations(openai_video(vid, "queued"), OPENAI_FIELDS,
                             OPENAI_NUMERIC):
        cases.append(("openai", "create", name, r))
    for name, r in mutations(openai_video(vid, "in_progress", 40),
                             OPENAI_FIELDS, OPENAI_NUMERIC):
        cases.append(("openai", "poll", name, r))
    for st in ("warming_up", "", "COMPLETED", "completed\u0000x",
               "\u202equeued", "x" * 100000):
        cases.append(("openai", "poll", "status=%.20r" % st,
                      Resp(200, enc(openai_video(vid, st)))))
    for name, v in WRONG:
        cases.append(("openai", "poll", "failed-error=%s" % name,
                      Resp(200, enc(dict(openai_video(vid, "failed"),
                                         error=v)))))
    for name, r in error_cases("openai", OPENAI_ERR):
        cases.append(("openai", "create", name, r))
    for name, r in error_cases("openai", OPENAI_ERR):
        if name.startswith("err400-") and "=" in name:
            continue
        cases.append(("openai", "poll", name, r))

    tid = RUNWAY_BASE
    for name, r in mutations({"id": tid}, ["id"], []):
        cases.append(("runway", "create", name, r))
    run = {"id": tid, "status": "RUNNING", "progress": 0.4,
           "createdAt": "2026-11-01T12:00:00.000Z"}
    for name, r in mutations(run, ["id", "status", "progress",
                                   "createdAt"], ["progress"]):
        cases.append(("runway", "poll", name, r))
    for st in ("WARMING", "", "succeeded", "x" * 100000):
        cases.append(("runway", "poll", "status=%.20r" % st,
                      Resp(200, enc(dict(run, status=st)))))
    ok = {"id": tid, "status": "SUCCEEDED", "output": ["URL"]}
    for name, out in (("file", ["file:///etc/passwd"]),
                      ("plain-remote", ["http://192.0.2.1/x.mp4"]),
                      ("ftp", ["ftp://127.0.0.1/x.mp4"]),
                      ("javascript", ["javascript:alert(1)"]),
                      ("empty-url", [""]), ("bad-url", ["http://[::1"]),
                      ("num", [123]), ("string", "http://x/y.mp4"),
                      ("empty-list", []), ("null", None),
                      ("huge-url", ["ftp://" + "a" * 100000]),
                      ("html-asset", ["LOCAL/asset/html"])):
        cases.append(("runway", "poll", "output-%s" % name,
                      Resp(200, enc(dict(ok, output=out)))))
    b = dict(ok)
    del b["output"]
    cases.append(("runway", "poll", "output-missing", Resp(200, enc(b))))
    for name, v in WRONG:
        cases.append(("runway", "poll", "failed-failure=%s" % name,
                      Resp(200, enc({"id": tid, "status": "FAILED",
                                     "failure": v, "failureCode": v}))))
    for name, r in error_cases("runway", RUNWAY_ERR):
        cases.append(("runway", "create", name, r))
    for name, r in error_cases("runway", RUNWAY_ERR):
        if "=" in name:
            continue
        cases.append(("runway", "poll", name, r))

    # fal: submit, status and result answers, and errors.
    for name, r in mutations(fal_submit(tid), ["request_id", "status_url",
                                               "response_url",
                                               "cancel_url", "status",
                                               "queue_position"],
                             ["queue_position"]):
        cases.append(("fal", "create", name, r))
    for bad in ("https://evil.example/x/y/requests/%s/status" % tid,
                "https://queue.fal.run/../../etc/requests/%s" % tid,
                "https://queue.fal.run/a/b/requests/%s%%2f..%%2f" % tid,
                "https://queue.fal.run/a/b/requests/" + "9" * 200,
                "file:///a/b/requests/%s" % tid, "", "/requests/"):
        b = fal_submit(tid)
        b["status_url"] = b["response_url"] = b["cancel_url"] = bad
        cases.append(("fal", "create", "url=%.30r" % bad,
                      Resp(200, enc(b))))
    st = {"status": "IN_PROGRESS", "response_url": FAL_URL + tid,
          "logs": None}
    for name, r in mutations(st, ["status", "response_url", "logs"], []):
        cases.append(("fal", "poll", name, r))
    for name, v in WRONG:
        cases.append(("fal", "poll", "error=%s" % name, Resp(200, enc(
            {"status": "COMPLETED", "error": v, "error_type": v}))))
    res = {"video": {"url": "LOCAL/asset/html", "content_type": "video/mp4",
                     "file_size": 204812}}
    for name, r in mutations(res, ["video"], []):
        cases.append(("fal", "result", name, r))
    for name, url in (("file", "file:///etc/passwd"),
                      ("plain-remote", "http://192.0.2.1/x.mp4"),
                      ("num", 7), ("empty", ""), ("null", None)):
        cases.append(("fal", "result", "url-%s" % name, Resp(200, enc(
            {"video": {"url": url}}))))
    fal_err = {"detail": [{"loc": ["body", "prompt"], "msg": "field "
                           "required", "type": "value_error.missing"}]}
    for name, r in error_cases("fal", fal_err):
        cases.append(("fal", "create", name, r))
    for name, r in error_cases("fal", {"detail": "Request not found"}):
        if "=" in name:
            continue
        cases.append(("fal", "poll", name, r))

    # comfyui: the /prompt answer, /history entries, errors.
    sub = {"prompt_id": tid, "number": 3, "node_errors": {}}
    for name, r in mutations(sub, ["prompt_id", "number", "node_errors"],
                             ["number"]):
        cases.append(("comfyui", "create", name, r))
    for name, ne in (("str", "x"), ("node-num", {"3": 1}),
                     ("node-arr", {"3": []}),
                     ("errors-str", {"3": {"errors": "x",
                                           "class_type": 5}}),
                     ("errors-mixed", {"3": {"errors": [1, None, [], {
                         "message": [], "details": {}}]}}),
                     ("errors-deep", {"3": {"errors": Raw(
                         deep(10000, "[", "]"))}})):
        cases.append(("comfyui", "create", "node_errors-%s" % name,
                      Resp(200, enc(dict(sub, node_errors=ne)))))
    entry = {"status": {"status_str": "success", "completed": True,
                        "messages": [["execution_start", {}]]},
             "outputs": {"9": {"gifs": [{"filename": "t_00001.mp4",
                                         "subfolder": "", "type":
                                         "output"}]}}}
    for name, r in mutations({tid: entry}, [tid], []):
        cases.append(("comfyui", "poll", name, r))
    for name, r in mutations(entry, ["status", "outputs"], []):
        cases.append(("comfyui", "poll", "entry-" + name,
                      Resp(r.status, r.body.replace(b'{"status"', (
                          '{"%s":{"status"' % tid).encode(), 1) + b"}"
                           if r.body.startswith(b'{"status"') else r.body,
                           r.ctype, r.length, r.headers, r.retried)))
    for name, msgs in (("msgs-str", "x"), ("msg-num", [1]),
                       ("msg-short", [[]]),
                       ("error-data-num", [["execution_error", 1]]),
                       ("error-data-types", [["execution_error", {
                           "exception_message": [], "node_type": 7}]]),
                       ("interrupted", [["execution_interrupted", {}]])):
        e = {"status": {"status_str": "running", "completed": False,
                        "messages": msgs}}
        cases.append(("comfyui", "poll", name, Resp(200, enc({tid: e}))))
    for name, out in (("outputs-str", "x"), ("outputs-list", [1]),
                      ("no-video", {"9": {"images": [
                          {"filename": "x.png"}]}}),
                      ("filename-num", {"9": {"gifs": [{"filename": 1}]}}),
                      ("filename-traversal", {"9": {"gifs": [
                          {"filename": "../../etc/passwd.mp4",
                           "subfolder": "../..", "type": "&x=y"}]}}),
                      ("filename-huge", {"9": {"videos": [
                          {"filename": "a" * 100000 + ".mp4"}]}})):
        e = {"status": {"status_str": "success", "completed": True},
             "outputs": out}
        cases.append(("comfyui", "poll", name, Resp(200, enc({tid: e}))))
    comfy_err = {"error": {"type": "prompt_outputs_failed_validation",
                           "message": "Prompt outputs failed validation",
                           "details": "", "extra_info": {}},
                 "node_errors": {}}
    for name, r in error_cases("comfyui", comfy_err):
        cases.append(("comfyui", "create", name, r))
    for name, r in error_cases("comfyui", comfy_err):
        if "=" in name:
            continue
        cases.append(("comfyui", "poll", name, r))

    # gemini, luma, replicate: create, poll (running, then finished with
    # a video URL that serves HTML) and error answers.
    for backend, pid in (("gemini", tid), ("luma", tid),
                         ("replicate", RPL)):
        sub, run, fin, fields, num, err = SHAPES[backend](pid)
        for name, r in mutations(sub, fields, num):
            cases.append((backend, "create", name, r))
        for name, r in mutations(run, fields, num):
            cases.append((backend, "poll", name, r))
        for name, r in mutations(fin, list(fin), []):
            cases.append((backend, "poll", "done-" + name, r))
        for name, r in error_cases(backend, err):
            cases.append((backend, "create", name, r))
        for name, r in error_cases(backend, err):
            if "=" not in name:
                cases.append((backend, "poll", name, r))
    return cases


CASES = build()


def of(backend):
    return [(i, c) for i, c in enumerate(CASES) if c[0] == backend]


def log(line):
    with lock, open(ARGS.log, "a") as f:
        f.write(line + "\n")


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body leave at once (no Nagle delay per answer).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *a):
        pass

    def record(self):
        keys = sorted(k for k in self.headers.keys() if KEYISH.search(k))
        log("%s %s keys=%s t=%.3f" % (self.command,
                                      self.path.split("?")[0],
                                      ",".join(keys) if keys else "none",
                                      time.time()))

    def bearer(self):
        # "Bearer KEY" (most), "Key KEY" (fal), x-goog-api-key (gemini).
        a = self.headers.get("Authorization", "")
        if not a:
            return self.headers.get("x-goog-api-key", "")
        return a.split(" ", 1)[1] if " " in a else a

    def deliver(self, r, case=None):
        body = r.body
        if case is not None:
            body = body.replace(b"video_case", case[2].encode())
            body = body.replace(RUNWAY_BASE.encode(), case[2].encode())
            body = body.replace(RPL.encode(), case[2].encode())
            body = body.replace(b"LOCAL", b"http://" +
                                self.headers.get("Host", "").encode())
        self.send_response(r.status)
        self.send_header("content-type", r.ctype)
        for k, v in r.headers.items():
            self.send_header(k, v)
        if r.length == "exact":
            self.send_header("content-length", str(len(body)))
        elif r.length in ("long", "stall"):
            self.send_header("content-length", str(len(body) + 1000))
        else:
            self.send_header("connection", "close")
            self.close_connection = True
        self.end_headers()
        try:
            if r.length == "stall":
                # Headers, then nothing: curl's low-speed check averages
                # over some seconds, so bytes sent first would delay it.
                time.sleep(8)
                self.close_connection = True
                return
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        if r.length in ("long", "none"):
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass

    def send_json(self, status, obj, headers=None):
        self.deliver(Resp(status, enc(obj), headers=headers))

    def new_job(self, backend, case):
        with lock:
            state["serial"] += 1
            s = state["serial"]
        if backend == "openai":
            jid = "video_%06d_%s" % (s, os.urandom(4).hex())
        elif backend == "replicate":
            jid = "rpl%04d%08d" % ((case if case is not None else 9999) %
                                   10000, s)
        else:
            jid = "00000000-0000-4000-%04d-%012d" % (
                (case if case is not None else 9999) % 10000, s)
        with lock:
            state["jobs"][jid] = {"case": case, "polls": 0}
        return jid

    def create(self, backend):
        n = int(self.headers.get("content-length", "0"))
        self.rfile.read(n)
        sc = ARGS.scenario
        with lock:
            if state["retry"][backend] is not None:
                idx = state["retry"][backend]
                state["retry"][backend] = None
                log("retry of case %d" % idx)
                idx = None
            elif sc.startswith("case:"):
                idx = int(sc[5:])
            elif sc == "cases":
                k = state["counter"][backend]
                state["counter"][backend] += 1
                lst = of(backend)
                idx = lst[k][0] if k < len(lst) else None
            else:
                idx = None
        if idx is not None:
            log("case %d %s %s %s" % (idx, backend, CASES[idx][1],
                                      CASES[idx][2]))
        if idx is not None and CASES[idx][1] == "create":
            r = CASES[idx][3]
            if r.retried and r.status == 429:
                with lock:
                    state["retry"][backend] = idx
            # A job may exist under the id in the answer: it ends.
            if backend == "openai":
                jid = "video_case%04d_c" % idx
            elif backend == "replicate":
                jid = "rpl%04dc" % idx
            else:
                jid = "00000000-0000-4000-%04d-000000000000" % idx
            with lock:
                state["jobs"][jid] = {"case": None, "polls": 0}
            return self.deliver(r, (idx, "c", jid))
        pc = idx if idx is not None else None
        jid = self.new_job(backend, pc)
        if backend == "openai":
            return self.send_json(200, openai_video(jid, "queued"))
        if backend == "fal":
            return self.send_json(200, fal_submit(jid))
        if backend == "comfyui":
            return self.send_json(200, {"prompt_id": jid, "number": 1,
                                        "node_errors": {}})
        if backend in SHAPES:
            return self.send_json(200, SHAPES[backend](jid)[0])
        return self.send_json(200, {"id": jid})

    def echo_key(self):
        """A 401 quoting the key, in the error shape of the backend the
        path belongs to (runway's, or one readable by the others)."""
        msg = "Invalid key: %s" % self.bearer()
        if self.path.startswith("/v1/t") or \
                self.path.startswith("/v1/image_to_video"):
            return self.send_json(401, {"error": msg, "code": "auth"})
        self.send_json(401, {"error": {"code": 401, "message": msg,
                                       "status": "UNAUTHENTICATED"},
                             "title": "Unauthenticated", "detail": msg})

    def end(self, backend, jid, why):
        if backend == "gemini":
            return self.send_json(200, {"name": GEMINI_OP + jid,
                                        "done": True, "error": {
                                            "code": 400, "message": why,
                                            "status": "MOCK_END"}})
        if backend == "luma":
            return self.send_json(200, dict(luma_shapes(jid)[0],
                                            state="failed",
                                            failure_reason=why))
        if backend == "replicate":
            return self.send_json(200, dict(replicate_shapes(jid)[0],
                                            status="failed", error=why))
        if backend == "comfyui":
            return self.send_json(200, {jid: {"status": {
                "status_str": "error", "completed": False, "messages": [
                    ["execution_error", {"exception_message": why,
                                         "node_type": "mock_end"}]]},
                "outputs": {}}})
        if backend == "fal":
            return self.send_json(200, {"status": "FAILED", "error": why,
                                        "error_type": "mock_end"})
        if backend == "openai":
            v = openai_video(jid, "failed")
            v["error"] = {"code": "mock_end", "message": why}
            return self.send_json(200, v)
        return self.send_json(200, {"id": jid, "status": "FAILED",
                                    "failure": why,
                                    "failureCode": "mock_end"})

    def poll(self, backend, jid):
        with lock:
            j = state["jobs"].get(jid)
            if j is not None:
                j["polls"] += 1
        if j is None:
            return self.end(backend, jid, "unknown job")
        idx = j["case"]
        if idx is not None and j["polls"] == 1 and \
                CASES[idx][1] == "poll":
            return self.deliver(CASES[idx][3], (idx, "p", jid))
        if idx is not None and CASES[idx][1] == "result" and \
                j["polls"] == 1:
            return self.send_json(200, {"status": "COMPLETED",
                                        "response_url": FAL_URL + jid})
        if idx is None:
            return self.end(backend, jid, "end")
        return self.end(backend, jid, "end of case %d" % idx)

    def fal_result(self, jid):
        with lock:
            j = state["jobs"].get(jid)
            if j is not None:
                j["results"] = j.get("results", 0) + 1
        if j is not None and j["case"] is not None and \
                CASES[j["case"]][1] == "result" and j["results"] == 1:
            return self.deliver(CASES[j["case"]][3], (j["case"], "r", jid))
        self.send_json(422, {"detail": "end of case"})

    # --------------------------------------------------------- transport
    def content(self, jid):
        sc = ARGS.scenario
        host = self.headers.get("Host", "")
        if sc == "redir-file":
            return self.redirect("file:///etc/passwd")
        if sc.startswith("redir-chain:"):
            return self.redirect("http://%s/hop/1/%s" % (host, jid))
        if sc == "cross-host":
            return self.redirect("http://%s/asset/x.mp4" %
                                 host.replace("127.0.0.1", "localhost"))
        if sc == "stall":
            self.send_response(200)
            self.send_header("content-type", "video/mp4")
            self.send_header("content-length", str(len(CLIP)))
            self.end_headers()
            self.wfile.write(CLIP[:1000])
            self.wfile.flush()
            time.sleep(30)
            return
        if sc == "nolength":
            self.send_response(200)
            self.send_header("content-type", "video/mp4")
            self.send_header("connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for _ in range(300):
                    self.wfile.write(b"\0" * 100000)
                log("all sent")
            except (BrokenPipeError, ConnectionResetError):
                log("client closed")
            return
        return self.clip()

    def redirect(self, where):
        self.send_response(302)
        self.send_header("location", where)
        self.send_header("content-length", "0")
        self.end_headers()

    def clip(self):
        self.send_response(200)
        self.send_header("content-type", "video/mp4")
        self.send_header("content-length", str(len(CLIP)))
        self.end_headers()
        self.wfile.write(CLIP)

    def hop(self, path):
        parts = path.split("/")
        n = int(parts[2])
        want = int(ARGS.scenario.split(":")[1])
        if n >= want:
            return self.clip()
        self.redirect("http://%s/hop/%d/%s" % (self.headers.get("Host"),
                                               n + 1, parts[3]))

    def openai_poll(self, jid):
        sc = ARGS.scenario
        if sc == "echo-key":
            return self.send_json(401, {"error": {
                "message": "Incorrect API key provided: %s. You can find "
                "your API key at https://platform.openai.com/" %
                self.bearer(), "type": "invalid_request_error",
                "param": None, "code": "invalid_api_key"}})
        if sc == "poll-nolength":
            v = openai_video(jid, "in_progress", 10)
            v["pad"] = "P" * BIG
            return self.deliver(Resp(200, enc(v), length="none"))
        if sc in ("cases",) or sc.startswith("case:"):
            return self.poll("openai", jid)
        if sc == "running":
            return self.send_json(200, openai_video(jid, "in_progress", 50),
                                  {"openai-poll-after-ms": "200"})
        v = openai_video(jid, "completed", 100)
        return self.send_json(200, v)

    def do_POST(self):
        self.record()
        if ARGS.scenario == "echo-key":
            n = int(self.headers.get("content-length", "0"))
            self.rfile.read(n)
            if self.path.startswith("/v1/videos"):
                return self.openai_poll("")
            return self.echo_key()
        if self.path.startswith("/v1/text_to_video") or \
                self.path.startswith("/v1/image_to_video"):
            return self.create("runway")
        if self.path.startswith("/v1/videos"):
            return self.create("openai")
        if self.path.startswith("/fal-ai/"):
            return self.create("fal")
        if self.path == "/prompt":
            return self.create("comfyui")
        if self.path.endswith(":predictLongRunning"):
            return self.create("gemini")
        if self.path == "/dream-machine/v1/generations":
            return self.create("luma")
        if self.path.startswith("/v1/models/") and \
                self.path.endswith("/predictions"):
            return self.create("replicate")
        self.send_json(404, {"error": "no such endpoint"})

    def do_GET(self):
        self.record()
        path = self.path.split("?")[0]
        if path.startswith("/hop/"):
            return self.hop(path)
        if path == "/asset/html":
            return self.deliver(Resp(200, HTML, "text/html"))
        if path.startswith("/asset/"):
            return self.clip()
        if path.startswith("/v1/tasks/"):
            if ARGS.scenario == "echo-key":
                return self.send_json(401, {"error": "Invalid key: %s" %
                                            self.bearer()})
            return self.poll("runway", path[len("/v1/tasks/"):])
        if path == "/v1/videos":
            return self.send_json(200, {"object": "list", "data": [],
                                        "has_more": False})
        if path.startswith("/v1beta/" + GEMINI_OP):
            if ARGS.scenario == "cross-host":
                # Done; the video is on the API's host, with the key.
                fin = gemini_shapes(path.split("/")[-1])[2]
                uri = "http://%s/v1beta/files/x:download?alt=media" % \
                    self.headers.get("Host", "")
                fin["response"]["generateVideoResponse"][
                    "generatedSamples"][0]["video"]["uri"] = uri
                return self.send_json(200, fin)
            return self.poll("gemini", path.split("/")[-1])
        if path.startswith("/v1beta/files/"):
            # ... which redirects to a storage host: no key there.
            return self.redirect("http://%s/asset/x.mp4" % self.headers.get(
                "Host", "").replace("127.0.0.1", "localhost"))
        if path == "/dream-machine/v1/generations":
            return self.send_json(200, {"generations": [], "count": 0,
                                        "has_more": False})
        if path.startswith("/dream-machine/v1/generations/"):
            return self.poll("luma", path.split("/")[-1])
        if path == "/v1/predictions":
            return self.send_json(200, {"results": [], "next": None})
        if path.startswith("/v1/predictions/"):
            return self.poll("replicate", path.split("/")[-1])
        if path.startswith("/history/"):
            return self.poll("comfyui", path[len("/history/"):])
        if path == "/queue":
            return self.send_json(200, {"queue_running": [],
                                        "queue_pending": []})
        if path == "/view":
            return self.deliver(Resp(200, HTML, "text/html"))
        if path.startswith("/" + FAL_APP + "/requests/"):
            rest = path[len(FAL_APP) + 11:].split("/")
            if len(rest) == 2 and rest[1] == "status":
                return self.poll("fal", rest[0])
            return self.fal_result(rest[0])
        parts = path.split("/")
        if len(parts) == 5 and parts[4] == "content":
            return self.content(parts[3])
        if len(parts) == 4:
            return self.openai_poll(parts[3])
        self.send_json(404, {"error": "no such endpoint"})

    def do_DELETE(self):
        self.record()
        jid = self.path.split("?")[0].split("/")[-1]
        if ARGS.scenario == "echo-key":
            if self.path.startswith("/v1/videos"):
                return self.openai_poll(jid)
            return self.send_json(401, {"error": "Invalid key: %s" %
                                        self.bearer()})
        self.send_json(200, {"id": jid, "deleted": True})


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port-file")
    p.add_argument("--data")
    p.add_argument("--scenario", default="cases")
    p.add_argument("--log", default=os.devnull)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--list", action="store_true")
    p.add_argument("--tls", help="CERT,KEY: serve https")
    ARGS = p.parse_args()
    if ARGS.list:
        for i, c in enumerate(CASES):
            print("%d %s %s %s" % (i, c[0], c[1], c[2]))
        return
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    if ARGS.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*ARGS.tls.split(","))
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, ARGS.port_file)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    ppid = os.getppid()
    deadline = time.time() + ARGS.timeout
    while time.time() < deadline and os.getppid() == ppid:
        time.sleep(0.2)
    srv.shutdown()
    sys.exit(0)


if __name__ == "__main__":
    main()
