"""Practice benchmarks: the due queue and knowledge figures, and a group's knowledge heatmap.

    python benchmarks/practice.py            # full sizes
    python benchmarks/practice.py --quick    # small sizes (the test suite's smoke test)

Same house style as ``benchmarks/run.py``: each row times our code and a baseline doing the
least comparable work on the same data in the same run, and prints the ratio ours / baseline.

1. One learner with 5,000 review logs over the whole question bank, in a real SQLite store: read
   the cards and the review times, build the session queue, "N vragen vandaag", knowledge
   today per lesson, the 14-day forecast and the streak (what the Oefenen page does on every
   run). Baseline: the same rows read with bare sqlite3 and one plain loop over the card dicts
   counting what is due.
2. A group heatmap of knowledge today, 200 learners x the bank's cards: parse every card and compute
   its retrievability with fsrs, mean per learner and lesson. Baseline: a plain loop over the
   same dicts that only averages a number per learner and lesson.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fsrs import Rating  # noqa: E402

from benchmarks.run import fmt, median_time  # noqa: E402
from mglearn import practice  # noqa: E402
from mglearn.content import PROJECT_ROOT  # noqa: E402
from mglearn.content.check import check_root  # noqa: E402
from mglearn.store import Store  # noqa: E402

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"


def history(card_id: int, reviews: int, rng: random.Random) -> tuple[str, list[tuple[datetime, str]]]:
    """A card reviewed ``reviews`` times over the past months: its final JSON and its logs."""
    sched = practice.scheduler(fuzzing=False)
    when = NOW - timedelta(days=180)
    card = practice.new_card(card_id, when)
    logs = []
    for _ in range(reviews):
        rating = Rating(rng.choices([1, 2, 3, 4], weights=[2, 2, 5, 1])[0])
        when = min(max(when + timedelta(minutes=1), card.due), NOW - timedelta(minutes=1))
        card, log = sched.review_card(card, rating, when)
        logs.append((when, practice.log_to_json(log)))
    return practice.card_to_json(card), logs


def bench_learner(quick: bool) -> dict[str, object]:
    content = check_root(PROJECT_ROOT)[0]
    bank = practice.bank_order(content)
    n_logs = 500 if quick else 5_000
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"{tmp}/bench.sqlite3"
        store = Store(f"sqlite:///{url}")
        learner = store.learners.create_learner("Bench", now=NOW)
        for lesson in content.lessons:
            store.learners.mark_read(learner.id, lesson.id, now=NOW - timedelta(days=200))
        per_card = n_logs // len(bank)
        extra = n_logs - per_card * len(bank)
        with store.db.write() as conn:
            from mglearn.store import tables as t

            for i, (_, qid) in enumerate(bank):
                count = per_card + (1 if i < extra else 0)
                inserted = conn.execute(
                    t.practice_cards.insert().values(
                        learner_id=learner.id,
                        question_id=qid,
                        card="",
                        due=NOW,
                        reps=count,
                        origin="practice",
                        created_at=NOW - timedelta(days=180),
                        updated_at=NOW,
                    )
                )
                card_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
                card_json, logs = history(card_id, count, rng)
                due = practice.card_from_json(card_json).due
                conn.execute(
                    t.practice_cards.update()
                    .where(t.practice_cards.c.id == card_id)
                    .values(card=card_json, due=due)
                )
                conn.execute(
                    t.practice_reviews.insert(),
                    [
                        {
                            "card_id": card_id,
                            "learner_id": learner.id,
                            "question_id": qid,
                            "version": "bench",
                            "source": "practice",
                            "score": 1.0,
                            "rating": json.loads(log)["rating"],
                            "reviewed_at": when,
                            "log": log,
                        }
                        for when, log in logs
                    ],
                )
        settings = practice.Settings()
        sched = practice.scheduler(settings)

        def ours() -> None:
            stored = store.practice.cards(learner.id)
            cards = {qid: c.card for qid, c in stored.items()}
            read = set(store.learners.reads(learner.id))
            start = practice.local_day_start(NOW, ZONE)
            new_today = store.practice.new_started_since(learner.id, start)
            practice.queue(bank, cards, read, NOW, new_today, settings, zone=ZONE)
            practice.today(bank, cards, read, NOW, new_today, settings, zone=ZONE)
            practice.knowledge(bank, cards, sched, NOW)
            practice.forecast(cards.values(), NOW, ZONE)
            times = store.practice.review_times(learner.id, since=start - timedelta(days=400))
            practice.streak(times, NOW, ZONE, store.practice.daily_goal(learner.id))

        raw = sqlite3.connect(url)
        now_text = NOW.isoformat()

        def baseline() -> None:
            rows = raw.execute(
                "select card from practice_cards where learner_id = ?", (learner.id,)
            ).fetchall()
            raw.execute(
                "select reviewed_at from practice_reviews where learner_id = ?", (learner.id,)
            ).fetchall()
            sum(1 for (text,) in rows if json.loads(text)["due"] <= now_text)

        t_ours, t_base = median_time(ours, 5 if quick else 20), median_time(baseline, 5 if quick else 20)
        raw.close()
        store.dispose()
    return {
        "what": f"due queue + knowledge + forecast + streak, 1 learner, {n_logs:,} review logs",
        "ours_s": t_ours,
        "baseline": "bare sqlite3 reads + a loop counting due cards",
        "baseline_s": t_base,
        "target": "per page run: well under 100 ms",
    }


def bench_heatmap(quick: bool) -> dict[str, object]:
    content = check_root(PROJECT_ROOT)[0]
    bank = practice.bank_order(content)
    n_learners = 20 if quick else 200
    rng = random.Random(11)
    sched = practice.scheduler(fuzzing=False)
    # each learner's cards as stored (JSON dicts), with a plausible spread of states
    stored: dict[int, dict[str, dict[str, object]]] = {}
    for learner_id in range(n_learners):
        mine: dict[str, dict[str, object]] = {}
        for i, (_, qid) in enumerate(bank):
            start = NOW - timedelta(days=rng.randint(1, 60))
            card, _ = sched.review_card(practice.new_card(i, start), Rating(rng.randint(1, 4)), start)
            mine[qid] = dict(card.to_dict())
        stored[learner_id] = mine
    lesson_of = {qid: lid for lid, qid in bank}
    learner_ids = list(stored)

    def ours() -> None:
        cards_of = {
            lid: {q: practice.card_from_dict(d) for q, d in cards.items()} for lid, cards in stored.items()
        }
        practice.knowledge_grid(content, learner_ids, cards_of, sched, NOW)

    def baseline() -> None:  # one pass over the same dicts: a mean per learner and lesson
        for cards in stored.values():
            sums: dict[str, list[float]] = {}
            for qid, d in cards.items():
                sums.setdefault(lesson_of[qid], []).append(float(d["stability"] or 0.0))  # type: ignore[arg-type]
            {k: sum(v) / len(v) for k, v in sums.items()}

    return {
        "what": f"knowledge heatmap, {n_learners} learners x {len(bank)} cards",
        "ours_s": median_time(ours, 3 if quick else 10),
        "baseline": "a plain loop averaging a number per learner and lesson over the same dicts",
        "baseline_s": median_time(baseline, 3 if quick else 10),
        "target": "one trainer page run: well under 1 s",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    args = parser.parse_args(argv)
    rows = [bench_learner(args.quick), bench_heatmap(args.quick)]
    print("| what | ours | baseline | baseline time | ratio | target |")
    print("| --- | ---: | --- | ---: | ---: | --- |")
    for r in rows:
        ours, base = float(str(r["ours_s"])), float(str(r["baseline_s"]))
        cells = [r["what"], fmt(ours), r["baseline"], fmt(base), f"{ours / base:.1f}x", r["target"]]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
