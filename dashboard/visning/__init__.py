"""One view per page: what a page in sider/ shows, prepared and drawn.

Rule: a view module (or package, split into udsnit/data/figurer/sektioner) belongs to one
page or one shared panel (aarshjul), reads data only through dashboard/data.py and
dashboard/beregning.py, applies the rules of modeller/, and never imports another view.
Prepared views are cached per context and selection (`Noegle`, `Udsnit`) and shared by
every session read-only.
"""
