"""BM25 saves: a small change is appended to the delta file, the base is left as it was;
what is read back is the last complete save, whatever was cut short after it."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from index import lexical_file
from index.lexical import FILE_NAME, LexicalIndex
from index.lexical_file import DELTA_NAME

pytestmark = pytest.mark.unit

QUERIES = ("topic3 words", "number601", "shared text", "number4 topic1", "volcano")


def _text(i: int) -> str:
    return f"topic{i % 7} words number{i} shared text" + (" volcano" if i % 11 == 0 else "")


def _built(directory: Path, n: int = 600) -> LexicalIndex:
    index = LexicalIndex.open(directory)
    ids = [f"doc{i}#0" for i in range(n)]
    index.add(ids, [_text(i) for i in range(n)])
    index.save(generation=2)
    return index


def _same(a: LexicalIndex, b: LexicalIndex) -> None:
    assert a.ids() == b.ids()
    for query in QUERIES:
        assert dict(a.search(query, 1000)) == pytest.approx(dict(b.search(query, 1000)))


def test_a_small_change_is_appended_and_the_base_left_alone(tmp_path: Path) -> None:
    index = _built(tmp_path)
    base = (tmp_path / FILE_NAME).read_bytes()
    index.add(["new#0"], ["Brand new chunk about volcanoes and glaciers."])
    index.delete(["doc5#0", "doc600#0"])  # an old row, and an id never seen
    index.save(generation=4)
    assert (tmp_path / FILE_NAME).read_bytes() == base
    first = (tmp_path / DELTA_NAME).stat().st_size
    index.add(["doc5#0"], ["It came back with a new text about glaciers."])  # re-added
    index.save(generation=6)
    assert (tmp_path / DELTA_NAME).stat().st_size > first
    reopened = LexicalIndex.open(tmp_path)
    assert reopened.generation == 6
    _same(reopened, index)
    assert {cid for cid, _ in reopened.search("glaciers", 5)} == {"doc5#0", "new#0"}


def test_a_record_cut_short_reads_back_as_the_save_before(tmp_path: Path) -> None:
    index = _built(tmp_path)
    index.add(["new#0"], ["volcano eruption"])
    index.save(generation=4)
    before = LexicalIndex.open(tmp_path)
    index.add(["new#1"], ["another volcano"])
    index.save(generation=6)
    delta = tmp_path / DELTA_NAME
    delta.write_bytes(delta.read_bytes()[:-7])  # a write killed mid-append
    cut = LexicalIndex.open(tmp_path)
    assert cut.generation == 4  # behind the manifest's: the caller rebuilds
    _same(cut, before)
    cut.add(["new#2"], ["a third volcano"])  # appending after a torn tail would be lost
    cut.save(generation=8)
    assert LexicalIndex.open(tmp_path).generation == 8
    _same(LexicalIndex.open(tmp_path), cut)


def test_a_rebuilt_index_writes_a_new_base_and_drops_the_old_delta(tmp_path: Path) -> None:
    index = _built(tmp_path)
    index.add(["new#0"], ["volcano eruption"])
    index.save(generation=4)
    assert (tmp_path / DELTA_NAME).exists()
    rebuilt = LexicalIndex.empty(tmp_path)
    rebuilt.add(["only#0"], ["a single chunk"])
    rebuilt.save(generation=6)
    assert not (tmp_path / DELTA_NAME).exists()
    reopened = LexicalIndex.open(tmp_path)
    assert (reopened.generation, reopened.ids()) == (6, {"only#0"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]  # no temp files


def test_a_stale_writer_rewrites_instead_of_appending(tmp_path: Path) -> None:
    first = _built(tmp_path)
    second = LexicalIndex.open(tmp_path)
    second.add(["b#0"], ["written by another process"])
    second.save(generation=4)
    first.add(["a#0"], ["a writer that did not reload"])
    first.save(generation=6)  # the delta is not what `first` read: a whole new base
    reopened = LexicalIndex.open(tmp_path)
    assert reopened.generation == 6
    _same(reopened, first)


def test_the_delta_is_folded_into_a_new_base_when_it_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexical_file, "DELTA_MIN_ROWS", 3)
    index = _built(tmp_path, n=16)  # limit: max(3, 16 // 8) = 3 delta rows
    for i in range(3):
        index.add([f"more{i}#0"], [_text(i)])
        index.save(generation=4 + 2 * i)
        assert (tmp_path / DELTA_NAME).exists()
    index.add(["more3#0"], [_text(3)])
    index.save(generation=10)
    assert not (tmp_path / DELTA_NAME).exists()
    _same(LexicalIndex.open(tmp_path), index)


def test_random_updates_and_saves_read_back_as_the_index(tmp_path: Path) -> None:
    rng = random.Random(7)
    index = _built(tmp_path, n=300)
    live = {f"doc{i}#0" for i in range(300)}
    for step in range(40):
        for _ in range(rng.randrange(1, 6)):
            i = rng.randrange(800)
            cid = f"doc{i}#0"
            if cid in live and rng.random() < 0.5:
                index.delete([cid])
                live.discard(cid)
            else:
                index.add([cid], [_text(i + step)])
                live.add(cid)
        if rng.random() < 0.2:  # a bulk add goes through the compacted rows
            bulk = [f"bulk{step}-{j}#0" for j in range(300)]
            index.add(bulk, [_text(j) for j in range(300)])
            live.update(bulk)
        index.save(generation=4 + 2 * step)
        if step % 3 == 0:
            index = LexicalIndex.open(tmp_path)
        assert index.ids() == live
    reopened = LexicalIndex.open(tmp_path)
    assert reopened.generation == 4 + 2 * 39
    _same(reopened, index)


def test_a_lazy_open_appends_without_reading_the_rows_and_matches_an_eager_one(
    tmp_path: Path,
) -> None:
    eager_dir, lazy_dir = tmp_path / "eager", tmp_path / "lazy"
    _built(eager_dir, n=400)
    shutil.copytree(eager_dir, lazy_dir)
    base = (lazy_dir / FILE_NAME).read_bytes()
    rng = random.Random(11)
    eager, lazy = LexicalIndex.open(eager_dir), LexicalIndex.open(lazy_dir, lazy=True)
    for step in range(30):
        ops: list[tuple[str, list[str]]] = []
        for _ in range(rng.randrange(1, 5)):
            i = rng.randrange(600)
            if rng.random() < 0.4:
                ops.append(("delete", [f"doc{i}#0"]))
            else:
                ops.append(("add", [f"doc{i}#0", _text(i + step)]))
        if step == 20:  # a bulk add reads the rows first
            ops.append(("bulk", [str(step)]))
        for index in (eager, lazy):
            for kind, args in ops:
                if kind == "delete":
                    index.delete(args)
                elif kind == "add":
                    index.add([args[0]], [args[1]])
                else:
                    bulk = [f"bulk{args[0]}-{j}#0" for j in range(300)]
                    index.add(bulk, [_text(j) for j in range(300)])
            index.save(generation=4 + 2 * step)
        assert lazy.ids() == eager.ids() and len(lazy) == len(eager)
        if step < 10 or 12 < step < 20:
            assert lazy.lazy  # appends only: the counts were never read
            assert (lazy_dir / FILE_NAME).read_bytes() == base
        if step == 10:  # a search reads the rows in place, and appending goes on
            assert lazy.search("topic3 words", 50) == eager.search("topic3 words", 50)
            assert not lazy.lazy
        if step in (12, 25):
            eager, lazy = LexicalIndex.open(eager_dir), LexicalIndex.open(lazy_dir, lazy=True)
    for query in QUERIES:
        assert lazy.search(query, 1000) == eager.search(query, 1000)
    reopened = LexicalIndex.open(lazy_dir)
    assert reopened.generation == 4 + 2 * 29
    for query in QUERIES:
        assert reopened.search(query, 1000) == eager.search(query, 1000)


def test_a_lazy_index_rewritten_behind_its_back_is_not_read_as_its_rows(tmp_path: Path) -> None:
    _built(tmp_path, n=50)
    lazy = LexicalIndex.open(tmp_path, lazy=True)
    other = LexicalIndex.empty(tmp_path)
    other.add(["x#0"], ["something else entirely"])
    other.save(generation=4)
    with pytest.raises(RuntimeError, match="rewritten"):
        lazy.search("words", 5)
