"""`make bench` is not run by CI: its modules import, and the parts that run without the province
database run, so a change of the code they measure cannot leave the benchmark broken unseen."""

import importlib
import pkgutil

import bench


def test_every_benchmark_module_imports():
    names = [m.name for m in pkgutil.iter_modules(bench.__path__) if m.name != "__main__"]
    assert "cascade_bench" in names
    for name in [*names, "__main__"]:
        importlib.import_module(f"bench.{name}")


def test_the_flat_list_benchmark_runs_from_cold_label_caches(monkeypatch):
    from bench import cascade_bench

    monkeypatch.setattr(cascade_bench, "best_of", lambda runs, work, before=None: (before and before(), work(), 1.0)[2])
    figure = cascade_bench.measure_flat_list()["tree_flat_list_read"]
    assert figure == {"value": 1.0, "baseline": 1.0}
