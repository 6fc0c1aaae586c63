"""Django's template engine, with each render's context taken apart once the page is built.

Django's `Context` and every `ContextDict` it pushes point at each other (`context.dicts` holds
the dict, the dict holds `context`), so a rendered context — and all it reaches: the querysets
of a list page, their rows, the filter choices — is never freed when the response is done, only
by the cyclic collector later. A list page left ~1,000 such objects per view; under load the
collector freed forty views' worth at once, a pause of 30–60 ms that was the pages' p99
(bench/README.md, fifth round). Emptying the context's stacks after the render breaks the
cycle: the page's objects go the moment the response is built, one at a time.

A copy taken during the render (the test client's `response.context`) keeps its own stacks.
"""

from __future__ import annotations

from typing import Any

from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates, Template, reraise
from django.template.context import make_context


class AcyclicTemplate(Template):
    def render(self, context: Any = None, request: Any = None) -> str:
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)
        finally:
            context.dicts.clear()
            context.render_context.dicts.clear()


class Templates(DjangoTemplates):
    """`DjangoTemplates` whose templates free their context after rendering (settings.TEMPLATES)."""

    def from_string(self, template_code: str) -> AcyclicTemplate:
        return AcyclicTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> AcyclicTemplate:
        try:
            return AcyclicTemplate(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)
