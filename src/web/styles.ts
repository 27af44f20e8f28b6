/** The whole stylesheet, served at /static/app.css (the CSP allows styles from 'self' only). */
export const APP_CSS = `
:root { --fg:#1d232a; --muted:#5b6570; --line:#d9dee3; --bg:#f6f7f9; --card:#fff; --accent:#0b5cad;
  --xeno:#b3261e; --pol:#1f6f43; --counter:#6a3fb5; --ev:#ffd9d6; --q:#fff1a8; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
header.top { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1.5rem; background:#12263a; color:#fff; }
header.top a { color:#dfe9f3; text-decoration:none; }
header.top .brand { font-weight:700; font-size:1.2rem; color:#fff; letter-spacing:.03em; }
header.top nav { display:flex; gap:1rem; flex:1; }
header.top nav a[aria-current] { color:#fff; border-bottom:2px solid #7fb8ee; }
main { max-width:1180px; margin:1.2rem auto; padding:0 1.5rem; }
footer { max-width:1180px; margin:2rem auto; padding:0 1.5rem; color:var(--muted); font-size:.85rem; }
h1 { font-size:1.5rem; margin:.2rem 0 1rem; } h2 { font-size:1.1rem; margin:1.2rem 0 .5rem; }
form.filters { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:1rem; display:grid;
  grid-template-columns:repeat(auto-fill,minmax(170px,1fr)); gap:.7rem 1rem; }
form.filters .wide { grid-column:1/-1; }
form.filters label { display:flex; flex-direction:column; font-size:.82rem; color:var(--muted); gap:.2rem; }
form.filters fieldset { border:0; padding:0; margin:0; font-size:.85rem; }
form.filters fieldset label { flex-direction:row; align-items:center; gap:.35rem; color:var(--fg); }
input,select,button { font:inherit; padding:.35rem .5rem; border:1px solid var(--line); border-radius:6px; background:#fff; }
input[type=search] { width:100%; font-size:1.05rem; }
button { background:var(--accent); color:#fff; border-color:var(--accent); cursor:pointer; padding:.4rem 1.1rem; }
.actions { display:flex; gap:1rem; align-items:end; }
.help { font-size:.8rem; color:var(--muted); }
.layout { display:grid; grid-template-columns:230px 1fr; gap:1.5rem; margin-top:1rem; }
@media (max-width:800px) { .layout { grid-template-columns:1fr; } }
aside.facets section { margin-bottom:1rem; } aside.facets h3 { font-size:.85rem; text-transform:uppercase; color:var(--muted); margin:.2rem 0; }
aside.facets ul { list-style:none; margin:0; padding:0; font-size:.9rem; }
aside.facets li { display:flex; justify-content:space-between; gap:.5rem; }
aside.facets li.on a { font-weight:700; } .count { color:var(--muted); font-variant-numeric:tabular-nums; }
.summary { display:flex; justify-content:space-between; align-items:center; flex-wrap:wrap; gap:.5rem; color:var(--muted); }
.summary .export a { margin-left:.6rem; }
ol.results { list-style:none; padding:0; margin:0; }
ol.results li { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem; margin:.6rem 0; }
ol.results h2 { margin:0 0 .2rem; font-size:1.05rem; }
.meta { font-size:.82rem; color:var(--muted); display:flex; flex-wrap:wrap; gap:.3rem .8rem; align-items:center; }
.snippet { margin:.4rem 0; }
.why { font-size:.85rem; color:#3d2b1f; background:#fbf4ec; border-left:3px solid #d9822b; padding:.25rem .6rem; margin:.3rem 0 0; }
.badge { display:inline-block; padding:0 .45rem; border-radius:999px; font-size:.75rem; font-weight:600; color:#fff; }
.badge.xenophobic { background:var(--xeno); } .badge.migration_policy { background:var(--pol); } .badge.counter_speech { background:var(--counter); }
.badge.sev { background:#444; }
mark.ev { background:var(--ev); border-bottom:2px solid var(--xeno); padding:0 1px; }
mark.q { background:var(--q); padding:0 1px; }
mark.ev[data-category^="policy"] { background:#dcefe3; border-bottom-color:var(--pol); }
mark.ev[data-category^="counter"], mark.ev[data-category="positive"] { background:#ebe3f7; border-bottom-color:var(--counter); }
mark.ev[data-category="target"], mark.ev[data-category="reporting"], mark.ev[data-category="self"] { background:transparent; border-bottom:1px dotted var(--muted); }
.pager { display:flex; justify-content:space-between; margin:1rem 0; }
article.full { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:1.2rem 1.5rem; }
article.full .text { white-space:pre-wrap; line-height:1.65; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.2rem 1rem; font-size:.9rem; }
dl.facts dt { color:var(--muted); }
table { border-collapse:collapse; width:100%; background:var(--card); font-size:.88rem; }
th,td { border-bottom:1px solid var(--line); padding:.4rem .6rem; text-align:left; vertical-align:top; }
th { background:#eef1f4; }
tr.stale td { background:#fff8e1; } tr.failing td, tr.rejected td { background:#fdecea; }
.status { font-weight:600; } tr.failing .status { color:var(--xeno); } tr.stale .status { color:#8a5a00; }
.error-box { background:#fdecea; border:1px solid #f3b7b2; color:#7d1a14; border-radius:8px; padding:.7rem 1rem; margin:1rem 0; }
.trend-charts figure { position:relative; background:var(--card); border:1px solid var(--line); border-radius:8px; margin:0 0 1rem; padding:.6rem 1rem; }
.trend-charts figcaption { font-weight:600; font-size:.9rem; }
.trend-charts .plot { width:100%; min-height:1px; }
.chart-tip { position:absolute; z-index:5; pointer-events:none; background:#fff; border:1px solid var(--line); border-radius:6px;
  box-shadow:0 2px 8px rgba(0,0,0,.12); padding:.35rem .6rem; font-size:.8rem; max-width:260px; }
details.figures { margin:1rem 0; } details.figures summary { cursor:pointer; color:var(--accent); }
table.figures td.n { text-align:right; font-variant-numeric:tabular-nums; }
table.figures tr.spike td { background:#fdecea; }
.legend { display:flex; flex-wrap:wrap; gap:.8rem; font-size:.82rem; }
.legend .swatch { display:inline-block; width:.8rem; height:.8rem; border-radius:2px; margin-right:.3rem; vertical-align:-1px; }
.s0 { stroke:#0b5cad; fill:#0b5cad; background:#0b5cad; } .s1 { stroke:#b3261e; fill:#b3261e; background:#b3261e; }
.s2 { stroke:#1f6f43; fill:#1f6f43; background:#1f6f43; } .s3 { stroke:#6a3fb5; fill:#6a3fb5; background:#6a3fb5; }
.s4 { stroke:#d9822b; fill:#d9822b; background:#d9822b; } .s5 { stroke:#0f8b8d; fill:#0f8b8d; background:#0f8b8d; }
.s6 { stroke:#8d6e63; fill:#8d6e63; background:#8d6e63; } .s7 { stroke:#546e7a; fill:#546e7a; background:#546e7a; }
header.top .account { display:flex; gap:.5rem; align-items:center; color:#dfe9f3; font-size:.85rem; margin:0; }
header.top .account button { padding:.15rem .6rem; font-size:.8rem; }
.badge.human { background:#0f8b8d; } .badge.disputed { background:#8a5a00; } .badge.reason { background:#546e7a; }
form.signin, form.review { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:1rem; display:grid; gap:.7rem; max-width:640px; }
form.signin label, form.review label { display:flex; flex-direction:column; font-size:.85rem; color:var(--muted); gap:.2rem; }
form.review fieldset { border:0; padding:0; display:flex; gap:1rem; } form.review fieldset label { flex-direction:row; gap:.35rem; color:var(--fg); }
section.reviews ul.review-list { padding-left:1.2rem; } .saved { color:var(--pol); font-weight:600; }
ol.queue li { margin:.4rem 0; } button.next { margin:.8rem 0; }
table.stats td.n, table.stream td.n { text-align:right; font-variant-numeric:tabular-nums; }
`;
