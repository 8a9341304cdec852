"""`manage.py triage --evaluate FILE`: the report's format, and clear errors for bad files."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

HEADER = "label\tlang\tabout\tkind\ttext\n"


def evaluate(path: object) -> str:
    out = io.StringIO()
    call_command("triage", "--evaluate", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_prints_recall_specificity_the_misses_and_the_false_alarms(tmp_path: object) -> None:
    path = tmp_path / "cases.tsv"
    path.write_text(
        "\ufeff"  # a BOM, as some editors save
        + HEADER
        + "urgent\tfr\tself\twish_dead\tje veux mourir\n"
        + "urgent\ten\tself\tplan\tQuelle heure est-il?\n"
        + "routine\tfr\tself\tother\tBonjour, une question sur mon horaire.\n",
        encoding="utf-8",
    )

    lines = evaluate(path).splitlines()

    assert lines[0] == "recall 50.0% (1 of 2 urgent messages flagged)"
    assert lines[1] == "specificity 100.0% (1 of 1 routine messages left routine)"
    assert lines[2] == "misses: 1"
    assert lines[3] == "  miss\ten\tself\tplan\tQuelle heure est-il?"
    assert lines[4:] == ["false alarms: 0"]


@pytest.mark.parametrize(
    "content, says",
    [
        (None, "cannot be read"),
        ("label,text\nurgent,x\n", "first line"),
        (HEADER, "no labelled message"),
        (HEADER + "maybe\tfr\tself\tother\tx\n", "line 2"),
        (HEADER + "urgent\tfr\tself\tother\tx\textra\n", "line 2"),
        (HEADER + "urgent\tfr\tself\tother\t" + "x" * 200_000 + "\n", "cannot be read"),
        (b"\xff\xfe\x00binary", "cannot be read"),
    ],
)
def test_a_file_that_cannot_be_read_gives_a_clear_error(
    tmp_path: object, content: object, says: str
) -> None:
    path = tmp_path / "cases.tsv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=says):
        evaluate(path)
