// Search for tally sites. Without JavaScript the search page lists everything; with it, this
// script reads the query (?q=), loads the static index and lists the pages whose title or text
// holds every word of the query. It builds the list with text nodes only: nothing from the
// index is ever read as HTML.
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var everything = document.getElementById("search-everything");
  var input = document.getElementById("search-page-q");
  if (!results || !everything || !input || !window.fetch) {
    return;
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  var words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return;
  }
  fetch(results.getAttribute("data-index"))
    .then(function (response) {
      return response.json();
    })
    .then(function (entries) {
      var list = results.querySelector("ul");
      var found = entries.filter(function (entry) {
        var haystack = (entry.title + " " + entry.text).toLowerCase();
        return words.every(function (word) {
          return haystack.indexOf(word) !== -1;
        });
      });
      list.textContent = "";
      found.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = entry.url;
        link.textContent = entry.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      if (found.length === 0) {
        var none = document.createElement("li");
        none.textContent = results.getAttribute("data-none");
        list.appendChild(none);
      }
      results.hidden = false;
      everything.hidden = true;
    })
    .catch(function () {
      // The full list stays visible when the index cannot be read.
    });
})();
