#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""benchmock.py: a loopback OpenAI-style video API for the benchmarks.

    benchmock.py --port-file F [--hold S] [--clip-bytes N]

Serves on 127.0.0.1, port 0 (written to F), the shapes of
tests/stub/mockvideo.py reduced to what the benchmarks need:
POST /v1/videos creates a job; GET /v1/videos/ID answers in_progress
until the job is S seconds old, then completed; GET /v1/videos/ID/content
sends a clip of N bytes (an ftyp box, then one mdat box of zeros, kept
as a sparse file beside F and sent with sendfile(2), so that the server
is not the slower side of a download); GET /clip sends the same
clip without a job, for curl; GET /bench/count gives the number of polls
answered so far, as text. HTTP/1.1 keep-alive, Python standard library
only. Exits when killed.
"""
import argparse
import json
import os
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"jobs": {}, "polls": 0}


def clip_head(size):
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"mp42", 0, b"mp42",
                       b"isom")
    # mdat with a 64-bit size covering the rest of the file.
    return ftyp + struct.pack(">I4sQ", 1, b"mdat", size - len(ftyp))



class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def video(self, vid, status, progress):
        j = state["jobs"][vid]
        v = {"id": vid, "object": "video", "created_at": int(j["t"]),
             "status": status, "completed_at": None, "error": None,
             "expires_at": None, "model": "sora-2", "progress": progress,
             "prompt": "bench", "remixed_from_video_id": None,
             "seconds": "4", "size": "1280x720"}
        if status == "completed":
            now = int(time.time())
            v.update(completed_at=now, expires_at=now + 3600)
        return v

    def do_POST(self):
        n = int(self.headers.get("content-length", "0"))
        self.rfile.read(n)
        if self.path != "/v1/videos":
            return self.send(404, {"error": {"message": "no such path"}})
        with lock:
            vid = "video_" + os.urandom(24).hex()
            state["jobs"][vid] = {"t": time.time()}
        self.send(200, self.video(vid, "queued", 0))

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/bench/count":
            with lock:
                n = state["polls"]
            return self.send(200, str(n).encode(), "text/plain")
        if path == "/clip":
            return self.clip()
        parts = path.split("/")
        if len(parts) < 4 or parts[3] not in state["jobs"]:
            return self.send(404, {"error": {"message": "no such video"}})
        vid = parts[3]
        if len(parts) == 5 and parts[4] == "content":
            if "variant=thumbnail" in query:
                return self.send(200, b"RIFF\x00\x00\x00\x00WEBPVP8 ",
                                 "image/webp")
            return self.clip()
        with lock:
            state["polls"] += 1
            age = time.time() - state["jobs"][vid]["t"]
        if age < ARGS.hold:
            return self.send(200, self.video(vid, "in_progress",
                                             int(99 * age / ARGS.hold)))
        self.send(200, self.video(vid, "completed", 100))

    def clip(self):
        self.send_response(200)
        self.send_header("content-type", "video/mp4")
        self.send_header("content-length", str(ARGS.clip_bytes))
        self.end_headers()
        self.wfile.flush()
        with open(CLIP, "rb") as f:
            self.connection.sendfile(f)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--hold", type=float, default=0)
    p.add_argument("--clip-bytes", type=int, default=65536)
    ARGS = p.parse_args()
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 1024
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    # The clip: its boxes' headers, then a hole (a sparse file), sent
    # with sendfile(2), so the server costs next to nothing.
    global CLIP
    CLIP = ARGS.port_file + ".clip"
    with open(CLIP, "wb") as f:
        f.write(clip_head(ARGS.clip_bytes))
        f.truncate(ARGS.clip_bytes)
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, ARGS.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
