//! Every shape of value the API types and the draft use, read by `passregion_json::from_str`: in the browser
//! (`JSON.parse` and the crate's own deserializer over `JsValue`) and natively (serde_json), with the same
//! expectations wherever the two agree. Where they differ on purpose (integers beyond 2^53, unknown fields under
//! `deny_unknown_fields`, the error texts) the browser's behaviour is the one serde-wasm-bindgen had.
//!
//! Browser: `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown -p passregion-json`; natively: `cargo test -p passregion-json`.

use passregion_json::from_str;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::fmt::Debug;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[derive(Deserialize, Debug, PartialEq, Default)]
struct Inner {
    count: u32,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "snake_case")]
enum Plain {
    #[default]
    FirstChoice,
    SecondChoice,
}

/// Externally tagged: `"unit"`, `{"newtype": 3}`, `{"tuple": [1, "a"]}`, `{"strukt": {"on": "x"}}`.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
enum External {
    Unit,
    Newtype(u32),
    Tuple(u8, String),
    Strukt { on: String },
}

/// As core's `status::Event`.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Internal {
    Registered { on: String },
    PhotoRefused { on: String, reason: Option<String> },
    Closed,
}

/// As core's `advantages::Measure`.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
enum Adjacent {
    Free,
    Cents(u32),
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(untagged)]
enum Untagged {
    Number(u32),
    Text(String),
    Pair { a: bool },
}

#[derive(Deserialize, Debug, PartialEq)]
struct Newtype(String);

#[derive(Deserialize, Debug, PartialEq)]
struct UnitStruct;

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(default)]
struct Everything {
    text: String,
    flag: bool,
    small: u32,
    signed: i64,
    big: u64,
    ratio: f64,
    maybe: Option<String>,
    list: Vec<u8>,
    nested: Inner,
    choice: Plain,
    #[serde(rename = "type")]
    kind: String,
    map: BTreeMap<String, u32>,
    #[serde(skip)]
    skipped: u32,
}

/// As the server's request types.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Strict {
    a: u32,
}

fn reads<T: DeserializeOwned + Debug + PartialEq>(json: &str, expected: &T) {
    match from_str::<T>(json) {
        Ok(value) => assert_eq!(&value, expected, "{json}"),
        Err(e) => panic!("{json} should read, got {e}"),
    }
}

fn refused<T: DeserializeOwned + Debug>(json: &str) -> String {
    match from_str::<T>(json) {
        Ok(value) => panic!("{json} should be refused, read {value:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_struct_with_every_kind_of_field() {
    let json = r#"{"text":"Éloi \"N'Diaye\"\n😀","flag":true,"small":4294967295,"signed":-9007199254740991,
        "big":9007199254740991,"ratio":-0.25,"maybe":"yes","list":[0,7,255],"nested":{"count":3,"note":null},
        "choice":"second_choice","type":"renamed","map":{"b":2,"a":1},"skipped":9,"unknown":{"deep":[1]}}"#;
    let expected = Everything {
        text: "Éloi \"N'Diaye\"\n😀".into(),
        flag: true,
        small: u32::MAX,
        signed: -9_007_199_254_740_991,
        big: 9_007_199_254_740_991,
        ratio: -0.25,
        maybe: Some("yes".into()),
        list: vec![0, 7, 255],
        nested: Inner { count: 3, note: None },
        choice: Plain::SecondChoice,
        kind: "renamed".into(),
        map: BTreeMap::from([("a".into(), 1), ("b".into(), 2)]),
        skipped: 0,
    };
    reads(json, &expected);
}

#[test]
fn missing_fields_take_their_default_and_options_none() {
    reads("{}", &Everything::default());
    reads(r#"{"count":1}"#, &Inner { count: 1, note: None });
    reads(r#"{"count":1,"note":"n"}"#, &Inner { count: 1, note: Some("n".into()) });
    reads::<Option<u32>>("null", &None);
    reads::<Option<u32>>("5", &Some(5));
    reads::<Vec<Option<bool>>>("[null,true]", &vec![None, Some(true)]);
}

#[test]
fn numbers() {
    let table: &[(&str, f64)] = &[("0", 0.0), ("-0", 0.0), ("1.5", 1.5), ("1e3", 1000.0), ("-2.5e-3", -0.0025)];
    for (json, n) in table {
        reads::<f64>(json, n);
    }
    reads::<f32>("0.5", &0.5);
    reads::<u8>("255", &255);
    reads::<i8>("-128", &-128);
    reads::<i32>("-2147483648", &i32::MIN);
    reads::<i64>("-9007199254740991", &-9_007_199_254_740_991);
    // Out of the type's range, not an integer, or not a number: refused, never wrapped or rounded.
    for json in ["-1", "4294967296", "1.5", "\"3\"", "true", "null", "[1]", "{}"] {
        refused::<u32>(json);
    }
    refused::<u8>("256");
    refused::<i8>("-129");
    refused::<i64>("0.1");
    refused::<f64>("\"1.5\"");
}

/// JS numbers hold integers exactly up to 2^53 − 1: beyond, `JSON.parse` has already rounded the value, so the
/// browser refuses it as an integer (serde_json, reading the text, still can).
#[test]
fn integers_beyond_2_pow_53() {
    reads::<u64>("9007199254740991", &9_007_199_254_740_991);
    let beyond = ["9007199254740993", "18446744073709551615", "-9007199254740993"];
    if cfg!(target_arch = "wasm32") {
        refused::<u64>(beyond[0]);
        refused::<u64>(beyond[1]);
        refused::<i64>(beyond[2]);
    } else {
        reads::<u64>(beyond[0], &9_007_199_254_740_993);
        reads::<u64>(beyond[1], &u64::MAX);
        reads::<i64>(beyond[2], &-9_007_199_254_740_993);
    }
}

#[test]
fn enums() {
    reads(r#""first_choice""#, &Plain::FirstChoice);
    refused::<Plain>(r#""third""#);
    refused::<Plain>("0");

    reads(r#""unit""#, &External::Unit);
    reads(r#"{"unit":null}"#, &External::Unit);
    reads(r#"{"newtype":3}"#, &External::Newtype(3));
    reads(r#"{"tuple":[1,"a"]}"#, &External::Tuple(1, "a".into()));
    reads(r#"{"strukt":{"on":"x"}}"#, &External::Strukt { on: "x".into() });
    for json in [r#""newtype""#, r#""strukt""#, r#"{"newtype":3,"unit":null}"#, "{}", r#"{"tuple":[1]}"#, "[]"] {
        refused::<External>(json);
    }

    reads(r#"{"kind":"registered","on":"2026-09-01"}"#, &Internal::Registered { on: "2026-09-01".into() });
    reads(
        r#"{"on":"d","kind":"photo_refused","reason":"blurred"}"#,
        &Internal::PhotoRefused { on: "d".into(), reason: Some("blurred".into()) },
    );
    reads(r#"{"kind":"photo_refused","on":"d"}"#, &Internal::PhotoRefused { on: "d".into(), reason: None });
    reads(r#"{"kind":"closed"}"#, &Internal::Closed);
    for json in [r#"{"on":"d"}"#, r#"{"kind":"opened"}"#, r#"{"kind":"registered"}"#, r#"{"kind":3}"#, r#""closed""#] {
        refused::<Internal>(json);
    }

    reads(r#"{"unit":"free"}"#, &Adjacent::Free);
    reads(r#"{"unit":"cents","value":1500}"#, &Adjacent::Cents(1500));
    reads(r#"{"value":1500,"unit":"cents"}"#, &Adjacent::Cents(1500));
    for json in [r#"{"unit":"cents"}"#, r#"{"unit":"cents","value":"x"}"#, r#"{"value":1}"#, r#""free""#] {
        refused::<Adjacent>(json);
    }

    reads("7", &Untagged::Number(7));
    reads(r#""seven""#, &Untagged::Text("seven".into()));
    reads(r#"{"a":true}"#, &Untagged::Pair { a: true });
    refused::<Untagged>("[7]");
}

#[test]
fn sequences_tuples_maps_and_newtypes() {
    reads::<Vec<String>>(r#"["a","b"]"#, &vec!["a".into(), "b".into()]);
    reads::<Vec<Vec<u32>>>("[[],[1,2]]", &vec![vec![], vec![1, 2]]);
    reads::<(u32, String, bool)>(r#"[1,"x",false]"#, &(1, "x".into(), false));
    refused::<(u32, String)>("[1]");
    refused::<(u32, String)>(r#"[1,"x",2]"#);
    refused::<Vec<u32>>(r#"{"0":1}"#);
    refused::<Vec<u32>>(r#""abc""#);
    reads::<BTreeMap<String, bool>>(r#"{"x":true}"#, &BTreeMap::from([("x".into(), true)]));
    refused::<BTreeMap<String, bool>>(r#"[["x",true]]"#);
    refused::<BTreeMap<String, bool>>(r#"{"x":1}"#);
    reads(r#""n""#, &Newtype("n".into()));
    reads("null", &UnitStruct);
    reads::<()>("null", &());
    refused::<()>("0");
    reads::<char>(r#""é""#, &'é');
    refused::<char>(r#""ab""#);
    reads::<bool>("false", &false);
    refused::<bool>("0");
    reads::<String>(r#""""#, &String::new());
    refused::<String>("null");
}

#[test]
fn wrong_types_are_errors_not_panics() {
    for json in ["null", "1", "\"s\"", "true", r#"{"text":1}"#, r#"{"nested":{"count":-1}}"#, r#"{"list":[256]}"#] {
        refused::<Everything>(json);
    }
    refused::<Inner>(r#"{"note":"no count"}"#);
    refused::<Inner>(r#"{"count":null}"#);
    refused::<Everything>("{not json");
    refused::<Everything>("");
}

#[test]
fn unknown_fields() {
    reads(r#"{"count":1,"later_field":[1,{"x":null}]}"#, &Inner { count: 1, note: None });
    // The browser reads a struct's declared fields only, as serde-wasm-bindgen did: it never sees the extra one.
    if cfg!(target_arch = "wasm32") {
        reads(r#"{"a":1,"b":2}"#, &Strict { a: 1 });
    } else {
        refused::<Strict>(r#"{"a":1,"b":2}"#);
    }
}

/// The browser's error says where the value was and what type was wanted; it never prints a float, nor the text
/// found (neither needs formatting code the first page would otherwise not carry).
#[cfg(target_arch = "wasm32")]
#[test]
fn error_texts_name_the_path_without_the_value() {
    let table: &[(&str, &str)] = &[
        (r#"{"small":1.5}"#, "small: found a number, expected u32"),
        (r#"{"small":-1}"#, "small: invalid value (an integer), expected u32"),
        (r#"{"nested":{"count":"3"}}"#, "nested.count: found a string, expected u32"),
        (r#"{"list":[1,2,0.5]}"#, "list[2]: found a number, expected u8"),
        (r#"{"map":{"k":true}}"#, "map.k: found a boolean, expected u32"),
        (r#"{"choice":"third"}"#, "choice: unknown variant `third`"),
        (r#"{"nested":{}}"#, "nested: missing field `count`"),
        (r#"{"nested":[]}"#, "nested: found an array, expected struct Inner"),
        ("null", "found null, expected struct Everything"),
    ];
    for (json, message) in table {
        assert_eq!(refused::<Everything>(json), *message, "{json}");
    }
    assert_eq!(refused::<Vec<Vec<u8>>>("[[1],[2,true]]"), "[1][1]: found a boolean, expected u8");
    assert_eq!(refused::<(u8,)>("[1,2]"), "2 elements, expected fewer elements in array");
}
