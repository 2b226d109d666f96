"""Refusing an oversized upload while it streams in, before it is stored anywhere.

Django streams uploads to memory (small) or a temporary file (large). This handler goes in
front of them: it counts each file's bytes as they arrive and skips the file as soon as it
passes the limit, so that the rest is read and dropped, never kept. The view also refuses
a request whose declared length is already too large, before reading its body at all.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None, *, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        if content_length is not None and content_length > self.max_bytes:
            self.too_large = True
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self.too_large = True
            raise SkipFile  # the handlers behind drop what they had; the rest is discarded
        return raw_data

    def file_complete(self, file_size):
        return None  # the handlers behind build the file


def declared_too_large(request, max_bytes: int) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes + FORM_OVERHEAD_BYTES
