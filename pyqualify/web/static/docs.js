// The API documentation, drawn from /openapi.json (no outside file).
"use strict";

(async function () {
  const main = document.getElementById("docs");
  const spec = await (await fetch("/openapi.json")).json();
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };
  main.replaceChildren(el("h2", `${spec.info.title} ${spec.info.version}`),
                       el("p", spec.info.description));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const box = el("section", undefined, "endpoint");
      const head = el("h3");
      head.append(el("code", method.toUpperCase(), "method"), " ", el("code", path));
      box.append(head, el("p", op.summary));
      if (op.parameters && op.parameters.length) {
        const list = el("ul");
        for (const p of op.parameters) {
          const item = el("li");
          item.append(el("code", p.name), ` (${p.schema.type}) — ${p.description}`);
          list.append(item);
        }
        box.append(el("h4", "Query parameters"), list);
      }
      const body = op.requestBody && op.requestBody.content["application/json"];
      if (body && body.example) {
        box.append(el("h4", "Body (example)"), el("pre", JSON.stringify(body.example, null, 2)));
      }
      const codes = el("ul");
      for (const [code, r] of Object.entries(op.responses)) {
        const item = el("li");
        item.append(el("code", code), ` ${r.description}`);
        codes.append(item);
      }
      box.append(el("h4", "Responses"), codes);
      main.append(box);
    }
  }
  const schema = el("details");
  schema.append(el("summary", "Schemas"), el("pre", JSON.stringify(spec.components.schemas, null, 2)));
  main.append(schema);
})();
