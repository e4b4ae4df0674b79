"""The text toolkit both sides share: sentences with offsets, words, stems, numbers, stopwords.

It sits at the bottom of the import graph (index/ uses it to chunk and index, assistant/
to score and verify), so there is one sentence splitter and one stopword module.
"""
