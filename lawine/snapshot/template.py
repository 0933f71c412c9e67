"""The snapshot page as a Jinja2 template (a module, not a data file, so every install carries it)."""

TEMPLATE = r"""<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} {{ week }}</title>
<style>
  @page { size: A4; margin: 12mm 11mm 14mm 11mm; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d2433; margin: 0;
         background: #fff; font-size: 11.5px; line-height: 1.4; }
  main { max-width: 980px; margin: 0 auto; padding: 20px 24px; }
  header { border-bottom: 3px solid #1f3b73; padding-bottom: 8px; margin-bottom: 14px; }
  h1 { font-size: 24px; margin: 0 0 2px 0; color: #1f3b73; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 { font-size: 15px; margin: 18px 0 8px 0; color: #1f3b73; border-bottom: 1px solid #d8dde8; padding-bottom: 3px; }
  .sub { color: #4a5568; font-size: 12.5px; }
  .note { background: #fff8e1; border-left: 4px solid #f0b400; padding: 6px 10px; margin: 8px 0; }
  .demo { background: #e8f1ff; border-left-color: #3b82f6; }
  .empty { background: #f3f5f9; border-left: 4px solid #9aa5b8; padding: 8px 12px; color: #4a5568; }
  /* minmax(0, 1fr): a long delta line must wrap inside its tile, not push the row off the page */
  .tiles { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 8px; }
  .tiles.n4 { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .tiles.n3 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .tile { border: 1px solid #d8dde8; border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
  .tile .label { color: #4a5568; font-size: 11px; min-height: 2.6em; }
  .tile .value { font-size: 21px; font-weight: bold; margin: 2px 0 4px 0; white-space: nowrap; }
  .tile .delta { font-size: 10.5px; color: #4a5568; }
  .delta b { white-space: nowrap; }
  .delta b { font-weight: bold; }
  .good b { color: #1e7b34; } .bad b { color: #c62828; } .neutral b { color: #1d2433; }
  .chart { break-inside: avoid; margin: 4px 0 6px 0; }
  .chart img { width: 100%; height: auto; display: block; }
  .chart h3, .block h3 { font-size: 12.5px; margin: 8px 0 4px 0; }
  .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  table { border-collapse: collapse; width: 100%; font-size: 11px; }
  th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e5e8ef; vertical-align: top; }
  th { background: #f3f5f9; font-weight: bold; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  tr { break-inside: avoid; }
  .block { break-inside: avoid; }
  .terms span { display: inline-block; background: #eef2fa; border-radius: 10px; padding: 2px 9px; margin: 2px 3px 2px 0; }
  .post { border: 1px solid #d8dde8; border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; break-inside: avoid; }
  .post .meta { color: #4a5568; font-size: 10.5px; margin-bottom: 4px; }
  .post .text { white-space: pre-wrap; word-wrap: break-word; font-size: 12px; margin: 0; }
  .post.negative { border-left: 4px solid #d62728; } .post.question { border-left: 4px solid #1f77b4; }
  .post.positive { border-left: 4px solid #2ca02c; }
  .muted { color: #6b7280; }
  footer { margin-top: 18px; border-top: 1px solid #d8dde8; padding-top: 6px; color: #6b7280; font-size: 10px; }
  a { color: #1f3b73; }
</style>
</head>
<body>
<main>
<header>
  <h1>{{ title }} · {{ week }}</h1>
  <div class="sub">{{ period }} · {{ scope_label }}: {{ scope }}</div>
</header>
{% if demo %}<div class="note demo">{{ demo }}</div>{% endif %}
{% if incomplete %}<div class="note">{{ incomplete }}</div>{% endif %}

{% if not has_data %}
<div class="empty">{{ no_data }}</div>
{% else %}

{% for section in sections %}
<section class="block">
<h2>{{ section.title }}</h2>
<div class="tiles n{{ section.tiles|length if section.tiles|length < 5 else 5 }}">
  {% for tile in section.tiles %}
  <div class="tile" data-kpi="{{ tile.key }}">
    <div class="label">{{ tile.label }}</div>
    <div class="value">{{ tile.value }}</div>
    <div class="delta {{ tile.tone_previous }}"><b>{{ tile.delta_previous }}</b> {{ vs_previous }}</div>
    <div class="delta {{ tile.tone_average }}"><b>{{ tile.delta_average }}</b> {{ vs_average }}</div>
  </div>
  {% endfor %}
</div>
</section>
{% if section.key == "snap_section_volume" %}
  {% for chart in charts %}
  <div class="chart"><h3>{{ chart.title }}</h3>
    {% if chart.src %}<img src="{{ chart.src }}" alt="{{ chart.title }}">{% else %}<div class="empty">{{ chart.missing }}</div>{% endif %}
  </div>
  {% endfor %}
  <div class="block"><h3>{{ networks_title }}</h3>
  <table><thead><tr><th>{{ cols.network }}</th><th class="num">{{ cols.mentions }}</th><th class="num">{{ cols.previous }}</th><th class="num">{{ cols.change }}</th></tr></thead>
  <tbody>{% for n in networks %}<tr><td>{{ n.source }}</td><td class="num">{{ n.mentions }}</td><td class="num">{{ n.previous }}</td><td class="num">{{ n.change }}</td></tr>{% endfor %}</tbody></table>
  </div>
{% endif %}
{% endfor %}

<section class="block">
<h2>{{ events_title }}</h2>
{% if events %}
<table><thead><tr><th>{{ cols.type }}</th><th>{{ cols.brand }}</th><th>{{ cols.channel }}</th><th>{{ cols.start }}</th><th class="num">{{ cols.score }}</th><th>{{ cols.status }}</th><th>{{ cols.summary }}</th></tr></thead>
<tbody>{% for e in events %}<tr><td>{{ e.type }}</td><td>{{ e.brand }}</td><td>{{ e.channel }}</td><td>{{ e.start }}</td><td class="num">{{ e.score }}</td><td>{{ e.status }}</td><td>{{ e.summary }}</td></tr>{% endfor %}</tbody></table>
{% else %}<div class="empty">{{ no_events }}</div>{% endif %}
</section>

<div class="block">
<h2>{{ topics_title }}</h2>
{% if topics %}<p class="muted">{{ topics_hint }}</p><div class="terms">{% for term, score in topics %}<span>{{ term }} <small class="muted">{{ score }}</small></span>{% endfor %}</div>
{% else %}<div class="empty">{{ no_topics }}</div>{% endif %}
</div>

<div class="block">
<h2>{{ faq_title }}</h2>
{% if faq %}<p class="muted">{{ faq_hint }}</p>
<table><thead><tr><th class="num">#</th><th>{{ cols.question }}</th><th class="num">{{ cols.count }}</th><th>{{ cols.variants }}</th></tr></thead>
<tbody>{% for c in faq %}<tr><td class="num">{{ loop.index }}</td><td>{{ c.representative }}</td><td class="num">{{ c.size }}</td><td class="muted">{{ c.examples }}</td></tr>{% endfor %}</tbody></table>
{% else %}<div class="empty">{{ no_faq }}</div>{% endif %}
</div>

<section class="block">
<h2>{{ samples_title }}</h2>
{% for s in samples %}
<div class="post {{ s.kind }}">
  <div class="meta"><b>{{ s.title }}</b>{% if s.post %} · {{ s.post.source }} · {{ s.post.brand }} · {{ s.post.time }} · {{ s.post.engagement }}{% if s.post.url %} · <a href="{{ s.post.url }}">{{ open_label }}</a>{% endif %}{% endif %}</div>
  {% if s.post %}<p class="text">{{ s.post.text }}</p>{% else %}<p class="text muted">{{ none_label }}</p>{% endif %}
</div>
{% endfor %}
</section>
{% endif %}

<footer>
  <b>{{ definitions_title }}.</b> {{ definitions }}<br>{{ generated }}
</footer>
</main>
</body>
</html>
"""
