#!/usr/bin/env python3
"""Measures the server cases of docs/RELIABILITY.md against the release binary.

Stores the sample corpus, starts `recoupe serve` on a free loopback port, then sends each hostile
request from this process (standard library only) and prints a Markdown table: the case, what
the server answered, the wall time of the case, and the server's peak resident memory so far
(VmHWM of /proc/PID/status, which only grows). The same behaviours are asserted by
crates/recoupe-server/tests/{api,browser}.rs; this script measures them.

    cargo build --release -p recoupe-cli
    python3 scripts/reliability_server.py target/release/recoupe
"""
import html.parser
import http.client
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/recoupe"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return 0


def request(port, method, path, body=None, headers=None, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, data
    finally:
        conn.close()


class Live(html.parser.HTMLParser):
    """Elements and attributes of a page that would run: script-like elements, event handlers,
    javascript: URLs. Escaped text (&lt;script&gt;) is text, not an element."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")


def live_markup(page):
    parser = Live()
    parser.feed(page)
    return parser.found


def error_code(data):
    try:
        return json.loads(data)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    work = tempfile.mkdtemp()
    db = os.path.join(work, "r.db")
    subprocess.run(
        [BIN, "ingest", os.path.join(ROOT, "examples/corpus"), "--db", db],
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [BIN, "serve", "--db", db, "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                request(port, "GET", "/api/stories?limit=1", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        rows = []

        def case(name, run):
            start = time.monotonic()
            outcome = run()
            elapsed = time.monotonic() - start
            rows.append((name, outcome, elapsed, peak_mb(server.pid)))

        def oversized():
            # 9 MiB sent in chunks, no Content-Length: the limit is found while reading
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(
                    b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n"
                )
                chunk = b"%x\r\n" % (1 << 20) + b" " * (1 << 20) + b"\r\n"
                try:
                    for _ in range(9):
                        s.sendall(chunk)
                    s.sendall(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                try:
                    answer = s.recv(65536)
                except ConnectionResetError:
                    return "connection closed by the server while the body was sent"
            head = answer.split(b"\r\n", 1)[0].decode().replace("HTTP/1.1 ", "")
            body = answer.split(b"\r\n\r\n", 1)[-1]
            return f"{head} `{error_code(body)}`"

        def lying_length():
            # declares 100 MiB, sends 10 bytes: refused on the declared length, nothing read
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(
                    b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 104857600\r\n\r\n[{\"a\":1}]"
                )
                head = s.recv(4096).split(b"\r\n", 1)[0].decode()
            return head.replace("HTTP/1.1 ", "")

        def broken_json():
            status, data = request(
                port, "POST", "/api/articles", b'{"title": "x", "text": ',
                {"Content-Type": "application/json"},
            )
            return f"{status} `{error_code(data)}`"

        def deep_json():
            body = b"[" * 10_000 + b"]" * 10_000
            status, data = request(
                port, "POST", "/api/articles", body, {"Content-Type": "application/json"}
            )
            return f"{status} `{error_code(data)}`"

        def bad_paths():
            seen = set()
            for path in [
                "/api/articles/%ff%fe",
                "/api/articles/../../etc/passwd",
                "/stories/%00",
                "/api/stories?limit=-1",
                "/api/stories?limit=abc&order=%3Cscript%3E",
                "/entities/" + "%E2%80%AE" * 2000,
                "/" + "a" * 100_000,
            ]:
                try:
                    status, _ = request(port, "GET", path)
                except (ConnectionResetError, http.client.RemoteDisconnected):
                    status = "closed"
                seen.add(str(status))
            return ", ".join(sorted(seen)) + " (7 requests)"

        def slow_clients():
            # 200 connections send half a request line and stop; a normal client meanwhile
            idle = []
            for _ in range(200):
                s = socket.create_connection(("127.0.0.1", port), timeout=30)
                s.sendall(b"GET /api/sto")
                idle.append(s)
            status, _ = request(port, "GET", "/api/stories?limit=1", timeout=5)
            closed = 0
            deadline = time.monotonic() + 20
            for s in idle:
                s.settimeout(max(0.1, deadline - time.monotonic()))
                try:
                    if s.recv(1) == b"":
                        closed += 1
                except OSError:
                    pass
                s.close()
            return f"normal client {status} meanwhile; {closed}/200 slow ones closed by the server (10 s header timeout)"

        def many_connections():
            results = []
            lock = threading.Lock()

            def one():
                try:
                    status, _ = request(port, "GET", "/api/stories?limit=5", timeout=60)
                except OSError as e:
                    status = type(e).__name__
                with lock:
                    results.append(status)

            threads = [threading.Thread(target=one) for _ in range(1500)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            counts = {}
            for r in results:
                counts[r] = counts.get(r, 0) + 1
            return "1,500 at once (cap 1,024 open): " + ", ".join(
                f"{n} × {k}" for k, n in sorted(counts.items(), key=str)
            )

        def payloads():
            article = {
                "title": "<script>alert(1)</script><img src=x onerror=alert(2)>",
                "text": "Le maire <svg onload=alert(3)> Jean Dupont a déclaré : « <iframe src=javascript:alert(4)></iframe> nous restons prudents », selon la préfecture de Lyon.",
                "url": "javascript:alert(5)",
            }
            status, data = request(
                port, "POST", "/api/articles", json.dumps(article).encode(),
                {"Content-Type": "application/json"},
            )
            ident = json.loads(data)["articles"][0]["id"]
            _, page = request(port, "GET", f"/articles/{ident}")
            live = live_markup(page.decode())
            return f"POST {status}; article page: {'LIVE ' + str(live) if live else 'markup shown as text, no live element or handler'}"

        case("chunked body over the 8 MiB limit (9 MiB, no Content-Length)", oversized)
        case("Content-Length of 100 MiB, then 10 bytes", lying_length)
        case("broken JSON", broken_json)
        case("JSON nested 10k deep", deep_json)
        case("malformed paths and queries (bad UTF-8, `..`, NUL, 100 kB path, negative limit)", bad_paths)
        case("200 slow clients (half a request line each)", slow_clients)
        case("1,500 concurrent connections", many_connections)
        case("script, SVG, iframe, event handlers, javascript: URL in an article", payloads)
        still = request(port, "GET", "/api/stories?limit=1")[0]
        print("| server input | behaviour | time | server peak memory so far |")
        print("|---|---|---|---|")
        for name, outcome, elapsed, mb in rows:
            print(f"| {name} | {outcome} | {elapsed:.2f} s | {mb} MB |")
        print(f"\nAfter all of them the server still answers: {still}.")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
