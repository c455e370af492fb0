//! Comparing a solution's value with the expected one, on the host.
//!
//! The guest never sees expected values and nothing it returns is trusted: it hands
//! back plain JSON, and equality is decided here.

use serde_json::Value;

use super::spec::CompareRules;

/// Whether `actual` matches `expected` under the kata's rules. `unordered` applies
/// to the top-level list only (e.g. "return the anagrams in any order").
pub fn matches(expected: &Value, actual: &Value, rules: &CompareRules) -> bool {
    match (expected, actual) {
        (Value::Array(e), Value::Array(a)) if rules.unordered => {
            if e.len() != a.len() {
                return false;
            }
            // Multiset comparison: each expected item claims one unclaimed equal item.
            let mut claimed = vec![false; a.len()];
            e.iter().all(|x| {
                match a
                    .iter()
                    .enumerate()
                    .position(|(i, y)| !claimed[i] && equal(x, y, rules.float_tolerance))
                {
                    Some(i) => {
                        claimed[i] = true;
                        true
                    }
                    None => false,
                }
            })
        }
        _ => equal(expected, actual, rules.float_tolerance),
    }
}

fn equal(expected: &Value, actual: &Value, tolerance: f64) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            if let (Some(e), Some(a)) = (e.as_i64(), a.as_i64()) {
                return e == a;
            }
            if let (Some(e), Some(a)) = (e.as_u64(), a.as_u64()) {
                return e == a;
            }
            match (e.as_f64(), a.as_f64()) {
                (Some(e), Some(a)) => (e - a).abs() <= tolerance * 1f64.max(e.abs()).max(a.abs()),
                _ => false,
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| equal(x, y, tolerance))
        }
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len()
                && e.iter()
                    .all(|(k, x)| a.get(k).is_some_and(|y| equal(x, y, tolerance)))
        }
        _ => expected == actual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(unordered: bool) -> CompareRules {
        CompareRules {
            float_tolerance: 1e-9,
            unordered,
        }
    }

    #[test]
    fn exact_values() {
        assert!(matches(&json!("Fizz"), &json!("Fizz"), &rules(false)));
        assert!(!matches(&json!("Fizz"), &json!("fizz"), &rules(false)));
        assert!(!matches(&json!(1), &json!(true), &rules(false)));
        assert!(!matches(&json!(null), &json!(0), &rules(false)));
        assert!(matches(
            &json!({"a": [1, 2]}),
            &json!({"a": [1, 2]}),
            &rules(false)
        ));
        assert!(!matches(
            &json!({"a": 1}),
            &json!({"a": 1, "b": 2}),
            &rules(false)
        ));
    }

    #[test]
    fn floats_within_tolerance() {
        assert!(matches(&json!(0.3), &json!(0.1 + 0.2), &rules(false)));
        assert!(!matches(&json!(0.3), &json!(0.31), &rules(false)));
        assert!(matches(&json!(3), &json!(3.0), &rules(false)));
        // Relative for large magnitudes.
        assert!(matches(&json!(1e12), &json!(1e12 + 1e-4), &rules(false)));
        assert!(matches(
            &json!([1.0, [2.5]]),
            &json!([1.0, [2.5000000000001]]),
            &rules(false)
        ));
    }

    #[test]
    fn big_integers_compare_exactly() {
        assert!(!matches(
            &json!(9007199254740993u64),
            &json!(9007199254740992u64),
            &rules(false)
        ));
    }

    #[test]
    fn unordered_top_level_lists() {
        assert!(matches(
            &json!(["a", "b", "b"]),
            &json!(["b", "a", "b"]),
            &rules(true)
        ));
        assert!(!matches(
            &json!(["a", "b", "b"]),
            &json!(["a", "a", "b"]),
            &rules(true)
        ));
        assert!(!matches(
            &json!(["a", "b"]),
            &json!(["b", "a"]),
            &rules(false)
        ));
        // Only the top level is unordered.
        assert!(!matches(
            &json!([["a", "b"]]),
            &json!([["b", "a"]]),
            &rules(true)
        ));
    }
}
