// pyqualify page: the form, the answers and the timeline. No framework, no outside request.
"use strict";

(function () {
  const D = JSON.parse(document.getElementById("page-data").textContent);
  const U = D.ui;
  const SECTIONS = {
    diplomas: ["kind", "major", "skill_target", "graduation", "mode"],
    work: ["start", "end", "occupation"],
    trainings: ["hours", "occupation", "certificate", "completed"],
    certificates: ["level", "occupation", "obtained"],
  };
  const LEVELS = [4, 3, 2, 1];
  const STORE = "pyqualify-form";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const form = $("#applicant-form");
  const errorBox = $("#form-error");
  let checkCall = null;
  let pathCall = null;
  let lastPath = null;
  let lastDoc = null;
  let shownPlan = 0;
  let timer = null;

  // --- small helpers -------------------------------------------------------------
  function el(tag, attrs, ...children) {
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
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }
  function paren(text) {
    return D.lang === "zh" ? `（${text}）` : ` (${text})`;
  }
  function levelName(level) {
    return D.enums.level[String(level)] || String(level);
  }
  function routeText(route, params) {
    const tpl = D.routes[route];
    if (!tpl) return route;
    const values = Object.assign({}, params || {});
    const needsL4 = values.l3_1b_requires_l4 !== false;
    values.l3_1b_extra_zh = needsL4 ? D.l3_1b_extra : "";
    values.l3_1b_extra_en = needsL4 ? D.l3_1b_extra : "";
    return fill(tpl, values);
  }
  function monthIndex(text) {
    const m = /^(\d{4})-(\d{2})$/.exec(text || "");
    return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
  }
  function monthText(index) {
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    return `${y}-${m < 10 ? "0" : ""}${m}`;
  }

  // --- the form <-> an applicant document -------------------------------------------
  function addRow(section, values) {
    const list = $(`[data-rows="${section}"]`);
    const row = $(`#row-${section}`).content.firstElementChild.cloneNode(true);
    list.append(row);
    if (values && typeof values === "object") {
      for (const name of SECTIONS[section]) {
        if (!(name in values)) continue;
        const input = row.querySelector(`[name="${name}"]`);
        const value = values[name];
        input.value = value === null || value === undefined ? "" : String(value);
      }
    }
    renumber();
    return row;
  }
  function renumber() {
    for (const section of Object.keys(SECTIONS)) {
      $$(`[data-rows="${section}"] > li`).forEach((row, i) => {
        row.dataset.field = `${section}[${i}]`;
        const remove = row.querySelector("[data-remove]");
        if (remove) remove.setAttribute("aria-label", `${U.remove} ${U[section]} ${i + 1}`);
        for (const input of $$("[name]", row)) {
          input.dataset.field = `${section}[${i}].${input.name}`;
        }
      });
    }
  }
  function formDocument() {
    const doc = {};
    const id = form.elements.id.value.trim();
    if (id) doc.id = id;
    doc.as_of = form.elements.as_of.value.trim();
    doc.education = form.elements.education.value;
    for (const section of Object.keys(SECTIONS)) {
      const rows = $$(`[data-rows="${section}"] > li`).map((row) => {
        const item = {};
        for (const input of $$("[name]", row)) {
          let value = input.value.trim();
          if (input.name === "end" && value === "") continue;
          if (input.name === "hours" || (input.name === "level" && /^\d$/.test(value))) {
            value = /^-?\d+$/.test(value) ? Number(value) : value;
          }
          if (input.name === "certificate") value = value === "true";
          item[input.name] = value;
        }
        return item;
      });
      if (rows.length) doc[section] = rows;
    }
    return doc;
  }
  function fillForm(doc) {
    form.elements.id.value = typeof doc.id === "string" ? doc.id : "";
    form.elements.as_of.value = typeof doc.as_of === "string" ? doc.as_of : D.month;
    const education = form.elements.education;
    education.value = typeof doc.education === "string" ? doc.education : "";
    for (const section of Object.keys(SECTIONS)) {
      $(`[data-rows="${section}"]`).replaceChildren();
      const rows = Array.isArray(doc[section]) ? doc[section] : [];
      for (const item of rows) addRow(section, item);
    }
    renumber();
  }

  // --- what-if controls ----------------------------------------------------------
  function whatIf() {
    const settings = [];
    for (const box of $$("[data-switch]")) {
      if (box.checked !== D.switches[box.dataset.switch]) {
        settings.push(`${box.dataset.switch}=${box.checked}`);
      }
    }
    for (const input of $$("[data-threshold]")) {
      const name = input.dataset.threshold;
      if (input.value.trim() !== "" && Number(input.value) !== D.thresholds[name]) {
        settings.push(`${name}=${input.value.trim()}`);
      }
    }
    const planning = $$("[data-plan]").filter((b) => b.checked).map((b) => b.dataset.plan);
    return { settings, planning };
  }
  function query(extra) {
    const q = new URLSearchParams();
    q.set("lang", D.lang);
    const w = whatIf();
    for (const s of w.settings) q.append("set", s);
    if (extra) {
      for (const name of w.planning) q.set(name, "true");
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
    }
    return q.toString();
  }

  // --- errors at their fields ----------------------------------------------------------
  function clearErrors() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    for (const node of $$("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const node of $$(".field-error")) node.remove();
    for (const node of $$(".invalid")) node.classList.remove("invalid");
  }
  function fieldElement(field) {
    let path = field;
    while (path) {
      const found = $(`[data-field="${CSS.escape(path)}"]`);
      if (found) return found;
      const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      if (cut <= 0) break;
      path = path.slice(0, cut);
    }
    return null;
  }
  function showError(err) {
    clearErrors();
    const field = err.field || "";
    let message = err.message || "";
    if (field && !message.includes(field)) message = `${field}: ${message}`;
    errorBox.append(el("strong", { text: U.error_title }), " ", el("span", { text: message }));
    errorBox.hidden = false;
    if (errorBox.getBoundingClientRect().top < 0) errorBox.scrollIntoView({ block: "nearest" });
    const target = field ? fieldElement(field) : null;
    if (target) {
      if (target.tagName === "DETAILS") target.open = true;
      target.classList.add("invalid");
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
        target.setAttribute("aria-invalid", "true");
      }
      const note = el("small", { class: "field-error", id: `err-${Date.now()}`, text: message });
      const holder = target.closest("label") || target;
      holder.after(note);
      if (target.setAttribute) target.setAttribute("aria-describedby", note.id);
    }
  }

  // --- asking the server -------------------------------------------------------------
  async function post(url, body, contentType, controller) {
    const response = await fetch(url, {
      method: "POST", body, signal: controller.signal,
      headers: { "Content-Type": contentType },
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, data };
  }
  function resetHooks() {
    for (const item of $$("[data-testid=check-result] [data-level]")) {
      item.removeAttribute("data-eligible");
      item.removeAttribute("data-held");
    }
    const pathBox = $("[data-testid=path-result]");
    pathBox.removeAttribute("data-reachable");
    pathBox.removeAttribute("data-certified");
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 400);
  }
  async function run() {
    clearTimeout(timer);
    const doc = formDocument();
    lastDoc = doc;
    const body = JSON.stringify(doc);
    if (checkCall) checkCall.abort();
    checkCall = new AbortController();
    const mine = checkCall;
    resetHooks();
    $("#check-busy").hidden = false;
    runPath(body);
    try {
      const { status, data } = await post(`/api/check?${query()}`, body, "application/json", mine);
      if (mine !== checkCall) return;
      $("#check-busy").hidden = true;
      if (status === 200) {
        clearErrors();
        showLevels(data);
      } else if (data && data.error) {
        showError(data.error);
        showLevels(null);
      } else {
        showError({ field: "", message: U.server_error + status });
      }
    } catch (e) {
      if (e.name !== "AbortError") showError({ field: "", message: U.server_error + e });
    }
  }
  async function runPath(body) {
    if (pathCall) pathCall.abort();
    pathCall = new AbortController();
    const mine = pathCall;
    lastPath = null;   // a redraw (window resized) must not bring back the previous answer
    $("#path-busy").hidden = false;
    const target = $("#target").value;
    try {
      const { status, data } = await post(`/api/path?${query({ target })}`, body,
                                          "application/json", mine);
      if (mine !== pathCall) return;
      $("#path-busy").hidden = true;
      if (status === 200) {
        lastPath = data;
        shownPlan = null;
        showPath(data);
      } else {
        lastPath = null;
        showPath(null, data && data.error ? data.error.message : U.server_error + status);
      }
    } catch (e) {
      if (e.name !== "AbortError") showPath(null, U.server_error + e);
    }
  }

  // --- the levels ------------------------------------------------------------------------
  function conditionText(cond) {
    if (typeof cond === "string") return D.conditions[cond] || cond;
    const name = D.conditions[cond.condition] || cond.condition;
    if (cond.have !== undefined && cond.need !== undefined) {
      return name + paren(fill(U.have_need, cond));
    }
    return name;
  }
  function showLevels(doc) {
    const edu = $("#education-line");
    const notes = $("#notes");
    notes.replaceChildren();
    if (!doc) {
      edu.textContent = "";
      for (const item of $$("[data-testid=check-result] [data-level]")) {
        $(".level-body", item).replaceChildren();
        item.className = "level";
      }
      return;
    }
    const params = doc.parameters || {};
    edu.textContent = `${U.education_ok}${D.lang === "zh" ? "：" : ": "}`
      + (doc.education_ok ? U.met : U.not_met);
    for (const answer of doc.levels) {
      const item = $(`[data-testid=check-result] [data-level="${answer.level}"]`);
      const body = $(".level-body", item);
      body.replaceChildren();
      item.className = "level " + (answer.held ? "is-held" : answer.eligible ? "is-open" : "is-closed");
      const badges = el("p", { class: "badges" });
      if (answer.held) badges.append(el("span", { class: "badge held", text: U.held }));
      if (answer.eligible || !answer.held) {   // a held level needs no "not yet"
        badges.append(el("span", {
          class: "badge " + (answer.eligible ? "yes" : "no"),
          text: answer.eligible ? U.eligible : (answer.routes.length ? U.edu_short : U.not_eligible),
        }));
      }
      body.append(badges);
      if (answer.routes.length) {
        body.append(el("ul", { class: "routes" }, ...answer.routes.map((r) =>
          el("li", {}, el("b", { text: r }), " ", routeText(r, params)))));
      }
      if (answer.eligible && answer.materials) {
        // one list when every route asks for the same documents, else one list per route
        const lists = Object.entries(answer.materials);
        const same = lists.every(([, ids]) => ids.join() === lists[0][1].join());
        const box = el("div", { class: "materials" }, el("h4", { text: U.materials }));
        for (const [route, ids] of same ? lists.slice(0, 1) : lists) {
          if (!same) box.append(el("p", { class: "route-name", text: route }));
          box.append(el("ul", {}, ...ids.map((id) => el("li", { text: fill(D.materials[id] || id, params) }))));
        }
        body.append(box);
      }
      if (!answer.eligible && !answer.held) {
        if ("opens" in answer) {
          body.append(el("p", { class: "opens" }, answer.opens
            ? fill(U.opens, { month: answer.opens, routes: (answer.opens_by || []).join(", ") })
            : U.never_opens));
        }
        const lacks = answer.shortfall || answer.unmet || {};
        const routes = Object.keys(lacks);
        if (routes.length) {
          const list = el("ul", { class: "lacks" });
          for (const route of routes) {
            const conds = lacks[route].map(conditionText).join(D.lang === "zh" ? "；" : "; ");
            list.append(el("li", {}, el("b", { title: routeText(route, params), text: route }),
                           " ", conds));
          }
          body.append(el("details", {}, el("summary", { text: U.lacks }), list));
        }
      }
      item.dataset.eligible = String(answer.eligible);
      item.dataset.held = String(answer.held);
    }
    if (doc.warnings && doc.warnings.length) {
      notes.append(el("h3", { text: U.notes }), el("ul", {}, ...doc.warnings.map((w) =>
        el("li", { text: fill(D.warnings[w.code] || w.code, w) }))));
    }
  }

  // --- the path ----------------------------------------------------------------------------
  function stepText(step) {
    const values = {
      level: step.level ? levelName(step.level) : "",
      program: step.program ? (D.programmes[step.program] || step.program) : "",
    };
    let text = fill(D.actions[step.action] || step.action, values);
    if (step.routes && step.routes.length) text += paren(step.routes.join(", "));
    return text;
  }
  function plansOf(doc) {
    if (doc.tradeoffs && doc.tradeoffs.length) return doc.tradeoffs;
    return doc.plans.length ? [{ ...doc.plans[0], certified: doc.certified, months: doc.months,
                                 study_months: null }] : [];
  }
  function showPath(doc, message) {
    const box = $("[data-testid=path-result]");
    const headline = $("#path-headline");
    const detail = $("#path-detail");
    const timeline = $("#timeline");
    detail.replaceChildren();
    timeline.replaceChildren();
    if (!doc) {
      headline.textContent = message || "";
      return;
    }
    const name = levelName(doc.target);
    const target = name.charAt(0).toUpperCase() + name.slice(1);
    if (doc.reachable && doc.months === 0) {
      headline.textContent = fill(U.already, { level: target });
    } else if (doc.reachable) {
      headline.textContent = fill(U.reachable, { level: target, month: doc.certified,
                                                 months: doc.months });
    } else {
      headline.textContent = fill(U.unreachable, { level: target });
      showReason(doc, detail);
    }
    if (doc.reachable && doc.months > 0 && doc.plans.length) {
      const plans = plansOf(doc);
      const fastest = doc.tradeoffs && doc.tradeoffs.length ? plans.length - 1 : 0;
      const index = Math.min(shownPlan === null ? fastest : shownPlan, plans.length - 1);
      const plan = doc.tradeoffs && doc.tradeoffs.length ? plans[index] : doc.plans[0];
      drawTimeline(timeline, doc, plan);
      detail.append(el("h3", { text: U.steps }),
        el("ol", { class: "steps" }, ...plan.steps.map((s) =>
          el("li", {}, el("time", { text: s.month }), " ", stepText(s)))));
      if (doc.tradeoffs && doc.tradeoffs.length > 1) {
        const list = el("ul", { class: "tradeoffs" });
        plans.forEach((p, i) => {
          const label = (p.study_months ? fill(U.study_months, { n: p.study_months }) : U.no_new_study)
            + ` → ${p.certified}${paren(fill(U.months, { n: p.months }))}`;
          const button = el("button", { type: "button", "aria-pressed": String(i === index),
                                        text: label });
          button.addEventListener("click", () => { shownPlan = i; showPath(lastPath); });
          list.append(el("li", {}, button));
        });
        detail.append(el("h3", { text: U.tradeoffs }), list);
      }
    }
    box.dataset.reachable = String(doc.reachable);
    box.dataset.certified = doc.certified || "";
  }
  function optionText(name) {
    const horizon = /^horizon=(\d+)$/.exec(name);
    return horizon ? fill(U.longer_horizon, { n: horizon[1] }) : (D.options[name] || name);
  }
  function showReason(doc, detail) {
    const reason = doc.reason;
    if (!reason) return;
    if (reason.education_ok === false) detail.append(el("p", { class: "opens", text: U.no_edu }));
    if (reason.unmet && Object.keys(reason.unmet).length) {
      detail.append(el("p", { text: fill(U.blocked, { level: levelName(reason.blocked_level),
                                                      month: reason.blocked_at }) }));
      detail.append(el("ul", { class: "lacks" }, ...Object.entries(reason.unmet).map(([r, c]) =>
        el("li", {}, el("b", { text: r }), " ", c.map(conditionText).join("; ")))));
    }
    if (reason.would_open && reason.would_open.length) {
      detail.append(el("p", { text: U.would_open }), el("ul", {}, ...reason.would_open.map((o) =>
        el("li", { text: `${o.option.split("+").map(optionText).join(" + ")}`
                         + ` → ${o.certified}${paren(fill(U.months, { n: o.months }))}` }))));
    }
  }

  // --- the timeline picture (SVG) -------------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function drawTimeline(holder, doc, plan) {
    const start = monthIndex(doc.as_of);
    const end = Math.max(monthIndex(doc.certified) || start, start + 12);
    const width = Math.max(320, Math.min(holder.clientWidth || 640, 1000));
    const narrow = width < 520;
    const left = narrow ? 62 : 96;
    const right = 18;
    const lanes = ["lane_study", "lane_training", "lane_work", "lane_exams", "lane_certificates"];
    const laneH = 34;
    const top = 8;
    const height = top + lanes.length * laneH + 28;
    const x = (m) => left + ((m - start) / (end - start)) * (width - left - right);
    const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%",
                                 role: "img", "aria-labelledby": "timeline-title" });
    picture.append(svg("title", { id: "timeline-title" }, `${U.timeline}: ${doc.as_of} → ${doc.certified}`));
    lanes.forEach((lane, i) => {
      const y = top + i * laneH;
      picture.append(svg("rect", { x: 0, y, width, height: laneH, class: i % 2 ? "lane odd" : "lane" }));
      picture.append(svg("text", { x: 4, y: y + laneH / 2 + 4, class: "lane-label" },
                         narrow ? U[lane + "_short"] || U[lane] : U[lane]));
    });
    const laneY = (name) => top + lanes.indexOf(name) * laneH;
    // study: programmes of the plan, and full-time diplomas of the file still in progress
    const fullTime = [];
    const studies = [];
    for (const d of (lastDoc && lastDoc.diplomas) || []) {
      const g = monthIndex(d.graduation);
      if (g !== null && g > start) {
        studies.push([start, g, D.enums.kind[d.kind] || d.kind]);
        if (d.mode !== "part_time") fullTime.push([start, g]);
      }
    }
    const graduations = {};
    for (const s of plan.steps) if (s.action === "graduate") graduations[s.program] = monthIndex(s.month);
    for (const s of plan.steps) {
      if (s.action !== "start_study") continue;
      const from = monthIndex(s.month);
      const info = D.catalog[s.program] || {};
      const to = graduations[s.program] || from + (info.months || 12);
      studies.push([from, to, D.programmes[s.program] || s.program]);
      if (info.mode !== "part_time") fullTime.push([from, to]);
    }
    for (const [from, to, label] of studies) {
      bar(picture, x(from), x(Math.min(to, end)), laneY("lane_study"), laneH, "study", label);
    }
    // training
    let trainingFrom = null;
    for (const s of plan.steps) {
      if (s.action === "start_training") trainingFrom = monthIndex(s.month);
      if (s.action === "complete_training" && trainingFrom !== null) {
        bar(picture, x(trainingFrom), x(monthIndex(s.month) + 1), laneY("lane_training"), laneH,
            "training", "");
      }
    }
    // work: every month assumed (outside full-time study), or only the recorded months
    const workMonths = [];
    const assume = !doc.planner || doc.planner.assume_work !== false;
    const workEnd = monthIndex(doc.certified) || end;
    for (let m = start; m < workEnd; m += 1) {
      const studying = fullTime.some(([a, b]) => m >= a && m < b);
      const recorded = ((lastDoc && lastDoc.work) || []).some((w) => {
        const a = monthIndex(w.start);
        const b = w.end ? monthIndex(w.end) : Infinity;
        return a !== null && m >= a && m <= b && w.occupation !== "unrelated";
      });
      workMonths.push(!studying && (assume || recorded));
    }
    let runStart = null;
    workMonths.concat([false]).forEach((on, i) => {
      if (on && runStart === null) runStart = i;
      if (!on && runStart !== null) {
        bar(picture, x(start + runStart), x(start + i), laneY("lane_work"), laneH, "work", "");
        runStart = null;
      }
    });
    // exams (diamonds) and certificates (circles), each marked with its level
    const yE = laneY("lane_exams") + laneH / 2;
    const yC = laneY("lane_certificates") + laneH / 2;
    for (const s of plan.steps) {
      const cx = x(monthIndex(s.month));
      let mark = null;
      if (s.action === "exam") {
        mark = svg("path", { d: `M${cx} ${yE - 10} l10 10 l-10 10 l-10 -10 z`, class: "exam" });
        picture.append(mark, svg("text", { x: cx, y: yE + 4, class: "dot-label" }, String(s.level)));
      } else if (s.action === "certificate") {
        mark = svg("circle", { cx, cy: yC, r: 9, class: "certificate" });
        picture.append(mark, svg("text", { x: cx, y: yC + 4, class: "dot-label" }, String(s.level)));
      }
      if (mark) mark.append(svg("title", {}, `${s.month} ${stepText(s)}`));
    }
    // the axis: years
    const axisY = top + lanes.length * laneH;
    picture.append(svg("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, class: "axis" }));
    const years = Math.floor(start / 12);
    const step = (end - start) / 12 > (narrow ? 6 : 12) ? 2 : 1;
    picture.append(svg("text", { x: left, y: axisY + 18, class: "year start" }, doc.as_of));
    for (let y = years + 1; y * 12 <= end; y += step) {
      const tx = x(y * 12);
      if (tx - left < 64) continue;   // keep clear of the as_of label
      picture.append(svg("line", { x1: tx, x2: tx, y1: top, y2: axisY + 4, class: "tick" }));
      picture.append(svg("text", { x: tx, y: axisY + 18, class: "year" }, String(y)));
    }
    holder.append(picture);
  }
  function bar(picture, x1, x2, y, laneH, kind, label) {
    const rect = svg("rect", { x: x1, y: y + 7, width: Math.max(2, x2 - x1), height: laneH - 14,
                               rx: 4, class: `bar ${kind}` });
    if (label) rect.append(svg("title", {}, label));
    picture.append(rect);
    if (label && x2 - x1 > 40) {
      // about 11 px a Chinese character, 6.5 px a Latin one
      let room = x2 - x1 - 10;
      let shown = "";
      for (const ch of label) {
        room -= /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 11 : 6.5;
        if (room < 0) { shown += "…"; break; }
        shown += ch;
      }
      picture.append(svg("text", { x: x1 + 4, y: y + laneH / 2 + 4, class: "bar-label" }, shown));
    }
  }

  // --- files: load, paste, save -------------------------------------------------------------
  async function loadText(text, name) {
    const controller = new AbortController();
    const status = $("#file-status");
    status.textContent = U.computing;
    try {
      const { status: code, data } = await post(`/api/parse?lang=${D.lang}`, text,
                                                "text/plain; charset=utf-8", controller);
      if (code === 200) {
        fillForm(data.applicant);
        status.textContent = `${U.loaded}: ${name}`;
        run();
      } else if (data && data.error) {
        if (data.document) fillForm(data.document);
        status.textContent = "";
        resetHooks();
        showLevels(null);
        showPath(null, "");
        showError(data.error);
      } else {
        status.textContent = U.server_error + code;
      }
    } catch (e) {
      status.textContent = U.server_error + e;
    }
  }
  function yamlScalar(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (/^\d{4}-\d{2}$/.test(value) || /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value)) {
      return /^(true|false|null|yes|no|on|off)$/i.test(value) ? JSON.stringify(value) : value;
    }
    return JSON.stringify(value);
  }
  function toYaml(doc) {
    const lines = [];
    for (const [key, value] of Object.entries(doc)) {
      if (!Array.isArray(value)) { lines.push(`${key}: ${yamlScalar(value)}`); continue; }
      lines.push(`${key}:`);
      for (const item of value) {
        Object.entries(item).forEach(([k, v], i) => {
          lines.push(`${i ? "    " : "  - "}${k}: ${yamlScalar(v)}`);
        });
      }
    }
    return lines.join("\n") + "\n";
  }
  function save() {
    const doc = formDocument();
    const blob = new Blob([toYaml(doc)], { type: "application/yaml" });
    const link = el("a", { href: URL.createObjectURL(blob),
                           download: `${(doc.id || "applicant").replace(/[^\w.-]+/g, "_")}.yaml` });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // --- wiring --------------------------------------------------------------------------------
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
    if (window.matchMedia("(max-width: 820px)").matches) {
      $(".answers").scrollIntoView({ behavior: "smooth", block: "start" });
    }
  });
  form.addEventListener("input", (e) => { if (e.target.id !== "paste-text" && e.target.type !== "file") schedule(); });
  form.addEventListener("change", (e) => { if (e.target.id !== "paste-text" && e.target.type !== "file") schedule(); });
  form.addEventListener("click", (e) => {
    const add = e.target.closest("[data-add]");
    if (add) {
      const row = addRow(add.dataset.add, add.dataset.add === "work" ? { start: form.elements.as_of.value } : null);
      const first = row.querySelector("input, select");
      if (first) first.focus();
      schedule();
    }
    const remove = e.target.closest("[data-remove]");
    if (remove) {
      remove.closest("li").remove();
      renumber();
      schedule();
    }
  });
  $("#target").addEventListener("change", () => { shownPlan = null; runPath(JSON.stringify(formDocument())); });
  $("#file-input").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    if (file.size > 1024 * 1024) {
      showError({ field: "", message: U.server_error + "> 1 MiB" });
    } else {
      await loadText(await file.text(), file.name);
    }
    e.target.value = "";
  });
  $("#paste-load").addEventListener("click", () => loadText($("#paste-text").value, "—"));
  $("#save-file").addEventListener("click", save);
  $("#clear-form").addEventListener("click", () => { fillForm({ education: "high_school" }); run(); });
  $("#reset-whatif").addEventListener("click", () => {
    for (const box of $$("[data-switch]")) box.checked = D.switches[box.dataset.switch];
    for (const input of $$("[data-threshold]")) input.value = D.thresholds[input.dataset.threshold];
    for (const box of $$("[data-plan]")) box.checked = false;
    run();
  });
  $("#switch-lang").addEventListener("click", () => {
    const state = {
      doc: formDocument(), target: $("#target").value,
      switches: $$("[data-switch]").map((b) => [b.dataset.switch, b.checked]),
      thresholds: $$("[data-threshold]").map((i) => [i.dataset.threshold, i.value]),
      planning: $$("[data-plan]").map((b) => [b.dataset.plan, b.checked]),
    };
    try { sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (lastPath) showPath(lastPath); }, 200);
  });

  // restore the form after a language switch
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(STORE) || "null"); sessionStorage.removeItem(STORE); } catch (e) { saved = null; }
  if (saved && saved.doc) {
    fillForm(saved.doc);
    $("#target").value = saved.target || "1";
    for (const [name, on] of saved.switches || []) { const b = $(`[data-switch="${name}"]`); if (b) b.checked = on; }
    for (const [name, v] of saved.thresholds || []) { const i = $(`[data-threshold="${name}"]`); if (i) i.value = v; }
    for (const [name, on] of saved.planning || []) { const b = $(`[data-plan="${name}"]`); if (b) b.checked = on; }
  }
  renumber();
  run();
})();
