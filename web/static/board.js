// Drag and drop for the match board (/tavle). Progressive enhancement only:
// every move is one of the card's own forms, which work without this file
// (and with a keyboard). Dropping a card on a column submits the card's form
// for that state, so htmx and the server treat it exactly like the button.
(function () {
  "use strict";

  var board = function () { return document.getElementById("tavle"); };
  var dragged = null;

  function say(text) {
    var box = document.getElementById("tavle-besked");
    if (box) { box.textContent = text; }
  }

  function cardOf(el) { return el && el.closest ? el.closest(".card[data-match]") : null; }
  function columnOf(el) { return el && el.closest ? el.closest(".board-column[data-state]") : null; }

  // Only cards that can move somewhere are draggable.
  function enable(root) {
    var cards = (root || document).querySelectorAll(".card[data-match]");
    for (var i = 0; i < cards.length; i++) {
      if (cards[i].querySelector("[data-to]")) { cards[i].setAttribute("draggable", "true"); }
    }
    var hint = document.getElementById("traek-hint");
    if (hint) { hint.hidden = false; }
  }

  function allowed(card, state) {
    return card.querySelector('form[data-to="' + state + '"]');
  }

  document.addEventListener("dragstart", function (e) {
    var card = cardOf(e.target);
    if (!card || !board() || !board().contains(card)) { return; }
    dragged = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
    var cols = document.querySelectorAll(".board-column.drop-ok");
    for (var i = 0; i < cols.length; i++) { cols[i].classList.remove("drop-ok"); }
  });

  document.addEventListener("dragover", function (e) {
    var col = columnOf(e.target);
    if (!dragged || !col) { return; }
    // Accept every column so that a refused drop can say why.
    e.preventDefault();
    e.dataTransfer.dropEffect = allowed(dragged, col.dataset.state) ? "move" : "none";
    col.classList.toggle("drop-ok", !!allowed(dragged, col.dataset.state));
  });

  document.addEventListener("dragleave", function (e) {
    var col = columnOf(e.target);
    if (col && !col.contains(e.relatedTarget)) { col.classList.remove("drop-ok"); }
  });

  document.addEventListener("drop", function (e) {
    var col = columnOf(e.target);
    var card = dragged;
    if (!card || !col) { return; }
    e.preventDefault();
    col.classList.remove("drop-ok");
    var state = col.dataset.state;
    if (state === card.dataset.state) { return; }
    var form = allowed(card, state);
    if (!form) {
      say("Kortet kan ikke flyttes fra " + (columnOf(card) || col).dataset.label + " til " + col.dataset.label + ".");
      return;
    }
    if (state === "afvist") {
      // A rejection needs a reason: open the card's form and let the
      // person choose one.
      var details = form.closest("details");
      if (details) { details.open = true; }
      var reason = form.querySelector("select");
      if (reason) { reason.focus(); }
      say("Vælg en årsag til afvisningen, og tryk på Afvis match.");
      return;
    }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enable(document); });
  } else {
    enable(document);
  }
  // htmx puts a new board in after every move.
  document.addEventListener("htmx:load", function (e) { enable(e.target); });
})();
