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
# The MIME types the app accepts (validate.ts); a bundle with nothing else would get the kernel
# killed as malformed, so others are dropped here.
_KNOWN = {mime for _, mime in _REPR_METHODS} | {"text/plain", VEGA_LITE}
# Other Vega-Lite versions' specs are drawn by the same renderer, so they travel as the one type.
_VEGA_LITE_OTHERS = {"application/vnd.vegalite.v4+json", "application/vnd.vegalite.v6+json"}
# The app's limit per string is 8 MiB of UTF-16 code units; a code point is at most two.
MAX_TEXT = 4 * 1024 * 1024


def _text(mime: str, data) -> str:
    if mime in _BINARY and isinstance(data, (bytes, bytearray, memoryview)):
        return base64.b64encode(data).decode("ascii")
    if mime.endswith("json") and not isinstance(data, str):
        return json.dumps(data, default=str)
    if isinstance(data, (bytes, bytearray)):
        return bytes(data).decode("utf-8", "replace")
    return str(data)


def _known(items) -> dict:
    """The entries of a MIME bundle the app shows, as text (the first of each type wins)."""
    bundle = {}
    for mime, data in items:
        mime = VEGA_LITE if mime in _VEGA_LITE_OTHERS else mime
        if mime in _KNOWN and mime not in bundle:
            bundle[mime] = _text(mime, data)
    return bundle


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
    rich = _call_repr(obj, "_repr_mimebundle_")
    bundle = _known(rich.items()) if isinstance(rich, dict) else {}
    for name, mime in _REPR_METHODS:
        if mime not in bundle:
            data = _call_repr(obj, name)
            if data is not None:
                bundle[mime] = _text(mime, data)
    if isinstance(obj, dict) and "vega-lite" in str(obj.get("$schema", "")):
        bundle[VEGA_LITE] = json.dumps(obj, default=str)
    if "text/plain" not in bundle:
        bundle["text/plain"] = repr(obj)
    return _fit(bundle)


def truncate(text: str) -> str:
    """The text, cut to fit the app's limit per string."""
    if len(text) <= MAX_TEXT:
        return text
    note = f"\n... [truncated: {len(text):,} characters in all]"
    return text[: MAX_TEXT - len(note)] + note


def _fit(bundle: dict) -> dict:
    """Oversized text/plain is cut short; any other oversized entry is left out."""
    return {
        mime: truncate(data) if mime == "text/plain" else data
        for mime, data in bundle.items()
        if mime == "text/plain" or len(data) <= MAX_TEXT
    }


def display(*objs, raw: bool = False) -> None:
    """Show each object as a rich output. With raw=True each object is a MIME bundle dict."""
    for obj in objs:
        if raw:
            bundle = _fit(_known(obj.items()))
        else:
            bundle = mime_bundle(obj)
        if bundle:  # a raw bundle of only unknown types shows nothing
            emit(json.dumps(bundle))


def install() -> None:
    builtins.display = display
