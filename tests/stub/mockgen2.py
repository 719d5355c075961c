#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A loopback stand-in for the Gemini API (Veo operations), Luma's Dream
Machine API and Replicate's predictions.

The same options as mockvideo.py: serves on 127.0.0.1, port 0, writes
the port to --port-file, logs every request to --log as "METHOD PATH
auth=yes|no" (a key in Authorization or x-goog-api-key; never the key
itself) and exits after --timeout seconds or when its parent goes.
Bodies come from tests/data/http/{gemini,luma,replicate}. A job moves on
with each poll: queued, running, then finished as --scenario says (see
SCENARIOS). Python 3 standard library only.
"""
import argparse
import copy
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCENARIOS = {
    "happy",      # every job succeeds
    "fail",       # every job fails at the provider
    "retry",      # the first submission gets 429 with Retry-After: 1
    "auth",       # every call gets 401/403 with the key echoed back
    "malformed",  # the second poll answers malformed JSON
    "expired",    # the first download of each clip is refused (403)
    "filtered",   # gemini: the safety filters removed the video
    "redirect",   # gemini: the file redirects to another host
    "otherhost",  # gemini: the video uri names another host
    "postdrop",   # the first submission creates the job, then drops
    "slow",       # slow answers to submissions, twelve polls and a
                  # trickled download (kill tests)
}

CLIP = (b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 800)
ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

lock = threading.RLock()
state = {"jobs": {}, "posts": 0, "gets": {}}


def load(provider, name):
    with open(os.path.join(ARGS.data, provider, name + ".json")) as f:
        return json.load(f)["body"]


def log(line):
    with lock, open(ARGS.log, "a") as f:
        f.write(line + "\n")


def rand_id(n):
    return "".join(ID_CHARS[b % len(ID_CHARS)] for b in os.urandom(n))


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".123Z"


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, headers=None, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def key(self):
        a = self.headers.get("Authorization", "")
        if a.startswith("Bearer "):
            return a[7:]
        return self.headers.get("x-goog-api-key", "")

    def record(self):
        log("%s %s auth=%s" % (self.command, self.path,
                               "yes" if self.key() else "no"))

    def host(self, other=False):
        h = self.headers.get("Host", "")
        return h.replace("127.0.0.1", "localhost") if other else h

    def drop(self):
        self.close_connection = True
        self.connection.shutdown(2)

    def body(self):
        n = int(self.headers.get("content-length", "0"))
        raw = self.rfile.read(n)
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return None

    def step(self, jid):
        with lock:
            j = state["jobs"][jid]
            j["polls"] += 1
            return j, j["polls"]

    def steps(self):
        return 12 if ARGS.scenario == "slow" else 3

    # ------------------------------------------------------------ routing
    def do_POST(self):
        self.record()
        path = self.path.split("?")[0]
        if path.startswith("/v1beta/models/"):
            return self.gemini_create(path)
        if path == "/dream-machine/v1/generations":
            return self.luma_create()
        if path.startswith("/v1/predictions/") and path.endswith("/cancel"):
            return self.replicate_cancel(path.split("/")[3])
        if path == "/v1/predictions" or (path.startswith("/v1/models/") and
                                         path.endswith("/predictions")):
            return self.replicate_create(path)
        self.send(404, {"detail": "not found"})

    def do_GET(self):
        self.record()
        path, _, query = self.path.partition("?")
        if path.startswith("/asset/"):
            return self.asset(path)
        if path.startswith("/v1beta/files/"):
            return self.gemini_file(path)
        if path.startswith("/v1beta/models/"):
            return self.gemini_poll(path[len("/v1beta/"):])
        if path == "/dream-machine/v1/generations":
            return self.luma_list()
        if path.startswith("/dream-machine/v1/generations/"):
            return self.luma_poll(path.split("/")[-1])
        if path == "/v1/predictions":
            return self.replicate_list()
        if path.startswith("/v1/predictions/"):
            return self.replicate_poll(path.split("/")[3])
        self.send(404, {"detail": "not found"})

    def do_DELETE(self):
        self.record()
        path = self.path.split("?")[0]
        if path.startswith("/dream-machine/v1/generations/"):
            if self.luma_refused():
                return
            return self.send(204, b"")
        self.send(404, {"detail": "not found"})

    # ------------------------------------------------------------- common
    def submitted(self):
        """Count a submission; True when it is to be refused with 429."""
        with lock:
            state["posts"] += 1
            posts = state["posts"]
        return ARGS.scenario == "retry" and posts == 1, posts

    def created(self, posts):
        """After a job was created: drop or delay the answer as the
        scenario says; True when there is nothing more to send."""
        if ARGS.scenario == "postdrop" and posts == 1:
            self.drop()
            return True
        if ARGS.scenario == "slow":
            # So that a kill can land between creation and answer.
            time.sleep(0.15)
        return False

    def list_delay(self):
        """slow: a list made a little after it was asked for, so that it
        shows a job whose submission is still waiting for its answer."""
        if ARGS.scenario == "slow":
            time.sleep(0.05)

    def asset(self, path):
        """An output URL (signed, served without credentials)."""
        with lock:
            state["gets"][path] = state["gets"].get(path, 0) + 1
            g = state["gets"][path]
        if ARGS.scenario == "expired" and g == 1:
            return self.send(403, b"<Error>AccessDenied</Error>", None,
                             "application/xml")
        self.clip()

    def clip(self):
        rng = self.headers.get("Range")
        start = 0
        if rng and rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
        if start > 0:
            log("range %d" % start)
            self.send_response(206)
            self.send_header("content-range", "bytes %d-%d/%d" %
                             (start, len(CLIP) - 1, len(CLIP)))
        else:
            self.send_response(200)
        self.send_header("content-type", "video/mp4")
        self.send_header("content-length", str(len(CLIP) - start))
        self.end_headers()
        if ARGS.scenario == "slow":
            for i in range(start, len(CLIP), 32768):
                self.wfile.write(CLIP[i:i + 32768])
                self.wfile.flush()
                time.sleep(0.03)
            return
        self.wfile.write(CLIP[start:])

    # ------------------------------------------------------------- gemini
    def gemini_refused(self):
        if ARGS.scenario == "auth" or not self.headers.get("x-goog-api-key"):
            body = load("gemini", "error_403")
            if self.key():
                body["error"]["message"] += " API key: %s" % self.key()
            self.send(403, body)
            return True
        return False

    def gemini_create(self, path):
        if self.gemini_refused():
            return
        model, sep, verb = path[len("/v1beta/models/"):].partition(":")
        body = self.body()
        if sep == "" or verb != "predictLongRunning" or body is None or \
                not body.get("instances") or \
                "prompt" not in body["instances"][0]:
            return self.send(400, {"error": {
                "code": 400, "message": "Invalid JSON payload",
                "status": "INVALID_ARGUMENT"}})
        limited, posts = self.submitted()
        if limited:
            return self.send(429, load("gemini", "error_429"),
                             {"retry-after": "1"})
        name = "models/%s/operations/%s" % (model, rand_id(12))
        with lock:
            state["jobs"][name] = {"polls": 0, "body": body}
        if self.created(posts):
            return
        op = load("gemini", "operation_running")
        op["name"] = name
        self.send(200, op)

    def gemini_poll(self, name):
        if self.gemini_refused():
            return
        with lock:
            known = name in state["jobs"]
        if not known:
            return self.send(404, {"error": {
                "code": 404, "message": "Operation not found",
                "status": "NOT_FOUND"}})
        _, n = self.step(name)
        sc = ARGS.scenario
        if sc == "malformed" and n == 2:
            return self.send(200, b'{"name": 42, "done": "yes"}')
        if n < self.steps():
            op = {"name": name}
            if n > 1:
                op["done"] = False
            return self.send(200, op)
        if sc == "fail":
            op = load("gemini", "operation_failed")
        elif sc == "filtered":
            op = load("gemini", "operation_filtered")
        else:
            op = load("gemini", "operation_done")
            other = sc == "otherhost"
            video = op["response"]["generateVideoResponse"][
                "generatedSamples"][0]["video"]
            fid = name.split("/")[-1]
            if other:
                video["uri"] = "http://%s/asset/%s.mp4" % (
                    self.host(True), fid)
            else:
                video["uri"] = ("http://%s/v1beta/files/%s:download"
                                "?alt=media" % (self.host(), fid))
        op["name"] = name
        self.send(200, op)

    def gemini_file(self, path):
        if self.gemini_refused():
            return
        with lock:
            state["gets"][path] = state["gets"].get(path, 0) + 1
            g = state["gets"][path]
        if ARGS.scenario == "expired" and g == 1:
            return self.send(404, {"error": {
                "code": 404, "message": "File not found",
                "status": "NOT_FOUND"}})
        if ARGS.scenario == "redirect":
            fid = path.split("/")[-1].split(":")[0]
            self.send_response(302)
            self.send_header("Location", "http://%s/asset/%s.mp4" %
                             (self.host(True), fid))
            self.send_header("content-length", "0")
            self.end_headers()
            return
        self.clip()

    # --------------------------------------------------------------- luma
    def luma_refused(self):
        if ARGS.scenario == "auth" or not self.key():
            body = load("luma", "error_401")
            if self.key():
                body["detail"] += ": %s" % self.key()
            self.send(401, body)
            return True
        return False

    def luma_gen(self, gid, st, **kw):
        with lock:
            j = state["jobs"][gid]
        g = copy.deepcopy(load("luma", "generation"))
        g.update(id=gid, state=st, created_at=iso(j["created"]))
        g["model"] = j["body"].get("model")
        g["request"].update({k: v for k, v in j["body"].items()
                             if k in ("prompt", "model", "aspect_ratio",
                                      "resolution", "duration")})
        g.update(kw)
        return g

    def luma_create(self):
        if self.luma_refused():
            return
        body = self.body()
        if body is None or "prompt" not in body or \
                body.get("duration") not in ("5s", "9s"):
            return self.send(400, {"detail": "invalid request"})
        limited, posts = self.submitted()
        if limited:
            return self.send(429, load("luma", "error_429"),
                             {"retry-after": "1"})
        h = rand_id(32)
        gid = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20],
                                  h[20:32])
        gid = "".join(c if c in "0123456789abcdef-" else "a" for c in gid)
        with lock:
            state["jobs"][gid] = {"polls": 0, "body": body,
                                  "created": time.time()}
        if self.created(posts):
            return
        self.send(201, self.luma_gen(gid, "queued"))

    def luma_poll(self, gid):
        if self.luma_refused():
            return
        with lock:
            known = gid in state["jobs"]
        if not known:
            return self.send(404, {"detail": "Generation not found"})
        _, n = self.step(gid)
        if ARGS.scenario == "malformed" and n == 2:
            return self.send(200, b'{"id": "' + gid.encode() +
                             b'", "state": 7}')
        if n < self.steps():
            return self.send(200, self.luma_gen(
                gid, "queued" if n == 1 else "dreaming"))
        if ARGS.scenario == "fail":
            g = self.luma_gen(gid, "failed")
            g["failure_reason"] = load("luma",
                                       "generation_failed")["failure_reason"]
            return self.send(200, g)
        url = "http://%s/asset/%s.mp4" % (self.host(True), gid)
        self.send(200, self.luma_gen(gid, "completed", assets={
            "video": url, "image": None, "progress_video": None}))

    def luma_list(self):
        if self.luma_refused():
            return
        self.list_delay()
        with lock:
            ids = sorted(state["jobs"], key=lambda i:
                         -state["jobs"][i]["created"])
        gens = [self.luma_gen(i, "queued") for i in ids]
        self.send(200, {"generations": gens, "count": len(gens),
                        "has_more": False})

    # ---------------------------------------------------------- replicate
    def replicate_refused(self):
        if ARGS.scenario == "auth" or not self.key():
            body = load("replicate", "error_401")
            if self.key():
                body["detail"] += " (got %s)" % self.key()
            self.send(401, body, None, "application/problem+json")
            return True
        return False

    def replicate_pred(self, pid, st, **kw):
        with lock:
            j = state["jobs"][pid]
        p = copy.deepcopy(load("replicate", "prediction"))
        p.update(id=pid, status=st, model=j["model"], version=j["version"],
                 input=j["body"].get("input", {}),
                 created_at=iso(j["created"]))
        p["urls"] = {"get": "https://api.replicate.com/v1/predictions/" +
                     pid, "cancel": "https://api.replicate.com/v1/"
                     "predictions/%s/cancel" % pid}
        p.update(kw)
        return p

    def replicate_create(self, path):
        if self.replicate_refused():
            return
        body = self.body()
        if body is None or "prompt" not in body.get("input", {}):
            return self.send(422, {"title": "Input validation failed",
                                   "detail": "input: prompt is required",
                                   "status": 422})
        if path == "/v1/predictions":
            if "version" not in body:
                return self.send(422, {"title": "Invalid version",
                                       "detail": "version is required",
                                       "status": 422})
            model, version = "unknown/model", body["version"]
        else:
            parts = path.split("/")
            model, version = parts[3] + "/" + parts[4], "hidden"
        limited, posts = self.submitted()
        if limited:
            return self.send(429, load("replicate", "error_429"),
                             {"retry-after": "1"},
                             "application/problem+json")
        pid = rand_id(26)
        with lock:
            state["jobs"][pid] = {"polls": 0, "body": body, "model": model,
                                  "version": version, "created": time.time()}
        if self.created(posts):
            return
        self.send(201, self.replicate_pred(pid, "starting"))

    def replicate_poll(self, pid):
        if self.replicate_refused():
            return
        with lock:
            j = state["jobs"].get(pid)
        if j is None:
            return self.send(404, {"title": "Not found",
                                   "detail": "Not found.", "status": 404})
        if j.get("canceled"):
            return self.send(200, self.replicate_pred(pid, "canceled"))
        _, n = self.step(pid)
        if ARGS.scenario == "malformed" and n == 2:
            return self.send(200, b'{"id": "' + pid.encode() +
                             b'", "status": ["succeeded"]}')
        if n < self.steps():
            if n == 1:
                return self.send(200, self.replicate_pred(pid, "starting"))
            pct = n * 100 // self.steps()
            logs = ("Generating...\n%3d%%|%-10s| %d/20 [00:0%d<00:10]\n" %
                    (pct, "#" * (pct // 10), pct // 5, n))
            return self.send(200, self.replicate_pred(pid, "processing",
                                                      logs=logs))
        if ARGS.scenario == "fail":
            err = load("replicate", "prediction_failed")["error"]
            return self.send(200, self.replicate_pred(pid, "failed",
                                                      error=err))
        url = "http://%s/asset/%s.mp4" % (self.host(True), pid)
        # A model gives one URL or a list of them.
        out = url if j["model"].startswith("google/") else [url]
        self.send(200, self.replicate_pred(
            pid, "succeeded", output=out, logs="100%|##########| 20/20\n",
            completed_at=iso(time.time())))

    def replicate_cancel(self, pid):
        if self.replicate_refused():
            return
        with lock:
            j = state["jobs"].get(pid)
            if j is not None:
                j["canceled"] = True
        if j is None:
            return self.send(404, {"title": "Not found",
                                   "detail": "Not found.", "status": 404})
        self.send(200, self.replicate_pred(pid, "canceled"))

    def replicate_list(self):
        if self.replicate_refused():
            return
        self.list_delay()
        with lock:
            ids = sorted(state["jobs"], key=lambda i:
                         -state["jobs"][i]["created"])
        res = [self.replicate_pred(i, "starting") for i in ids]
        self.send(200, {"next": None, "previous": None, "results": res})


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--scenario", default="happy", choices=sorted(SCENARIOS))
    p.add_argument("--log", default=os.devnull)
    p.add_argument("--timeout", type=float, default=60)
    ARGS = p.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
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
