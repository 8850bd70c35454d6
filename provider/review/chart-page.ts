// The chart page's style and search script, inline: the page is one file that opens from disk or
// a CI artifact with nothing fetched. The script reads only the DOM (data-q holds each row's
// searchable text, normalised as `searchText` does), so no spec text is ever inside a <script>.

/** What search compares: NFKC (full-width Ａ and half-width ｶﾅ alike), lower case, single spaces. */
export const searchText = (...parts: Array<string | undefined>): string =>
  parts
    .filter((p): p is string => !!p)
    .join(" ")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

export const STYLE = `
:root{--line:#d0d7de;--muted:#57606a;--add:#1a7f37;--add-bg:#dafbe1;--del:#cf222e;--del-bg:#ffebe9;--chg:#9a6700;--chg-bg:#fff8c5;--mov:#0969da;--mov-bg:#ddf4ff}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 "Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP","Yu Gothic",Meiryo,system-ui,sans-serif;color:#1f2328;background:#fff}
header{position:sticky;top:0;z-index:1;background:#f6f8fa;border-bottom:1px solid var(--line);padding:12px 20px}
h1{font-size:18px;margin:0 0 4px}
.counts,.source{color:var(--muted);margin:0 0 8px}
.controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
#q{font:inherit;padding:6px 10px;width:min(32em,100%);border:1px solid var(--line);border-radius:6px}
#hits{color:var(--muted)}
.legend{display:flex;gap:8px;flex-wrap:wrap;margin-top:8px}
main{padding:12px 20px 40px}
ul{list-style:none;margin:0;padding:0}
ul.units ul.units{margin-left:14px;padding-left:14px;border-left:1px solid var(--line)}
li.unit{margin:6px 0}
summary{cursor:pointer;padding:2px 4px;border-radius:4px}
summary:hover{background:#f6f8fa}
.unit-name{font-weight:600}
.alt,.key,.count,.email,.was{color:var(--muted);font-size:12px;margin-left:6px}
.key{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
ul.members{margin:2px 0 4px 22px}
li.member{padding:1px 4px}
.title,.badge{display:inline-block;font-size:12px;border-radius:10px;padding:0 7px;margin-left:6px;border:1px solid var(--line);white-space:nowrap}
.leader{background:#fff8c5;border-color:#d4a72c}
.concurrent{color:var(--muted)}
.standin>details>summary .unit-name{font-style:italic;font-weight:400}
.c-added,.c-joined{background:var(--add-bg);color:var(--add);border-color:var(--add)}
.c-removed,.c-left{background:var(--del-bg);color:var(--del);border-color:var(--del)}
.c-renamed,.c-changed{background:var(--chg-bg);color:var(--chg);border-color:var(--chg)}
.c-moved,.c-moved-in,.c-moved-out{background:var(--mov-bg);color:var(--mov);border-color:var(--mov)}
li[data-change=removed]>details>summary .unit-name,li.member[data-change=left] .name,li.member[data-change=moved-out] .name{text-decoration:line-through}
li[data-change=added]>details>summary,li.member[data-change=joined]{background:var(--add-bg)}
li[data-change=removed]>details>summary,li.member[data-change=left]{background:var(--del-bg)}
[hidden]{display:none!important}
`;

/** Filters as the user types: a unit stays when it, one of its members or a unit under it matches; every word must match. */
export const SCRIPT = `
(function () {
  var q = document.getElementById("q");
  var only = document.getElementById("only-changes");
  var hits = document.getElementById("hits");
  var norm = function (s) { return s.normalize("NFKC").toLowerCase().replace(/\\s+/g, " ").trim(); };
  var kids = function (el, cls) {
    return Array.prototype.filter.call(el.children, function (c) { return c.classList.contains(cls); });
  };
  function apply() {
    var words = norm(q.value).split(" ").filter(Boolean);
    var changesOnly = !!(only && only.checked);
    var filtering = words.length > 0 || changesOnly;
    var units = 0, members = 0;
    var has = function (text) { return words.every(function (w) { return text.indexOf(w) >= 0; }); };
    function visit(li) {
      var details = kids(li, "unit-body")[0];
      var own = li.getAttribute("data-q");
      var self = has(own) && (!changesOnly || li.hasAttribute("data-change"));
      var shown = self;
      kids(details, "members").forEach(function (ul) {
        kids(ul, "member").forEach(function (m) {
          var show = has(own + " " + m.getAttribute("data-q")) && (!changesOnly || m.hasAttribute("data-change"));
          m.hidden = !show;
          if (show) { members++; shown = true; }
        });
      });
      kids(details, "units").forEach(function (ul) {
        kids(ul, "unit").forEach(function (c) { if (visit(c)) shown = true; });
      });
      li.hidden = !shown;
      if (shown && filtering) details.open = true;
      if (self && filtering) units++;
      return shown;
    }
    kids(document.getElementById("chart"), "unit").forEach(visit);
    hits.textContent = filtering ? "該当: 組織 " + units + " 件・メンバー " + members + " 名" : "";
  }
  q.addEventListener("input", apply);
  q.addEventListener("keydown", function (e) { if (e.key === "Escape") { q.value = ""; apply(); } });
  if (only) only.addEventListener("change", apply);
  apply();
})();
`;
