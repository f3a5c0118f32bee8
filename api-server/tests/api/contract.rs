//! Contract check: every API response a test receives must match the schema `openapi.yaml` documents for its
//! path, method, status and content type. A status or content type the document does not list fails the test.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

pub struct Contract {
    doc: Value,
    validators: Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>,
    /// (method, path template) seen by any test, for the coverage check.
    pub seen: Mutex<BTreeSet<(String, String)>>,
}

pub fn contract() -> &'static Contract {
    static C: OnceLock<Contract> = OnceLock::new();
    C.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml");
        let text = std::fs::read_to_string(path).expect("openapi.yaml");
        let doc: Value = serde_yaml::from_str(&text).expect("openapi.yaml is valid YAML");
        assert_eq!(doc["openapi"].as_str().map(|v| v.starts_with("3.1")), Some(true), "OpenAPI 3.1");
        Contract { doc, validators: Mutex::new(HashMap::new()), seen: Mutex::new(BTreeSet::new()) }
    })
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer as a URI fragment: `{` and `}` of path templates must be percent-encoded.
fn percent_encode(pointer: &str) -> String {
    pointer
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Contract {
    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// The documented path template matching a concrete path (relative to `/api/v1`).
    pub fn template_for(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let paths = self.doc["paths"].as_object()?;
        // Prefer literal templates over parameterised ones.
        let mut candidates: Vec<&String> = paths.keys().collect();
        candidates.sort_by_key(|t| t.matches('{').count());
        candidates
            .into_iter()
            .find(|t| {
                let ts: Vec<&str> = t.split('/').collect();
                ts.len() == segments.len()
                    && ts.iter().zip(&segments).all(|(a, b)| (a.starts_with('{') && !b.is_empty()) || a == b)
            })
            .cloned()
    }

    fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => self.doc.pointer(r.trim_start_matches('#')).unwrap_or(&Value::Null),
            None => v,
        }
    }

    fn validator(&self, pointer: &str) -> std::sync::Arc<jsonschema::Validator> {
        let mut cache = self.validators.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(v) = cache.get(pointer) {
            return v.clone();
        }
        // Validate against the whole document with a root $ref, so `#/components/...` refs resolve.
        let mut root = self.doc.clone();
        root["$schema"] = Value::from("https://json-schema.org/draft/2020-12/schema");
        root["$ref"] = Value::from(format!("#{}", percent_encode(pointer)));
        let v = std::sync::Arc::new(
            jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("schema at {pointer} does not compile: {e}")),
        );
        cache.insert(pointer.to_string(), v.clone());
        v
    }

    /// Panics unless the response is documented and its body matches the schema.
    pub fn check(&self, method: &str, path: &str, status: u16, content_type: &str, body: &[u8]) {
        let rel = path.split('?').next().unwrap().strip_prefix("/api/v1").expect("an API path");
        let template = self
            .template_for(rel)
            .unwrap_or_else(|| panic!("{method} {path} answered {status}, but no path of openapi.yaml matches"));
        let method_l = method.to_ascii_lowercase();
        let op = &self.doc["paths"][&template][&method_l];
        assert!(op.is_object(), "{method} {template} is not documented (answered {status})");
        self.seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert((method_l.clone(), template.clone()));
        let response = op["responses"].get(status.to_string()).map(|r| self.resolve(r)).unwrap_or_else(|| {
            panic!("{method} {template}: status {status} is not documented; body: {}", String::from_utf8_lossy(body))
        });
        let essence = content_type.split(';').next().unwrap_or("").trim();
        // An answer documented without content must come without a body.
        if response.get("content").is_none() {
            assert!(
                body.is_empty(),
                "{method} {template} {status}: documented without a body, got {}",
                String::from_utf8_lossy(body)
            );
            return;
        }
        let media = response["content"]
            .get(essence)
            .unwrap_or_else(|| panic!("{method} {template} {status}: content type {essence:?} is not documented"));
        assert!(media.get("schema").is_some(), "{method} {template} {status} {essence}: no schema");
        // A binary answer (a photo) is checked by its signature, not a JSON schema.
        if essence == "image/jpeg" {
            assert!(body.starts_with(&[0xFF, 0xD8, 0xFF]), "{method} {template} {status}: not a JPEG");
            return;
        }
        // The pointer to the schema, following a response $ref if there was one.
        let pointer = match op["responses"][status.to_string()].get("$ref").and_then(Value::as_str) {
            Some(r) => format!("{}/content/{}/schema", r.trim_start_matches('#'), escape(essence)),
            None => format!(
                "/paths/{}/{}/responses/{}/content/{}/schema",
                escape(&template),
                method_l,
                status,
                escape(essence)
            ),
        };
        let instance: Value = serde_json::from_slice(body).unwrap_or_else(|e| {
            panic!("{method} {path} {status}: body is not JSON ({e}): {}", String::from_utf8_lossy(body))
        });
        let validator = self.validator(&pointer);
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(
            errors.is_empty(),
            "{method} {path} {status} does not match {pointer}:\n{}\nbody: {instance}",
            errors.join("\n")
        );
    }

    /// Every documented (method, template) pair: no tag is skipped, so nothing new goes unexercised.
    pub fn documented_operations(&self) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (template, item) in self.doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                    continue;
                }
                let _ = op;
                out.insert((method.clone(), template.clone()));
            }
        }
        out
    }
}
