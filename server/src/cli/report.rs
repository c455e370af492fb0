//! How `randori test` and `randori kata submit` print a judged run.

use crate::runs::judge;
use randori_core::verdict::{Light, RowStatus};

/// Prints the rows and the light (or the whole report as JSON).
pub fn print(judged: &judge::Judged, json: bool, seed: Option<u64>) {
    if json {
        let report = serde_json::json!({
            "light": judged.outcome.light,
            "verdict": judged.outcome.verdict,
            "summary": judged.outcome.summary,
            "seed": seed,
            "results": judged.rows,
            "kata_trouble": judged.kata_trouble,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serializes")
        );
        return;
    }
    for row in &judged.rows {
        let status = serde_json::to_value(row.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!("{:<12} {}", status.to_uppercase(), row.name);
        if let Some(m) = &row.message {
            for line in m.lines() {
                println!("             {line}");
            }
        }
        if row.status != RowStatus::Passed
            && let (Some(e), Some(a)) = (&row.expected, &row.actual)
        {
            println!("             expected {e}\n             actual   {a}");
        }
    }
    let light = match judged.outcome.light {
        Light::Green => "GREEN",
        Light::Red => "RED",
        Light::Amber => "AMBER",
    };
    if let Some(why) = &judged.kata_trouble {
        println!("the kata itself failed: {why}");
    }
    match seed {
        Some(seed) => println!("{light}: {} (seed {seed})", judged.outcome.summary),
        None => println!("{light}: {}", judged.outcome.summary),
    }
}

