import sanitizeHtml from "sanitize-html";

export type SanitizeOptions = {
  /** Keep http(s) image sources. Off by default: a remote image tells its sender when and where mail is read. */
  allowRemoteImages?: boolean;
  /** Keep inline `style` attributes (a vetted property list). The inline print view turns them off. */
  allowStyles?: boolean;
};

export type SanitizedHtml = { html: string; blockedImages: number };

// Link targets a reader may follow. Anything else (javascript:, data:, vbscript:, relative paths that would
// resolve against the portal) loses its href and stays as plain text.
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
// Images embedded in the message itself (simpleParser turns cid: parts into data: URIs). Raster types only:
// SVG can carry script and external references.
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

// No url(), expression() or escapes in any kept declaration: styles must not fetch or run anything.
const SAFE_VALUE = [/^(?!.*(url\s*\(|expression|image-set|@import|\\|javascript:)).*$/i];
const STYLE_PROPERTIES = [
  "color", "background-color", "font-family", "font-size", "font-weight", "font-style", "text-align", "text-decoration",
  "text-transform", "line-height", "letter-spacing", "white-space", "vertical-align", "width", "max-width", "min-width",
  "height", "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding", "padding-top", "padding-right",
  "padding-bottom", "padding-left", "border", "border-top", "border-right", "border-bottom", "border-left", "border-color",
  "border-style", "border-width", "border-collapse", "border-radius", "border-spacing", "list-style-type",
];
const ALLOWED_STYLES = { "*": Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, SAFE_VALUE])) };

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "style"),
  "img", "center", "font", "span", "div", "u", "s", "small", "big", "sub", "sup", "hr", "br",
];
// Event handlers, forms, srcset and background attributes are absent because only these are allowed.
const ATTRIBUTES = ["title", "lang", "dir", "align", "valign", "width", "height", "colspan", "rowspan", "bgcolor", "color", "border", "cellpadding", "cellspacing"];

function safeLink(href: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function isRemote(src: string): boolean {
  return /^https?:\/\//i.test(src.trim());
}

/**
 * Turns message HTML into a safe subset: no script, style, iframe, form, input, object or embed elements, no
 * event handlers, no javascript:/data: links. Links open in a new, unconnected tab (`noopener noreferrer`) and
 * carry their real target in `title` (the reading frame's stylesheet also prints it after the link text).
 * Remote images are blocked unless allowed, and counted so the page can offer "Load images".
 */
export function sanitizeMessageHtml(dirty: string, options: SanitizeOptions = {}): SanitizedHtml {
  let blockedImages = 0;
  const html = sanitizeHtml(dirty, {
    allowedTags: TAGS,
    allowedAttributes: {
      "*": options.allowStyles === false ? ATTRIBUTES : [...ATTRIBUTES, "style"],
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "class"],
      font: ["face", "size", "color"],
    },
    allowedClasses: { img: ["sp-blocked"] },
    allowedStyles: ALLOWED_STYLES,
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      a: (_tag, attribs) => {
        const href = safeLink(attribs.href);
        const kept: sanitizeHtml.Attributes = { ...attribs, title: href ?? "" };
        delete kept.href;
        if (!href) return { tagName: "a", attribs: kept };
        return { tagName: "a", attribs: { ...kept, href, target: "_blank", rel: "noopener noreferrer nofollow" } };
      },
      img: (_tag, attribs) => {
        const src = attribs.src?.trim() ?? "";
        // An image without alt text is read out as its file name; the sender did not describe it, so mark it
        // decorative rather than invent a description.
        const { src: _dropped, class: _class, ...kept } = attribs;
        const rest = { ...kept, alt: kept.alt ?? "" };
        if (DATA_IMAGE.test(src)) return { tagName: "img", attribs: { ...rest, src } };
        if (isRemote(src) && options.allowRemoteImages) return { tagName: "img", attribs: { ...rest, src } };
        if (isRemote(src)) blockedImages += 1;
        return { tagName: "img", attribs: { ...rest, class: "sp-blocked" } };
      },
    },
  });
  return { html, blockedImages };
}
