// The answers: the four levels, the fastest path (the plan chosen), the rules applied.
// Everything is drawn from the answer documents alone; nothing here is remembered between
// answers, so a redraw (a resize, a rotation) can only show what the state holds.
"use strict";

import { $, $$, D, U, capital, el, fill, levelName, paren, routeText, sep, zh } from "./util.js";
import { drawTimeline } from "./timeline.js";

const colon = zh ? "：" : ": ";

// --- the levels ----------------------------------------------------------------------------

function conditionText(cond) {
  if (typeof cond === "string") return D.conditions[cond] || cond;
  const words = D.shortfalls[cond.condition];
  if (words && cond.have !== undefined && cond.need !== undefined) {
    return fill(words, { ...cond, n: cond.need - cond.have });
  }
  const name = D.conditions[cond.condition] || cond.condition;
  if (cond.have !== undefined && cond.need !== undefined) return name + paren(fill(U.have_need, cond));
  return name;
}

function materialsBox(answer, params) {
  // one checklist when every route asks for the same documents, else one per route
  const lists = Object.entries(answer.materials);
  if (!lists.length) return null;
  const same = lists.every(([, ids]) => ids.join() === lists[0][1].join());
  const box = el("div", { class: "materials" }, el("h4", { text: U.materials }));
  for (const [route, ids] of same ? lists.slice(0, 1) : lists) {
    if (!same) box.append(el("p", { class: "route-name", text: route }));
    box.append(el("ul", { class: "checklist" }, ...ids.map((id) => el("li", {},
      el("label", {}, el("input", { type: "checkbox" }),
         el("span", { text: fill(D.materials[id] || id, params) }))))));
  }
  return box;
}

// --- facts a person is not sure of: what a level that depends depends on ---------------------

const RECORD_FIELD = /^(\w+)\[(\d+)\]\.(\w+)$/;

export function fieldWords(path) {
  // the field in words, as pyqualify.words.field_label says it
  const m = RECORD_FIELD.exec(path);
  if (!m) return D.fields[path] || path;
  const record = fill(D.records[m[1]], { n: Number(m[2]) + 1 });
  const field = D.fields[m[3]] || m[3];
  return zh ? `${record}的${field}` : `${field} of ${record}`;
}

export function choiceWords(path, value) {
  if (value === "unknown") return D.unknown;
  const table = D.enums[D.field_enums[path.split(".").pop()]] || {};
  return table[String(value)] || String(value);
}

function admitsText(item) {
  // as pyqualify.render.admits_text: 若第 1 条工作经历的职业是相关职业，可凭 L4-1 报考
  const routes = item.routes.join(sep);
  if (!item.admits_if.length && D.ask) {   // a section not asked yet (the interview's check)
    return fill(D.ask.depends_section, { field: fieldWords(item.field), routes });
  }
  const m = RECORD_FIELD.exec(item.field);
  if (m && m[3] === "certificate") {
    return fill(D.partial.admits_if_certificate,
                { record: fill(D.records[m[1]], { n: Number(m[2]) + 1 }), routes });
  }
  const readings = item.admits_if.map((v) => choiceWords(item.field, v)).join(D.partial.or);
  return fill(D.partial.admits_if, { field: fieldWords(item.field), readings, routes });
}

export function assumption(asOf, assumeWork) {
  return fill(assumeWork ? U.assumes_work : U.assumes_records, { as_of: asOf });
}

export function showLevels(doc, fresh) {
  const edu = $("#education-line");
  const notes = $("#notes");
  const rules = $("#rules-check");
  notes.replaceChildren();
  for (const item of $$("[data-testid=check-result] [data-level]")) {
    item.removeAttribute("data-eligible");
    item.removeAttribute("data-held");
    item.removeAttribute("data-verdict");
    item.classList.toggle("stale", !!doc && !fresh);
  }
  if (!doc) {
    edu.textContent = "";
    rules.textContent = "";
    for (const item of $$("[data-testid=check-result] [data-level]")) {
      $(".level-body", item).replaceChildren();
      item.className = "level";
    }
    return;
  }
  const params = doc.parameters || {};
  const assumeWork = !doc.forecast || doc.forecast.assume_work !== false;
  const horizon = doc.forecast ? doc.forecast.horizon : 240;
  edu.textContent = `${U.education_ok}${colon}${doc.education_ok ? U.met : U.not_met}`;
  for (const answer of doc.levels) {
    const item = $(`[data-testid=check-result] [data-level="${answer.level}"]`);
    const body = $(".level-body", item);
    body.replaceChildren();
    item.className = "level " + (answer.held ? "is-held" : answer.eligible ? "is-open"
      : answer.verdict === "depends" ? "is-depends" : "is-closed")
      + (fresh ? "" : " stale");
    const badges = el("p", { class: "badges" });
    body.append(badges);
    if (answer.held) {   // held: nothing to apply for (docs/service.md)
      badges.append(el("span", { class: "badge held", text: U.held }));
      body.append(el("p", { class: "held-note", text: U.held_note }));
    } else {
      const depends = answer.verdict === "depends";
      badges.append(el("span", {
        class: "badge " + (answer.eligible ? "yes" : depends ? "depends" : "no"),
        text: answer.eligible ? U.eligible : depends ? D.partial.depends
          : (answer.routes.length ? U.edu_short : U.not_eligible),
      }));
      if (depends) {   // which answer of which fact would admit (docs/partial.md)
        body.append(el("ul", { class: "depends-on", "data-testid": "depends-on" },
          ...answer.depends_on.map((item) => el("li", { "data-field": item.field,
                                                        text: admitsText(item) }))));
      }
      if (answer.routes.length) {
        body.append(el("ul", { class: "routes" }, ...answer.routes.map((r) =>
          el("li", {}, el("b", { text: r }), " ", routeText(r, params)))));
      }
      if (answer.eligible && answer.materials) {
        const box = materialsBox(answer, params);
        if (box) body.append(box);
      }
      if (!answer.eligible) {
        if ("opens" in answer) {
          const opens = el("div", { class: "opens" });
          opens.append(el("p", {}, answer.opens
            ? fill(U.opens, { month: answer.opens, routes: (answer.opens_by || []).join(", ") })
            : fill(U.never_opens, { horizon })));
          opens.append(el("p", { class: "assumes", text: assumption(doc.as_of, assumeWork) }));
          body.append(opens);
        }
        const lacks = answer.shortfall || answer.unmet || {};
        const routes = Object.keys(lacks);
        if (routes.length) {
          const list = el("ul", { class: "lacks" });
          for (const route of routes) {
            const conds = lacks[route].map(conditionText).join(zh ? "；" : "; ");
            list.append(el("li", {}, el("b", { text: route }), " ", conds,
              el("span", { class: "route-words", text: paren(routeText(route, params)) })));
          }
          body.append(el("details", {}, el("summary", { text: U.lacks }), list));
        }
      }
    }
    if (fresh) {
      item.dataset.eligible = String(answer.eligible);
      item.dataset.held = String(answer.held);
      item.dataset.verdict = answer.verdict;
    }
  }
  if (doc.unknowns && doc.unknowns.length) {
    // the interview's check (docs/partial.md section 4) reads a fact not asked yet as unknown
    notes.append(el("h3", { text: doc.unasked && D.ask ? D.ask.unknowns : D.partial.unknowns }),
      el("p", { "data-testid": "unknowns", text: doc.unknowns.map(fieldWords).join(sep) }),
      el("p", { class: "assumes", text: D.partial.least_note }));
  }
  if (doc.warnings && doc.warnings.length) {
    notes.append(el("h3", { text: U.notes }), el("ul", {}, ...doc.warnings.map((w) =>
      el("li", { text: fill(D.warnings[w.code] || w.code, w) }))));
  }
  const forecast = doc.forecast
    ? fill(U.forecast_words, { horizon, work: assumeWork ? U.work_assumed : U.work_recorded })
    : "";
  rules.textContent = fill(U.rules_check, { rules: ruleSet(), params: paramWords(params),
                                            as_of: doc.as_of, forecast });
}

// --- the rules applied ---------------------------------------------------------------------

function ruleSet() {
  const routes = Object.keys(D.routes);
  return fill(U.rule_set, { n: routes.length, first: routes[0], last: routes[routes.length - 1],
                            version: D.version });
}

function paramWords(params) {
  const changes = [];
  for (const [ident, name] of Object.entries(D.switch_names)) {
    if (name in params && params[name] !== D.switches[ident]) {
      changes.push(`${ident} ${params[name] ? U.yes : U.no}`);
    }
  }
  for (const [name, value] of Object.entries(D.thresholds)) {
    if (name in params && params[name] !== value) {
      changes.push(`${D.threshold_labels[name] || name} ${params[name]}${paren(value)}`);
    }
  }
  return changes.length ? fill(U.params_changed, { changes: changes.join(sep) }) : U.params_default;
}

// --- the path --------------------------------------------------------------------------------

function recordWords(path) {
  const m = RECORD_FIELD.exec(path);
  return m ? fill(D.records[m[1]], { n: Number(m[2]) + 1 }) : path;
}

function stepText(step) {
  const values = {
    level: step.level ? levelName(step.level) : "",
    program: step.program ? (D.programmes[step.program] || step.program) : "",
  };
  let text = fill(D.actions[step.action] || step.action, values);
  if (step.routes && step.routes.length) text += paren(step.routes.join(", "));
  if (step.skip_if && step.skip_if.length) {   // its level may be held already (docs/partial.md)
    text += paren(fill(D.partial.skip_if, { records: step.skip_if.map(recordWords)
                                                                 .join(D.partial.or) }));
  }
  return text;
}

function assumedWords(path, value) {
  // as pyqualify.render.path.assumed_text
  if (path.endsWith(".certificate")) {
    return fill(value ? D.partial.has_certificate : D.partial.no_certificate,
                { record: recordWords(path) });
  }
  return fill(D.partial.is, { field: fieldWords(path), value: choiceWords(path, value) });
}

function unknownsNote(doc) {
  // the plan holds whatever the facts not known are; and how fast it could be (best_case)
  if (!doc.unknowns || !doc.unknowns.length) return null;
  const box = el("div", { class: "unknowns-note", "data-testid": "path-unknowns" });
  if (doc.reachable) box.append(el("p", { text: D.partial.plan_holds }));
  const best = doc.best_case;
  if (best) {
    const facts = Object.entries(best.assumes).map(([p, v]) => assumedWords(p, v))
      .join(D.partial.and);
    box.append(el("p", { "data-testid": "best-case", "data-certified": best.certified,
                         text: facts ? fill(D.partial.best_case, { facts, month: best.certified,
                                                                   months: best.months })
                           : fill(D.partial.best_case_plain, { month: best.certified,
                                                               months: best.months }) }));
  }
  return box;
}

// The plans a person can choose from: the trade-offs (fewest study months first), or the one
// plan; ``fastest`` is the index of the fastest, ``recommended`` that of a plan with no new
// study at most 6 months slower (docs/service.md: shown first, as 推荐), or null.
export const RECOMMEND_MONTHS = 6;

export function plansOf(doc) {
  let plans;
  if (doc.tradeoffs && doc.tradeoffs.length) {
    plans = doc.tradeoffs;
  } else if (doc.plans.length) {
    plans = [{ ...doc.plans[0], certified: doc.certified, months: doc.months, study_months: null }];
  } else {
    plans = [];
  }
  let fastest = 0;
  plans.forEach((p, i) => { if (p.months < plans[fastest].months) fastest = i; });
  let recommended = null;
  plans.forEach((p, i) => {
    if (i !== fastest && p.study_months === 0 && p.months - plans[fastest].months <= RECOMMEND_MONTHS) {
      recommended = i;
    }
  });
  return { plans, fastest, recommended, shown: recommended === null ? fastest : recommended };
}

function planLabel(p) {
  return (p.study_months ? fill(U.study_months, { n: p.study_months }) : U.no_new_study)
    + ` → ${p.certified}${paren(fill(U.months, { n: p.months }))}`;
}

export function showPath(doc, opts) {
  const { fresh, choice, message, applicant, onChoose } = opts || {};
  const box = $("[data-testid=path-result]");
  const headline = $("#path-headline");
  const advice = $("#path-advice");
  const detail = $("#path-detail");
  const timeline = $("#timeline");
  const tradeoffs = $("#tradeoffs");
  const rules = $("#rules-path");
  for (const node of [detail, timeline, tradeoffs]) node.replaceChildren();
  advice.textContent = "";
  rules.textContent = "";
  box.removeAttribute("data-reachable");
  box.removeAttribute("data-certified");
  box.removeAttribute("data-shown");
  box.classList.toggle("stale", !!doc && !fresh);
  if (!doc) {
    headline.textContent = message || "";
    return;
  }
  const target = capital(levelName(doc.target));
  const { plans, fastest, recommended, shown } = plansOf(doc);
  const index = choice !== null && choice !== undefined && choice < plans.length ? choice : shown;
  const plan = plans[index];
  if (doc.reachable && doc.months === 0) {
    headline.textContent = fill(U.already, { level: target });
  } else if (doc.reachable && plan) {
    const prefix = index === recommended ? `${U.recommended}${colon}` : "";
    headline.textContent = prefix + fill(U.reachable, { level: target, month: plan.certified,
                                                        months: plan.months, as_of: doc.as_of });
  } else {
    headline.textContent = fill(U.unreachable, { level: target });
    showReason(doc, detail);
  }
  const note = unknownsNote(doc);
  if (note) detail.append(note);
  if (doc.reachable && doc.months > 0 && plan) {
    if (recommended !== null) {
      const fast = plans[fastest];
      advice.textContent = fill(U.recommend_advice, { fast: fast.certified, study: fast.study_months,
                                                      n: plans[recommended].months - fast.months });
    }
    if (plans.length > 1) {
      const order = recommended === null ? plans.map((_, i) => i)
        : [recommended, ...plans.map((_, i) => i).filter((i) => i !== recommended)];
      const list = el("ul", { class: "tradeoffs", "aria-label": U.tradeoffs });
      for (const i of order) {
        const p = plans[i];
        const tags = [i === recommended ? U.recommended : null, i === fastest ? U.fastest : null]
          .filter(Boolean);
        const button = el("button", { type: "button", "data-testid": "tradeoff",
                                      "data-certified": p.certified, "data-study-months": p.study_months,
                                      "aria-pressed": String(i === index) },
          tags.length ? el("strong", { class: "tag", text: tags.join(" · ") }) : null,
          tags.length ? " " : null, planLabel(p));
        button.addEventListener("click", () => onChoose && onChoose(i));
        list.append(el("li", {}, button));
      }
      tradeoffs.append(el("h3", { text: U.tradeoffs }), list);
    }
    drawTimeline(timeline, doc, plan, applicant);
    detail.append(el("h3", { text: U.steps }),
      el("ol", { class: "steps" }, ...plan.steps.map((s) =>
        el("li", {}, el("time", { text: s.month }), " ", stepText(s)))));
  }
  const planner = doc.planner || {};
  rules.textContent = fill(U.rules_path, {
    rules: ruleSet(), params: paramWords(doc.parameters || {}), as_of: doc.as_of,
    planner: fill(U.planner_words, {
      horizon: planner.horizon, delay: planner.certificate_delay,
      work: planner.assume_work === false ? U.work_recorded : U.work_assumed,
      study: planner.allow_study === false ? U.study_ruled_out : U.study_allowed,
      training: planner.allow_training === false ? U.training_ruled_out : U.training_allowed,
    }),
  });
  if (fresh) {
    box.dataset.reachable = String(doc.reachable);
    box.dataset.certified = doc.certified || "";
    box.dataset.shown = plan && doc.reachable ? plan.certified : (doc.certified || "");
  }
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
      el("li", {}, el("b", { text: r }), " ", c.map(conditionText).join(zh ? "；" : "; ")))));
  }
  if (reason.would_open && reason.would_open.length) {
    detail.append(el("p", { text: U.would_open }), el("ul", {}, ...reason.would_open.map((o) =>
      el("li", { text: `${o.option.split("+").map(optionText).join(" + ")}`
                       + ` → ${o.certified}${paren(fill(U.months, { n: o.months }))}` }))));
  }
}

export { stepText };
