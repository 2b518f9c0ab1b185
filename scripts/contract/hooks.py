"""Schemathesis hooks of the contract test (scripts/contract.mjs loads them via SCHEMATHESIS_HOOKS).

A cancel or a graph deletion succeeds once per resource: a fixed id would get its one 2xx and
then only 409/404. So before each call to DELETE /v1/analyses/{analysisId} (or DELETE
/v1/graphs/{graphId}) whose id is the placeholder "fresh", a new analysis (or graph) is
created through the API and its id put in the case: every such case reaches the core.
Cases with generated ids (negative tests) are left as they are. Every graph the run creates
is noted in CONTRACT_CREATED_FILE, and scripts/contract.mjs deletes those (and no other).

Two headers whose rules the spec cannot state, made to follow them in valid cases (a valid
value is one the spec's pattern accepts; invalid ones, the negative tests, are left alone):
- Idempotency-Key names one request: the fuzzer draws few distinct values ("0", "!") and
  sends each with many bodies, which the API rightly answers 422 NG_IDEMPOTENCY_KEY_REUSED
  (Schemathesis then warned that POST /v1/graphs "mostly rejected generated data"). A valid
  key gets a unique suffix, as a real client's key is unique per request.
- Upload-Id applies to streamed bodies only (400 NG_UPLOAD_ID_NOT_STREAMED on JSON): a valid
  one is dropped from JSON cases.
"""

import json
import os
import re
import urllib.request
import uuid

import schemathesis

BASE = os.environ["CONTRACT_BASE_URL"]
KEY = os.environ["CONTRACT_KEY"]
# A key without a graph allow-list: the disposable graphs are outside the main key's list.
CREATE_KEY = os.environ["CONTRACT_CREATE_KEY"]
GRAPH = os.environ["CONTRACT_GRAPH"]
FRESH = "fresh"
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
UPLOAD_ID = re.compile(r"^[A-Za-z0-9._~:-]{1,128}$")


def _post(path, body, key=KEY):
    request = urllib.request.Request(
        BASE + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"authorization": "Bearer " + key, "content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _follow_header_rules(case):
    """The two header rules of the module comment, on a valid case's headers."""
    headers = case.headers
    if not headers:
        return case
    for name in list(headers.keys()):
        value = headers[name]
        if not isinstance(value, str):
            continue
        if name.lower() == "idempotency-key" and IDEMPOTENCY_KEY.fullmatch(value) and "." not in value[-33:-32]:
            headers[name] = value[:200] + "." + uuid.uuid4().hex
        elif name.lower() == "upload-id" and UPLOAD_ID.fullmatch(value) and (case.media_type or "application/json") == "application/json":
            del headers[name]
    return case


@schemathesis.hook
def map_case(context, case):
    return _follow_header_rules(case)


@schemathesis.hook
def before_call(context, case, **kwargs):
    path, method = case.operation.path, case.operation.method.upper()
    params = case.path_parameters or {}
    _follow_header_rules(case)
    if method == "DELETE" and path == "/v1/analyses/{analysisId}" and params.get("analysisId") == FRESH:
        params["analysisId"] = _post(f"/v1/graphs/{GRAPH}/analyses", {"runs": 1})["id"]
    elif method == "DELETE" and path == "/v1/graphs/{graphId}" and params.get("graphId") == FRESH:
        graph_id = os.environ["CONTRACT_DISPOSABLE_PREFIX"] + uuid.uuid4().hex[:8]
        params["graphId"] = _post("/v1/graphs", {"id": graph_id, "name": "deleted by the contract test"}, CREATE_KEY)["id"]
        with open(os.environ["CONTRACT_CREATED_FILE"], "a", encoding="utf-8") as out:
            out.write(graph_id + "\n")


@schemathesis.hook
def after_call(context, case, response):
    """Notes every graph the run creates, so that scripts/contract.mjs deletes exactly those."""
    if case.operation.method.upper() != "POST" or case.operation.path != "/v1/graphs" or response.status_code != 201:
        return
    try:
        graph_id = json.loads(response.content)["id"]
    except (ValueError, KeyError, TypeError):
        return
    with open(os.environ["CONTRACT_CREATED_FILE"], "a", encoding="utf-8") as out:
        out.write(graph_id + "\n")

