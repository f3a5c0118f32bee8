//! The handoff link as a QR code, drawn as SVG markup in the app (no image service, no canvas): one module is one
//! SVG unit, with the standard 4-module quiet zone, and CSS gives it its size.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The SVG of `text`, or `None` if it is too long for a QR code (a link never is).
pub fn svg(text: &str) -> Option<String> {
    // Level M: a screen is not a dirty label, and a lower level keeps the modules big enough to scan from a
    // phone held at arm's length in front of a school monitor.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let markup = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // Markup goes inside an HTML page: the XML declaration has no place there.
    let start = markup.find("<svg")?;
    Some(markup[start..].replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_inline_svg_with_its_quiet_zone() {
        let link = "https://passregion.auvergnerhonealpes.fr/telephone#0123456789abcdef0123456789abcdef";
        let markup = svg(link).expect("a link fits");
        assert!(markup.starts_with("<svg aria-hidden=\"true\""), "{markup}");
        assert!(!markup.contains("<?xml"));
        let modules = QrCode::with_error_correction_level(link, EcLevel::M).unwrap().width() as u32;
        let side = modules + 8;
        assert!(markup.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{markup}");
        // The three finder patterns at least: many dark rectangles.
        assert!(markup.matches('M').count() > 50);
    }

    #[test]
    fn too_long_for_a_code_is_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
