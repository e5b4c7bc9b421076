//! Browser-only checks, run by `wasm-pack test --headless --chrome -- --test wasm_browser`:
//! the UTF-16 offsets work as DOM Range offsets on a real text node.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use release_annotator::wasm::annotate_js;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("property")
}

#[wasm_bindgen_test]
fn offsets_select_the_entity_in_a_dom_range() {
    let text = "Ωmega 👩‍⚕️ reported: KEYTRUDA® 200 mg Q3W; ORR 45.5% in phase 3.";
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    let node = document.create_text_node(text);
    div.append_child(&node).unwrap();
    document.body().unwrap().append_child(&div).unwrap();

    let es: Vec<JsValue> = Array::from(&annotate_js(text).unwrap()).iter().collect();
    assert!(
        es.len() >= 4,
        "expected drug, dose, schedule, outcome; got {}",
        es.len()
    );
    let range = document.create_range().unwrap();
    for e in &es {
        let start = get(e, "start").as_f64().unwrap() as u32;
        let end = get(e, "end").as_f64().unwrap() as u32;
        range.set_start(&node, start).unwrap();
        range.set_end(&node, end).unwrap();
        let selected: String = range.to_string().into();
        assert_eq!(selected, get(e, "text").as_string().unwrap());
    }
    div.remove();
}

#[wasm_bindgen_test]
fn highlighting_by_ranges_keeps_the_text_intact() {
    let text = "<b>not bold</b> 5 mg <script>alert(1)</script> daily";
    let es: Vec<JsValue> = Array::from(&annotate_js(text).unwrap()).iter().collect();
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    div.set_text_content(Some(text));
    assert_eq!(div.text_content().unwrap(), text);
    assert_eq!(div.child_element_count(), 0);
    assert!(es.iter().any(|e| get(e, "label").as_string().unwrap() == "DOSE"));
}
