"""The blocks shared by every page that carries body content.

One StreamBlock (`LessonBodyBlock`) is reused wherever a body is needed, so editors meet the same
set of blocks everywhere and templates render them one way.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, with who said it."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation, with who said it")
        preview_value = {
            "text": "Technology should serve the city's residents, not the other way around.",
            "attribution": "A city official",
        }


class ReflectionQuestionBlock(blocks.StructBlock):
    """A question that asks learners to relate the lesson to their own city and work."""

    question = blocks.TextBlock(label=_("Question"))
    guidance = blocks.TextBlock(
        label=_("Guidance"),
        required=False,
        help_text=_("Optional hints on how to approach the question."),
    )

    class Meta:
        icon = "help"
        template = "blocks/reflection_block.html"
        label = _("Reflection question")
        description = _("A question for the learner to think about")
        preview_value = {
            "question": "Who in your city was asked before the last sensor network was installed?",
            "guidance": "Think of residents, staff and suppliers.",
        }


class DownloadsBlock(blocks.StructBlock):
    """A list of documents to download: readings, worksheets, reports."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Downloads"))
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "blocks/downloads_block.html"
        label = _("Downloads")
        description = _("Documents the learner can download")


class InterviewExchangeBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    answer = blocks.TextBlock(label=_("Answer"))

    class Meta:
        icon = "comment"
        label = _("Question and answer")


class ExpertInterviewBlock(blocks.StructBlock):
    """An interview with a researcher or practitioner, as questions and answers."""

    expert = SnippetChooserBlock("modules.Expert", label=_("Expert"))
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    exchanges = blocks.ListBlock(InterviewExchangeBlock(), label=_("Questions and answers"))

    class Meta:
        icon = "user"
        template = "blocks/interview_block.html"
        label = _("Expert interview")
        description = _("An interview with an expert, as questions and answers")


class LessonBodyBlock(blocks.StreamBlock):
    """The body of lessons and other course pages."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("Formatted text"),
    )
    quote = QuoteBlock()
    reflection = ReflectionQuestionBlock()
    downloads = DownloadsBlock()
    interview = ExpertInterviewBlock()

    class Meta:
        block_counts = {}
