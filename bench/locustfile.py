"""Load on the portal: members of the public referring children, schools checking their pupils, officers working
the caseload. Run by bench/load.py; every successful public referral is counted so the run can prove none was lost.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import HttpUser, between, events, task

TOKEN = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"|X-CSRFToken&#34;: &#34;([^&]+)&#34;'
)
KEY = re.compile(r'name="submission_key"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="submission_key"')
CASE_LINK = re.compile(r'href="(/officers/cases/\d+)"')
SURNAMES = ["Khan", "Smith", "Okafor", "Nowak", "Patel", "Jones", "Ali", "Brown", "Singh", "Murphy"]

submitted = {"referrals": 0}


def _first(match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    return next(group for group in match.groups() if group)


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
            with self.client.post(
                path, data={**data, "csrf_token": token}, allow_redirects=False, catch_response=True, name=path
            ) as response:
                if response.status_code != 302:
                    response.failure(f"{path}: {response.status_code}")
                    return
        page = self.client.get("/refer/check-answers").text
        key = _first(KEY.search(page))
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


class SignedInUser(HttpUser):
    abstract = True
    email = ""
    password = ""

    def on_start(self) -> None:
        token = _first(TOKEN.search(self.client.get("/sign-in").text))
        response = self.client.post(
            "/sign-in",
            data={"email": self.email, "password": self.password, "csrf_token": token},
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"sign-in failed for {self.email}: {response.status_code}")


class Officer(SignedInUser):
    weight = 2
    wait_time = between(1, 2)
    email = "officer@demo.example"
    password = os.environ.get("LOAD_OFFICER_PASSWORD", "demo-officer-password")

    @task(3)
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
        page = self.client.get("/officers/cases", params=params, name="/officers/cases").text
        links = CASE_LINK.findall(page)
        if links:
            self.client.get(random.choice(links), name="/officers/cases/<id>")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/officers/", name="/officers/")


class School(SignedInUser):
    weight = 1
    wait_time = between(1, 3)
    email = "school@demo.example"
    password = os.environ.get("LOAD_SCHOOL_PASSWORD", "demo-school-password")

    @task
    def home(self) -> None:
        self.client.get("/schools/", name="/schools/")


@events.test_stop.add_listener
def _write_counts(environment, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    path = os.environ.get("LOAD_COUNTS_FILE")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(submitted, handle)
