"""The HTTP API of ``pyqualify serve`` (docs/service.md) through Starlette's test client.

The answers must be the command line's JSON documents for the same file and options; bad
input answers 422 naming the field; the server never answers 500, whatever the body.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyqualify
from pyqualify.applicant import InputError, parse_applicant, parse_text
from pyqualify.cli import main
from pyqualify.web.app import CHECK_PARAMS, create_app
from tests.builders import BAD_FILE

with warnings.catch_warnings():   # Starlette 1.x suggests httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(workers=1, time_limit=30)) as test_client:
        yield test_client


def cli_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def without_timing(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key != "stats"}


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": pyqualify.__version__}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_check_is_the_command_lines_document(client: TestClient, example: Path) -> None:
    response = client.post("/api/check", content=example.read_bytes())
    assert response.status_code == 200
    assert response.json() == cli_json("check", str(example))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_path_is_the_command_lines_document(client: TestClient, example: Path) -> None:
    body = json.dumps(parse_text(example.read_text(encoding="utf-8")))
    response = client.post("/api/path", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert without_timing(response.json()) == without_timing(cli_json("path", str(example)))


def test_options_are_the_command_lines_options(client: TestClient) -> None:
    example = ROOT / "examples" / "newcomer-three-years.yaml"
    body = example.read_bytes()
    query = ("as_of=2027-03&set=I1=false&set=l4_1_work_months=30&target=2&no_training=true"
             "&horizon=200&lang=zh")
    response = client.post(f"/api/path?{query}", content=body)
    assert response.status_code == 200
    expected = cli_json("path", str(example), "--as-of", "2027-03", "--set", "I1=false",
                        "--set", "l4_1_work_months=30", "--target", "2", "--no-training",
                        "--horizon", "200")
    assert without_timing(response.json()) == without_timing(expected)
    assert response.json()["planner"]["allow_training"] is False
    check = client.post("/api/check?as_of=2027-03&set=I1=false&set=l4_1_work_months=30",
                        content=body)
    assert check.json() == cli_json("check", str(example), "--as-of", "2027-03",
                                    "--set", "I1=false", "--set", "l4_1_work_months=30")
    assert check.json()["parameters"]["l4_1_work_months"] == 30
    flags = client.post("/api/path?no_study&no_assume_work=1&target=4", content=body)
    assert without_timing(flags.json()) == without_timing(
        cli_json("path", str(example), "--no-study", "--no-assume-work", "--target", "4"))


@pytest.mark.parametrize(("query", "options"), [
    ("no_assume_work=true&horizon=36", ["--no-assume-work", "--horizon", "36"]),
    ("no_explain", ["--no-explain"]),
    ("no_explain=false&horizon=1&as_of=2027-03", ["--explain", "--horizon", "1",
                                                   "--as-of", "2027-03"]),
    ("no_assume_work=0&no_explain=1&set=I1=false", ["--no-explain", "--set", "I1=false"]),
])
@pytest.mark.parametrize("name", ["newcomer-three-years", "graduating-student"])
def test_check_options_are_the_command_lines_options(client: TestClient, query: str,
                                                     options: list[str], name: str) -> None:
    example = ROOT / "examples" / f"{name}.yaml"
    response = client.post(f"/api/check?{query}", content=example.read_bytes())
    assert response.status_code == 200
    assert response.json() == cli_json("check", str(example), *options)


def test_check_options_change_the_answer(client: TestClient) -> None:
    body = (ROOT / "examples" / "newcomer-three-years.yaml").read_bytes()
    full = client.post("/api/check", content=body).json()
    bare = client.post("/api/check?no_explain", content=body).json()
    short = client.post("/api/check?no_assume_work&horizon=12", content=body).json()
    assert "forecast" in full and "forecast" not in bare
    assert short["forecast"] == {"assume_work": False, "horizon": 12}
    assert full["forecast"] == {"assume_work": True, "horizon": 240}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_names_the_field_with_the_command_lines_message(
        client: TestClient, lang: str, tmp_path: Path) -> None:
    response = client.post(f"/api/check?lang={lang}", content=BAD_FILE)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "work[1].end"
    with pytest.raises(InputError) as raised:
        parse_applicant(parse_text(BAD_FILE))
    assert error["message"] == raised.value.text(lang)
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_FILE, encoding="utf-8")
    cli = CliRunner().invoke(main, ["check", str(path), "--lang", lang])
    assert cli.exit_code == 2 and error["message"] in cli.output
    planned = client.post(f"/api/path?lang={lang}", content=BAD_FILE)
    assert planned.status_code == 422 and planned.json() == response.json()


@pytest.mark.parametrize("endpoint", ["/api/check", "/api/path"])
@pytest.mark.parametrize(("query", "field"), [
    ("set=I1=maybe", "set"), ("set=nope=1", "set"), ("set=l1_1_work_months", "set"),
    ("as_of=2026-13", "as_of"), ("lang=fr", "lang"), ("colour=red", "colour"),
])
def test_bad_options_answer_422_naming_the_option(client: TestClient, endpoint: str,
                                                  query: str, field: str) -> None:
    response = client.post(f"{endpoint}?{query}", json={"education": "high_school"})
    assert response.status_code == 422
    assert response.json()["error"]["field"].split(" ")[0] == field   # "set" or "set I1=x"
    assert response.json()["error"]["message"]


@pytest.mark.parametrize(("query", "field"), [
    ("target=5", "target"), ("target=one", "target"), ("horizon=0", "horizon"),
    ("horizon=x", "horizon"), ("no_study=maybe", "no_study"), ("target=1&target=2", "target"),
    ("horizon=" + "9" * 5000, "horizon"),
])
def test_bad_planning_options_answer_422(client: TestClient, query: str, field: str) -> None:
    response = client.post(f"/api/path?{query}", json={"education": "high_school"})
    assert response.status_code == 422
    assert response.json()["error"]["field"].split(" ")[0] == field


@pytest.mark.parametrize(("query", "field"), [
    ("horizon=0", "horizon"), ("horizon=1201", "horizon"), ("horizon=x", "horizon"),
    ("no_explain=maybe", "no_explain"), ("no_assume_work=2", "no_assume_work"),
    ("no_explain&no_explain", "no_explain"), ("no_study=maybe", "no_study"),
    ("horizon=481", "horizon"), ("horizon=+5", "horizon"), ("no_training=TRUE", "no_training"),
])
def test_bad_check_options_answer_422(client: TestClient, query: str, field: str) -> None:
    response = client.post(f"/api/check?{query}", json={"education": "high_school"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field


def test_planning_options_are_not_check_options(client: TestClient) -> None:
    response = client.post("/api/check?target=2", json={"education": "high_school"})
    assert response.status_code == 422 and response.json()["error"]["field"] == "target"


@pytest.mark.parametrize(("body", "headers"), [
    (b"", {}), (b"   ", {}), (b"{not json", {"content-type": "application/json"}),
    (b"education: [unclosed", {}), (b"\xff\xfe\x00", {}), (b"- a list\n", {}),
    (b'{"education": "high_school", "education": "none"}', {}),
    (b"[" * 100_000 + b"]" * 100_000, {"content-type": "application/json"}),
    (b'{"education": "high_school", "as_of": 202611}', {}),
    (b'{"education": "high_school", "id": "\\ud800"}', {"content-type": "application/json"}),
    (b"education: !!python/object:os.system {}\n", {}),
    (b"a: &a [1, 2]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n",
     {}),
    (b'{"education": "high_school", "work": [{"start": "2020-01", "occupation": "same", '
     b'"hours": 1e999}]}', {"content-type": "application/json"}),
])
def test_hostile_bodies_answer_422(client: TestClient, body: bytes,
                                   headers: dict[str, str]) -> None:
    for endpoint in ("/api/check", "/api/path", "/api/parse"):
        response = client.post(endpoint, content=body, headers=headers)
        assert response.status_code == 422, (endpoint, response.text[:300])
        assert set(response.json()["error"]) == {"field", "message", "label", "text"}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.sampled_from(["education", "work", "as_of", "id",
                                                    "diplomas", "start", "level", "x"]),
                                   inner, max_size=4),
                 max_leaves=20).map(lambda v: json.dumps(v).encode()),
))
def test_no_body_makes_a_server_error(client: TestClient, body: bytes) -> None:
    response = client.post("/api/check", content=body)
    assert response.status_code in (200, 422), response.text[:300]


def test_over_one_mib_answers_413_also_without_a_content_length(client: TestClient) -> None:
    big = b"education: none\n" + b"#" * MiB
    response = client.post("/api/check", content=big)
    assert response.status_code == 413
    assert response.json()["error"]["field"] == ""

    def chunks() -> Iterator[bytes]:   # streamed: no Content-Length to trust
        yield b"education: none\n"
        for _ in range(20):
            yield b"#" * (64 * 1024)

    streamed = client.post("/api/path", content=chunks())
    assert streamed.status_code == 413
    exactly = client.post("/api/check", content=b"education: none\n" + b"#" * (MiB - 17))
    assert exactly.status_code == 200


def test_unknown_routes_and_methods(client: TestClient) -> None:
    for response, status in ((client.get("/nowhere"), 404), (client.post("/api/nope"), 404),
                             (client.get("/api/check"), 405),
                             (client.get("/static/../app.py"), 404),
                             (client.get("/static/app.py"), 404),
                             (client.get("/static/%2e%2e%2fapp.py"), 404)):
        assert response.status_code == status
        assert response.json()["error"]["message"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/check", "/api/path", "/api/health"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/path"]["post"]["parameters"]}
    assert names == {"lang", "as_of", "set", "target", "no_study", "no_training",
                     "no_assume_work", "horizon"}
    checks = {p["name"] for p in spec["paths"]["/api/check"]["post"]["parameters"]}
    assert checks == CHECK_PARAMS
    refs = re.findall(r'"\$ref": "#/([^"]+)"', json.dumps(spec))
    for ref in refs:   # every reference resolves inside the document
        node: Any = spec
        for part in ref.split("/"):
            node = node[part]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text


@pytest.mark.parametrize("url", ["/", "/?lang=en", "/docs"])
def test_pages_load_nothing_from_outside(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert not re.search(r'(src|href|action)="(https?:)?//', response.text)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    for name in re.findall(r'(?:src|href)="/static/([^"]+)"', response.text):
        static = client.get(f"/static/{name}")
        assert static.status_code == 200
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", static.text)


def test_the_page_has_the_hooks(client: TestClient) -> None:
    page = client.get("/").text
    assert re.search(r'<input type="file"[^>]*data-testid="applicant-file"', page)
    assert 'data-testid="check-result"' in page and 'data-testid="path-result"' in page
    assert 'data-testid="error"' in page
    assert [int(n) for n in re.findall(r'data-level="(\d)"', page)] == [4, 3, 2, 1]
    assert 'lang="zh-CN"' in page and "全媒体运营师" in page
    english = client.get("/?lang=en").text
    assert 'lang="en"' in english and "Fastest path" in english


def test_parse_fills_the_form_or_names_the_field(client: TestClient) -> None:
    example = ROOT / "examples" / "college-graduate.yaml"
    response = client.post("/api/parse", content=example.read_bytes())
    assert response.status_code == 200
    applicant = response.json()["applicant"]
    assert parse_applicant(applicant) == pyqualify.load_applicant(example)
    bad = client.post("/api/parse?lang=zh", content=BAD_FILE)
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "work[1].end"
    assert bad.json()["document"]["work"][1]["end"] == "2020-01"


def test_a_slow_question_answers_503_and_the_server_goes_on() -> None:
    slow = {"education": "none", "as_of": "2026-11"}   # unreachable: many trial solves
    quick = json.loads(json.dumps(parse_text(
        (ROOT / "examples" / "level2-holder.yaml").read_text(encoding="utf-8"))))
    with TestClient(create_app(workers=1, time_limit=0.3, max_horizon=1200)) as client:
        assert client.post("/api/path?target=4", json=quick).status_code == 200  # warm
        pool = client.app.state.service.plans
        before = pool.pids()
        response = client.post("/api/path?horizon=1200&no_assume_work&lang=zh", json=slow)
        assert response.status_code == 503
        assert "0.3" in response.json()["error"]["message"]
        assert pool.pids() != before   # the worker was killed and replaced
        assert client.get("/api/health").status_code == 200
        assert client.post("/api/check", json=quick).status_code == 200
        again = client.post("/api/path?target=4", json=quick)
        assert again.status_code == 200 and again.json()["reachable"] is True


def test_the_pool_drops_a_question_nobody_waits_for_and_keeps_its_worker() -> None:
    import asyncio

    from pyqualify.web.jobs import Job
    from pyqualify.web.pool import Gone, WorkerPool

    async def scenario() -> None:
        pool = WorkerPool(1, time_limit=30)
        pool.start()
        try:
            job = Job("check", '{"education": "high_school", "as_of": "2026-11"}')
            first = await pool.run(job)
            assert json.loads(first["ok"])["as_of"] == "2026-11"
            pids = pool.pids()

            async def gone() -> bool:
                return False

            with pytest.raises(Gone):
                await pool.run(job, gone)
            assert pool.pids() == pids
            assert "ok" in await pool.run(job)
        finally:
            pool.close()

    asyncio.run(scenario())


@pytest.mark.slow
def test_the_wheel_carries_the_page(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(ROOT)],
                   check=True)
    (wheel,) = tmp_path.glob("pyqualify-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "pyqualify" / "web"
    shipped = {f"pyqualify/web/{p.relative_to(package).as_posix()}"
               for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert shipped <= names, sorted(shipped - names)


def test_serve_listens_on_loopback_unless_told() -> None:
    from pyqualify.web.command import serve

    defaults = {option.name: option.default for option in serve.params}
    assert defaults["host"] == "127.0.0.1" and defaults["time_limit"] == 10.0
    assert CliRunner().invoke(main, ["serve", "--help"]).exit_code == 0


def test_a_billion_laughs_file_is_refused_quickly(client: TestClient) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\neducation: high_school\n"   # 10^10 values if expanded
    for endpoint in ("/api/parse", "/api/check", "/api/path"):
        response = client.post(endpoint, content=bomb)
        assert response.status_code == 422, response.text[:300]
        assert response.json()["error"]["message"]   # an unknown key, or too many values


HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("method", "url", "body", "field", "zh_part", "en_part"), [
    ("post", "/api/check?colour=red", b"education: none", "colour", "已知的参数",
     "expected a known parameter (as_of, horizon, lang"),
    ("post", "/api/check?as_of=2026-01&as_of=2026-02", b"education: none", "as_of",
     "此参数只出现一次", "expected this parameter once"),
    ("post", "/api/check?no_explain=maybe", b"education: none", "no_explain",
     "应为true 或 false", 'expected true or false, got "maybe"'),
    ("post", "/api/path?target=9", b"education: none", "target", "1 到 4 的整数",
     "expected a whole number from 1 to 4, got the number 9"),
    ("post", "/api/check?horizon=x", b"education: none", "horizon", "1 到 480 的整数",
     'expected a whole number from 1 to 480, got "x"'),
    ("post", "/api/check", b"  ", "", "应为申请人（键值映射），实际为空值（null）",
     "expected an applicant (a mapping of keys to values), got nothing (null)"),
    ("post", "/api/parse", b"education: \xff", "", "请求内容 的第 11 个字节不是 UTF-8",
     "expected UTF-8 text, but byte 11 of the body is not UTF-8"),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_servers_own_errors_in_both_languages(
        client: TestClient, method: str, url: str, body: bytes, field: str, zh_part: str,
        en_part: str, lang: str) -> None:
    joined = f"{url}{'&' if '?' in url else '?'}lang={lang}"
    response = client.request(method.upper(), joined, content=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == field
    if lang == "zh":
        assert zh_part in error["message"] and HAN.search(error["message"])
        assert "expected" not in error["message"]
    else:
        assert en_part in error["message"] and not HAN.search(error["message"])


def test_the_lang_parameter_itself_is_refused_in_english(client: TestClient) -> None:
    response = client.post("/api/check?lang=fr", content=b"education: none")
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["field"], error["message"]) == ("lang", 'lang: expected zh or en, got "fr"')
    assert error["text"] == 'language: expected zh or en, got "fr"'



@pytest.mark.parametrize(("lang", "words"), [
    ("zh", ("没有这个地址", "此地址不接受这种请求方法", "请求内容超过 1 MiB")),
    ("en", ("no such address", "this address does not take that method",
            "the body is larger than 1 MiB")),
])
def test_404_405_413_in_both_languages(client: TestClient, lang: str,
                                       words: tuple[str, str, str]) -> None:
    missing = client.get(f"/nowhere?lang={lang}")
    method = client.get(f"/api/check?lang={lang}")
    big = client.post(f"/api/check?lang={lang}", content=b"#" * (MiB + 1))
    assert [r.status_code for r in (missing, method, big)] == [404, 405, 413]
    assert [r.json()["error"]["message"] for r in (missing, method, big)] == list(words)


def test_the_web_server_speaks_through_the_catalogue() -> None:
    for name in ("app.py", "jobs.py"):
        source = (ROOT / "pyqualify" / "web" / name).read_text(encoding="utf-8")
        assert "InputError(" not in source, name   # English-only errors: use input_error


# --- the second version of docs/service.md (issue 16) ------------------------------------------

def _validator(spec: dict[str, Any], name: str) -> Any:
    import jsonschema

    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_answer_has_the_shape_the_openapi_document_says(client: TestClient,
                                                              example: Path) -> None:
    spec = client.get("/openapi.json").json()
    body = example.read_bytes()
    for url, name in (("/api/check", "Check"), ("/api/check?no_explain", "Check"),
                      ("/api/check?no_assume_work&horizon=12", "Check"),
                      ("/api/path", "Path"), ("/api/path?target=3&no_study", "Path"),
                      ("/api/path?no_assume_work&no_training&target=2", "Path"),
                      ("/api/parse", "Parsed")):
        response = client.post(url, content=body)
        assert response.status_code == 200
        _validator(spec, name).validate(response.json())
    _validator(spec, "Health").validate(client.get("/api/health").json())
    for response in (client.post("/api/check", content=BAD_FILE),
                     client.post("/api/parse", content=BAD_FILE),
                     client.post("/api/path?horizon=0", content=body),
                     client.get("/nowhere"), client.get("/api/path")):
        _validator(spec, "Error").validate(response.json())


def test_the_answer_schemas_are_not_bare_objects(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            ok = op["responses"]["200"]["content"]["application/json"]["schema"]
            assert "$ref" in ok, (path, method)
            target = spec["components"]["schemas"][ok["$ref"].rsplit("/", 1)[1]]
            assert target.get("properties") and target.get("required"), (path, method)
    parse = spec["paths"]["/api/parse"]["post"]
    assert parse["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Parsed"}


QUERY_VALUES = st.one_of(
    st.sampled_from(["", "true", "false", "1", "0", "yes", "no", "on", "off", "TRUE", " true",
                     "maybe", "2", "480", "481", "1200", "0000-00", "2026-11", "2026-13",
                     "2026.6", "202606", "2026年6月", "1949-12", "+5", "05", "007", "٣",
                     "I1=false", "I1=FALSE", " I1=false", "l4_1_work_months=30",
                     "l4_1_work_months=+30", "l4_1_work_months=030", "l4_1_work_months=1201",
                     "l4_1_work_months=-0", "l4_1_work_months=+-5", "nope=1", "zh", "en",
                     "fr", "3", "4", "5"]),
    st.text(alphabet="0123456789-+.=年月eEnIl_ tru", max_size=10),
    st.integers(min_value=-5, max_value=2000).map(str),
)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["lang", "as_of", "set", "no_assume_work", "no_study",
                             "no_training", "horizon", "no_explain", "target"]),
       value=QUERY_VALUES)
def test_every_query_parameter_is_checked_as_the_document_says(
        client: TestClient, name: str, value: str) -> None:
    """The server takes a value exactly when the OpenAPI schema of that parameter does."""
    import urllib.parse

    import jsonschema

    spec = client.get("/openapi.json").json()
    endpoint = "/api/path" if name == "target" else "/api/check"
    params = {p["name"]: p for p in spec["paths"][endpoint]["post"]["parameters"]}
    schema = params[name]["schema"]
    if schema["type"] == "array":
        schema = schema["items"]
    # a query value is text; OpenAPI reads an integer parameter from decimal digits
    instance: Any = int(value) if schema["type"] == "integer" and value.isascii() and \
        value.isdigit() else value
    accepted = jsonschema.Draft202012Validator(schema).is_valid(instance)
    query = urllib.parse.urlencode({name: value})
    response = client.post(f"{endpoint}?{query}&no_explain" if endpoint == "/api/check"
                           and name != "no_explain" else f"{endpoint}?{query}",
                           json={"education": "high_school", "as_of": "2026-11"})
    assert (response.status_code == 200) == accepted, (name, value, response.text[:200])
    if not accepted:
        assert response.status_code == 422
        assert response.json()["error"]["field"].split(" ")[0] == name


def test_as_of_is_strict(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    pattern = next(p for p in spec["paths"]["/api/check"]["post"]["parameters"]
                   if p["name"] == "as_of")["schema"]["pattern"]
    for value in ("0000-00", "2026-00", "2026-13", "1949-12", "2101-01", "9999-99"):
        assert not re.search(pattern.replace("$", r"\Z"), value)
        response = client.post(f"/api/check?as_of={value}", json={"education": "none"})
        assert response.status_code == 422 and response.json()["error"]["field"] == "as_of"


def test_405_says_which_methods_are_allowed(client: TestClient) -> None:
    for method, url, allow in (("GET", "/api/check", "POST"), ("PUT", "/api/path", "POST"),
                               ("DELETE", "/api/parse", "POST"), ("POST", "/api/health", "GET"),
                               ("POST", "/", "GET"), ("PATCH", "/openapi.json", "GET")):
        response = client.request(method, url)
        assert response.status_code == 405, (method, url)
        assert allow in {m.strip() for m in response.headers["allow"].split(",")}
        assert response.json()["error"]["message"]


OPTIONAL_KEYS = [
    ([], "id"), ([], "as_of"), ([], "diplomas"), ([], "work"), ([], "trainings"),
    ([], "certificates"), (["diplomas", 0], "skill_target"), (["diplomas", 0], "mode"),
    (["work", 0], "end"),
]


@pytest.mark.parametrize(("where", "key"), OPTIONAL_KEYS, ids=[k for _, k in OPTIONAL_KEYS])
def test_null_is_the_key_left_out_for_every_optional_key(client: TestClient, where: list[Any],
                                                         key: str) -> None:
    full = {"id": "n", "as_of": "2026-11", "education": "high_school",
            "diplomas": [{"kind": "junior_college", "major": "related", "graduation": "2024-06",
                          "skill_target": "none", "mode": "full_time"}],
            "work": [{"start": "2024-07", "end": "2026-01", "occupation": "related"}],
            "trainings": [], "certificates": []}

    def variant(value: Any) -> dict[str, Any]:
        doc = json.loads(json.dumps(full))
        node = doc
        for step in where:
            node = node[step]
        if value is _LEFT_OUT:
            node.pop(key)
        else:
            node[key] = value
        return doc

    for endpoint in ("/api/check", "/api/parse"):
        left_out = client.post(endpoint, json=variant(_LEFT_OUT))
        null = client.post(endpoint, json=variant(None))
        assert left_out.status_code == null.status_code == 200, (endpoint, null.text[:200])
        assert null.json() == left_out.json()


_LEFT_OUT = object()


def test_the_horizon_is_bounded_by_max_horizon(client: TestClient) -> None:
    for endpoint in ("/api/check", "/api/path"):
        response = client.post(f"{endpoint}?horizon=481", json={"education": "none"})
        assert response.status_code == 422
        assert response.json()["error"]["field"] == "horizon"
        assert "480" in response.json()["error"]["message"]
    assert client.post("/api/check?horizon=480", json={"education": "none"}).status_code == 200
    with TestClient(create_app(workers=1, max_horizon=600)) as wider:
        assert wider.post("/api/check?horizon=600",
                          json={"education": "none"}).status_code == 200
        spec = wider.get("/openapi.json").json()
        horizon = next(p for p in spec["paths"]["/api/path"]["post"]["parameters"]
                       if p["name"] == "horizon")
        assert horizon["schema"]["maximum"] == 600
    assert CliRunner().invoke(main, ["serve", "--max-horizon", "1201"]).exit_code == 2


@pytest.mark.parametrize(("lang", "label", "text"), [
    ("zh", "第 2 条工作经历的结束月份",
     "第 2 条工作经历的结束月份：应为不早于开始月份（2021-05）的月份"),
    ("en", "end month of work record 2",
     "end month of work record 2: expected a month not before start (2021-05)"),
])
def test_errors_carry_the_persons_words(client: TestClient, lang: str, label: str,
                                        text: str) -> None:
    error = client.post(f"/api/check?lang={lang}", content=BAD_FILE).json()["error"]
    assert error["field"] == "work[1].end" and error["label"] == label
    assert error["text"].startswith(text) and "work[1]" not in error["text"]
    bad = client.post(f"/api/check?lang={lang}&set=l4_1_work_months=5000",
                      content=b"education: none").json()["error"]
    assert bad["field"] == "set l4_1_work_months=5000"
    assert ("L4-1 工作月数" if lang == "zh" else "L4-1 months of work") in bad["label"]


def test_check_takes_the_planning_flags_and_they_change_nothing(client: TestClient) -> None:
    body = (ROOT / "examples" / "newcomer-three-years.yaml").read_bytes()
    plain = client.post("/api/check", content=body).json()
    flagged = client.post("/api/check?no_study&no_training=true", content=body).json()
    assert flagged == plain
