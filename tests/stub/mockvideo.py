#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A loopback stand-in for OpenAI-style /v1/videos and Runway's task API.

Serves the documented shapes (bodies from tests/data/http/openai) on
127.0.0.1, port 0, and writes the port to --port-file. A job moves on
with each poll: queued -> in_progress (rising progress) -> completed or
failed. --scenario picks the faults to inject (see SCENARIOS). Every
request is logged to --log as "METHOD PATH auth=yes|no" (never the
key). Exits by itself after --timeout seconds. Python 3 standard
library only.
"""
import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCENARIOS = {
    "happy", "fail", "retry", "auth", "quota", "malformed", "truncated",
    "dropdl", "postdrop", "redirect", "slow", "longwait", "unknown",
    "runway", "runwayexpired", "badtype", "hold", "slowpost",
}

CLIP = (b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 800)

lock = threading.RLock()
state = {"jobs": {}, "n": 0, "posts": 0, "polls": {}, "gets": {}}


def load(name):
    with open(os.path.join(ARGS.data, "openai", name + ".json")) as f:
        return json.load(f)["body"]


def log(line):
    with lock, open(ARGS.log, "a") as f:
        f.write(line + "\n")


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, headers=None, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("x-request-id", "req_" + "0" * 32)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def auth(self):
        a = self.headers.get("Authorization")
        return a is not None and a.startswith("Bearer ")

    def record(self):
        log("%s %s auth=%s" % (self.command, self.path,
                               "yes" if self.headers.get("Authorization")
                               else "no"))

    def key(self):
        a = self.headers.get("Authorization", "")
        return a[7:] if a.startswith("Bearer ") else ""

    def unauthorized(self):
        if ARGS.scenario == "auth":
            body = load("error_401")
            # A careless server echoes the whole key back.
            body["error"]["message"] = ("Incorrect API key provided: %s."
                                        % self.key())
            self.send(401, body)
            return True
        if not self.auth():
            self.send(401, load("error_401"))
            return True
        return False

    def video(self, vid, status, progress, **kw):
        with lock:
            j = state["jobs"][vid]
        v = dict(load("create_response"))
        v.update(id=vid, status=status, progress=progress,
                 prompt=j["prompt"], model=j["model"],
                 seconds=j["seconds"], size=j["size"],
                 created_at=j["created"],
                 remixed_from_video_id=j.get("remixed_from"))
        v.update(kw)
        return v

    # ---------------------------------------------------------------- POST
    def do_POST(self):
        self.record()
        n = int(self.headers.get("content-length", "0"))
        raw = self.rfile.read(n)
        if self.path.startswith("/v1/text_to_video") or \
                self.path.startswith("/v1/image_to_video"):
            return self.runway_create(raw)
        if self.path.startswith("/v1/videos/") and \
                self.path.endswith("/remix"):
            return self.remix(raw)
        if self.path != "/v1/videos":
            return self.send(404, load("error_404"))
        if self.unauthorized():
            return
        with lock:
            state["posts"] += 1
            posts = state["posts"]
        if ARGS.scenario == "quota":
            return self.send(429, load("error_429_quota"))
        if ARGS.scenario == "retry" and posts == 1:
            return self.send(429, load("error_429"), {"retry-after": "1"})
        fields = parse_multipart(self.headers.get("content-type", ""), raw)
        with lock:
            state["n"] += 1
            vid = "video_" + os.urandom(24).hex()
            state["jobs"][vid] = {
                "prompt": fields.get("prompt", ""),
                "model": fields.get("model", "sora-2"),
                "seconds": fields.get("seconds", "4"),
                "size": fields.get("size", "720x1280"),
                "created": int(time.time()), "polls": 0}
        if ARGS.scenario == "slowpost":
            # The job exists at once; the answer takes its time (for a
            # cancel from another session while it is on its way).
            time.sleep(1.5)
        if ARGS.scenario == "postdrop" and posts == 1:
            # The job exists, but the answer never arrives.
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send(200, self.video(vid, "queued", 0))

    def remix(self, raw):
        """POST /v1/videos/{id}/remix with JSON {"prompt"}: a new job
        made from a completed one."""
        if self.unauthorized():
            return
        src = self.path.split("/")[3]
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict) or \
                not isinstance(body.get("prompt"), str):
            return self.send(400, {"error": {
                "message": "prompt is required", "type":
                "invalid_request_error", "param": "prompt", "code": None}})
        with lock:
            orig = state["jobs"].get(src)
            if orig is None:
                return self.send(404, load("error_404"))
            state["posts"] += 1
            state["n"] += 1
            vid = "video_" + os.urandom(24).hex()
            state["jobs"][vid] = dict(orig, prompt=body["prompt"],
                                      polls=0, remixed_from=src)
        self.send(200, self.video(vid, "queued", 0))

    def runway_create(self, raw):
        if self.headers.get("X-Runway-Version") != "2024-11-06":
            return self.send(400, {"error": "missing X-Runway-Version"})
        if not self.auth():
            return self.send(401, {"error": "bad key"})
        body = json.loads(raw)
        with lock:
            state["n"] += 1
            tid = "17f20503-6c24-4c16-946b-" + os.urandom(6).hex()
            state["jobs"][tid] = {"prompt": body.get("promptText"),
                                  "polls": 0}
        self.send(200, {"id": tid})

    # ----------------------------------------------------------------- GET
    def do_GET(self):
        self.record()
        path, _, query = self.path.partition("?")
        if path.startswith("/asset/"):
            return self.asset(path)
        if path.startswith("/v1/tasks/"):
            return self.runway_task(path[len("/v1/tasks/"):])
        if self.unauthorized():
            return
        if path == "/v1/videos":
            with lock:
                data = [self.video(v, "queued", 0)
                        for v in sorted(state["jobs"], reverse=True)]
            return self.send(200, {"object": "list", "data": data,
                                   "first_id": None, "last_id": None,
                                   "has_more": False})
        parts = path.split("/")
        if len(parts) < 4 or parts[3] not in state["jobs"]:
            return self.send(404, load("error_404"))
        vid = parts[3]
        if len(parts) == 5 and parts[4] == "content":
            return self.content(vid, query)
        return self.poll(vid)

    def poll(self, vid):
        with lock:
            j = state["jobs"][vid]
            j["polls"] += 1
            n = j["polls"]
        hint = {"openai-poll-after-ms": "50"}
        sc = ARGS.scenario
        if sc == "retry" and n == 1:
            return self.send(500, {"error": {"message": "oops",
                                             "type": "server_error",
                                             "param": None, "code": None}})
        if sc == "longwait" and n == 1:
            return self.send(429, load("error_429"), {"retry-after": "20"})
        if sc == "malformed" and n == 2:
            return self.send(200, b'{"id": 42, "status": ["completed"]}')
        if sc == "truncated" and n == 2:
            return self.send(200, b'{"id":"' + vid.encode() + b'","stat')
        steps = {"slow": 12, "hold": 40}.get(sc, 3)
        if sc == "hold":
            hint = {"openai-poll-after-ms": "100"}
        if n < steps:
            if sc == "unknown" and n == 1:
                return self.send(200, self.video(vid, "warming_up", 5), hint)
            status = "queued" if n == 1 else "in_progress"
            return self.send(200, self.video(vid, status,
                                             min(99, n * 100 // steps)),
                             hint)
        if sc == "fail":
            v = dict(load("failed"))
            v["id"] = vid
            return self.send(200, v, hint)
        now = int(time.time())
        self.send(200, self.video(vid, "completed", 100, completed_at=now,
                                  expires_at=now + 3600), hint)

    def content(self, vid, query):
        variant = "thumbnail" if "variant=thumbnail" in query else "video"
        if variant == "thumbnail":
            return self.send(200, b"RIFF\x00\x00\x00\x00WEBPVP8 ", None,
                             "image/webp")
        with lock:
            state["gets"][vid] = state["gets"].get(vid, 0) + 1
            g = state["gets"][vid]
        if ARGS.scenario == "badtype":
            return self.send(200, b"<html>login</html>", None, "text/html")
        if ARGS.scenario == "redirect":
            host = self.headers.get("Host", "").replace("127.0.0.1",
                                                         "localhost")
            self.send_response(302)
            self.send_header("Location", "http://%s/asset/%s.mp4" %
                             (host, vid))
            self.send_header("content-length", "0")
            self.end_headers()
            return
        self.clip(g)

    def clip(self, g):
        rng = self.headers.get("Range")
        start = 0
        if rng and rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
        if ARGS.scenario == "dropdl" and g == 1:
            self.send_response(200)
            self.send_header("content-type", "video/mp4")
            self.send_header("content-length", str(len(CLIP)))
            self.end_headers()
            self.wfile.write(CLIP[:len(CLIP) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
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
            # Trickle, so that a kill can land mid-download.
            for i in range(start, len(CLIP), 32768):
                self.wfile.write(CLIP[i:i + 32768])
                self.wfile.flush()
                time.sleep(0.03)
            return
        self.wfile.write(CLIP[start:])

    def asset(self, path):
        with lock:
            state["gets"][path] = state["gets"].get(path, 0) + 1
            g = state["gets"][path]
        if ARGS.scenario == "runwayexpired" and g == 1:
            # A signed URL past its lifetime.
            return self.send(403, b"<Error>AccessDenied</Error>", None,
                             "application/xml")
        self.clip(1)

    def runway_task(self, tid):
        if self.headers.get("X-Runway-Version") != "2024-11-06":
            return self.send(400, {"error": "missing X-Runway-Version"})
        if not self.auth():
            return self.send(401, {"error": "bad key"})
        with lock:
            j = state["jobs"].get(tid)
            if j is None:
                return self.send(404, {"error": "Task not found"})
            j["polls"] += 1
            n = j["polls"]
        if n == 1:
            return self.send(200, {"id": tid, "status": "PENDING"})
        if n == 2:
            return self.send(200, {"id": tid, "status": "RUNNING",
                                   "progress": 0.4})
        host = self.headers.get("Host", "").replace("127.0.0.1", "localhost")
        self.send(200, {"id": tid, "status": "SUCCEEDED", "output":
                        ["http://%s/asset/%s.mp4" % (host, tid)]})

    def do_DELETE(self):
        self.record()
        path = self.path.split("?")[0]
        if path.startswith("/v1/tasks/"):
            return self.send(204, b"")
        if self.unauthorized():
            return
        vid = path.split("/")[-1]
        self.send(200, {"id": vid, "object": "video.deleted",
                        "deleted": True})


def parse_multipart(ctype, raw):
    out = {}
    if "boundary=" not in ctype:
        return out
    b = ("--" + ctype.split("boundary=")[1].strip('"')).encode()
    for part in raw.split(b):
        head, _, body = part.partition(b"\r\n\r\n")
        if b'name="' not in head:
            continue
        name = head.split(b'name="')[1].split(b'"')[0].decode()
        out[name] = body[:-2].decode("utf-8", "replace")
    return out


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
