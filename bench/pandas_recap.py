"""The recap's achievement figures computed in plain, vectorised pandas: the baseline."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.storage.store import Store


def pandas_achievement(store: Store, year: int, quarter: int) -> pd.Series:
    """Achievement % per indicator code (positive, negative (2T − R)/T, range; all four modes)."""
    indicators = store.df("SELECT id, code, polarity, aggregation FROM indicator").set_index("id")
    targets = store.df("SELECT * FROM target WHERE year = ?", [year])
    figures = store.df("SELECT * FROM realization_current WHERE year = ? AND quarter <= ?", [year, quarter])
    ra = targets[targets.kind == "ra"].pivot(index="indicator_id", columns="quarter", values="value")
    ra_high = targets[targets.kind == "ra"].pivot(index="indicator_id", columns="quarter", values="value_high")
    values = figures.pivot(index="indicator_id", columns="quarter", values="value").reindex(
        columns=range(1, quarter + 1)
    )
    num = figures.pivot(index="indicator_id", columns="quarter", values="numerator").reindex(
        columns=range(1, quarter + 1)
    )
    den = figures.pivot(index="indicator_id", columns="quarter", values="denominator").reindex(
        columns=range(1, quarter + 1)
    )
    agg = indicators["aggregation"].reindex(values.index)
    so_far = list(range(1, quarter + 1))
    realization = pd.Series(
        np.select(
            [agg == "SUM", agg == "LAST", agg == "AVG", agg == "RATIO"],
            [
                values[so_far].sum(axis=1, skipna=False),
                values[quarter],
                values[so_far].mean(axis=1, skipna=False),
                num[so_far].sum(axis=1, skipna=False) / den[so_far].sum(axis=1, skipna=False) * 100,
            ],
        ),
        index=values.index,
    )
    low = pd.Series(
        np.select(
            [agg == "SUM", agg == "AVG"],
            [ra[so_far].sum(axis=1), ra[so_far].mean(axis=1)],
            ra[quarter].reindex(values.index),
        ),
        index=values.index,
    )
    high = pd.Series(
        np.select(
            [agg == "SUM", agg == "AVG"],
            [ra_high[so_far].sum(axis=1), ra_high[so_far].mean(axis=1)],
            ra_high[quarter].reindex(values.index),
        ),
        index=values.index,
    )
    polarity = indicators["polarity"].reindex(values.index)
    positive = realization / low * 100
    negative = (2 * low - realization) / low * 100
    ranged = np.where(
        realization < low,
        realization / low * 100,
        np.where(realization > high, (2 * high - realization) / high * 100, 100.0),
    )
    result = np.select([polarity == "positif", polarity == "negatif"], [positive, negative], ranged)
    return pd.Series(result, index=indicators.loc[values.index, "code"].values)
