"""Walking the parents' home-education notice in the test client."""

from __future__ import annotations

from typing import Any

# (path, form data) in order: a mother's notice for a pupil at Riverside Primary School (the `school` fixture).
NOTICE: list[tuple[str, dict[str, Any]]] = [
    ("/parents/home-education/immediate-risk", {"immediate_risk": "no"}),
    (
        "/parents/home-education/about-you",
        {"parent_name": "Helen Carter", "relationship": "mother", "lives_with_child": "yes"},
    ),
    ("/parents/home-education/contact-details", {"phone": "07700 900456", "email": "helen@example.com"}),
    (
        "/parents/home-education/address",
        {"address_line_1": "14 Elm Grove", "address_town": "Demo Town", "address_postcode": "dt3 4ef"},
    ),
    (
        "/parents/home-education/child",
        {"child_first_name": "Evie", "child_last_name": "Carter", "date_of_birth": ["12", "4", "2017"]},
    ),
    ("/parents/home-education/school", {"school_query": "riverside"}),
    ("/parents/home-education/choose-school", {"school_choice": "990001"}),
    ("/parents/home-education/start-date", {"effective_date": ["1", "12", "2026"]}),
    ("/parents/home-education/what-it-means", {"understands": "y"}),
    ("/parents/home-education/reason", {"reason": "A more flexible education for a while."}),
    ("/parents/home-education/meeting", {"meeting": "school"}),
]

CHECK = "/parents/home-education/check-answers"
