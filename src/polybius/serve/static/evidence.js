// The event view: the sentence behind the event with who / did what / to whom / when / where / says
// who highlighted, its status and attribution, the other articles that report it, and — side by
// side — the claims by other speakers that tell it differently.

import { QUAD, actorLabel, clear, el, shortDate } from "./dom.js";

const KIND_LABEL = {
  trigger: "action", source: "source", target: "target", date: "date", place: "place", attribution: "says who",
};
// When spans overlap, the shorter one is the more specific and gives the colour.
const KIND_ORDER = ["trigger", "date", "place", "target", "source", "attribution"];

// The sentence as text nodes and <mark data-kind="..."> segments (one per run of the same spans).
export function highlighted(evidence) {
  const { sentence } = evidence;
  const spans = evidence.spans.filter((s) => s.in_sentence);
  const cuts = new Set([0, sentence.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const line = el("p", { class: "sentence" });
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const text = sentence.slice(from, to);
    const covering = spans.filter((s) => s.start <= from && to <= s.end);
    if (!covering.length) { line.append(text); continue; }
    covering.sort((a, b) => (a.end - a.start) - (b.end - b.start) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    const kinds = covering.map((s) => s.kind);
    line.append(el("mark", { class: `hl hl-${kinds[0]}`, "data-kind": kinds.join(" "), title: kinds.map((k) => KIND_LABEL[k]).join(", ") }, text));
  }
  return line;
}

function spanKey(evidence) {
  const list = el("ul", { class: "span-key" });
  for (const span of evidence.spans) {
    list.append(el("li", { "data-kind": span.kind },
      el("span", { class: `chip hl-${span.kind}` }, KIND_LABEL[span.kind]), " ", span.text,
      span.in_sentence ? null : el("em", {}, " (named elsewhere in the article)")));
  }
  return list;
}

function statusBadge(event) {
  return el("span", { class: `status status-${event.status}`, title: "status of the claim" }, event.status);
}

function says(event) {
  if (!event.attribution) return el("span", { class: "says" }, "reported as fact by the outlet");
  return el("span", { class: "says" }, "according to ", el("strong", {}, event.attribution.text),
    event.attribution.code ? ` (${event.attribution.code})` : "");
}

function articleLine(article) {
  const name = article.publisher || article.outlet;
  return el("div", { class: "article-line" },
    el("strong", {}, name), " · ", article.pub_date ? shortDate(article.pub_date) : "no date",
    article.title ? el("span", {}, " · ", article.title) : null,
    article.url ? el("span", {}, " · ", el("a", { href: article.url, target: "_blank", rel: "noopener noreferrer" }, "source")) : null);
}

function facts(event) {
  return el("dl", { class: "facts" },
    el("dt", {}, "action"), el("dd", {}, `${event.cameo_code} ${event.cameo_name || ""}`),
    el("dt", {}, "source → target"), el("dd", {}, `${actorLabel(event.source)} → ${actorLabel(event.target)}`),
    el("dt", {}, "date"), el("dd", {}, event.date ? `${shortDate(event.date)} (${event.date_precision})` : "not resolved"),
    el("dt", {}, "place"), el("dd", {}, event.place ? [event.place.name, event.place.admin1, event.place.country].filter(Boolean).join(", ") : "—"),
    el("dt", {}, "fatalities"), el("dd", {}, event.fatalities ?? "—"));
}

// One account of the event (this one, another mention, or a rival claim) as a card.
function accountCard(account, { heading, withFacts }) {
  return el("article", { class: "account", "data-event": account.event.event_id },
    heading ? el("h4", {}, heading) : null,
    articleLine(account.article),
    el("div", { class: "claim" }, statusBadge(account.event), " ", says(account.event)),
    highlighted(account.evidence),
    withFacts ? facts(account.event) : null);
}

export function renderEvent(container, detail, { onOpen, onClose }) {
  const { event, article, evidence } = detail;
  clear(container);
  const quad = QUAD[event.quad_class];
  container.append(
    el("header", { class: "event-head" },
      el("div", {},
        el("span", { class: "quad", style: `background:${quad.colour}` }, quad.name),
        el("h2", {}, `${event.cameo_code} ${event.cameo_name || ""}`),
        el("div", { class: "sub" }, event.plover_type ? `PLOVER ${event.plover_type} · ` : "", `Goldstein ${event.goldstein ?? "unknown"} · `,
          `${event.num_mentions} mention${event.num_mentions === 1 ? "" : "s"} in ${event.num_articles} article${event.num_articles === 1 ? "" : "s"}`
          + ` from ${event.num_sources} source${event.num_sources === 1 ? "" : "s"}`)),
      el("button", { type: "button", class: "close", "aria-label": "close the event view", onclick: onClose }, "×")),
  );

  const evidenceSection = el("section", { class: "evidence" },
    el("h3", {}, "Evidence"),
    articleLine(article),
    el("div", { class: "claim" }, statusBadge(event), " ", says(event)),
    highlighted(evidence),
    spanKey(evidence),
    facts(event),
    el("details", { class: "full-text" }, el("summary", {}, "Whole article"), articleText(article.text, evidence)));

  const conflicts = el("section", { class: "conflicts", id: "conflicts" }, el("h3", {}, `Contested: ${detail.conflicts.length} rival claim${detail.conflicts.length === 1 ? "" : "s"}`));
  if (detail.conflicts.length) {
    const sideBySide = el("div", { class: "side-by-side" },
      el("div", { class: "column this" }, accountCard({ event, article, evidence }, { heading: "This account", withFacts: true })),
      el("div", { class: "column rivals" }, detail.conflicts.map((rival) => {
        const card = accountCard(rival, { heading: "Conflicting claim", withFacts: true });
        card.append(el("button", { type: "button", class: "link", onclick: () => onOpen(rival.event.event_id) }, "open this claim"));
        return card;
      })));
    conflicts.append(sideBySide);
  } else {
    conflicts.append(el("p", { class: "muted" }, "No other speaker tells this event differently in the stored articles."));
  }

  const others = detail.mentions.filter((m) => m.article.article_id !== article.article_id);
  const mentions = el("section", { class: "mentions" }, el("h3", {}, `Other articles that report it: ${others.length}`));
  if (others.length) mentions.append(el("div", { class: "cards" }, others.map((m) => accountCard(m, { withFacts: false }))));
  else mentions.append(el("p", { class: "muted" }, "Only this article reports it."));
  const sameArticle = detail.mentions.length - others.length;
  if (sameArticle) mentions.append(el("p", { class: "muted" }, `Told ${sameArticle} more time${sameArticle === 1 ? "" : "s"} in the same article.`));

  container.append(el("div", { class: "event-body" }, evidenceSection, conflicts, mentions));
}

// The article with this sentence marked, so a reader sees the context.
function articleText(text, evidence) {
  const start = evidence.sentence_start;
  const end = start + evidence.sentence.length;
  const aligned = text.slice(start, end) === evidence.sentence;
  if (!aligned) return el("div", { class: "article-text" }, text);
  return el("div", { class: "article-text" }, text.slice(0, start), el("mark", { class: "in-context" }, evidence.sentence), text.slice(end));
}
