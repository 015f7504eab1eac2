"""Mend: a submitted notebook's JSON put in nbformat's shape before nbgrader reads it.

nbgrader and nbformat stop on a notebook whose cells are malformed (grading metadata that is a
text, points that are not a number, a cell without ``source``): the whole notebook would get 0.
Here each malformed part is mended on its own (:func:`mend_notebook`), so that it costs at most the
question it belongs to:

- a cell that is not a cell (not a JSON object) is left out;
- a cell of an unknown type becomes a raw cell; a source that is not text becomes empty text;
  metadata that is not an object becomes empty; a cell id that is missing, repeated or that nbformat
  refuses is replaced;
- grading metadata (``metadata.nbgrader``) of the wrong type, or with fields of the wrong type:
  where its grade id is one of the assignment's, the wrong fields are taken from the source;
  otherwise the metadata is removed, and the cell runs as a plain cell (its question, if it had
  one, is then graded without it);
- a code cell's saved outputs and execution count are cleared (nbgrader clears them anyway);
- the notebook's own metadata and version are set where they are not what nbformat reads.

Each repair is said in words; the notebook's text, its outputs aside, is otherwise left as it is.

>>> nb = {"cells": [{"cell_type": "code", "metadata": {"nbgrader": "oops"}},
...                 {"cell_type": "code", "source": "x = 1", "metadata": {"nbgrader":
...                  {"grade_id": "q1_tests", "grade": True, "points": "lots", "solution": False}}}]}
>>> mended, repairs = mend_notebook(nb, {"q1_tests": {"grade_id": "q1_tests", "grade": True, "points": 2,
...                                                   "solution": False, "locked": True}})
>>> mended["cells"][1]["metadata"]["nbgrader"]["points"], repairs
(2, ['cell 1 had no source: taken as empty', "cell 1's grading metadata could not be read: it runs as a plain \
cell", "cell 2 ('q1_tests'): not valid, so taken from the assignment: points"])
"""

from __future__ import annotations

import re

__all__ = ["mend_notebook", "nbgrader_check", "FIELDS"]

#: nbgrader's metadata fields and the types it accepts.
FIELDS = {"grade": (bool,), "solution": (bool,), "locked": (bool,), "task": (bool,), "grade_id": (str,),
          "points": (int, float), "schema_version": (int,), "checksum": (str,), "cell_type": (str,)}
_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}\Z")


def _mend_nbgrader(meta, known, where, repairs):
    """The grading metadata of one cell, mended, or None to remove it."""
    if not isinstance(meta, dict):
        repairs.append(f"{where}'s grading metadata could not be read: it runs as a plain cell")
        return None
    gid = meta.get("grade_id")
    source = known.get(gid) if isinstance(gid, str) else None
    bad = [name for name, types in FIELDS.items()
           if name in meta and (type(meta[name]) not in types or (name == "points" and not meta[name] >= 0))]
    if not bad:
        return meta
    if source is None:
        repairs.append(f"{where}'s grading metadata was not valid ({', '.join(bad)}): it runs as a plain cell")
        return None
    mended = dict(meta)
    for name in bad:
        if name in source:
            mended[name] = source[name]
        else:
            del mended[name]
    repairs.append(f"{where} ({gid!r}): not valid, so taken from the assignment: {', '.join(bad)}")
    return mended


def _checked(cell, known, check, where, repairs):
    """The cell's grading metadata as nbgrader's ``check`` (a function of the cell that raises)
    accepts it: as it is, else from the source (its grade id is one of the assignment's), else none."""
    meta = cell["metadata"].get("nbgrader")
    if meta is None or check is None:
        return
    try:
        check(cell)
        return
    except Exception as error:
        why = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    gid = meta.get("grade_id")
    if isinstance(gid, str) and gid in known:
        cell["metadata"]["nbgrader"] = {**known[gid], **({"checksum": meta["checksum"]}
                                                         if isinstance(meta.get("checksum"), str) else {})}
        try:
            check(cell)
            repairs.append(f"{where} ({gid!r}): its grading metadata was not valid ({why}): taken from the assignment")
            return
        except Exception:
            pass
    del cell["metadata"]["nbgrader"]
    repairs.append(f"{where}'s grading metadata was not valid ({why}): it runs as a plain cell")


def mend_notebook(data, known, check=None):
    """``(notebook, repairs)``: the JSON of a notebook (a dict with a list of cells) mended as the
    module says. ``known`` maps each grade id of the source notebook to its grading metadata;
    ``check`` (optional) is nbgrader's own check of one cell's metadata, a function that raises:
    metadata it refuses is taken from the source or removed, so nbgrader never refuses the notebook."""
    repairs, cells = [], []
    for index, cell in enumerate(data.get("cells", [])):
        where = f"cell {index + 1}"
        if not isinstance(cell, dict):
            repairs.append(f"{where} was not a notebook cell: left out")
            continue
        cell = dict(cell)
        if cell.get("cell_type") not in ("code", "markdown", "raw"):
            repairs.append(f"{where} had an unknown type: kept as raw text")
            cell["cell_type"] = "raw"
        source = cell.get("source")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            cell["source"] = "".join(source)
        elif not isinstance(source, str):
            repairs.append(f"{where} had no source: taken as empty")
            cell["source"] = ""
        if not isinstance(cell.get("metadata"), dict):
            if "metadata" in cell:
                repairs.append(f"{where}'s metadata could not be read: left out")
            cell["metadata"] = {}
        else:
            cell["metadata"] = dict(cell["metadata"])
        if "nbgrader" in cell["metadata"]:
            meta = _mend_nbgrader(cell["metadata"]["nbgrader"], known, where, repairs)
            if meta is None:
                del cell["metadata"]["nbgrader"]
            else:
                cell["metadata"]["nbgrader"] = meta
        _checked(cell, known, check, where, repairs)
        if "id" in cell and not (isinstance(cell["id"], str) and _ID.match(cell["id"])):
            del cell["id"]
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            if "attachments" in cell and not isinstance(cell["attachments"], dict):
                del cell["attachments"]
        cells.append(cell)
    mended = dict(data)
    mended["cells"] = cells
    if not isinstance(mended.get("metadata"), dict):
        mended["metadata"] = {}
    mended["nbformat"] = 4
    if type(mended.get("nbformat_minor")) is not int or not 0 <= mended["nbformat_minor"] <= 5:
        mended["nbformat_minor"] = 5
    if mended["nbformat_minor"] < 5:  # ids came in 4.5
        for cell in cells:
            cell.pop("id", None)
    else:  # every cell an id of its own, as nbformat 4.5 wants (a missing or repeated one is replaced)
        seen = set()
        for index, cell in enumerate(cells):
            if "id" not in cell or cell["id"] in seen:
                cell["id"] = next(f"cell-{index}-{n}" for n in range(len(cells) + 1) if f"cell-{index}-{n}" not in seen)
            seen.add(cell["id"])
    return mended, repairs


def nbgrader_check():
    """nbgrader's check of one cell's grading metadata (its schema and its rules), as a function
    of the cell's JSON that raises; None where nbgrader is not installed."""
    try:
        import nbformat
        from nbgrader.nbgraderformat import MetadataValidator
    except ImportError:
        return None
    validator = MetadataValidator()

    def check(cell):
        validator.validate_cell(nbformat.from_dict(cell))

    return check
