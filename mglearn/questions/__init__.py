"""Question types, one module each: how a type is graded, what a valid and the right response
are, how a response reads in an export or a history, its GIFT export, its content checks and
which item rules and test-wise strategies play it. Pure code: no streamlit, no store, no clock.

The protocol is :class:`mglearn.questions.base.QuestionKind`; ``registry.TYPES`` maps a
question's ``type:`` to its module. A new type is a module plus one registry line (and its
widgets in ``mglearn/ui/question_types.py``).
"""
