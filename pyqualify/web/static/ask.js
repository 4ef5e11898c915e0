// The step-by-step mode (逐步问答, docs/partial.md section 4): one question at a time from
// POST /api/ask, which keeps no state: the page holds the partial applicant document (a
// section or field absent = not asked yet, "unknown" = asked, not sure), writes each answer
// at the question's field and posts the document again. An answer the server refuses (422)
// is not written: the question stays, marked at its input, and the document is unchanged.
"use strict";

import { choiceWords, fieldWords } from "./answer.js";
import { $, $$, D, U, capital, el, fill, sep, zh } from "./util.js";

const A = D.ask;
const panel = $("#ask-mode");
const body = $("#ask-body");
const errorBox = $("#ask-error");
const asOf = $("#ask-as-of");

// the fields a person may answer 不确定 (docs/partial.md section 1), months and hours
const UNSURE = new Set(["education", "major", "skill_target", "mode", "occupation", "certificate"]);
const MONTHS = new Set(["as_of", "graduation", "start", "end", "completed", "obtained"]);
const OPTIONAL = new Set(["end"]);   // an empty end month: a job still going on
// a question's jargon, explained by the glossary's words (as the form's "?" links do)
const TERMS = { occupation: ["related_occupation"], skill_target: ["skill_target", "assessed"],
                certificate: ["formal_training"], trainings: ["formal_training"] };

const iv = {
  doc: {},          // the answers accepted so far
  history: [],      // the documents before each accepted answer (上一题)
  ahead: null,      // the document "back" left: its answers fill the inputs again
  answer: null,     // the last answer of /api/ask for doc, or null
  seq: 0,
  call: null,
  active: false,
  steps: 0,
  left: null,       // the answers and their history when the person went to the form
};
let hooks = {};

// --- a field's path: "work[0].end" <-> ["work", 0, "end"] ------------------------------------

const STEP = /\.?([^.[\]]+)|\[(\d+)\]/g;

export function splitPath(path) {
  return [...String(path).matchAll(STEP)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

export function getAt(doc, path) {
  let node = doc;
  for (const part of splitPath(path)) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

export function setAt(doc, path, value) {
  const parts = splitPath(path);
  let node = doc;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) { node[part] = value; return; }
    if (node[part] === null || typeof node[part] !== "object") {
      node[part] = typeof parts[i + 1] === "number" ? [] : {};
    }
    node = node[part];
  });
  return doc;
}

const clone = (doc) => JSON.parse(JSON.stringify(doc));
const lastKey = (path) => splitPath(path).filter((p) => typeof p === "string").pop() || "";

// --- asking the server ---------------------------------------------------------------------

export function setup(h) {
  hooks = h;
  $("#ask-back").addEventListener("click", back);
  $("#ask-restart").addEventListener("click", () => {
    iv.history = [];
    iv.ahead = null;
    send({ as_of: iv.doc.as_of || D.month }, false);
  });
  const month = () => {   // the month asked about: on leaving the field, or on Enter
    if (asOf.value.trim() !== (iv.doc.as_of || "") || errorBox.dataset.field === "as_of") {
      answerWith("as_of", asOf.value.trim());
    }
  };
  asOf.addEventListener("change", month);
  asOf.addEventListener("keydown", (e) => { if (e.key === "Enter") month(); });
}

export function start(doc) {
  const same = iv.left && JSON.stringify(iv.left.doc) === JSON.stringify(doc);
  iv.active = true;
  iv.history = same ? iv.left.history : [];
  iv.ahead = null;
  iv.left = null;
  iv.answer = null;
  iv.doc = doc && typeof doc === "object" ? clone(doc) : {};
  draw(false);
  return send(iv.doc, false);
}

export function stop() {
  if (iv.active) iv.left = { doc: iv.doc, history: iv.history };
  iv.active = false;
  iv.seq += 1;
  if (iv.call) iv.call.abort();
  setBusy(false);
  clearError();
}

export function refresh() {   // the same answers asked again (another target level)
  return send(iv.doc, false);
}

export function documentNow() {
  return iv.doc;
}

// The document the whole form shows for the answers so far: the finished applicant when the
// interview is done, else the answers with every field not asked yet read as 不确定 (as the
// answer's check reads it); a section not asked yet is left out.
export function formDocument() {
  if (iv.answer && iv.answer.done && iv.answer.applicant) return clone(iv.answer.applicant);
  const doc = clone(iv.doc);
  if (!("education" in doc)) doc.education = "unknown";
  for (const section of ["diplomas", "work", "trainings", "certificates"]) {
    if (!Array.isArray(doc[section])) continue;
    for (const item of doc[section]) {
      if (!item || typeof item !== "object") continue;
      for (const key of hooks.fields[section]) {
        if (UNSURE.has(key) && !(key in item)) item[key] = "unknown";
      }
    }
  }
  return doc;
}

async function send(doc, pending) {
  if (iv.call) iv.call.abort();
  const call = new AbortController();
  iv.call = call;
  const seq = ++iv.seq;
  setBusy(true);
  const query = new URLSearchParams({ target: hooks.target(), lang: D.lang });
  let status = 0;
  let data = null;
  try {
    const response = await fetch(`/api/ask?${query}`, {
      method: "POST", body: JSON.stringify({ applicant: doc }), signal: call.signal,
      headers: { "Content-Type": "application/json" } });
    status = response.status;
    try { data = await response.json(); } catch (e) { data = null; }
  } catch (e) {
    if (e.name === "AbortError" || seq !== iv.seq) return;
    data = { error: { field: "", text: U.server_error + e.message } };
  }
  if (seq !== iv.seq || !iv.active) return;
  setBusy(false);
  iv.steps += 1;   // every answer of the server drawn, accepted or not (a hook for tests)
  panel.dataset.step = String(iv.steps);
  if (status === 200 && data && typeof data === "object") {
    if (pending) iv.history.push(iv.doc);
    iv.doc = doc;
    iv.answer = data;
    clearError();
    draw(pending);
    hooks.answered(data, doc);
    return;
  }
  const err = (data && data.error) || { field: "", text: U.server_error + status };
  if (pending) {   // the answer is refused: the question stays, the document is unchanged
    drawLevels();
    showError(err);
    if (hooks.kept) hooks.kept();
    return;
  }
  iv.answer = null;   // nothing is known of this document: no question, no level
  draw(false);
  hooks.forget();
  showError(err, true);
}

function answerWith(field, value) {
  if (!iv.active) return;
  send(setAt(clone(iv.doc), field, value), true);
}

function back() {
  if (!iv.history.length) return;
  iv.ahead = iv.doc;
  send(iv.history.pop(), false).then(() => {
    const title = $("#ask-text");
    if (title) title.focus();
  });
}

function setBusy(on) {
  panel.setAttribute("aria-busy", String(on));
  $("[data-testid=ask-levels]").classList.toggle("stale", on);
  for (const control of $$("#ask-body button, #ask-body input, #ask-body select")) {
    if (on && !("wasDisabled" in control.dataset)) control.dataset.wasDisabled = String(control.disabled);
    control.disabled = on || control.dataset.wasDisabled === "true";
    if (!on) delete control.dataset.wasDisabled;
  }
  if (hooks.busy) hooks.busy(on);
}

// --- errors at the input ---------------------------------------------------------------------

function clearError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
  errorBox.removeAttribute("data-field");
  for (const node of $$("[aria-invalid]", panel)) {
    node.removeAttribute("aria-invalid");
    const described = (node.getAttribute("aria-describedby") || "").split(" ")
      .filter((id) => !id.startsWith("ask-err")).join(" ");
    if (described) node.setAttribute("aria-describedby", described);
    else node.removeAttribute("aria-describedby");
  }
  for (const node of $$(".field-error", panel)) node.remove();
  for (const node of $$(".invalid", panel)) node.classList.remove("invalid");
}

function inputFor(field) {
  let path = field;
  while (path) {
    const found = $(`[data-field="${CSS.escape(path)}"]:not(#ask-error)`, panel);
    if (found) return found;
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) break;
    path = path.slice(0, cut);
  }
  return $("[data-testid=ask-question]", panel);
}

function showError(err, whole) {
  clearError();
  // the field as the questions name it: a path in the body's "applicant" is one of the document
  const field = (err.field || "").replace(/^applicant(\.|(?=\[)|$)/, "");
  const text = err.text || err.message || "";
  errorBox.append(el("strong", { text: whole ? A.unreadable : U.error_title }), " ",
                  el("span", { text }));
  if (!whole) errorBox.append(" ", el("span", { class: "hint", text: A.refused }));
  errorBox.dataset.field = field;
  errorBox.hidden = false;
  const target = inputFor(field);
  if (!target) return;
  target.classList.add("invalid");
  const note = el("small", { class: "field-error", id: "ask-err", text });
  if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
    target.setAttribute("aria-invalid", "true");
    const described = target.getAttribute("aria-describedby");
    target.setAttribute("aria-describedby", described ? `${described} ask-err` : "ask-err");
    (target.closest("label") || target).after(note);
    target.focus();
  } else {
    target.append(note);
  }
}

// --- drawing ---------------------------------------------------------------------------------

function levelState(level) {
  if (level.held) return "held";
  if (level.verdict) return level.verdict;
  return level.eligible ? "yes" : "no";
}

function drawLevels() {
  const check = iv.answer && iv.answer.check;
  for (const item of $$("[data-testid=ask-levels] [data-ask-level]")) {
    const level = check && check.levels.find((l) => String(l.level) === item.dataset.askLevel);
    const state = level ? levelState(level) : null;
    if (state) item.dataset.state = state;
    else item.removeAttribute("data-state");
    $(".ask-state", item).textContent = state ? A[state] || state : "…";
  }
}

export function draw(focus) {
  drawLevels();
  asOf.value = typeof iv.doc.as_of === "string" ? iv.doc.as_of : "";
  $("#ask-back").disabled = !iv.history.length;
  const answer = iv.answer;
  $("#ask-progress").textContent = answer ? fill(A.asked, { n: answer.asked || 0 }) : "";
  $("#ask-options-note").hidden = !(hooks.optionsChanged && hooks.optionsChanged());
  drawAnswers();
  body.replaceChildren();
  if (!answer) return;
  if (answer.done) {
    body.append(doneBox());
    if (focus) $("#ask-done-title").focus();
    return;
  }
  if (!answer.question) return;
  const box = questionBox(answer.question);
  body.append(box);
  if (focus) {
    const first = $("input, select", box);
    (first || $("#ask-text")).focus();
  }
}

const colon = zh ? "：" : ": ";

// What the person has told so far, in words (the document the answers are written into).
function valueWords(path, value) {
  if (value === null) return A.still_going_short;
  return D.field_enums[lastKey(path)] || value === "unknown" ? choiceWords(path, value) : String(value);
}

function drawAnswers() {
  const box = $("#ask-answers");
  const list = $("ul", box);
  list.replaceChildren();
  const doc = iv.doc;
  if ("education" in doc) {
    list.append(el("li", { "data-field": "education",
                           text: `${fieldWords("education")}${colon}${valueWords("education", doc.education)}` }));
  }
  for (const section of ["diplomas", "work", "trainings", "certificates"]) {
    if (!Array.isArray(doc[section])) continue;
    if (!doc[section].length) {
      list.append(el("li", { "data-field": section, text: `${D.fields[section]}${colon}${A.none_given}` }));
    }
    doc[section].forEach((item, i) => {
      if (!item || typeof item !== "object") return;
      const facts = Object.entries(item).map(([key, value]) => {
        const path = `${section}[${i}].${key}`;
        return `${D.fields[key] || key} ${valueWords(path, value)}`;
      });
      list.append(el("li", { "data-field": `${section}[${i}]`,
        text: `${capital(fill(D.records[section], { n: i + 1 }))}${colon}${facts.join(sep)}` }));
    });
  }
  box.hidden = !list.children.length;
}

function doneBox() {
  const save = el("button", { type: "button", "data-testid": "ask-save" }, A.save);
  save.addEventListener("click", () => hooks.save(formDocument()));
  const toForm = el("button", { type: "button", class: "secondary", "data-testid": "ask-to-form" },
                    A.done_form);
  toForm.addEventListener("click", () => hooks.toForm());
  return el("div", { class: "ask-done", "data-testid": "ask-done" },
    el("h3", { id: "ask-done-title", tabindex: "-1", text: A.done }),
    el("div", { class: "buttons" }, save, toForm));
}

function termBoxes(field) {
  const keys = TERMS[field] || TERMS[lastKey(field)] || [];
  return keys.filter((key) => D.terms[key]).map((key) => el("details", { class: "ask-term" },
    el("summary", { text: `${A.what_is} ${D.terms[key][0]}` }), el("p", { text: D.terms[key][1] })));
}

function prefill(field) {
  const here = getAt(iv.doc, field);
  if (here !== undefined) return here;
  return iv.ahead ? getAt(iv.ahead, field) : undefined;
}

function questionBox(q) {
  const box = el("div", { class: "ask-question", "data-testid": "ask-question",
                          "data-field": q.field, "data-type": q.type,
                          role: "group", "aria-labelledby": "ask-text" });
  box.append(el("h3", { id: "ask-text", tabindex: "-1", text: q.text || q.field }));
  if (q.why && q.why.length) {
    box.append(el("p", { class: "ask-why", text: fill(A.why, { routes: q.why.join(sep) }) }));
  }
  box.append(...termBoxes(q.field));
  if (q.type === "choice") box.append(choiceButtons(q));
  else if (q.type === "records") box.append(recordsForm(q));
  else box.append(valueForm(q));
  return box;
}

function choiceButtons(q) {
  const now = prefill(q.field);
  const group = el("div", { class: "ask-choices" });
  for (const choice of q.choices || []) {
    const button = el("button", { type: "button", class: "ask-choice", "data-testid": "ask-choice",
                                  "data-value": String(choice.value),
                                  "aria-pressed": now !== undefined && now === choice.value ? "true" : null },
                      choice.label);
    button.addEventListener("click", () => answerWith(q.field, choice.value));
    group.append(button);
  }
  return group;
}

function monthHint() {
  return el("p", { class: "hint", id: "ask-q-month-hint", text: U.month_hint });
}

function nextButton() {
  return el("button", { type: "submit", class: "primary ask-next", "data-testid": "ask-submit" }, A.next);
}

function valueForm(q) {
  // a month (any of the spellings of docs/input.md: the server reads them) or hours
  const month = q.type === "month";
  const now = prefill(q.field);
  const input = el("input", month
    ? { type: "text", inputmode: "numeric", placeholder: "YYYY-MM", "aria-describedby": "ask-q-month-hint" }
    : { type: "number", min: "0", step: "1" });
  input.id = "ask-input";
  input.dataset.field = q.field;
  input.autocomplete = "off";
  if (now !== undefined && now !== null) input.value = String(now);
  const f = el("form", { class: "ask-form", novalidate: true },
               el("label", {}, U[lastKey(q.field)] || D.fields[lastKey(q.field)] || q.field, input));
  const buttons = el("div", { class: "buttons" }, nextButton());
  if (month && (q.nullable || q.null_label || OPTIONAL.has(lastKey(q.field)))) {
    const none = el("button", { type: "button", class: "secondary", "data-testid": "ask-null" },
                    q.null_label || A.still_going);
    none.addEventListener("click", () => answerWith(q.field, null));
    buttons.append(none);
  }
  if (month) f.append(monthHint());
  f.append(buttons);
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    answerWith(q.field, !month && /^\d+$/.test(text) ? Number(text) : text);
  });
  return f;
}

// --- a records question: the whole list of one section, each record with the keys asked -------

function control(key, value, spec) {
  // how a key is asked: the question's own description of it (its "fields") where it gives
  // one, else from the key's name as the form asks it
  const type = (spec && spec.type) || (MONTHS.has(key) ? "month" : key === "hours" ? "number"
    : "choice");
  let input;
  if (type === "month") {
    input = el("input", { type: "text", inputmode: "numeric", placeholder: "YYYY-MM",
                          "aria-describedby": "ask-q-month-hint", autocomplete: "off" });
  } else if (type === "number") {
    input = el("input", { type: "number", min: String(spec && spec.minimum !== undefined
      ? spec.minimum : 0), step: "1" });
    if (spec && spec.maximum !== undefined) input.max = String(spec.maximum);
  } else {
    const choices = spec && Array.isArray(spec.choices) ? spec.choices
      : Object.entries(D.enums[D.field_enums[key]] || {}).map(([v, label]) => ({ value: v, label }))
        .concat(UNSURE.has(key) ? [{ value: "unknown", label: D.unknown }] : []);
    input = el("select", {}, el("option", { value: "", text: A.choose }),
      ...choices.map((c) => el("option", { value: String(c.value), text: c.label })));
  }
  if (value !== undefined && value !== null) input.value = String(value);
  input.name = key;
  const words = (spec && (spec.text || spec.label)) || U[key] || D.fields[key] || key;
  return el("label", {}, words, input);
}

function recordValue(input) {
  const text = input.value.trim();
  if (input.name === "hours") return /^\d+$/.test(text) ? Number(text) : text;
  if (input.name === "level" && /^\d$/.test(text)) return Number(text);
  if (input.name === "certificate" && (text === "true" || text === "false")) return text === "true";
  return text;
}

function recordsForm(q) {
  const section = q.field;
  const keys = q.keys || [];
  const specs = Object.fromEntries((q.fields || []).map((f) => [f.key, f]));
  const list = el("ol", { class: "ask-records", "data-testid": "ask-records" });
  const renumber = () => {
    [...list.children].forEach((li, i) => {
      li.dataset.field = `${section}[${i}]`;
      $("legend", li).textContent = capital(fill(D.records[section] || `${section} {n}`, { n: i + 1 }));
      for (const input of $$("[name]", li)) input.dataset.field = `${section}[${i}].${input.name}`;
      $("[data-testid=ask-remove-record]", li).setAttribute(
        "aria-label", `${A.remove_record}: ${fill(D.records[section] || section, { n: i + 1 })}`);
    });
  };
  const addRecord = (values) => {
    const remove = el("button", { type: "button", class: "remove", "data-testid": "ask-remove-record" },
                      A.remove_record);
    const li = el("li", { class: "ask-record", "data-testid": "ask-record" },
      el("fieldset", {}, el("legend"),
        ...keys.map((key) => control(key, values ? values[key] : undefined, specs[key])),
        remove));
    remove.addEventListener("click", () => {
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber();
      const focus = next ? $("input, select", next) : add;
      if (focus) focus.focus();
    });
    list.append(li);
    renumber();
    return li;
  };
  const add = el("button", { type: "button", class: "add", "data-testid": "ask-add-record" },
                 `+ ${A.add_record}`);
  add.addEventListener("click", () => { const li = addRecord(null); $("input, select", li).focus(); });
  const none = el("button", { type: "button", class: "secondary", "data-testid": "ask-none" }, A.none);
  none.addEventListener("click", () => answerWith(section, []));
  const now = prefill(section);
  if (Array.isArray(now) && now.length) for (const item of now) addRecord(item);
  else if (!Array.isArray(now)) addRecord(null);
  const f = el("form", { class: "ask-form", novalidate: true },
               el("p", { class: "hint", text: A.records_hint }), list, add,
               keys.some((k) => ((specs[k] && specs[k].type) || (MONTHS.has(k) ? "month" : ""))
                 === "month") ? monthHint() : null,
               el("div", { class: "buttons" }, nextButton(), none));
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    const records = [...list.children].map((li) => {
      const item = {};
      for (const input of $$("[name]", li)) {
        const value = recordValue(input);
        if (OPTIONAL.has(input.name) && value === "") continue;
        item[input.name] = value;
      }
      return item;
    });
    answerWith(section, records);
  });
  return f;
}
