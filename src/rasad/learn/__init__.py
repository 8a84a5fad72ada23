"""Training and judging the learned decision layer (needs the ``train`` extra: scikit-learn).

- :mod:`rasad.learn.corpus`: gold sets read and run through the pipeline up to the event
  candidates, once;
- :mod:`rasad.learn.labels`: what the gold says about each candidate, mention, count and pair;
- :mod:`rasad.learn.train`: fitting the five models of :mod:`rasad.events.model`;
- :mod:`rasad.learn.cv`: document-level k-fold cross-validation, scored by ``rasad eval``.
"""
