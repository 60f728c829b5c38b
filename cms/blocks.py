"""The one StreamBlock shared by the site's editable pages, and its blocks.

Each block renders through ``templates/cms/blocks/_<name>.html`` (see ``templates/cms/_body.html``)
with DSFR markup.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Headings start at level 2: the page's title is the only h1.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an address elsewhere."""

    label = blocks.CharBlock(label=_("intitulé du lien"), max_length=120)
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse externe"), required=False)

    class Meta:
        icon = "link"
        label = _("lien")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError(
                        _("Choisissez soit une page du site, soit une adresse externe.")
                    )
                }
            )
        return value


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("image")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), required=False)
    link = LinkBlock(label=_("bouton"))

    class Meta:
        icon = "pick"
        label = _("appel à l'action")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("réponse"), features=ANSWER_FEATURES)

    class Meta:
        icon = "help"
        label = _("question")


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre de la rubrique"), required=False, max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("questions fréquentes (accordéon)")


class VideoLinkBlock(blocks.StructBlock):
    """A video shown as a link to where it is hosted: no third-party player (nor its cookies)
    is loaded on the site."""

    title = blocks.CharBlock(label=_("titre de la vidéo"), max_length=200)
    url = blocks.URLBlock(label=_("adresse de la vidéo"))
    duration = blocks.CharBlock(
        label=_("durée"), required=False, max_length=20, help_text=_("Par exemple : 3 min 20 s.")
    )
    transcript = blocks.TextBlock(
        label=_("transcription"),
        required=False,
        help_text=_("Texte de la vidéo, pour qui ne peut pas la voir ou l'entendre."),
    )

    class Meta:
        icon = "media"
        label = _("vidéo (lien)")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    author = blocks.CharBlock(label=_("auteur ou autrice"), required=False, max_length=120)
    source = blocks.CharBlock(label=_("fonction ou source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("citation")


class BodyBlock(blocks.StreamBlock):
    """The content of every editable page of the site."""

    paragraph = blocks.RichTextBlock(label=_("texte"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = FigureBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    video = VideoLinkBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("contenu")
