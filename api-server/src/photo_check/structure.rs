//! Our own walk of the file's structure, run before any decoder sees a byte: JPEG markers and segments, PNG chunks.
//! Each byte is looked at a bounded number of times, so the walk is linear in the file's size whatever the file
//! contains; the limits below then bound what the decoders will do with the segments we let through (the image
//! crate's JPEG header parser re-scans extended-XMP segments, which a file of 24,000 tiny APP1 segments turns
//! into seconds of work).

use super::{Refusal, check_dimensions};

/// Metadata segments (JPEG APPn and COM, PNG ancillary chunks) allowed in one photo. A camera or phone JPEG carries
/// about six (JFIF or Exif, XMP, one or a few APP2 for ICC and MPF, Adobe APP14, IPTC APP13, a comment) and an
/// exported PNG about ten; 16 leaves room for an ICC profile split over several segments while keeping any
/// per-segment work of the decoders trivial.
pub const MAX_METADATA_SEGMENTS: usize = 16;

/// Metadata bytes allowed in one photo. Exif with its thumbnail fits one 64 KB segment, XMP and ICC profiles are a
/// few KB each; 256 KB is four nearly full segments. Larger is a smuggled payload (or an extended-XMP depth map, which an
/// ID photo does not need).
pub const MAX_METADATA_BYTES: usize = 256 * 1024;

/// Bytes tolerated after the end marker (JPEG EOI, PNG IEND): some writers pad to a word or add a line break, and
/// an upload tool in text mode may append CR LF. Only padding bytes are tolerated, so `<html>` never passes.
pub const TRAILING_SLACK: usize = 16;

/// JPEG scans (SOS). Baseline has 1 (3 when not interleaved), libjpeg's progressive script 10, mozjpeg's about 15.
/// Each progressive scan is a pass over all the coefficients of the picture, so thousands of tiny scans would make
/// a small file cost minutes to decode.
pub const MAX_SCANS: usize = 32;

/// JPEG segments other than metadata (tables, frame, scans): a progressive file with a Huffman table before each of
/// its scans needs under 50; every table definition costs the decoder a rebuild, so a flood of them is refused.
pub const MAX_TABLE_SEGMENTS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
}

/// What the walk learnt: the format and the dimensions the header declares (already within bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

pub const JPEG_SOI: [u8; 3] = [0xFF, 0xD8, 0xFF];
pub const PNG_SIGNATURE: [u8; 8] = *b"\x89PNG\r\n\x1a\n";

/// The walk of a JPEG or PNG file. Anything else is unreadable.
pub fn walk(bytes: &[u8]) -> Result<Layout, Refusal> {
    if bytes.starts_with(&JPEG_SOI) {
        walk_jpeg(bytes)
    } else if bytes.starts_with(&PNG_SIGNATURE) {
        walk_png(bytes)
    } else {
        Err(Refusal::Unreadable("neither a JPEG nor a PNG"))
    }
}

#[derive(Default)]
struct MetadataBudget {
    segments: usize,
    bytes: usize,
}

impl MetadataBudget {
    fn spend(&mut self, bytes: usize) -> Result<(), Refusal> {
        self.segments += 1;
        self.bytes += bytes;
        if self.segments > MAX_METADATA_SEGMENTS {
            return Err(Refusal::Unreadable("too many metadata segments"));
        }
        if self.bytes > MAX_METADATA_BYTES {
            return Err(Refusal::Unreadable("too much metadata"));
        }
        Ok(())
    }
}

fn trailing(rest: &[u8]) -> Result<(), Refusal> {
    let padding = |b: &u8| matches!(b, 0x00 | 0xFF | b'\r' | b'\n' | b' ' | b'\t');
    if rest.len() > TRAILING_SLACK || !rest.iter().all(padding) {
        return Err(Refusal::Unreadable("data after the end of the image"));
    }
    Ok(())
}

const TRUNCATED: Refusal = Refusal::Unreadable("truncated");

const SOF_FIRST: u8 = 0xC0;
const DHT: u8 = 0xC4;
const JPG: u8 = 0xC8;
const DAC: u8 = 0xCC;
const SOF_LAST: u8 = 0xCF;
const RST0: u8 = 0xD0;
const RST7: u8 = 0xD7;
const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP15: u8 = 0xEF;
const COM: u8 = 0xFE;

fn walk_jpeg(b: &[u8]) -> Result<Layout, Refusal> {
    let mut pos = 2;
    let mut metadata = MetadataBudget::default();
    let mut frame: Option<(u32, u32)> = None;
    let (mut scans, mut tables) = (0, 0);
    loop {
        // A marker is 0xFF then its code; any number of 0xFF fill bytes may come before the code.
        if b.get(pos) != Some(&0xFF) {
            return Err(if pos >= b.len() { TRUNCATED } else { Refusal::Unreadable("expected a marker") });
        }
        while b.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *b.get(pos).ok_or(TRUNCATED)?;
        pos += 1;
        match marker {
            EOI => {
                let Some((width, height)) = frame.filter(|_| scans > 0) else {
                    return Err(Refusal::Unreadable("no image data before the end marker"));
                };
                trailing(&b[pos..])?;
                return Ok(Layout { format: Format::Jpeg, width, height });
            }
            // Restart markers belong inside entropy-coded data, a second SOI nowhere; below 0xC0 is reserved.
            RST0..=RST7 | SOI | 0x00..=0xBF => return Err(Refusal::Unreadable("unexpected marker")),
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*b.get(pos).ok_or(TRUNCATED)?, *b.get(pos + 1).ok_or(TRUNCATED)?]));
        if len < 2 {
            return Err(Refusal::Unreadable("segment length"));
        }
        let body = b.get(pos + 2..pos + len).ok_or(TRUNCATED)?;
        pos += len;
        if matches!(marker, APP0..=APP15 | COM) {
            metadata.spend(len + 2)?;
            continue;
        }
        tables += 1;
        if tables > MAX_TABLE_SEGMENTS {
            return Err(Refusal::Unreadable("too many segments"));
        }
        match marker {
            SOF_FIRST..=SOF_LAST if !matches!(marker, DHT | JPG | DAC) => {
                if frame.is_some() {
                    return Err(Refusal::Unreadable("second frame header"));
                }
                let [_precision, h1, h0, w1, w0, components, ..] = *body else {
                    return Err(Refusal::Unreadable("frame header"));
                };
                if body.len() != 6 + 3 * usize::from(components) || components == 0 {
                    return Err(Refusal::Unreadable("frame header"));
                }
                let (width, height) =
                    (u32::from(u16::from_be_bytes([w1, w0])), u32::from(u16::from_be_bytes([h1, h0])));
                // A zero height means "defined later by DNL": no decoder we use supports it.
                if width == 0 || height == 0 {
                    return Err(Refusal::Unreadable("frame header"));
                }
                check_dimensions(width, height)?;
                frame = Some((width, height));
            }
            SOS => {
                if frame.is_none() {
                    return Err(Refusal::Unreadable("scan before the frame header"));
                }
                scans += 1;
                if scans > MAX_SCANS {
                    return Err(Refusal::Unreadable("too many scans"));
                }
                pos = skip_entropy_coded(b, pos)?;
            }
            _ => {}
        }
    }
}

/// The position of the marker that ends the entropy-coded data starting at `pos`. Inside it 0xFF 0x00 is a data
/// byte and RSTn a restart; any other marker (EOI, or the tables and next scan of a progressive file) ends it.
fn skip_entropy_coded(b: &[u8], mut pos: usize) -> Result<usize, Refusal> {
    loop {
        let ff = pos + b.get(pos..).ok_or(TRUNCATED)?.iter().position(|&x| x == 0xFF).ok_or(TRUNCATED)?;
        match *b.get(ff + 1).ok_or(TRUNCATED)? {
            0x00 | RST0..=RST7 => pos = ff + 2,
            // Fill bytes: the marker code comes after the last 0xFF.
            0xFF => pos = ff + 1,
            _ => return Ok(ff),
        }
    }
}

const IHDR: [u8; 4] = *b"IHDR";
const PLTE: [u8; 4] = *b"PLTE";
const IDAT: [u8; 4] = *b"IDAT";
const IEND: [u8; 4] = *b"IEND";

fn walk_png(b: &[u8]) -> Result<Layout, Refusal> {
    let mut pos = PNG_SIGNATURE.len();
    let mut metadata = MetadataBudget::default();
    let mut header: Option<(u32, u32)> = None;
    let (mut palette, mut in_idat, mut idat_done) = (false, false, false);
    loop {
        let head = b.get(pos..pos + 8).ok_or(TRUNCATED)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        if len > 0x7FFF_FFFF || !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(Refusal::Unreadable("chunk header"));
        }
        let data = b.get(pos + 8..pos + 8 + len as usize).ok_or(TRUNCATED)?;
        // The 4-byte CRC is left to the decoder; its presence is ours to check.
        let end = pos + 12 + len as usize;
        if end > b.len() {
            return Err(TRUNCATED);
        }
        if header.is_none() && kind != IHDR {
            return Err(Refusal::Unreadable("IHDR is not the first chunk"));
        }
        if in_idat && kind != IDAT {
            in_idat = false;
            idat_done = true;
        }
        match kind {
            IHDR => {
                let (Some(w), Some(h), None) = (data.get(0..4), data.get(4..8), header) else {
                    return Err(Refusal::Unreadable("IHDR"));
                };
                let width = u32::from_be_bytes([w[0], w[1], w[2], w[3]]);
                let height = u32::from_be_bytes([h[0], h[1], h[2], h[3]]);
                if len != 13 || width == 0 || height == 0 {
                    return Err(Refusal::Unreadable("IHDR"));
                }
                check_dimensions(width, height)?;
                header = Some((width, height));
            }
            PLTE if palette || in_idat || idat_done => return Err(Refusal::Unreadable("PLTE")),
            PLTE => palette = true,
            IDAT if idat_done => return Err(Refusal::Unreadable("IDAT chunks are not consecutive")),
            IDAT => in_idat = true,
            IEND => {
                let Some((width, height)) = header.filter(|_| idat_done && len == 0) else {
                    return Err(Refusal::Unreadable("IEND"));
                };
                trailing(&b[end..])?;
                return Ok(Layout { format: Format::Png, width, height });
            }
            // The specification tells decoders to refuse an unknown critical chunk (upper-case first letter).
            _ if kind[0].is_ascii_uppercase() => return Err(Refusal::Unreadable("unknown critical chunk")),
            _ => metadata.spend(len as usize + 12)?,
        }
        pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo_check::PHOTO_TOO_MANY_PIXELS;

    fn unreadable(bytes: &[u8]) -> &'static str {
        match walk(bytes) {
            Err(Refusal::Unreadable(why)) => why,
            other => panic!("expected unreadable, got {other:?}"),
        }
    }

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
        out.extend_from_slice(body);
        out
    }

    fn sof(width: u16, height: u16) -> Vec<u8> {
        let mut body = vec![8];
        body.extend_from_slice(&height.to_be_bytes());
        body.extend_from_slice(&width.to_be_bytes());
        body.extend_from_slice(&[1, 1, 0x11, 0]);
        segment(0xC0, &body)
    }

    /// A structurally complete JPEG (not decodable: the walk does not look at the entropy-coded bits).
    fn jpeg_with(metadata: &[Vec<u8>], scan_data: &[u8], tail: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, SOI];
        for m in metadata {
            out.extend_from_slice(m);
        }
        out.extend(segment(0xDB, &[0; 65]));
        out.extend(sof(300, 400));
        out.extend(segment(DHT, &[0; 17]));
        out.extend(segment(SOS, &[1, 1, 0, 0, 63, 0]));
        out.extend_from_slice(scan_data);
        out.extend_from_slice(&[0xFF, EOI]);
        out.extend_from_slice(tail);
        out
    }

    #[test]
    fn a_well_formed_jpeg_structure_passes_with_its_declared_size() {
        let layout = walk(&jpeg_with(&[segment(APP0, b"JFIF\0")], &[1, 2, 3], &[])).unwrap();
        assert_eq!(layout, Layout { format: Format::Jpeg, width: 300, height: 400 });
    }

    #[test]
    fn entropy_coded_data_may_hold_stuffed_bytes_restarts_and_progressive_tables() {
        // 0xFF00 is a data byte, RSTn a restart, runs of 0xFF are fill: none of them ends the scan.
        let data = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD7, 0xFF, 0xFF, 0xFF, 0x00];
        walk(&jpeg_with(&[], &data, &[])).unwrap();
        // A progressive file: tables and a second scan after the first one's data.
        let mut two_scans = jpeg_with(&[], &[0xAA, 0xFF, 0x00], &[]);
        two_scans.truncate(two_scans.len() - 2);
        two_scans.extend(segment(DHT, &[0; 17]));
        two_scans.extend(segment(0xDD, &[0, 4]));
        two_scans.extend(segment(SOS, &[1, 1, 0, 1, 63, 0]));
        two_scans.extend_from_slice(&[0xBB, 0xFF, 0xD1, 0xCC, 0xFF, EOI]);
        walk(&two_scans).unwrap();
    }

    #[test]
    fn garbled_or_truncated_jpegs_are_unreadable() {
        let good = jpeg_with(&[], &[1, 2, 3], &[]);
        for cut in [3, 5, 20, good.len() - 5, good.len() - 1] {
            assert_eq!(unreadable(&good[..cut]), "truncated", "cut at {cut}");
        }
        // No scan at all.
        let mut no_scan = vec![0xFF, SOI];
        no_scan.extend(sof(300, 400));
        no_scan.extend_from_slice(&[0xFF, EOI]);
        assert_eq!(unreadable(&no_scan), "no image data before the end marker");
        // A segment length running past the end, and one below its own size field.
        let mut past = vec![0xFF, SOI, 0xFF, 0xE1, 0xFF, 0xFF, 0];
        assert_eq!(unreadable(&past), "truncated");
        past[4..6].copy_from_slice(&[0, 1]);
        assert_eq!(unreadable(&past), "segment length");
        // A restart marker between segments, and bytes where a marker should be.
        let mut stray = vec![0xFF, SOI, 0xFF, 0xD3];
        stray.extend(jpeg_with(&[], &[1], &[])[2..].iter());
        assert_eq!(unreadable(&stray), "unexpected marker");
        assert_eq!(unreadable(&[0xFF, SOI, 0xFF, 0xE0, 0, 2, 0x12, 0x34]), "expected a marker");
        // A second frame header.
        let mut twice = vec![0xFF, SOI];
        twice.extend(sof(300, 400));
        twice.extend(jpeg_with(&[], &[1], &[])[2..].iter());
        assert_eq!(unreadable(&twice), "second frame header");
    }

    #[test]
    fn metadata_is_bounded_in_count_and_size() {
        let empty_app = segment(0xE5, &[]);
        walk(&jpeg_with(&vec![empty_app.clone(); MAX_METADATA_SEGMENTS], &[1], &[])).unwrap();
        let too_many = vec![empty_app; MAX_METADATA_SEGMENTS + 1];
        assert_eq!(unreadable(&jpeg_with(&too_many, &[1], &[])), "too many metadata segments");
        assert_eq!(unreadable(&jpeg_with(&vec![segment(COM, b"hi"); 17], &[1], &[])), "too many metadata segments");

        // Four nearly full 64 KB segments fit (with their markers), a fifth does not.
        let full = segment(0xE1, &[0; 65_000]);
        walk(&jpeg_with(&vec![full.clone(); 4], &[1], &[])).unwrap();
        assert_eq!(unreadable(&jpeg_with(&vec![full; 5], &[1], &[])), "too much metadata");
    }

    #[test]
    fn only_a_little_padding_may_follow_the_end_marker() {
        for tail in [&b""[..], b"\r\n", b"\0\0", &[0; TRAILING_SLACK]] {
            walk(&jpeg_with(&[], &[1], tail)).unwrap();
        }
        for tail in [&b"<html><script>"[..], b"\0\0\0x", &[0; TRAILING_SLACK + 1]] {
            assert_eq!(unreadable(&jpeg_with(&[], &[1], tail)), "data after the end of the image", "{tail:?}");
        }
        // A second picture glued after the first (as in a polyglot or an MPF file).
        let good = jpeg_with(&[], &[1], &[]);
        assert_eq!(unreadable(&[good.clone(), good].concat()), "data after the end of the image");
    }

    #[test]
    fn scans_and_tables_are_bounded() {
        let mut many = jpeg_with(&[], &[1], &[]);
        many.truncate(many.len() - 2);
        for _ in 0..MAX_SCANS {
            many.extend(segment(SOS, &[1, 1, 0, 1, 63, 0]));
            many.push(0x42);
        }
        many.extend_from_slice(&[0xFF, EOI]);
        assert_eq!(unreadable(&many), "too many scans");
        let tables = vec![segment(DHT, &[]); MAX_TABLE_SEGMENTS];
        let mut flood = vec![0xFF, SOI];
        flood.extend(tables.concat());
        flood.extend(jpeg_with(&[], &[1], &[])[2..].iter());
        assert_eq!(unreadable(&flood), "too many segments");
    }

    #[test]
    fn declared_dimensions_are_judged_as_soon_as_the_header_is_read() {
        // The frame header alone, truncated right after: the size decides before the missing rest.
        let mut huge = vec![0xFF, SOI];
        huge.extend(sof(8000, 6000));
        assert_eq!(walk(&huge), Err(Refusal::TooManyPixels));
        assert_eq!(Refusal::TooManyPixels.code(), PHOTO_TOO_MANY_PIXELS);
        let mut tiny = vec![0xFF, SOI];
        tiny.extend(sof(100, 120));
        assert_eq!(walk(&tiny), Err(Refusal::TooSmall));
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 4]);
        out
    }

    fn ihdr(w: u32, h: u32) -> Vec<u8> {
        let mut data = w.to_be_bytes().to_vec();
        data.extend_from_slice(&h.to_be_bytes());
        data.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(b"IHDR", &data)
    }

    fn png_with(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut out = PNG_SIGNATURE.to_vec();
        out.extend(chunks.concat());
        out
    }

    #[test]
    fn png_chunks_are_walked() {
        let good = png_with(&[ihdr(300, 400), chunk(b"IDAT", &[1]), chunk(b"IDAT", &[2]), chunk(b"IEND", &[])]);
        assert_eq!(walk(&good).unwrap(), Layout { format: Format::Png, width: 300, height: 400 });
        for cut in [10, 20, good.len() - 13, good.len() - 1] {
            assert_eq!(unreadable(&good[..cut]), "truncated", "cut at {cut}");
        }
        let cases: [(&[Vec<u8>], &str); 6] = [
            (&[chunk(b"tEXt", b"a"), ihdr(300, 400)], "IHDR is not the first chunk"),
            (&[ihdr(300, 400), chunk(b"IEND", &[])], "IEND"),
            (
                &[ihdr(300, 400), chunk(b"IDAT", &[1]), chunk(b"tEXt", b"a"), chunk(b"IDAT", &[1])],
                "IDAT chunks are not consecutive",
            ),
            (&[ihdr(300, 400), chunk(b"ABCD", &[]), chunk(b"IDAT", &[1])], "unknown critical chunk"),
            (&[ihdr(300, 400), chunk(b"IDAT", &[1]), chunk(b"PLTE", &[0; 3])], "PLTE"),
            (&[ihdr(300, 400), chunk(b"I\0AT", &[1])], "chunk header"),
        ];
        for (chunks, why) in cases {
            assert_eq!(unreadable(&png_with(chunks)), why);
        }
        assert_eq!(walk(&png_with(&[ihdr(6000, 8000)])), Err(Refusal::TooManyPixels));
    }

    #[test]
    fn png_text_and_exif_chunks_are_metadata() {
        let body = |extra: Vec<Vec<u8>>| {
            let mut chunks = vec![ihdr(300, 400)];
            chunks.extend(extra);
            chunks.extend([chunk(b"IDAT", &[1]), chunk(b"IEND", &[])]);
            png_with(&chunks)
        };
        walk(&body(vec![chunk(b"tEXt", b"Comment\0hi"); MAX_METADATA_SEGMENTS])).unwrap();
        assert_eq!(
            unreadable(&body(vec![chunk(b"tEXt", b"k\0v"); MAX_METADATA_SEGMENTS + 1])),
            "too many metadata segments"
        );
        assert_eq!(unreadable(&body(vec![chunk(b"eXIf", &vec![0; MAX_METADATA_BYTES])])), "too much metadata");
        let mut trailing = body(vec![]);
        trailing.extend_from_slice(b"<html><script>alert(1)</script></html>");
        assert_eq!(unreadable(&trailing), "data after the end of the image");
    }
}
