"""Screenshots for looking at pages: `python -m tests.browser.skaermbillede URL UD.png
[--str 1280x720]`. The app must already run (e.g. `make run`)."""

from __future__ import annotations

import argparse

from tests.browser.harness import chromium, vent_paa_grafer, vent_paa_side


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("url")
    p.add_argument("ud")
    p.add_argument("--str", default="1920x1080")
    p.add_argument("--helside", action="store_true")
    a = p.parse_args()
    b, h = (int(x) for x in a.str.split("x"))
    with chromium() as browser:
        page = browser.new_page(viewport={"width": b, "height": h}, locale="da-DK")
        page.goto(a.url)
        vent_paa_side(page)
        vent_paa_grafer(page)
        page.wait_for_timeout(500)
        page.screenshot(path=a.ud, full_page=a.helside)
    print(a.ud)


if __name__ == "__main__":
    main()
