"""Load on the portal: members of the public referring children, schools recording leavers, officers working the
caseload. Run by bench/load.py; every public referral, leaver and case note that got its confirmation is counted (and
each leaver's reference kept) so the run can prove none was lost.

A person reads each question of a journey before answering it: the simulated ones pause THINK_SECONDS between
pages (half a second to a second and a half, far quicker than anyone types a name and address), so fifty of them are
fifty people working fast, not fifty scripts firing a journey's dozen requests back to back.

Signed-in users follow no redirect blindly: a redirect to /sign-in means the portal signed the simulated user out,
and it counts as a failure (then the user signs in again and carries on), never as a fast page.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any, NoReturn
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import gevent
from locust import HttpUser, between, events, task

TOKEN = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"|X-CSRFToken&#34;: &#34;([^&]+)&#34;'
)
KEY = re.compile(r'name="submission_key"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="submission_key"')
CASE_LINK = re.compile(r'href="(/officers/cases/\d+)"')
INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([a-zA-Z_:][-\w:.]*)="([^"]*)"')
DRAFT_STEP = re.compile(r"^/schools/leavers/drafts/(\d+)/([a-z-]+)$")
CONFIRMATION = re.compile(r"^/schools/leavers/(\d+)/confirmation$")
LEAVER_REFERENCE = re.compile(r"\bLVR-\d{4}-\d+\b")
CASE_REFERENCE = re.compile(r"case (CME-\d{4}-\d+)")
SURNAMES = ["Khan", "Smith", "Okafor", "Nowak", "Patel", "Jones", "Ali", "Brown", "Singh", "Murphy"]
FIRST_NAMES = ["Kian", "Amara", "Leo", "Sofia", "Oliver", "Maya", "Yusuf", "Grace", "Tomasz", "Lily"]
POSTCODES = ["W5 2HL", "W13 9AB", "W3 6RS", "UB1 1AA"]
# The demo schools' pupils (ages) and the searches their designated safeguarding lead types for the new school:
# names and URNs of schools pupils of that age move to. "Primary" matches two schools, so the page asks which one.
SCHOOLS = {
    "school@demo.example": ((6, 10), ["Brookside", "Primary", "990101", "Northgate"]),  # Riverside Primary
    "school2@demo.example": ((11, 14), ["Elmfield", "990102", "Northgate Academy"]),  # Hillcrest Academy
}
LONDON = ZoneInfo("Europe/London")
THINK_SECONDS = (0.5, 1.5)


def think() -> None:
    gevent.sleep(random.uniform(*THINK_SECONDS))


submitted: dict[str, Any] = {
    "referrals": 0,
    "leavers": 0,
    "leaver_cme_referrals": 0,
    "leaver_references": [],
    "notes": 0,
    "signed_out": 0,
}


def _first(match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    return next(group for group in match.groups() if group)


def _inputs(page: str, name: str) -> list[dict[str, str]]:
    """The attributes of every <input> named ``name`` on the page, in page order."""
    found = []
    for tag in INPUT.findall(page):
        attributes = {key: html.unescape(value) for key, value in ATTRIBUTE.findall(tag)}
        if attributes.get("name") == name:
            found.append(attributes)
    return found


def _path(location: str) -> str:
    return urlsplit(location).path


def _day(value: date) -> list[str]:
    """A GOV.UK date input: day, month and year sent under one name."""
    return [str(value.day), str(value.month), str(value.year)]


class Referrer(HttpUser):
    """A member of the public who knows little and stays anonymous."""

    weight = 2
    wait_time = between(1, 3)

    @task
    def refer_a_child(self) -> None:
        self.client.cookies.clear()
        token = _first(TOKEN.search(self.client.get("/refer").text))
        steps = [
            ("/refer/immediate-risk", {"immediate_risk": "no"}),
            ("/refer/child-name", {"child_first_name": "Kian", "child_last_name": random.choice(SURNAMES)}),
            ("/refer/child-age", {"age_known": "approximate"}),
            ("/refer/approximate-age", {"approximate_age": str(random.randint(5, 15))}),
            ("/refer/child-sex", {"sex": "not_known"}),
            ("/refer/child-address", {}),
            ("/refer/last-school", {"not_known": "yes"}),
            ("/refer/last-seen", {}),
            ("/refer/reasons", {"reasons": ["works"]}),
            ("/refer/about-you", {"relationship": "not_say"}),
            ("/refer/contact-details", {}),
        ]
        for path, data in steps:
            think()
            with self.client.post(
                path, data={**data, "csrf_token": token}, allow_redirects=False, catch_response=True, name=path
            ) as response:
                if response.status_code != 302:
                    response.failure(f"{path}: {response.status_code}")
                    return
        page = self.client.get("/refer/check-answers").text
        key = _first(KEY.search(page))
        think()
        with self.client.post(
            "/refer/check-answers",
            data={"csrf_token": token, "submission_key": key},
            allow_redirects=False,
            catch_response=True,
            name="/refer/check-answers [send]",
        ) as response:
            if response.status_code == 302 and "/refer/confirmation" in response.headers.get("Location", ""):
                submitted["referrals"] += 1
            else:
                response.failure(f"send: {response.status_code}")


class SignedOut(Exception):
    """The portal sent a signed-in user to /sign-in: recorded as a failure by ``SignedInUser.fetch``."""


class StepFailed(Exception):
    """A page answered something other than what a person following the journey would see (already recorded)."""


def guarded(job: Callable[[Any], None]) -> Callable[[Any], None]:
    """A task that signs in first if it has to, and stops at the first failure (already counted as one)."""

    def run(user: Any) -> None:
        if not user.signed_in and not user.sign_in():
            return
        try:
            job(user)
        except SignedOut:
            user.signed_in = False
        except StepFailed:
            pass

    run.__name__ = job.__name__
    return run


class SignedInUser(HttpUser):
    """A member of staff. Simulated users take the demo accounts of their kind in turn."""

    abstract = True
    accounts: tuple[tuple[str, str], ...] = ()
    turns: Iterator[int] = itertools.count()

    def on_start(self) -> None:
        self.email, self.password = self.accounts[next(self.turns) % len(self.accounts)]
        self.signed_in = False
        self.token = ""
        self.sign_in()

    def sign_in(self) -> bool:
        self.client.cookies.clear()
        self.token = _first(TOKEN.search(self.client.get("/sign-in", name="/sign-in").text))
        with self.client.post(
            "/sign-in",
            data={"email": self.email, "password": self.password, "csrf_token": self.token},
            allow_redirects=False,
            catch_response=True,
            name="/sign-in [submit]",
        ) as response:
            if response.status_code != 302 or _path(response.headers.get("Location", "")).startswith("/sign-in"):
                where = response.headers.get("Location", "")
                response.failure(f"sign-in as {self.email}: {response.status_code} {where}".strip())
                return False
        self.signed_in = True
        return True

    def fetch(
        self,
        method: str,
        path: str,
        name: str,
        *,
        expect: int | tuple[int, ...] = 200,
        data: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        check: Callable[[Any], str] | None = None,
    ) -> Any:
        """One request, never following a redirect. A redirect to /sign-in raises SignedOut; any status other than
        ``expect``, or a ``check`` that returns a complaint, raises StepFailed. Both are counted as failures."""
        if data is not None:
            data = {**data, "csrf_token": self.token}
        with self.client.request(
            method, path, data=data, params=params, name=name, allow_redirects=False, catch_response=True
        ) as response:
            location = _path(response.headers.get("Location", ""))
            if response.status_code in (301, 302, 303) and location == "/sign-in":
                submitted["signed_out"] += 1
                response.failure(f"signed out: {method} {name} was redirected to /sign-in")
                outcome: type[Exception] | None = SignedOut
            elif response.status_code not in (expect if isinstance(expect, tuple) else (expect,)):
                response.failure(f"{method} {name}: {response.status_code} (expected {expect}) {location}")
                outcome = StepFailed
            else:
                complaint = check(response) if check else ""
                if complaint:
                    response.failure(f"{method} {name}: {complaint}")
                    outcome = StepFailed
                else:
                    outcome = None
                    if response.status_code == 200:
                        self.token = _first(TOKEN.search(response.text)) or self.token
        if outcome is not None:
            raise outcome
        return response

    def fail(self, name: str, message: str) -> NoReturn:
        """A failure that is no one request's status: the journey went somewhere a person would not expect."""
        self.environment.events.request.fire(
            request_type="JOURNEY", name=name, response_time=0, response_length=0, exception=Exception(message)
        )
        raise StepFailed

    def page(self, path: str, name: str, **kwargs: Any) -> str:
        return str(self.fetch("GET", path, name, **kwargs).text)

    def post(self, path: str, name: str, data: dict[str, Any]) -> str:
        """A full-page form POST that must redirect (POST/redirect/GET); returns where to."""
        return _path(self.fetch("POST", path, name, expect=302, data=data).headers["Location"])


def _officer_accounts() -> tuple[tuple[str, str], ...]:
    password = os.environ.get("LOAD_OFFICER_PASSWORD", "demo-officer-password")
    return (("officer@demo.example", password), ("lao@demo.example", password))


def _school_accounts() -> tuple[tuple[str, str], ...]:
    password = os.environ.get("LOAD_SCHOOL_PASSWORD", "demo-school-password")
    return (("school@demo.example", password), ("school2@demo.example", password))


class Officer(SignedInUser):
    """A CME officer searching the caseload, opening cases and now and then adding a note (the no-JS form)."""

    weight = 2
    wait_time = between(1, 2)
    accounts = _officer_accounts()
    turns = itertools.count()

    @task(3)
    @guarded
    def search_the_caseload(self) -> None:
        params = random.choice(
            [
                {"q": random.choice(SURNAMES)[:3]},
                {"status": "received"},
                {"type": "cme", "sort": "opened", "direction": "desc"},
                {"overdue": "yes"},
                {},
            ]
        )
        links = CASE_LINK.findall(self.page("/officers/cases", "/officers/cases", params=params))
        if not links:
            return
        case = random.choice(links)
        self.page(case, "/officers/cases/<id>")
        if random.random() < 0.25:
            self.add_note(case)

    def add_note(self, case: str) -> None:
        self.page(f"{case}/notes/new", "/officers/cases/<id>/notes/new")
        note = random.choice(
            [
                "Phoned the family: no answer, left a voicemail.",
                "Checked with the school: not seen since the last note.",
                "Home visit arranged for next week.",
            ]
        )
        back = self.post(f"{case}/notes/new", "/officers/cases/<id>/notes/new [save]", {"note": note})
        if back != case:
            self.fail("/officers/cases/<id>/notes/new [save]", f"saved, then went to {back}")
        submitted["notes"] += 1
        self.page(case, "/officers/cases/<id>", check=lambda r: "" if "Note added" in r.text else "no 'Note added'")

    @task(1)
    @guarded
    def dashboard(self) -> None:
        self.page("/officers/", "/officers/")


def _pupil_answers(today: date, youngest: int, oldest: int) -> dict[str, dict[str, Any]]:
    age = random.randint(youngest, oldest)
    born = today - timedelta(days=365 * age + random.randint(30, 330))
    second = random.random() < 0.3
    flags = random.choice([["none"], ["none"], ["sen"], ["social_worker", "cin"]])
    last = random.choice(SURNAMES)
    answers: dict[str, dict[str, Any]] = {
        "pupil-name": {"first_name": random.choice(FIRST_NAMES), "middle_names": "", "last_name": last},
        "date-of-birth": {"date_of_birth": _day(born)},
        "sex": {"sex": random.choice(["female", "male"])},
        "upn": {"upn": ""},
        "year-group": {"year_group": str(min(11, max(0, age - 5)))},
        "home-address": {
            "line_1": f"{random.randint(1, 90)} Willow Road",
            "line_2": "",
            "town": "Demo Town",
            "postcode": random.choice(POSTCODES),
        },
        "parent": {"name": f"Sam {last}", "relationship": "Mother", "phone": "07700 900123", "email": ""},
        "second-parent": {"has_second": "yes" if second else "no"},
        "emergency-contact": {"contact_name": "", "contact_relationship": "", "contact_phone": ""},
        "vulnerability": {"flags": flags},
        "last-day": {"last_attended": _day(today - timedelta(days=random.randint(1, 5)))},
        "deletion-date": {"deletion_date": _day(today)},
        "approval": {"approver_name": "Priya Patel", "approver_role": "Headteacher"},
    }
    if second:
        answers["second-parent-details"] = {
            "second_name": f"Alex {last}",
            "second_relationship": "Father",
            "lives_with": "no",
            "second_phone": "",
        }
    if "social_worker" in flags:
        answers["social-worker"] = {"social_worker_name": "Jo Reid"}
    return answers


def _new_school_answers(today: date, searches: list[str]) -> dict[str, dict[str, Any]]:
    """Ground A: registered at another school, which has confirmed the admission (outcome: complete)."""
    moved = random.random() < 0.5
    answers: dict[str, dict[str, Any]] = {
        "ground": {"ground": "A"},
        "destination": {"destination": "uk_school"},
        "new-school": {"school_known": "listed"},
        "school-search": {"query": random.choice(searches)},
        "new-address": {"moved": "yes" if moved else "no"},
        "parent-contact": {"contact": "parent"},
        "admission": {"admitted": "yes"},
        "admission-details": {
            "admitted_on": _day(today + timedelta(days=random.randint(0, 7))),
            "how_confirmed": random.choice(["school_email", "school_call", "s2s"]),
            "confirmed_by": "A Clarke, office manager",
        },
    }
    if moved:
        answers["new-address-details"] = {
            "new_line_1": "4 Brook Street",
            "new_line_2": "",
            "new_town": "Demo Town",
            "new_postcode": random.choice(POSTCODES),
            "moved_on": ["", "", ""],
        }
    return answers


def _missing_answers() -> dict[str, dict[str, Any]]:
    """Ground G: moved away, and nobody knows where (outcome: referred to the CME team, a case opened)."""
    return {
        "ground": {"ground": "G"},
        "ground-details": {"journey_minutes": "70"},
        "destination": {"destination": "unknown"},
        "new-address": {"moved": "not_known"},
        "parent-contact": {"contact": "no"},
    }


# What the check-answers page says it will do, for each kind of leaver.
SUBMIT_LABELS = {
    "new_school": "Submit leaver and deletion return",
    "missing": "Submit leaver and refer to the CME team",
}


class School(SignedInUser):
    """A school's designated safeguarding lead recording leavers through the leaver wizard, end to end."""

    weight = 1
    wait_time = between(1, 3)
    accounts = _school_accounts()
    turns = itertools.count()

    @task(4)
    @guarded
    def record_a_leaver(self) -> None:
        today = datetime.now(LONDON).date()
        (youngest, oldest), searches = SCHOOLS.get(self.email, SCHOOLS["school@demo.example"])
        kind = random.choice(["new_school", "missing"])
        answers = _pupil_answers(today, youngest, oldest)
        answers.update(_new_school_answers(today, searches) if kind == "new_school" else _missing_answers())
        self.page("/schools/", "/schools/")
        self.page("/schools/leavers/new", "/schools/leavers/new")
        where = self.post("/schools/leavers/new", "/schools/leavers/new [start]", {})
        draft = DRAFT_STEP.match(where)
        if draft is None:
            self.fail("/schools/leavers/new [start]", f"went to {where}, not the first question")
        try:
            self.answer_every_step(where, answers)
        except SignedOut:
            # What a person does: sign in again and carry on from the school home page's "Continue" link.
            if not self.sign_in():
                raise
            resumed = self.fetch("GET", f"/schools/drafts/{draft.group(1)}", "/schools/drafts/<id>", expect=302)
            self.answer_every_step(_path(resumed.headers["Location"]), answers)
        self.submit(f"/schools/leavers/drafts/{draft.group(1)}/check", kind)

    def answer_every_step(self, where: str, answers: dict[str, dict[str, Any]]) -> None:
        """Answer the questions the portal asks, in its order, until it shows the check-answers page."""
        for _ in range(40):
            step = DRAFT_STEP.match(where)
            if step is None:
                self.fail("/schools/leavers/drafts/<id>/<step>", f"the wizard went to {where}")
            slug = step.group(2)
            if slug == "check":
                return
            name = f"/schools/leavers/drafts/<id>/{slug}"
            page = self.page(where, name)
            think()
            if slug == "conditions":  # tick every condition the page lists for the chosen ground
                data: dict[str, Any] = {"confirmed": [box["value"] for box in _inputs(page, "confirmed")]}
            elif slug in answers:
                data = answers[slug]
            else:
                self.fail(name, f"the load test has no answer for the step {slug!r}")
            response = self.fetch("POST", where, f"{name} [save]", expect=(302, 200), data=data)
            if response.status_code == 200:
                # Only the school search answers on the same page: several schools matched, so pick one.
                choices = [radio["value"] for radio in _inputs(response.text, "urn")]
                if slug != "school-search" or not choices:
                    self.fail(f"{name} [save]", "the answer was refused")
                data = {**data, "urn": random.choice(choices)}
                response = self.fetch("POST", where, f"{name} [choose]", expect=302, data=data)
            where = _path(response.headers["Location"])
        self.fail("/schools/leavers/drafts/<id>/<step>", "more than 40 questions")

    def submit(self, check: str, kind: str) -> None:
        label = SUBMIT_LABELS[kind]
        self.page(
            check, "/schools/leavers/drafts/<id>/check", check=lambda r: "" if label in r.text else f"no {label!r}"
        )
        think()
        where = self.post(check, "/schools/leavers/drafts/<id>/check [submit]", {})
        if CONFIRMATION.match(where) is None:
            self.fail("/schools/leavers/drafts/<id>/check [submit]", f"went to {where}, not the confirmation")
        page = self.page(where, "/schools/leavers/<id>/confirmation", check=lambda r: _confirmation_complaint(r, kind))
        submitted["leavers"] += 1
        submitted["leaver_references"].append(LEAVER_REFERENCE.findall(page)[0])
        if kind == "missing":
            submitted["leaver_cme_referrals"] += 1

    @task(1)
    @guarded
    def home(self) -> None:
        self.page("/schools/", "/schools/")


def _confirmation_complaint(response: Any, kind: str) -> str:
    text = response.text
    if "Leaver recorded" not in text or not LEAVER_REFERENCE.search(text):
        return "no 'Leaver recorded' panel with a reference"
    if kind == "missing" and not CASE_REFERENCE.search(text):
        return "no CME case reference for a leaver whose destination is unknown"
    return ""


@events.test_stop.add_listener
def _write_counts(environment, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    path = os.environ.get("LOAD_COUNTS_FILE")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(submitted, handle)
