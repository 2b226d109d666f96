"""The virus-scan hook: settings.ATTACHMENT_SCANNER names a callable(file) -> ScanStatus.

A scanner reads the uploaded file (it is at its start when called) and answers CLEAN,
INFECTED (the upload is refused) or NOT_SCANNED. A deployment plugs in its antivirus
(e.g. a clamd client) here; the default scans nothing and says so on every attachment.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from nominations.models import ScanStatus


def no_scanner(file) -> ScanStatus:
    return ScanStatus.NOT_SCANNED


def scan(file) -> ScanStatus:
    scanner = import_string(settings.ATTACHMENT_SCANNER)
    file.seek(0)
    try:
        return ScanStatus(scanner(file))
    finally:
        file.seek(0)
