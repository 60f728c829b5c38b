from xml.etree import ElementTree

from core.charts import bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_writes_every_value_as_text_and_in_its_description():
    svg = bar_chart_svg(
        title="Défis par promotion", labels=["EIG 1", "EIG 2"], values=[9, 13], unit="défis"
    )

    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["EIG 1", "9 défis", "EIG 2", "13 défis"]
    assert root.find(f"{SVG}title").text == "Défis par promotion"
    assert root.find(f"{SVG}desc").text == "EIG 1 : 9 défis ; EIG 2 : 13 défis"
    assert root.get("role") == "img"


def test_bar_chart_scales_bars_to_the_largest_value():
    svg = bar_chart_svg(title="Profils", labels=["a", "b"], values=[10, 5])

    widths = [float(r.get("width")) for r in ElementTree.fromstring(svg).iter(f"{SVG}rect")]
    assert widths[1] == widths[0] / 2


def test_bar_chart_escapes_labels():
    svg = bar_chart_svg(title="<script>x</script>", labels=["<b>gras</b>"], values=[1])

    assert "<script>" not in svg and "<b>" not in svg
    assert ElementTree.fromstring(svg).find(f"{SVG}desc").text.startswith("<b>gras</b> : 1")


def test_empty_chart_says_there_is_no_data():
    svg = bar_chart_svg(title="Vide", labels=[], values=[])

    assert "Aucune donnée." in svg
    ElementTree.fromstring(svg)
