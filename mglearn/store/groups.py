"""Groups, memberships, assignments, and what a group did (for the trainer's views)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..errors import NotFound, StoreConflict, UserError
from ..records import Assignment, Attempt, GivenAnswer, Group, Learner, LessonRead
from . import tables as t
from .base import as_utc, clean_name, clean_text, new_code, normalize_code, upsert
from .database import Database
from .guesses import Guesses
from .learners import learner_of
from .rows import attempt_of

MAX_TITLE = 120


def group_of(row: Any) -> Group:
    return Group(row.id, row.trainer_id, row.name, row.join_code, as_utc(row.created_at))


def assignment_of(row: Any) -> Assignment:
    return Assignment(
        id=row.id,
        group_id=row.group_id,
        title=row.title,
        lessons=tuple(json.loads(row.lessons)),
        quizzes=tuple(json.loads(row.quizzes)),
        due_at=as_utc(row.due_at),
        pass_mark=row.pass_mark,
        created_at=as_utc(row.created_at),
    )


class Groups:
    """Groups, memberships, assignments, and what a group did; a wrong join code counts in
    ``guesses``."""

    def __init__(self, db: Database, guesses: Guesses) -> None:
        self.db = db
        self.guesses = guesses

    def create_group(self, trainer_id: int, name: str, now: datetime) -> Group:
        name = clean_name(name)
        for _ in range(10):
            code = new_code("GR")
            try:
                with self.db.write() as conn:
                    new_id = conn.execute(
                        t.groups.insert().values(
                            trainer_id=trainer_id, name=name, join_code=code, created_at=as_utc(now)
                        )
                    ).inserted_primary_key
            except StoreConflict:
                continue
            assert new_id is not None
            return self.group(int(new_id[0]), trainer_id)
        raise RuntimeError("could not find a free join code")  # pragma: no cover

    def rename_group(self, group: Group, name: str) -> Group:
        name = clean_name(name)
        with self.db.write() as conn:
            conn.execute(t.groups.update().where(t.groups.c.id == group.id).values(name=name))
        return self.group(group.id, group.trainer_id)

    def delete_group(self, group: Group) -> None:
        """The group, its memberships and assignments go; learners keep every answer."""
        with self.db.write() as conn:
            conn.execute(t.assignments.delete().where(t.assignments.c.group_id == group.id))
            conn.execute(t.memberships.delete().where(t.memberships.c.group_id == group.id))
            conn.execute(
                t.groups.delete().where(t.groups.c.id == group.id, t.groups.c.trainer_id == group.trainer_id)
            )

    def group(self, group_id: int, trainer_id: int) -> Group:
        """A group, only for the trainer who owns it."""
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(t.groups).where(t.groups.c.id == group_id, t.groups.c.trainer_id == trainer_id)
            ).first()
        if row is None:
            raise NotFound("error.group_unknown")
        return group_of(row)

    def groups_of(self, trainer_id: int) -> list[Group]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(t.groups).where(t.groups.c.trainer_id == trainer_id).order_by(t.groups.c.id)
            )
            return [group_of(r) for r in rows]

    def group_by_code(self, join_code: str, client: str | None = None, *, now: datetime) -> Group | None:
        """The group with this join code; with ``client``, wrong codes are slowed down as in
        :meth:`learner_by_code`."""
        code = normalize_code(join_code, "GR")
        if code is None:
            return None
        if client is not None:
            self.guesses.code_wait(client, now)
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.groups).where(t.groups.c.join_code == code)).first()
        if row is None and client is not None:
            self.guesses.code_missed(client, now)
        return group_of(row) if row else None

    def join_group(self, learner_id: int, join_code: str, now: datetime, client: str | None = None) -> Group:
        code = normalize_code(join_code, "GR")
        if client is not None and code is not None:
            found = self.group_by_code(
                join_code, client, now=now
            )  # a wrong code counts, a waiting client waits
            if found is None:
                raise NotFound("error.join_unknown")
        with self.db.write() as conn:
            row = (
                conn.execute(sa.select(t.groups).where(t.groups.c.join_code == code)).first()
                if code
                else None
            )
            if row is None:
                raise NotFound("error.join_unknown")
            values = {"group_id": row.id, "learner_id": learner_id, "joined_at": as_utc(now)}
            upsert(conn, t.memberships, values, ("group_id", "learner_id"), ())
        return group_of(row)

    def leave_group(self, learner_id: int, group_id: int) -> None:
        """A learner leaves (or a trainer removes them); their answers stay."""
        with self.db.write() as conn:
            conn.execute(
                t.memberships.delete().where(
                    t.memberships.c.group_id == group_id, t.memberships.c.learner_id == learner_id
                )
            )

    def learner_groups(self, learner_id: int) -> list[Group]:
        query = (
            sa.select(t.groups)
            .join(t.memberships, t.memberships.c.group_id == t.groups.c.id)
            .where(t.memberships.c.learner_id == learner_id)
            .order_by(t.groups.c.id)
        )
        with self.db.read() as conn:
            return [group_of(r) for r in conn.execute(query)]

    def members(self, group_id: int) -> list[Learner]:
        query = (
            sa.select(t.learners)
            .join(t.memberships, t.memberships.c.learner_id == t.learners.c.id)
            .where(t.memberships.c.group_id == group_id)
            .order_by(t.learners.c.name, t.learners.c.id)
        )
        with self.db.read() as conn:
            return [learner_of(r) for r in conn.execute(query)]

    # -- assignments --

    def _assignment_values(
        self, title: str, lessons: Sequence[str], quizzes: Sequence[str], pass_mark: float | None
    ) -> dict[str, Any]:
        title = clean_text(title, MAX_TITLE, "error.assignment_title", "error.assignment_title_long")
        if not lessons and not quizzes:
            raise UserError("error.assignment_empty")
        if pass_mark is not None and not 0 < pass_mark <= 1:
            raise UserError("error.pass_mark")
        return {
            "title": title,
            "lessons": json.dumps(list(lessons)),
            "quizzes": json.dumps(list(quizzes)),
            "pass_mark": pass_mark,
        }

    def create_assignment(
        self,
        group: Group,
        title: str,
        lessons: Sequence[str],
        quizzes: Sequence[str],
        due_at: datetime,
        pass_mark: float | None = None,
        *,
        now: datetime,
    ) -> Assignment:
        values = self._assignment_values(title, lessons, quizzes, pass_mark)
        now = as_utc(now)
        if as_utc(due_at) <= now:
            raise UserError("error.due_past")
        with self.db.write() as conn:
            new_id = conn.execute(
                t.assignments.insert().values(
                    group_id=group.id, due_at=as_utc(due_at), created_at=now, **values
                )
            ).inserted_primary_key
        assert new_id is not None
        return next(a for a in self.assignments([group.id]) if a.id == int(new_id[0]))

    def update_assignment(
        self,
        assignment: Assignment,
        title: str,
        lessons: Sequence[str],
        quizzes: Sequence[str],
        due_at: datetime,
        pass_mark: float | None = None,
        *,
        now: datetime,
    ) -> Assignment:
        values = self._assignment_values(title, lessons, quizzes, pass_mark)
        if as_utc(due_at) <= as_utc(now) and as_utc(due_at) != assignment.due_at:
            raise UserError("error.due_past")
        with self.db.write() as conn:
            conn.execute(
                t.assignments.update()
                .where(t.assignments.c.id == assignment.id)
                .values(due_at=as_utc(due_at), **values)
            )
        return next(a for a in self.assignments([assignment.group_id]) if a.id == assignment.id)

    def delete_assignment(self, assignment: Assignment) -> None:
        with self.db.write() as conn:
            conn.execute(t.assignments.delete().where(t.assignments.c.id == assignment.id))

    def assignments(self, group_ids: Sequence[int]) -> list[Assignment]:
        if not group_ids:
            return []
        query = (
            sa.select(t.assignments)
            .where(t.assignments.c.group_id.in_(list(group_ids)))
            .order_by(t.assignments.c.due_at, t.assignments.c.id)
        )
        with self.db.read() as conn:
            return [assignment_of(r) for r in conn.execute(query)]

    # -- what a group did --

    def group_reads(self, learner_ids: Sequence[int]) -> list[LessonRead]:
        if not learner_ids:
            return []
        query = sa.select(t.lesson_reads).where(t.lesson_reads.c.learner_id.in_(list(learner_ids)))
        with self.db.read() as conn:
            return [LessonRead(r.learner_id, r.lesson_id, as_utc(r.read_at)) for r in conn.execute(query)]

    def group_attempts(self, learner_ids: Sequence[int]) -> list[Attempt]:
        if not learner_ids:
            return []
        query = (
            sa.select(t.attempts)
            .where(t.attempts.c.learner_id.in_(list(learner_ids)), t.attempts.c.kind == "quiz")
            .order_by(t.attempts.c.id)
        )
        with self.db.read() as conn:
            return [attempt_of(r) for r in conn.execute(query)]

    def responses(self, quiz_id: str, learner_ids: Sequence[int] | None = None) -> list[GivenAnswer]:
        """Every answer of every submitted attempt of a quiz."""
        query = (
            sa.select(
                t.answers.c.attempt_id,
                t.attempts.c.learner_id,
                t.answers.c.question_id,
                t.answers.c.response,
                t.answers.c.score,
            )
            .join(t.attempts, t.attempts.c.id == t.answers.c.attempt_id)
            .where(t.attempts.c.quiz_id == quiz_id, t.attempts.c.submitted_at.is_not(None))
        )
        if learner_ids is not None:
            query = query.where(t.attempts.c.learner_id.in_(list(learner_ids)))
        with self.db.read() as conn:
            result = []
            for r in conn.execute(query):
                response = json.loads(r.response)
                answered = any(x is not None for x in response)
                result.append(
                    GivenAnswer(r.attempt_id, r.learner_id, r.question_id, response, r.score or 0.0, answered)
                )
            return result
