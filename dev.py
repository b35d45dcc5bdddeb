"""Set up and run Reply Composer from a source checkout: the README's two commands.

    python3 dev.py start [APP ARGS]    install what the app needs, then start it
    python3 dev.py cli COMMAND ...     install the same, then run `python -m composer COMMAND ...`
    python3 dev.py test [PYTEST ARGS]  install what the tests need, then lint and test
    python3 dev.py bundle              build the app with PyInstaller, then run its self-test
    python3 dev.py bench [ARGS]        measure start-up, typing, search, size (bench/run.py)
    python3 dev.py lock                refresh requirements.lock to the newest allowed versions

Installs take their exact versions from ``requirements.lock`` (every platform's, with markers),
so that a library's new release never changes what a seller sees without a commit that says
so. ``pyproject.toml`` keeps the compatible ranges for people who install the package; ``lock``
resolves them again (with uv) and writes the lock file, to be reviewed and committed.

Both work on a fresh machine. Python packages go into ``.venv`` next to this file (or into the
virtual environment already active). On Debian and Ubuntu the system libraries Qt needs are
installed with apt when missing (as root, or through sudo); elsewhere Qt's wheels bring their own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
CLI = "python3 dev.py cli"
"""How the README runs the command line from a checkout."""
# The tool that resolves the lock file (``dev.py lock`` only; installs use pip).
UV = "uv==0.13.9"

# What Qt loads even offscreen (QtGui links libGL and libEGL), and a CJK font so Chinese text
# shows as glyphs rather than boxes. Each entry lists alternative names across releases.
QT_LIBRARIES = [
    ("libglib2.0-0t64", "libglib2.0-0"),
    ("libgl1",),
    ("libegl1",),
    ("libxkbcommon0",),
    ("libfreetype6",),
    ("libfontconfig1",),
    ("libdbus-1-3",),
    ("fonts-noto-cjk",),
]
# What a real window on an X11 display needs on top (Qt's xcb platform plugin).
X11_LIBRARIES = [
    ("libxkbcommon-x11-0",),
    ("libxcb-cursor0",),
    ("libxcb-icccm4",),
    ("libxcb-keysyms1",),
    ("libxcb-shape0",),
    ("libxcb-randr0",),
    ("libxcb-render-util0",),
    ("libxcb-image0",),
    ("libx11-xcb1",),
]

# What PyInstaller runs on Linux to find and strip the libraries it bundles (ldd, objdump, strip).
BUILD_TOOLS = [("binutils",)]


def say(message: str) -> None:
    """Progress on stderr: stdout is the command's own (``dev.py cli list --json``)."""
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    say(" ".join(str(c) for c in command))
    subprocess.run([str(c) for c in command], check=True, env=env, stdout=sys.stderr)


def _installed(package: str) -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return done.returncode == 0 and "install ok installed" in done.stdout


def _available(package: str) -> bool:
    done = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True)
    return "Candidate:" in done.stdout and "Candidate: (none)" not in done.stdout


def ensure_system_libraries(groups: list[tuple[str, ...]]) -> None:
    """On Debian/Ubuntu, apt-get install whichever of ``groups`` is missing."""
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    missing = [names for names in groups if not any(_installed(n) for n in names)]
    if not missing:
        return
    if os.geteuid() == 0:
        sudo: list[str] = []
    elif shutil.which("sudo"):
        sudo = ["sudo"]
    else:
        wanted = " ".join(names[-1] for names in missing)
        sys.exit(
            f"dev.py: Qt needs these Debian packages; ask an administrator to run:\n"
            f"  apt-get install --no-install-recommends {wanted}"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*sudo, "apt-get", "update", "-qq", env=env)
    packages = [next((n for n in names if _available(n)), names[-1]) for names in missing]
    run(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def python() -> Path:
    """The interpreter to install into: the active virtual environment, else ``.venv``."""
    if sys.prefix != sys.base_prefix:
        return Path(sys.executable)
    scripts = VENV / ("Scripts" if os.name == "nt" else "bin")
    interpreter = scripts / ("python.exe" if os.name == "nt" else "python")
    if not interpreter.exists():
        say(f"creating a virtual environment in {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (OSError, subprocess.CalledProcessError):
            # Debian's own Python ships venv's pip bootstrap separately.
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            ensure_system_libraries([(f"python{version}-venv", "python3-venv")])
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    return interpreter


def install(extra: str = "") -> Path:
    """Install the project (with ``extra``) at the lock file's versions; skip pip when neither
    the lock nor the project's metadata changed since an install that included ``extra``.

    The stamp holds the inputs' hash, then the extras installed since (``[test]`` includes
    the app), so that ``start``, ``cli`` and ``test`` in turn do not reinstall each other."""
    interpreter = python()
    stamp = interpreter.parent.parent / "reply-composer.stamp"  # in the environment itself
    # The install compiles the interface translations (hatch_build.py): a changed .po counts.
    inputs = [LOCK, ROOT / "pyproject.toml", *sorted((ROOT / "ui" / "locale").rglob("*.po"))]
    wanted = hashlib.sha256(b"\0".join(path.read_bytes() for path in inputs)).hexdigest()
    lines = stamp.read_text(encoding="utf-8").splitlines() if stamp.exists() else []
    done = set(lines[1:]) if lines[:1] == [wanted] else set()
    if done and (not extra or extra in done):
        return interpreter
    # PIP_CONSTRAINT also pins what pip installs to build the project (hatchling, Babel).
    env = {**os.environ, "PIP_CONSTRAINT": str(LOCK)}
    run(interpreter, "-m", "pip", "install", "--quiet", "--upgrade", "pip", env=env)
    run(interpreter, "-m", "pip", "install", "--quiet", "--editable", f"{ROOT}{extra}", env=env)
    stamp.write_text("\n".join([wanted, *sorted(done | {extra or "[]"})]) + "\n", "utf-8")
    return interpreter


def lock(args: list[str]) -> int:
    """Resolve pyproject.toml's ranges (every extra, and the build requirements) for every
    platform again and write ``requirements.lock``. Review the diff before committing it."""
    interpreter = python()
    run(interpreter, "-m", "pip", "install", "--quiet", UV)
    import tomllib

    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "build-system"
    ]["requires"]
    build_in = ROOT / "build" / "build-requirements.in"
    build_in.parent.mkdir(exist_ok=True)
    build_in.write_text("\n".join(build_requires) + "\n", encoding="utf-8")
    command = [
        interpreter, "-m", "uv", "pip", "compile", "pyproject.toml", build_in.relative_to(ROOT),
        "--extra", "test", "--extra", "build", "--universal", "--python-version", "3.11",
        "--no-header", "--output-file", LOCK.name, *args,
    ]  # fmt: skip
    say(" ".join(str(c) for c in command))
    return subprocess.call([str(c) for c in command], cwd=ROOT)


def environment(interpreter: Path) -> dict[str, str]:
    """Our interpreter's scripts first on PATH, so `reply-composer` is the one just installed."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(interpreter.parent), env.get("PATH", "")])
    return env


# App options that need no window, so no display: they run wherever the app is installed.
WINDOWLESS = {"--self-test", "--help", "-h", "--version"}
NO_DISPLAY = 3
"""``dev.py start``'s exit code on a Linux machine without a display (see ``no_display``)."""


def no_display(args: list[str], environ: dict[str, str] | os._Environ[str]) -> str | None:
    """Why the app's window cannot open here, or None: on Linux, no X11 or Wayland display,
    no ``QT_QPA_PLATFORM`` chosen and no window-less option asked for. Qt would otherwise die
    with a message about xcb libraries, which sends a newcomer the wrong way."""
    if not sys.platform.startswith("linux") or WINDOWLESS & set(args):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"):
        return None
    return (
        "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set). Start it "
        "from a desktop session; on a server, give it a virtual display with "
        "`xvfb-run -a python3 dev.py start` (apt-get install xvfb), or check it without a "
        "window: `python3 dev.py start --self-test`."
    )


def start(args: list[str]) -> int:
    reason = no_display(args, os.environ)
    if reason is not None:
        say(reason)
        return NO_DISPLAY
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    ensure_system_libraries(QT_LIBRARIES + ([] if headless else X11_LIBRARIES))
    interpreter = install()
    return subprocess.call([str(interpreter), "-m", "ui", *args], env=environment(interpreter))


def cli(args: list[str]) -> int:
    """``python -m composer ARGS`` from the project's environment, installed first if needed:
    the README's command-line examples work from a checkout without activating ``.venv``."""
    interpreter = install()
    env = environment(interpreter)
    # Usage lines and suggested commands then read as the seller typed them.
    env.setdefault("REPLY_COMPOSER_PROG", "py -3 dev.py cli" if os.name == "nt" else CLI)
    return subprocess.call([str(interpreter), "-m", "composer", *args], env=env)


def test(args: list[str]) -> int:
    ensure_system_libraries(QT_LIBRARIES)
    interpreter = install("[test]")
    env = environment(interpreter)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for step in (["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]):
        say(" ".join(step))
        if subprocess.call([str(interpreter), "-m", *step], cwd=ROOT, env=env) != 0:
            return 1
    say("pytest " + " ".join(args))
    return subprocess.call([str(interpreter), "-m", "pytest", *args], cwd=ROOT, env=env)


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def bundle(args: list[str]) -> int:
    """``pyinstaller build.spec``, then the frozen app's ``--self-test`` (offscreen)."""
    ensure_system_libraries(QT_LIBRARIES + BUILD_TOOLS)
    interpreter = install("[build]")
    env = environment(interpreter)
    spec = ROOT / "build.spec"
    command = [interpreter, "-m", "PyInstaller", "--noconfirm", "--clean", spec, *args]
    say(" ".join(str(c) for c in command))
    if subprocess.call([str(c) for c in command], cwd=ROOT, env=env) != 0:
        return 1
    folder = ROOT / "dist" / "ReplyComposer"
    app = folder / ("ReplyComposer.exe" if os.name == "nt" else "ReplyComposer")
    say(f"{folder}: {folder_size(folder) / 1e6:.1f} MB")
    say(f"{app} --self-test")
    return subprocess.call([str(app), "--self-test"], cwd=ROOT, env=env)


def bench(args: list[str]) -> int:
    """``bench/run.py``: start-up, typing, search and bundle size against their budgets."""
    ensure_system_libraries(QT_LIBRARIES)
    interpreter = install()
    env = environment(interpreter)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(interpreter), str(ROOT / "bench" / "run.py"), *args], env=env)


COMMANDS = {
    "start": start,
    "cli": cli,
    "test": test,
    "bundle": bundle,
    "bench": bench,
    "lock": lock,
}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
