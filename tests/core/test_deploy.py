"""Production as documented: deploy/Dockerfile and deploy/compose.yaml run what `make serve` runs.

No container engine runs here, so the files are read: the image runs the commands of the
Makefile's serve target (migrate, then the same gunicorn), never the demo seed, under
APP_ENV=production; compose names every variable production needs and puts nginx in front,
serving /static and /media and passing X-Forwarded-For.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PRODUCTION_VARIABLES = {
    "APP_ENV",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "SITE_URL",
    "TRUSTED_PROXIES",
    "MEDIA_ROOT",
}


def make_targets() -> dict[str, tuple[list[str], list[str]]]:
    """{target: (prerequisites, recipe lines)} of the Makefile, continuation lines joined."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    targets: dict[str, tuple[list[str], list[str]]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("\t") and current:
            targets[current][1].append(line.strip())
        elif m := re.match(r"^([A-Za-z][\w.-]*):(?!=)\s*([^#]*)", line):
            current = m.group(1)
            targets[current] = (m.group(2).split(), [])
        elif line.strip() and not line.startswith("\t"):
            current = None
    return targets


def serve_commands() -> list[str]:
    """What `make serve` runs, prerequisites first (file targets such as the virtualenv left out)."""
    targets = make_targets()
    variables = {"$(FLASK)": "flask --app wsgi", "$(BIN)/": "", "$$": "$"}

    def walk(name: str) -> list[str]:
        if name not in targets:
            return []  # a file or a pattern target: installing, compiling catalogs
        prerequisites, recipe = targets[name]
        commands = [c for p in prerequisites for c in walk(p)]
        for line in recipe:
            for var, value in variables.items():
                line = line.replace(var, value)
            commands.append(re.sub(r"\s+", " ", line).strip())
        return commands

    return [c for c in walk("serve") if c.startswith(("flask", "gunicorn"))]


def docker_commands() -> list[str]:
    text = (DEPLOY / "Dockerfile").read_text()
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))
    assert cmd[:2] == ["sh", "-c"]
    return [re.sub(r"^exec ", "", part.strip()) for part in cmd[2].split("&&")]


def options(command: str) -> dict[str, str]:
    words = shlex.split(command)
    found = {}
    for i, word in enumerate(words):
        if word.startswith("--"):
            found[word] = words[i + 1] if i + 1 < len(words) and not words[i + 1].startswith("--") else ""
    return found | {"program": words[0], "app": words[-1]}


def test_make_serve_migrates_then_serves_and_never_seeds():
    commands = serve_commands()
    assert [c.split()[0] for c in commands] == ["flask", "gunicorn"]
    assert commands[0] == "flask --app wsgi db upgrade"
    assert not any("seed" in c for c in commands)


def test_the_image_runs_the_same_commands_as_make_serve():
    make, docker = serve_commands(), docker_commands()
    assert docker[0] == make[0] == "flask --app wsgi db upgrade"
    ours, theirs = options(docker[1]), options(make[1])
    assert ours.pop("--bind").startswith("0.0.0.0:") and theirs.pop("--bind").startswith("127.0.0.1:")
    assert ours == theirs  # worker class, workers, threads, access log, wsgi:app


def test_the_image_is_production_and_never_seeds():
    text = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"APP_ENV=production", text)
    assert "seed" not in re.sub(r"#.*", "", text)
    assert "USER cho" in text  # not root


def test_compose_runs_the_app_postgresql_redis_and_a_proxy():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"app", "db", "redis", "proxy"}
    assert services["db"]["image"].startswith("postgres:") and services["redis"]["image"].startswith("redis:")
    assert services["proxy"]["image"].startswith("nginx:")
    app_env = services["app"]["environment"]
    assert set(app_env) >= PRODUCTION_VARIABLES
    assert app_env["APP_ENV"] == "production" and app_env["DATABASE_URL"].startswith("postgresql://")
    assert app_env["REDIS_URL"].startswith("redis://redis:")
    assert "?" in app_env["SECRET_KEY"] and "?" in app_env["SITE_URL"]  # refused when missing, never defaulted
    assert services["app"]["build"]["dockerfile"] == "deploy/Dockerfile"


def test_the_proxy_serves_static_and_media_and_forwards_the_address():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    app_volumes, proxy_volumes = compose["services"]["app"]["volumes"], compose["services"]["proxy"]["volumes"]
    media_volume = next(v.split(":")[0] for v in app_volumes if v.split(":")[1] == "/srv/media")
    assert f"{media_volume}:/srv/media:ro" in proxy_volumes and "../static:/srv/static:ro" in proxy_volumes
    nginx = (DEPLOY / "nginx.conf").read_text()
    headers = (DEPLOY / "proxy_headers.inc").read_text()
    assert re.search(r"location /static/ \{\s*alias /srv/static/;", nginx)
    assert re.search(r"location /_media/ \{\s*internal;\s*alias /srv/media/;", nginx)
    assert compose["services"]["app"]["environment"]["MEDIA_ACCEL_REDIRECT"] == "/_media/"
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in headers
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in headers
    assert nginx.count("include /etc/nginx/conf.d/proxy_headers.inc;") == 2
    assert "./proxy_headers.inc:/etc/nginx/conf.d/proxy_headers.inc:ro" in proxy_volumes


def test_the_readme_documents_production():
    readme = (ROOT / "README.md").read_text()
    for words in (
        "## Security",
        "## Production",
        "docker compose -f deploy/compose.yaml",
        "orders expire",
        "media sweep",
    ):
        assert words in readme, words
    for variable in PRODUCTION_VARIABLES:
        assert f"`{variable}`" in readme, variable
