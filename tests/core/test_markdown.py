"""Markdown texts of the program data rendered as safe HTML."""

from core.fast_reverse import reverse_maker
from core.markdown import markdown_to_html


def test_markdown_renders_emphasis_lists_and_links():
    html = markdown_to_html("Un **défi** :\n\n- ouvrir\n- partager\n\n[Site](https://eig.fr)")

    assert "<strong>défi</strong>" in html
    assert "<li>ouvrir</li>" in html
    assert '<a href="https://eig.fr" rel="noopener noreferrer">Site</a>' in html


def test_html_typed_in_markdown_shows_as_text():
    html = markdown_to_html('<script>alert("x")</script>\n\n<div onclick="f()">bloc</div>')

    assert "<script>" not in html
    assert "<div" not in html
    assert "&lt;script&gt;alert" in html
    assert "&lt;div onclick" in html


def test_typography_tags_of_the_real_texts_are_kept():
    html = markdown_to_html("Le XXI<sup>e</sup> siècle<br/>suite\n\n<hr>\n\nfin")

    assert "XXI<sup>e</sup> siècle<br>" in html
    assert "<hr>" in html


def test_dangerous_link_schemes_and_images_are_removed():
    html = markdown_to_html("[piège](javascript:alert(1)) ![image](/img/x.png)")

    assert "javascript:" not in html
    assert "<img" not in html
    assert "piège" in html


def test_headings_are_shifted_under_the_page_headings():
    html = markdown_to_html("## Titre\n\n### Sous-titre", top_heading=3)

    assert "<h3>Titre</h3>" in html
    assert "<h4>Sous-titre</h4>" in html


def test_empty_text_renders_nothing():
    assert markdown_to_html("") == ""


def test_reverse_maker_gives_the_same_paths_as_reverse():
    challenge_path = reverse_maker("projects:challenge-detail", "cohort_slug", "slug")

    assert challenge_path(cohort_slug="eig-2", slug="lexiq") == "/defis/eig-2/lexiq/"
    assert challenge_path(cohort_slug="zq1qz", slug="zq0qz") == "/defis/zq1qz/zq0qz/"
    assert reverse_maker("projects:key-figures")() == "/chiffres-cles/"


def test_a_text_does_not_inherit_link_references_of_the_text_rendered_before():
    # The parsers are reused from one text to the next: what a text defines must not leak.
    first = markdown_to_html("Voir [le site][ref].\n\n[ref]: https://eig.fr")
    second = markdown_to_html("Voir [le site][ref] encore.")

    assert 'href="https://eig.fr"' in first
    assert "href" not in second
    assert "[le site][ref]" in second


def test_the_same_text_gets_the_heading_level_asked_each_time():
    text = "## Contexte\n\nDu texte."

    assert "<h3>Contexte</h3>" in markdown_to_html(text, top_heading=3)
    assert "<h4>Contexte</h4>" in markdown_to_html(text, top_heading=4)
    assert "<h3>Contexte</h3>" in markdown_to_html(text, top_heading=3)


def test_a_list_typed_right_under_a_paragraph_line_is_a_list():
    html = markdown_to_html(
        "Les enjeux :\n- ouvrir\n- partager\nEt ensuite :\n1. publier\n2. suivre"
    )

    assert html.count("<ul>") == 1 and html.count("<li>") == 4 and "<ol>" in html
    assert "<p>Les enjeux&nbsp;:</p>" in html


def test_a_year_at_the_start_of_a_line_does_not_start_a_list():
    html = markdown_to_html("Le programme a commencé en\n2017. Il continue.")

    assert "<ol>" not in html and "2017. Il continue." in html


def test_a_table_typed_right_under_a_paragraph_line_is_a_table():
    html = markdown_to_html("Chiffres :\n| an | EIG |\n| --- | --- |\n| 2017 | 11 |")

    assert "<table>" in html and "<td>2017</td>" in html


def test_a_fenced_code_block_is_left_as_typed():
    html = markdown_to_html("```\nligne\n- pas une liste\n```")

    assert "<ul>" not in html
