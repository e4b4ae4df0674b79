"""One module per article file format; each turns decoded file content into `Draft`s.

`base` holds what every format shares (the draft, turning it into an `Article`),
`reading` the byte-level checks (size, binary, UTF-8) done before any format runs.
"""
