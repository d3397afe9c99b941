#!/usr/bin/python3
"""The progress line of `caci parse|index|export` (cli/progress.cpp), one ctest per check
(tests/cli/tests.cmake). The CLI runs with stderr on a pseudo-terminal (Python's pty module), or
redirected to a file. CACI_PROGRESS_AFTER_MS=0 (read by the CLI only, for tests) lets the line
appear at once on the small samples; the `slow_stdin` check keeps the default one-second threshold
and makes the job last longer by feeding standard input late.

usage: progress_checks.py CHECK --caci EXE --samples DIR --work DIR
checks: terminal, not_a_terminal, quiet, fast_job, slow_stdin
"""
import argparse
import glob
import os
import pty
import re
import shutil
import subprocess
import sys
import threading
import time

CLEAR = b"\r\x1b[K"
LINE = re.compile(rb"\r\x1b\[K(caci (parse|index|export): [^\r\n\x1b]*)")
FIELDS = re.compile(rb"^caci (parse|index|export): \d+/\d+ files, [0-9.]+(/[0-9.]+)? MB")


class Failure(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Failure(message)


def run(argv, env_extra, stderr_tty=True, stdin_feed=None):
    """Runs argv with stderr on a new pseudo-terminal (or a file). Returns (exit status, the bytes
    written to stderr, seconds)."""
    env = dict(os.environ)
    env.pop("CACI_PROGRESS_AFTER_MS", None)
    env.update(env_extra)
    master, slave = pty.openpty()
    err_file = None
    if stderr_tty:
        stderr = slave
    else:
        err_file = open(os.path.join(ARGS.work, "stderr.txt"), "w+b")
        stderr = err_file
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE if stdin_feed else subprocess.DEVNULL,
                            stdout=slave, stderr=stderr)
    os.close(slave)
    feeder = None
    if stdin_feed:
        def feed():
            time.sleep(stdin_feed[0])
            proc.stdin.write(stdin_feed[1])
            proc.stdin.close()
        feeder = threading.Thread(target=feed)
        feeder.start()
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every writer of the terminal has gone
            break
        if not data:
            break
        chunks.append(data)
    rc = proc.wait()
    elapsed = time.monotonic() - start
    if feeder:
        feeder.join()
    os.close(master)
    if err_file:
        err_file.seek(0)
        err = err_file.read()
        err_file.close()
        return rc, err, elapsed, b"".join(chunks)
    return rc, b"".join(chunks), elapsed, b""


def jobs():
    samples = sorted(glob.glob(os.path.join(ARGS.samples, "*.txt")))
    expect(len(samples) >= 3, "no samples in " + ARGS.samples)
    w = ARGS.work
    return [
        ("parse", [ARGS.caci, "parse", "-o", os.path.join(w, "out.json")] + samples,
         os.path.join(w, "out.json")),
        ("index", [ARGS.caci, "index", "-o", os.path.join(w, "out.caci")] + samples,
         os.path.join(w, "out.caci")),
        ("export", [ARGS.caci, "export", "--format", "csv", "-o", os.path.join(w, "out.csv")] +
         samples, os.path.join(w, "out.csv")),
    ]


def check_no_progress_in(path):
    with open(path, "rb") as f:
        data = f.read()
    expect(data, f"{path} is empty")
    expect(b"\x1b[K" not in data and b" files, " not in data,
           f"{path} contains the progress line")


def check_terminal():
    """The line appears on the terminal, in its format, is redrawn at most ~10 times a second, is
    erased at the end, and never reaches the output file."""
    for name, argv, out in jobs():
        rc, term, elapsed, _ = run(argv, {"CACI_PROGRESS_AFTER_MS": "0"})
        expect(rc == 0, f"{name}: exit status {rc}: {term!r}")
        lines = LINE.findall(term)
        expect(lines, f"{name}: no progress line on the terminal: {term!r}")
        for text, command in lines:
            expect(command.decode() == name, f"{name}: the line names {command!r}")
            expect(FIELDS.match(text), f"{name}: unexpected line {text!r}")
        expect(any(re.search(rb"\d+/\d+ files, .* MB/s", t) for t, _ in lines),
               f"{name}: no line with MB/s: {lines!r}")
        # Erased at the end: the last line drawn is followed by the erase sequence, after which
        # only the report (index, export) follows.
        last = term.rfind(lines[-1][0])
        rest = term[last + len(lines[-1][0]):]
        expect(rest.startswith(CLEAR), f"{name}: the line is not erased at the end: {rest!r}")
        expect(b"files, " not in rest, f"{name}: progress after the erase: {rest!r}")
        # Rate limit: per-file updates are at most ten a second (plus the phase changes).
        phases = sum(1 for t, _ in lines if b"; " in t)
        per_file = len(lines) - phases
        expect(per_file <= 1 + int(elapsed * 10) + 1,
               f"{name}: {per_file} redraws in {elapsed:.3f}s: more than ten a second")
        check_no_progress_in(out)
    print("terminal: ok")


def check_not_a_terminal():
    """With stderr redirected to a file, nothing of the line is written there (even with the
    threshold at 0, and with stdout on a terminal)."""
    for name, argv, out in jobs():
        rc, err, _, term = run(argv, {"CACI_PROGRESS_AFTER_MS": "0"}, stderr_tty=False)
        expect(rc == 0, f"{name}: exit status {rc}: {err!r}")
        expect(b"\r" not in err and b"\x1b" not in err and b" files, " not in err,
               f"{name}: progress written to a redirected stderr: {err!r}")
        expect(b"\x1b" not in term and b" files, " not in term,
               f"{name}: progress written to stdout: {term!r}")
        check_no_progress_in(out)
    print("not_a_terminal: ok")


def check_quiet():
    """--quiet (and -q) turns the line off on a terminal."""
    for name, argv, out in jobs():
        for flag in ("--quiet", "-q"):
            rc, term, _, _ = run(argv[:2] + [flag] + argv[2:], {"CACI_PROGRESS_AFTER_MS": "0"})
            expect(rc == 0, f"{name} {flag}: exit status {rc}: {term!r}")
            expect(b"\x1b" not in term and b" files, " not in term,
                   f"{name} {flag}: progress on the terminal: {term!r}")
            if name != "parse":  # --quiet also drops the report line of index and export
                expect(term.strip() == b"", f"{name} {flag}: stderr not empty: {term!r}")
            check_no_progress_in(out)
    print("quiet: ok")


def check_fast_job():
    """With the default threshold (about a second), a short job shows no line on a terminal."""
    for name, argv, out in jobs():
        rc, term, elapsed, _ = run(argv, {})
        expect(rc == 0, f"{name}: exit status {rc}: {term!r}")
        if elapsed < 0.8:
            expect(b"\x1b" not in term and b" files, " not in term,
                   f"{name}: progress line in a {elapsed:.3f}s job: {term!r}")
    print("fast_job: ok")


def check_slow_stdin():
    """With the default threshold, a job that lasts longer (standard input arrives after 1.3 s)
    shows the line once the second has passed, then erases it."""
    samples = sorted(glob.glob(os.path.join(ARGS.samples, "*.txt")))
    with open(samples[0], "rb") as f:
        page = f.read()
    out = os.path.join(ARGS.work, "slow.json")
    argv = [ARGS.caci, "parse", "-o", out, "-"] + samples
    rc, term, elapsed, _ = run(argv, {}, stdin_feed=(1.3, page))
    expect(rc == 0, f"exit status {rc}: {term!r}")
    expect(elapsed >= 1.0, f"the job took only {elapsed:.3f}s")
    lines = LINE.findall(term)
    expect(lines, f"no progress line after {elapsed:.3f}s: {term!r}")
    expect(term.endswith(CLEAR), f"the line is not erased at the end: {term!r}")
    check_no_progress_in(out)
    print("slow_stdin: ok")


CHECKS = {
    "terminal": check_terminal,
    "not_a_terminal": check_not_a_terminal,
    "quiet": check_quiet,
    "fast_job": check_fast_job,
    "slow_stdin": check_slow_stdin,
}


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("check", choices=sorted(CHECKS))
    p.add_argument("--caci", required=True)
    p.add_argument("--samples", required=True)
    p.add_argument("--work", required=True)
    ARGS = p.parse_args()
    shutil.rmtree(ARGS.work, ignore_errors=True)
    os.makedirs(ARGS.work)
    try:
        CHECKS[ARGS.check]()
    except Failure as e:
        print(f"FAIL {ARGS.check}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
