// Live notices (new urgent tickets, escalations) for the officer console: poll a small JSON feed.
(function () {
  "use strict";
  var box = document.getElementById("notices");
  if (!box) { return; }
  var last = null;
  function show(notice) {
    var line = document.createElement("p");
    var ref = (notice.text.match(/PMI-[0-9A-Z]+/) || [])[0];
    if (ref) {
      var link = document.createElement("a");
      link.href = "/console/t/" + ref;
      link.textContent = notice.text;
      line.appendChild(link);
    } else {
      line.textContent = notice.text;
    }
    box.appendChild(line);
  }
  function poll() {
    var url = box.dataset.url + (last === null ? "" : "?after=" + last);
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.notices.forEach(show);
        last = data.last;
      })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 15000);
})();
