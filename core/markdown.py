"""Markdown texts of the program data (challenge bodies, biographies) turned into safe HTML.

What an author types as HTML shows as text: raw HTML is not passed through, except the few
harmless tags the program's real texts use for typography (``<sup>``, ``<sub>``, ``<br>`` and a
``<hr>`` alone on its line). The HTML that Markdown produces is then sanitised with nh3, which
keeps only the tags and link schemes listed below. Headings are shifted so that the text's top
heading sits at ``top_heading`` under the page's own headings, and French typography puts its
no-break spaces (``core.typography``).

Rendering is a pure function of the text: each process keeps the HTML of the last
``RENDERED_TEXTS_KEPT`` texts it rendered, so that a page shown again (an uncached visit, a
staff preview) does not parse the same text again, and each thread reuses its Markdown parsers.
A text that changes is a new key: nothing needs to be invalidated.
"""

import functools
import re
import threading

from django.utils.safestring import SafeString, mark_safe

from core.typography import french_spacing

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "sup",
    "sub",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Typography tags kept from the authors' raw HTML; everything else they type shows as text.
TYPOGRAPHY_INLINE = r"<(sup|sub)>(.+?)</\1>"
LINE_BREAK = r"<br\s*/?>"
RULE_LINE = re.compile(r"^\s*<hr\s*/?>\s*$", re.MULTILINE)
# A list item or a table row that may start right under a paragraph line, as authors type them
# (CommonMark lets a bullet list, or an ordered list starting at 1, interrupt a paragraph).
LIST_START = re.compile(r"^ {0,3}(?:[-*+]|1[.)])[ \t]+\S")
LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]+\S")
TABLE_ROW = re.compile(r"^ {0,3}\|.*\|[ \t]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
# Texts whose HTML each process keeps (program texts are a few kilobytes each).
RENDERED_TEXTS_KEPT = 1024


def _markdown_renderer(*, top_heading: int):
    from xml.etree import ElementTree

    import markdown
    from markdown.extensions import Extension
    from markdown.inlinepatterns import InlineProcessor
    from markdown.treeprocessors import Treeprocessor

    class TypographyTag(InlineProcessor):
        def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
            element = ElementTree.Element(m.group(1))
            element.text = m.group(2)
            return element, m.start(0), m.end(0)

    class LineBreak(InlineProcessor):
        def handleMatch(self, m, data):  # noqa: N802
            return ElementTree.Element("br"), m.start(0), m.end(0)

    class ShiftHeadings(Treeprocessor):
        def run(self, root):
            headings = [el for el in root.iter() if re.fullmatch(r"h[1-6]", el.tag)]
            if not headings:
                return
            shift = top_heading - min(int(el.tag[1]) for el in headings)
            for element in headings:
                element.tag = f"h{min(max(int(element.tag[1]) + shift, 2), 6)}"

    class FrenchSpacing(Treeprocessor):
        """No-break spaces before « : ; ! ? » and inside guillemets, code left as typed."""

        def run(self, root):
            self._space(root, in_code=False)

        def _space(self, element, *, in_code):
            in_code = in_code or element.tag in {"code", "pre"}
            if element.text and not in_code:
                element.text = french_spacing(element.text)
            for child in element:
                self._space(child, in_code=in_code)
                if child.tail and not in_code:
                    child.tail = french_spacing(child.tail)

    class PlainTextHtml(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            # Raw HTML is escaped instead of being passed through.
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
            md.inlinePatterns.register(TypographyTag(TYPOGRAPHY_INLINE, md), "typography", 95)
            md.inlinePatterns.register(LineBreak(LINE_BREAK, md), "line_break", 94)
            md.treeprocessors.register(ShiftHeadings(md), "shift_headings", 5)
            md.treeprocessors.register(FrenchSpacing(md), "french_spacing", 4)

    return markdown.Markdown(
        extensions=[PlainTextHtml(), "sane_lists", "tables"], output_format="html"
    )


# Each thread's Markdown parsers, by top heading: a parser is reset after each text, and must
# not be shared between threads.
_parsers = threading.local()


def _parser(top_heading: int):
    by_heading = getattr(_parsers, "by_heading", None)
    if by_heading is None:
        by_heading = _parsers.by_heading = {}
    parser = by_heading.get(top_heading)
    if parser is None:
        parser = by_heading[top_heading] = _markdown_renderer(top_heading=top_heading)
    return parser


def _separate_blocks(text: str) -> str:
    """Put a blank line before a list or a table that starts right under a paragraph line, which
    Python-Markdown would otherwise read as part of the paragraph. Code blocks are left as typed."""
    lines, previous, fenced = [], "", False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and previous.strip() and not previous.startswith(("    ", "\t")):
            starts_list = LIST_START.match(line) and not LIST_ITEM.match(previous)
            starts_table = TABLE_ROW.match(line) and not TABLE_ROW.match(previous)
            if starts_list or starts_table:
                lines.append("")
        lines.append(line)
        previous = "" if fenced and not FENCE.match(line) else line
    return "\n".join(lines)


@functools.lru_cache(maxsize=RENDERED_TEXTS_KEPT)
def _render(text: str, top_heading: int) -> str:
    import nh3

    parser = _parser(top_heading)
    try:
        html = parser.convert(_separate_blocks(RULE_LINE.sub("\n***\n", text)))
    finally:
        parser.reset()
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def markdown_to_html(text: str, *, top_heading: int = 3) -> SafeString:
    """Render ``text`` (Markdown) as sanitised HTML, safe to insert in a page."""
    if not text:
        return mark_safe("")  # noqa: S308 (empty)
    return mark_safe(_render(text, top_heading))  # noqa: S308 (sanitised by nh3 in _render)
