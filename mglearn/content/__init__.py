"""The course content: lessons and quizzes written in YAML by an author, and what checks them.

- :mod:`.models`: the models (pydantic) and :class:`Content`, what the app shows;
- :mod:`.loader`: reads a content root into them, every problem reported, never raised;
- :mod:`.check`: ``mglearn check``, the loader plus the rules across files;
- :mod:`.itemrules` and :mod:`.testwise`: the item-writing rules and the test-wise candidate
  that warn an author about a question that gives itself away (docs/AUTHORING.md).

The names below are what the rest of mglearn imports as ``from mglearn.content import ...``.
"""

from ..settings import PROJECT_ROOT as PROJECT_ROOT
from .loader import default_content_dir as default_content_dir
from .loader import load_content as load_content
from .models import LANGS as LANGS
from .models import Content as Content
from .models import ContextNote as ContextNote
from .models import Difficulty as Difficulty
from .models import Lang as Lang
from .models import Lesson as Lesson
from .models import LoadResult as LoadResult
from .models import Located as Located
from .models import Option as Option
from .models import Pair as Pair
from .models import Problem as Problem
from .models import Question as Question
from .models import QuestionType as QuestionType
from .models import Quiz as Quiz
from .models import Section as Section
from .models import Text as Text
