"""What the module test files share about their MISTAKEN_ANSWERS tables (not a test module).

The generic checks of a table — every registered mistake has an entry, every hint fires on
exactly its mistake — run once, on the merged table, in test_exercises_bank.py."""

import numpy as np

from kamlab.exercises import expected_answer


def assert_mistakes_differ(mistaken_answers: dict, exercise_id: str, *, rtol=1e-3, atol=1e-3):
    """Each hint is for one slip: no two of ``exercise_id``'s mistaken answers coincide with
    each other or with the right answer (within ``rtol``/``atol``, the checks' tolerance)."""
    values = [(name, float(f())) for (e, name), f in mistaken_answers.items() if e == exercise_id]
    assert values, f"no mistaken answers for {exercise_id}"
    values.append(("right", float(expected_answer(exercise_id))))
    for i, (a, x) in enumerate(values):
        for b, y in values[i + 1:]:
            assert not np.isclose(x, y, rtol=rtol, atol=atol), (exercise_id, a, b)
