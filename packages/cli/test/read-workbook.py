"""Reads a results.xlsx with openpyxl (an independent reader, not exceljs) and prints what the test checks, as JSON."""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "active": wb.active.title, "tables": {}}
for ws in wb.worksheets:
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]] if rows else []
    info = {
        "autoFilter": ws.auto_filter.ref,
        "freeze": ws.freeze_panes,
        "printTitleRows": ws.print_title_rows,
        "header": header,
        "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
        "rows": [[c.value for c in r] for r in rows],
        "numeric": 0,
        "textNumbers": 0,
        "cells": [],
    }
    # Identifiers (USCC, industry code) are text on purpose, even when all digits.
    ids = {i for i, h in enumerate(header) if h in ("统一社会信用代码", "行业代码")}
    for r in rows[1:]:
        for i, c in enumerate(r):
            if i in ids:
                continue
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                info["numeric"] += 1
            elif isinstance(c.value, str):
                try:
                    float(c.value)
                    info["textNumbers"] += 1
                except ValueError:
                    pass
    # The second row's cells with their type and number format.
    if len(rows) > 1:
        info["cells"] = [
            {"header": h, "value": c.value, "type": c.data_type, "format": c.number_format}
            for h, c in zip(header, rows[1])
        ]
    out["tables"][ws.title] = info
print(json.dumps(out, ensure_ascii=False, default=str))
