//! Requests the tests send: a valid application, photos, multipart bodies.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};
use std::io::Cursor;

pub const BOUNDARY: &str = "passregion-test-boundary-7MA4YWxkTrZu0gW";

/// A valid application of an 18-year-old at Lycée Sidoine Apollinaire, première générale.
pub fn application() -> Value {
    json!({
        "campaign_id": "2026-2027",
        "charter_version": "2026.1",
        "identity": {
            "civility": "madame",
            "last_name": "Martin",
            "first_name": "Élise",
            "birth_date": "2008-03-14",
            "email": "elise.martin@gmail.com",
            "password": "Velo-2026-rouge"
        },
        "guardian": null,
        "contact": {
            "mobile_phone": "+33612345678",
            "address": { "street": "20 rue Jean Richepin", "postal_code": "63000", "commune": "Clermont-Ferrand" }
        },
        "schooling": { "uai": "0630020E", "stream_code": "2011001911" },
        "delivery": { "send_to_establishment": true },
        "consents": { "good_deals": false, "news": true }
    })
}

/// A real 300×400 JPEG, encoded here so the tests need no fixture file.
pub fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(300, 400, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg).unwrap();
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = kind.to_vec();
    typed.extend_from_slice(data);
    out.extend_from_slice(&typed);
    out.extend_from_slice(&crc32(&typed).to_be_bytes());
    out
}

/// A PNG whose header claims `w`×`h` pixels (RGB, 8 bits) with no real pixel data: tiny on the wire, a bomb if
/// anyone allocated the decoded image.
pub fn png_header_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend(chunk(b"IHDR", &ihdr));
    out
}

/// A PDF, as a phone might offer from "Files", named like a photo by the test.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

pub struct Part<'a> {
    pub name: &'a str,
    pub filename: Option<&'a str>,
    pub content_type: &'a str,
    pub data: Vec<u8>,
}

pub fn json_part(value: &Value) -> Part<'static> {
    Part { name: "application", filename: None, content_type: "application/json", data: value.to_string().into_bytes() }
}

pub fn photo_part(data: Vec<u8>, filename: &'static str) -> Part<'static> {
    let content_type = if filename.ends_with(".png") { "image/png" } else { "image/jpeg" };
    Part { name: "photo", filename: Some(filename), content_type, data }
}

pub fn multipart_body(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match p.filename {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{}\"; filename=\"{f}\"\r\n", p.name).as_bytes(),
            ),
            None => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"\r\n", p.name).as_bytes());
            }
        }
        body.extend_from_slice(format!("Content-Type: {}\r\n\r\n", p.content_type).as_bytes());
        body.extend_from_slice(&p.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// `POST /api/v1/applications` with these parts; `key` = the Idempotency-Key header, `lang` = Accept-Language.
pub fn create_request(parts: &[Part], key: Option<&str>, lang: Option<&str>) -> Request<Body> {
    let body = multipart_body(parts);
    let mut req = Request::post("/api/v1/applications")
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("content-length", body.len());
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    if let Some(l) = lang {
        req = req.header("accept-language", l);
    }
    req.body(Body::from(body)).unwrap()
}

/// The usual valid request: application + JPEG.
pub fn valid_create(app: &Value, key: &str) -> Request<Body> {
    create_request(&[json_part(app), photo_part(jpeg(), "photo.jpg")], Some(key), None)
}
