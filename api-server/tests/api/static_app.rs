//! The built app on the same origin: deep links, wasm media type, compression, caching, security headers.

use crate::harness::Server;
use axum::body::Body;
use axum::http::{Request, StatusCode};

fn html_get(path: &str) -> Request<Body> {
    Request::get(path).header("accept", "text/html,application/xhtml+xml,*/*;q=0.8").body(Body::empty()).unwrap()
}

#[tokio::test]
async fn deep_links_get_index_html_with_a_strict_policy() {
    let s = Server::start();
    for path in ["/", "/demande/identite", "/activation?token=abc"] {
        let r = s.send(html_get(path)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&r.body).contains("Pass'Région"), "{path}");
        assert_eq!(r.header("cache-control"), "no-cache", "{path}");
        let csp = r.header("content-security-policy");
        assert!(
            csp.contains("default-src 'self'")
                && csp.contains("'wasm-unsafe-eval'")
                && csp.contains("worker-src 'self' blob:")
        );
        assert!(csp.contains("'sha256-"), "inline bootstrap allowed by hash: {csp}");
        // Styles come from the stylesheet only: the views set computed positions as style properties (CSSOM).
        assert!(
            csp.contains("style-src 'self';") && !csp.contains("'unsafe-inline'") && !csp.contains("http"),
            "{csp}"
        );
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        assert_eq!(r.header("referrer-policy"), "no-referrer");
    }
    // A missing asset is a 404, not index.html.
    let r = s.send(Request::get("/app-ffffffffffffffff.js").header("accept", "*/*").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = s.send(Request::get("/missing.png").header("accept", "image/png").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm_compressed_and_cached_long() {
    let s = Server::start();
    let plain = s.get("/app-0123456789abcdef_bg.wasm").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.header("content-type"), "application/wasm");
    assert!(plain.header("cache-control").contains("immutable"));
    assert!(plain.body.starts_with(b"\0asm"));

    let gz = s
        .send(
            Request::get("/app-0123456789abcdef_bg.wasm")
                .header("accept-encoding", "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    assert!(gz.body.len() < plain.body.len() / 4);
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz.body[..]), &mut decoded).unwrap();
    assert_eq!(decoded, plain.body.to_vec(), "gzip round trip");

    let br = s
        .send(Request::get("/app-0123456789abcdef.js").header("accept-encoding", "br").body(Body::empty()).unwrap())
        .await;
    assert_eq!(br.header("content-encoding"), "br");

    // API answers are compressed too when asked.
    let api = s
        .send(
            Request::get("/api/v1/establishments?per_page=50")
                .header("accept-encoding", "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(api.header("content-encoding"), "gzip");
}

/// `./dev` writes `.br` and `.gz` beside each built file: they are sent as they are (not compressed a second time),
/// the plain file stays the answer for a client that accepts neither, and caches are told the body varies.
#[tokio::test]
async fn precompressed_variants_are_served_as_they_are() {
    let s = Server::start();
    let dist = s.dir.path().join("dist");
    let name = "/app-0123456789abcdef_bg.wasm";
    let plain = std::fs::read(dist.join(&name[1..])).unwrap();
    // Marker bodies: only the precompressed file can produce them, on-the-fly compression cannot.
    std::fs::write(dist.join(format!("{}.br", &name[1..])), b"BROTLI-FROM-DISK").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, &plain).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(dist.join(format!("{}.gz", &name[1..])), &gz).unwrap();

    let get = |enc: &'static str| Request::get(name).header("accept-encoding", enc).body(Body::empty()).unwrap();

    let br = s.send(get("gzip, deflate, br")).await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.header("content-encoding"), "br");
    assert_eq!(&br.body[..], b"BROTLI-FROM-DISK", "the .br file, untouched");
    assert_eq!(br.header("content-type"), "application/wasm");
    assert_eq!(br.header("cache-control"), "public, max-age=31536000, immutable");
    assert!(br.header("vary").to_ascii_lowercase().contains("accept-encoding"));

    let only_gzip = s.send(get("gzip")).await;
    assert_eq!(only_gzip.header("content-encoding"), "gzip");
    assert_eq!(only_gzip.body.to_vec(), gz, "the .gz file, not gzip of gzip");
    assert_eq!(only_gzip.header("content-type"), "application/wasm");

    let identity = s.send(get("identity")).await;
    assert_eq!(identity.header("content-encoding"), "");
    assert_eq!(identity.body.to_vec(), plain);
    assert!(identity.header("vary").to_ascii_lowercase().contains("accept-encoding"));

    // A file without variants is still compressed on the fly.
    let js = s
        .send(Request::get("/app-0123456789abcdef.js").header("accept-encoding", "gzip").body(Body::empty()).unwrap())
        .await;
    assert_eq!(js.header("content-encoding"), "gzip");
    assert_eq!(js.header("vary").to_ascii_lowercase().matches("accept-encoding").count(), 1, "one Vary entry");

    // Deep links still get index.html, never cached.
    let page = s.send(html_get("/demande/etablissement")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), "no-cache");
}

/// The beneficiary space is a second bundle with its own `index.html` in `dist/espace/`: `/espace` and its deep
/// links get that page (not the application's), with a policy allowing its own inline bootstrap, and its assets
/// are files like any other.
#[tokio::test]
async fn the_space_has_its_own_index_html_and_policy() {
    let s = Server::start();
    let space = s.dir.path().join("dist").join("espace");
    std::fs::create_dir_all(&space).unwrap();
    let script = "import init from '/espace/passregion-space-0123456789abcdef.js'; init();";
    std::fs::write(
        space.join("index.html"),
        format!("<!doctype html><html lang=\"fr\"><head><script type=\"module\">{script}</script></head><body>Mon espace</body></html>"),
    )
    .unwrap();
    std::fs::write(space.join("passregion-space-0123456789abcdef.js"), "export default function init() {}\n").unwrap();
    let app = s.send(html_get("/")).await;
    let app_csp = app.header("content-security-policy").to_string();
    for path in ["/espace", "/espace/", "/espace/index.html", "/espace/connexion", "/espace/mot-de-passe?token=abc"] {
        let r = s.send(html_get(path)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&r.body).contains("Mon espace"), "{path}: the space's page");
        assert_eq!(r.header("cache-control"), "no-cache", "{path}");
        let csp = r.header("content-security-policy");
        assert!(csp.contains("'sha256-") && csp != app_csp, "{path}: the space's own bootstrap hash: {csp}");
    }
    // Not the space: a look-alike path stays the application's.
    let r = s.send(html_get("/espacement")).await;
    assert!(String::from_utf8_lossy(&r.body).contains("Pass'Région"));
    let js = s.get("/espace/passregion-space-0123456789abcdef.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.header("cache-control").contains("immutable"));
    let missing = s
        .send(
            Request::get("/espace/passregion-space-ffffffffffffffff.js")
                .header("accept", "*/*")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// The phone's page of the photo handoff is a third bundle in `dist/telephone/`: the QR code's link
/// (`/telephone#…`, whose fragment never reaches the server) and the short address `/tel` get it.
#[tokio::test]
async fn the_phone_page_has_its_own_index_html() {
    let s = Server::start();
    let phone = s.dir.path().join("dist").join("telephone");
    std::fs::create_dir_all(&phone).unwrap();
    let script = "import init from '/telephone/passregion-phone-0123456789abcdef.js'; init();";
    std::fs::write(
        phone.join("index.html"),
        format!("<!doctype html><html lang=\"fr\"><head><script type=\"module\">{script}</script></head><body>Photo</body></html>"),
    )
    .unwrap();
    std::fs::write(phone.join("passregion-phone-0123456789abcdef.js"), "export default function init() {}\n").unwrap();
    for path in ["/telephone", "/telephone/", "/tel", "/telephone/index.html"] {
        let r = s.send(html_get(path)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&r.body).contains("<body>Photo"), "{path}: the phone's page");
        assert!(r.header("content-security-policy").contains("'sha256-"), "{path}");
    }
    // Look-alikes stay the application's.
    for path in ["/telephones", "/tele", "/tel/x"] {
        let r = s.send(html_get(path)).await;
        assert!(!String::from_utf8_lossy(&r.body).contains("<body>Photo"), "{path}");
    }
    let js = s.get("/telephone/passregion-phone-0123456789abcdef.js").await;
    assert_eq!(js.status, StatusCode::OK);
}

/// The space's new-photo page is a bundle of its own in `dist/espace-photo/` (the application's photo step), at an
/// address of the space; the space's other addresses keep the space's page.
#[tokio::test]
async fn the_spaces_photo_page_has_its_own_index_html() {
    let s = Server::start();
    let dist = s.dir.path().join("dist");
    for (dir, body) in [("espace-photo", "Nouvelle photo"), ("espace", "Espace")] {
        std::fs::create_dir_all(dist.join(dir)).unwrap();
        std::fs::write(
            dist.join(dir).join("index.html"),
            format!("<!doctype html><html lang=\"fr\"><body>{body}</body></html>"),
        )
        .unwrap();
    }
    std::fs::write(dist.join("espace-photo").join("passregion-space-photo-0123456789abcdef.js"), "export default 1;\n")
        .unwrap();
    for path in ["/espace/nouvelle-photo", "/espace/nouvelle-photo/"] {
        let r = s.send(html_get(path)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&r.body).contains("<body>Nouvelle photo"), "{path}");
        assert_eq!(r.header("cache-control"), "no-cache", "{path}");
    }
    for path in ["/espace", "/espace/carte", "/espace/nouvelle-photos"] {
        let r = s.send(html_get(path)).await;
        assert!(String::from_utf8_lossy(&r.body).contains("<body>Espace"), "{path}");
    }
    let js = s.get("/espace-photo/passregion-space-photo-0123456789abcdef.js").await;
    assert_eq!(js.status, StatusCode::OK);
}
