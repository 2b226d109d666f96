"""Importing award history from lists: paper-era lists typed into spreadsheets, and the
nominee lists units send as attachments (XLSX, CSV, tables in DOCX).

The way through: upload (the file's type is read from its content, within size and row
limits) → column mapping (guessed from the Vietnamese headings, corrected by the user) →
preview with a per-row report → all-or-nothing apply, or discard. `readers` turns bytes into
tables, `columns` knows our fields and guesses the mapping, `checks` judges each row against
the catalogue and the people already known, `services` changes the batch and writes history.
"""
