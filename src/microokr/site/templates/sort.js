// Sorts a table.sortable by the column whose header is pressed; pressing again reverses.
// Progressive enhancement: without this script every table reads the same, in the order
// the site wrote it. A cell's data-sort (a number or text) is its key, else its text;
// numbers come before text, ties keep the written order, and aria-sort says the order.
"use strict";
(function () {
  function key(cell) {
    if (!cell) return [2, ""];
    const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    const value = Number(raw);
    return raw !== "" && Number.isFinite(value) ? [0, value] : [1, raw.toLowerCase()];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) return a[0] - b[0];
    return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  }
  function sortBy(table, index, header) {
    const order = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", order);
    const sign = order === "ascending" ? 1 : -1;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows, (row, i) => [key(row.cells[index]), i, row]);
    rows.sort((x, y) => sign * compare(x[0], y[0]) || x[1] - y[1]);
    body.append(...rows.map((entry) => entry[2]));
  }
  for (const table of document.querySelectorAll("table.sortable")) {
    if (!table.tHead || table.tBodies.length !== 1) continue;
    Array.from(table.tHead.rows[0].cells).forEach((header, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = "Sort by this column";
      while (header.firstChild) button.append(header.firstChild);
      header.append(button);
      button.addEventListener("click", () => sortBy(table, index, header));
    });
  }
})();
