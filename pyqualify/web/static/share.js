// Keeping an answer: the applicant in the address's fragment (#a=..., never sent to the
// server), and the form saved as a YAML file.
"use strict";

import { el } from "./util.js";

const KEY = "a=";

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

// The fragment for a state: {doc, options, choice}.
export function fragmentOf(state) {
  return `#${KEY}${toBase64Url(JSON.stringify(state))}`;
}

// The state kept in the fragment: null when there is none, "bad" when it cannot be read.
export function readFragment(hash) {
  if (!hash || !hash.startsWith(`#${KEY}`)) return null;
  try {
    const state = JSON.parse(fromBase64Url(hash.slice(KEY.length + 1)));
    if (!state || typeof state !== "object" || !state.doc || typeof state.doc !== "object") {
      return "bad";
    }
    return state;
  } catch (e) {
    return "bad";
  }
}

export function keep(state) {
  const fragment = fragmentOf(state);
  if (location.hash !== fragment) history.replaceState(null, "", fragment);
  return fragment;
}

// --- saving the form as a file ----------------------------------------------------------------

function yamlScalar(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (/^\d{4}-\d{2}$/.test(value) || /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value)) {
    return /^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value);
}

export function toYaml(doc) {
  const lines = [];
  for (const [key, value] of Object.entries(doc)) {
    if (!Array.isArray(value)) { lines.push(`${key}: ${yamlScalar(value)}`); continue; }
    lines.push(`${key}:`);
    for (const item of value) {
      const entries = Object.entries(item);
      if (!entries.length) lines.push("  - {}");
      entries.forEach(([k, v], i) => lines.push(`${i ? "    " : "  - "}${k}: ${yamlScalar(v)}`));
    }
  }
  return lines.join("\n") + "\n";
}

// A file name from the id: letters of any script kept (张三.yaml), what a file system
// refuses (/ \ : * ? " < > | and control characters) made "_", at most 80 characters.
export function fileName(id) {
  const name = String(id || "").replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, "_")
    .replace(/^[\s.]+|[\s.]+$/g, "").slice(0, 80);
  return `${name || "applicant"}.yaml`;
}

export function save(doc) {
  const blob = new Blob([toYaml(doc)], { type: "application/yaml" });
  const link = el("a", { href: URL.createObjectURL(blob), download: fileName(doc.id) });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}
