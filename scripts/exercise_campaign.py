"""Report the mutation campaign: how the exercise checks fare against the wrong answers kept in
tests/exercises/ (and the right answers written differently from the book's solutions).

Usage::

    MLCOURSE_SEED=11 python scripts/exercise_campaign.py

One row per exercise: wrong answers by kind (value, edge, type, rule, cheat), how many failed,
how many were named as a known mistake (of those registered as one), and how many of the other
right answers passed. The tests require every wrong answer to fail (tests/test_wrong_answers.py)
and every right answer to pass (tests/test_exercises.py); this script shows the proportions in
one table.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("MLCOURSE_SEED", "11")

from mlcourse.exercises import Status, check_source, registry
from tests.exercise_cases import RIGHT_ANSWERS, WRONG_ANSWERS

KINDS = ("value", "edge", "type", "rule", "cheat")


def main() -> int:
    print(f"{'exercise':<31}" + "".join(f"{k:>6}" for k in KINDS)
          + f"{'failed':>9}{'named':>8}{'right':>7}")
    totals: Counter[str] = Counter()
    for exercise_id in sorted(registry, key=lambda i: (registry[i].chapter, i)):
        answers = WRONG_ANSWERS.get(exercise_id, [])
        kinds = Counter(answer.kind for answer in answers)
        failed = named = registered = 0
        for answer in answers:
            verdict = check_source(exercise_id, answer.source)
            failed += verdict.status is Status.FAILED
            if answer.mistake is not None:
                registered += 1
                named += answer.mistake in verdict.mistakes
        rights = RIGHT_ANSWERS.get(exercise_id, [])
        passed = sum(check_source(exercise_id, source).status is Status.PASSED
                     for source in rights)
        totals.update(wrong=len(answers), failed=failed, named=named, registered=registered,
                      right=len(rights), passed=passed, **kinds)
        print(f"{exercise_id:<31}" + "".join(f"{kinds[k]:>6}" for k in KINDS)
              + f"{failed:>4}/{len(answers):<4}{named:>3}/{registered:<4}"
              f"{passed:>3}/{len(rights):<3}")
    print(f"{'all':<31}" + "".join(f"{totals[k]:>6}" for k in KINDS)
          + f"{totals['failed']:>4}/{totals['wrong']:<4}"
          f"{totals['named']:>3}/{totals['registered']:<4}"
          f"{totals['passed']:>3}/{totals['right']:<3}")
    clean = totals["failed"] == totals["wrong"] and totals["passed"] == totals["right"]
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
