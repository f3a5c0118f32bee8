//! Hostile photos: each one built here, sent through `POST /api/v1/applications`, refused with its code and leaving
//! nothing stored; the files a phone really sends (EXIF with GPS, a sideways picture, a progressive JPEG) accepted,
//! and what is stored then is a clean JPEG the server wrote.
//!
//! The tests named `stored_*` read the `photos` table: they hold only once the handler stores
//! `CheckedPhoto::jpeg` rather than the bytes received.

use crate::fixtures::*;
use crate::harness::Server;
use axum::http::StatusCode;
use image::{ImageFormat, RgbImage};
use passregion_api_server::photo_check::{self, MAX_METADATA_SEGMENTS};
use passregion_core::api::MAX_PHOTO_BYTES;
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

// ---- Sending and reading back ----

/// Sends an application with this photo, expects a 422 with `code` on the photo field, and nothing stored.
async fn refused(s: &Server, photo: Vec<u8>, filename: &'static str, key: &str, code: &str) {
    let before = s.counts();
    let r = s.send(create_request(&[json_part(&application()), photo_part(photo, filename)], Some(key), None)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", String::from_utf8_lossy(&r.body));
    let p = r.json();
    assert_eq!(p["errors"][0]["field"], "photo", "{p}");
    assert_eq!(p["errors"][0]["code"], code, "{p}");
    assert_eq!(s.counts(), before, "nothing stored");
}

/// Sends an application with this photo and expects it created.
async fn accepted(s: &Server, photo: Vec<u8>, filename: &'static str, key: &str) {
    let r = s.send(create_request(&[json_part(&application()), photo_part(photo, filename)], Some(key), None)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
}

struct StoredPhoto {
    media_type: String,
    width: u32,
    height: u32,
    bytes: Vec<u8>,
}

/// The photo of the last application stored.
fn stored_photo(s: &Server) -> StoredPhoto {
    let path = s.dir.path().join("data").join(passregion_api_server::db::FILE_NAME);
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT media_type, width, height, bytes FROM photos ORDER BY application_id DESC LIMIT 1",
        [],
        |r| Ok(StoredPhoto { media_type: r.get(0)?, width: r.get(1)?, height: r.get(2)?, bytes: r.get(3)? }),
    )
    .unwrap()
}

// ---- Building JPEGs ----

/// An upright 300 × 400 portrait: smooth colour ramps, and a dark square in the top-left corner (the "face") so a
/// picture turned the wrong way cannot pass for the right one.
fn portrait() -> RgbImage {
    RgbImage::from_fn(300, 400, |x, y| {
        if x < 80 && y < 80 {
            return image::Rgb([20, 20, 30]);
        }
        image::Rgb([(x * 255 / 300) as u8, (y * 255 / 400) as u8, (255 - (x + y) * 255 / 700) as u8])
    })
}

fn encode_jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
    out
}

fn decode(bytes: &[u8]) -> RgbImage {
    image::load_from_memory(bytes).unwrap().into_rgb8()
}

fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// `jpeg` with these segments right after its SOI.
fn with_segments(jpeg: &[u8], segments: impl IntoIterator<Item = Vec<u8>>) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for s in segments {
        out.extend(s);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `n` extended-XMP APP1 segments carrying no data, parts of an XMP packet that never completes: the image crate's
/// JPEG header parser keeps every part and re-sorts and re-scans them all after each new one (quadratic).
fn empty_extended_xmp(n: u32) -> impl Iterator<Item = Vec<u8>> {
    (1..=n).map(|offset| {
        let mut body = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
        body.extend_from_slice(b"0123456789ABCDEF0123456789ABCDEF");
        body.extend_from_slice(&u32::MAX.to_be_bytes());
        body.extend_from_slice(&offset.to_be_bytes());
        segment(0xE1, &body)
    })
}

/// An XMP APP1 segment of `size` bytes in all, mentioning a GPS position.
fn xmp(size: usize) -> Vec<u8> {
    let mut body = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>45,46.5N</exif:GPSLatitude></x:xmpmeta>".to_vec();
    body.resize(size - 4, b' ');
    segment(0xE1, &body)
}

/// The GPS latitude and longitude of the EXIF below, as stored (rationals): bytes no output may contain.
const GPS_RATIONALS: [u32; 12] = [45, 1, 46, 1, 3000, 100, 3, 1, 5, 1, 1234, 100];

/// An EXIF APP1 segment (big-endian TIFF) with this orientation and a GPS position.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    };
    let (short, long, ascii, byte, rational) = (3, 4, 2, 1, 5);
    // IFD0 at 8: Orientation, then the GPS IFD pointer; the GPS IFD at 38, its rationals at 104 and 128.
    t.extend_from_slice(&2u16.to_be_bytes());
    let o = orientation.to_be_bytes();
    entry(&mut t, 0x0112, short, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, long, 1, 38u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 38);
    t.extend_from_slice(&5u16.to_be_bytes());
    entry(&mut t, 0x0000, byte, 4, [2, 3, 0, 0]);
    entry(&mut t, 0x0001, ascii, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, rational, 3, 104u32.to_be_bytes());
    entry(&mut t, 0x0003, ascii, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, rational, 3, 128u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 104);
    for v in GPS_RATIONALS {
        t.extend_from_slice(&v.to_be_bytes());
    }
    let mut body = b"Exif\0\0".to_vec();
    body.extend(t);
    segment(0xE1, &body)
}

fn gps_bytes() -> Vec<u8> {
    GPS_RATIONALS[..6].iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// The marker codes of a JPEG's segments before its first scan.
fn markers_before_scan(jpeg: &[u8]) -> Vec<u8> {
    let (mut pos, mut out) = (2, Vec::new());
    while jpeg[pos + 1] != 0xDA {
        out.push(jpeg[pos + 1]);
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Peak signal-to-noise ratio in dB between two pictures of the same size.
fn psnr(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: f64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| (f64::from(*x) - f64::from(*y)).powi(2)).sum();
    let mse = sum / a.as_raw().len() as f64;
    10.0 * (255.0 * 255.0 / mse.max(1e-9)).log10()
}

/// A JPEG as the server must store it: ours (JFIF, tables, one frame), no metadata, nothing after EOI.
fn assert_clean(jpeg: &[u8]) {
    assert!(jpeg.len() <= MAX_PHOTO_BYTES);
    assert!(jpeg.ends_with(&[0xFF, 0xD9]));
    let markers = markers_before_scan(jpeg);
    assert_eq!(markers[0], 0xE0, "JFIF first: {markers:x?}");
    assert!(markers[1..].iter().all(|m| matches!(m, 0xC0 | 0xC4 | 0xDB)), "{markers:x?}");
    for needle in [&b"Exif"[..], b"http://ns.adobe.com", b"GPSLatitude", b"ICC_PROFILE", b"<html", &gps_bytes()] {
        assert!(!contains(jpeg, needle), "{:?} left in the photo", String::from_utf8_lossy(needle));
    }
}

// ---- A progressive JPEG, written by hand (the image crate writes only baseline) ----

struct BitWriter {
    out: Vec<u8>,
    acc: u8,
    n: u8,
}

impl BitWriter {
    fn put(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.acc = (self.acc << 1) | ((code >> i) & 1) as u8;
            self.n += 1;
            if self.n == 8 {
                self.out.push(self.acc);
                if self.acc == 0xFF {
                    self.out.push(0);
                }
                (self.acc, self.n) = (0, 0);
            }
        }
    }
    /// Pads the last byte with ones, as before a marker.
    fn align(&mut self) {
        while self.n != 0 {
            self.put(1, 1);
        }
    }
}

/// Canonical Huffman codes (code, length) indexed by symbol.
fn huffman(counts: &[u8; 16], symbols: &[u8]) -> Vec<(u32, u32)> {
    let mut table = vec![(0, 0); 256];
    let (mut code, mut k) = (0u32, 0);
    for (len, &n) in (1..=16).zip(counts) {
        for _ in 0..n {
            table[usize::from(symbols[k])] = (code, len);
            code += 1;
            k += 1;
        }
        code <<= 1;
    }
    table
}

/// A greyscale progressive JPEG (SOF2) of flat 8 × 8 blocks whose levels come from `level(block x, block y)`: a DC
/// scan then an AC scan, each preceded by its own Huffman table, with a restart interval so that both scans carry
/// RSTn markers, and 0xFF bytes stuffed wherever the bits make one.
fn progressive_grey(width: u16, height: u16, level: impl Fn(u32, u32) -> u8) -> Vec<u8> {
    let (bw, bh) = (u32::from(width).div_ceil(8), u32::from(height).div_ceil(8));
    let restart = 7;
    let mut out = vec![0xFF, 0xD8];
    // Quantiser 8 everywhere: a flat block of level v has DC coefficient 8 (v - 128), so quantised DC = v - 128.
    out.extend(segment(0xDB, &[[0u8].as_slice(), &[8; 64]].concat()));
    let mut sof = vec![8];
    sof.extend_from_slice(&height.to_be_bytes());
    sof.extend_from_slice(&width.to_be_bytes());
    sof.extend_from_slice(&[1, 1, 0x11, 0]);
    out.extend(segment(0xC2, &sof));
    out.extend(segment(0xDD, &(restart as u16).to_be_bytes()));

    // DC: the standard luminance table.
    let dc_counts: [u8; 16] = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    let dc_symbols: Vec<u8> = (0..12).collect();
    out.extend(segment(0xC4, &[&[0x00][..], &dc_counts[..], &dc_symbols[..]].concat()));
    out.extend(segment(0xDA, &[1, 1, 0x00, 0, 0, 0x00]));
    let dc = huffman(&dc_counts, &dc_symbols);
    let mut bits = BitWriter { out: Vec::new(), acc: 0, n: 0 };
    let mut predictor = 0i32;
    for i in 0..bw * bh {
        if i > 0 && i % restart == 0 {
            bits.align();
            bits.out.extend_from_slice(&[0xFF, 0xD0 + ((i / restart - 1) % 8) as u8]);
            predictor = 0;
        }
        let value = i32::from(level(i % bw, i / bw)) - 128;
        let diff = value - predictor;
        predictor = value;
        let size = 32 - diff.unsigned_abs().leading_zeros();
        let (code, len) = dc[size as usize];
        bits.put(code, len);
        let extra = if diff < 0 { diff + (1 << size) - 1 } else { diff };
        bits.put(extra as u32, size);
    }
    bits.align();
    out.extend(std::mem::take(&mut bits.out));

    // AC 1..63: every block is flat, so each is a single end-of-block, the table's only symbol.
    let ac_counts: [u8; 16] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    out.extend(segment(0xC4, &[&[0x10][..], &ac_counts[..], &[0x00][..]].concat()));
    out.extend(segment(0xDA, &[1, 1, 0x00, 1, 63, 0x00]));
    for i in 0..bw * bh {
        if i > 0 && i % restart == 0 {
            bits.align();
            bits.out.extend_from_slice(&[0xFF, 0xD0 + ((i / restart - 1) % 8) as u8]);
        }
        bits.put(0, 1);
    }
    bits.align();
    out.extend(bits.out);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

// ---- Building PNGs ----

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out
}

/// A valid PNG of 6000 × 8000 black pixels in about 140 KB: 144 MB once decoded. The zlib stream is one deflated
/// run of 100 rows of zeros repeated 80 times (each copy only refers back within itself), so building it costs a
/// hundredth of compressing the whole picture.
fn png_bomb() -> Vec<u8> {
    let (w, h, rows_per_unit) = (6000u32, 8000u32, 100u32);
    let row = 1 + 3 * w as usize;
    let mut unit = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    unit.write_all(&vec![0; row * rows_per_unit as usize]).unwrap();
    unit.flush().unwrap();
    let unit = unit.get_ref().clone();
    let total = (row * h as usize) as u64;
    let mut zlib = vec![0x78, 0xDA];
    for _ in 0..h / rows_per_unit {
        zlib.extend_from_slice(&unit);
    }
    // A final empty block, then Adler-32 of all those zeros: a = 1, b = n mod 65521.
    zlib.extend_from_slice(&[0x03, 0x00]);
    zlib.extend_from_slice(&((((total % 65521) as u32) << 16) | 1).to_be_bytes());

    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    out.extend(png_chunk(b"IDAT", &zlib));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
    out
}

/// The best of three timings: the machine is shared, and one descheduling must not fail a linear walk.
fn fastest(f: impl Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

// ---- The hostile files ----

#[tokio::test]
async fn a_jpeg_of_24000_empty_metadata_segments_is_refused_at_once() {
    let base = encode_jpeg(&portrait(), 90);
    let crafted = with_segments(&base, empty_extended_xmp(24_000));
    assert!(crafted.len() < MAX_PHOTO_BYTES && crafted.len() > 1_800_000, "{}", crafted.len());

    // The walk stops at the 17th segment, before any decoder: the image crate alone spends seconds on this file.
    let took = fastest(|| assert_eq!(photo_check::check(&crafted).unwrap_err(), "photo_unreadable"));
    eprintln!("crafted JPEG of {} bytes refused in {took:?}", crafted.len());
    assert!(took < Duration::from_millis(50), "{took:?}");

    // Truly empty APPn segments (4 bytes each, 96 KB in all, under the metadata byte budget): the count alone refuses.
    let empty = with_segments(&base, std::iter::repeat_n(segment(0xE5, &[]), 24_000));
    let took = fastest(|| assert_eq!(photo_check::check(&empty).unwrap_err(), "photo_unreadable"));
    eprintln!("24,000 empty APPn segments refused in {took:?}");
    assert!(took < Duration::from_millis(50), "{took:?}");

    // The count is what is refused: with the encoder's JFIF segment, up to the limit is fine, extended XMP or not.
    let tolerable = with_segments(&base, empty_extended_xmp(MAX_METADATA_SEGMENTS as u32 - 1));
    assert_eq!(photo_check::check(&tolerable).unwrap().width, 300);

    let s = Server::start();
    refused(&s, crafted, "photo.jpg", "h-segments", "photo_unreadable").await;
}

#[tokio::test]
async fn more_than_256_kb_of_metadata_is_refused() {
    let base = encode_jpeg(&portrait(), 90);
    // Four 60 KB XMP segments (240 KB) pass; a fifth (300 KB) is a payload, not a description.
    assert!(photo_check::check(&with_segments(&base, vec![xmp(60_000); 4])).is_ok());
    let heavy = with_segments(&base, vec![xmp(60_000); 5]);
    assert_eq!(photo_check::check(&heavy).unwrap_err(), "photo_unreadable");
    let s = Server::start();
    refused(&s, heavy, "photo.jpg", "h-metadata", "photo_unreadable").await;
}

#[tokio::test]
async fn a_small_png_declaring_6000_by_8000_pixels_is_refused_before_decoding() {
    let bomb = png_bomb();
    assert!((100_000..200_000).contains(&bomb.len()), "{}", bomb.len());
    // Decoding would take seconds and 144 MB; the header alone decides.
    let took = fastest(|| assert_eq!(photo_check::check(&bomb).unwrap_err(), "photo_too_many_pixels"));
    assert!(took < Duration::from_millis(50), "{took:?}");
    let s = Server::start();
    refused(&s, bomb, "photo.png", "h-bomb", "photo_too_many_pixels").await;
}

#[tokio::test]
async fn a_png_with_html_appended_is_refused() {
    let mut polyglot = png(&portrait());
    assert!(photo_check::check(&polyglot).is_ok());
    polyglot.extend_from_slice(b"<html><script>fetch('/api/v1/me').then(r => r.text()).then(alert)</script></html>");
    assert_eq!(photo_check::check(&polyglot).unwrap_err(), "photo_unreadable");
    let s = Server::start();
    refused(&s, polyglot, "photo.png", "h-polyglot", "photo_unreadable").await;
}

#[tokio::test]
async fn junk_after_the_jpeg_end_is_refused_but_a_little_padding_is_not() {
    let base = encode_jpeg(&portrait(), 90);
    for slack in [&b"\r\n"[..], b"\0\0", b"\n"] {
        assert!(photo_check::check(&[&base[..], slack].concat()).is_ok(), "{slack:?}");
    }
    let s = Server::start();
    for (i, junk) in [&b"<html>"[..], b"PK\x03\x04", &[0; 4096]].into_iter().enumerate() {
        let bytes = [&base[..], junk].concat();
        refused(&s, bytes, "photo.jpg", &format!("h-junk-{i}"), "photo_unreadable").await;
    }
    accepted(&s, [&base[..], b"\r\n"].concat(), "photo.jpg", "h-slack").await;
}

// ---- What phones really send ----

/// A sideways JPEG as a phone writes it (pixels landscape, EXIF orientation 6 = turn 90° clockwise to show), with
/// GPS in its EXIF and its XMP, and a comment; and the upright picture it shows.
fn phone_jpeg() -> (Vec<u8>, RgbImage) {
    let upright = portrait();
    let sideways = image::imageops::rotate270(&upright);
    let jpeg = encode_jpeg(&sideways, 95);
    let shown = image::imageops::rotate90(&decode(&jpeg));
    let tagged = with_segments(&jpeg, [exif(6), xmp(400), segment(0xFE, b"Taken at 45.775N 3.082E")]);
    (tagged, shown)
}

#[test]
fn exif_orientation_is_applied_then_all_metadata_dropped() {
    let (sent, shown) = phone_jpeg();
    assert!(contains(&sent, &gps_bytes()) && contains(&sent, b"GPSLatitude"));
    let checked = photo_check::check(&sent).unwrap();
    assert_eq!((checked.media_type, checked.width, checked.height), ("image/jpeg", 300, 400), "upright: sides swapped");
    assert_clean(&checked.jpeg);
    let stored = decode(&checked.jpeg);
    assert_eq!(stored.dimensions(), (300, 400));
    let quality = psnr(&stored, &shown);
    assert!(quality > 35.0, "PSNR {quality:.1} dB");
    // The face is at the top left, where the upright portrait has it.
    assert!(stored.get_pixel(30, 30).0.iter().all(|&c| c < 60), "{:?}", stored.get_pixel(30, 30));
    assert!(stored.get_pixel(270, 370).0.iter().any(|&c| c > 150));
}

#[test]
fn a_progressive_jpeg_with_restarts_is_accepted() {
    let level = |bx: u32, by: u32| ((bx * 37 + by * 11) % 200 + 28) as u8;
    let jpeg = progressive_grey(240, 320, level);
    assert_eq!(markers_before_scan(&jpeg)[1], 0xC2, "SOF2");
    let checked = photo_check::check(&jpeg).unwrap();
    assert_eq!((checked.width, checked.height), (240, 320));
    assert_clean(&checked.jpeg);
    let expected = RgbImage::from_fn(240, 320, |x, y| {
        let v = level(x / 8, y / 8);
        image::Rgb([v, v, v])
    });
    // The source decodes to exactly its blocks; ours is a JPEG of it.
    assert!(psnr(&decode(&jpeg), &expected) > 50.0);
    let quality = psnr(&decode(&checked.jpeg), &expected);
    assert!(quality > 40.0, "PSNR {quality:.1} dB");
}

#[test]
fn real_photos_are_accepted_when_the_shared_folder_is_there() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/photos");
    let Ok(water) = std::fs::read(dir.join("by-the-water.jpg")) else {
        eprintln!("skipped: no {}", dir.display());
        return;
    };
    let checked = photo_check::check(&water).unwrap();
    assert_eq!((checked.width, checked.height), (2560, 1600));
    assert_clean(&checked.jpeg);
    assert!(psnr(&decode(&checked.jpeg), &decode(&water)) > 40.0);
    // A real phone file, 4032 × 3024 stored sideways with orientation 6: stored upright.
    if let Ok(phone) = std::fs::read(dir.join("phone-portrait-exif6.jpg")) {
        let start = Instant::now();
        let checked = photo_check::check(&phone).unwrap();
        eprintln!("12-megapixel phone photo checked and re-encoded in {:?}", start.elapsed());
        assert_eq!((checked.width, checked.height), (3024, 4032));
        assert_clean(&checked.jpeg);
    }
}

#[tokio::test]
async fn stored_photo_is_the_clean_upright_jpeg_the_server_wrote() {
    // Depends on the handler storing `CheckedPhoto::jpeg` (see the module's documentation).
    let s = Server::start();
    let (sent, shown) = phone_jpeg();
    accepted(&s, sent, "IMG_0042.jpg", "h-phone").await;
    let stored = stored_photo(&s);
    assert_eq!((stored.media_type.as_str(), stored.width, stored.height), ("image/jpeg", 300, 400));
    assert_clean(&stored.bytes);
    assert!(psnr(&decode(&stored.bytes), &shown) > 35.0);
}

#[tokio::test]
async fn stored_photo_of_a_png_is_a_jpeg() {
    // Depends on the handler storing `CheckedPhoto::jpeg` (see the module's documentation).
    let s = Server::start();
    accepted(&s, png(&portrait()), "photo.png", "h-png").await;
    let stored = stored_photo(&s);
    assert_eq!((stored.media_type.as_str(), stored.width, stored.height), ("image/jpeg", 300, 400));
    assert_clean(&stored.bytes);
    assert!(psnr(&decode(&stored.bytes), &portrait()) > 35.0);
}
