// The form: an applicant document <-> the fields, the question's options, and errors marked
// at their fields. Another way to fill the same document (a step-by-step interview) only
// needs applicantDocument()/fillForm(); a new choice of an enumeration comes with the
// template's options (pyqualify.web.i18n.ENUMS), nothing here names the values.
"use strict";

import { $, $$, D, U, el } from "./util.js";

export const SECTIONS = {
  diplomas: ["kind", "major", "skill_target", "graduation", "mode"],
  work: ["start", "end", "occupation"],
  trainings: ["hours", "occupation", "certificate", "completed"],
  certificates: ["level", "occupation", "obtained"],
};
const OPTIONAL_EMPTY = new Set(["end"]);   // an empty field that means "left out"
export const form = $("#applicant-form");

export function addRow(section, values, fresh) {
  const list = $(`[data-rows="${section}"]`);
  const row = $(`#row-${section}`).content.firstElementChild.cloneNode(true);
  if (fresh) row.dataset.fresh = "true";   // not judged until the person leaves it
  list.append(row);
  if (values && typeof values === "object") {
    for (const name of SECTIONS[section]) {
      if (!(name in values)) continue;
      const input = row.querySelector(`[name="${name}"]`);
      const value = values[name];
      input.value = value === null || value === undefined ? "" : String(value);
      if (input.tagName === "SELECT" && input.value !== String(value)) {
        // a value the choices do not have (a bad file): show it, so it can be marked
        input.append(el("option", { value: String(value), text: String(value) }));
        input.value = String(value);
      }
    }
  }
  renumber();
  return row;
}

export function renumber() {
  for (const section of Object.keys(SECTIONS)) {
    $$(`[data-rows="${section}"] > li`).forEach((row, i) => {
      row.dataset.field = `${section}[${i}]`;
      const remove = row.querySelector("[data-remove]");
      if (remove) remove.setAttribute("aria-label", `${U.remove}: ${U[section]} ${i + 1}`);
      for (const input of $$("[name]", row)) {
        input.dataset.field = `${section}[${i}].${input.name}`;
      }
    });
  }
}

export function freshRows() {
  return $$("[data-rows] > li[data-fresh]");
}

export function settle(row) {
  if (row) delete row.dataset.fresh;
  else for (const r of freshRows()) delete r.dataset.fresh;
}

function fieldValue(input) {
  let value = input.value.trim();
  if (input.name === "hours" || (input.name === "level" && /^\d$/.test(value))) {
    value = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  if (input.name === "certificate" && (value === "true" || value === "false")) {
    value = value === "true";
  }
  return value;
}

export function applicantDocument() {
  const doc = {};
  const id = form.elements.id.value.trim();
  if (id) doc.id = id;
  doc.as_of = form.elements.as_of.value.trim();
  doc.education = form.elements.education.value;
  for (const section of Object.keys(SECTIONS)) {
    const rows = $$(`[data-rows="${section}"] > li`).map((row) => {
      const item = {};
      for (const input of $$("[name]", row)) {
        const value = fieldValue(input);
        if (OPTIONAL_EMPTY.has(input.name) && value === "") continue;
        item[input.name] = value;
      }
      return item;
    });
    if (rows.length) doc[section] = rows;
  }
  return doc;
}

export function fillForm(doc) {
  const text = (v) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  form.elements.id.value = text(doc.id);
  form.elements.as_of.value = doc.as_of === undefined || doc.as_of === null ? D.month : text(doc.as_of);
  const education = form.elements.education;
  education.value = text(doc.education);
  for (const section of Object.keys(SECTIONS)) {
    $(`[data-rows="${section}"]`).replaceChildren();
    const rows = Array.isArray(doc[section]) ? doc[section] : [];
    for (const item of rows) addRow(section, item, false);
  }
  renumber();
}

// --- the options of the question: planning options and what-ifs ----------------------------

export function options() {
  const settings = [];
  for (const box of $$("[data-switch]")) {
    if (box.checked !== D.switches[box.dataset.switch]) {
      settings.push(`${box.dataset.switch}=${box.checked}`);
    }
  }
  for (const input of $$("[data-threshold]")) {
    const name = input.dataset.threshold;
    const value = input.value.trim();
    if (value !== "" && Number(value) !== D.thresholds[name]) settings.push(`${name}=${value}`);
  }
  const flags = $$("[data-plan]").filter((b) => b.checked).map((b) => b.dataset.plan);
  const horizon = $("[name=horizon]").value.trim();
  return { settings, flags, horizon: horizon === "" || horizon === "240" ? null : horizon,
           target: $("#target").value };
}

export function setOptions(saved) {
  for (const box of $$("[data-switch]")) {
    const name = box.dataset.switch;
    box.checked = saved.switches && name in saved.switches ? !!saved.switches[name] : D.switches[name];
  }
  for (const input of $$("[data-threshold]")) {
    const name = input.dataset.threshold;
    input.value = saved.thresholds && name in saved.thresholds ? String(saved.thresholds[name]) : D.thresholds[name];
  }
  for (const box of $$("[data-plan]")) box.checked = (saved.flags || []).includes(box.dataset.plan);
  $("[name=horizon]").value = saved.horizon ? String(saved.horizon) : "240";
  if (saved.target && /^[1-4]$/.test(String(saved.target))) $("#target").value = String(saved.target);
}

export function changedOptions() {
  const o = options();
  const switches = {};
  for (const box of $$("[data-switch]")) {
    if (box.checked !== D.switches[box.dataset.switch]) switches[box.dataset.switch] = box.checked;
  }
  const thresholds = {};
  for (const input of $$("[data-threshold]")) {
    const name = input.dataset.threshold;
    if (input.value.trim() !== "" && Number(input.value) !== D.thresholds[name]) thresholds[name] = input.value.trim();
  }
  return { switches, thresholds, flags: o.flags, horizon: o.horizon, target: o.target };
}

export function resetOptions() {
  setOptions({});
}

// The query string of a question; check and path get the same options (docs/service.md: a
// level's "opens" and the path answer one question), path also the target.
export function query(kind) {
  const o = options();
  const q = new URLSearchParams();
  q.set("lang", D.lang);
  for (const s of o.settings) q.append("set", s);
  for (const name of o.flags) q.set(name, "true");
  if (o.horizon !== null) q.set("horizon", o.horizon);
  if (kind === "path") q.set("target", o.target);
  return q.toString();
}

// --- errors at their fields ----------------------------------------------------------------

const errorBox = $("#form-error");

export function clearErrors() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
  errorBox.removeAttribute("data-field");
  for (const node of $$("[aria-invalid]")) {
    node.removeAttribute("aria-invalid");
    const described = (node.getAttribute("aria-describedby") || "").split(" ")
      .filter((id) => !id.startsWith("err-")).join(" ");
    if (described) node.setAttribute("aria-describedby", described);
    else node.removeAttribute("aria-describedby");
  }
  for (const node of $$(".field-error")) node.remove();
  for (const node of $$(".invalid")) node.classList.remove("invalid");
}

export function fieldElement(field) {
  const setting = /^set "?([^=\s"]+)/.exec(field);
  if (setting) {
    const name = setting[1];
    const ident = Object.keys(D.switches).find((k) => k === name)
      || Object.entries(D.switch_names || {}).find(([, v]) => v === name)?.[0];
    return $(`[data-threshold="${CSS.escape(name)}"]`)
      || (ident ? $(`[data-switch="${CSS.escape(ident)}"]`) : null) || $("#whatif");
  }
  let path = field;
  while (path) {
    const found = $(`[data-field="${CSS.escape(path)}"]:not([data-testid=error])`);
    if (found) return found;
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) break;
    path = path.slice(0, cut);
  }
  return null;
}

let errorCount = 0;

export function showError(err) {
  clearErrors();
  const field = err.field || "";
  const text = err.text || err.message || "";
  errorBox.append(el("strong", { text: U.error_title }), " ", el("span", { text }));
  errorBox.dataset.field = field;
  errorBox.hidden = false;
  const target = field ? fieldElement(field) : err.element || null;
  if (target) {
    const details = target.closest("details");
    if (details) details.open = true;
    if (target.tagName === "DETAILS") target.open = true;
    target.classList.add("invalid");
    errorCount += 1;
    const note = el("small", { class: "field-error", id: `err-${errorCount}`, text });
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      target.setAttribute("aria-invalid", "true");
      const described = target.getAttribute("aria-describedby");
      target.setAttribute("aria-describedby", described ? `${described} ${note.id}` : note.id);
    }
    const holder = target.closest("label") || target;
    holder.after(note);
  }
  if (errorBox.getBoundingClientRect().top < 0) errorBox.scrollIntoView({ block: "nearest" });
}
