// The timeline picture (SVG) of one plan: study, training, work, exams, certificates.
// The axis runs from as_of to the plan's own certificate (at least a year), so any plan
// chosen fits; markers of one lane that would overlap are put on separate rows.
"use strict";

import { D, U, levelName, monthIndex } from "./util.js";

const SVG = "http://www.w3.org/2000/svg";
const R = 8;              // a marker's half width
const ROW = 2 * R + 3;    // the height of a row of markers

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// rows for markers at x positions (in order): the first row whose last marker is clear
export function markerRows(xs) {
  const last = [];
  return xs.map((x) => {
    let row = last.findIndex((lx) => x - lx >= 2 * R + 2);
    if (row < 0) { row = last.length; last.push(x); } else last[row] = x;
    return row;
  });
}

export function drawTimeline(holder, doc, plan, applicant) {
  const start = monthIndex(doc.as_of);
  const certified = monthIndex(plan.certified);
  const end = Math.max(certified === null ? start : certified, start + 12);
  const width = Math.max(300, Math.min(holder.clientWidth || 640, 1000));
  const narrow = width < 520;
  const left = narrow ? 62 : 96;
  const right = 2 * R + 4;
  const x = (m) => left + ((m - start) / (end - start)) * (width - left - right);
  const exams = plan.steps.filter((s) => s.action === "exam");
  const certificates = plan.steps.filter((s) => s.action === "certificate");
  const examRows = markerRows(exams.map((s) => x(monthIndex(s.month))));
  const certRows = markerRows(certificates.map((s) => x(monthIndex(s.month))));
  const laneHeight = (rows) => Math.max(34, (Math.max(0, ...rows) + 1) * ROW + 8);
  const lanes = [["lane_study", 34], ["lane_training", 34], ["lane_work", 34],
                 ["lane_exams", laneHeight(examRows)], ["lane_certificates", laneHeight(certRows)]];
  const top = 8;
  const laneTop = {};
  let y = top;
  for (const [name, h] of lanes) { laneTop[name] = [y, h]; y += h; }
  const axisY = y;
  const height = axisY + 28;
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%",
                               role: "img", "aria-labelledby": "timeline-title",
                               "data-axis-end": plan.certified });
  picture.append(svg("title", { id: "timeline-title" },
                     `${U.timeline}: ${doc.as_of} → ${plan.certified}`));
  lanes.forEach(([lane, h], i) => {
    const [ly] = laneTop[lane];
    picture.append(svg("rect", { x: 0, y: ly, width, height: h, class: i % 2 ? "lane odd" : "lane" }));
    picture.append(svg("text", { x: 4, y: ly + 21, class: "lane-label" },
                       narrow ? U[lane + "_short"] || U[lane] : U[lane]));
  });
  // study: programmes of the plan, and full-time diplomas of the file still in progress
  const fullTime = [];
  const studies = [];
  for (const d of (applicant && applicant.diplomas) || []) {
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
    bar(picture, x(from), x(Math.min(to, end)), laneTop.lane_study[0], "study", label);
  }
  let trainingFrom = null;
  for (const s of plan.steps) {
    if (s.action === "start_training") trainingFrom = monthIndex(s.month);
    if (s.action === "complete_training" && trainingFrom !== null) {
      bar(picture, x(trainingFrom), x(monthIndex(s.month) + 1), laneTop.lane_training[0],
          "training", "");
    }
  }
  // work: every month assumed (outside full-time study), or only the recorded months
  const assume = !doc.planner || doc.planner.assume_work !== false;
  const workEnd = certified === null ? end : certified;
  const records = ((applicant && applicant.work) || []).map((w) => [
    monthIndex(w.start), w.end ? monthIndex(w.end) : Infinity, w.occupation]);
  let runStart = null;
  for (let m = start; m <= workEnd; m += 1) {
    const studying = fullTime.some(([a, b]) => m >= a && m < b);
    const recorded = records.some(([a, b, occ]) => a !== null && m >= a && m <= b && occ !== "unrelated");
    const on = m < workEnd && !studying && (assume || recorded);
    if (on && runStart === null) runStart = m;
    if (!on && runStart !== null) {
      bar(picture, x(runStart), x(m), laneTop.lane_work[0], "work", "");
      runStart = null;
    }
  }
  // exams (diamonds) and certificates (circles), each marked with its level
  const marks = (steps, rows, lane, draw) => {
    const [ly, h] = laneTop[lane];
    const used = Math.max(0, ...rows) + 1;
    steps.forEach((s, i) => {
      const cx = x(monthIndex(s.month));
      const cy = ly + (h - used * ROW) / 2 + rows[i] * ROW + ROW / 2;
      const mark = draw(cx, cy);
      mark.setAttribute("data-month", s.month);
      mark.append(svg("title", {}, `${s.month} ${levelName(s.level)}`));
      picture.append(mark, svg("text", { x: cx, y: cy + 3.5, class: "dot-label" },
                               s.level === "preparatory_technician" ? "P" : String(s.level)));
    });
  };
  marks(exams, examRows, "lane_exams", (cx, cy) =>
    svg("path", { d: `M${cx} ${cy - R} l${R} ${R} l${-R} ${R} l${-R} ${-R} z`, class: "mark exam" }));
  marks(certificates, certRows, "lane_certificates", (cx, cy) =>
    svg("circle", { cx, cy, r: R, class: "mark certificate" }));
  // the axis: years, from as_of to the plan's certificate
  picture.append(svg("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, class: "axis" }));
  const years = Math.floor(start / 12);
  const spanYears = (end - start) / 12;
  const step = Math.max(1, Math.ceil(spanYears / (narrow ? 5 : 10)));
  picture.append(svg("text", { x: left, y: axisY + 18, class: "year start" }, doc.as_of));
  for (let yr = years + 1; yr * 12 <= end; yr += step) {
    const tx = x(yr * 12);
    if (tx - left < 64 || tx > width - 64) continue;   // clear of the end labels
    picture.append(svg("line", { x1: tx, x2: tx, y1: top, y2: axisY + 4, class: "tick" }));
    picture.append(svg("text", { x: tx, y: axisY + 18, class: "year" }, String(yr)));
  }
  picture.append(svg("text", { x: width - 2, y: axisY + 18, class: "year end" }, plan.certified));
  holder.append(picture);
}

function bar(picture, x1, x2, y, kind, label) {
  const laneH = 34;
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
