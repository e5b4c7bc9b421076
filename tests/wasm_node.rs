//! The JS API as JavaScript sees it, run in Node by `wasm-pack test --node -- --test wasm_node`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use release_annotator::wasm::annotate_js;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("property")
}

fn entities(text: &str) -> Vec<JsValue> {
    let v = annotate_js(text).expect("annotate");
    Array::from(&v).iter().collect()
}

/// Every entity's UTF-16 offsets slice the JS string to exactly its text.
fn assert_slices(text: &str) -> Vec<JsValue> {
    let js_text = JsString::from(text);
    let es = entities(text);
    for e in &es {
        let start = get(e, "start").as_f64().unwrap() as u32;
        let end = get(e, "end").as_f64().unwrap() as u32;
        let sliced: String = js_text.slice(start, end).into();
        assert_eq!(sliced, get(e, "text").as_string().unwrap());
    }
    es
}

#[wasm_bindgen_test]
fn returns_labelled_entities_with_attrs() {
    let es = assert_slices("SAR566658 was given at 190 mg/m² every three weeks.");
    let labels: Vec<String> = es.iter().map(|e| get(e, "label").as_string().unwrap()).collect();
    assert_eq!(labels, ["DRUG", "DOSE", "SCHEDULE"]);
    let dose_attrs = get(&es[1], "attrs");
    assert_eq!(get(&dose_attrs, "value").as_f64(), Some(190.0));
    assert_eq!(get(&dose_attrs, "unit").as_string().as_deref(), Some("mg"));
    assert_eq!(get(&dose_attrs, "per").as_string().as_deref(), Some("m2"));
    assert_eq!(
        get(&get(&es[2], "attrs"), "code").as_string().as_deref(),
        Some("Q3W")
    );
    // Missing values are absent, not null.
    assert!(!Reflect::has(&dose_attrs, &JsValue::from_str("ci")).unwrap());
    assert!(get(&es[0], "rule").is_string());
}

#[wasm_bindgen_test]
fn offsets_are_utf16_after_astral_characters() {
    let text = "😀😀 µ® 200 mg of MK-3475 — ORR 45%";
    let es = assert_slices(text);
    let dose = es
        .iter()
        .find(|e| get(e, "label").as_string().unwrap() == "DOSE")
        .unwrap();
    // 2 emoji = 4 UTF-16 units, then " µ® " = 4 more.
    assert_eq!(get(dose, "start").as_f64(), Some(8.0));
    assert!(es
        .iter()
        .any(|e| get(e, "text").as_string().unwrap() == "MK-3475"));
}

#[wasm_bindgen_test]
fn empty_and_odd_text_give_arrays() {
    assert!(entities("").is_empty());
    let weird = "\u{0}\u{202e}mg/mg/mg ®®® 1e999 mg \u{fffd}";
    let es = assert_slices(weird);
    assert!(es.iter().all(|e| e.is_object()));
    assert!(annotate_js("x").unwrap().dyn_into::<Array>().is_ok());
}

#[wasm_bindgen_test]
fn warm_up_compiles_the_rules_ahead_of_the_first_text() {
    release_annotator::wasm::warm_up_js();
    let compiled = release_annotator::re::compiled();
    assert!(compiled > 100, "warmUp compiled only {compiled} patterns");
    // The wasm has no pattern parser: a pattern data/patterns.txt lacks would match nothing.
    assert_eq!(
        release_annotator::re::unlisted(),
        0,
        "patterns missing from data/patterns.txt"
    );
    assert_slices("Zentara Bio's ZB-4417 at 6 mg/kg every three weeks gave an ORR of 38% (95% CI, 27-50) in 42 patients.");
    assert_eq!(
        release_annotator::re::compiled(),
        compiled,
        "annotate compiled a pattern after warmUp"
    );
}
