//! The neutral value types every language shares (`int`, `list[T]`, ...).

use serde::Serialize;
use serde_json::Value;

/// A value type in the neutral vocabulary shared by every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueType {
    Int,
    Float,
    Str,
    Bool,
    None,
    List(Box<ValueType>),
    Dict(Box<ValueType>),
    Optional(Box<ValueType>),
    /// A fixed-length list whose items have these types in order, e.g. a
    /// `[name, sell_in, quality]` row.
    Tuple(Vec<ValueType>),
}

/// Splits `a, list[b, c], d` at its top-level commas.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s[start..].trim());
    parts
}

impl ValueType {
    pub fn parse(text: &str) -> Result<ValueType, String> {
        let t = text.trim();
        let inner = |prefix: &str| {
            t.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(']'))
                .map(str::trim)
        };
        Ok(match t {
            "int" => ValueType::Int,
            "float" => ValueType::Float,
            "str" => ValueType::Str,
            "bool" => ValueType::Bool,
            "none" => ValueType::None,
            _ => {
                if let Some(i) = inner("list[") {
                    ValueType::List(Box::new(ValueType::parse(i)?))
                } else if let Some(i) = inner("tuple[") {
                    let items = split_top_level(i)
                        .into_iter()
                        .map(ValueType::parse)
                        .collect::<Result<Vec<_>, _>>()?;
                    ValueType::Tuple(items)
                } else if let Some(i) = inner("optional[") {
                    ValueType::Optional(Box::new(ValueType::parse(i)?))
                } else if let Some(i) = inner("dict[") {
                    let value = i
                        .strip_prefix("str")
                        .map(str::trim_start)
                        .and_then(|r| r.strip_prefix(','));
                    match value {
                        Some(v) => ValueType::Dict(Box::new(ValueType::parse(v)?)),
                        None => {
                            return Err(format!(
                                "{t:?}: dict keys must be str, as in dict[str, int]"
                            ));
                        }
                    }
                } else {
                    return Err(format!(
                        "unknown type {t:?}; use int, float, str, bool, none, list[T], dict[str, T], optional[T] or tuple[T1, T2, ...]"
                    ));
                }
            }
        })
    }

    /// Whether a JSON value has this type (used to check case data).
    pub fn admits(&self, v: &Value) -> bool {
        match (self, v) {
            (ValueType::Int, Value::Number(n)) => n.is_i64() || n.is_u64(),
            (ValueType::Float, Value::Number(_)) => true,
            (ValueType::Str, Value::String(_)) => true,
            (ValueType::Bool, Value::Bool(_)) => true,
            (ValueType::None, Value::Null) => true,
            (ValueType::List(t), Value::Array(items)) => items.iter().all(|i| t.admits(i)),
            (ValueType::Dict(t), Value::Object(map)) => map.values().all(|i| t.admits(i)),
            (ValueType::Tuple(ts), Value::Array(items)) => {
                ts.len() == items.len() && ts.iter().zip(items).all(|(t, i)| t.admits(i))
            }
            (ValueType::Optional(_), Value::Null) => true,
            (ValueType::Optional(t), v) => t.admits(v),
            _ => false,
        }
    }
}

impl std::fmt::Display for ValueType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueType::Int => write!(f, "int"),
            ValueType::Float => write!(f, "float"),
            ValueType::Str => write!(f, "str"),
            ValueType::Bool => write!(f, "bool"),
            ValueType::None => write!(f, "none"),
            ValueType::List(t) => write!(f, "list[{t}]"),
            ValueType::Dict(t) => write!(f, "dict[str, {t}]"),
            ValueType::Optional(t) => write!(f, "optional[{t}]"),
            ValueType::Tuple(ts) => {
                let items: Vec<String> = ts.iter().map(ToString::to_string).collect();
                write!(f, "tuple[{}]", items.join(", "))
            }
        }
    }
}

impl Serialize for ValueType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}
