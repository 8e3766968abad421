// brief's HTML view: clicking an actor (in the text or the panel)
// highlights all its mentions in that article; clicking again clears.
document.addEventListener('click', function (event) {
  var el = event.target.closest('[data-actor]');
  if (!el) return;
  var section = el.closest('section.brief');
  var id = el.getAttribute('data-actor');
  var on = !el.classList.contains('sel');
  section.querySelectorAll('.sel').forEach(function (x) { x.classList.remove('sel'); });
  if (on) {
    section.querySelectorAll('[data-actor="' + id + '"]').forEach(function (x) { x.classList.add('sel'); });
  }
});
// The actor list is reachable by keyboard: Enter or Space acts as a click.
document.addEventListener('keydown', function (event) {
  if ((event.key === 'Enter' || event.key === ' ') && event.target.matches('li[data-actor]')) {
    event.preventDefault();
    event.target.click();
  }
});
var first = document.querySelector('section.brief h1');
if (first) document.title = first.textContent + ' — brief';
