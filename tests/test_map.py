"""Dataset.to_svg_map: the publication's choropleth, checked as parsed SVG."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import attrs
import pytest

import entdeploy
from entdeploy import Map, Status
from entdeploy._render import geometry
from entdeploy._render.palette import STATUS_COLOURS
from entdeploy.exceptions import (
    DataError,
    EntdeployError,
    InvalidArgumentError,
    MissingExtraError,
)

from ._svg import SVG, classes, inside, parse


@pytest.fixture(scope="module")
def svg_map(ds) -> Map:
    return ds.to_svg_map()


@pytest.fixture(scope="module")
def root(svg_map):
    return parse(svg_map.svg)


def territories(root):
    return [e for e in root.iter() if "territory" in classes(e)]


def test_every_territory_has_exactly_one_shape_or_symbol_in_its_status_colour(ds, root):
    shapes = territories(root)
    codes = Counter(e.get("data-code") for e in shapes)

    assert {d.code: 1 for d in ds} == dict(codes)
    for element in shapes:
        deployment = next(d for d in ds if d.code == element.get("data-code"))
        assert STATUS_COLOURS[deployment.status] == element.get("fill")
        assert deployment.status.value == element.get("data-status")


def test_the_three_collectivities_without_geometry_are_labelled_symbols(root):
    symbols = {
        e.get("data-code"): e
        for e in root.iter(f"{SVG}circle")
        if "territory" in classes(e)
    }

    assert {"986", "987", "988"} == set(symbols)
    labels = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Wallis-et-Futuna", "Polynésie française", "Nouvelle-Calédonie"} <= labels


def test_the_other_territories_are_shapes(root):
    paths = {
        e.get("data-code") for e in root.iter(f"{SVG}path") if "territory" in classes(e)
    }

    assert 102 == len(paths)
    assert {"75", "2A", "2B", "971", "972", "973", "974", "975", "976"} <= paths


def test_every_territory_has_a_title_with_name_academie_status_and_count(root):
    titles = {e.get("data-code"): e.find(f"{SVG}title").text for e in territories(root)}

    assert (
        "Ain (01) – Académie : Lyon – Déploiement massif – 51 collèges publics ayant un ENT"
        == titles["01"]
    )
    assert (
        "Corrèze (19) – Académie : Limoges – Pas de projet ENT ou inconnu – "
        "nombre de collèges non renseigné"
    ) == titles["19"]
    assert (
        "Saint-Pierre-et-Miquelon (975) – Service de l'Éducation nationale : "
        "Saint-Pierre-et-Miquelon – Déploiement massif – 1 collège public ayant un ENT"
    ) == titles["975"]
    assert titles["988"].startswith("Nouvelle-Calédonie (988) – Vice-rectorat : ")


def test_the_legend_has_the_three_labels_and_their_counts(root):
    legend = [e for e in root.iter() if "legend-item" in classes(e)]

    assert [
        ("massive", "93", "Déploiement massif (93)"),
        ("in-progress", "7", "En cours de déploiement (7)"),
        ("none-or-unknown", "5", "Pas de projet ENT ou inconnu (5)"),
    ] == [
        (e.get("data-status"), e.get("data-count"), e.find(f"{SVG}text").text)
        for e in legend
    ]
    swatches = [e.find(f"{SVG}rect").get("fill") for e in legend]
    assert [STATUS_COLOURS[s] for s in sorted(Status, reverse=True)] == swatches


def test_the_svg_is_named_by_its_title_and_described_by_its_description(ds, root):
    # Not role="img": its territories are focusable, each with its own name.
    assert root.get("role") is None
    assert "fr" == root.get("lang")
    assert "entdeploy-map-title" == root.get("aria-labelledby")
    assert "entdeploy-map-desc" == root.get("aria-describedby")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert ("entdeploy-map-title", ds.edition.title) == (title.get("id"), title.text)
    assert "entdeploy-map-desc" == desc.get("id")
    assert (
        "Déploiement massif : 93, En cours de déploiement : 7, Pas de projet ENT ou inconnu : 5"
        in desc.text
    )
    # The description names the territories not in massive deployment.
    assert "Pas de projet ENT ou inconnu : Corrèze, Deux-Sèvres, Gironde" in desc.text
    assert "Val-d'Oise" in desc.text


def test_the_svg_is_responsive_and_light(svg_map, root):
    assert None is root.get("width")
    assert None is root.get("height")
    assert root.get("viewBox").startswith("0 0 ")
    assert len(svg_map.svg.encode("utf-8")) <= 400_000
    # Coordinates are rounded to 0.1 unit.
    paths = [e.get("d") for e in root.iter(f"{SVG}path")]
    assert not [n for d in paths for n in re.findall(r"\.\d\d", d)]


def test_every_territory_is_focusable_once_and_the_copies_are_not(root):
    focusable = [e.get("data-code") for e in root.iter() if e.get("tabindex") == "0"]

    assert sorted(focusable) == sorted(e.get("data-code") for e in territories(root))
    assert 105 == len(set(focusable)) == len(focusable)
    copies = [e for e in root.iter() if "inset-copy" in classes(e)]
    assert copies
    assert all(e.get("tabindex") is None for e in copies)


def test_the_other_statuses_have_a_pattern_and_every_shape_an_outline(root):
    style = root.find(f"{SVG}style").text
    patterns = {e.get("id") for e in root.iter(f"{SVG}pattern")}

    for status in ("in-progress", "none-or-unknown"):
        assert f'[data-status="{status}"]' in style
        assert f"url(#entdeploy-p-{status})" in style
        assert {f"entdeploy-p-{status}", f"entdeploy-p-{status}-fine"} <= patterns
    assert "massive" not in style
    assert ".territory, .inset-copy, .no-data" in style
    assert "vector-effect: non-scaling-stroke" in style


def test_the_map_has_a_title_source_line_and_geometry_credit(ds, root):
    texts = [t.text for t in root.iter(f"{SVG}text")]

    assert ds.edition.title in texts
    assert any(
        t.startswith("Source : Ministère de l'Éducation nationale") for t in texts
    )
    assert any("pygal-maps-fr" in t and "LGPL-3.0-or-later" in t for t in texts)


def test_the_insets_are_labelled(root):
    texts = {t.text for t in root.iter(f"{SVG}text")}

    assert {
        "Paris et petite couronne",
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
        "Saint-Pierre-et-Miquelon",
    } <= texts


def test_the_paris_inset_repeats_paris_its_suburbs_and_val_d_oise(ds, root):
    copies = [e for e in root.iter(f"{SVG}path") if "inset-copy" in classes(e)]
    codes = [e.get("data-code") for e in copies]

    assert {"75", "92", "93", "94", "95"} <= set(codes)
    assert {"77", "78", "91"} <= set(codes)  # cut by the frame
    assert len(set(codes)) == len(codes)
    assert {"true"} == {e.get("aria-hidden") for e in copies}
    for element in copies:
        status = ds[element.get("data-code")].status
        assert STATUS_COLOURS[status] == element.get("fill")


def test_the_paris_inset_names_75_92_93_94_and_95_inside_each(root):
    (inset,) = [
        e
        for e in root.iter(f"{SVG}svg")
        if e is not root and e.find(f"{SVG}text") is not None
    ]
    shapes = {e.get("data-code"): e.get("d") for e in inset.iter(f"{SVG}path")}
    labels = {t.text: t for t in inset.iter(f"{SVG}text")}

    assert {"75", "92", "93", "94", "95"} == set(labels)
    for code, text in labels.items():
        # The middle of the label, about half its height above its baseline.
        x, y = float(text.get("x")), float(text.get("y")) - 3
        assert inside(x, y, shapes[code]), code


def test_a_custom_title(ds):
    root = parse(ds.to_svg_map(title="Les ENT & <moi>").svg)

    assert "Les ENT & <moi>" == root.find(f"{SVG}title").text


def test_the_map_is_deterministic(ds, svg_map):
    assert svg_map.svg == ds.to_svg_map().svg
    assert svg_map == entdeploy.load().to_svg_map()


def test_every_value_is_escaped(ds):
    first = ds.deployments[0]
    department = attrs.evolve(first.department, name="<script>alert('x')</script> & co")
    dataset = entdeploy.Dataset(
        ds.edition, (attrs.evolve(first, department=department), *ds.deployments[1:])
    )

    svg = dataset.to_svg_map(title="</title><script>").svg

    assert "<script>" not in svg
    root = parse(svg)
    titles = [e.find(f"{SVG}title").text for e in territories(root)]
    assert any(t.startswith("<script>alert('x')</script> & co (01)") for t in titles)


@pytest.mark.parametrize("title", [1, 1.5, b"title", ["a"], Status.MASSIVE])
def test_a_title_that_is_not_text_is_refused(ds, title):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.to_svg_map(title=title)  # type: ignore[arg-type]

    assert "title" == caught.value.argument
    assert "expected a str or None" in str(caught.value)


#: Characters XML 1.0 forbids: the map would not be well-formed.
XML_FORBIDDEN = [
    "a\x00b",
    "\x1b",
    "\x0b",
    "\x7f\x1f",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
]


@pytest.mark.parametrize("title", XML_FORBIDDEN)
def test_a_title_xml_cannot_hold_is_refused(ds, title):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.to_svg_map(title=title)

    assert ("title", title) == (caught.value.argument, caught.value.value)
    assert "SVG and HTML cannot hold" in str(caught.value)


def test_a_title_with_tabs_and_line_breaks_is_well_formed(ds):
    title = "Les ENT\t2025\r\n\x7f\u202e\U0001f600"

    root = parse(ds.to_svg_map(title=title).svg)

    assert title.replace("\r\n", "\n") == root.find(f"{SVG}title").text


def test_a_dataset_whose_shown_text_xml_cannot_hold_is_refused(ds):
    first, second, *rest = ds.deployments
    department = attrs.evolve(first.department, name="Ain\x00")
    dataset = entdeploy.Dataset(
        attrs.evolve(ds.edition, title="\x1b[2J"),
        (attrs.evolve(first, department=department), second, *rest),
    )

    with pytest.raises(DataError) as caught:
        dataset.to_svg_map()

    assert [
        ("edition.title", "\x1b[2J"),
        ("deployments[0].department.name", "Ain\x00"),
    ] == [(p.field, p.value) for p in caught.value.problems]


def test_text_the_map_does_not_show_may_hold_anything(ds):
    first, *rest = ds.deployments
    dataset = entdeploy.Dataset(
        attrs.evolve(ds.edition, description="\x00"),
        (attrs.evolve(first, source_label="Ain\x1b"), *rest),
    )

    parse(dataset.to_svg_map().svg)


@pytest.mark.parametrize("path", ["", "a\x00b", "\ud800", 1, None, b"map.svg"])
def test_map_save_refuses_what_is_not_a_path(svg_map, path):
    with pytest.raises(InvalidArgumentError) as caught:
        svg_map.save(path)  # type: ignore[arg-type]

    assert "path" == caught.value.argument
    assert "expected a path to a file" in str(caught.value)


def test_a_filtered_dataset_draws_the_other_shapes_as_no_data(ds, svg_map):
    subset = entdeploy.Dataset(ds.edition, [d for d in ds if d.code in {"29", "987"}])
    copies = svg_map.svg.count('class="inset-copy"')

    root = parse(subset.to_svg_map().svg)

    assert ["29", "987"] == sorted(e.get("data-code") for e in territories(root))
    no_data = [e for e in root.iter(f"{SVG}path") if "no-data" in classes(e)]
    assert 102 - 1 + copies == len(no_data)  # 102 shapes and the Paris inset's copies
    assert {"#FFFFFF"} == {e.get("fill") for e in no_data}
    counts = [e.get("data-count") for e in root.iter() if "legend-item" in classes(e)]
    assert ["2", "0", "0"] == counts
    # The legend says what the white shapes are.
    (outside,) = [e for e in root.iter() if "legend-no-data" in classes(e)]
    assert "Hors de la sélection (non représenté)" == outside.find(f"{SVG}text").text
    # The insets keep their names.
    assert "Guadeloupe" in {t.text for t in root.iter(f"{SVG}text")}


def test_the_unfiltered_legend_has_no_entry_for_shapes_outside_the_data(root):
    assert not [e for e in root.iter() if "legend-no-data" in classes(e)]


def test_map_save_and_notebook_display(svg_map, tmp_path):
    target = tmp_path / "map.svg"

    svg_map.save(target)

    assert svg_map.svg == target.read_text(encoding="utf-8")
    assert svg_map.svg == svg_map._repr_svg_()
    assert repr(svg_map).startswith("<Map: ")


def test_map_is_immutable(svg_map):
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        svg_map.svg = ""


def test_without_the_extra_the_map_names_it(ds, monkeypatch):
    monkeypatch.setitem(sys.modules, "pygal_maps_fr", None)
    geometry.load_geometry.cache_clear()
    try:
        with pytest.raises(MissingExtraError) as info:
            ds.to_svg_map()
        with pytest.raises(MissingExtraError):
            ds.to_html_report()
    finally:
        geometry.load_geometry.cache_clear()

    assert "map" == info.value.extra
    assert "pip install 'entdeploy[map]'" in str(info.value)
    assert isinstance(info.value, EntdeployError)
    assert isinstance(info.value, ImportError)


def test_the_geometry_is_read_without_importing_pygal():
    code = (
        "import sys, entdeploy\n"
        "entdeploy.load().to_svg_map()\n"
        "print(sorted(m for m in sys.modules if m.startswith('pygal')))\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter on our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert "['pygal_maps_fr']" == result.stdout.strip()


def test_importing_entdeploy_does_not_import_the_renderers_dependencies():
    code = (
        "import sys, entdeploy\n"
        "print(sorted(m for m in ('xml.etree.ElementTree', 'html', 'difflib') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter on our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert "[]" == result.stdout.strip()


def test_the_geometry_is_read_and_rounded_once_per_process(ds, monkeypatch):
    read = geometry._read
    calls = []
    monkeypatch.setattr(geometry, "_read", lambda d: calls.append(d) or read(d))
    geometry.load_geometry.cache_clear()
    try:
        first = ds.to_svg_map()
        again = [ds.to_svg_map(), ds.filter(academy="Bordeaux").to_svg_map()]
        ds.to_html_report()
    finally:
        geometry.load_geometry.cache_clear()

    # 102 shapes (96 metropolitan, 6 overseas), each read once for four renderings.
    assert 102 == len(calls) == len(set(calls))
    assert first == again[0]


def test_rounding_a_path_keeps_its_points_within_a_twentieth_of_a_unit():
    # 1,000 steps of 0.04: rounding each step alone would draw nothing.
    d = "M 0,0.06 " + "l 0.04,0.04 " * 1000 + "h 5.55 v -0.04 c 1,1 2,2 3,3.04 z"

    rounded = geometry.rounded(d)

    # 0, 0.06 then 0.04, 0.1 (no move once rounded), 0.08, 0.14, 0.12, 0.18...
    assert rounded.startswith("m0 .1 .1 0 0 .1 .1 0 0 .1")
    # ... to 40, 40.06: then h, v and c, each point rounded where it is.
    assert rounded.endswith(" 5.5 0 0-.1c1 1 2 2 3 3.1z")
    assert len(re.findall(r"[-\d.]+", rounded)) < 2 * 1000  # no step of 0
    assert geometry.BBox(0.0, 0.1, 48.5, 43.1) == geometry.bbox(rounded)
    assert geometry.bbox(d) == geometry.bbox(rounded)


def test_path_bbox_handles_relative_and_absolute_commands():
    box = geometry.bbox("M 10,10 l 5,0 h 5 v 5 c 1,1 2,2 -20,0 z m 100,100 L 0,200 Z")

    assert geometry.BBox(0.0, 10.0, 110.0, 200.0) == box
    with pytest.raises(ValueError, match="unsupported path command 'A'"):
        geometry.bbox("M 0,0 A 1 1 0 0 1 2 2")


def test_the_coverage_map_fills_each_territory_by_its_share_with_a_legend(ds):
    root = parse(ds.to_svg_map(colour="coverage").svg)
    shapes = {e.get("data-code"): e for e in territories(root)}
    legend = [e for e in root.iter() if "legend-item" in classes(e)]

    assert 105 == len(shapes)
    assert ("0", "#EFF3FF") == (
        shapes["17"].get("data-share"),
        shapes["17"].get("fill"),
    )
    assert "4" == shapes["77"].get("data-share")  # above its public collèges: 100 %
    assert {"unknown"} == {shapes[c].get("data-share") for c in ("33", "95", "987")}
    assert (
        "Charente-Maritime (17) – 2,0\u202f% des collèges publics ont un ENT "
        "(1 sur 51 à la rentrée 2024)"
    ) == shapes["17"].find(f"{SVG}title").text
    assert "part inconnue" in shapes["987"].find(f"{SVG}title").text
    assert ["7", "0", "1", "6", "85", "6"] == [e.get("data-count") for e in legend]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "rentrée 2024, un autre millésime" in texts
    assert (
        "Pas de nombre fiable de collèges publics, part inconnue : Polynésie" in texts
    )


def test_an_unknown_colour_is_refused(ds):
    with pytest.raises(InvalidArgumentError, match="colour"):
        ds.to_svg_map(colour="share")
