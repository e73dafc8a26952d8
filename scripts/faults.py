#!/usr/bin/env python3
"""Fault harness for recoupe past one machine (issue 20; docs/RELIABILITY.md, docs/scale-out.md).

Ingests generated articles through two `recoupe worker`s and a `recoupe placer` into a
PostgreSQL store, publishing with `recoupe ingest --queue`, and meanwhile kills -9, at random
points, a worker, the placer, NATS and PostgreSQL — each at least --kills times — restarting
each (a role that exits is started again, as a service manager would). Then checks: every
article stored once, none lost, the stories and entities identical to one SQLite process's
ingest of the same input, the story index consistent (nothing left unplaced, the snapshot not
ahead of the store, every story's size its members).

It starts its own PostgreSQL (initdb in a temporary folder, port 55432) and its own nats-server
(port 54222, JetStream in the temporary folder), so nothing else on the machine is touched.

    python3 scripts/faults.py [--articles 20000] [--kills 5] [--seed 1]

Needs the release binaries (cargo build --release -p recoupe-cli -p recoupe-eval), PostgreSQL's
server binaries (/usr/lib/postgresql/*/bin) and nats-server. Prints a summary; exits 1 when a
check fails.
"""

import argparse
import glob
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECOUPE = os.path.join(ROOT, "target/release/recoupe")
EVAL = os.path.join(ROOT, "target/release/recoupe-eval")
PG_PORT = 55432
NATS_PORT = 54222


def log(*args):
    print(f"[{time.strftime('%H:%M:%S')}]", *args, flush=True)


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(f"no PostgreSQL server binary {name} under /usr/lib/postgresql")
    return found[-1]


def as_postgres(args):
    """PostgreSQL's server refuses to run as root: run it as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + args
    return args


class Services:
    def __init__(self, tmp):
        self.tmp = tmp
        self.pgdata = os.path.join(tmp, "pg")
        self.nats_dir = os.path.join(tmp, "nats")
        self.pg = None
        self.nats = None
        os.makedirs(self.nats_dir)
        if os.geteuid() == 0:
            shutil.chown(tmp, "postgres")
        subprocess.run(
            as_postgres([pg_bin("initdb"), "-D", self.pgdata, "-A", "trust", "-U", "postgres",
                         "--no-sync"]),
            check=True, stdout=subprocess.DEVNULL)

    def start_pg(self):
        port_free(PG_PORT)
        # a server that exits at once (a child of the one killed still holding its shared
        # memory: "pre-existing shared memory block is still in use") is started again
        for _ in range(30):
            self.pg = subprocess.Popen(
                as_postgres([pg_bin("postgres"), "-D", self.pgdata, "-p", str(PG_PORT),
                             "-k", self.tmp, "-c", "listen_addresses=127.0.0.1",
                             "-c", "max_connections=50"]),
                stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.tmp, "pg.log"), "a"))
            if wait_port(PG_PORT, until_exit=self.pg):
                return
            log("PostgreSQL exited as it started; started again")
            time.sleep(1)
        sys.exit("PostgreSQL did not start again after 30 tries (see pg.log)")

    def start_nats(self):
        port_free(NATS_PORT)
        self.nats = subprocess.Popen(
            ["nats-server", "-a", "127.0.0.1", "-p", str(NATS_PORT), "-js", "-sd", self.nats_dir],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.tmp, "nats.log"), "a"))
        wait_port(NATS_PORT)

    def kill(self, which):
        proc = self.pg if which == "postgres" else self.nats
        # the postgres process runs under runuser: kill the server itself, by its pid file
        if which == "postgres":
            try:
                pid = int(open(os.path.join(self.pgdata, "postmaster.pid")).readline())
                # the server and its children at once, as a machine losing power would: a
                # child left behind (the startup process in the middle of a recovery) holds
                # the shared memory, and the next server refuses to start until it is gone
                children = children_of(pid)
                os.kill(pid, signal.SIGKILL)
                for child in children:
                    try:
                        os.kill(child, signal.SIGKILL)
                    except OSError:
                        pass
            except (OSError, ValueError):
                pass
        else:
            proc.kill()
        proc.wait()
        if which == "postgres":
            # wait until the port is free
            time.sleep(0.5)

    def stop(self):
        for which in ("postgres", "nats"):
            proc = self.pg if which == "postgres" else self.nats
            if proc and proc.poll() is None:
                self.kill(which)
                if which == "postgres":
                    proc.kill()


def port_free(port, timeout=30):
    """Waits until nothing listens on `port` (a server just killed lets it go): the harness
    must talk to its own servers, never to one it did not start."""
    import socket
    start = time.time()
    while time.time() - start < timeout:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            time.sleep(0.2)
        except OSError:
            return
    sys.exit(f"port {port} is taken by a server this harness did not start")


def wait_port(port, timeout=60, until_exit=None):
    """Waits until a server listens on `port`; False when the process `until_exit` exits
    first."""
    import socket
    start = time.time()
    while time.time() - start < timeout:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            if until_exit is not None and until_exit.poll() is not None:
                return False
            time.sleep(0.1)
    sys.exit(f"nothing listens on port {port} after {timeout} s")


def children_of(pid):
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
                # the command may hold spaces: the fields after its closing bracket
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


ROLES = []


class Role:
    """A role process started again whenever it exits, until stopped."""

    def __init__(self, name, args, logdir):
        ROLES.append(self)
        self.name, self.args = name, args
        self.proc = None
        self.stopped = False
        self.starts = 0
        self.log = open(os.path.join(logdir, f"{name}.log"), "a")
        self.thread = threading.Thread(target=self.supervise, daemon=True)
        self.thread.start()

    def supervise(self):
        while not self.stopped:
            self.starts += 1
            self.proc = subprocess.Popen([RECOUPE] + self.args, stdout=self.log, stderr=self.log)
            self.proc.wait()
            if not self.stopped:
                time.sleep(0.3)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()

    def stop(self):
        self.stopped = True
        self.kill()


def recoupe_json(*args):
    out = subprocess.run([RECOUPE, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=500)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    tmp = tempfile.mkdtemp(prefix="recoupe-faults-")
    os.chmod(tmp, 0o755)
    log("working in", tmp)
    corpus = os.path.join(tmp, "corpus.jsonl")
    with open(corpus, "w") as f:
        subprocess.run([EVAL, "generate", "--articles", str(options.articles), "--seed",
                        str(options.seed)], check=True, stdout=f, stderr=subprocess.DEVNULL)
    sqlite = os.path.join(tmp, "one.db")
    started = time.time()
    subprocess.run([RECOUPE, "ingest", corpus, "--db", sqlite, "--batch", str(options.batch)],
                   check=True, stdout=subprocess.DEVNULL)
    log(f"SQLite, one process: {time.time() - started:.1f} s")

    services = Services(tmp)
    try:
        run_with_faults(options, rng, tmp, corpus, sqlite, services)
    finally:
        for role in ROLES:
            role.stop()
        services.stop()


def run_with_faults(options, rng, tmp, corpus, sqlite, services):
    services.start_pg()
    services.start_nats()
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres",
                    "-qc", "CREATE DATABASE recoupe"], check=True)
    db = f"postgres://postgres@127.0.0.1:{PG_PORT}/recoupe"
    queue = ["--queue", f"nats://127.0.0.1:{NATS_PORT}", "--stream", "FAULTS"]
    roles = {
        "worker-1": Role("worker-1", ["worker", "--db", db, *queue], tmp),
        "worker-2": Role("worker-2", ["worker", "--db", db, *queue], tmp),
        "placer": Role("placer", ["placer", "--db", db], tmp),
    }
    publisher = Role("publisher", ["ingest", corpus, "--db", db, *queue, "--batch",
                                   str(options.batch), "--run", "faults", "--wait"], tmp)

    kills = {"worker": 0, "placer": 0, "nats": 0, "postgres": 0}
    started = time.time()

    def published():
        # the publisher's last run ended well: it printed its counts
        try:
            return "placed:" in open(os.path.join(tmp, "publisher.log")).read()
        except OSError:
            return False

    while not published():
        if time.time() - started > 600:
            log("no end after 10 minutes")
            break
        if min(kills.values()) >= options.kills:
            time.sleep(0.5)
            continue
        time.sleep(rng.uniform(0.3, 1.2))
        # the least killed first, so that each is killed --kills times before the run ends
        fewest = min(kills.values())
        target = rng.choice([k for k, n in kills.items() if n == fewest])
        kills[target] += 1
        log(f"kill -9 {target} ({kills[target]})")
        if target == "worker":
            roles[rng.choice(["worker-1", "worker-2"])].kill()
        elif target == "placer":
            roles["placer"].kill()
        else:
            services.kill(target)
            time.sleep(rng.uniform(0.2, 1.5))
            services.start_pg() if target == "postgres" else services.start_nats()
    # the publisher printed its counts: stop it and every role
    publisher.stop()
    elapsed = time.time() - started
    for role in roles.values():
        role.stop()
    log(f"through the queue with kills: {elapsed:.1f} s; kills {kills}; "
        f"starts {dict((n, r.starts) for n, r in roles.items())}, publisher {publisher.starts}")

    failures = []
    if min(kills.values()) < options.kills:
        failures.append(f"the run ended before each was killed {options.kills} times: {kills}")
    one = recoupe_json("stories", "--db", sqlite, "--json", "--limit", "10000000")
    queued = recoupe_json("stories", "--db", db, "--json", "--limit", "10000000")
    if one != queued:
        failures.append(f"stories differ: {len(one['stories'])} in SQLite, "
                        f"{len(queued['stories'])} through the queue")
    if recoupe_json("entities", "--db", sqlite, "--json") != recoupe_json("entities", "--db", db, "--json"):
        failures.append("entities differ")
    psql = ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", "recoupe",
            "-Atc"]
    def sql(q):
        return subprocess.run(psql + [q], check=True, capture_output=True, text=True).stdout.strip()
    stored = int(sql("SELECT count(*) FROM articles"))
    distinct = int(sql("SELECT count(DISTINCT id) FROM articles"))
    import sqlite3
    expected = sqlite3.connect(sqlite).execute("SELECT count(*) FROM articles").fetchone()[0]
    if stored != expected or distinct != stored:
        failures.append(f"{stored} articles stored ({distinct} distinct), {expected} expected")
    unplaced = int(sql("SELECT count(*) FROM articles a LEFT JOIN story_members m ON m.seq = a.seq WHERE m.seq IS NULL"))
    ahead = sql("SELECT coalesce(max(seq), 0) > (SELECT coalesce(max(seq), 0) FROM articles) FROM story_index")
    sizes = int(sql("SELECT count(*) FROM stories s WHERE s.size <> (SELECT count(*) FROM story_members m WHERE m.story = s.id)"))
    if unplaced or ahead == "t" or sizes:
        failures.append(f"story index: {unplaced} unplaced, snapshot ahead: {ahead}, {sizes} sizes wrong")
    print(json.dumps({
        "articles": options.articles, "stored": stored, "expected": expected,
        "stories": len(queued["stories"]), "kills": kills,
        "restarts": {n: r.starts - 1 for n, r in roles.items()},
        "publisher_runs": publisher.starts, "seconds": round(elapsed, 1),
        "failures": failures,
    }, indent=1))
    if failures:
        log("FAILED:", *failures)
        sys.exit(1)
    shutil.rmtree(tmp, ignore_errors=True)
    log("every check holds")


if __name__ == "__main__":
    main()
