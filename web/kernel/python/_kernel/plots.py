"""matplotlib figures become PNG display outputs at plt.show() and at the end of each run.

The backend is selected with MPLBACKEND before matplotlib is ever imported, so nothing here
imports matplotlib unless user code already did.
"""

import io
import sys

from . import display

BACKEND = "module://_kernel.plots"


def _figures():
    helpers = sys.modules.get("matplotlib._pylab_helpers")
    return helpers.Gcf if helpers else None


def flush() -> None:
    """Display every open figure, then close them all."""
    gcf = _figures()
    if gcf is None:
        return
    for manager in gcf.get_all_fig_managers():
        buffer = io.BytesIO()
        manager.canvas.figure.savefig(buffer, format="png", bbox_inches="tight")
        display.display({"image/png": buffer.getvalue(), "text/plain": "<Figure>"}, raw=True)
    gcf.destroy_all()


def close_all() -> None:
    gcf = _figures()
    if gcf is not None:
        gcf.destroy_all()


def __getattr__(name):
    # matplotlib asks the backend module for these; import them only when it does.
    from matplotlib.backend_bases import FigureManagerBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    table = {"FigureCanvas": FigureCanvasAgg, "FigureManager": FigureManagerBase}
    if name in table:
        return table[name]
    raise AttributeError(name)


def show(*args, **kwargs) -> None:
    flush()
