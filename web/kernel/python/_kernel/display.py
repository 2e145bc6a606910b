"""Rich output: `display()` and the MIME bundles of values, as in Jupyter.

An object shows richly when its class has `_repr_mimebundle_` or `_repr_html_`, `_repr_png_`,
... (pandas, altair and friends do). A dict with a Vega-Lite `$schema` renders as a chart.
"""

import base64
import builtins
import json

# Set by the worker: sends one display output (a JSON string) to the app.
emit = None

_REPR_METHODS = (
    ("_repr_html_", "text/html"),
    ("_repr_markdown_", "text/markdown"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_json_", "application/json"),
)
VEGA_LITE = "application/vnd.vegalite.v5+json"
_BINARY = {"image/png", "image/jpeg"}


def _text(mime: str, data) -> str:
    if mime in _BINARY and isinstance(data, (bytes, bytearray, memoryview)):
        return base64.b64encode(data).decode("ascii")
    if mime.endswith("json") and not isinstance(data, str):
        return json.dumps(data, default=str)
    if isinstance(data, (bytes, bytearray)):
        return bytes(data).decode("utf-8", "replace")
    return str(data)


def _call_repr(obj, name: str):
    method = getattr(type(obj), name, None)  # on the class, like IPython: no __getattr__ tricks
    if method is None:
        return None
    try:
        data = method(obj)
    except Exception:
        return None
    return data[0] if isinstance(data, tuple) else data  # (data, metadata) form


def mime_bundle(obj) -> dict:
    bundle = {}
    rich = _call_repr(obj, "_repr_mimebundle_")
    if isinstance(rich, dict):
        for mime, data in rich.items():
            bundle[mime] = _text(mime, data)
    for name, mime in _REPR_METHODS:
        if mime not in bundle:
            data = _call_repr(obj, name)
            if data is not None:
                bundle[mime] = _text(mime, data)
    if isinstance(obj, dict) and "vega-lite" in str(obj.get("$schema", "")):
        bundle[VEGA_LITE] = json.dumps(obj, default=str)
    if "text/plain" not in bundle:
        bundle["text/plain"] = repr(obj)
    return bundle


def display(*objs, raw: bool = False) -> None:
    """Show each object as a rich output. With raw=True each object is a MIME bundle dict."""
    for obj in objs:
        bundle = {k: _text(k, v) for k, v in obj.items()} if raw else mime_bundle(obj)
        emit(json.dumps(bundle))


def install() -> None:
    builtins.display = display
