"""mglearn: a bilingual e-learning module on magnesium."""

__version__ = "0.1.0"
