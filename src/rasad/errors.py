"""Every error rasad reports, with a code, so messages stay consistent and searchable."""
from __future__ import annotations


class RasadError(Exception):
    """Base class; ``str()`` is the one-line message shown to users."""

    code = "E000"

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem} [{self.code}]")


class UsageError(RasadError):
    """A command line that cannot run (no input, a bad option value)."""

    code = "E001"


class InputError(RasadError):
    """An input that cannot be read as a document; counts as unreadable."""

    code = "E100"


class MissingInput(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class UndecodableInput(InputError):
    code = "E104"


class MalformedRecord(InputError):
    code = "E105"


class TooLargeInput(InputError):
    code = "E106"


class TooDenseInput(InputError):
    """A document whose annotations pass the per-document work budget (``[input]
    max_annotations``): machine-made text, not an article; one error, the batch goes on."""

    code = "E107"


class OverBudget(InputError):
    """A document the API's extraction process did not finish within its time budget."""

    code = "E108"


class StageError(RasadError):
    """A pipeline stage raised; names the stage and the document."""

    code = "E200"

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        self.stage = stage
        self.doc_id = doc_id
        self.cause = cause
        super().__init__(doc_id, f"stage '{stage}' failed: {type(cause).__name__}: {cause}")


class WorkerLost(RasadError):
    """A document whose worker process died twice (``--workers``): named, the batch goes on."""

    code = "E201"


class ConfigError(RasadError):
    code = "E300"


class GoldError(RasadError):
    code = "E400"


# Warnings attached to documents (they are still processed).
W_NOT_ARABIC = "W101 text is not Arabic ({share:.0%} Arabic letters)"
W_TRUNCATED = "W102 text longer than {limit} characters was truncated"
W_LEGACY = "W103 not UTF-8: decoded as {encoding}"
W_IMPLAUSIBLE = ("W104 {event} event: {dropped} is more than one incident's toll "
                 "(sanity.max_incident_toll): not an exact count, left in the evidence text")


class OutputError(RasadError):
    """An output that cannot be written (a missing directory, no permission)."""

    code = "E600"

