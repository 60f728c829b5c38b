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


def test_line_chart_draws_values_over_time_with_baseline_and_target():
    import datetime
    from decimal import Decimal

    from core.charts import line_chart_svg

    svg = line_chart_svg(
        title="Délai de réponse",
        points=[
            (datetime.date(2026, 4, 1), Decimal("18.500")),
            (datetime.date(2026, 2, 1), Decimal("25")),
        ],
        unit="jours",
        baseline=Decimal("30"),
        target=Decimal("10"),
        chart_id="delai",
    )

    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "delai-title delai-desc"
    assert root.find(f"{SVG}title").text == "Délai de réponse"
    assert root.find(f"{SVG}desc").text == (
        "Départ : 30\N{NO-BREAK SPACE}jours ; Cible : 10\N{NO-BREAK SPACE}jours ; "
        "1 février 2026 : 25\N{NO-BREAK SPACE}jours ; 1 avril 2026 : 18,5\N{NO-BREAK SPACE}jours"
    )
    # The points in date order, the later one to the right and, lower, nearer the target.
    first, last = ((float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle"))
    assert first[0] < last[0] and first[1] < last[1]
    baseline, target = (
        float(line.get("y1")) for group in root.iter(f"{SVG}g") for line in group.iter(f"{SVG}line")
    )
    assert baseline < first[1] < last[1] < target  # 30 at the top, 10 at the bottom


def test_line_chart_without_values_says_so():
    from core.charts import line_chart_svg

    root = ElementTree.fromstring(line_chart_svg(title="Vide", points=[], target=5))

    assert root.find(f"{SVG}desc").text == "Cible : 5 ; Aucune valeur mesurée."
    assert not list(root.iter(f"{SVG}polyline"))
