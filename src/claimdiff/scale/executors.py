"""Executors run ``run_shard`` over shards and yield the results in shard order:
:class:`SerialExecutor` (this process) and :class:`DaskExecutor` (a
``distributed.LocalCluster`` or a running scheduler; one spaCy model per worker
process, loaded when the worker joins). Both give the same results.

This module imports without the ``dask`` extra; :class:`DaskExecutor` raises
:class:`~claimdiff.errors.ConfigError` with the install hint when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from ..errors import ConfigError
from ..pipeline import MODEL_NAME, load_nlp
from .parquet import ShardResult, run_shard
from .shards import Shard

__all__ = ["Executor", "SerialExecutor", "DaskExecutor", "MODEL_PLUGIN", "model_plugin"]

#: The name the model-loading worker plugin is registered under.
MODEL_PLUGIN = "claimdiff-model"


def _distributed() -> tuple[Any, Any]:
    """``distributed.Client`` and ``LocalCluster``, or a ConfigError naming the extra."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(f"the dask engine needs dask[distributed] and pyarrow ({exc.name} is missing); "
                          "run `pip install 'claimdiff[dask]'`") from exc
    return Client, LocalCluster


class Executor(Protocol):
    """Runs ``run_shard`` over shards; yields the results in shard order."""

    def map_shards(self, shards: Sequence[Shard], **kwargs: Any) -> Iterator[ShardResult]:
        """Run every shard; yield each result once it and all earlier ones are done."""
        ...

    def close(self) -> None:
        """Release what the executor holds (processes, connections)."""
        ...


class SerialExecutor:
    """Runs shards one after another in this process (same results as ``DaskExecutor``)."""

    def map_shards(self, shards: Sequence[Shard], **kwargs: Any) -> Iterator[ShardResult]:
        """Run each shard in turn."""
        for shard in shards:
            yield run_shard(shard, **kwargs)

    def close(self) -> None:
        """Nothing to release."""


def model_plugin(model: str) -> Any:
    """A worker plugin that loads the spaCy pipeline when a worker joins, so the first
    shard does not pay for it and a worker without the model package fails at once, by name."""
    from distributed import WorkerPlugin

    class LoadModel(WorkerPlugin):
        name = MODEL_PLUGIN

        def setup(self, worker: Any) -> None:
            """Load the pipeline into this worker process's cache."""
            load_nlp(model)

    return LoadModel()


class DaskExecutor:
    """Runs shards on Dask workers: a fresh ``LocalCluster`` of ``workers`` processes with
    one thread each, or the running cluster at ``scheduler`` (``tcp://host:8786``)."""

    def __init__(self, *, workers: int = 2, scheduler: str | None = None, model: str = MODEL_NAME) -> None:
        Client, LocalCluster = _distributed()
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                                  "check the address and that `dask scheduler` runs there") from exc
        else:
            if workers < 1:
                raise ConfigError(f"--workers must be at least 1, not {workers}")
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")  # no fixed port: never collides
            self.client = Client(self.cluster)
        try:
            self.client.register_plugin(model_plugin(model), name=MODEL_PLUGIN)
        except ConfigError as exc:
            self.close()
            raise ConfigError(f"a Dask worker cannot load the model: {exc.message} (on every worker machine)") from exc

    def map_shards(self, shards: Sequence[Shard], **kwargs: Any) -> Iterator[ShardResult]:
        """Submit every shard at once (earlier shards first) and yield results in order,
        so the client merges shard 0 while the workers extract the next ones."""
        futures = [self.client.submit(run_shard, shard, key=f"claimdiff-shard-{shard.index}-{shard.key}",
                                      priority=-shard.index, pure=False, **kwargs) for shard in shards]
        try:
            for future in futures:
                result = future.result()
                future.release()
                yield result
        finally:
            for future in futures:
                if not future.done():
                    future.cancel()

    def close(self) -> None:
        """Close the client and, when this executor started it, the local cluster."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
