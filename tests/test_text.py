"""``shequ_core.text``: plain-text tables that line up with Chinese characters, which take
two columns on a terminal."""

from __future__ import annotations

from shequ_core.text import display_width, format_table


class TestDisplayWidth:
    """``display_width``: the columns a text takes on a terminal."""

    def test_wide_and_full_width_characters_take_two_columns(self) -> None:
        """Latin letters and digits take one column; Chinese characters and full-width
        punctuation two."""
        assert display_width("") == 0
        assert display_width("C01") == 3
        assert display_width("社区") == 4
        assert display_width("万和社区（C09）") == 15


class TestFormatTable:
    """``format_table``: a title, a header, a rule, and one line per row."""

    def test_columns_line_up_with_chinese_text(self) -> None:
        """Text is left-aligned and padded by display width, so columns line up."""
        text = format_table(["编号", "社区"], [["C01", "万和社区"], ["C10", "东风"]], title="社区")
        assert text.splitlines() == [
            "社区",
            "编号  社区",
            "----  --------",
            "C01   万和社区",
            "C10   东风",
        ]

    def test_numbers_are_right_aligned_and_none_shows_as_a_dash(self) -> None:
        """A column of numbers (and None) is right-aligned; None shows as ``-``."""
        text = format_table(["name", "score"], [["a", 100], ["b", None], ["c", 7]])
        assert text.splitlines() == [
            "name  score",
            "----  -----",
            "a       100",
            "b         -",
            "c         7",
        ]

    def test_without_rows_or_title_the_header_and_rule_remain(self) -> None:
        """No rows: the header and its rule, no title line."""
        assert format_table(["a", "bb"], []).splitlines() == ["a  bb", "-  --"]
