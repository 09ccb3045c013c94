"""A real, throw-away Elasticsearch node for tests and CI.

The node comes from Elasticsearch's integration-test distribution on Maven
Central (`org.elasticsearch.distribution.integ-test-zip:elasticsearch:<v>:zip`),
fetched once with `mvn dependency:copy` (Maven caches it under ~/.m2) and
unzipped into `.es/dist/` (ignored by git). Each node gets its own directory
under `.es/nodes/` (config, data, logs), listens on 127.0.0.1 on free ports,
runs with single-node discovery and a small heap, and is started as an
unprivileged user (`concordia-es`, created on demand) when we run as root,
because Elasticsearch refuses to run as root.

Library use (pytest fixtures, see tests/es_fixtures.py):

    node = EsNode.create("session")
    node.start()          # waits for green
    node.url              # http://127.0.0.1:<port>
    node.stop()

Command line (`.ci/es.sh` wraps it):

    python -m tests.es_node start [--name ci] [--security] [--heap 512m]
    python -m tests.es_node stop  [--name ci]
    python -m tests.es_node fetch             # download + unzip only

Environment: CONCORDIA_ES_VERSION (distribution version), ES_JAVA_HOME (the JDK;
otherwise the newest suitable one under /usr/lib/jvm), CONCORDIA_ES_HEAP.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
ES_ROOT = REPO_ROOT / ".es"
# Newest integ-test-zip on Maven Central that runs on a JDK installed here
# (Temurin 25; Elasticsearch 9.2+ supports JDK 25). Keep the Python client's
# major version (pyproject: elasticsearch>=9,<10) equal to this one's.
DEFAULT_VERSION = "9.3.2"
GROUP_ID = "org.elasticsearch.distribution.integ-test-zip"
ARTIFACT_ID = "elasticsearch"
ES_USER = "concordia-es"
DEFAULT_HEAP = "512m"
JVM_ROOT = Path("/usr/lib/jvm")


class EsNodeError(RuntimeError):
    """The node could not be obtained, started or stopped."""


# --- distribution -------------------------------------------------------------


def es_version() -> str:
    return os.environ.get("CONCORDIA_ES_VERSION", DEFAULT_VERSION)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _m2_zip(version: str) -> Path:
    m2 = Path(os.environ.get("MAVEN_REPO", Path.home() / ".m2" / "repository"))
    return (
        m2.joinpath(*GROUP_ID.split(".")) / ARTIFACT_ID / version / f"{ARTIFACT_ID}-{version}.zip"
    )


def fetch_zip(version: str) -> Path:
    """The distribution zip, from the Maven cache or fetched with `mvn dependency:copy`."""
    cached = _m2_zip(version)
    if cached.exists():
        return cached
    mvn = shutil.which("mvn")
    if mvn is None:
        raise EsNodeError("Maven (mvn) is needed to fetch the Elasticsearch test distribution")
    outdir = ES_ROOT / "download"
    outdir.mkdir(parents=True, exist_ok=True)
    artifact = f"{GROUP_ID}:{ARTIFACT_ID}:{version}:zip"
    cmd = [
        mvn,
        "-B",
        "-q",
        "dependency:copy",
        f"-Dartifact={artifact}",
        f"-DoutputDirectory={outdir}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    target = outdir / f"{ARTIFACT_ID}-{version}.zip"
    if result.returncode != 0 or not target.exists():
        raise EsNodeError(
            f"could not fetch {artifact} with Maven (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return cached if cached.exists() else target


def ensure_distribution(version: str | None = None) -> Path:
    """`.es/dist/elasticsearch-<version>`, unzipped once (safe across processes)."""
    version = version or es_version()
    dist = ES_ROOT / "dist"
    home = dist / f"elasticsearch-{version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    with _file_lock(ES_ROOT / "dist.lock"):
        if (home / "bin" / "elasticsearch").exists():
            return home
        archive = fetch_zip(version)
        dist.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="unzip-", dir=dist))
        try:
            _unzip(archive, tmp)
            unpacked = tmp / f"elasticsearch-{version}"
            if not (unpacked / "bin" / "elasticsearch").exists():
                raise EsNodeError(f"{archive} does not hold elasticsearch-{version}/bin")
            for p in [tmp, *tmp.rglob("*")]:
                if p.is_dir():
                    p.chmod(0o755)
            os.replace(unpacked, home)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return home


def _unzip(archive: Path, target: Path) -> None:
    unzip = shutil.which("unzip")
    if unzip:
        subprocess.run([unzip, "-q", str(archive), "-d", str(target)], check=True)
        return
    with zipfile.ZipFile(archive) as zf:  # keeps the executable bits zipfile drops
        for info in zf.infolist():
            out = Path(zf.extract(info, target))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                out.chmod(mode)


# --- JDK, user, ports ---------------------------------------------------------


def _java_major(home: Path) -> int | None:
    release = home / "release"
    if not release.exists():
        return None
    for line in release.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("JAVA_VERSION="):
            value = line.split("=", 1)[1].strip().strip('"')
            head = value.split(".")[0]
            return int(head) if head.isdigit() else None
    return None


def find_java_home(version: str | None = None) -> Path:
    """ES_JAVA_HOME if set, else the newest JDK under /usr/lib/jvm the version supports."""
    env = os.environ.get("ES_JAVA_HOME")
    if env:
        return Path(env)
    version = version or es_version()
    needed = 21 if int(version.split(".")[0]) >= 9 else 17
    found: list[tuple[int, Path]] = []
    if JVM_ROOT.exists():
        for home in sorted(JVM_ROOT.iterdir()):
            major = _java_major(home)
            if major is not None and major >= needed and (home / "bin" / "java").exists():
                found.append((major, home))
    if not found:
        raise EsNodeError(
            f"Elasticsearch {version} needs JDK {needed}+; none under {JVM_ROOT} (set ES_JAVA_HOME)"
        )
    return max(found)[1]


def ensure_user() -> tuple[int, int] | None:
    """(uid, gid) of the unprivileged user to run as when we are root, else None."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(ES_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                ES_USER,
            ],
            capture_output=True,
            check=False,
        )
        try:
            entry = pwd.getpwnam(ES_USER)
        except KeyError as exc:
            raise EsNodeError(f"could not create the user {ES_USER} to run Elasticsearch") from exc
    return entry.pw_uid, entry.pw_gid


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chown_tree(path: Path, owner: tuple[int, int] | None) -> None:
    if owner is None:
        return
    for p in [path, *path.rglob("*")]:
        os.chown(p, *owner, follow_symlinks=False)


# --- the node -----------------------------------------------------------------


@dataclass
class EsNode:
    """One single-node cluster in its own directory."""

    name: str
    home: Path
    java_home: Path
    workdir: Path
    http_port: int
    transport_port: int
    heap: str = DEFAULT_HEAP
    security: bool = False
    tls: bool = False
    # name -> password (superuser), or name -> (password, role) with roles from `roles`
    users: Mapping[str, str | tuple[str, str]] = field(default_factory=dict)
    # file-realm roles (config/roles.yml): name -> role descriptor
    roles: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    startup_seconds: float = 0.0
    detached: bool = False
    _proc: subprocess.Popen[bytes] | None = None
    _pid: int | None = None

    @classmethod
    def create(
        cls,
        name: str,
        *,
        security: bool = False,
        tls: bool = False,
        users: Mapping[str, str | tuple[str, str]] | None = None,
        roles: Mapping[str, Any] | None = None,
        heap: str | None = None,
        settings: Mapping[str, Any] | None = None,
        version: str | None = None,
    ) -> EsNode:
        """Prepare (not start) a fresh node: distribution, JDK, directory, ports."""
        home = ensure_distribution(version)
        java = find_java_home(version)
        workdir = ES_ROOT / "nodes" / f"{name}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        node = cls(
            name=name,
            home=home,
            java_home=java,
            workdir=workdir,
            http_port=free_port(),
            transport_port=free_port(),
            heap=heap or os.environ.get("CONCORDIA_ES_HEAP", DEFAULT_HEAP),
            security=security or tls,
            tls=tls,
            users=dict(users or {}),
            roles=dict(roles or {}),
            settings=dict(settings or {}),
        )
        reap_orphans()
        node._prepare()
        return node

    # --- layout ----------------------------------------------------------
    @property
    def config_dir(self) -> Path:
        return self.workdir / "config"

    @property
    def log_file(self) -> Path:
        return self.workdir / "stdout.log"

    @property
    def ca_cert(self) -> Path | None:
        return self.config_dir / "certs" / "ca.crt" if self.tls else None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.http_port}"

    def _prepare(self) -> None:
        owner = ensure_user()
        if self.workdir.exists():
            shutil.rmtree(self.workdir)
        for sub in ("data", "logs", "tmp"):
            (self.workdir / sub).mkdir(parents=True)
        shutil.copytree(self.home / "config", self.config_dir)
        conf: dict[str, Any] = {
            "cluster.name": f"concordia-{self.name}",
            "node.name": self.name,
            "path.data": str(self.workdir / "data"),
            "path.logs": str(self.workdir / "logs"),
            "network.host": "127.0.0.1",
            "http.port": self.http_port,
            "transport.port": self.transport_port,
            "discovery.type": "single-node",
            "cluster.routing.allocation.disk.threshold_enabled": False,
            "action.destructive_requires_name": False,
            "xpack.security.enabled": self.security,
        }
        if self.tls:
            self._make_certs()
            conf.update(
                {
                    "xpack.security.http.ssl.enabled": True,
                    "xpack.security.http.ssl.key": "certs/node.key",
                    "xpack.security.http.ssl.certificate": "certs/node.crt",
                    "xpack.security.http.ssl.certificate_authorities": ["certs/ca.crt"],
                }
            )
        conf.update(self.settings)
        (self.config_dir / "elasticsearch.yml").write_text(
            "".join(f"{k}: {json.dumps(v)}\n" for k, v in conf.items()), encoding="utf-8"
        )
        (self.config_dir / "jvm.options.d").mkdir(exist_ok=True)
        (self.config_dir / "jvm.options.d" / "concordia.options").write_text(
            # Small heap; C1 only: starts faster, plenty for test corpora.
            f"-Xms{self.heap}\n-Xmx{self.heap}\n-XX:TieredStopAtLevel=1\n",
            encoding="utf-8",
        )
        _chown_tree(self.workdir, owner)
        if self.roles:
            with (self.config_dir / "roles.yml").open("a", encoding="utf-8") as fh:
                for role, descriptor in self.roles.items():
                    fh.write(f"{role}: {json.dumps(descriptor)}\n")
        for username, spec in self.users.items():
            password, role = (spec, "superuser") if isinstance(spec, str) else spec
            self._tool("elasticsearch-users", "useradd", username, "-p", password, "-r", role)

    def _make_certs(self) -> None:
        """A throw-away CA and a node certificate for 127.0.0.1 (openssl)."""
        certs = self.config_dir / "certs"
        certs.mkdir()

        def run(*args: str) -> None:
            subprocess.run(["openssl", *args], cwd=certs, check=True, capture_output=True)

        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=Concordia test CA", "-keyout", "ca.key", "-out", "ca.crt")  # fmt: skip
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "node.key", "-out", "node.csr")  # fmt: skip
        (certs / "ext.cnf").write_text(
            "subjectAltName=IP:127.0.0.1,DNS:localhost\n", encoding="utf-8"
        )
        run("x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "node.crt")  # fmt: skip

    def _env(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(self.workdir / "tmp"),
            "ES_JAVA_HOME": str(self.java_home),
            "ES_PATH_CONF": str(self.config_dir),
            "ES_TMPDIR": str(self.workdir / "tmp"),
        }

    def _popen_user(self) -> dict[str, Any]:
        owner = ensure_user()
        if owner is None:
            return {}
        return {"user": owner[0], "group": owner[1], "extra_groups": []}

    def _tool(self, tool: str, *args: str) -> None:
        result = subprocess.run(
            [str(self.home / "bin" / tool), *args],
            env=self._env(),
            capture_output=True,
            text=True,
            check=False,
            **self._popen_user(),
        )
        if result.returncode != 0:
            raise EsNodeError(f"{tool} {args[0]} failed: {result.stdout}{result.stderr}")

    # --- lifecycle -------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._pid

    def running(self) -> bool:
        if self._pid is None:
            return False
        try:
            os.killpg(self._pid, 0)
        except ProcessLookupError:
            return False
        if self._proc is not None and self._proc.poll() is not None:
            return _group_alive(self._pid)
        return True

    def start(self, timeout: float = 180.0) -> None:
        """Start the node and wait until the cluster is green."""
        if self.running():
            return
        log = self.log_file.open("ab")
        started = time.monotonic()
        try:
            self._proc = subprocess.Popen(
                [str(self.home / "bin" / "elasticsearch")],
                env=self._env(),
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **self._popen_user(),
            )
        finally:
            log.close()
        self._pid = self._proc.pid
        self._write_state()
        try:
            self.wait_green(timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = round(time.monotonic() - started, 1)

    def wait_green(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise EsNodeError(
                    f"Elasticsearch exited with {self._proc.returncode} while starting:\n"
                    + self.log_tail()
                )
            try:
                health = self.request("GET", "/_cluster/health?wait_for_status=green&timeout=2s")
                if health.get("status") == "green":
                    return
                last = str(health)
            except (OSError, urllib.error.URLError, ValueError) as exc:
                last = str(exc)
            time.sleep(0.3)
        raise EsNodeError(
            f"Elasticsearch not green after {timeout:.0f}s ({last}):\n{self.log_tail()}"
        )

    def stop(self, hard: bool = False, timeout: float = 60.0) -> None:
        """Stop the node (SIGTERM, or SIGKILL with `hard`); its data stays for a restart."""
        pid = self._pid
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL if hard else signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _group_alive(pid) and time.monotonic() < deadline:
            if self._proc is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=0.2)
            else:
                time.sleep(0.2)
        if _group_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        if self._proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=10)
        self._proc = None
        self._pid = None
        _wait_port_closed(self.http_port, 20.0)

    def restart(self, hard: bool = False) -> None:
        self.stop(hard=hard)
        self.start()

    def destroy(self) -> None:
        """Stop and delete the node's directory."""
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        chunks: list[str] = []
        for path in (self.log_file, self.workdir / "logs" / f"concordia-{self.name}.log"):
            if path.exists():
                text = path.read_text(encoding="utf-8", errors="replace").splitlines()
                chunks.append(f"--- {path}\n" + "\n".join(text[-lines:]))
        return "\n".join(chunks)

    # --- talking to it (stdlib only: used before any client exists) -------
    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 10.0,
    ) -> dict[str, Any]:
        if auth is None and self.users:
            name, spec = next(iter(self.users.items()))
            auth = (name, spec if isinstance(spec, str) else spec[0])
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        context = None
        if self.tls and self.ca_cert is not None:
            context = ssl.create_default_context(cafile=str(self.ca_cert))
        with urllib.request.urlopen(req, timeout=timeout, context=context) as resp:
            parsed: dict[str, Any] = json.loads(resp.read() or b"{}")
            return parsed

    # --- state for the CLI -----------------------------------------------
    def _write_state(self) -> None:
        state = {
            "name": self.name,
            "url": self.url,
            "pid": self._pid,
            "workdir": str(self.workdir),
            "http_port": self.http_port,
            "version": self.home.name.removeprefix("elasticsearch-"),
            "java_home": str(self.java_home),
            "users": dict(self.users),
            "ca_cert": str(self.ca_cert) if self.ca_cert else None,
            # The process that owns the node; None for nodes started by the CLI, which
            # outlive it on purpose (`.ci/es.sh stop` ends them).
            "owner_pid": None if self.detached else os.getpid(),
        }
        (self.workdir / "state.json").write_text(json.dumps(state, indent=2), encoding="utf-8")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # Zombies (exited, not yet reaped) count as gone.
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def _pid_alive(pid: int) -> bool:
    """True for a running process (a zombie, exited but not reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return True
    return fields[0] != "Z"


def reap_orphans() -> list[str]:
    """Stop and delete nodes whose owning process died without stopping them (a
    test session killed with SIGKILL), so they do not hold memory forever."""
    reaped: list[str] = []
    nodes = ES_ROOT / "nodes"
    if not nodes.exists():
        return reaped
    for state_path in nodes.glob("*/state.json"):
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        owner = state.get("owner_pid")
        if owner is None or _pid_alive(int(owner)):
            continue
        pid = state.get("pid")
        if pid is not None and _group_alive(int(pid)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(pid), signal.SIGKILL)
        shutil.rmtree(state_path.parent, ignore_errors=True)
        reaped.append(str(state_path.parent))
    return reaped


def _wait_port_closed(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.2)


# --- command line ---------------------------------------------------------------


def _named_state(name: str) -> Path:
    return ES_ROOT / "run" / f"{name}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.es_node", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="start a node in the background; prints its URL")
    start.add_argument("--name", default="ci")
    start.add_argument("--security", action="store_true", help="security on, user elastic-test")
    start.add_argument("--heap", default=None)
    stop = sub.add_parser("stop", help="stop a node started with `start` and delete its data")
    stop.add_argument("--name", default="ci")
    stop.add_argument("--keep", action="store_true", help="keep its directory")
    sub.add_parser("fetch", help="fetch and unzip the distribution only")
    args = parser.parse_args(argv)

    if args.command == "fetch":
        print(ensure_distribution())
        return 0
    state_path = _named_state(args.name)
    if args.command == "start":
        if state_path.exists():
            old = json.loads(state_path.read_text(encoding="utf-8"))
            if _group_alive(int(old["pid"])):
                print(old["url"])
                return 0
        users = {"elastic-test": uuid.uuid4().hex} if args.security else {}
        node = EsNode.create(args.name, security=args.security, users=users, heap=args.heap)
        node.detached = True
        node.start()
        state_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node.workdir / "state.json", state_path)
        print(
            f"Elasticsearch {node.home.name.removeprefix('elasticsearch-')} up at {node.url} "
            f"(JDK {node.java_home.name}, {node.startup_seconds}s)",
            file=sys.stderr,
        )
        print(node.url)
        return 0
    if not state_path.exists():
        print(f"no node named {args.name} is running", file=sys.stderr)
        return 0
    state = json.loads(state_path.read_text(encoding="utf-8"))
    pid = int(state["pid"])
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while _group_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _group_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    if not args.keep:
        shutil.rmtree(state["workdir"], ignore_errors=True)
    state_path.unlink(missing_ok=True)
    print(f"stopped {args.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
