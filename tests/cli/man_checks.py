#!/usr/bin/python3
"""The man page caci.1 (cli/help.cpp, `caci --man`), one ctest per check (tests/cli/tests.cmake).

  structure  the troff skeleton (.TH, .SH NAME/SYNOPSIS/DESCRIPTION/COMMANDS/EXIT STATUS/
             ENVIRONMENT), every command of `caci --help` with a .SS and a SYNOPSIS line, every
             option of every `caci COMMAND --help` and every exit status of `caci --help` in it
             (the same source), ASCII only, and the build's caci.1 equal to `caci --man`
  renders    groff -man -Tutf8 -ww and man -l format it without a warning, with every section
             and command in the rendered text (SKIPPED without groff/man; a failure under CI=true)
  install    `cmake --install BUILD --component man --prefix TMP` puts it in share/man/man1

usage: man_checks.py CHECK --caci EXE --man-file BUILT_CACI_1 --build DIR --work DIR [--cmake EXE]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


class Failure(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Failure(message)


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def man_text():
    r = run([ARGS.caci, "--man"])
    expect(r.returncode == 0, f"caci --man: exit {r.returncode}: {r.stderr}")
    return r.stdout


def commands():
    """The commands listed by `caci --help`."""
    out = run([ARGS.caci, "--help"]).stdout
    section = out.split("\ncommands:\n", 1)[1].split("\n\n", 1)[0]
    for line in section.splitlines():  # a name run into its arguments would be skipped below
        if line.startswith("  ") and not line.startswith("   "):
            expect(re.match(r"^  [a-z]+ +\S", line), f"caci --help: name and arguments run together: {line!r}")
    names = re.findall(r"^  ([a-z]+) ", section, re.M)
    expect(len(names) >= 5, f"too few commands in caci --help: {names}")
    return names, out


def option_names(command):
    """The option names of `caci COMMAND --help` ("-o", "--output", ...)."""
    out = run([ARGS.caci, command, "--help"]).stdout
    block = out.split("\noptions:\n", 1)[1].split("\n\n", 1)[0]
    names = []
    for line in block.splitlines():
        m = re.match(r"^  (-[^ ]+(?: [A-Za-z|]+)?(?:, -[^ ]+(?: [A-Z]+)?)*)", line)
        if m:
            names += re.findall(r"--?[a-z][a-z-]*", m.group(1))
    expect(names, f"no options found in caci {command} --help")
    return names


def unescape(troff):
    troff = re.sub(r"\\f[BIRP]", "", troff)
    return troff.replace("\\-", "-").replace("\\e", "\\").replace("\\&", "")


def check_structure():
    page = man_text()
    expect(page.isascii(), "caci.1 is not ASCII (non-ASCII must be \\[uXXXX])")
    expect(re.search(r'^\.TH CACI 1 "[^"]*" "caci [0-9.]+"', page, re.M), "no .TH CACI 1 line")
    sections = re.findall(r"^\.SH (.*)$", page, re.M)
    for s in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "ENVIRONMENT"]:
        expect(s in sections, f".SH {s} missing (have {sections})")
    expect(sections.index("NAME") == 0 and sections.index("SYNOPSIS") == 1,
           "NAME and SYNOPSIS must come first")
    expect(re.search(r"^caci \\- ", page, re.M), "NAME line is not 'caci \\- ...'")
    text = unescape(page)
    names, main_help = commands()
    synopsis = page.split(".SH SYNOPSIS\n", 1)[1].split("\n.SH ", 1)[0]
    for name in names:
        expect(f'.SS "caci {name}"' in page, f"command {name}: no .SS in COMMANDS")
        expect(f".B caci {name}\n" in synopsis, f"command {name}: not in SYNOPSIS")
        section = unescape(page.split(f'.SS "caci {name}"\n', 1)[1].split("\n.SS ", 1)[0])
        for opt in option_names(name):
            expect(re.search(r"(^|[^\w-])" + re.escape(opt) + r"($|[^\w-])", section),
                   f"caci {name} --help has {opt}, its man page section does not")
    exit_section = text.split(".SH EXIT STATUS\n", 1)[1].split("\n.SH ", 1)[0]
    codes = re.findall(r"^  ([0-9])  ", main_help.split("exit status (all commands):\n")[1], re.M)
    expect(codes == ["0", "1", "2", "3", "4"], f"exit statuses of caci --help: {codes}")
    for code in codes:
        expect(f".TP\n.B {code}\n" in exit_section, f"exit status {code} missing")
    expect("CACI_PROGRESS_AFTER_MS" in text, "the environment variable is not documented")
    expect(os.path.isfile(ARGS.man_file), f"{ARGS.man_file} was not built (target caci_man)")
    with open(ARGS.man_file, encoding="ascii") as f:
        expect(f.read() == page, f"{ARGS.man_file} differs from `caci --man`: rebuild caci_man")
    # `caci --man` is not advertised, and `caci --man FILE` writes the file.
    expect("--man" not in main_help, "--man is a hidden option")
    out = os.path.join(ARGS.work, "caci.1")
    r = run([ARGS.caci, "--man", out])
    expect(r.returncode == 0 and open(out).read() == page, "caci --man FILE did not write it")
    print(f"structure: ok ({len(names)} commands)")


def skipped(what):
    if os.environ.get("CI", "").lower() in ("true", "1"):
        raise Failure(f"{what}; under CI=true this check must run (scripts/setup.sh installs it)")
    print(f"SKIPPED: {what}")


def check_renders():
    page = os.path.join(ARGS.work, "caci.1")
    with open(page, "w") as f:
        f.write(man_text())
    groff = shutil.which("groff")
    if not groff:
        return skipped("groff is not installed (Debian groff-base)")
    r = run([groff, "-man", "-Tutf8", "-ww", "-z", page])
    expect(r.returncode == 0 and r.stderr == "", f"groff warnings:\n{r.stderr}")
    r = run([groff, "-man", "-Tascii", "-ww", page])
    expect(r.returncode == 0, f"groff failed: {r.stderr}")
    rendered = re.sub(r".\x08", "", r.stdout)  # overstrike bold/underline
    for heading in ["NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT"]:
        expect(re.search(rf"^{heading}$", rendered, re.M), f"rendered page lacks {heading}")
    names, _ = commands()
    for name in names:
        expect(re.search(rf"^ +caci {name}$", rendered, re.M), f"rendered page lacks caci {name}")
    expect("--format json|jsonl" in rendered, "rendered options lose their dashes")
    man = shutil.which("man")
    if not man:
        return skipped("man is not installed (Debian man-db)")
    env = dict(os.environ, MANWIDTH="80")
    env.pop("MAN_KEEP_FORMATTING", None)
    r = run([man, "--warnings", "-l", page], env=env)
    expect(r.returncode == 0, f"man -l failed: {r.stderr}")
    expect(r.stderr.strip() == "", f"man -l warnings:\n{r.stderr}")
    shown = re.sub(r".\x08", "", r.stdout)
    expect("EXIT STATUS" in shown and "caci export" in shown, f"man -l output incomplete:\n{shown}")
    print("renders: ok")


def check_install():
    prefix = os.path.join(ARGS.work, "prefix")
    r = run([ARGS.cmake, "--install", ARGS.build, "--component", "man", "--prefix", prefix])
    expect(r.returncode == 0, f"cmake --install failed:\n{r.stdout}{r.stderr}")
    installed = os.path.join(prefix, "share", "man", "man1", "caci.1")
    expect(os.path.isfile(installed), f"{installed} not installed:\n{r.stdout}")
    with open(installed) as f:
        expect(f.read() == man_text(), "the installed caci.1 differs from `caci --man`")
    print("install: ok")


CHECKS = {"structure": check_structure, "renders": check_renders, "install": check_install}


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("check", choices=sorted(CHECKS))
    p.add_argument("--caci", required=True)
    p.add_argument("--man-file", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--cmake", default="cmake")
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
