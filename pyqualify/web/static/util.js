// Small helpers of the page: the page's data, elements, words, months.
"use strict";

export const D = JSON.parse(document.getElementById("page-data").textContent);
export const U = D.ui;
export const zh = D.lang === "zh";
export const $ = (sel, root) => (root || document).querySelector(sel);
export const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

export function paren(text) {
  return zh ? `（${text}）` : ` (${text})`;
}

export const sep = zh ? "、" : ", ";

export function levelName(level) {
  return D.enums.level[String(level)] || String(level);
}

export function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function routeText(route, params) {
  const tpl = D.routes[route];
  if (!tpl) return route;
  const values = Object.assign({}, params || {});
  const needsL4 = values.l3_1b_requires_l4 !== false;
  values.l3_1b_extra_zh = needsL4 ? D.l3_1b_extra : "";
  values.l3_1b_extra_en = needsL4 ? D.l3_1b_extra : "";
  return fill(tpl, values);
}

// Months: the spellings of pyqualify.months (its very pattern, shipped in the page data).
const MONTH = new RegExp(`^${D.month_pattern}$`);

export function monthIndex(text) {
  const m = MONTH.exec(typeof text === "string" ? text : "");
  if (!m) return null;
  const month = Number(m[2] || m[3] || m[4]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

export function monthText(index) {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${m < 10 ? "0" : ""}${m}`;
}
