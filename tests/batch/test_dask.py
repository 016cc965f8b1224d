"""The batch on a Dask cluster (processes on 127.0.0.1): the same bytes as the local batch."""
from __future__ import annotations

import pytest

from satori_py import render_many
from satori_py.batch import worker

from .test_cli_batch import TEMPLATE, cli
from .test_render_many import CARD, SIZE, rows

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=50) as cluster:
        yield cluster


def test_a_dask_batch_is_byte_identical_to_the_local_batch(cluster) -> None:
    data = rows(12, bad=5)
    local = [(r.index, r.ok, r.data) for r in render_many(data, template=CARD, jobs=2, **SIZE)]
    with distributed.Client(cluster) as client:
        remote = [(r.index, r.ok, r.data) for r in render_many(data, template=CARD, executor=client, **SIZE)]
        setups = client.run(worker.setups)
    assert remote == local
    assert [ok for _, ok, _ in remote].count(False) == 1
    # The context (fonts, template) was prepared at most once in each worker process.
    assert set(setups.values()) <= {0, 1} and sum(setups.values()) >= 1


def test_the_cli_renders_on_a_scheduler(cluster, tmp_path) -> None:
    (tmp_path / "card.html").write_text(TEMPLATE)
    (tmp_path / "rows.jsonl").write_text('{"slug": "a", "title": "A", "author": "x", "bg": "red"}\n'
                                         '{"slug": "b", "title": "B", "author": "y", "bg": "blue"}\n')
    run = cli("card.html", "--data", "rows.jsonl", "--out-dir", "out", "--name", "{slug}.png",
              "--scheduler", cluster.scheduler_address, "--width", "200", "--height", "105", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    local = tmp_path / "local"
    assert cli("card.html", "--data", "rows.jsonl", "--out-dir", "local", "--name", "{slug}.png", "--jobs", "1",
               "--width", "200", "--height", "105", cwd=tmp_path).returncode == 0
    for name in ("a.png", "b.png"):
        assert (tmp_path / "out" / name).read_bytes() == (local / name).read_bytes()
