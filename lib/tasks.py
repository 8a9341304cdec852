"""The development task backend: `make run` runs tasks (outgoing mail) in the web process, with
no second process, and still never for a change that rolls back."""

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class ImmediateOnCommitBackend(ImmediateBackend):
    """Runs each task in the process that enqueued it, once the transaction commits (at once
    outside one); a rolled-back transaction drops it. No retry: a task that asks for a later
    run (`run_after`) is refused, as by Django's immediate backend."""

    def enqueue(self, task: Task, args: list, kwargs: dict) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._execute_task(result))
        return result
