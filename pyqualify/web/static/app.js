// pyqualify page: the state of the page and its wiring. No framework, no outside request.
//
// One state holds the last answers; every drawing is made from it (render), so nothing can
// bring back an answer the state no longer holds: an error empties it, whatever happens
// after (a resize, a rotation, a language switch). A question is asked when the person has
// left a field or asks for the answer, never while a row just added is still being filled in.
"use strict";

import { showLevels, showPath } from "./answer.js";
import * as interview from "./ask.js";
import {
  SECTIONS, addRow, applicantDocument, changedOptions, clearErrors, fillForm, form, freshRows,
  query, renumber, resetOptions, setOptions, settle, showError,
} from "./form.js";
import { keep, readFragment, save } from "./share.js";
import { $, D, U, fill } from "./util.js";

const state = {
  check: null, path: null,           // the last answers (documents), or null
  checkFresh: false, pathFresh: false,  // false while a newer question is on its way
  pathMessage: "",                   // why there is no path (a time limit, a fault)
  choice: null,                      // the plan chosen among the trade-offs (null: default)
  applicant: null,                   // the document the answers are for
  seq: 0,
};
let calls = [];
// "form" (the whole form) or "ask" (step by step, the default on a narrow screen); both fill
// one applicant document, kept in the address's fragment with the mode
let mode = "form";
const NARROW = "(max-width: 640px)";

function render() {
  showLevels(state.check, state.checkFresh);
  showPath(state.path, { fresh: state.pathFresh, choice: state.choice, message: state.pathMessage,
                         applicant: state.applicant, onChoose: choose });
  const doc = state.applicant || {};
  $("#print-head").textContent = fill(U.print_title, { id: doc.id ? `${doc.id} · ` : "",
                                                       as_of: (state.check && state.check.as_of) || doc.as_of || "" });
}

function forget(message) {
  state.check = null;
  state.path = null;
  state.pathMessage = message || "";
  render();
}

function choose(index) {
  state.choice = index;
  keepLink();
  render();
}

function keepLink() {
  const doc = mode === "ask" ? interview.documentNow() : applicantDocument();
  const fragment = keep({ v: 1, mode, doc, options: changedOptions(), choice: state.choice });
  const other = $("#switch-lang");
  other.href = `/?lang=${D.lang === "zh" ? "en" : "zh"}${fragment}`;
}

async function post(url, body, contentType, signal) {
  const response = await fetch(url, { method: "POST", body, signal,
                                      headers: { "Content-Type": contentType } });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { status: response.status, data };
}

function serverError(status, data) {
  if (data && data.error) return data.error;
  return { field: "", text: U.server_error + status };
}

// --- asking --------------------------------------------------------------------------------

let timer = null;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => ask(false), 120);
}

async function ask(asked) {
  clearTimeout(timer);
  if (mode === "ask") return;   // the interview asks for itself
  if (asked) settle();
  else if (freshRows().length) return;   // a new row is still being filled in
  for (const c of calls) c.abort();
  calls = [new AbortController(), new AbortController()];
  const [checkCall, pathCall] = calls;
  const seq = ++state.seq;
  const doc = applicantDocument();
  const body = JSON.stringify(doc);
  state.checkFresh = false;
  state.pathFresh = false;
  keepLink();
  render();
  $("#check-busy").hidden = false;
  $("#path-busy").hidden = false;
  let failed = false;
  const fail = (err) => {
    failed = true;
    showError(err);
    forget("");
  };
  const current = () => seq === state.seq && !failed;
  const checking = post(`/api/check?${query("check")}`, body, "application/json", checkCall.signal)
    .then(({ status, data }) => {
      if (!current()) return;
      $("#check-busy").hidden = true;
      if (status === 200) {
        clearErrors();
        state.check = data;
        state.checkFresh = true;
        state.applicant = doc;
        render();
      } else if (status === 422) {
        fail(serverError(status, data));
      } else {
        state.check = null;
        showError(serverError(status, data));
        render();
      }
    });
  const planning = post(`/api/path?${query("path")}`, body, "application/json", pathCall.signal)
    .then(({ status, data }) => {
      if (!current()) return;
      $("#path-busy").hidden = true;
      if (status === 200) {
        state.path = data;
        state.pathFresh = true;
        state.pathMessage = "";
        state.applicant = doc;
        render();
      } else if (status === 422) {
        fail(serverError(status, data));
      } else {
        state.path = null;
        state.pathMessage = serverError(status, data).text;
        render();
      }
    });
  for (const call of [checking, planning]) {
    call.catch((e) => {
      if (e.name === "AbortError" || !current()) return;
      showError({ field: "", text: U.server_error + e.message });
    });
  }
}

// --- files: load, paste, save -------------------------------------------------------------

async function loadText(body, name, contentType) {
  const status = $("#file-status");
  status.textContent = U.computing;
  for (const c of calls) c.abort();
  state.seq += 1;
  try {
    const { status: code, data } = await post(`/api/parse?lang=${D.lang}`, body, contentType,
                                              new AbortController().signal);
    if (code === 200) {
      fillForm(data.applicant);
      touched = true;
      status.textContent = `${U.loaded}: ${name}`;
      state.choice = null;
      ask(true);
    } else {
      if (data && data.document) fillForm(data.document);
      status.textContent = "";
      keepLink();
      forget("");
      showError(serverError(code, data));
    }
  } catch (e) {
    status.textContent = U.server_error + e.message;
  }
}

function sizeText(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

$("#file-input").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  if (file.size > 1024 * 1024) {   // the browser refuses it: the server never sees it
    forget("");
    showError({ field: "", element: $("#file-input"),
                text: fill(U.file_too_large, { name: file.name, size: sizeText(file.size) }) });
  } else {
    // the bytes as they are: the server says so when they are not UTF-8 text
    await loadText(await file.arrayBuffer(), file.name, "application/octet-stream");
  }
  e.target.value = "";
});
$("#paste-load").addEventListener("click", () => {
  const text = $("#paste-text").value;
  if (!text.trim()) {
    showError({ field: "", element: $("#paste-text"), text: U.paste_empty });
    return;
  }
  loadText(text, "—", "text/plain; charset=utf-8");
});
$("#save-file").addEventListener("click", () => save(applicantDocument()));
$("#clear-form").addEventListener("click", () => {
  fillForm({ education: "high_school" });
  touched = false;
  filled = null;
  state.choice = null;
  ask(true);
});
$("#reset-whatif").addEventListener("click", () => { resetOptions(); ask(true); });

// --- the form's events ----------------------------------------------------------------------

const IGNORED = new Set(["paste-text", "file-input"]);
form.addEventListener("submit", (e) => {
  e.preventDefault();
  ask(true);
  if (window.matchMedia("(max-width: 820px)").matches) {
    $(".answers").scrollIntoView({ behavior: "smooth", block: "start" });
  }
});
form.addEventListener("change", (e) => {   // a field left (text) or a choice made
  if (IGNORED.has(e.target.id)) return;
  schedule();
});
form.addEventListener("focusout", (e) => {   // a new row is judged once the person leaves it
  const row = e.target.closest("li[data-fresh]");
  if (!row || (e.relatedTarget && row.contains(e.relatedTarget))) return;
  settle(row);
  schedule();
});
form.addEventListener("click", (e) => {
  const add = e.target.closest("[data-add]");
  if (add) {
    const row = addRow(add.dataset.add, null, true);
    const first = row.querySelector("input, select");
    if (first) first.focus();
  }
  const remove = e.target.closest("[data-remove]");
  if (remove) {
    remove.closest("li").remove();
    renumber();
    ask(false);
  }
});
$("#target").addEventListener("change", () => {
  state.choice = null;
  if (mode === "ask") interview.refresh();
  else ask(false);
});

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 150);   // from the state alone
});
window.addEventListener("hashchange", () => {
  const saved = restore();
  if (saved) open(saved);
});

// --- the two modes: the whole form and step by step -----------------------------------------

const errorHook = { form: $("#form-error"), ask: $("#ask-error") };
let filled = null;   // {form, ask}: what the form was filled with from the interview's answers
// whether the form holds anything the person gave (a field changed, a file, a link): a form
// as it opens holds only its defaults (高中毕业), which are no answers to the interview
let touched = false;
form.addEventListener("input", () => { touched = true; });
form.addEventListener("change", () => { touched = true; });

function setMode(next) {
  mode = next;
  $("#ask-mode").hidden = mode !== "ask";
  form.hidden = mode === "ask";
  document.body.dataset.mode = mode;
  // one [data-testid=error] on the page: the one of the mode shown
  for (const [name, box] of Object.entries(errorHook)) {
    if (name === mode) box.dataset.testid = "error";
    else box.removeAttribute("data-testid");
  }
}

function silence() {   // no answer of the other mode comes in after a switch
  clearTimeout(timer);
  for (const c of calls) c.abort();
  state.seq += 1;
  $("#check-busy").hidden = true;
  $("#path-busy").hidden = true;
}

function optionsChanged() {
  const o = changedOptions();
  return !!(Object.keys(o.switches).length || Object.keys(o.thresholds).length || o.flags.length
            || o.horizon);
}

// The form's document back as the interview's: a field or section the form still shows as it
// was filled (a field not asked yet shown as 不确定, a section not asked yet left out) is not
// asked yet again; whatever the person changed in the form is an answer.
function fromForm(now) {
  if (!filled) return now;
  const { form: was, ask: partial } = filled;
  const doc = { ...now };
  if (now.education === was.education && !("education" in partial)) delete doc.education;
  for (const section of Object.keys(SECTIONS)) {
    const rows = now[section] || [];
    const before = was[section] || [];
    if (JSON.stringify(rows) === JSON.stringify(before)) {
      if (section in partial) doc[section] = partial[section];
      else delete doc[section];
    } else if (rows.length === before.length && Array.isArray(partial[section])) {
      doc[section] = rows.map((item, i) => {
        const kept = { ...item };
        for (const key of Object.keys(item)) {
          if (!(key in (partial[section][i] || {})) && item[key] === (before[i] || {})[key]) {
            delete kept[key];
          }
        }
        return kept;
      });
    } else {
      doc[section] = rows;
    }
  }
  return doc;
}

function toAsk(doc) {
  silence();
  clearErrors();
  setMode("ask");
  forget("");
  filled = null;
  interview.start(doc);
  keepLink();
}

function toForm() {
  const doc = interview.formDocument();
  const partial = interview.documentNow();
  interview.stop();
  silence();
  setMode("form");
  forget("");
  fillForm(doc);
  filled = { form: applicantDocument(), ask: partial };
  touched = false;
  state.choice = null;
  ask(true);
  const first = $("#to-ask");
  if (first) first.focus();
}

interview.setup({
  fields: SECTIONS,
  target: () => $("#target").value,
  optionsChanged,
  busy: (on) => {   // while the next answer is on its way, the last one is dimmed
    $("#check-busy").hidden = !on;
    $("#path-busy").hidden = !on;
    if (on) {
      state.checkFresh = false;
      state.pathFresh = false;
      render();
    }
  },
  kept: () => {   // an answer refused: the answers accepted and their levels stand
    state.checkFresh = !!state.check;
    state.pathFresh = !!state.path;
    render();
  },
  answered: (answer, doc) => {
    if (!answer.done) state.choice = null;   // a plan chosen belongs to the path it was in
    state.check = answer.check || null;
    state.checkFresh = !!answer.check;
    state.path = answer.done && answer.path ? answer.path : null;
    state.pathFresh = !!state.path;
    state.pathMessage = answer.done ? "" : D.ask.path_later;
    state.applicant = answer.done && answer.applicant ? answer.applicant : doc;
    render();
    keepLink();
  },
  forget: () => { forget(""); keepLink(); },
  save,
  toForm,
});
$("#to-form").addEventListener("click", toForm);
$("#to-ask").addEventListener("click", () => {
  const doc = applicantDocument();
  toAsk(filled || touched ? fromForm(doc) : { as_of: doc.as_of || D.month });
});

// A link within the page (跳到结果, the glossary's terms) moves there without taking the
// address's fragment, which holds the answers: a reload keeps them.
document.addEventListener("click", (e) => {
  const link = e.target.closest('a[href^="#"]');
  if (!link || link.getAttribute("href").startsWith("#a=")) return;
  const target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
  if (!target) return;
  e.preventDefault();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "start" });
});

// --- opening the page: the answers kept in the address, if any --------------------------------

function restore() {
  const saved = readFragment(location.hash);
  if (saved === null) return null;
  if (saved === "bad") {
    $("#file-status").textContent = U.link_unreadable;
    return null;
  }
  return saved;
}

function open(saved) {
  setOptions((saved && saved.options) || {});
  state.choice = saved && Number.isInteger(saved.choice) ? saved.choice : null;
  const wanted = saved && (saved.mode === "ask" || saved.mode === "form") ? saved.mode
    : (window.matchMedia(NARROW).matches ? "ask" : "form");
  if (wanted === "ask") {
    toAsk(saved ? saved.doc : { as_of: D.month });
    return;
  }
  interview.stop();
  silence();
  setMode("form");
  filled = null;
  touched = !!saved;
  if (saved) {
    fillForm(saved.doc);
    $("#file-status").textContent = U.restored;
  }
  renumber();
  ask(true);
}

open(restore());
