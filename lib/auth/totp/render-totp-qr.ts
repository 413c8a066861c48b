import { toString as renderQr } from "qrcode";

/**
 * The otpauth:// URI as a QR code, an SVG data URL for an <img>: no script, nothing fetched, and it scales
 * crisply on any screen. Error correction M survives a phone camera at an angle; the quiet zone is the
 * four modules ISO/IEC 18004 asks for.
 */
export async function renderTotpQr(uri: string): Promise<string> {
  const svg = await renderQr(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
