"""City data as data: one folder of JSON and CSV files per city, read by one loader.

`hue/` is the bundled default (Huế); docs/cities.md describes every file. The settings read the
configured city's `city.json` through `config/city.py`; files are read with `core/datafiles.py`.
"""
