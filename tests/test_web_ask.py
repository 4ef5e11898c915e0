"""POST /api/ask (docs/partial.md, docs/service.md): the interview over HTTP, stateless,
through Starlette's test client and the worker pool: the shape of PARTIAL.md, the same step
as the engine, a whole interview to done with a target, and 422 naming the field."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from pyqualify.applicant import applicant_from_mapping, load_applicant
from pyqualify.interview import answer_from, next_step, put
from pyqualify.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(workers=1, time_limit=60)) as test_client:
        yield test_client


def validator(client: TestClient, name: str) -> Any:
    import jsonschema

    spec = client.get("/openapi.json").json()
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return jsonschema.Draft202012Validator(schema)


def ask(client: TestClient, applicant: Any, query: str = "lang=zh") -> Any:
    return client.post(f"/api/ask?{query}", json={"applicant": applicant})


def test_the_first_step_has_the_shape_of_partial_md(client: TestClient) -> None:
    response = ask(client, {"as_of": "2026-11"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"done", "question", "check", "asked"}
    assert body["done"] is False and body["asked"] == 0
    question = body["question"]
    assert question["field"] == "diplomas" and question["type"] == "records"
    assert question["keys"] == ["kind", "graduation"]
    assert question["text"].startswith("你有哪些毕业证书")
    assert {level["verdict"] for level in body["check"]["levels"]} == {"depends"}
    validator(client, "Ask").validate(body)
    assert body == next_step({"as_of": "2026-11"}).to_json()


def test_a_choice_question_in_english(client: TestClient) -> None:
    applicant = {"as_of": "2026-11", "education": "high_school", "work": [], "trainings": [],
                 "certificates": [], "diplomas": [{"kind": "junior_college",
                                                   "graduation": "2020-06"}]}
    body = ask(client, applicant, "lang=en").json()
    question = body["question"]
    assert question["field"] == "diplomas[0].major" and question["type"] == "choice"
    assert question["choices"][0] == {"value": "same", "label": "the same major"}
    assert question["choices"][-1]["value"] == "unknown"
    assert "L4-3c" in question["why"]
    validator(client, "Ask").validate(body)


def test_an_interview_to_done_with_a_target(client: TestClient) -> None:
    truth = load_applicant("examples/college-graduate.yaml")
    document: dict[str, Any] = {"as_of": "2026-11"}
    for _ in range(30):
        body = ask(client, document, "target=1&lang=zh").json()
        validator(client, "Ask").validate(body)
        if body["done"]:
            break
        question = next_step(document, 1).question
        assert body["question"] == question.to_json()
        document = put(document, question.field, answer_from(truth, question))
    assert body["done"] and body["question"] is None
    assert set(body) == {"done", "question", "check", "asked", "applicant", "path"}
    applicant_from_mapping(body["applicant"])   # a valid file
    assert body["path"]["target"] == 1 and body["path"]["reachable"]
    assert {lv["level"]: lv["verdict"] for lv in body["check"]["levels"]}[3] == "yes"


def test_done_without_a_target_has_no_path(client: TestClient) -> None:
    applicant = {"as_of": "2026-11", "education": "high_school", "work": [], "trainings": [],
                 "certificates": [], "diplomas": [{"kind": "junior_college", "major": "same",
                                                   "graduation": "2020-06"}]}
    body = ask(client, applicant).json()
    assert body["done"] and "path" not in body and body["applicant"]["education"] == "high_school"


@pytest.mark.parametrize("body, field", [
    ({"applicant": {"education": "college"}}, "applicant.education"),
    ({"applicant": {"work": [{"start": "2020-13", "end": None}]}}, "applicant.work[0].start"),
    ({"applicant": {"diplomas": [{"kind": "school", "graduation": "2020-06"}]}},
     "applicant.diplomas[0].kind"),
    ({"applicant": {"certificates": [{"level": 7, "obtained": "2020-06"}]}},
     "applicant.certificates[0].level"),
    ({"applicant": {"trainings": [{"hours": -1, "completed": "2020-06"}]}},
     "applicant.trainings[0].hours"),
    ({"applicant": {"work": {}}}, "applicant.work"),
    ({"applicant": []}, "applicant"),
    ({"person": {}}, "person"),
    ({}, "applicant"),
    ([], ""),
])
def test_bad_answers_are_422_with_the_field(client: TestClient, body: Any, field: str) -> None:
    response = client.post("/api/ask?lang=en", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == field and error["message"]
    validator(client, "Error").validate(response.json())


@pytest.mark.parametrize("query, field", [("target=5", "target"), ("as_of=2026-01", "as_of"),
                                          ("lang=fr", "lang")])
def test_bad_options_are_422(client: TestClient, query: str, field: str) -> None:
    response = client.post(f"/api/ask?{query}", json={"applicant": {}})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field


def test_not_json_is_422_and_get_is_405(client: TestClient) -> None:
    response = client.post("/api/ask", content=b"{not json", headers={
        "content-type": "application/json"})
    assert response.status_code == 422
    assert client.get("/api/ask").status_code == 405


def test_the_openapi_document_lists_ask(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/ask"]["post"]
    assert [p["name"] for p in operation["parameters"]] == ["lang", "target"]
    assert "Ask" in spec["components"]["schemas"]
