"""Checks of uploaded attachments: the type is read from the content (never trusted from the
name or the browser), the size is limited and the name shown is made safe."""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_PROPOSAL = 10


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
PNG = FileKind("png", "image/png", "PNG")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
)
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
KINDS = (PDF, PNG, JPEG, ODT, ODS, DOCX, XLSX)
# Extensions a kind may carry in the uploaded name.
EXTENSIONS = {"pdf": PDF, "png": PNG, "jpg": JPEG, "jpeg": JPEG, "odt": ODT, "ods": ODS}
EXTENSIONS |= {"docx": DOCX, "xlsx": XLSX}
ACCEPTED_LABEL = ", ".join(kind.label for kind in KINDS)


def _zip_kind(uploaded) -> FileKind | None:
    """OpenDocument and Office Open XML files are ZIP archives: tell them by their members."""
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return next((k for k in (ODT, ODS) if k.content_type == mimetype), None)
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        uploaded.seek(0)
    return None


def detect_kind(uploaded) -> FileKind | None:
    """The kind of the file from its first bytes (and members, for archives)."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded)
    return None


def safe_display_name(name: str, kind: FileKind) -> str:
    """The uploaded name reduced to its last component, without control or path characters,
    ending with the extension of the detected kind."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\s\-()']", "_", stem).strip(" ._") or "document"
    return f"{stem[:100]}.{kind.extension}"


def check_attachment(uploaded) -> FileKind:
    """Refuse a file that is too big, of a kind not accepted, whose name hides a path, or
    whose content does not match its extension; returns its kind."""
    name = uploaded.name or ""
    if uploaded.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("Le fichier dépasse la taille maximale de %(max)s.")
            % {"max": filesizeformat(MAX_ATTACHMENT_SIZE)},
            code="too_big",
        )
    if (
        "/" in name
        or "\\" in name
        or ".." in name
        or name.startswith(".")
        or any(ord(char) < 32 for char in name)
    ):
        raise ValidationError(
            _("Le nom du fichier n'est pas accepté : renommez-le sans « / », « \\ » ni « .. »."),
            code="bad_name",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Types acceptés : %(types)s.")
            % {"types": ACCEPTED_LABEL},
            code="bad_extension",
        )
    detected = detect_kind(uploaded)
    if detected != claimed:
        raise ValidationError(
            _(
                "Le contenu du fichier ne correspond pas à un fichier %(type)s. "
                "Types acceptés : %(types)s."
            )
            % {"type": claimed.label, "types": ACCEPTED_LABEL},
            code="bad_content",
        )
    return detected
