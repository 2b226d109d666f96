"""Where attachments are kept: a private file store that never hands out a URL."""

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk outside MEDIA_ROOT; reachable only through attachment_download."""

    def url(self, name):
        raise NotImplementedError(
            "Attachments have no public URL: link to the attachment_download view."
        )


def attachment_storage():
    return storages["attachments"]
