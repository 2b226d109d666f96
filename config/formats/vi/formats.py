# Vietnamese writes 1.234,5: Django's own "vi" formats set the separators but no grouping.
# Only this is added; every other format falls back to Django's.
NUMBER_GROUPING = 3
