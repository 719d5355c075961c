#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A loopback stand-in for fal's queue API and a ComfyUI server.

Same options as mockvideo.py. Answers follow the documented shapes (the
bodies in tests/data/http/fal and tests/data/http/comfyui, with ids
filled in). fal: POST /{model id} -> status IN_QUEUE (with a queue
position) -> IN_PROGRESS -> COMPLETED, then the result names a media URL
on another host name (localhost). ComfyUI: POST /prompt, GET /history/ID
is {} until done, then names a video in a subfolder whose name needs
escaping; GET /view serves it only when asked exactly. Each request is
logged as "METHOD PATH auth=yes|no host=HOST"; a POST also logs its JSON
body on a "body ..." line. Python 3 standard library only.
"""
import argparse
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SCENARIOS = {
    "happy", "fail", "failresult", "retry", "auth", "malformed", "missing",
    "expired", "postdrop", "slow", "nodeerr", "error", "images",
}

CLIP = (b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 800)
FAL_REQ = "80e732af-660e-45cd-bd63-580e4f2a94cc"
COMFY_ID = "5e4c8c3b-1f0a-4a8e-9d43-2c9b0e5a7f11"

lock = threading.RLock()
state = {"fal": {}, "comfy": {}, "posts": 0, "gets": {}, "number": 0}


def load(vendor, name, **subst):
    with open(os.path.join(ARGS.data, vendor, name + ".json")) as f:
        text = f.read()
    for k, v in subst.items():
        text = text.replace(k, v)
    return json.loads(text)


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
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self):
        log("%s %s auth=%s host=%s" % (
            self.command, self.path,
            "yes" if self.headers.get("Authorization") else "no",
            self.headers.get("Host", "").split(":")[0]))

    def body(self):
        n = int(self.headers.get("content-length", "0"))
        raw = self.rfile.read(n)
        log("body " + raw.decode("utf-8", "replace"))
        return raw

    def other_host(self):
        return self.headers.get("Host", "").replace("127.0.0.1", "localhost")

    def drop(self):
        self.close_connection = True
        self.connection.shutdown(2)

    # ------------------------------------------------------------- fal
    def fal_key(self):
        a = self.headers.get("Authorization", "")
        if ARGS.scenario == "auth":
            body = load("fal", "error_401")
            # A careless server echoes the key back.
            body["detail"] += " Got: " + a
            self.send(401, body)
            return False
        if not a.startswith("Key ") or len(a) < 8:
            self.send(401, load("fal", "error_401"))
            return False
        return True

    def fal_submit(self, path):
        raw = self.body()
        if not self.fal_key():
            return
        with lock:
            state["posts"] += 1
            posts = state["posts"]
        if ARGS.scenario == "retry" and posts == 1:
            return self.send(429, load("fal", "error_429"),
                             {"retry-after": "1"})
        try:
            inp = json.loads(raw)
        except ValueError:
            return self.send(422, load("fal", "error_422"))
        model = path.strip("/")
        if not isinstance(inp.get("prompt"), str) or \
                ("kling" in model and inp.get("duration") not in
                 ("5", "10")):
            return self.send(422, load("fal", "error_422"))
        app = "/".join(model.split("/")[:2])
        rid = str(uuid.uuid4())
        with lock:
            state["fal"][rid] = {"app": app, "polls": 0}
        if ARGS.scenario == "postdrop" and posts == 1:
            return self.drop()
        if ARGS.scenario == "slow":
            # Accepted, answered late: a kill can land in between.
            time.sleep(0.15)
        # The URLs name fal's real host: a client must use only the path.
        body = load("fal", "submit", **{FAL_REQ: rid,
                                         "fal-ai/kling-video": app})
        self.send(200, body)

    def fal_get(self, path):
        parts = path.strip("/").split("/")
        # owner/app/requests/ID[/status]
        if len(parts) < 4 or parts[2] != "requests":
            return self.send(404, {"detail": "Not Found"})
        if not self.fal_key():
            return
        rid = parts[3]
        with lock:
            j = state["fal"].get(rid)
        if j is None or j["app"] != "/".join(parts[:2]):
            return self.send(404, {"detail": "Request not found"})
        sub = {FAL_REQ: rid, "fal-ai/kling-video": j["app"]}
        if len(parts) == 5 and parts[4] == "status":
            return self.fal_status(j, sub)
        if len(parts) != 4:
            return self.send(404, {"detail": "Not Found"})
        sc = ARGS.scenario
        if sc == "failresult":
            return self.send(422, load("fal", "error_422"))
        if sc == "missing":
            return self.send(200, load("fal", "result_missing"))
        body = load("fal", "result")
        body["video"]["url"] = "http://%s/files/%s/output.mp4" % (
            self.other_host(), rid)
        self.send(200, body)

    def fal_status(self, j, sub):
        with lock:
            j["polls"] += 1
            n = j["polls"]
        sc = ARGS.scenario
        if sc == "retry" and n == 1:
            return self.send(429, load("fal", "error_429"),
                             {"retry-after": "1"})
        if sc == "malformed" and n == 2:
            return self.send(200, b'{"status": ["IN_PROGRESS"')
        steps = 10 if sc == "slow" else 3
        if n == 1:
            return self.send(200, load("fal", "status_queued", **sub))
        if n < steps:
            return self.send(200, load("fal", "status_progress", **sub))
        if sc == "fail":
            return self.send(200, load("fal", "status_error", **sub))
        self.send(200, load("fal", "status_completed", **sub))

    def fal_cancel(self, path):
        if not self.fal_key():
            return
        self.send(200, {"status": "CANCELLATION_REQUESTED"})

    # --------------------------------------------------------- ComfyUI
    def comfy_prompt(self):
        raw = self.body()
        with lock:
            state["posts"] += 1
            posts = state["posts"]
        try:
            req = json.loads(raw)
            graph = req["prompt"]
            cid = req["client_id"]
            ok = isinstance(graph, dict) and all(
                "class_type" in n and "inputs" in n for n in graph.values())
        except (ValueError, KeyError, TypeError, AttributeError):
            ok = False
        if not ok or "{{" in json.dumps(graph):
            return self.send(400, {"error": {
                "type": "invalid_prompt", "message": "Cannot execute "
                "because the prompt is malformed", "details": "",
                "extra_info": {}}, "node_errors": {}})
        if ARGS.scenario == "nodeerr":
            return self.send(400, load("comfyui", "node_errors"))
        pid = str(uuid.uuid4())
        with lock:
            state["number"] += 1
            num = state["number"]
            state["comfy"][pid] = {"polls": 0, "client_id": cid,
                                   "number": num, "graph": graph,
                                   "deleted": False}
        if ARGS.scenario == "postdrop" and posts == 1:
            return self.drop()
        if ARGS.scenario == "slow":
            time.sleep(0.15)
        body = load("comfyui", "prompt", **{COMFY_ID: pid})
        body["number"] = num
        self.send(200, body)

    def comfy_history(self, pid):
        with lock:
            j = state["comfy"].get(pid)
            if j is not None and not j["deleted"]:
                j["polls"] += 1
                n = j["polls"]
        if j is None or j["deleted"]:
            return self.send(200, {})
        sc = ARGS.scenario
        if sc == "retry" and n == 1:
            return self.send(429, {"error": "busy"}, {"retry-after": "1"})
        if sc == "malformed" and n == 2:
            return self.send(200, b'{"' + pid.encode() + b'": {"status"')
        steps = 10 if sc == "slow" else 3
        if n < steps:
            return self.send(200, {})
        name = {"error": "history_error", "images": "history_images"}.get(
            sc, "history_success")
        self.send(200, load("comfyui", name, **{COMFY_ID: pid}))

    def comfy_queue(self):
        steps = 10 if ARGS.scenario == "slow" else 3
        with lock:
            items = [[j["number"], pid, j["graph"],
                      {"client_id": j["client_id"]}, ["9"]]
                     for pid, j in state["comfy"].items()
                     if not j["deleted"] and j["polls"] < steps]
        body = load("comfyui", "queue")
        body["queue_running"] = items[:1]
        body["queue_pending"] = items[1:]
        self.send(200, body)

    def comfy_view(self, query):
        q = parse_qs(query, keep_blank_values=True)
        want = {"filename": ["take 4A #1 & co_00001.mp4"],
                "subfolder": ["takeboard/4A v1+b?"], "type": ["output"]}
        if q != want:
            return self.send(404, b"404: Not Found", None, "text/plain")
        with lock:
            state["gets"]["view"] = state["gets"].get("view", 0) + 1
            g = state["gets"]["view"]
        if ARGS.scenario == "expired" and g == 1:
            return self.send(404, b"404: Not Found", None, "text/plain")
        self.clip()

    def comfy_post_queue(self):
        raw = self.body()
        try:
            ids = json.loads(raw).get("delete", [])
        except ValueError:
            ids = []
        with lock:
            for pid in ids:
                if pid in state["comfy"]:
                    state["comfy"][pid]["deleted"] = True
        self.send(200, b"", None, "text/plain")

    # ------------------------------------------------------------ both
    def clip(self):
        self.send_response(200)
        self.send_header("content-type", "video/mp4")
        self.send_header("content-length", str(len(CLIP)))
        self.end_headers()
        if ARGS.scenario == "slow":
            for i in range(0, len(CLIP), 32768):
                self.wfile.write(CLIP[i:i + 32768])
                self.wfile.flush()
                time.sleep(0.03)
            return
        self.wfile.write(CLIP)

    def do_POST(self):
        self.record()
        path = urlsplit(self.path).path
        if path == "/prompt":
            return self.comfy_prompt()
        if path == "/queue":
            return self.comfy_post_queue()
        if path == "/interrupt":
            self.body()
            return self.send(200, b"", None, "text/plain")
        return self.fal_submit(path)

    def do_PUT(self):
        self.record()
        path = urlsplit(self.path).path
        if path.endswith("/cancel"):
            return self.fal_cancel(path)
        self.send(404, {"detail": "Not Found"})

    def do_GET(self):
        self.record()
        u = urlsplit(self.path)
        path = u.path
        if path.startswith("/files/"):
            with lock:
                state["gets"][path] = state["gets"].get(path, 0) + 1
                g = state["gets"][path]
            if ARGS.scenario == "expired" and g == 1:
                return self.send(404, b"<Error>NoSuchKey</Error>", None,
                                 "application/xml")
            return self.clip()
        if path.startswith("/history/"):
            return self.comfy_history(path[len("/history/"):])
        if path == "/queue":
            return self.comfy_queue()
        if path == "/view":
            return self.comfy_view(u.query)
        return self.fal_get(path)


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
