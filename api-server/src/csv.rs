//! A small reader for the comma-separated files of the reference data (RFC 4180 quoting, header row).

use std::collections::HashMap;

/// Rows of a CSV text, each a map from header name to value.
pub fn parse(text: &str) -> Result<Vec<HashMap<String, String>>, String> {
    let mut records = records(text.trim_start_matches('\u{feff}'))?.into_iter();
    let header = records.next().ok_or("empty file")?;
    let mut rows = Vec::new();
    for (i, rec) in records.enumerate() {
        if rec.len() == 1 && rec[0].is_empty() {
            continue;
        }
        if rec.len() != header.len() {
            return Err(format!("row {}: {} fields, header has {}", i + 2, rec.len(), header.len()));
        }
        rows.push(header.iter().cloned().zip(rec).collect());
    }
    Ok(rows)
}

fn records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::new();
    let mut rec = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => rec.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                rec.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut rec));
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err("unterminated quoted field".into());
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push(rec);
    }
    Ok(out)
}

/// Writes one CSV line, quoting when needed.
pub fn line(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| if f.contains([',', '"', '\n']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.to_string() })
        .collect();
    quoted.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_and_crlf() {
        let rows = super::parse("a,b\r\n1,\"x, \"\"y\"\"\"\r\n\n2,\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["b"], "x, \"y\"");
        assert_eq!(rows[1]["b"], "");
        assert_eq!(super::line(&["a", "b,c"]), "a,\"b,c\"\n");
        assert!(super::parse("a\n\"x").is_err());
    }
}
